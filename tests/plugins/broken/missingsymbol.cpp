#include "brokenexporter.h"

// Defined nowhere: loading with every symbol resolved must fail.
extern "C" const char *hs_symbol_defined_nowhere();

QString BrokenExporter::formatName() const { return QString::fromLatin1(hs_symbol_defined_nowhere()); }
