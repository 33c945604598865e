// The dimension-scale reads (core/services/dimensionscales.cpp) on the files
// that defeated the HDF5 high-level library (issue 8): PyTables' 16-byte
// CLASS that made H5DSis_scale free memory twice, and scales the grid holds
// open, which H5DSiterate_scales could no longer open.

#include "fixtures/fixtures_conventions.h"
#include "services/datasetreader.h"
#include "services/dimensionscales.h"
#include "services/h5file.h"
#include "services/objectinspector.h"
#include "inspectutil.h"

#include <QtTest>

using namespace hs::core;
using hs::test::inspectOk;
using hs::test::openFixture;

class TestDimensionScales : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        HS_REQUIRE_FIXTURES();
        QVERIFY(QFileInfo::exists(hs::test::fixture(hs::fixtures::PyTablesFileName)));
    }

    // Before: the process aborted ("double free") inside H5DSis_scale.
    void pyTablesClassIsNotAScale()
    {
        const H5FilePtr file = openFixture(hs::fixtures::PyTablesFileName);
        QVERIFY(file);
        const ObjectDetails table = inspectOk(file, "/run/table");
        QCOMPARE(table.path, QStringLiteral("/run/table"));
        QVERIFY(!table.isDimensionScale);
        QVERIFY(table.dimensionScales.empty());
        QVERIFY(table.dimensionLabels.isEmpty());
        QCOMPARE(dimensionScalePaths(file, QStringLiteral("/run/table")), QStringList{QString()});
        const ObjectDetails array = inspectOk(file, "/run/array");
        QCOMPARE(array.path, QStringLiteral("/run/array"));
        QVERIFY(!array.isDimensionScale);
    }

    // Before: with the scales open (as a grid keeps them, with its own
    // access properties) every dataset using them appeared to have none, and
    // grids opened afterwards had plain indices.
    void scalesHeldOpenByAGridAreStillFound()
    {
        const H5FilePtr file = openFixture(hs::fixtures::ObjectsFileName);
        QVERIFY(file);
        // The grid of the second hard link holds the dataset and its scales.
        auto grid = DatasetReader::open(file, QStringLiteral("/shortcuts/temp_alias"));
        QVERIFY(grid.ok());
        std::vector<DatasetReaderPtr> held;
        for (const QString &scale : dimensionScalePaths(file, QStringLiteral("/shortcuts/temp_alias"))) {
            auto r = DatasetReader::open(file, scale);
            QVERIFY2(r.ok(), qPrintable(scale));
            held.push_back(*r);
        }
        QCOMPARE(held.size(), size_t(2));

        const ObjectDetails t = inspectOk(file, "/data/temperature");
        QCOMPARE(t.dimensionScales.size(), size_t(2));
        QCOMPARE(t.dimensionScales[0], QStringList{QStringLiteral("/grid/y")});
        QCOMPARE(t.dimensionScales[1], (QStringList{QStringLiteral("/grid/x"), QStringLiteral("/grid/column")}));
        QCOMPARE(t.dimensionLabels, (QStringList{QStringLiteral("y"), QStringLiteral("x")}));
        QCOMPARE(dimensionScalePaths(file, QStringLiteral("/data/temperature")),
                 (QStringList{QStringLiteral("/grid/y"), QStringLiteral("/grid/x")}));
        QCOMPARE(dimensionScalePaths(file, QStringLiteral("/data/humidity")), QStringList{QStringLiteral("/grid/x")});

        // And a scale that is itself open still knows what uses it.
        const ObjectDetails x = inspectOk(file, "/grid/x");
        QVERIFY(x.isDimensionScale);
        QCOMPARE(x.scaleName, QStringLiteral("longitude"));
        QCOMPARE(x.scaleOf.size(), 2);
    }

    // The bookkeeping strings are read whatever their padding and length:
    // CLASS of a scale, NAME of a netCDF dimension (long), labels.
    void scaleBookkeepingOfTheAttributesFixture()
    {
        const H5FilePtr file = openFixture(hs::fixtures::AttributesFileName);
        QVERIFY(file);
        const ObjectDetails data = inspectOk(file, "/scaled/data");
        QCOMPARE(data.dimensionLabels, (QStringList{QStringLiteral("lat"), QStringLiteral("lon")}));
        QCOMPARE(data.dimensionScales.size(), size_t(2));
        const ObjectDetails y = inspectOk(file, "/scaled/y");
        QVERIFY(y.isDimensionScale);
        QCOMPARE(y.scaleName, QStringLiteral("latitude"));
        const ObjectDetails x = inspectOk(file, "/nc/x");
        QVERIFY(x.isDimensionScale);
        QVERIFY(x.scaleName.startsWith(QLatin1String("This is a netCDF dimension but not a netCDF variable.")));
    }
};

QTEST_GUILESS_MAIN(TestDimensionScales)
#include "tst_dimensionscales.moc"
