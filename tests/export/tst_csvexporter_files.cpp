// CsvExporter: what a written, cancelled or failed export leaves on disk.

#include "tst_csvexporter.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace hs::core;
using namespace hs::test::csv;
namespace fx = hs::test::exportfx;
using fx::Table;

void TestCsvExporter::fileWritten()
{
    DatasetReaderPtr reader = open("/ints");
    QVERIFY(reader);
    const QString out = m_dir.filePath(QStringLiteral("ints.csv"));
    QVERIFY(CsvExporter(reader, Selection::all(reader->shape().dims), {}).writeFile(out).ok());
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll().toStdString(), exportText("/ints"));
    // No temporary files left behind.
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);
    QVERIFY(QFile::remove(out));
}

void TestCsvExporter::cancelLeavesNoFile()
{
    DatasetReaderPtr reader = open("/grid");
    QVERIFY(reader);
    const QString out = m_dir.filePath(QStringLiteral("cancelled.csv"));
    std::atomic_bool cancel{false};
    CsvExporter ex(reader, Selection::all(reader->shape().dims), {});
    ex.setBlockBytes(30 * 8 * 10);
    ex.setCancelFlag(&cancel);
    int calls = 0;
    ex.setProgressCallback([&](quint64, quint64) {
        if (++calls == 2)
            cancel = true;
    });
    const Status st = ex.writeFile(out);
    QVERIFY(!st.ok());
    QCOMPARE(st.error().code, ErrorCode::Cancelled);
    QCOMPARE(calls, 2);
    QVERIFY(!QFile::exists(out));
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1); // only export.h5
}

void TestCsvExporter::cancelKeepsExistingFile()
{
    DatasetReaderPtr reader = open("/grid");
    QVERIFY(reader);
    const QString out = m_dir.filePath(QStringLiteral("existing.csv"));
    {
        QFile f(out);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("precious\n");
    }
    std::atomic_bool cancel{true}; // cancelled before the first block
    CsvExporter ex(reader, Selection::all(reader->shape().dims), {});
    ex.setCancelFlag(&cancel);
    QCOMPARE(ex.writeFile(out).error().code, ErrorCode::Cancelled);
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("precious\n"));
    f.close();
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);
    QVERIFY(QFile::remove(out));
}

void TestCsvExporter::failureLeavesNoFile()
{
    DatasetReaderPtr reader = open("/cube");
    QVERIFY(reader);
    const QString out = m_dir.filePath(QStringLiteral("failed.csv"));
    // A selection made for another shape fails.
    const Status st = CsvExporter(reader, Selection::all({2, 2}), {}).writeFile(out);
    QVERIFY(!st.ok());
    QVERIFY(!QFile::exists(out));

    // An existing file is not touched by a failed export either.
    {
        QFile f(out);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("keep");
    }
    QVERIFY(!CsvExporter(reader, Selection::all({2, 2}), {}).writeFile(out).ok());
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("keep"));
    f.close();
    QVERIFY(QFile::remove(out));
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
}

void TestCsvExporter::unwritableDirectory()
{
    DatasetReaderPtr reader = open("/ints");
    QVERIFY(reader);
    const QString out = m_dir.filePath(QStringLiteral("no/such/dir/x.csv"));
    const Status st = CsvExporter(reader, Selection::all(reader->shape().dims), {}).writeFile(out);
    QVERIFY(!st.ok());
    QVERIFY2(st.error().message.contains(out), qPrintable(st.error().message));
}
