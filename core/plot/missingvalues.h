#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "services/h5file.h"

#include <QString>
#include <QStringList>

#include <algorithm>
#include <vector>

namespace hs::core {

// The values that mean "no data" in a dataset: its HDF5 fill value (only when
// the file sets one; the library's default 0 is a real value) and the CF
// attributes `_FillValue` and `missing_value` (netCDF, xarray). Plots show
// them as gaps; statistics count them apart.
struct HYPERSLABCORE_EXPORT MissingValues
{
    std::vector<double> values; // each once
    QStringList sources;        // where each came from, parallel to `values` ("fill value", "_FillValue", ...)

    bool empty() const { return values.empty(); }
    bool contains(double v) const { return std::find(values.begin(), values.end(), v) != values.end(); }
    void add(double v, const QString &source);

    // Reads them for the dataset at `path`. Only integer and float datasets
    // have them (a fill value of a compound or an enum is not a number to
    // compare with); other types give an empty set. Takes the LibraryLock.
    static Result<MissingValues> read(const H5FilePtr &file, const QString &path);
};

} // namespace hs::core
