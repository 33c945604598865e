#include "plugins/nexusfixture.h"

#include <hdf5.h>

#include <cstring>
#include <vector>

namespace hs::test::nexusfx {

namespace {

bool setString(hid_t obj, const char *name, const char *value)
{
    const hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, std::strlen(value));
    const hid_t s = H5Screate(H5S_SCALAR);
    const hid_t a = H5Acreate2(obj, name, t, s, H5P_DEFAULT, H5P_DEFAULT);
    const bool ok = a >= 0 && H5Awrite(a, t, value) >= 0;
    H5Aclose(a);
    H5Sclose(s);
    H5Tclose(t);
    return ok;
}

bool setStrings(hid_t obj, const char *name, const std::vector<const char *> &values)
{
    const hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, H5T_VARIABLE);
    const hsize_t n = values.size();
    const hid_t s = H5Screate_simple(1, &n, nullptr);
    const hid_t a = H5Acreate2(obj, name, t, s, H5P_DEFAULT, H5P_DEFAULT);
    const bool ok = a >= 0 && H5Awrite(a, t, values.data()) >= 0;
    H5Aclose(a);
    H5Sclose(s);
    H5Tclose(t);
    return ok;
}

bool setInt(hid_t obj, const char *name, int value)
{
    const hid_t s = H5Screate(H5S_SCALAR);
    const hid_t a = H5Acreate2(obj, name, H5T_NATIVE_INT, s, H5P_DEFAULT, H5P_DEFAULT);
    const bool ok = a >= 0 && H5Awrite(a, H5T_NATIVE_INT, &value) >= 0;
    H5Aclose(a);
    H5Sclose(s);
    return ok;
}

hid_t group(hid_t parent, const char *name, const char *nxClass)
{
    const hid_t g = H5Gcreate2(parent, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (g >= 0 && nxClass)
        setString(g, "NX_class", nxClass);
    return g;
}

// Creates and writes a dataset; returns it open (for attributes) or -1.
hid_t dataset(hid_t parent, const char *name, hid_t type, std::vector<hsize_t> dims, const void *data)
{
    const hid_t s = H5Screate_simple(int(dims.size()), dims.data(), nullptr);
    const hid_t d = H5Dcreate2(parent, name, type, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Sclose(s);
    if (d >= 0 && H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0) {
        H5Dclose(d);
        return -1;
    }
    return d;
}

bool close(hid_t d) { return d >= 0 && H5Dclose(d) >= 0; }

} // namespace

bool write(const QString &path)
{
    const hid_t file = H5Fcreate(path.toLocal8Bit().constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (file < 0)
        return false;
    bool ok = true;
    const hid_t root = H5Gopen2(file, "/", H5P_DEFAULT);
    ok &= setString(root, "NX_class", "NXroot") && setString(root, "default", "entry");
    H5Gclose(root);
    const hid_t entry = group(file, "entry", "NXentry");
    ok &= setString(entry, "default", "data");

    {
        const hid_t g = group(entry, "data", "NXdata");
        ok &= setString(g, "signal", "counts") && setString(g, "axes", "x") && setString(g, "title", kTitle);
        std::vector<double> y(kLineN), e(kLineN), x(kLineN);
        for (int i = 0; i < kLineN; ++i) {
            y[size_t(i)] = lineValue(i);
            e[size_t(i)] = lineError(i);
            x[size_t(i)] = 0.5 * i;
        }
        hid_t d = dataset(g, "counts", H5T_NATIVE_DOUBLE, {hsize_t(kLineN)}, y.data());
        ok &= setString(d, "units", "1/s") && setString(d, "long_name", "Intensity") && close(d);
        ok &= close(dataset(g, "counts_errors", H5T_NATIVE_DOUBLE, {hsize_t(kLineN)}, e.data()));
        d = dataset(g, "x", H5T_NATIVE_DOUBLE, {hsize_t(kLineN)}, x.data());
        ok &= setString(d, "units", "mm") && close(d);
        H5Gclose(g);
    }
    {
        const hid_t g = group(entry, "image", "NXdata");
        ok &= setString(g, "signal", "frame") && setStrings(g, "axes", {"y", "x"});
        std::vector<int> frame(static_cast<size_t>(kRows * kCols));
        for (int r = 0; r < kRows; ++r)
            for (int c = 0; c < kCols; ++c)
                frame[size_t(r * kCols + c)] = r * 100 + c;
        ok &= close(dataset(g, "frame", H5T_NATIVE_INT, {hsize_t(kRows), hsize_t(kCols)}, frame.data()));
        std::vector<double> y(kRows), x(kCols);
        for (int r = 0; r < kRows; ++r)
            y[size_t(r)] = 2.0 * r;
        for (int c = 0; c < kCols; ++c)
            x[size_t(c)] = c;
        hid_t d = dataset(g, "y", H5T_NATIVE_DOUBLE, {hsize_t(kRows)}, y.data());
        ok &= setString(d, "units", "um") && close(d);
        d = dataset(g, "x", H5T_NATIVE_DOUBLE, {hsize_t(kCols)}, x.data());
        ok &= setString(d, "units", "pixel") && close(d);
        H5Gclose(g);
    }
    {
        const hid_t g = group(entry, "cube", "NXdata");
        ok &= setString(g, "signal", "data") && setStrings(g, "axes", {".", "row", "col"});
        std::vector<float> v(static_cast<size_t>(3 * kRows * kCols));
        for (int k = 0; k < 3; ++k)
            for (int r = 0; r < kRows; ++r)
                for (int c = 0; c < kCols; ++c)
                    v[size_t((k * kRows + r) * kCols + c)] = float(k * 10000 + r * 100 + c);
        ok &= close(dataset(g, "data", H5T_NATIVE_FLOAT, {3, hsize_t(kRows), hsize_t(kCols)}, v.data()));
        H5Gclose(g);
    }
    {
        const hid_t g = group(entry, "legacy", "NXdata");
        std::vector<double> t(10), v(10);
        for (int i = 0; i < 10; ++i) {
            t[size_t(i)] = i;
            v[size_t(i)] = 2.0 * i;
        }
        hid_t d = dataset(g, "t", H5T_NATIVE_DOUBLE, {10}, t.data());
        ok &= setString(d, "units", "s") && close(d);
        d = dataset(g, "values", H5T_NATIVE_DOUBLE, {10}, v.data());
        ok &= setInt(d, "signal", 1) && setString(d, "axes", "t") && close(d);
        H5Gclose(g);
    }
    {
        const hid_t g = group(entry, "big", "NXdata");
        ok &= setString(g, "signal", "y");
        std::vector<float> v(static_cast<size_t>(kBigN));
        for (int i = 0; i < kBigN; ++i)
            v[size_t(i)] = float(i % 100);
        ok &= close(dataset(g, "y", H5T_NATIVE_FLOAT, {hsize_t(kBigN)}, v.data()));
        H5Gclose(g);
    }
    {
        const hid_t g = group(entry, "wide", "NXdata");
        ok &= setString(g, "signal", "z");
        std::vector<float> v(static_cast<size_t>(kWideRows) * kWideCols);
        for (int r = 0; r < kWideRows; ++r)
            for (int c = 0; c < kWideCols; ++c)
                v[size_t(r) * kWideCols + size_t(c)] = float(r + c);
        ok &= close(dataset(g, "z", H5T_NATIVE_FLOAT, {hsize_t(kWideRows), hsize_t(kWideCols)}, v.data()));
        H5Gclose(g);
    }
    {
        const hid_t g = group(file, "plain", nullptr);
        const int v[4] = {1, 2, 3, 4};
        ok &= close(dataset(g, "v", H5T_NATIVE_INT, {4}, v));
        H5Gclose(g);
    }
    H5Gclose(entry);
    return H5Fclose(file) >= 0 && ok;
}

} // namespace hs::test::nexusfx
