#include "plotfixture.h"

#include "hdf5/librarylock.h"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

namespace hs::test {

namespace {
template<class T>
void write1d(hid_t f, const char *name, hid_t fileType, hid_t memType, const std::vector<T> &v, hid_t dcpl = H5P_DEFAULT)
{
    hsize_t n = v.size();
    hid_t s = H5Screate_simple(1, &n, nullptr);
    hid_t d = H5Dcreate2(f, name, fileType, s, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    H5Dwrite(d, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    H5Dclose(d);
    H5Sclose(s);
}

void stringAttribute(hid_t obj, const char *name, const char *value)
{
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, std::strlen(value));
    hid_t s = H5Screate(H5S_SCALAR);
    hid_t a = H5Acreate2(obj, name, t, s, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, t, value);
    H5Aclose(a);
    H5Sclose(s);
    H5Tclose(t);
}
} // namespace

void writePlotFixture(const QString &path)
{
    core::LibraryLock lock;
    hid_t f = H5Fcreate(path.toUtf8().constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    const double nan = std::numeric_limits<double>::quiet_NaN();

    std::vector<double> series(5000), time(5000);
    for (size_t i = 0; i < series.size(); ++i) {
        time[i] = 0.5 * double(i);
        series[i] = std::sin(double(i) / 200.0) * 3 + std::sin(double(i) / 9.0) * 0.4;
    }
    for (size_t i = 100; i < 110; ++i)
        series[i] = nan;
    write1d(f, "series", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, series);
    write1d(f, "time", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, time);
    hid_t ds = H5Dopen2(f, "series", H5P_DEFAULT), ts = H5Dopen2(f, "time", H5P_DEFAULT);
    stringAttribute(ds, "units", "V");
    stringAttribute(ts, "units", "s");
    H5DSset_scale(ts, "time");
    H5DSattach_scale(ds, ts, 0);
    H5Dclose(ts);
    H5Dclose(ds);

    std::vector<float> longSeries(300000);
    for (size_t i = 0; i < longSeries.size(); ++i)
        longSeries[i] = float(std::sin(double(i) / 5000.0) + 0.25 * std::sin(double(i) * 0.37) + double(i % 1000 == 0 ? 2 : 0));
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    hsize_t chunk = 16384;
    H5Pset_chunk(dcpl, 1, &chunk);
    write1d(f, "long", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, longSeries, dcpl);
    H5Pclose(dcpl);

    {
        hsize_t dims[2] = {40, 60};
        std::vector<int> v(40 * 60);
        for (int r = 0; r < 40; ++r)
            for (int c = 0; c < 60; ++c)
                v[size_t(r * 60 + c)] = r * 100 + c;
        hid_t s = H5Screate_simple(2, dims, nullptr);
        hid_t d = H5Dcreate2(f, "grid2d", H5T_STD_I32LE, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Dwrite(d, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
        H5Dclose(d);
        H5Sclose(s);
    }
    {
        hsize_t dims[3] = {10, 50, 80};
        std::vector<double> v(10 * 50 * 80);
        for (int t = 0; t < 10; ++t)
            for (int r = 0; r < 50; ++r)
                for (int c = 0; c < 80; ++c)
                    v[size_t((t * 50 + r) * 80 + c)] = t * 10000 + r * 100 + c;
        hid_t s = H5Screate_simple(3, dims, nullptr);
        hid_t d = H5Dcreate2(f, "cube", H5T_IEEE_F64LE, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
        H5Dclose(d);
        H5Sclose(s);
    }
    std::vector<unsigned char> u8(300);
    for (size_t i = 0; i < u8.size(); ++i)
        u8[i] = (unsigned char)(i % 256);
    write1d(f, "u8", H5T_STD_U8LE, H5T_NATIVE_UCHAR, u8);
    std::vector<short> i16(50);
    for (size_t i = 0; i < i16.size(); ++i)
        i16[i] = short(-int(i));
    write1d(f, "i16", H5T_STD_I16LE, H5T_NATIVE_SHORT, i16);
    {
        hid_t e = H5Tenum_create(H5T_NATIVE_INT8);
        signed char val = 0;
        H5Tenum_insert(e, "FALSE", &val);
        val = 1;
        H5Tenum_insert(e, "TRUE", &val);
        std::vector<signed char> flags = {0, 1, 1, 0, 1};
        write1d(f, "flags", e, e, flags);
        H5Tclose(e);
    }
    {
        struct C { double r, i; };
        hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(C));
        H5Tinsert(t, "r", HOFFSET(C, r), H5T_NATIVE_DOUBLE);
        H5Tinsert(t, "i", HOFFSET(C, i), H5T_NATIVE_DOUBLE);
        std::vector<C> v(20);
        for (size_t k = 0; k < v.size(); ++k)
            v[k] = {double(k), 2.0 * double(k)};
        write1d(f, "cplx", t, t, v);
        H5Tclose(t);
    }
    {
        struct R { int a; double b; char s[4]; };
        hid_t str = H5Tcopy(H5T_C_S1);
        H5Tset_size(str, 4);
        hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(R));
        H5Tinsert(t, "a", HOFFSET(R, a), H5T_NATIVE_INT);
        H5Tinsert(t, "b", HOFFSET(R, b), H5T_NATIVE_DOUBLE);
        H5Tinsert(t, "s", HOFFSET(R, s), str);
        std::vector<R> v(50);
        for (size_t k = 0; k < v.size(); ++k)
            v[k] = {int(k), 0.5 * double(k), {'x', 0, 0, 0}};
        write1d(f, "cmpd", t, t, v);
        H5Tclose(t);
        H5Tclose(str);
    }
    {
        hid_t str = H5Tcopy(H5T_C_S1);
        H5Tset_size(str, 4);
        std::vector<char> v(40, 'a');
        write1d(f, "text", str, str, v);
        H5Tclose(str);
    }
    {
        hid_t fp = H5Pcreate(H5P_DATASET_CREATE);
        float fill = -999.0f;
        H5Pset_fill_value(fp, H5T_NATIVE_FLOAT, &fill);
        std::vector<float> v(20);
        for (size_t k = 0; k < v.size(); ++k)
            v[k] = k >= 3 && k <= 5 ? fill : float(k);
        write1d(f, "filled", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, v, fp);
        H5Pclose(fp);
    }
    H5Fclose(f);
}

} // namespace hs::test
