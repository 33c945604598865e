#pragma once

// Internal: the HDF5 side of H5File.

#include "hdf5/handle.h"
#include "services/h5file.h"

#include <atomic>

namespace hs::core {

struct H5File::Private
{
    FileHandle file;
    QString path;
    // Read without the lock from any thread (views ask whether the file is
    // editable); written by reopen() on a worker under the lock.
    std::atomic_bool readOnly{true};
    QString openNote;
    // Bumped by reopen(), which closes every identifier of the file: holders
    // of object identifiers (DatasetReader) compare it and reopen by path.
    quint64 generation = 0;
    bool swmrRead = false;
    bool unlocked = false;
};

inline hid_t fileId(const H5File &f)
{
    return f.d_func()->file.get();
}

} // namespace hs::core
