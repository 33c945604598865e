#include "brokenexporter.h"

// From libhs_absentdep.so, which the loader cannot find.
extern "C" const char *hs_absent_dep_name();

QString BrokenExporter::formatName() const { return QString::fromLatin1(hs_absent_dep_name()); }
