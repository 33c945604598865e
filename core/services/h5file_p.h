#pragma once

// Internal: the HDF5 side of H5File.

#include "hdf5/handle.h"
#include "services/h5file.h"

namespace hs::core {

struct H5File::Private
{
    FileHandle file;
    QString path;
    bool readOnly = true;
    QString openNote;
};

inline hid_t fileId(const H5File &f)
{
    return f.d_func()->file.get();
}

} // namespace hs::core
