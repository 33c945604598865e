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
    std::vector<int> order(size_t(std::max(members, 0)));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937 rng(20240601u);
    std::shuffle(order.begin(), order.end(), rng);
    ok = big >= 0;
    char name[32];
    for (int i : order) {
        if (!ok)
            break;
        std::snprintf(name, sizeof name, "item_%d", i);
        if (i % 10 == 0) {
            const hid_t g = H5Gcreate2(big, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            ok = g >= 0 && H5Gclose(g) >= 0;
        } else {
            const hid_t ds = H5Dcreate2(big, name, H5T_STD_I32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
            ok = ds >= 0 && H5Dwrite(ds, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, &i) >= 0;
            if (ds >= 0)
                H5Dclose(ds);
        }
    }
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

} // namespace hs::bench
