#pragma once

// Internal: what the value edits share: the dataset opened for writing, its
// read plan (the memory layout the parser writes) and box selections.
// Every function here calls HDF5: the caller holds the LibraryLock.

#include "edit/valuebox.h"
#include "hdf5/datasetaccess.h"
#include "hdf5/errorstack.h"
#include "hdf5/handle.h"
#include "model/names.h"
#include "hdf5/readplan.h"
#include "services/h5file_p.h"

#include <vector>

namespace hs::core::datasetedit {

struct Target
{
    DatasetHandle dataset;
    DatatypeHandle fileType;
    DataspaceHandle fileSpace;
    ReadPlan plan;
};

// Opens `path` for a value edit; an Error names the file and the dataset.
inline Result<Target> open(const H5File &file, const QString &path, const QString &action)
{
    Target t;
    const QByteArray name = names::encode(path);
    t.dataset.reset(openDataset(fileId(file), name.constData()));
    if (!t.dataset)
        return errorstack::capture(action, QStringLiteral("%1 in %2").arg(path, file.displayName()));
    t.fileType.reset(H5Dget_type(t.dataset.get()));
    t.fileSpace.reset(H5Dget_space(t.dataset.get()));
    if (!t.fileType || !t.fileSpace)
        return errorstack::capture(action, QStringLiteral("%1 in %2").arg(path, file.displayName()));
    QString why;
    t.plan = buildReadPlan(t.fileType.get(), &why);
    if (!t.plan.memType)
        return Error::make(ErrorCode::Unsupported,
                           QStringLiteral("Could not %1 \u201c%2\u201d in %3: %4.").arg(action, path, file.displayName(), why));
    return t;
}

// Selects `box` in `space` (false when it does not fit the dataset's shape).
inline bool selectBox(hid_t space, const ValueBox &box)
{
    const int rank = H5Sget_simple_extent_ndims(space);
    if (rank < 0 || size_t(rank) != box.start.size() || box.count.size() != box.start.size())
        return false;
    if (rank == 0)
        return H5Sselect_all(space) >= 0;
    std::vector<hsize_t> dims(size_t(rank), 0);
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    std::vector<hsize_t> start(box.start.begin(), box.start.end()), count(box.count.begin(), box.count.end()),
        stride(static_cast<size_t>(rank));
    for (size_t d = 0; d < size_t(rank); ++d) {
        stride[d] = box.strideOf(d);
        if (count[d] == 0 || start[d] + (count[d] - 1) * stride[d] >= dims[d])
            return false;
    }
    return H5Sselect_hyperslab(space, H5S_SELECT_SET, start.data(), stride.data(), count.data(), nullptr) >= 0;
}

inline DataspaceHandle memorySpace(quint64 elements)
{
    const hsize_t n = elements;
    return DataspaceHandle(H5Screate_simple(1, &n, nullptr));
}

// The memory side of a write to `box`: the box's own shape, so that HDF5
// maps it onto chunks by hyperslab (a 1-D memory space against an N-D file
// selection makes HDF5 1.10 map element by element: 10x slower).
inline DataspaceHandle memorySpace(const ValueBox &box)
{
    if (box.count.empty())
        return DataspaceHandle(H5Screate(H5S_SCALAR));
    std::vector<hsize_t> dims(box.count.begin(), box.count.end());
    return DataspaceHandle(H5Screate_simple(int(dims.size()), dims.data(), nullptr));
}

} // namespace hs::core::datasetedit
