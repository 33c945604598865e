#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "model/objectdetails.h"
#include "services/h5file.h"

#include <atomic>
#include <functional>

namespace hs::core {

// Reads what the links panel shows about one object. Takes the library lock.
class HYPERSLABCORE_EXPORT ObjectInspector
{
public:
    // Link, identity, counts, times, committed type and dimension scales of
    // the object at `path`. A link that does not resolve is not an error: the
    // details say so (resolved = false, problem).
    static Result<ObjectDetails> inspect(const H5FilePtr &file, const QString &path);

    // Every path in the file that leads to the same object as `path` by hard
    // links only (soft and external links are not followed; each group is
    // visited once, so cycles end). Takes the lock for batches of links and
    // lets go in between; stops with ErrorCode::Cancelled when `cancel` is set.
    // `found` (may be empty) is called with each path as it is found (on the
    // calling thread, never with the lock held): breadth first, so shorter
    // paths come first, and within a group in HDF5's native link order.
    // `progress` is called after each batch with the number of links looked at
    // so far. The returned list is in natural order ("/a/item_2" before
    // "/a/item_10"); it includes `path` itself.
    static Result<QStringList> findAllPaths(const H5FilePtr &file, const QString &path,
                                            const std::atomic_bool *cancel = nullptr,
                                            const std::function<void(const QString &)> &found = {},
                                            const std::function<void(quint64)> &progress = {});
};

} // namespace hs::core
