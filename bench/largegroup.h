#pragma once

#include <QString>

namespace hs::bench {

// Writes `path` with a group `/big` of `members` links, as
// hs::fixtures::writeLargeGroupFile does (the shared fixture writer is used
// when the tests are built; this is the stand-in when they are not): latest
// file format, tiny compact int32 datasets, every 10th member a group, names
// item_0 ... created in a shuffled (non-natural) order.
bool writeLargeGroupFile(const QString &path, int members);

} // namespace hs::bench
