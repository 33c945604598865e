// StorageInspector on storage.h5 (see tests/fixtures/fixtures_storage.cpp for
// what each dataset holds), and missing-filter messages through the error
// translator and the reader. The catalogue itself: tst_filtercatalog.

#include "unit/testutil.h"

#include "hdf5/errorstack.h"
#include "hdf5/filtercatalog.h"
#include "hdf5/librarylock.h"
#include "services/datasetreader.h"
#include "services/h5file.h"
#include "services/h5file_p.h"
#include "services/storageinspector.h"

#include <QtTest>

#include <hdf5.h>

#include <numeric>

using namespace hs::core;
namespace catalog = hs::core::filtercatalog;

namespace {

using Values = std::vector<unsigned>;

size_t passThrough(unsigned, size_t, const unsigned[], size_t nbytes, size_t *, void **)
{
    return nbytes;
}

} // namespace

class TestStorageInspector : public QObject
{
    Q_OBJECT

    H5FilePtr m_file;

    StorageInfo info(const char *path)
    {
        auto r = StorageInspector::inspect(m_file, QString::fromLatin1(path));
        if (!r)
            qWarning("%s: %s", path, qPrintable(r.error().message));
        return r ? *r : StorageInfo{};
    }

    bool exists(const char *path)
    {
        LibraryLock lock;
        const bool yes = H5Lexists(fileId(*m_file), path, H5P_DEFAULT) > 0;
        errorstack::clear();
        return yes;
    }

    static bool available(int id)
    {
        LibraryLock lock;
        return catalog::isAvailable(H5Z_filter_t(id));
    }

    static bool canEncode(int id)
    {
        LibraryLock lock;
        unsigned config = 0;
        const bool yes = catalog::isAvailable(H5Z_filter_t(id)) && H5Zget_filter_info(H5Z_filter_t(id), &config) >= 0
                         && (config & H5Z_FILTER_CONFIG_ENCODE_ENABLED);
        errorstack::clear();
        return yes;
    }


private Q_SLOTS:
    void initTestCase()
    {
        const QString path = hs::test::fixture(hs::fixtures::StorageFileName);
        QVERIFY2(QFileInfo::exists(path), qPrintable(path + QStringLiteral(" missing: run make_fixtures first")));
        auto f = H5File::open(path);
        QVERIFY2(f, qPrintable(f ? QString() : f.error().message));
        m_file = *f;
    }
    void cleanupTestCase() { m_file.reset(); }

    // --- layouts, sizes, fill and allocation -----------------------------------

    void compact()
    {
        const StorageInfo s = info("/compact");
        QCOMPARE(s.layout, StorageInfo::Layout::Compact);
        QCOMPARE(s.layoutName, QStringLiteral("compact"));
        QVERIFY(s.chunkDims.empty());
        QCOMPARE(s.chunkBytes, 0ull);
        QCOMPARE(s.allocatedChunks, -1);
        QCOMPARE(s.totalChunks, 0ull);
        QCOMPARE(s.logicalSize, 40ull);
        QCOMPARE(s.storageSize, 40ull);
        QCOMPARE(s.compressionRatio, 1.0);
        QCOMPARE(s.fill, StorageInfo::Fill::Default);
        QCOMPARE(s.fillValue, QStringLiteral("0"));
        QCOMPARE(s.allocTime, QStringLiteral("early"));
        QCOMPARE(s.fillTime, QStringLiteral("if set"));
        QVERIFY(s.filters.empty());
        QVERIFY(s.externalFiles.empty());
        QVERIFY(s.virtualMappings.empty());
    }

    void contiguous()
    {
        const StorageInfo s = info("/contiguous");
        QCOMPARE(s.layout, StorageInfo::Layout::Contiguous);
        QCOMPARE(s.layoutName, QStringLiteral("contiguous"));
        QCOMPARE(s.logicalSize, 40000ull);
        QCOMPARE(s.storageSize, 40000ull);
        QCOMPARE(s.compressionRatio, 1.0);
        QCOMPARE(s.allocTime, QStringLiteral("late"));
        QVERIFY(s.filters.empty());
    }

    void contiguousNeverWritten()
    {
        const StorageInfo s = info("/contiguous_late");
        QCOMPARE(s.layout, StorageInfo::Layout::Contiguous);
        QCOMPARE(s.logicalSize, 80ull);
        QCOMPARE(s.storageSize, 0ull);
        QCOMPARE(s.compressionRatio, 0.0);
        QCOMPARE(s.allocTime, QStringLiteral("late"));
    }

    void chunkedPartlyWritten()
    {
        const StorageInfo s = info("/chunked");
        QCOMPARE(s.layout, StorageInfo::Layout::Chunked);
        QCOMPARE(s.layoutName, QStringLiteral("chunked"));
        QCOMPARE(s.chunkDims, (std::vector<quint64>{100, 100}));
        QCOMPARE(s.chunkBytes, 40000ull);
        QCOMPARE(s.totalChunks, 80ull);
        QCOMPARE(s.allocatedChunks, 6);
        QCOMPARE(s.logicalSize, 3200000ull);
        QCOMPARE(s.storageSize, 240000ull);
        QCOMPARE(s.compressionRatio, 3200000.0 / 240000.0);
        QCOMPARE(s.allocTime, QStringLiteral("incremental"));
        QCOMPARE(s.fillTime, QStringLiteral("if set"));
        QCOMPARE(s.fill, StorageInfo::Fill::Default);
        QVERIFY(s.filters.empty());
    }

    void chunkedUnlimited()
    {
        const StorageInfo s = info("/chunked_1d");
        QCOMPARE(s.chunkDims, (std::vector<quint64>{1000}));
        QCOMPARE(s.chunkBytes, 4000ull);
        QCOMPARE(s.totalChunks, 5ull);
        QCOMPARE(s.allocatedChunks, 5);
        QCOMPARE(s.logicalSize, 20000ull);
        QCOMPARE(s.storageSize, 20000ull);
    }

    void userFillValue()
    {
        const StorageInfo s = info("/fill_user");
        QCOMPARE(s.fill, StorageInfo::Fill::UserDefined);
        QCOMPARE(s.fillValue, QStringLiteral("-1"));
        QCOMPARE(s.storageSize, 0ull);
        QCOMPARE(s.allocTime, QStringLiteral("late"));
        QCOMPARE(s.fillTime, QStringLiteral("if set"));
    }

    void undefinedFillValue()
    {
        const StorageInfo s = info("/fill_undefined");
        QCOMPARE(s.fill, StorageInfo::Fill::Undefined);
        QVERIFY(s.fillValue.isEmpty());
        QCOMPARE(s.fillTime, QStringLiteral("never"));
        QCOMPARE(s.storageSize, 40ull);
    }

    void externalFile()
    {
        const StorageInfo s = info("/external");
        QCOMPARE(s.layout, StorageInfo::Layout::Contiguous);
        QCOMPARE(s.externalFiles.size(), size_t(1));
        QCOMPARE(s.externalFiles[0].name, QStringLiteral("storage_ext.bin"));
        QCOMPARE(s.externalFiles[0].offset, 16);
        QCOMPARE(s.externalFiles[0].size, 400ull);
        QCOMPARE(s.logicalSize, 400ull);
    }

    void virtualMappings()
    {
        const StorageInfo s = info("/virtual");
        QCOMPARE(s.layout, StorageInfo::Layout::Virtual);
        QCOMPARE(s.layoutName, QStringLiteral("virtual"));
        QCOMPARE(s.virtualMappings.size(), size_t(2));
        const VirtualMapping &a = s.virtualMappings[0];
        QCOMPARE(a.virtualSelection, QStringLiteral("{(0,0)-(0,49)}"));
        QCOMPARE(a.sourceFile, QStringLiteral("storage_src.h5"));
        QCOMPARE(a.sourceDataset, QStringLiteral("/a"));
        QCOMPARE(a.sourceSelection, QStringLiteral("all"));
        const VirtualMapping &b = s.virtualMappings[1];
        QCOMPARE(b.virtualSelection, QStringLiteral("{(1,0)-(1,24)}"));
        QCOMPARE(b.sourceFile, QStringLiteral("storage_src.h5"));
        QCOMPARE(b.sourceDataset, QStringLiteral("/b"));
        QCOMPARE(b.sourceSelection, QStringLiteral("{(25)-(49)}"));
        QCOMPARE(s.logicalSize, 400ull);
    }

    void notADataset()
    {
        auto r = StorageInspector::inspect(m_file, QStringLiteral("/"));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(r.error().message, QStringLiteral("\u201c/\u201d is not a dataset: only datasets have storage details."));
        auto missing = StorageInspector::inspect(m_file, QStringLiteral("/no_such_thing"));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QVERIFY(!StorageInspector::inspect(nullptr, QStringLiteral("/compact")));
    }

    // --- filters -------------------------------------------------------------

    void deflate()
    {
        const StorageInfo s = info("/deflate");
        QCOMPARE(s.filters.size(), size_t(1));
        const FilterInfo &f = s.filters[0];
        QCOMPARE(f.id, 1);
        QCOMPARE(f.name, QStringLiteral("deflate"));
        QCOMPARE(f.displayName, QStringLiteral("Deflate (gzip)"));
        QCOMPARE(f.values, Values{6});
        QCOMPARE(f.parameters, QStringList{QStringLiteral("level 6")});
        QVERIFY(f.optional); // H5Pset_deflate adds it as optional
        QVERIFY(f.available);
        QVERIFY(f.advice.isEmpty());
        QCOMPARE(s.logicalSize, 80000ull);
        QVERIFY2(s.storageSize > 0 && s.storageSize < s.logicalSize / 10, qPrintable(QString::number(s.storageSize)));
        QCOMPARE(s.compressionRatio, double(s.logicalSize) / double(s.storageSize));
        QCOMPARE(s.allocatedChunks, 8);
    }

    void pipelineInOrder()
    {
        const StorageInfo s = info("/shuffle_deflate_fletcher");
        QCOMPARE(s.filters.size(), size_t(3));
        QCOMPARE(s.filters[0].name, QStringLiteral("shuffle"));
        QCOMPARE(s.filters[0].values, Values{4});
        QCOMPARE(s.filters[0].parameters, QStringList{QStringLiteral("element size 4 bytes")});
        QCOMPARE(s.filters[1].name, QStringLiteral("deflate"));
        QCOMPARE(s.filters[1].parameters, QStringList{QStringLiteral("level 9")});
        QCOMPARE(s.filters[2].name, QStringLiteral("fletcher32"));
        QCOMPARE(s.filters[2].displayName, QStringLiteral("Fletcher32 checksum"));
        QVERIFY(s.filters[2].parameters.isEmpty());
        QVERIFY(!s.filters[2].optional);
        QVERIFY(s.allFiltersAvailable());
        QVERIFY(s.compressionRatio > 1.0);
    }

    void szip()
    {
        if (!canEncode(H5Z_FILTER_SZIP)) {
            QVERIFY2(!exists("/szip"), "the fixture wrote /szip, so this HDF5 can encode szip");
            QSKIP("this HDF5 cannot encode szip");
        }
        QVERIFY2(exists("/szip"), "this HDF5 can encode szip, so the fixture must have /szip");
        const StorageInfo s = info("/szip");
        QCOMPARE(s.filters.size(), size_t(1));
        QCOMPARE(s.filters[0].id, 4);
        QCOMPARE(s.filters[0].name, QStringLiteral("szip"));
        QCOMPARE(s.filters[0].parameters,
                 (QStringList{QStringLiteral("nearest neighbour coding"), QStringLiteral("LSB first"),
                              QStringLiteral("raw (no header)"), QStringLiteral("8 pixels per block"),
                              QStringLiteral("32 bits per pixel"), QStringLiteral("100 pixels per scanline")}));
        QVERIFY(s.compressionRatio > 1.0);
    }

    void scaleOffsetAndNbit()
    {
        const StorageInfo i = info("/scaleoffset_int");
        QCOMPARE(i.filters.size(), size_t(1));
        QCOMPARE(i.filters[0].name, QStringLiteral("scaleoffset"));
        QCOMPARE(i.filters[0].parameters,
                 (QStringList{QStringLiteral("integer"), QStringLiteral("minimum bits automatic")}));
        QVERIFY(i.compressionRatio > 1.0);

        const StorageInfo f = info("/scaleoffset_float");
        QCOMPARE(f.filters[0].parameters, (QStringList{QStringLiteral("float, D-scale"), QStringLiteral("scale factor 2")}));
        QVERIFY(f.compressionRatio > 1.0);

        const StorageInfo n = info("/nbit");
        QCOMPARE(n.filters.size(), size_t(1));
        QCOMPARE(n.filters[0].name, QStringLiteral("nbit"));
        QCOMPARE(n.filters[0].displayName, QStringLiteral("N-bit"));
        QCOMPARE(n.filters[0].parameters, (QStringList{QStringLiteral("precision 12 bits"), QStringLiteral("offset 0 bits")}));
        QVERIFY(n.compressionRatio > 2.0);
    }

    void plugins_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("id");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("displayName");
        QTest::addColumn<QStringList>("parameters");
        QTest::newRow("lzf") << "/lzf" << 32000 << "lzf" << "LZF"
                             << QStringList{QStringLiteral("chunk size 1024 bytes"), QStringLiteral("LZF 1.5")};
        QTest::newRow("blosc") << "/blosc" << 32001 << "blosc" << "Blosc"
                               << QStringList{QStringLiteral("compressor zstd"), QStringLiteral("level 5"),
                                              QStringLiteral("shuffle byte"), QStringLiteral("element size 4 bytes"),
                                              QStringLiteral("chunk size 1024 bytes")};
        QTest::newRow("bitshuffle") << "/bitshuffle" << 32008 << "bitshuffle" << "Bitshuffle"
                                    << QStringList{QStringLiteral("compressor lz4"), QStringLiteral("element size 4 bytes"),
                                                   QStringLiteral("block size automatic")};
        QTest::newRow("lz4") << "/lz4" << 32004 << "lz4" << "LZ4" << QStringList{};
        QTest::newRow("bzip2") << "/bzip2" << 307 << "bzip2" << "bzip2"
                               << QStringList{QStringLiteral("block size 9 (900 kB)")};
        QTest::newRow("zfp") << "/zfp" << 32013 << "zfp" << "ZFP"
                             << QStringList{QStringLiteral("fixed rate 16 bits per value"), QStringLiteral("values float64")};
    }
    void plugins()
    {
        QFETCH(QString, path);
        QFETCH(int, id);
        QFETCH(QString, name);
        QFETCH(QString, displayName);
        QFETCH(QStringList, parameters);
        const QByteArray p = path.toLatin1();
        if (!canEncode(id)) {
            QVERIFY2(!exists(p.constData()), "the fixture wrote it, so the plugin is installed");
            QSKIP(qPrintable(QStringLiteral("the %1 plugin is not installed here").arg(displayName)));
        }
        QVERIFY2(exists(p.constData()), "the plugin is installed, so the fixture must have written the dataset");
        const StorageInfo s = info(p.constData());
        QCOMPARE(s.filters.size(), size_t(1));
        const FilterInfo &f = s.filters[0];
        QCOMPARE(f.id, id);
        QCOMPARE(f.name, name);
        QCOMPARE(f.displayName, displayName);
        QVERIFY(f.available);
        QVERIFY(!f.optional);
        QVERIFY(f.advice.isEmpty());
        // Versions the plugin writes (Bitshuffle's, zfp's) follow the parameters.
        QCOMPARE(f.parameters.mid(0, parameters.size()), parameters);
        QCOMPARE(s.chunkDims, id == 32013 ? (std::vector<quint64>{32, 32}) : (std::vector<quint64>{16, 16}));
        QVERIFY2(s.compressionRatio > 1.0, qPrintable(QString::number(s.compressionRatio)));
    }

    void missingPlugin()
    {
        const StorageInfo s = info("/missing_plugin");
        QCOMPARE(s.filters.size(), size_t(1));
        const FilterInfo &f = s.filters[0];
        QCOMPARE(f.id, 257);
        QCOMPARE(f.name, QStringLiteral("hyperslab_test_filter"));
        QCOMPARE(f.nameInFile, QStringLiteral("hyperslab_test_filter"));
        QVERIFY(!f.available);
        QVERIFY(!s.allFiltersAvailable());
        QCOMPARE(f.advice, QStringLiteral("The plugin of the filter \u201chyperslab_test_filter\u201d (HDF5 filter 257) is "
                                          "not installed or could not be loaded. Get the plugin from whoever wrote the "
                                          "file and set HDF5_PLUGIN_PATH to the folder that holds it."));
        // Its storage is still described.
        QCOMPARE(s.allocatedChunks, 10);
        QCOMPARE(s.storageSize, 400ull);
    }

    void missingPluginReadErrorNamesIt()
    {
        // The raw HDF5 failure, translated: names the filter the file names.
        LibraryLock lock;
        const hid_t ds = H5Dopen2(fileId(*m_file), "/missing_plugin", H5P_DEFAULT);
        QVERIFY(ds >= 0);
        int buf[100];
        QVERIFY(H5Dread(ds, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0);
        const Error e = errorstack::capture(QStringLiteral("read"), QStringLiteral("/missing_plugin"));
        H5Dclose(ds);
        QVERIFY2(e.code == ErrorCode::MissingFilter, qPrintable(e.detail));
        QCOMPARE(e.message, QStringLiteral("Could not read \u201c/missing_plugin\u201d. The data needs the filter "
                                           "\u201chyperslab_test_filter\u201d, whose plugin is not installed or could not "
                                           "be loaded. Get the plugin from whoever wrote the file and set "
                                           "HDF5_PLUGIN_PATH to the folder that holds it."));
    }

    void missingKnownPluginSaysHowToGetIt()
    {
        // A Zstandard dataset written through a stand-in filter that is then
        // forgotten: the reader meets "required filter 'HDF5 zstd filter' is
        // not registered", as with a real file when no zstd plugin is installed.
        if (available(32015))
            QSKIP("a Zstandard plugin is installed here");
        QTemporaryDir dir;
        const QByteArray path = QFile::encodeName(dir.filePath(QStringLiteral("zstd.h5")));
        LibraryLock lock;
        {
            const H5Z_class2_t cls{H5Z_CLASS_T_VERS, H5Z_filter_t(32015), 1, 1, "HDF5 zstd filter", nullptr, nullptr,
                                   passThrough};
            QVERIFY(H5Zregister(&cls) >= 0);
            const hid_t f = H5Fcreate(path.constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
            const hsize_t n = 8;
            H5Pset_chunk(dcpl, 1, &n);
            const unsigned level = 3;
            H5Pset_filter(dcpl, 32015, H5Z_FLAG_MANDATORY, 1, &level);
            const hid_t space = H5Screate_simple(1, &n, nullptr);
            const hid_t ds = H5Dcreate2(f, "z", H5T_STD_I32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
            const int v[8] = {1, 2, 3, 4, 5, 6, 7, 8};
            QVERIFY(H5Dwrite(ds, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) >= 0);
            H5Dclose(ds);
            H5Sclose(space);
            H5Pclose(dcpl);
            H5Fclose(f);
            QVERIFY(H5Zunregister(32015) >= 0);
        }
        const hid_t f = H5Fopen(path.constData(), H5F_ACC_RDONLY, H5P_DEFAULT);
        const hid_t ds = H5Dopen2(f, "z", H5P_DEFAULT);
        int buf[8];
        QVERIFY(H5Dread(ds, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0);
        const Error e = errorstack::capture(QStringLiteral("read"), QStringLiteral("/z"));
        H5Dclose(ds);
        H5Fclose(f);
        QVERIFY2(e.code == ErrorCode::MissingFilter, qPrintable(e.detail));
        QCOMPARE(e.message, QStringLiteral("Could not read \u201c/z\u201d. The data needs the Zstandard filter (HDF5 "
                                           "filter 32015), whose plugin is not installed or could not be loaded. "
                                           "Debian has no package for it: get the plugin (for example from the HDF "
                                           "Group\u2019s hdf5_plugins, https://github.com/HDFGroup/hdf5_plugins) and "
                                           "set HDF5_PLUGIN_PATH to the folder that holds it."));
    }

    void missingPluginThroughTheReader()
    {
        auto reader = DatasetReader::open(m_file, QStringLiteral("/missing_plugin"));
        QVERIFY(reader);
        auto block = (*reader)->readBlock(Selection::all({100}), false, 0, 100, 0, 1);
        QVERIFY(!block);
        QCOMPARE(block.error().code, ErrorCode::MissingFilter);
        QVERIFY2(block.error().message.contains(QLatin1String("hyperslab_test_filter")), qPrintable(block.error().message));
        QVERIFY2(block.error().message.contains(QLatin1String("257")), qPrintable(block.error().message));
    }

    // --- chunk map -----------------------------------------------------------

    void chunkMapExact()
    {
        QList<double> progress;
        auto r = StorageInspector::chunkMap(m_file, QStringLiteral("/chunked"), 0, 1, {0, 0}, 65536, nullptr,
                                            [&](double f) { progress << f; });
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        const ChunkMap &m = *r;
        QCOMPARE(m.rowDim, 0);
        QCOMPARE(m.colDim, 1);
        QCOMPARE(m.chunkRows, 10ull);
        QCOMPARE(m.chunkCols, 8ull);
        QCOMPARE(m.rows, 10);
        QCOMPARE(m.cols, 8);
        QCOMPARE(m.binRows, 1ull);
        QCOMPARE(m.binCols, 1ull);
        QCOMPARE(m.chunkBytes, 40000ull);
        QCOMPARE(m.allocated, 6ull);
        QVERIFY(m.complete);
        QCOMPARE(m.cellBytes.size(), size_t(80));
        for (int row = 0; row < 10; ++row)
            for (int col = 0; col < 8; ++col) {
                const bool written = row < 3 && col < 2;
                QCOMPARE(m.cellBytes[size_t(row * 8 + col)], written ? 40000 : -1);
                QCOMPARE(m.cellAllocated[size_t(row * 8 + col)], written ? 1u : 0u);
            }
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last(), 1.0);
        QVERIFY(std::is_sorted(progress.begin(), progress.end()));
    }

    void chunkMapTransposed()
    {
        auto r = StorageInspector::chunkMap(m_file, QStringLiteral("/chunked"), 1, 0, {});
        QVERIFY(r);
        QCOMPARE(r->rows, 8);
        QCOMPARE(r->cols, 10);
        for (int row = 0; row < 8; ++row)
            for (int col = 0; col < 10; ++col)
                QCOMPARE(r->cellAllocated[size_t(row * 10 + col)], (row < 2 && col < 3) ? 1u : 0u);
    }

    void chunkMapBinned()
    {
        // 10 x 8 chunks in at most 20 cells: 2 x 2 chunks per cell, 5 x 4 cells.
        auto r = StorageInspector::chunkMap(m_file, QStringLiteral("/chunked"), 0, 1, {}, 20);
        QVERIFY(r);
        const ChunkMap &m = *r;
        QCOMPARE(m.binRows, 2ull);
        QCOMPARE(m.binCols, 2ull);
        QCOMPARE(m.rows, 5);
        QCOMPARE(m.cols, 4);
        QVERIFY(m.rows * m.cols <= 20);
        QCOMPARE(m.allocated, 6ull);
        QCOMPARE(m.cellBytes[0], 160000); // chunk rows 0-1 x columns 0-1
        QCOMPARE(m.cellAllocated[0], 4u);
        QCOMPARE(m.cellBytes[4], 80000); // chunk rows 2-3: only row 2 written
        QCOMPARE(m.cellAllocated[4], 2u);
        for (size_t i = 0; i < m.cellBytes.size(); ++i)
            if (i != 0 && i != 4)
                QCOMPARE(m.cellBytes[i], -1);

        // One cell for everything.
        auto one = StorageInspector::chunkMap(m_file, QStringLiteral("/chunked"), 0, 1, {}, 1);
        QVERIFY(one);
        QCOMPARE(one->rows * one->cols, 1);
        QCOMPARE(one->cellBytes[0], 240000);
        QCOMPARE(one->cellAllocated[0], 6u);
    }

    void chunkMapCompressedSumsToStorage()
    {
        const StorageInfo s = info("/deflate");
        auto r = StorageInspector::chunkMap(m_file, QStringLiteral("/deflate"), 0, 1, {});
        QVERIFY(r);
        QCOMPARE(r->allocated, 8ull);
        const qint64 sum = std::accumulate(r->cellBytes.begin(), r->cellBytes.end(), qint64(0));
        QCOMPARE(quint64(sum), s.storageSize);
        for (qint64 b : r->cellBytes)
            QVERIFY(b > 0 && b < 10000); // each chunk compressed below its 10,000 bytes
    }

    void chunkMapOneDimensional()
    {
        auto r = StorageInspector::chunkMap(m_file, QStringLiteral("/chunked_1d"), -1, 0, {});
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->rows, 1);
        QCOMPARE(r->cols, 5);
        QCOMPARE(r->rowDim, -1);
        QCOMPARE(r->cellBytes, (std::vector<qint64>(5, 4000)));
        QCOMPARE(r->allocated, 5ull);

        // A row through a 2-D dataset: chunk row 2 (index 250) is written in
        // chunk columns 0-1; chunk row 3 (index 350) nowhere.
        auto row = StorageInspector::chunkMap(m_file, QStringLiteral("/chunked"), -1, 1, {250, 0});
        QVERIFY(row);
        QCOMPARE(row->cols, 8);
        QCOMPARE(row->allocated, 2ull);
        QCOMPARE(row->cellBytes[0], 40000);
        QCOMPARE(row->cellBytes[1], 40000);
        QCOMPARE(row->cellBytes[2], -1);
        auto empty = StorageInspector::chunkMap(m_file, QStringLiteral("/chunked"), -1, 1, {350, 0});
        QVERIFY(empty);
        QCOMPARE(empty->allocated, 0ull);
        QCOMPARE(empty->cellBytes, (std::vector<qint64>(8, -1)));
    }

    void chunkMapCancelled()
    {
        std::atomic_bool cancel{true};
        auto r = StorageInspector::chunkMap(m_file, QStringLiteral("/chunked"), 0, 1, {}, 65536, &cancel);
        QVERIFY(r);
        QVERIFY(!r->complete);
        QCOMPARE(r->allocated, 0ull);

        // Cancelled after the first row of cells: that row is in, the rest not.
        std::atomic_bool later{false};
        int calls = 0;
        auto part = StorageInspector::chunkMap(m_file, QStringLiteral("/chunked"), 0, 1, {}, 65536, &later, [&](double) {
            ++calls;
            later = true;
        });
        QVERIFY(part);
        QVERIFY(!part->complete);
        QCOMPARE(calls, 1);
        QCOMPARE(part->allocated, 2ull);
        QCOMPARE(part->cellBytes.size(), size_t(80)); // memory for the whole map, filled in part
    }

    void chunkMapRefusals()
    {
        const auto code = [&](const char *path, int row, int col, std::vector<quint64> fixed = {}) {
            auto r = StorageInspector::chunkMap(m_file, QString::fromLatin1(path), row, col, fixed);
            return r ? ErrorCode::None : r.error().code;
        };
        QCOMPARE(code("/contiguous", 0, 1), ErrorCode::InvalidArgument);
        QCOMPARE(code("/chunked", 0, 2), ErrorCode::InvalidArgument);
        QCOMPARE(code("/chunked", 0, 0), ErrorCode::InvalidArgument);
        QCOMPARE(code("/chunked_1d", 0, 1), ErrorCode::InvalidArgument);
        QCOMPARE(code("/chunked", -1, 1, {1000, 0}), ErrorCode::InvalidArgument);
        QCOMPARE(code("/", -1, 0), ErrorCode::InvalidArgument);
        QCOMPARE(code("/nope", -1, 0), ErrorCode::NotFound);
    }

    // --- the catalogue on its own -------------------------------------------

    void zfpModesRoundTrip()
    {
        // The fixture's /zfp was written in fixed-rate mode by the installed
        // plugin: its stored header decodes back to the rate asked for.
        if (!exists("/zfp"))
            QSKIP("no ZFP plugin here");
        const StorageInfo s = info("/zfp");
        QCOMPARE(s.filters[0].parameters.value(0), QStringLiteral("fixed rate 16 bits per value"));
        QVERIFY(s.filters[0].parameters.value(2).startsWith(QLatin1String("zfp ")));
    }

};

QTEST_GUILESS_MAIN(TestStorageInspector)
#include "tst_storageinspector.moc"
