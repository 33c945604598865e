// ResizeDatasetOperation (core/edit): shrink and grow within the max shape;
// revert restores the old extent and the values a shrink cut off (kept in
// memory or, beyond its limit, in a temporary file, piece by piece); Cancel
// and refusals leave the file as it was.

#include "structuretesting.h"

#include "edit/createdatasetoperation.h"
#include "edit/resizedatasetoperation.h"

#include <QSignalSpy>
#include <QTest>

using namespace hs::core;
using namespace hs::test;

class TestResizeDatasetOperation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resizeShrinkKeepsValues()
    {
        StructureFile f;
        QVERIFY(f.ok());
        auto op = std::make_shared<ResizeDatasetOperation>(QStringLiteral("/data/t"), std::vector<quint64>{2, 3});
        QCOMPARE(op->description(), QStringLiteral("Resize /data/t to 2 \u00d7 3"));
        QSignalSpy changed(f.session.get(), &FileSession::objectChanged);
        QVERIFY(f.run(op).ok());
        QCOMPARE(readDoubles(*f.file, "/data/t"), (std::vector<double>{0, 1, 2, 10, 11, 12}));
        QCOMPARE(op->keptBytes(), quint64(20 - 6) * 8);
        QVERIFY(f.revert(op).ok());
        QCOMPARE(readDoubles(*f.file, "/data/t"), table(4));
        QVERIFY(f.run(op).ok());
        QCOMPARE(readDoubles(*f.file, "/data/t"), (std::vector<double>{0, 1, 2, 10, 11, 12}));
        QCOMPARE(changed.size(), 3);
        QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("/data/t"));
    }

    // Beyond the memory limit the cut-off values go to a temporary file, piece
    // by piece (pieces of 3 values here: the rows are cut as well).
    void resizeKeepsLargeCutsInAFile_data()
    {
        QTest::addColumn<bool>("inFile");
        QTest::newRow("memory, small pieces") << false;
        QTest::newRow("temporary file") << true;
    }
    void resizeKeepsLargeCutsInAFile()
    {
        QFETCH(bool, inFile);
        StructureFile f;
        QVERIFY(f.ok());
        auto op = std::make_shared<ResizeDatasetOperation>(QStringLiteral("/data/t"), std::vector<quint64>{1, 2});
        op->setLimits({inFile ? 16 : quint64(1) << 20, 24, quint64(1) << 30});
        QVERIFY(f.run(op).ok());
        QCOMPARE(op->keptInFile(), inFile);
        QCOMPARE(op->keptBytes(), quint64(20 - 2) * 8);
        QCOMPARE(readDoubles(*f.file, "/data/t"), (std::vector<double>{0, 1}));
        QVERIFY(f.revert(op).ok());
        QCOMPARE(readDoubles(*f.file, "/data/t"), table(4));
        QVERIFY(f.run(op).ok());
        QCOMPARE(readDoubles(*f.file, "/data/t"), (std::vector<double>{0, 1}));
        QVERIFY(f.revert(op).ok());
        QCOMPARE(readDoubles(*f.file, "/data/t"), table(4));
    }

    // Cancel between pieces: nothing changed, in either direction.
    void resizeCancelled()
    {
        StructureFile f;
        QVERIFY(f.ok());
        auto op = std::make_shared<ResizeDatasetOperation>(QStringLiteral("/data/t"), std::vector<quint64>{1, 5});
        op->setLimits({quint64(1) << 20, 40, quint64(1) << 30});
        std::atomic_bool cancel{true};
        EditContext cancelled(f.file, &cancel);
        const Status s = op->apply(cancelled);
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::Cancelled);
        QCOMPARE(readDoubles(*f.file, "/data/t"), table(4));
        EditContext go(f.file, nullptr);
        QVERIFY(op->apply(go).ok());
        const Status back = op->revert(cancelled);
        QCOMPARE(back.error().code, ErrorCode::Cancelled);
        QCOMPARE(readDoubles(*f.file, "/data/t"), (std::vector<double>{0, 1, 2, 3, 4}));
        QVERIFY(op->revert(go).ok());
        QCOMPARE(readDoubles(*f.file, "/data/t"), table(4));
    }

    void resizeGrow()
    {
        StructureFile f;
        QVERIFY(f.ok());
        auto op = std::make_shared<ResizeDatasetOperation>(QStringLiteral("/data/t"), std::vector<quint64>{6, 5});
        QVERIFY(f.run(op).ok());
        std::vector<double> grown = table(4);
        grown.resize(30, 0.0);
        QCOMPARE(readDoubles(*f.file, "/data/t"), grown);
        QVERIFY(f.revert(op).ok());
        QCOMPARE(readDoubles(*f.file, "/data/t"), table(4));
        QVERIFY(f.run(op).ok());
        QCOMPARE(readDoubles(*f.file, "/data/t"), grown);
    }

    void resizeVariableLengthStrings()
    {
        StructureFile f;
        QVERIFY(f.ok());
        const QStringList all = readStrings(*f.file, "/strings");
        QCOMPARE(all.size(), 6);
        auto op = std::make_shared<ResizeDatasetOperation>(QStringLiteral("/strings"), std::vector<quint64>{2});
        QVERIFY(f.run(op).ok());
        QCOMPARE(readStrings(*f.file, "/strings"), all.mid(0, 2));
        QVERIFY(f.revert(op).ok());
        QCOMPARE(readStrings(*f.file, "/strings"), all);
    }

    void resizeRefused()
    {
        StructureFile f;
        QVERIFY(f.ok());
        expectRefusedUnchanged(
            f, std::make_shared<ResizeDatasetOperation>(QStringLiteral("/data/t"), std::vector<quint64>{4, 6}), "at most");
        expectRefusedUnchanged(
            f, std::make_shared<ResizeDatasetOperation>(QStringLiteral("/data/t"), std::vector<quint64>{4}), "dimensions");
        expectRefusedUnchanged(
            f, std::make_shared<ResizeDatasetOperation>(QStringLiteral("/data/contig"), std::vector<quint64>{2}),
            "only chunked");
        expectRefusedUnchanged(f, std::make_shared<ResizeDatasetOperation>(QStringLiteral("/g"), std::vector<quint64>{2}),
                               "not a dataset");
        // A shrink that would discard more than the undo can keep (here: 320 MB
        // of never-written values against a 100 MB limit). Refused before
        // anything is read.
        DatasetSpec big;
        big.path = QStringLiteral("/big");
        big.shape = {40000, 1000};
        big.maxShape = {DatasetSpec::Unlimited, 1000};
        big.layout = DatasetLayout::Chunked;
        big.chunk = {100, 1000};
        QVERIFY(f.run(std::make_shared<CreateDatasetOperation>(big)).ok());
        auto tooBig = std::make_shared<ResizeDatasetOperation>(QStringLiteral("/big"), std::vector<quint64>{0, 1000});
        tooBig->setLimits({quint64(1) << 20, quint64(1) << 20, quint64(100) << 20});
        expectRefusedUnchanged(f, tooBig, "more than Hyperslab can keep");
        // Variable-length values are kept in memory only.
        auto strings = std::make_shared<ResizeDatasetOperation>(QStringLiteral("/strings"), std::vector<quint64>{1});
        strings->setLimits({8, 8, quint64(1) << 30});
        expectRefusedUnchanged(f, strings, "variable-length");
    }
};

QTEST_GUILESS_MAIN(TestResizeDatasetOperation)
#include "tst_resizedatasetoperation.moc"
