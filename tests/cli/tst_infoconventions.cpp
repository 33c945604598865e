// `hyperslab info` on files as PyTables and MATLAB write them (issue 8):
// PyTables' CLASS "TimeSeriesTable" made the command abort (exit 134) inside
// HDF5's H5DSis_scale, on the object and on its parent with --recursive; and
// the bookkeeping attributes of both writers are explained.

#include "fixtures/fixtures_conventions.h"
#include "infocheck.h"

#include <QJsonArray>
#include <QMap>
#include <QTest>

using namespace hs::tests;

namespace {

QString explanation(const QMap<QString, QJsonObject> &objects, const char *path, const char *attribute)
{
    return attributeNamed(objects.value(QString::fromUtf8(path)), QString::fromUtf8(attribute))
        .value(QLatin1String("explanation"))
        .toString();
}

QString convention(const QMap<QString, QJsonObject> &objects, const char *path, const char *attribute)
{
    return attributeNamed(objects.value(QString::fromUtf8(path)), QString::fromUtf8(attribute))
        .value(QLatin1String("convention"))
        .toString();
}

} // namespace

class TestInfoConventions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pyTablesTimeSeriesTable_data()
    {
        QTest::addColumn<QStringList>("args");
        const QString file = fixture(hs::fixtures::PyTablesFileName);
        QTest::newRow("the table") << QStringList{file + QStringLiteral(":/run/table")};
        QTest::newRow("the table, json") << QStringList{file + QStringLiteral(":/run/table"), QStringLiteral("--json")};
        QTest::newRow("its group, recursive") << QStringList{file + QStringLiteral(":/run"), QStringLiteral("--recursive")};
        QTest::newRow("the file, recursive json") << QStringList{file, QStringLiteral("--recursive"), QStringLiteral("--json")};
    }
    void pyTablesTimeSeriesTable()
    {
        QFETCH(QStringList, args);
        const InfoRun run = runInfo(args);
        QVERIFY2(run.started, "the hyperslab binary did not start");
        QVERIFY2(!run.crashed && run.exitCode == 0, qPrintable(run.describe() + QLatin1Char(' ') + QString::fromUtf8(run.err)));
        QVERIFY(run.out.contains("/run/table"));
        QVERIFY2(checkNoHdf5Dump(run.err).isEmpty(), run.err.constData());
    }

    void pyTablesBookkeepingIsExplained()
    {
        const auto objects = describeRecursive(fixture(hs::fixtures::PyTablesFileName));
        QVERIFY(objects.contains(QStringLiteral("/run/table")));
        const QJsonObject table = objects.value(QStringLiteral("/run/table"));
        QVERIFY(!table.contains(QLatin1String("scale_of")));
        for (const QJsonValue &dim : table.value(QLatin1String("dimension_scales")).toArray())
            QVERIFY(dim.toArray().isEmpty());
        QCOMPARE(convention(objects, "/run/table", "CLASS"), QStringLiteral("PyTables"));
        QCOMPARE(explanation(objects, "/run/table", "CLASS"), QStringLiteral("PyTables node class: TimeSeriesTable"));
        QCOMPARE(convention(objects, "/run/table", "FIELD_1_NAME"), QStringLiteral("PyTables"));
        QCOMPARE(convention(objects, "/run/array", "CLASS"), QStringLiteral("PyTables"));
    }

    void matlabBookkeepingIsExplained()
    {
        const auto objects = describeRecursive(fixture(hs::fixtures::MatlabFileName));
        QVERIFY(objects.contains(QStringLiteral("/greeting")));
        QCOMPARE(convention(objects, "/greeting", "MATLAB_class"), QStringLiteral("MATLAB"));
        QCOMPARE(explanation(objects, "/greeting", "MATLAB_class"),
                 QStringLiteral("MATLAB class of this variable: char (text, stored as UTF-16 code units, column by column)"));
        QCOMPARE(explanation(objects, "/greeting", "MATLAB_int_decode"),
                 QStringLiteral("How MATLAB decodes the stored integers: 2 (16-bit character codes, UTF-16)"));
        QCOMPARE(explanation(objects, "/flag", "MATLAB_int_decode"),
                 QStringLiteral("How MATLAB decodes the stored integers: 1 (one byte each, 0 or 1)"));
        QCOMPARE(explanation(objects, "/nothing", "MATLAB_empty"),
                 QStringLiteral("MATLAB: this variable is empty; the dataset holds its dimensions instead of data"));
        QCOMPARE(explanation(objects, "/st", "MATLAB_fields"),
                 QStringLiteral("MATLAB: the field names of this struct, in order: a, name"));
        QCOMPARE(explanation(objects, "/sp", "MATLAB_sparse"),
                 QStringLiteral("MATLAB: a sparse matrix with 4 rows; its nonzero values are in data, their row "
                                "indices in ir and where each column starts in jc"));
        QCOMPARE(explanation(objects, "/#refs#/a", "H5PATH"),
                 QStringLiteral("MATLAB: this object belongs to the variable /c (an element of a cell or struct)"));
        QCOMPARE(explanation(objects, "/c", "MATLAB_class"),
                 QStringLiteral("MATLAB class of this variable: cell (references to its elements in /#refs#)"));
    }
};

QTEST_GUILESS_MAIN(TestInfoConventions)
#include "tst_infoconventions.moc"
