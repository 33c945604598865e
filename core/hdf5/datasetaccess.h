#pragma once

// Internal: how every part of core opens a dataset. HDF5 refuses to open a
// dataset a second time with a different external-file prefix than the handle
// already open ("new external file prefix does not match"), so all openers
// must use the same access properties.

#include "hdf5/compat.h"
#include "hdf5/handle.h"

namespace hs::core {

inline PropListHandle datasetAccessList()
{
    PropListHandle dapl(H5Pcreate(H5P_DATASET_ACCESS));
    // External raw data files are looked for next to the HDF5 file (as users
    // copy them together), not in the current working directory.
    H5Pset_efile_prefix(dapl.get(), "${ORIGIN}");
    return dapl;
}

inline hid_t openDataset(hid_t loc, const char *path)
{
    PropListHandle dapl = datasetAccessList();
    const hid_t id = H5Dopen2(loc, path, dapl.get());
    if (id < 0) {
        // Closing the property list is an HDF5 call, and every HDF5 call
        // clears the error stack: keep why the open failed for the caller.
        const hid_t why = H5Eget_current_stack();
        dapl.reset();
        if (why >= 0)
            H5Eset_current_stack(why); // also releases `why`
    }
    return id;
}

// H5Oopen, except that a dataset is opened with the same access properties
// (H5Oopen would use the default ones and fail on a dataset a view holds
// open), so an object of any kind opens while it is shown.
inline hid_t openObject(hid_t loc, const char *path)
{
    compat::ObjectInfo info{};
    if (compat::objectInfoByName(loc, path, &info) >= 0 && info.type == H5O_TYPE_DATASET)
        return openDataset(loc, path);
    return H5Oopen(loc, path, H5P_DEFAULT);
}

} // namespace hs::core
