#pragma once

#include <QStringList>

namespace hs::app {

// `hyperslab export FILE:/dataset [--select TEXT] [-o OUT.csv] [--delimiter C]
// [--no-header] [--index] [--float shortest|fixed|scientific] [--precision N]`:
// writes a selection of a dataset as CSV, to standard output without -o.
// Returns the process exit code (0 on success; 1 with a one-line error on
// standard error otherwise).
int runExportCommand(const QStringList &args);

} // namespace hs::app
