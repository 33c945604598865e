// DatasetReader: blocks of every layout, type class and rank, read through
// hyperslabs; files are written here with the HDF5 C API.

#include "hdf5/librarylock.h"
#include "hdf5/names.h"
#include "hdf5/valueformatter.h"
#include "services/datasetreader.h"

#include <QtTest>

#include <hdf5.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <thread>

using namespace hs::core;

namespace {

constexpr hsize_t kRows = 37, kCols = 23;

int valueAt(hsize_t r, hsize_t c) { return int(r * 1000 + c) * (((r + c) % 3 == 0) ? -1 : 1); }

// Writes `data` of `memType` as dataset `name` with the given file type,
// space and creation properties; closes everything it opens.
void write(hid_t file, const char *name, hid_t fileType, hid_t space, hid_t dcpl, hid_t memType, const void *data)
{
    const hid_t d = H5Dcreate2(file, name, fileType, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    QVERIFY(d >= 0);
    if (data)
        QVERIFY(H5Dwrite(d, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) >= 0);
    H5Dclose(d);
}

hid_t simpleSpace(std::initializer_list<hsize_t> dims)
{
    std::vector<hsize_t> d(dims);
    return H5Screate_simple(int(d.size()), d.data(), nullptr);
}

// A filter that does nothing, registered under an id nobody has installed,
// to write data that later needs a plugin.
size_t passThrough(unsigned, size_t, const unsigned[], size_t nbytes, size_t *, void **)
{
    return nbytes;
}

QString cell(const DataBlockPtr &b, quint64 r, quint64 c, int f = 0, const FormatOptions &o = {})
{
    return b->cellText(r, c, f, o);
}

} // namespace

class TestDatasetReader : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    H5FilePtr m_file;

    Result<DatasetReaderPtr> open(const QString &name) { return DatasetReader::open(m_file, name); }

    DatasetReaderPtr mustOpen(const QString &name)
    {
        auto r = open(name);
        if (!r)
            qWarning() << r.error().message << r.error().detail;
        return r ? r.value() : nullptr;
    }

    static std::string readAllText(const DatasetReader &reader, const Selection &sel)
    {
        auto b = reader.readBlock(sel, false, 0, 1000, 0, 1000);
        if (!b)
            return "ERROR: " + b.error().message.toStdString();
        std::string out;
        for (quint64 r = 0; r < (*b)->rows; ++r)
            for (quint64 c = 0; c < (*b)->cols; ++c)
                for (int f = 0; f < (*b)->fields; ++f) {
                    if (!out.empty())
                        out += " | ";
                    (*b)->appendUtf8(r, c, f, {}, out);
                }
        return out;
    }

private slots:
    void initTestCase()
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

    void cleanupTestCase() { m_file.reset(); }

    // Every layout, read in 8 x 5 blocks (crossing chunk edges), plain and transposed.
    void layouts_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<quint64>("rows");
        QTest::addColumn<quint64>("cols");
        QTest::newRow("contiguous") << QStringLiteral("/contiguous") << quint64(kRows) << quint64(kCols);
        QTest::newRow("chunked gzip shuffle fletcher32") << QStringLiteral("/chunked") << quint64(kRows) << quint64(kCols);
        QTest::newRow("big-endian") << QStringLiteral("/bigendian") << quint64(kRows) << quint64(kCols);
        QTest::newRow("compact") << QStringLiteral("/compact") << quint64(5) << quint64(6);
    }
    void layouts()
    {
        QFETCH(QString, name);
        QFETCH(quint64, rows);
        QFETCH(quint64, cols);
        auto reader = mustOpen(name);
        QVERIFY(reader);
        QCOMPARE(reader->shape().dims, (std::vector<quint64>{rows, cols}));
        QCOMPARE(reader->fields().size(), size_t(1));
        QCOMPARE(reader->elementSize(), sizeof(int));
        const Selection all = Selection::all(reader->shape().dims);
        for (const bool transposed : {false, true}) {
            const quint64 R = transposed ? cols : rows, C = transposed ? rows : cols;
            for (quint64 r0 = 0; r0 < R; r0 += 8) {
                for (quint64 c0 = 0; c0 < C; c0 += 5) {
                    auto block = reader->readBlock(all, transposed, r0, 8, c0, 5);
                    QVERIFY2(block, qPrintable(block ? QString() : block.error().message));
                    const DataBlockPtr &b = *block;
                    QCOMPARE(b->rows, std::min<quint64>(8, R - r0)); // the far end is clamped
                    QCOMPARE(b->cols, std::min<quint64>(5, C - c0));
                    for (quint64 r = 0; r < b->rows; ++r)
                        for (quint64 c = 0; c < b->cols; ++c) {
                            const quint64 dr = transposed ? c0 + c : r0 + r, dc = transposed ? r0 + r : c0 + c;
                            QCOMPARE(cell(b, r, c), QString::number(valueAt(dr, dc)));
                            QCOMPARE(b->number(r, c, 0), double(valueAt(dr, dc)));
                        }
                }
            }
        }
        if (name == QLatin1String("/chunked"))
            QCOMPARE(reader->chunkShape(), (std::vector<quint64>{10, 7}));
        else
            QVERIFY(reader->chunkShape().empty());
    }

    void blockPastTheEnd()
    {
        auto reader = mustOpen(QStringLiteral("/contiguous"));
        const Selection all = Selection::all(reader->shape().dims);
        auto b = reader->readBlock(all, false, kRows, 10, 0, 10);
        QVERIFY(b);
        QCOMPARE((*b)->rows, quint64(0));
        auto last = reader->readBlock(all, false, kRows - 1, 100, kCols - 1, 100);
        QVERIFY(last);
        QCOMPARE((*last)->rows, quint64(1));
        QCOMPARE((*last)->cols, quint64(1));
        QCOMPARE(cell(*last, 0, 0), QString::number(valueAt(kRows - 1, kCols - 1)));
        QCOMPARE((*last)->byteSize() >= sizeof(int), true);
    }

    void hexOption()
    {
        auto reader = mustOpen(QStringLiteral("/bigendian"));
        auto b = reader->readBlock(Selection::all(reader->shape().dims), false, 0, 1, 0, 2);
        QVERIFY(b);
        FormatOptions hex;
        hex.hexIntegers = true;
        QCOMPARE(cell(*b, 0, 0, 0, hex), QStringLiteral("0x0")); // 0 * -1
        QCOMPARE(cell(*b, 0, 1, 0, hex), QStringLiteral("0x1"));
    }

    void fillValue()
    {
        auto reader = mustOpen(QStringLiteral("/filled"));
        auto b = reader->readBlock(Selection::all(reader->shape().dims), false, 2, 4, 2, 4);
        QVERIFY(b);
        QCOMPARE(cell(*b, 0, 0), QStringLiteral("1"));  // (2,2): written
        QCOMPARE(cell(*b, 1, 1), QStringLiteral("1"));  // (3,3)
        QCOMPARE(cell(*b, 2, 2), QStringLiteral("-7")); // (4,4): never written
        QCOMPARE(cell(*b, 0, 3), QStringLiteral("-7")); // (2,5)
    }

    void scalarAndNull()
    {
        auto scalar = mustOpen(QStringLiteral("/scalar"));
        QCOMPARE(scalar->shape().kind, ShapeInfo::Kind::Scalar);
        auto b = scalar->readBlock(Selection::all({}), false, 0, 10, 0, 10);
        QVERIFY(b);
        QCOMPARE((*b)->rows, quint64(1));
        QCOMPARE((*b)->cols, quint64(1));
        QCOMPARE(cell(*b, 0, 0), QStringLiteral("3.25"));

        auto null = mustOpen(QStringLiteral("/null"));
        QCOMPARE(null->shape().kind, ShapeInfo::Kind::Null);
        auto e = null->readBlock(Selection::all({}), false, 0, 1, 0, 1);
        QVERIFY(!e);
        QCOMPARE(e.error().message, QStringLiteral("This dataset has no data (null dataspace)."));
    }

    void fourDimensional()
    {
        auto reader = mustOpen(QStringLiteral("/fourd"));
        // [1, :, 2, ::2]
        Selection sel = Selection::all(reader->shape().dims);
        sel.dims()[0] = DimSlice{1, 1, 1, 1, true};
        sel.dims()[2] = DimSlice{2, 1, 1, 1, true};
        sel.dims()[3] = DimSlice{0, 2, 3, 1, false};
        auto b = reader->readBlock(sel, false, 0, 10, 0, 10);
        QVERIFY(b);
        QCOMPARE((*b)->rows, quint64(4));
        QCOMPARE((*b)->cols, quint64(3));
        for (quint64 r = 0; r < 4; ++r)
            for (quint64 c = 0; c < 3; ++c)
                QCOMPARE(cell(*b, r, c), QString::number(1000 + r * 100 + 20 + c * 2));
        // Transposed, from an offset: rows run over the last dimension.
        auto t = reader->readBlock(sel, true, 1, 2, 1, 3);
        QVERIFY(t);
        QCOMPARE((*t)->rows, quint64(2));
        QCOMPARE((*t)->cols, quint64(3));
        for (quint64 r = 0; r < 2; ++r)
            for (quint64 c = 0; c < 3; ++c)
                QCOMPARE(cell(*t, r, c), QString::number(1000 + (c + 1) * 100 + 20 + (r + 1) * 2));
        // Strided in two dimensions, starting in the middle: [2, 1::2, 1:5:3, 4]
        Selection s2 = Selection::all(reader->shape().dims);
        s2.dims()[0] = DimSlice{2, 1, 1, 1, true};
        s2.dims()[1] = DimSlice{1, 2, 2, 1, false};
        s2.dims()[2] = DimSlice{1, 3, 2, 1, false};
        s2.dims()[3] = DimSlice{4, 1, 1, 1, true};
        auto s = reader->readBlock(s2, false, 0, 5, 0, 5);
        QVERIFY(s);
        QCOMPARE(cell(*s, 0, 0), QStringLiteral("2114"));
        QCOMPARE(cell(*s, 0, 1), QStringLiteral("2144"));
        QCOMPARE(cell(*s, 1, 0), QStringLiteral("2314"));
        QCOMPARE(cell(*s, 1, 1), QStringLiteral("2344"));
        // Three result dimensions cannot be shown as a table.
        Selection three = Selection::all(reader->shape().dims);
        three.dims()[0].dropped = true;
        three.dims()[0].count = 1;
        auto e = reader->readBlock(three, false, 0, 1, 0, 1);
        QVERIFY(!e);
        QCOMPARE(e.error().code, ErrorCode::InvalidArgument);
    }

    void oneDimensional()
    {
        auto reader = mustOpen(QStringLiteral("/line"));
        Selection sel = Selection::all(reader->shape().dims);
        auto b = reader->readBlock(sel, false, 15, 10, 0, 3);
        QVERIFY(b);
        QCOMPARE((*b)->rows, quint64(5));
        QCOMPARE((*b)->cols, quint64(1));
        QCOMPARE(cell(*b, 4, 0), QStringLiteral("19"));
        auto t = reader->readBlock(sel, true, 0, 3, 15, 10);
        QVERIFY(t);
        QCOMPARE((*t)->rows, quint64(1));
        QCOMPARE((*t)->cols, quint64(5));
        QCOMPARE(cell(*t, 0, 0), QStringLiteral("15"));
    }

    // HDF5 blocks (block > 1): elements 1,2, 5,6, 9,10 of 0..19; read rows 1..4.
    void hyperslabBlocks()
    {
        auto reader = mustOpen(QStringLiteral("/line"));
        Selection sel = Selection::all(reader->shape().dims);
        sel.dims()[0] = DimSlice{1, 4, 3, 2, false};
        auto b = reader->readBlock(sel, false, 1, 4, 0, 1);
        QVERIFY(b);
        QCOMPARE((*b)->rows, quint64(4));
        QStringList got;
        for (quint64 r = 0; r < 4; ++r)
            got << cell(*b, r, 0);
        QCOMPARE(got, (QStringList{QStringLiteral("2"), QStringLiteral("5"), QStringLiteral("6"), QStringLiteral("9")}));
    }

    void selectionOutside()
    {
        auto reader = mustOpen(QStringLiteral("/line"));
        Selection sel = Selection::all(reader->shape().dims);
        sel.dims()[0] = DimSlice{15, 2, 5, 1, false};
        auto e = reader->readBlock(sel, false, 0, 1, 0, 1);
        QVERIFY(!e);
        QCOMPARE(e.error().code, ErrorCode::InvalidArgument);
    }

    void values_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("fields");
        QTest::addColumn<QString>("expected"); // every cell, then field, joined by " | "
        auto row = [](const char *tag, const char *name, QStringList fields, const char *expected) {
            QTest::newRow(tag) << QString::fromLatin1(name) << fields << QString::fromUtf8(expected);
        };
        row("nested compound with array", "/compound",
            {QStringLiteral("id"), QStringLiteral("pos.x"), QStringLiteral("pos.y"), QStringLiteral("name")},
            "1 | 0.5 | [1, 2, 3] | one | 2 | -1.25 | [4, 5, 6] | two | 3 | 0.001 | [7, 8, 9] | three");
        row("complex", "/complex", {QString()}, "1.5+2i | -0.5-3i");
        row("long double", "/longdouble", {QString()}, "0.1 | -1e+100");
        row("vlen utf-8 strings", "/vlstrings", {QString()}, "alpha | gr\u00fc\u00dfe |  | line\nbreak");
        row("null-padded", "/nullpad", {QString()}, "ab | abcde |  | x");
        row("space-padded", "/spacepad", {QString()}, "ab    | abcde |       | x y  ");
        row("vlen sequences", "/sequences", {QString()}, "(1, 2, 3) | (-4) | () | (1, 2)");
        row("enum bool", "/bools", {QString()}, "TRUE | FALSE | 7");
        row("bitfield big-endian", "/bitfield", {QString()}, "0x0001 | 0xffef | 0x8000");
        row("opaque", "/opaque", {QString()}, "0x010203 | 0xaabbcc | 0x0000ff");
        row("float16 big-endian", "/float16be", {QString()}, "1.5 | 65500 | -0.1");
        row("object references", "/objrefs", {QString()}, "/group1 | /contiguous | NULL");
        row("region references", "/regionrefs", {QString()},
            "/contiguous {(2,2)-(7,7), (20,1)-(20,3)} | /contiguous {(6,9), (2,2), (0,4)} | NULL");
        row("compound with vlen string and reference", "/mixed", {QStringLiteral("label"), QStringLiteral("ref")},
            "first | /group1 |  | NULL");
    }
    void values()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, fields);
        QFETCH(QString, expected);
        auto reader = mustOpen(name);
        QVERIFY(reader);
        QStringList names;
        for (const FieldInfo &f : reader->fields())
            names << f.name;
        QCOMPARE(names, fields);
        const qint64 before = openHdf5ObjectCount();
        QCOMPARE(QString::fromStdString(readAllText(*reader, Selection::all(reader->shape().dims))), expected);
        QCOMPARE(openHdf5ObjectCount(), before);
    }

    void fieldTypes()
    {
        auto reader = mustOpen(QStringLiteral("/compound"));
        QCOMPARE(reader->fields().size(), size_t(4));
        QCOMPARE(reader->fields()[0].type.text, QStringLiteral("H5T_STD_I32BE"));
        QCOMPARE(reader->fields()[2].type.text, QStringLiteral("H5T_ARRAY { [3] H5T_STD_I16BE }"));
        auto opaque = mustOpen(QStringLiteral("/opaque"));
        QVERIFY(opaque->fields()[0].type.text.contains(QLatin1String("three bytes")));
    }

    void blocksOwnTheirData()
    {
        // Out-of-line values stay valid after the reader (and the file) are gone.
        DataBlockPtr b;
        {
            auto reader = mustOpen(QStringLiteral("/vlstrings"));
            auto r = reader->readBlock(Selection::all(reader->shape().dims), false, 0, 4, 0, 1);
            QVERIFY(r);
            b = *r;
        }
        QCOMPARE(cell(b, 1, 0), QStringLiteral("gr\u00fc\u00dfe"));
        FormatOptions esc;
        esc.escapeStrings = true;
        QCOMPARE(cell(b, 3, 0, 0, esc), QStringLiteral("line\\nbreak"));
    }

    void missingFilter()
    {
        if (!m_file || H5Zfilter_avail(32015) > 0)
            QSKIP("a Zstandard plugin is installed here");
        auto reader = mustOpen(QStringLiteral("/needsplugin"));
        QVERIFY(reader);
        auto e = reader->readBlock(Selection::all(reader->shape().dims), false, 0, 8, 0, 1);
        QVERIFY(!e);
        QCOMPARE(e.error().code, ErrorCode::MissingFilter);
        QVERIFY2(e.error().message.contains(QLatin1String("Zstandard")), qPrintable(e.error().message));
        QVERIFY(e.error().message.contains(QLatin1String("32015")));
        QVERIFY(!e.error().detail.isEmpty());
    }

    void tooLargeBlock()
    {
        LibraryLock lock;
        const QString path = m_dir.filePath(QStringLiteral("huge.h5"));
        const hid_t f = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
        const hsize_t chunk[2] = {64, 64};
        H5Pset_chunk(dcpl, 2, chunk);
        const hid_t s = simpleSpace({1000000, 1000000});
        write(f, "huge", H5T_STD_U8LE, s, dcpl, H5T_NATIVE_UCHAR, nullptr);
        H5Sclose(s);
        H5Pclose(dcpl);
        H5Fclose(f);
        auto file = H5File::open(path);
        QVERIFY(file);
        auto reader = DatasetReader::open(*file, QStringLiteral("/huge"));
        QVERIFY(reader);
        const Selection all = Selection::all((*reader)->shape().dims);
        auto far = (*reader)->readBlock(all, false, 999990, 100, 999990, 100);
        QVERIFY(far);
        QCOMPARE((*far)->rows, quint64(10));
        QCOMPARE(cell(*far, 9, 9), QStringLiteral("0"));
        auto e = (*reader)->readBlock(all, false, 0, 1000000, 0, 1000000);
        QVERIFY(!e);
        QCOMPARE(e.error().code, ErrorCode::InvalidArgument);
    }

    // A chunk larger than HDF5's default chunk cache (1 MB) read in two
    // tiles, as the grid's pager reads an 8 MB chunk (its tiles are at most
    // 4 MB): the chunk goes through the filter pipeline once, not once per
    // tile. A pass-through filter counts how often it decodes.
    void bigChunksAreDecodedOnce()
    {
        static int decoded = 0;
        constexpr H5Z_filter_t CountingFilter = 300; // 256-511: for testing
        const H5Z_class2_t counting = {H5Z_CLASS_T_VERS, CountingFilter, 1, 1, "counting", nullptr, nullptr,
                                       [](unsigned flags, size_t, const unsigned[], size_t nbytes, size_t *, void **) {
                                           if (flags & H5Z_FLAG_REVERSE)
                                               ++decoded;
                                           return nbytes;
                                       }};
        const QString path = m_dir.filePath(QStringLiteral("bigchunks.h5"));
        {
            LibraryLock lock;
            QVERIFY(H5Zregister(&counting) >= 0);
            const hid_t f = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
            const hsize_t chunk[2] = {1024, 1024}; // 8 MB of float64
            H5Pset_chunk(dcpl, 2, chunk);
            H5Pset_filter(dcpl, CountingFilter, H5Z_FLAG_MANDATORY, 0, nullptr);
            std::vector<double> v(size_t(1024) * 1024);
            for (size_t i = 0; i < v.size(); ++i)
                v[i] = double(i);
            const hid_t s = simpleSpace({1024, 1024});
            write(f, "big", H5T_IEEE_F64LE, s, dcpl, H5T_NATIVE_DOUBLE, v.data());
            H5Sclose(s);
            H5Pclose(dcpl);
            H5Fclose(f);
        }
        auto file = H5File::open(path);
        QVERIFY(file);
        auto reader = DatasetReader::open(*file, QStringLiteral("/big"));
        QVERIFY(reader);
        const Selection all = Selection::all((*reader)->shape().dims);
        decoded = 0;
        auto top = (*reader)->readBlock(all, false, 0, 512, 0, 1024);
        auto bottom = (*reader)->readBlock(all, false, 512, 512, 0, 1024);
        QVERIFY(top && bottom);
        QCOMPARE(cell(*bottom, 511, 1023), QString::number(1024 * 1024 - 1));
        QCOMPARE(decoded, 1);
    }

    // A link name that is not UTF-8 (Latin-1 "°", byte 0xB0, as old Windows
    // tools write it) opens in the grid under the name the tree shows.
    void nonUtf8Name()
    {
        const QString path = m_dir.filePath(QStringLiteral("latin1.h5"));
        {
            LibraryLock lock;
            const hid_t f = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            const hid_t s = simpleSpace({3});
            const int values[3] = {7, 8, 9};
            write(f, "temp_\xb0C", H5T_STD_I32LE, s, H5P_DEFAULT, H5T_NATIVE_INT, values);
            H5Sclose(s);
            H5Fclose(f);
        }
        auto file = H5File::open(path);
        QVERIFY(file);
        const QString name = hs::core::names::decode("/temp_\xb0C");
        QVERIFY(name.startsWith(QLatin1String("/temp_")));
        auto reader = DatasetReader::open(*file, name);
        QVERIFY2(reader, reader ? "" : qPrintable(reader.error().message));
        auto block = (*reader)->readBlock(Selection::all((*reader)->shape().dims), false, 0, 3, 0, 1);
        QVERIFY(block);
        QCOMPARE(cell(*block, 2, 0), QStringLiteral("9"));
    }

    void concurrentReads()
    {
        auto reader = mustOpen(QStringLiteral("/chunked"));
        const Selection all = Selection::all(reader->shape().dims);
        std::atomic_int bad = 0;
        auto work = [&](int seed) {
            for (int i = 0; i < 200; ++i) {
                const quint64 r0 = quint64((i * 7 + seed) % 30), c0 = quint64((i * 3 + seed) % 20);
                auto b = reader->readBlock(all, (i & 1) != 0, r0 % 20, 4, c0 % 20, 3);
                if (!b || cell(*b, 0, 0).isEmpty())
                    ++bad;
            }
        };
        std::thread a(work, 1), b(work, 2);
        a.join();
        b.join();
        QCOMPARE(bad.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDatasetReader)
#include "tst_datasetreader.moc"
