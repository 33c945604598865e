// DatasetReader: a filter that is not there, blocks too large to read, big
// chunks decoded once, and reads from two threads at a time.

#include "tst_datasetreader.h"

#include <atomic>
#include <thread>

using namespace hs::core;
using namespace hs::test::reader;

void TestDatasetReader::missingFilter()
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

void TestDatasetReader::tooLargeBlock()
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
void TestDatasetReader::bigChunksAreDecodedOnce()
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

void TestDatasetReader::concurrentReads()
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
