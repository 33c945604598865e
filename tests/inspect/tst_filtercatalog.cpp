// The filter catalogue: names, Debian packages, install advice, ids from
// the names files and HDF5 errors give, parameters decoded from the
// client-data values real files carry, and availability.

#include "hdf5/filtercatalog.h"
#include "hdf5/librarylock.h"

#include <QtTest>

#include <hdf5.h>

using namespace hs::core;
namespace catalog = hs::core::filtercatalog;

namespace {

using Values = std::vector<unsigned>;

bool available(int id)
{
    LibraryLock lock;
    return catalog::isAvailable(H5Z_filter_t(id));
}

} // namespace

class TestFilterCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void names()
    {
        QCOMPARE(catalog::shortName(1), QStringLiteral("deflate"));
        QCOMPARE(catalog::shortName(32008), QStringLiteral("bitshuffle"));
        QCOMPARE(catalog::shortName(32026), QStringLiteral("blosc2"));
        QCOMPARE(catalog::shortName(312, QStringLiteral("my filter; see http://x")), QStringLiteral("my filter"));
        QCOMPARE(catalog::shortName(999), QStringLiteral("filter 999"));
        QCOMPARE(catalog::displayName(32001), QStringLiteral("Blosc"));
        QCOMPARE(catalog::displayName(32015), QStringLiteral("Zstandard"));
        QCOMPARE(catalog::displayName(32023), QStringLiteral("Granular BitRound"));
        QCOMPARE(catalog::displayName(999, QStringLiteral("thing")), QStringLiteral("thing"));
    }

    void debianPackages()
    {
        QCOMPARE(catalog::debianPackage(32000), QStringLiteral("bitshuffle"));
        QCOMPARE(catalog::debianPackage(32008), QStringLiteral("bitshuffle"));
        QCOMPARE(catalog::debianPackage(32001), QStringLiteral("hdf5-filter-plugin-blosc-serial"));
        QCOMPARE(catalog::debianPackage(32004), QStringLiteral("hdf5-filter-plugin"));
        QCOMPARE(catalog::debianPackage(307), QStringLiteral("hdf5-filter-plugin"));
        QCOMPARE(catalog::debianPackage(32013), QStringLiteral("hdf5-filter-plugin-zfp-serial"));
        QCOMPARE(catalog::debianPackage(32015), QString());
        QCOMPARE(catalog::debianPackage(1), QString());
    }

    void advice()
    {
        QCOMPARE(catalog::missingPluginAdvice(32000),
                 QStringLiteral("The LZF filter plugin (HDF5 filter 32000) is not installed or could not be loaded. "
                                "On Debian or Ubuntu, install it with: sudo apt install bitshuffle"));
        QCOMPARE(catalog::missingPluginAdvice(32001),
                 QStringLiteral("The Blosc filter plugin (HDF5 filter 32001) is not installed or could not be loaded. "
                                "On Debian or Ubuntu, install it with: sudo apt install hdf5-filter-plugin-blosc-serial"));
        const QString zstd = catalog::missingPluginAdvice(32015);
        QVERIFY(zstd.startsWith(QLatin1String("The Zstandard filter plugin (HDF5 filter 32015) is not installed")));
        QVERIFY(zstd.contains(QLatin1String("Debian has no package for it")));
        QVERIFY(zstd.contains(QLatin1String("HDF5_PLUGIN_PATH")));
        QCOMPARE(catalog::missingPluginAdvice(4),
                 QStringLiteral("The Szip filter (HDF5 filter 4) is not built into this HDF5 library, which cannot read "
                                "data written through it."));
    }

    void idForName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("id");
        QTest::newRow("h5py lzf") << "lzf" << 32000;
        QTest::newRow("lzf") << "HDF5 lzf filter; see https://github.com/HDFGroup/hdf5_plugins" << 32000;
        QTest::newRow("blosc") << "HDF5 blosc filter; see https://github.com/HDFGroup/hdf5_plugins" << 32001;
        QTest::newRow("blosc2") << "HDF5 blosc2 filter; see https://github.com/HDFGroup/hdf5_plugins" << 32026;
        QTest::newRow("bitshuffle") << "bitshuffle; see https://github.com/kiyo-masui/bitshuffle" << 32008;
        QTest::newRow("zfp") << "H5Z-ZFP-1.1.1 (ZFP-1.0.1)" << 32013;
        QTest::newRow("bzip2") << "HDF5 bzip2 filter; see http://www.hdfgroup.org/services/contributions.html" << 307;
        QTest::newRow("lz4") << "HDF5 lz4 filter; see http://www.hdfgroup.org/services/contributions.html" << 32004;
        QTest::newRow("zstd") << "HDF5 zstd filter; see http://www.hdfgroup.org/services/contributions.html" << 32015;
        QTest::newRow("sz") << "SZ compressor/decompressor for floating-point data." << 32017;
        QTest::newRow("bitgroom") << "BitGroom filter (Zender, 2016 GMD)" << 32022;
        QTest::newRow("granular") << "Granular BitRound filter" << 32023;
        QTest::newRow("mafisc") << "MAFISC" << 32002;
        QTest::newRow("unknown") << "hyperslab_test_filter" << 0;
        QTest::newRow("dynlibud") << "dynlibud" << 0;
    }
    void idForName()
    {
        QFETCH(QString, name);
        QFETCH(int, id);
        QCOMPARE(catalog::idForName(name), id);
    }

    void describeParameters_data()
    {
        QTest::addColumn<int>("id");
        QTest::addColumn<Values>("values");
        QTest::addColumn<QStringList>("words");
        // Values as the corpus files store them (h5dump -p: PARAMS).
        QTest::newRow("deflate") << 1 << Values{6} << QStringList{"level 6"};
        QTest::newRow("shuffle") << 2 << Values{8} << QStringList{"element size 8 bytes"};
        QTest::newRow("fletcher32") << 3 << Values{} << QStringList{};
        QTest::newRow("szip EC") << 4 << Values{141, 32, 16, 64}
                                 << QStringList{"entropy coding", "LSB first", "raw (no header)", "32 pixels per block",
                                                "16 bits per pixel", "64 pixels per scanline"};
        QTest::newRow("nbit atomic") << 5 << Values{8, 0, 100, 1, 4, 0, 12, 2}
                                     << QStringList{"precision 12 bits", "offset 2 bits"};
        QTest::newRow("scaleoffset int") << 6 << Values{2, 0, 1000, 0, 4, 1, 0, 0} << QStringList{"integer", "minimum bits automatic"};
        QTest::newRow("scaleoffset int 4") << 6 << Values{2, 4} << QStringList{"integer", "minimum bits 4"};
        QTest::newRow("scaleoffset float") << 6 << Values{0, 3} << QStringList{"float, D-scale", "scale factor 3"};
        QTest::newRow("bzip2 h5ex_d_bzip2") << 307 << Values{2} << QStringList{"block size 2 (200 kB)"};
        QTest::newRow("lzf h5ex_d_lzf") << 32000 << Values{4, 262, 128} << QStringList{"chunk size 128 bytes", "LZF 1.6"};
        QTest::newRow("blosc h5ex_d_blosc") << 32001 << Values{2, 2, 4, 128, 4, 1, 2}
                                            << QStringList{"compressor lz4hc", "level 4", "shuffle byte",
                                                           "element size 4 bytes", "chunk size 128 bytes"};
        QTest::newRow("blosc bit shuffle zlib") << 32001 << Values{2, 2, 8, 4096, 9, 2, 4}
                                                << QStringList{"compressor zlib", "level 9", "shuffle bit",
                                                               "element size 8 bytes", "chunk size 4096 bytes"};
        QTest::newRow("blosc no shuffle blosclz") << 32001 << Values{2, 2, 1, 64, 1, 0, 0}
                                                  << QStringList{"compressor blosclz", "level 1", "no shuffle",
                                                                 "element size 1 byte", "chunk size 64 bytes"};
        QTest::newRow("blosc2 h5ex_d_blosc2") << 32026 << Values{1, 0, 4, 128, 4, 1, 2, 2, 4, 8}
                                              << QStringList{"compressor lz4hc", "level 4", "shuffle byte",
                                                             "element size 4 bytes", "chunk size 128 bytes", "block shape 4 x 8"};
        QTest::newRow("bitshuffle h5ex_d_bshuf") << 32008 << Values{0, 3, 4, 0, 0, 0}
                                                 << QStringList{"no compression", "element size 4 bytes",
                                                                "block size automatic", "bitshuffle 0.3"};
        QTest::newRow("bitshuffle zstd") << 32008 << Values{0, 4, 2, 2048, 3, 7}
                                         << QStringList{"compressor zstd", "level 7", "element size 2 bytes",
                                                        "block size 2048 elements", "bitshuffle 0.4"};
        QTest::newRow("lz4 h5ex_d_lz4") << 32004 << Values{3} << QStringList{"block size 3 bytes"};
        QTest::newRow("lz4 default") << 32004 << Values{0} << QStringList{"block size default"};
        QTest::newRow("zstd h5ex_d_zstd") << 32015 << Values{0} << QStringList{"level 0"};
        // h5ex_d_zfp.h5: H5Z-ZFP 1.1.1 / zfp 1.0.1, zfp's default (expert)
        // parameters, float32 chunks of 4 x 8.
        QTest::newRow("zfp h5ex_d_zfp") << 32013 << Values{269504785u, 91252346u, 805306486u, 4293918720u, 3767042048u, 493487u}
                                        << QStringList{"expert: min bits 1, max bits 16658, max precision 64, min exponent -1074",
                                                       "values float32", "zfp 1.0.1"};
        QTest::newRow("unknown") << 32017 << Values{3, 0, 128} << QStringList{"cd[0] = 3", "cd[1] = 0", "cd[2] = 128"};
        QTest::newRow("extra deflate value") << 1 << Values{6, 7} << QStringList{"level 6", "cd[1] = 7"};
    }
    void describeParameters()
    {
        QFETCH(int, id);
        QFETCH(Values, values);
        QFETCH(QStringList, words);
        QCOMPARE(catalog::describeParameters(id, values), words);
    }

    void availability()
    {
        QVERIFY(available(H5Z_FILTER_DEFLATE));
        QVERIFY(available(H5Z_FILTER_FLETCHER32));
        QVERIFY(!available(257));
        QVERIFY(!available(257)); // remembered, same answer
    }
};

QTEST_GUILESS_MAIN(TestFilterCatalog)
#include "tst_filtercatalog.moc"
