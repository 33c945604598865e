#pragma once

#include "hyperslabcore_export.h"
#include "model/objectdetails.h"
#include "services/h5file.h"

#include <QStringList>

namespace hs::core {

// The dimension scales (HDF5 Dimension Scales convention, as netCDF-4 and h5py
// write them) attached to each dimension of a dataset: one path per dimension,
// empty where none is attached (the first scale is taken when there are several).
// Takes the library lock; cheap (reads attributes only).
HYPERSLABCORE_EXPORT QStringList dimensionScalePaths(const H5FilePtr &file, const QString &datasetPath);

// Fills the dimension-scale fields of `details` for the dataset at
// `datasetPath`: every scale of every dimension (dimensionScales), the
// dimension labels, whether the dataset is itself a scale, its scale name and,
// for a scale, the datasets that use it with their dimension (scaleUses and
// the readable scaleOf, "/path (dimension N)"), read from its REFERENCE_LIST.
// Paths are the ones HDF5 finds for the referenced objects: for an object with
// several hard links, the first its own search meets (groups in their native
// link order, which h5dump, listing by name, may not agree with). Reads
// attributes only; a dataset without scales leaves the fields empty.
// Takes the library lock.
HYPERSLABCORE_EXPORT void readDimensionScales(const H5FilePtr &file, const QString &datasetPath, ObjectDetails &details);

} // namespace hs::core
