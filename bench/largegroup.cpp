#include "largegroup.h"

#include <hdf5.h>

#include <QFile>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <random>
#include <vector>

#ifdef HYPERSLAB_BENCH_HAVE_FIXTURES
#include "fixtures/fixtures.h"
#endif

namespace hs::bench {

namespace {

// The benchmark's member mix in a shuffled creation order (as files grown over
// time have it): every 10th member an empty group, the rest datasets that
// `makeDataset(name, i)` writes. False as soon as HDF5 fails.
template <class MakeDataset>
bool writeMembers(hid_t group, int members, hid_t lcpl, MakeDataset makeDataset)
{
    std::vector<int> order(size_t(std::max(members, 0)));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937 rng(20240601u);
    std::shuffle(order.begin(), order.end(), rng);
    char name[32];
    for (int i : order) {
        std::snprintf(name, sizeof name, "item_%d", i);
        if (i % 10 == 0) {
            const hid_t g = H5Gcreate2(group, name, lcpl, H5P_DEFAULT, H5P_DEFAULT);
            if (g < 0 || H5Gclose(g) < 0)
                return false;
        } else if (!makeDataset(name, i)) {
            return false;
        }
    }
    return true;
}

} // namespace

bool writeLargeGroupFile(const QString &path, int members)
{
#ifdef HYPERSLAB_BENCH_HAVE_FIXTURES
    return hs::fixtures::writeLargeGroupFile(path, members);
#else
    bool ok = false;
    const QByteArray native = QFile::encodeName(path);
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    H5Pset_libver_bounds(fapl, H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
    hid_t file = H5Fcreate(native.constData(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
    H5Pclose(fapl);
    if (file < 0)
        return false;
    hid_t big = H5Gcreate2(file, "/big", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_layout(dcpl, H5D_COMPACT);
    H5Pset_alloc_time(dcpl, H5D_ALLOC_TIME_EARLY);
    const hsize_t one = 1;
    hid_t space = H5Screate_simple(1, &one, nullptr);
    ok = big >= 0 && writeMembers(big, members, H5P_DEFAULT, [&](const char *name, int i) {
        const hid_t ds = H5Dcreate2(big, name, H5T_STD_I32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
        const bool written = ds >= 0 && H5Dwrite(ds, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, &i) >= 0;
        return ds >= 0 && H5Dclose(ds) >= 0 && written;
    });
    H5Sclose(space);
    H5Pclose(dcpl);
    if (big >= 0)
        H5Gclose(big);
    ok = H5Fclose(file) >= 0 && ok;
    if (!ok)
        std::fprintf(stderr, "writeLargeGroupFile: HDF5 failed (%s)\n", native.constData());
    return ok;
#endif
}

bool writeWideGroupFile(const QString &path, int members, GroupFormat format)
{
    const QString partial = path + QStringLiteral(".partial");
    const QByteArray native = QFile::encodeName(partial);
    QFile::remove(partial);
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    if (format == GroupFormat::Dense)
        H5Pset_libver_bounds(fapl, H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
    const hid_t file = H5Fcreate(native.constData(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
    H5Pclose(fapl);
    if (file < 0)
        return false;
    // h5py creates links with UTF-8 names and intermediate groups.
    hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
    H5Pset_char_encoding(lcpl, H5T_CSET_UTF8);
    H5Pset_create_intermediate_group(lcpl, 1);
    const hid_t big = H5Gcreate2(file, "/big", lcpl, H5P_DEFAULT, H5P_DEFAULT);
    const hsize_t four = 4;
    const hid_t space = H5Screate_simple(1, &four, nullptr);
    bool ok = big >= 0 && space >= 0 && writeMembers(big, members, lcpl, [&](const char *name, int i) {
        const hid_t ds = H5Dcreate2(big, name, H5T_STD_I32LE, space, lcpl, H5P_DEFAULT, H5P_DEFAULT);
        const int values[4] = {i, i + 1, i + 2, i + 3};
        const bool written = ds >= 0 && H5Dwrite(ds, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values) >= 0;
        return ds >= 0 && H5Dclose(ds) >= 0 && written;
    });
    if (space >= 0)
        H5Sclose(space);
    H5Pclose(lcpl);
    if (big >= 0)
        H5Gclose(big);
    ok = H5Fclose(file) >= 0 && ok;
    if (ok) {
        QFile::remove(path);
        ok = QFile::rename(partial, path);
    }
    if (!ok) {
        QFile::remove(partial);
        std::fprintf(stderr, "writeWideGroupFile: HDF5 failed (%s)\n", native.constData());
    }
    return ok;
}

} // namespace hs::bench
