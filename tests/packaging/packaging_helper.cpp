// Helper for test_desktop_integration.sh.
//
//   packaging_helper write-h5 FILE USERBLOCK [HEADER]
//       Writes a small, real HDF5 file (a group, a dataset, an attribute).
//       USERBLOCK is the user block size in bytes (0, or a power of two
//       >= 512); HEADER, if given, is written at the start of the user block
//       (as MATLAB does with its text header). The file is reopened with the
//       HDF5 library afterwards, so the signature really sits where HDF5 looks.
//
//   packaging_helper qt-mime FILE...
//       Prints, one line per FILE, the MIME type QMimeDatabase gives it: what
//       Qt programs (and KDE's file manager) see with the current
//       XDG_DATA_DIRS / XDG_DATA_HOME.

#include <hdf5.h>

#include <QCoreApplication>
#include <QMimeDatabase>
#include <QTextStream>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

int usage()
{
    std::fputs("usage: packaging_helper write-h5 FILE USERBLOCK [HEADER]\n"
               "       packaging_helper qt-mime FILE...\n",
               stderr);
    return 2;
}

int fail(const char *what, const char *file)
{
    std::fprintf(stderr, "packaging_helper: %s: %s\n", file, what);
    return 1;
}

int writeH5(const char *path, unsigned long long userBlock, const char *header)
{
    const hid_t fcpl = H5Pcreate(H5P_FILE_CREATE);
    if (fcpl < 0 || (userBlock > 0 && H5Pset_userblock(fcpl, userBlock) < 0))
        return fail("H5Pset_userblock failed", path);
    const hid_t file = H5Fcreate(path, H5F_ACC_TRUNC, fcpl, H5P_DEFAULT);
    H5Pclose(fcpl);
    if (file < 0)
        return fail("H5Fcreate failed", path);

    bool ok = true;
    const hid_t group = H5Gcreate2(file, "measurements", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const hsize_t dims[2] = {4, 6};
    const hid_t space = H5Screate_simple(2, dims, nullptr);
    const hid_t dset = H5Dcreate2(group, "grid", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    double values[4][6];
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 6; ++c)
            values[r][c] = r * 10.0 + c;
    ok = group >= 0 && space >= 0 && dset >= 0
        && H5Dwrite(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values) >= 0;
    const hid_t ascalar = H5Screate(H5S_SCALAR);
    const hid_t attr = H5Acreate2(dset, "units", H5T_STD_I32LE, ascalar, H5P_DEFAULT, H5P_DEFAULT);
    const int unitsCode = 7;
    ok = ok && attr >= 0 && H5Awrite(attr, H5T_NATIVE_INT, &unitsCode) >= 0;
    if (attr >= 0)
        H5Aclose(attr);
    if (ascalar >= 0)
        H5Sclose(ascalar);
    if (dset >= 0)
        H5Dclose(dset);
    if (space >= 0)
        H5Sclose(space);
    if (group >= 0)
        H5Gclose(group);
    if (H5Fclose(file) < 0 || !ok)
        return fail("writing the objects failed", path);

    if (header && *header) {
        const size_t len = std::strlen(header);
        if (len > userBlock)
            return fail("header longer than the user block", path);
        FILE *f = std::fopen(path, "r+b");
        if (!f || std::fwrite(header, 1, len, f) != len || std::fclose(f) != 0)
            return fail("writing the header failed", path);
    }

    // Reopen: proves the library finds the superblock behind the user block.
    const hid_t check = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (check < 0)
        return fail("reopening with H5Fopen failed", path);
    const hid_t info = H5Fget_create_plist(check);
    hsize_t actual = 0;
    const bool same = info >= 0 && H5Pget_userblock(info, &actual) >= 0 && actual == userBlock;
    if (info >= 0)
        H5Pclose(info);
    H5Fclose(check);
    if (!same)
        return fail("the reopened file has another user block size", path);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 4 && argc <= 5 && std::strcmp(argv[1], "write-h5") == 0) {
        char *end = nullptr;
        const unsigned long long userBlock = std::strtoull(argv[3], &end, 10);
        if (!end || *end)
            return usage();
        return writeH5(argv[2], userBlock, argc == 5 ? argv[4] : nullptr);
    }
    if (argc >= 3 && std::strcmp(argv[1], "qt-mime") == 0) {
        QCoreApplication app(argc, argv);
        const QMimeDatabase db;
        QTextStream out(stdout);
        for (int i = 2; i < argc; ++i)
            out << db.mimeTypeForFile(QString::fromLocal8Bit(argv[i])).name() << '\n';
        return 0;
    }
    return usage();
}
