// hyperslab_test_lockholder FILE [--swmr]
//
// Opens FILE for writing, as a program that is writing it would (which takes
// HDF5's file lock and, for latest-format files, marks the superblock "open
// for write"); with --swmr it then switches to SWMR writing. Prints "ready"
// once the file is open and keeps it open until stdin reaches EOF.

#include <hdf5.h>

#include <cstdio>
#include <cstring>

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: hyperslab_test_lockholder FILE [--swmr]\n");
        return 2;
    }
    const bool swmr = argc > 2 && std::strcmp(argv[2], "--swmr") == 0;
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    if (swmr)
        H5Pset_libver_bounds(fapl, H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
    const hid_t file = H5Fopen(argv[1], H5F_ACC_RDWR, fapl);
    H5Pclose(fapl);
    if (file < 0)
        return 1;
    if (swmr && H5Fstart_swmr_write(file) < 0)
        return 1;
    std::printf("ready\n");
    std::fflush(stdout);
    char buf[64];
    while (std::fread(buf, 1, sizeof buf, stdin) > 0) {
    }
    H5Fclose(file);
    return 0;
}
