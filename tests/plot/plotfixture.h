#pragma once

// Writes the small HDF5 files the plot tests read (HDF5 C API, at test
// time), and the brute-force answers the reductions are checked against.

#include <hdf5.h>

#include <QString>

#include <limits>
#include <vector>

namespace hs::plottest {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr double Inf = std::numeric_limits<double>::infinity();

struct DatasetSpec
{
    const char *name = "data";
    hid_t fileType = H5T_IEEE_F64LE;
    std::vector<hsize_t> dims;
    std::vector<hsize_t> chunk; // empty: contiguous
    bool gzip = false;
    const double *fill = nullptr;            // the dataset's fill value
    std::vector<std::pair<const char *, double>> attributes; // numeric attributes (_FillValue, ...)
};

// Writes `values` (row-major, converted by HDF5 from doubles) as a dataset of
// `file`. Returns false (after a QWARN-able message on stderr) on failure.
bool writeDataset(hid_t file, const DatasetSpec &spec, const std::vector<double> &values);

// A series with everything a plot must survive: a slow wave with spikes,
// runs of NaN (one longer than a column), single NaNs, +/-Inf, and the
// value `missing` at a few places.
std::vector<double> awkwardSeries(size_t n, double missing = -9999);

// A float16 (IEEE half) file type, little-endian.
hid_t halfType();

} // namespace hs::plottest
