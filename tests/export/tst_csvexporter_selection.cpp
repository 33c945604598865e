// CsvExporter: selections, transposition, index columns, line endings, block
// sizes, progress, and selections of more than two dimensions.

#include "tst_csvexporter.h"

#include <QBuffer>
#include <QTest>

using namespace hs::core;
using namespace hs::test::csv;
namespace fx = hs::test::exportfx;
using fx::Table;

void TestCsvExporter::rank1Select()
{
    CsvOptions o;
    o.indexColumns = true;
    QCOMPARE(exportText("/u64", QStringLiteral("[1::2]"), o), s("dim0,u64\n1,1\n3,9223372036854775808\n"));
    // A column of a 2-D dataset is rank 1 too.
    QCOMPARE(exportText("/ints", QStringLiteral("[1:4, -1]"), o), s("dim0,ints\n1,-1\n2,27\n3,55\n"));
}

void TestCsvExporter::rank2Select_data()
{
    QTest::addColumn<QString>("select");
    QTest::addColumn<QList<int>>("rows");   // dataset indices behind the rows
    QTest::addColumn<QList<int>>("cols");   // ... and the columns
    QTest::newRow("all") << QString() << QList<int>{0, 1, 2, 3, 4, 5} << QList<int>{0, 1, 2, 3};
    QTest::newRow("strided") << QStringLiteral("[1:5, ::3]") << QList<int>{1, 2, 3, 4} << QList<int>{0, 3};
    QTest::newRow("negative") << QStringLiteral("[-2:, -3:-1]") << QList<int>{4, 5} << QList<int>{1, 2};
    QTest::newRow("clamped") << QStringLiteral("[4:1000, 2:99]") << QList<int>{4, 5} << QList<int>{2, 3};
}

void TestCsvExporter::rank2Select()
{
    QFETCH(QString, select);
    QFETCH(QList<int>, rows);
    QFETCH(QList<int>, cols);
    CsvOptions o;
    o.indexColumns = true;
    const Table t = exportTable("/ints", select, o);
    QCOMPARE(t.size(), size_t(rows.size() + 1));
    QCOMPARE(t[0][0], s("dim0"));
    for (int c = 0; c < cols.size(); ++c)
        QCOMPARE(t[0][size_t(c) + 1], "ints[" + std::to_string(cols[c]) + "]");
    for (int r = 0; r < rows.size(); ++r) {
        QCOMPARE(t[size_t(r) + 1].size(), size_t(cols.size() + 1));
        QCOMPARE(t[size_t(r) + 1][0], std::to_string(rows[r]));
        for (int c = 0; c < cols.size(); ++c)
            QCOMPARE(t[size_t(r) + 1][size_t(c) + 1], std::to_string(fx::intValue(rows[r], cols[c])));
    }
}

void TestCsvExporter::transposed()
{
    CsvOptions o;
    o.transposed = true;
    o.indexColumns = true;
    // A 3-D dataset reduced to 2-D, rows along the last dimension.
    const Table t = exportTable("/cube", QStringLiteral("[2, 1:4, ::2]"), o);
    QCOMPARE(t.size(), size_t(4));
    QCOMPARE(t[0], (std::vector<std::string>{"dim2", "cube[1]", "cube[2]", "cube[3]"}));
    const int ks[] = {0, 2, 4};
    for (int r = 0; r < 3; ++r) {
        QCOMPARE(t[size_t(r) + 1][0], std::to_string(ks[r]));
        for (int j = 1; j <= 3; ++j)
            QCOMPARE(t[size_t(r) + 1][size_t(j)], std::to_string(fx::cubeValue(2, j, ks[r])));
    }
}

void TestCsvExporter::transposedBelowRank2()
{
    // Orientation only means something for two dimensions.
    CsvOptions o;
    o.transposed = true;
    QCOMPARE(exportText("/u64", QStringLiteral("[:2]"), o), s("u64\n0\n1\n"));
    QCOMPARE(exportText("/scalar", {}, o), s("scalar\n2.5\n"));
}

void TestCsvExporter::indexColumns()
{
    CsvOptions o;
    o.indexColumns = true;
    o.header = false;
    const Table t = exportTable("/cube", QStringLiteral("[..., 3, 5]"), o);
    QCOMPARE(t.size(), size_t(4));
    for (int i = 0; i < 4; ++i)
        QCOMPARE(t[size_t(i)], (std::vector<std::string>{std::to_string(i), std::to_string(fx::cubeValue(i, 3, 5))}));
    // A single element has no row dimension, so no index column.
    QCOMPARE(exportText("/cube", QStringLiteral("[1, 2, 3]"), o), s("123\n"));
}

void TestCsvExporter::headerOff()
{
    CsvOptions o;
    o.header = false;
    QCOMPARE(exportText("/ints", QStringLiteral("[1:3, 1:3]"), o), s("-15,-8\n13,20\n"));
    o.header = true;
    QCOMPARE(exportText("/ints", QStringLiteral("[1:3, 1:3]"), o), s("ints[1],ints[2]\n-15,-8\n13,20\n"));
}

void TestCsvExporter::crlf()
{
    CsvOptions o;
    o.crlf = true;
    QCOMPARE(exportText("/ints", QStringLiteral("[1:3, 1]"), o), s("ints\r\n-15\r\n13\r\n"));
}

void TestCsvExporter::scalar()
{
    QCOMPARE(exportText("/scalar"), s("scalar\n2.5\n"));
    CsvOptions o;
    o.indexColumns = true;
    QCOMPARE(exportText("/scalar", QStringLiteral("[]"), o), s("scalar\n2.5\n"));
}

void TestCsvExporter::emptySelection()
{
    QCOMPARE(exportText("/ints", QStringLiteral("[3:3, 1:3]")), s("ints[1],ints[2]\n"));
    CsvOptions o;
    o.indexColumns = true;
    QCOMPARE(exportText("/empty", {}, o), s("dim0,empty[0],empty[1],empty[2]\n"));
    // No columns: only the index is left.
    QCOMPARE(exportText("/ints", QStringLiteral("[1:3, 2:2]"), o), s("dim0\n1\n2\n"));
    // A null dataspace has no values at all: the header alone.
    QCOMPARE(exportText("/null"), s("null\n"));
}

void TestCsvExporter::blockSizesGiveSameOutput_data()
{
    QTest::addColumn<QString>("select");
    QTest::addColumn<bool>("transpose");
    QTest::newRow("all") << QString() << false;
    QTest::newRow("unaligned start") << QStringLiteral("[7:93, 3:]") << false;
    QTest::newRow("strided") << QStringLiteral("[5::3, ::7]") << false;
    QTest::newRow("transposed") << QStringLiteral("[3:50, 1:29]") << true;
    QTest::newRow("rank 1") << QStringLiteral("[:, 4]") << false;
}

void TestCsvExporter::blockSizesGiveSameOutput()
{
    QFETCH(QString, select);
    QFETCH(bool, transpose);
    DatasetReaderPtr reader = open("/grid");
    QVERIFY(reader);
    auto sel = select.isEmpty() ? Result<Selection>(Selection::all(reader->shape().dims)) : Selection::parse(select, reader->shape().dims);
    QVERIFY(sel.ok());
    CsvOptions o;
    o.indexColumns = true;
    o.transposed = transpose;

    QByteArray reference;
    // 1 MiB: one block; 8 bytes: one element per read (rows split in pieces);
    // others: several rows per block, with and without chunk alignment.
    for (size_t bytes : {size_t(1) << 20, size_t(8), size_t(100), size_t(30 * 8 * 10), size_t(30 * 8 * 17), size_t(5000)}) {
        QBuffer buf;
        buf.open(QIODevice::WriteOnly);
        CsvExporter ex(reader, sel.value(), o);
        ex.setBlockBytes(bytes);
        const Status st = ex.write(buf);
        QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().message));
        if (reference.isEmpty())
            reference = buf.data();
        else
            QCOMPARE(buf.data(), reference);
    }
    // The content of the reference against the generating function.
    const Table t = fx::parseCsv(reference.toStdString());
    const auto shape = sel->resultShape();
    QCOMPARE(t.size(), size_t(shape[transpose ? 1 : 0] + 1));
    for (size_t r = 1; r < t.size(); ++r) {
        QCOMPARE(t[r].size(), t[0].size());
        const int rowIndex = std::stoi(t[r][0]);
        for (size_t c = 1; c < t[r].size(); ++c) {
            const std::string &h = t[0][c];
            // "grid[j]" for rank 2, "grid" for the rank-1 column [:, 4].
            const int colIndex = h == "grid" ? 4 : std::stoi(h.substr(5));
            const double expected = transpose ? fx::gridValue(colIndex, rowIndex) : fx::gridValue(rowIndex, colIndex);
            QCOMPARE(parseDouble(t[r][c]), expected);
        }
    }
}

void TestCsvExporter::progress()
{
    DatasetReaderPtr reader = open("/grid");
    QVERIFY(reader);
    CsvExporter ex(reader, Selection::all(reader->shape().dims), {});
    ex.setBlockBytes(30 * 8 * 10); // one chunk of rows per block
    QCOMPARE(ex.totalRows(), quint64(fx::kGridRows));
    std::vector<std::pair<quint64, quint64>> calls;
    ex.setProgressCallback([&](quint64 done, quint64 total) { calls.emplace_back(done, total); });
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    QVERIFY(ex.write(buf).ok());
    QCOMPARE(calls.size(), size_t(fx::kGridRows / 10));
    for (size_t i = 0; i < calls.size(); ++i)
        QCOMPARE(calls[i], (std::pair<quint64, quint64>(10 * (i + 1), fx::kGridRows)));
}

void TestCsvExporter::higherRanksAsLines()
{
    // As NumPy's reshape(-1, n): one line per (i, j), those dataset indices first.
    const Table t = exportTable("/cube");
    QCOMPARE(t.size(), size_t(1 + 4 * 5));
    QCOMPARE(t[0], (std::vector<std::string>{"dim0", "dim1", "cube[0]", "cube[1]", "cube[2]", "cube[3]", "cube[4]", "cube[5]"}));
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 5; ++j) {
            const auto &line = t[size_t(1 + i * 5 + j)];
            QCOMPARE(line.size(), size_t(8));
            QCOMPARE(line[0], std::to_string(i));
            QCOMPARE(line[1], std::to_string(j));
            for (int k = 0; k < 6; ++k)
                QCOMPARE(line[size_t(2 + k)], std::to_string(fx::cubeValue(i, j, k)));
        }
    // Strided: the indices are the dataset's.
    QCOMPARE(exportText("/cube", QStringLiteral("[1::2, ::3, 4:]")),
             s("dim0,dim1,cube[4],cube[5]\n1,0,104,105\n1,3,134,135\n3,0,304,305\n3,3,334,335\n"));
    CsvExporter ex(open("/cube"), Selection::all({4, 5, 6}), {});
    QCOMPARE(ex.totalRows(), quint64(20));
}

void TestCsvExporter::higherRanksAsSlices()
{
    CsvOptions o;
    o.ndLayout = CsvOptions::NdLayout::Slices;
    QCOMPARE(exportText("/cube", QStringLiteral("[1::2, ::3, 4:]"), o),
             s("\"cube[1, 0:5:3, 4:6]\"\ncube[4],cube[5]\n104,105\n134,135\n"
               "\n\"cube[3, 0:5:3, 4:6]\"\ncube[4],cube[5]\n304,305\n334,335\n"));
    o.indexColumns = true;
    o.header = false;
    QCOMPARE(exportText("/cube", QStringLiteral("[:2, 1:3, 4:6]"), o), s("1,14,15\n2,24,25\n\n1,114,115\n2,124,125\n"));
    QCOMPARE(exportText("/cube", QStringLiteral("[2:4, :2, 0:2]"), o), s("0,200,201\n1,210,211\n\n0,300,301\n1,310,311\n"));
}

void TestCsvExporter::higherRanksStreamAndCancel()
{
    DatasetReaderPtr reader = open("/cube");
    QVERIFY(reader);
    // Blocks of a few values: the same text as in one piece, progress by line.
    CsvExporter whole(reader, Selection::all({4, 5, 6}), {});
    QBuffer a;
    a.open(QIODevice::WriteOnly);
    QVERIFY(whole.write(a).ok());
    CsvExporter pieces(reader, Selection::all({4, 5, 6}), {});
    pieces.setBlockBytes(3 * 4);
    std::vector<std::pair<quint64, quint64>> calls;
    pieces.setProgressCallback([&](quint64 done, quint64 total) { calls.emplace_back(done, total); });
    QBuffer b;
    b.open(QIODevice::WriteOnly);
    QVERIFY(pieces.write(b).ok());
    QCOMPARE(b.data(), a.data());
    QVERIFY(!calls.empty());
    QCOMPARE(calls.back(), (std::pair<quint64, quint64>(20, 20)));
    for (size_t i = 1; i < calls.size(); ++i)
        QVERIFY(calls[i].first > calls[i - 1].first);
    // Cancelled between slices.
    std::atomic_bool cancel{false};
    CsvExporter cancelled(reader, Selection::all({4, 5, 6}), {});
    cancelled.setBlockBytes(3 * 4); // slice by slice
    cancelled.setCancelFlag(&cancel);
    cancelled.setProgressCallback([&](quint64 done, quint64) { cancel = done >= 5; });
    QBuffer c;
    c.open(QIODevice::WriteOnly);
    const Status st = cancelled.write(c);
    QVERIFY(!st.ok());
    QCOMPARE(st.error().code, ErrorCode::Cancelled);
}

void TestCsvExporter::manySmallSlicesAreReadInBatches_data()
{
    QTest::addColumn<QString>("select");
    QTest::newRow("all") << QStringLiteral("[...]");
    QTest::newRow("strided") << QStringLiteral("[3::7, ::2, 1:]");
}

void TestCsvExporter::manySmallSlicesAreReadInBatches()
{
    QFETCH(QString, select);
    DatasetReaderPtr reader = open("/series");
    QVERIFY(reader);
    const auto sel = Selection::parse(select, reader->shape().dims);
    QVERIFY(sel.ok());
    // What the lines must say, from the selection alone.
    std::string expected = "dim0,dim1";
    const auto &d = sel->dims();
    for (quint64 k = 0; k < d[2].count; ++k)
        expected.append(",series[").append(std::to_string(d[2].datasetIndex(k))).append("]");
    expected += "\n";
    for (quint64 i = 0; i < d[0].count; ++i)
        for (quint64 j = 0; j < d[1].count; ++j) {
            const quint64 di = d[0].datasetIndex(i), dj = d[1].datasetIndex(j);
            expected.append(std::to_string(di)).append(",").append(std::to_string(dj));
            for (quint64 k = 0; k < d[2].count; ++k)
                expected.append(",").append(std::to_string(fx::seriesValue(int(di), int(dj), int(d[2].datasetIndex(k)))));
            expected += "\n";
        }
    // One batch, batches of 16 slices, and slice by slice: the same text.
    for (size_t bytes : {size_t(8) << 20, size_t(16 * 12 * 4), size_t(15 * 12 * 4)}) {
        CsvExporter ex(reader, sel.value(), {});
        ex.setBlockBytes(bytes);
        quint64 last = 0;
        ex.setProgressCallback([&](quint64 done, quint64) { last = done; });
        QBuffer buf;
        buf.open(QIODevice::WriteOnly);
        QVERIFY(ex.write(buf).ok());
        QCOMPARE(buf.data().toStdString(), expected);
        QCOMPARE(last, ex.totalRows());
    }
    // Cancelled between batches.
    std::atomic_bool cancel{false};
    CsvExporter ex(reader, sel.value(), {});
    ex.setBlockBytes(16 * 12 * 4);
    ex.setCancelFlag(&cancel);
    ex.setProgressCallback([&](quint64, quint64) { cancel = true; });
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    QCOMPARE(ex.write(buf).error().code, ErrorCode::Cancelled);
}

void TestCsvExporter::staleSelection()
{
    DatasetReaderPtr reader = open("/ints");
    QVERIFY(reader);
    const Status st = CsvExporter(reader, Selection::all({7, 4}), {}).validate();
    QVERIFY(!st.ok());
    QVERIFY2(st.error().message.contains(QLatin1String("7 x 4")), qPrintable(st.error().message));
}
