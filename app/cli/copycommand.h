#pragma once

#include <QStringList>

namespace hs::app {

// `hyperslab copy SRC:/path DST[:/path] [--links keep|expand]`: copies a
// group (with its members), dataset or named datatype, with its attributes,
// layout, chunking and filters, into DST (a new file is created when DST does
// not exist). DST without a path, or with one ending in '/', takes the
// source's name. A destination name that exists is refused with the file left
// untouched; a failed or interrupted (SIGINT, SIGTERM) copy leaves no partial
// object. Exit 0, or 1 with one line on standard error (130 when interrupted).
int runCopyCommand(const QStringList &args);

} // namespace hs::app
