#include "gridfixtures.h"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <cstring>
#include <vector>

namespace hs::gridtests {

bool writeGridFile(const QString &path)
{
    const QByteArray p = path.toLocal8Bit();
    hid_t f = H5Fcreate(p.constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (f < 0)
        return false;
    bool ok = true;
    {
        hsize_t dims[2] = {hsize_t(1) << 40, hsize_t(1) << 20};
        hsize_t chunk[2] = {256, 256};
        hid_t space = H5Screate_simple(2, dims, nullptr);
        hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
        H5Pset_chunk(dcpl, 2, chunk);
        int fill = 42;
        H5Pset_fill_value(dcpl, H5T_NATIVE_INT, &fill);
        hid_t ds = H5Dcreate2(f, "huge", H5T_STD_I32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
        ok &= ds >= 0;
        H5Dclose(ds);
        H5Pclose(dcpl);
        H5Sclose(space);
    }
    {
        hsize_t dims[4] = {3, 4, 5, 6};
        std::vector<int> v(3 * 4 * 5 * 6);
        for (int a = 0; a < 3; ++a)
            for (int b = 0; b < 4; ++b)
                for (int c = 0; c < 5; ++c)
                    for (int d = 0; d < 6; ++d)
                        v[size_t(((a * 4 + b) * 5 + c) * 6 + d)] = 1000 * a + 100 * b + 10 * c + d;
        hid_t space = H5Screate_simple(4, dims, nullptr);
        hid_t ds = H5Dcreate2(f, "cube", H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        ok &= H5Dwrite(ds, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) >= 0;
        H5Dclose(ds);
        H5Sclose(space);
    }
    {
        struct Row
        {
            int id;
            double x;
            char name[8];
        };
        Row rows[5];
        for (int i = 0; i < 5; ++i) {
            rows[i].id = i + 1;
            rows[i].x = 0.5 * i;
            std::memset(rows[i].name, 0, 8);
            std::snprintf(rows[i].name, 8, "row%d", i);
        }
        hid_t str = H5Tcopy(H5T_C_S1);
        H5Tset_size(str, 8);
        hid_t mem = H5Tcreate(H5T_COMPOUND, sizeof(Row));
        H5Tinsert(mem, "id", HOFFSET(Row, id), H5T_NATIVE_INT);
        H5Tinsert(mem, "x", HOFFSET(Row, x), H5T_NATIVE_DOUBLE);
        H5Tinsert(mem, "name", HOFFSET(Row, name), str);
        hsize_t dims[1] = {5};
        hid_t space = H5Screate_simple(1, dims, nullptr);
        hid_t ds = H5Dcreate2(f, "table", mem, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        ok &= H5Dwrite(ds, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows) >= 0;
        H5Dclose(ds);
        H5Sclose(space);
        H5Tclose(mem);
        H5Tclose(str);
    }
    {
        hsize_t dims[2] = {300, 200};
        hsize_t chunk[2] = {64, 64};
        std::vector<double> v(300 * 200);
        for (int r = 0; r < 300; ++r)
            for (int c = 0; c < 200; ++c)
                v[size_t(r * 200 + c)] = r * 1000 + c;
        hid_t space = H5Screate_simple(2, dims, nullptr);
        hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
        H5Pset_chunk(dcpl, 2, chunk);
        H5Pset_deflate(dcpl, 4);
        hid_t ds = H5Dcreate2(f, "matrix", H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
        ok &= H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) >= 0;
        H5Dclose(ds);
        H5Pclose(dcpl);
        H5Sclose(space);
    }
    {
        // /scaled (3 x 4) labelled by /time (3) on dim 0 and /x (4) on dim 1.
        hsize_t dims[2] = {3, 4};
        std::vector<float> v(12);
        for (int i = 0; i < 12; ++i)
            v[size_t(i)] = float(i);
        hid_t space = H5Screate_simple(2, dims, nullptr);
        hid_t ds = H5Dcreate2(f, "scaled", H5T_IEEE_F32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        ok &= H5Dwrite(ds, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) >= 0;
        const double t[3] = {10, 20, 30};
        const double x[4] = {0.5, 1.5, 2.5, 3.5};
        hid_t s0 = H5Screate_simple(1, &dims[0], nullptr);
        hid_t s1 = H5Screate_simple(1, &dims[1], nullptr);
        hid_t time = H5Dcreate2(f, "time", H5T_IEEE_F64LE, s0, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        hid_t xs = H5Dcreate2(f, "x", H5T_IEEE_F64LE, s1, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        ok &= H5Dwrite(time, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, t) >= 0;
        ok &= H5Dwrite(xs, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, x) >= 0;
        ok &= H5DSset_scale(time, "time") >= 0 && H5DSset_scale(xs, "x") >= 0;
        ok &= H5DSattach_scale(ds, time, 0) >= 0 && H5DSattach_scale(ds, xs, 1) >= 0;
        H5Dclose(time);
        H5Dclose(xs);
        H5Sclose(s0);
        H5Sclose(s1);
        H5Dclose(ds);
        H5Sclose(space);
    }
    {
        // Zero-length datasets and a null dataspace: nothing to show.
        hsize_t d1[1] = {0};
        hid_t s1 = H5Screate_simple(1, d1, nullptr);
        hid_t e1 = H5Dcreate2(f, "empty1", H5T_IEEE_F64LE, s1, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        ok &= e1 >= 0;
        H5Dclose(e1);
        H5Sclose(s1);
        hsize_t d2[2] = {0, 3}, max2[2] = {H5S_UNLIMITED, 3}, chunk2[2] = {16, 3};
        hid_t s2 = H5Screate_simple(2, d2, max2);
        hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
        H5Pset_chunk(dcpl, 2, chunk2);
        hid_t e2 = H5Dcreate2(f, "empty2", H5T_STD_I32LE, s2, H5P_DEFAULT, dcpl, H5P_DEFAULT);
        ok &= e2 >= 0;
        H5Dclose(e2);
        H5Pclose(dcpl);
        H5Sclose(s2);
        hid_t sn = H5Screate(H5S_NULL);
        hid_t n = H5Dcreate2(f, "nullspace", H5T_STD_I32LE, sn, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        ok &= n >= 0;
        H5Dclose(n);
        H5Sclose(sn);
    }
    {
        // Values whose text is longer than the default column width.
        hsize_t dims[2] = {4, 3};
        hid_t space = H5Screate_simple(2, dims, nullptr);
        unsigned long long u[12];
        double w[12];
        struct Complex
        {
            double r, i;
        } c[12];
        for (int i = 0; i < 12; ++i) {
            u[i] = 18446744073709551615ull - unsigned(i);
            w[i] = (i + 1) / 29.0;
            c[i] = {1.0 / 3.0 + i, -2.0 / 7.0};
        }
        hid_t ds = H5Dcreate2(f, "wide", H5T_STD_U64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        ok &= H5Dwrite(ds, H5T_NATIVE_ULLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, u) >= 0;
        H5Dclose(ds);
        ds = H5Dcreate2(f, "wide64", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        ok &= H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, w) >= 0;
        H5Dclose(ds);
        hid_t ct = H5Tcreate(H5T_COMPOUND, sizeof(Complex));
        H5Tinsert(ct, "r", 0, H5T_NATIVE_DOUBLE);
        H5Tinsert(ct, "i", sizeof(double), H5T_NATIVE_DOUBLE);
        ds = H5Dcreate2(f, "complex", ct, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        ok &= H5Dwrite(ds, ct, H5S_ALL, H5S_ALL, H5P_DEFAULT, c) >= 0;
        H5Dclose(ds);
        H5Tclose(ct);
        hsize_t six = 6;
        hid_t at = H5Tarray_create2(H5T_NATIVE_INT, 1, &six);
        std::vector<int> a(12 * 6);
        for (int i = 0; i < 12; ++i)
            for (int k = 0; k < 6; ++k)
                a[size_t(i * 6 + k)] = 1000000 * (i + k);
        ds = H5Dcreate2(f, "arr", at, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        ok &= H5Dwrite(ds, at, H5S_ALL, H5S_ALL, H5P_DEFAULT, a.data()) >= 0;
        H5Dclose(ds);
        H5Tclose(at);
        // Float scale values whose text is long (0.034482758620689655).
        std::vector<float> v(12);
        for (int i = 0; i < 12; ++i)
            v[size_t(i)] = float(i);
        ds = H5Dcreate2(f, "fine", H5T_IEEE_F32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        ok &= H5Dwrite(ds, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) >= 0;
        double x[3];
        for (int j = 0; j < 3; ++j)
            x[j] = (j + 1) / 29.0;
        hid_t s1 = H5Screate_simple(1, &dims[1], nullptr);
        hid_t xs = H5Dcreate2(f, "fine_x", H5T_IEEE_F64LE, s1, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        ok &= H5Dwrite(xs, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, x) >= 0;
        ok &= H5DSset_scale(xs, "fine_x") >= 0 && H5DSattach_scale(ds, xs, 1) >= 0;
        H5Dclose(xs);
        H5Sclose(s1);
        H5Dclose(ds);
        // Text far wider than any column should be.
        hid_t st = H5Tcopy(H5T_C_S1);
        H5Tset_size(st, 200);
        std::vector<char> text(12 * 200, 'x');
        ds = H5Dcreate2(f, "longtext", st, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        ok &= H5Dwrite(ds, st, H5S_ALL, H5S_ALL, H5P_DEFAULT, text.data()) >= 0;
        H5Dclose(ds);
        H5Tclose(st);
        H5Sclose(space);
    }
    H5Fclose(f);
    return ok;
}

} // namespace hs::gridtests
