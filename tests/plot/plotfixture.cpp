#include "plotfixture.h"

#include <cmath>
#include <cstdio>

namespace hs::plottest {

bool writeDataset(hid_t file, const DatasetSpec &spec, const std::vector<double> &values)
{
    const hid_t space = H5Screate_simple(int(spec.dims.size()), spec.dims.data(), nullptr);
    const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    if (!spec.chunk.empty()) {
        H5Pset_chunk(dcpl, int(spec.chunk.size()), spec.chunk.data());
        if (spec.gzip)
            H5Pset_deflate(dcpl, 4);
    }
    if (spec.fill)
        H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, spec.fill);
    const hid_t d = H5Dcreate2(file, spec.name, spec.fileType, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    bool ok = d >= 0 && H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0;
    for (const auto &[name, value] : spec.attributes) {
        const hid_t as = H5Screate(H5S_SCALAR);
        const hid_t a = H5Acreate2(d, name, spec.fileType, as, H5P_DEFAULT, H5P_DEFAULT);
        ok = ok && a >= 0 && H5Awrite(a, H5T_NATIVE_DOUBLE, &value) >= 0;
        H5Aclose(a);
        H5Sclose(as);
    }
    H5Dclose(d);
    H5Pclose(dcpl);
    H5Sclose(space);
    if (!ok)
        std::fprintf(stderr, "plotfixture: could not write %s\n", spec.name);
    return ok;
}

std::vector<double> awkwardSeries(size_t n, double missing)
{
    std::vector<double> v(n);
    for (size_t i = 0; i < n; ++i)
        v[i] = 100 * std::sin(double(i) * 0.013) + double((i * 7919) % 101) * 0.25 - (i % 977 == 0 ? 500 : 0);
    auto put = [&](size_t at, size_t len, double x) {
        for (size_t i = at; i < std::min(n, at + len); ++i)
            v[i] = x;
    };
    put(n / 7, n / 9, NaN);     // a run longer than many columns
    put(n / 2, 3, NaN);         // a short one
    put(n / 2 + 40, 1, Inf);
    put(n / 2 + 41, 1, -Inf);
    put(n - 5, 5, NaN);         // at the end
    put(0, 1, NaN);             // at the start
    for (size_t i = 11; i < n; i += n / 5 + 3)
        v[i] = missing;
    put(n / 3, 50, missing);    // a run of missing values
    return v;
}

hid_t halfType()
{
    const hid_t h = H5Tcopy(H5T_IEEE_F32LE);
    H5Tset_fields(h, 15, 10, 5, 0, 10);
    H5Tset_offset(h, 0);
    H5Tset_precision(h, 16);
    H5Tset_size(h, 2);
    H5Tset_ebias(h, 15);
    return h;
}

} // namespace hs::plottest
