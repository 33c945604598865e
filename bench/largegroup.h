#pragma once

#include <QString>

namespace hs::bench {

// Writes `path` with a group `/big` of `members` links, as
// hs::fixtures::writeLargeGroupFile does (the shared fixture writer is used
// when the tests are built; this is the stand-in when they are not): latest
// file format, tiny compact int32 datasets, every 10th member a group, names
// item_0 ... created in a shuffled (non-natural) order.
bool writeLargeGroupFile(const QString &path, int members);

// How the group's links are stored.
enum class GroupFormat {
    SymbolTable, // the original format: a B-tree of symbol-table nodes and a local heap of names (h5py's default)
    Dense,       // the latest format: links in a fractal heap indexed by a v2 B-tree of name hashes
};

// Writes `path` with a group `/big` of `members` links as h5py writes them with
// its default settings (`f.create_group(name)` / `f.create_dataset(name,
// data=...)` in a loop): every 10th member an empty group, the others int32 (4,)
// datasets, each its own object (contiguous, data written), named item_0 ...
// and created in a shuffled (non-natural) order. SymbolTable uses the default
// file access properties (library bounds "earliest", as h5py does unless told
// otherwise); Dense sets the bounds to "latest". Writes to a temporary name
// and renames, so an interrupted run leaves no half-written file behind.
bool writeWideGroupFile(const QString &path, int members, GroupFormat format);

} // namespace hs::bench
