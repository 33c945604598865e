#pragma once

#include "hyperslabcore_export.h"
#include "services/h5file.h"

#include <QStringList>

namespace hs::core {

// The dimension scales (HDF5 Dimension Scales convention, as netCDF-4 and h5py
// write them) attached to each dimension of a dataset: one path per dimension,
// empty where none is attached (the first scale is taken when there are several).
// Takes the library lock; cheap (reads attributes only).
HYPERSLABCORE_EXPORT QStringList dimensionScalePaths(const H5FilePtr &file, const QString &datasetPath);

} // namespace hs::core
