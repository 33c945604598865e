#pragma once

// The file both crash-recovery tests browse: /run/table is the object that
// "crashes the library" (HYPERSLAB_TEST_CRASH_AT), with neighbours that do not.

#include <hdf5.h>

#include <QFile>
#include <QString>

namespace hs::test {

inline bool writeRecoveryFixture(const QString &path)
{
    const hid_t file = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (file < 0)
        return false;
    const hsize_t dims[2] = {4, 3};
    const int values[12] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    const hid_t space = H5Screate_simple(2, dims, nullptr);
    const hid_t scalar = H5Screate(H5S_SCALAR);
    const hid_t run = H5Gcreate2(file, "run", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    bool ok = run >= 0;
    for (const char *name : {"table", "other"}) {
        const hid_t d = H5Dcreate2(run, name, H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        const hid_t a = H5Acreate2(d, "units", H5T_STD_I32LE, scalar, H5P_DEFAULT, H5P_DEFAULT);
        ok = ok && d >= 0 && a >= 0 && H5Dwrite(d, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values) >= 0
             && H5Awrite(a, H5T_NATIVE_INT, values) >= 0;
        H5Aclose(a);
        H5Dclose(d);
    }
    const hid_t notes = H5Gcreate2(file, "notes", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    ok = ok && notes >= 0;
    H5Gclose(notes);
    H5Gclose(run);
    H5Sclose(scalar);
    H5Sclose(space);
    return H5Fclose(file) >= 0 && ok;
}

} // namespace hs::test
