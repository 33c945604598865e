// DatasetReader: blocks of every layout, type class and rank, read through
// hyperslabs. This file writes the file the tests read (with the HDF5 C API);
// the tests are in tst_datasetreader_{shapes,types,limits}.cpp.

#include "tst_datasetreader.h"

#include <cstring>

using namespace hs::core;
using namespace hs::test::reader;

namespace {

// A filter that does nothing, registered under an id nobody has installed,
// to write data that later needs a plugin.
size_t passThrough(unsigned, size_t, const unsigned[], size_t nbytes, size_t *, void **)
{
    return nbytes;
}

} // namespace

void TestDatasetReader::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("values.h5"));
    LibraryLock lock;
    const hid_t f = H5Fcreate(QFile::encodeName(m_path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    QVERIFY(f >= 0);

    std::vector<int> grid(kRows * kCols);
    for (hsize_t r = 0; r < kRows; ++r)
        for (hsize_t c = 0; c < kCols; ++c)
            grid[r * kCols + c] = valueAt(r, c);
    const hid_t space = simpleSpace({kRows, kCols});
    write(f, "contiguous", H5T_STD_I32LE, space, H5P_DEFAULT, H5T_NATIVE_INT, grid.data());
    write(f, "bigendian", H5T_STD_I32BE, space, H5P_DEFAULT, H5T_NATIVE_INT, grid.data());
    {
        const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
        const hsize_t chunk[2] = {10, 7};
        H5Pset_chunk(dcpl, 2, chunk);
        H5Pset_shuffle(dcpl);
        H5Pset_deflate(dcpl, 6);
        H5Pset_fletcher32(dcpl);
        write(f, "chunked", H5T_STD_I32LE, space, dcpl, H5T_NATIVE_INT, grid.data());
        H5Pclose(dcpl);
    }
    {
        const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
        H5Pset_layout(dcpl, H5D_COMPACT);
        const hid_t small = simpleSpace({5, 6});
        std::vector<int> part(30);
        for (hsize_t r = 0; r < 5; ++r)
            for (hsize_t c = 0; c < 6; ++c)
                part[r * 6 + c] = valueAt(r, c);
        write(f, "compact", H5T_STD_I32LE, small, dcpl, H5T_NATIVE_INT, part.data());
        H5Sclose(small);
        H5Pclose(dcpl);
    }
    {
        // Fill value: only the first chunk row is written.
        const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
        const hsize_t chunk[2] = {4, 4};
        H5Pset_chunk(dcpl, 2, chunk);
        const int fill = -7;
        H5Pset_fill_value(dcpl, H5T_NATIVE_INT, &fill);
        const hsize_t dims[2] = {8, 8};
        const hid_t s = H5Screate_simple(2, dims, nullptr);
        const hid_t d = H5Dcreate2(f, "filled", H5T_STD_I16LE, s, H5P_DEFAULT, dcpl, H5P_DEFAULT);
        const hsize_t start[2] = {0, 0}, count[2] = {4, 4};
        const hid_t fs = H5Dget_space(d);
        H5Sselect_hyperslab(fs, H5S_SELECT_SET, start, nullptr, count, nullptr);
        const hid_t ms = H5Screate_simple(2, count, nullptr);
        int ones[16];
        std::fill(std::begin(ones), std::end(ones), 1);
        H5Dwrite(d, H5T_NATIVE_INT, ms, fs, H5P_DEFAULT, ones);
        H5Sclose(ms);
        H5Sclose(fs);
        H5Dclose(d);
        H5Sclose(s);
        H5Pclose(dcpl);
    }
    H5Sclose(space);

    // Scalar and null dataspaces.
    {
        const hid_t s = H5Screate(H5S_SCALAR);
        const double pi = 3.25;
        write(f, "scalar", H5T_IEEE_F64BE, s, H5P_DEFAULT, H5T_NATIVE_DOUBLE, &pi);
        H5Sclose(s);
        const hid_t n = H5Screate(H5S_NULL);
        write(f, "null", H5T_STD_I32LE, n, H5P_DEFAULT, H5T_NATIVE_INT, nullptr);
        H5Sclose(n);
    }
    // 4-D: value encodes its index as abcd.
    {
        const hid_t s = simpleSpace({3, 4, 5, 6});
        std::vector<int> v(3 * 4 * 5 * 6);
        for (int a = 0; a < 3; ++a)
            for (int b = 0; b < 4; ++b)
                for (int c = 0; c < 5; ++c)
                    for (int d = 0; d < 6; ++d)
                        v[size_t(((a * 4 + b) * 5 + c) * 6 + d)] = a * 1000 + b * 100 + c * 10 + d;
        const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
        const hsize_t chunk[4] = {2, 3, 2, 4};
        H5Pset_chunk(dcpl, 4, chunk);
        write(f, "fourd", H5T_STD_I32LE, s, dcpl, H5T_NATIVE_INT, v.data());
        H5Pclose(dcpl);
        H5Sclose(s);
        const hid_t line = simpleSpace({20});
        std::vector<int> l(20);
        for (int i = 0; i < 20; ++i)
            l[size_t(i)] = i;
        write(f, "line", H5T_STD_I32LE, line, H5P_DEFAULT, H5T_NATIVE_INT, l.data());
        H5Sclose(line);
    }
    // Compound with a nested compound and an array member; big-endian members.
    {
        struct Inner
        {
            double x;
            short y[3];
        };
        struct Rec
        {
            int id;
            Inner pos;
            char name[6];
        };
        const hsize_t three = 3;
        const hid_t arrMem = H5Tarray_create2(H5T_NATIVE_SHORT, 1, &three);
        const hid_t arrFile = H5Tarray_create2(H5T_STD_I16BE, 1, &three);
        const hid_t str = H5Tcopy(H5T_C_S1);
        H5Tset_size(str, 6);
        const hid_t innerMem = H5Tcreate(H5T_COMPOUND, sizeof(Inner));
        H5Tinsert(innerMem, "x", HOFFSET(Inner, x), H5T_NATIVE_DOUBLE);
        H5Tinsert(innerMem, "y", HOFFSET(Inner, y), arrMem);
        const hid_t recMem = H5Tcreate(H5T_COMPOUND, sizeof(Rec));
        H5Tinsert(recMem, "id", HOFFSET(Rec, id), H5T_NATIVE_INT);
        H5Tinsert(recMem, "pos", HOFFSET(Rec, pos), innerMem);
        H5Tinsert(recMem, "name", HOFFSET(Rec, name), str);
        const hid_t innerFile = H5Tcreate(H5T_COMPOUND, 8 + 6);
        H5Tinsert(innerFile, "x", 0, H5T_IEEE_F64BE);
        H5Tinsert(innerFile, "y", 8, arrFile);
        const hid_t recFile = H5Tcreate(H5T_COMPOUND, 4 + 14 + 6);
        H5Tinsert(recFile, "id", 0, H5T_STD_I32BE);
        H5Tinsert(recFile, "pos", 4, innerFile);
        H5Tinsert(recFile, "name", 18, str);
        Rec recs[3] = {{1, {0.5, {1, 2, 3}}, "one"}, {2, {-1.25, {4, 5, 6}}, "two"}, {3, {1e-3, {7, 8, 9}}, "three"}};
        const hid_t s = simpleSpace({3});
        write(f, "compound", recFile, s, H5P_DEFAULT, recMem, recs);
        H5Sclose(s);
        for (hid_t t : {arrMem, arrFile, str, innerMem, recMem, innerFile, recFile})
            H5Tclose(t);
    }
    // Complex numbers the way h5py writes them; long double.
    {
        const hid_t c = H5Tcreate(H5T_COMPOUND, 16);
        H5Tinsert(c, "r", 0, H5T_NATIVE_DOUBLE);
        H5Tinsert(c, "i", 8, H5T_NATIVE_DOUBLE);
        const double v[4] = {1.5, 2, -0.5, -3};
        const hid_t s = simpleSpace({2});
        write(f, "complex", c, s, H5P_DEFAULT, c, v);
        H5Tclose(c);
        const long double ld[2] = {0.1L, -1e100L};
        write(f, "longdouble", H5T_NATIVE_LDOUBLE, s, H5P_DEFAULT, H5T_NATIVE_LDOUBLE, ld);
        H5Sclose(s);
    }
    // Strings: vlen UTF-8, fixed null-padded/space-padded, vlen sequences.
    {
        const hid_t vs = H5Tcopy(H5T_C_S1);
        H5Tset_size(vs, H5T_VARIABLE);
        H5Tset_cset(vs, H5T_CSET_UTF8);
        const char *strs[4] = {"alpha", "gr\u00fc\u00dfe", "", "line\nbreak"};
        const hid_t s4 = simpleSpace({4});
        write(f, "vlstrings", vs, s4, H5P_DEFAULT, vs, strs);
        H5Tclose(vs);
        const hid_t np = H5Tcopy(H5T_C_S1);
        H5Tset_size(np, 5);
        H5Tset_strpad(np, H5T_STR_NULLPAD);
        const char nullpad[4][5] = {{'a', 'b', 0, 0, 0}, {'a', 'b', 'c', 'd', 'e'}, {0}, {'x', 0, 'y', 0, 0}};
        write(f, "nullpad", np, s4, H5P_DEFAULT, np, nullpad);
        H5Tset_strpad(np, H5T_STR_SPACEPAD);
        const char spacepad[4][5] = {{'a', 'b', ' ', ' ', ' '}, {'a', 'b', 'c', 'd', 'e'}, {' ', ' ', ' ', ' ', ' '},
                                     {'x', ' ', 'y', ' ', ' '}};
        write(f, "spacepad", np, s4, H5P_DEFAULT, np, spacepad);
        H5Tclose(np);
        const hid_t seq = H5Tvlen_create(H5T_NATIVE_INT);
        int a[] = {1, 2, 3}, b[] = {-4};
        hvl_t seqs[4] = {{3, a}, {1, b}, {0, nullptr}, {2, a}};
        write(f, "sequences", seq, s4, H5P_DEFAULT, seq, seqs);
        H5Tclose(seq);
        H5Sclose(s4);
    }
    // Enum (h5py bool), bitfield, opaque, float16.
    {
        const hid_t e = H5Tenum_create(H5T_NATIVE_SCHAR);
        signed char v = 0;
        H5Tenum_insert(e, "FALSE", &v);
        v = 1;
        H5Tenum_insert(e, "TRUE", &v);
        const signed char bools[3] = {1, 0, 7};
        const hid_t s3 = simpleSpace({3});
        write(f, "bools", e, s3, H5P_DEFAULT, e, bools);
        H5Tclose(e);
        const unsigned short bits[3] = {0x0001, 0xffef, 0x8000};
        write(f, "bitfield", H5T_STD_B16BE, s3, H5P_DEFAULT, H5T_NATIVE_B16, bits);
        const hid_t o = H5Tcreate(H5T_OPAQUE, 3);
        H5Tset_tag(o, "three bytes");
        const unsigned char op[9] = {1, 2, 3, 0xaa, 0xbb, 0xcc, 0, 0, 0xff};
        write(f, "opaque", o, s3, H5P_DEFAULT, o, op);
        H5Tclose(o);
        const hid_t h = H5Tcopy(H5T_IEEE_F32BE);
        H5Tset_fields(h, 15, 10, 5, 0, 10);
        H5Tset_offset(h, 0);
        H5Tset_precision(h, 16);
        H5Tset_size(h, 2);
        H5Tset_ebias(h, 15);
        const float halfs[3] = {1.5f, 65504.0f, -0.0999755859375f};
        write(f, "float16be", h, s3, H5P_DEFAULT, H5T_NATIVE_FLOAT, halfs);
        H5Tclose(h);
        H5Sclose(s3);
    }
    // References: objects and regions, including a null one.
    {
        H5Gclose(H5Gcreate2(f, "group1", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        hobj_ref_t refs[3] = {};
        H5Rcreate(&refs[0], f, "/group1", H5R_OBJECT, -1);
        H5Rcreate(&refs[1], f, "/contiguous", H5R_OBJECT, -1);
        const hid_t s3 = simpleSpace({3});
        write(f, "objrefs", H5T_STD_REF_OBJ, s3, H5P_DEFAULT, H5T_STD_REF_OBJ, refs);
        hdset_reg_ref_t regs[3];
        std::memset(regs, 0, sizeof regs);
        const hid_t target = H5Dopen2(f, "contiguous", H5P_DEFAULT);
        const hid_t sp = H5Dget_space(target);
        const hsize_t start[2] = {2, 2}, count[2] = {6, 6};
        H5Sselect_hyperslab(sp, H5S_SELECT_SET, start, nullptr, count, nullptr);
        const hsize_t start2[2] = {20, 1}, count2[2] = {1, 3};
        H5Sselect_hyperslab(sp, H5S_SELECT_OR, start2, nullptr, count2, nullptr);
        H5Rcreate(&regs[0], f, "/contiguous", H5R_DATASET_REGION, sp);
        const hsize_t points[3][2] = {{6, 9}, {2, 2}, {0, 4}};
        H5Sselect_elements(sp, H5S_SELECT_SET, 3, &points[0][0]);
        H5Rcreate(&regs[1], f, "/contiguous", H5R_DATASET_REGION, sp);
        H5Sclose(sp);
        H5Dclose(target);
        write(f, "regionrefs", H5T_STD_REF_DSETREG, s3, H5P_DEFAULT, H5T_STD_REF_DSETREG, regs);
        H5Sclose(s3);
    }
    // A compound with a vlen string and a reference: out-of-line members.
    {
        const hid_t vs = H5Tcopy(H5T_C_S1);
        H5Tset_size(vs, H5T_VARIABLE);
        struct Mixed
        {
            const char *label;
            hobj_ref_t ref;
        };
        const hid_t m = H5Tcreate(H5T_COMPOUND, sizeof(Mixed));
        H5Tinsert(m, "label", HOFFSET(Mixed, label), vs);
        H5Tinsert(m, "ref", HOFFSET(Mixed, ref), H5T_STD_REF_OBJ);
        Mixed v[2] = {{"first", 0}, {nullptr, 0}};
        H5Rcreate(&v[0].ref, f, "/group1", H5R_OBJECT, -1);
        const hid_t s2 = simpleSpace({2});
        write(f, "mixed", m, s2, H5P_DEFAULT, m, v);
        H5Sclose(s2);
        H5Tclose(m);
        H5Tclose(vs);
    }
    // A dataset compressed with a filter that will not be there when read.
    if (H5Zfilter_avail(32015) <= 0) {
        H5Z_class2_t cls{H5Z_CLASS_T_VERS, H5Z_filter_t(32015), 1, 1, "fake zstd", nullptr, nullptr, passThrough};
        QVERIFY(H5Zregister(&cls) >= 0);
        const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
        const hsize_t chunk = 4;
        H5Pset_chunk(dcpl, 1, &chunk);
        H5Pset_filter(dcpl, 32015, H5Z_FLAG_MANDATORY, 0, nullptr);
        const hid_t s = simpleSpace({8});
        const int v[8] = {1, 2, 3, 4, 5, 6, 7, 8};
        write(f, "needsplugin", H5T_STD_I32LE, s, dcpl, H5T_NATIVE_INT, v);
        H5Sclose(s);
        H5Pclose(dcpl);
        H5Fclose(f);
        QVERIFY(H5Zunregister(32015) >= 0);
    } else {
        H5Fclose(f);
    }
    auto file = H5File::open(m_path);
    QVERIFY(file);
    m_file = file.value();
}

void TestDatasetReader::cleanupTestCase() { m_file.reset(); }

QTEST_GUILESS_MAIN(TestDatasetReader)
