#include "plugins/pluginfixture.h"

#include <hdf5.h>

#include <cmath>
#include <cstring>
#include <vector>

namespace hs::test::pluginfx {

namespace {

bool writeDataset(hid_t file, const char *name, hid_t type, hid_t space, const void *data)
{
    const hid_t d = H5Dcreate2(file, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (d < 0)
        return false;
    const bool ok = H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) >= 0;
    H5Dclose(d);
    return ok;
}

hid_t vlenUtf8()
{
    const hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, H5T_VARIABLE);
    H5Tset_cset(t, H5T_CSET_UTF8);
    return t;
}

} // namespace

QByteArray longJsonDoc()
{
    QByteArray doc("{\"entries\": [");
    for (int i = 0; i < 2000; ++i)
        doc += QByteArray::number(i) + (i + 1 < 2000 ? ", " : "]}");
    return doc;
}

bool write(const QString &path, const QByteArray &png)
{
    const hid_t file = H5Fcreate(path.toLocal8Bit().constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (file < 0)
        return false;
    bool ok = true;
    const hid_t scalar = H5Screate(H5S_SCALAR);
    {
        const hsize_t n = hsize_t(png.size());
        const hid_t s = H5Screate_simple(1, &n, nullptr);
        ok &= writeDataset(file, "image", H5T_NATIVE_UINT8, s, png.constData());
        H5Sclose(s);
    }
    {
        const hid_t t = vlenUtf8();
        const char *doc = kJsonDoc;
        ok &= writeDataset(file, "doc", t, scalar, &doc);
        H5Tclose(t);
    }
    {
        const hid_t t = H5Tcopy(H5T_C_S1);
        H5Tset_size(t, std::strlen(kXmlDoc) + 1);
        ok &= writeDataset(file, "xmldoc", t, scalar, kXmlDoc);
        H5Tclose(t);
    }
    {
        const hsize_t dims[2] = {3, 4};
        const hid_t s = H5Screate_simple(2, dims, nullptr);
        std::vector<int> v;
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 4; ++j)
                v.push_back(i * 10 + j);
        const hid_t d = H5Dcreate2(file, "matrix", H5T_STD_I32LE, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        ok &= d >= 0 && H5Dwrite(d, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) >= 0;
        const hid_t t = vlenUtf8();
        const hid_t a = H5Acreate2(d, "config", t, scalar, H5P_DEFAULT, H5P_DEFAULT);
        const char *yaml = kYamlDoc;
        ok &= a >= 0 && H5Awrite(a, t, &yaml) >= 0;
        H5Aclose(a);
        H5Tclose(t);
        H5Dclose(d);
        H5Sclose(s);
    }
    {
        const hsize_t dims[3] = {2, 3, 4};
        const hid_t s = H5Screate_simple(3, dims, nullptr);
        std::vector<double> v;
        for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 3; ++j)
                for (int k = 0; k < 4; ++k)
                    v.push_back(i == 1 && j == 2 && k == 3 ? std::nan("") : cubeValue(i, j, k));
        ok &= writeDataset(file, "cube", H5T_NATIVE_DOUBLE, s, v.data());
        H5Sclose(s);
    }
    {
        struct Rec
        {
            int id;
            double x;
            signed char flag;
            float v[3];
        };
        const hsize_t adims[1] = {3};
        const hid_t arr = H5Tarray_create2(H5T_NATIVE_FLOAT, 1, adims);
        const hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(Rec));
        H5Tinsert(t, "id", HOFFSET(Rec, id), H5T_NATIVE_INT);
        H5Tinsert(t, "x", HOFFSET(Rec, x), H5T_NATIVE_DOUBLE);
        H5Tinsert(t, "flag", HOFFSET(Rec, flag), H5T_NATIVE_SCHAR);
        H5Tinsert(t, "v", HOFFSET(Rec, v), arr);
        std::vector<Rec> recs;
        for (int i = 0; i < 5; ++i)
            recs.push_back(Rec{i, i * 1.5, static_cast<signed char>(i % 2), {float(i), float(i + 0.25), float(-i)}});
        const hsize_t n = 5;
        const hid_t s = H5Screate_simple(1, &n, nullptr);
        ok &= writeDataset(file, "records", t, s, recs.data());
        H5Sclose(s);
        H5Tclose(t);
        H5Tclose(arr);
    }
    {
        const hid_t t = H5Tcopy(H5T_C_S1);
        H5Tset_size(t, 8);
        H5Tset_strpad(t, H5T_STR_NULLPAD);
        char data[3][8] = {"alpha", "beta", "gamma"};
        const hsize_t n = 3;
        const hid_t s = H5Screate_simple(1, &n, nullptr);
        ok &= writeDataset(file, "fixed", t, s, data);
        H5Sclose(s);
        H5Tclose(t);
    }
    {
        const hid_t t = vlenUtf8();
        const char *data[2] = {"one", "two"};
        const hsize_t n = 2;
        const hid_t s = H5Screate_simple(1, &n, nullptr);
        ok &= writeDataset(file, "vlen", t, s, data);
        H5Sclose(s);
        H5Tclose(t);
    }
    {
        const hid_t t = vlenUtf8();
        const QByteArray doc = longJsonDoc();
        const char *p = doc.constData();
        ok &= writeDataset(file, "longdoc", t, scalar, &p);
        H5Tclose(t);
    }
    H5Sclose(scalar);
    ok &= H5Fclose(file) >= 0;
    return ok;
}

} // namespace hs::test::pluginfx
