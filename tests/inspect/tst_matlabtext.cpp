// MATLAB v7.3 char arrays read as the text MATLAB shows (issue 8), from
// matlab.mat (tests/fixtures/fixtures_conventions.cpp): column-major storage,
// UTF-16 code units, empty arrays, N-D pages, and a bounded read.

#include "fixtures/fixtures_conventions.h"
#include "services/h5file.h"
#include "services/matlabtext.h"
#include "unit/testutil.h"

#include <QtTest>

using namespace hs::core;

class TestMatlabText : public QObject
{
    Q_OBJECT

    H5FilePtr m_file;

    MatlabText text(const char *path, qint64 maxChars = qint64(1) << 20)
    {
        auto r = readMatlabText(m_file, QString::fromUtf8(path), maxChars);
        if (!r.ok()) {
            qWarning("%s: %s", path, qPrintable(r.error().message));
            return {};
        }
        if (!r->has_value()) {
            qWarning("%s: not MATLAB text", path);
            return {};
        }
        return **r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto opened = H5File::open(hs::test::fixture(hs::fixtures::MatlabFileName));
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
        m_file = *opened;
    }

    void aRowVectorIsOneString()
    {
        const MatlabText t = text("/greeting");
        QCOMPARE(t.rows, QStringList{QStringLiteral("hello world")});
        QCOMPARE(t.shapeText(), QStringLiteral("1\u00d711"));
        QVERIFY(!t.truncated);
        QVERIFY(t.pageLabels.isEmpty());
    }

    void aMatrixIsItsRows()
    {
        const MatlabText t = text("/names");
        QCOMPARE(t.rows, (QStringList{QStringLiteral("alpha"), QStringLiteral("gamma"), QStringLiteral("delta")}));
        QCOMPARE(t.shapeText(), QStringLiteral("3\u00d75"));
        QCOMPARE(text("/st/name").rows, QStringList{QStringLiteral("ok")});
        QCOMPARE(text("/#refs#/b").rows, QStringList{QStringLiteral("hi")});
    }

    void codesAreUtf16()
    {
        QCOMPARE(text("/unicode").rows, QStringList{QStringLiteral("\u00b5\u00b0\u03a9")});
    }

    void pagesOfAnNdArray()
    {
        const MatlabText t = text("/cube");
        QCOMPARE(t.shapeText(), QStringLiteral("2\u00d73\u00d72"));
        QCOMPARE(t.rowsPerPage, 2);
        QCOMPARE(t.rows, (QStringList{QStringLiteral("abc"), QStringLiteral("def"), QStringLiteral("ghi"), QStringLiteral("jkl")}));
        QCOMPARE(t.pageLabels, (QStringList{QStringLiteral("(:,:,1)"), QStringLiteral("(:,:,2)")}));
    }

    void emptyCharHoldsItsSize()
    {
        const MatlabText t = text("/nothing");
        QVERIFY(t.empty);
        QVERIFY(t.rows.isEmpty());
        QCOMPARE(t.shapeText(), QStringLiteral("0\u00d70"));
    }

    void aBoundedReadTakesTheFirstColumns()
    {
        const MatlabText t = text("/names", 7);
        QVERIFY(t.truncated);
        QCOMPARE(t.rows, (QStringList{QStringLiteral("al"), QStringLiteral("ga"), QStringLiteral("de")}));
    }

    void otherClassesAreNotText()
    {
        for (const char *path : {"/x", "/flag", "/c", "/#refs#/a"}) {
            auto r = readMatlabText(m_file, QString::fromUtf8(path));
            QVERIFY2(r.ok(), path);
            QVERIFY2(!r->has_value(), path);
        }
        // Nor is a plain uint16 dataset of another file.
        auto objects = H5File::open(hs::test::fixture(hs::fixtures::ObjectsFileName));
        QVERIFY(objects.ok());
        auto r = readMatlabText(*objects, QStringLiteral("/data/temperature"));
        QVERIFY(r.ok() && !r->has_value());
    }
};

QTEST_GUILESS_MAIN(TestMatlabText)
#include "tst_matlabtext.moc"
