#include "copyfixture.h"

#include <QFile>

#include <hdf5_hl.h>

#include <cstring>

namespace hs::test {

namespace {

void stringAttribute(hid_t obj, const char *name, const char *value, bool variable)
{
    hid_t type = H5Tcopy(H5T_C_S1);
    hid_t space = H5Screate(H5S_SCALAR);
    if (variable) {
        H5Tset_size(type, H5T_VARIABLE);
        hid_t a = H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
        H5Awrite(a, type, &value);
        H5Aclose(a);
    } else {
        H5Tset_size(type, std::strlen(value));
        hid_t a = H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
        H5Awrite(a, type, value);
        H5Aclose(a);
    }
    H5Sclose(space);
    H5Tclose(type);
}

template<typename T>
void dataset(hid_t loc, const char *name, hid_t type, std::vector<hsize_t> dims, const std::vector<T> &values,
             hid_t dcpl = H5P_DEFAULT)
{
    hid_t space = H5Screate_simple(int(dims.size()), dims.data(), nullptr);
    hid_t d = H5Dcreate2(loc, name, type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    H5Dclose(d);
    H5Sclose(space);
}

} // namespace

void writeCopySource(const QString &path)
{
    hid_t f = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    {
        std::vector<float> v(2000 * 1000);
        quint32 x = 12345;
        for (size_t i = 0; i < v.size(); ++i) {
            x = x * 1664525u + 1013904223u;
            v[i] = float(x >> 8) / 65536.0f;
        }
        hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
        const hsize_t chunk[2] = {100, 1000};
        H5Pset_chunk(dcpl, 2, chunk);
        H5Pset_shuffle(dcpl);
        H5Pset_deflate(dcpl, 1);
        dataset(f, "big", H5T_NATIVE_FLOAT, {2000, 1000}, v, dcpl);
        H5Pclose(dcpl);
        hid_t d = H5Dopen2(f, "big", H5P_DEFAULT);
        stringAttribute(d, "units", "K", false);
        H5Dclose(d);
    }
    dataset(f, "top", H5T_NATIVE_FLOAT, {3}, std::vector<float>{1, 2, 3});
    {
        hid_t t = H5Tcopy(H5T_STD_I16LE);
        H5Tcommit2(f, "type", t, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Tclose(t);
    }
    hid_t g = H5Gcreate2(f, "g", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    stringAttribute(g, "units", "m", false);
    stringAttribute(g, "note", "a note", true);
    {
        const double scale[3] = {1.5, 2.5, 3.5};
        const hsize_t n = 3;
        hid_t space = H5Screate_simple(1, &n, nullptr);
        hid_t a = H5Acreate2(g, "scale", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT);
        H5Awrite(a, H5T_NATIVE_DOUBLE, scale);
        H5Aclose(a);
        H5Sclose(space);
    }
    std::vector<int> d(100);
    for (int i = 0; i < 100; ++i)
        d[size_t(i)] = i;
    dataset(g, "d", H5T_NATIVE_INT, {10, 10}, d);
    {
        hid_t ds = H5Dopen2(g, "d", H5P_DEFAULT);
        const int kind = 7;
        hid_t space = H5Screate(H5S_SCALAR);
        hid_t a = H5Acreate2(ds, "kind", H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT);
        H5Awrite(a, H5T_NATIVE_INT, &kind);
        H5Aclose(a);
        H5Sclose(space);
        H5Dclose(ds);
    }
    hid_t sub = H5Gcreate2(g, "sub", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    dataset(sub, "deep", H5T_NATIVE_DOUBLE, {5}, std::vector<double>{0, 0.5, 1, 1.5, 2});
    H5Gclose(sub);
    H5Lcreate_hard(g, "d", g, "hard2", H5P_DEFAULT, H5P_DEFAULT);
    H5Lcreate_soft("/top", g, "soft", H5P_DEFAULT, H5P_DEFAULT);
    H5Lcreate_external("missing.h5", "/x", g, "ext", H5P_DEFAULT, H5P_DEFAULT);
    H5Gclose(g);
    H5Fclose(f);
}

void writeSlowCopySource(const QString &path)
{
    hid_t f = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    const hsize_t dims[2] = {100000, 100000};
    const hsize_t chunk[2] = {32, 32};
    hid_t space = H5Screate_simple(2, dims, nullptr);
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(dcpl, 2, chunk);
    hid_t d = H5Dcreate2(f, "sparse", H5T_NATIVE_UINT8, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    std::vector<unsigned char> block(32 * 32, 0x5a);
    for (hsize_t i = 0; i < 5000; ++i) {
        // Spread over the grid, so the walk does not end early.
        const hsize_t row = i % 3125;
        const hsize_t offset[2] = {row * 32, ((i / 3125) * 1500 + row % 1000) * 32}; // 5000 different places
        H5Dwrite_chunk(d, H5P_DEFAULT, 0, offset, block.size(), block.data());
    }
    H5Dclose(d);
    H5Pclose(dcpl);
    H5Sclose(space);
    H5Fclose(f);
}

void writeDenseFile(const QString &path, int megabytes)
{
    hid_t f = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    const hsize_t dims[2] = {hsize_t(megabytes) * 16, 65536};
    const hsize_t chunk[2] = {16, 65536};
    hid_t space = H5Screate_simple(2, dims, nullptr);
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(dcpl, 2, chunk);
    hid_t d = H5Dcreate2(f, "dense", H5T_NATIVE_UINT8, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    std::vector<unsigned char> block(16 * 65536);
    for (size_t i = 0; i < block.size(); ++i)
        block[i] = static_cast<unsigned char>(i * 7);
    for (int i = 0; i < megabytes; ++i) {
        const hsize_t offset[2] = {hsize_t(i) * 16, 0};
        H5Dwrite_chunk(d, H5P_DEFAULT, 0, offset, block.size(), block.data());
    }
    H5Dclose(d);
    H5Pclose(dcpl);
    H5Sclose(space);
    H5Fclose(f);
}

void writeScaleFile(const QString &path)
{
    hid_t f = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    dataset(f, "x", H5T_NATIVE_FLOAT, {4}, std::vector<float>{0, 10, 20, 30});
    dataset(f, "data", H5T_NATIVE_FLOAT, {4}, std::vector<float>{1, 2, 3, 4});
    hid_t x = H5Dopen2(f, "x", H5P_DEFAULT);
    hid_t d = H5Dopen2(f, "data", H5P_DEFAULT);
    H5DSset_scale(x, "x");
    H5DSattach_scale(d, x, 0);
    H5Dclose(d);
    H5Dclose(x);
    H5Fclose(f);
}

bool scaleAttached(hid_t file, const char *data, const char *scale)
{
    hid_t d = H5Dopen2(file, data, H5P_DEFAULT);
    hid_t x = H5Dopen2(file, scale, H5P_DEFAULT);
    const bool attached = d >= 0 && x >= 0 && H5DSis_attached(d, x, 0) > 0;
    H5Dclose(x);
    H5Dclose(d);
    return attached;
}

void writeEmptyFile(const QString &path, bool withExisting)
{
    hid_t f = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (withExisting) {
        hid_t space = H5Screate(H5S_SCALAR);
        hid_t d = H5Dcreate2(f, "existing", H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        const int v = 42;
        H5Dwrite(d, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, &v);
        H5Dclose(d);
        H5Sclose(space);
    }
    H5Fclose(f);
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

template<typename T>
static std::vector<T> readAll(hid_t file, const char *path, hid_t memType)
{
    hid_t d = H5Dopen2(file, path, H5P_DEFAULT);
    if (d < 0)
        return {};
    hid_t space = H5Dget_space(d);
    std::vector<T> v(size_t(H5Sget_simple_extent_npoints(space)));
    H5Dread(d, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    H5Sclose(space);
    H5Dclose(d);
    return v;
}

std::vector<float> readFloats(hid_t file, const char *path) { return readAll<float>(file, path, H5T_NATIVE_FLOAT); }
std::vector<double> readDoubles(hid_t file, const char *path) { return readAll<double>(file, path, H5T_NATIVE_DOUBLE); }
std::vector<int> readInts(hid_t file, const char *path) { return readAll<int>(file, path, H5T_NATIVE_INT); }

QByteArray readStringAttribute(hid_t file, const char *object, const char *name)
{
    hid_t a = H5Aopen_by_name(file, object, name, H5P_DEFAULT, H5P_DEFAULT);
    if (a < 0)
        return {};
    hid_t type = H5Aget_type(a);
    QByteArray out;
    if (H5Tis_variable_str(type) > 0) {
        char *s = nullptr;
        H5Aread(a, type, &s);
        out = QByteArray(s);
        H5free_memory(s);
    } else {
        out.resize(qsizetype(H5Tget_size(type)));
        H5Aread(a, type, out.data());
    }
    H5Tclose(type);
    H5Aclose(a);
    return out;
}

H5L_type_t linkType(hid_t file, const char *path)
{
    H5L_info_t info{};
    if (H5Lget_info(file, path, &info, H5P_DEFAULT) < 0)
        return H5L_TYPE_ERROR;
    return info.type;
}

QByteArray softTarget(hid_t file, const char *path)
{
    char buf[256] = {};
    if (H5Lget_val(file, path, buf, sizeof buf, H5P_DEFAULT) < 0)
        return {};
    return QByteArray(buf);
}

bool linkExists(hid_t file, const char *path)
{
    return H5Lexists(file, path, H5P_DEFAULT) > 0;
}

haddr_t address(hid_t file, const char *path)
{
    H5O_info_t info{};
    if (H5Oget_info_by_name2(file, path, &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0)
        return HADDR_UNDEF;
    return info.addr;
}

} // namespace hs::test
