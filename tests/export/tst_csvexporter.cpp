// CsvExporter: what the CSV says, parsed back, and what a failed or cancelled
// export leaves on disk.

#include "exportfixture.h"
#include "services/csvexporter.h"
#include "services/datasetreader.h"
#include "services/h5file.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <charconv>
#include <cmath>
#include <cstring>

using namespace hs::core;
namespace fx = hs::test::exportfx;
using fx::Table;

namespace {

std::string s(const char *t) { return t; }

double parseDouble(const std::string &t)
{
    double v = 0;
    const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (r.ec != std::errc() || r.ptr != t.data() + t.size())
        return std::strtod(t.c_str(), nullptr); // "inf", "nan" spellings from_chars may not take
    return v;
}

bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
bool sameBits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

} // namespace

class TestCsvExporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void integers();
    void unsigned64();
    void floatsRoundTrip();
    void singlesRoundTrip();
    void floatStyles();
    void strings_data();
    void strings();
    void fixedStrings();
    void compoundColumns();
    void compound2d();
    void rank1Select();
    void rank2Select_data();
    void rank2Select();
    void transposed();
    void transposedBelowRank2();
    void indexColumns();
    void headerOff();
    void crlf();
    void scalar();
    void emptySelection();
    void blockSizesGiveSameOutput_data();
    void blockSizesGiveSameOutput();
    void progress();
    void higherRanksAsLines();
    void higherRanksAsSlices();
    void higherRanksStreamAndCancel();
    void manySmallSlicesAreReadInBatches_data();
    void manySmallSlicesAreReadInBatches();
    void nonUtf8Strings();
    void badDelimiter();
    void staleSelection();
    void cellQuoting();

    void fileWritten();
    void cancelLeavesNoFile();
    void cancelKeepsExistingFile();
    void failureLeavesNoFile();
    void unwritableDirectory();

private:
    DatasetReaderPtr open(const char *path);
    // Exports `select` of `path` to a string; fails the test on error.
    std::string exportText(const char *path, const QString &select = {}, CsvOptions options = {});
    Table exportTable(const char *path, const QString &select = {}, CsvOptions options = {});

    QTemporaryDir m_dir;
    QString m_file;
    H5FilePtr m_h5;
};

void TestCsvExporter::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(QStringLiteral("export.h5"));
    QVERIFY(fx::write(m_file));
    auto f = H5File::open(m_file);
    QVERIFY2(f.ok(), qPrintable(f.ok() ? QString() : f.error().message));
    m_h5 = f.value();
}

void TestCsvExporter::cleanupTestCase()
{
    m_h5.reset();
}

DatasetReaderPtr TestCsvExporter::open(const char *path)
{
    auto r = DatasetReader::open(m_h5, QString::fromLatin1(path));
    if (!r) {
        qWarning("open %s: %s", path, qPrintable(r.error().message));
        return {};
    }
    return r.value();
}

std::string TestCsvExporter::exportText(const char *path, const QString &select, CsvOptions options)
{
    DatasetReaderPtr reader = open(path);
    if (!reader)
        return "<open failed>";
    const auto shape = reader->shape().kind == ShapeInfo::Kind::Simple ? reader->shape().dims : std::vector<quint64>{};
    auto sel = select.isNull() ? Result<Selection>(Selection::all(shape)) : Selection::parse(select, shape);
    if (!sel) {
        qWarning("select: %s", qPrintable(sel.error().message));
        return "<bad selection>";
    }
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    CsvExporter ex(reader, sel.value(), options);
    const Status st = ex.write(buf);
    if (!st) {
        qWarning("export: %s", qPrintable(st.error().message));
        return "<export failed>";
    }
    return buf.data().toStdString();
}

Table TestCsvExporter::exportTable(const char *path, const QString &select, CsvOptions options)
{
    const QByteArray d = options.delimiter.toUtf8();
    return fx::parseCsv(exportText(path, select, options), std::string_view(d.constData(), size_t(d.size())));
}

void TestCsvExporter::integers()
{
    const Table t = exportTable("/ints");
    QCOMPARE(int(t.size()), 1 + fx::kIntRows);
    QCOMPARE(t[0], (std::vector<std::string>{"ints[0]", "ints[1]", "ints[2]", "ints[3]"}));
    for (int i = 0; i < fx::kIntRows; ++i) {
        QCOMPARE(int(t[size_t(i) + 1].size()), fx::kIntCols);
        for (int j = 0; j < fx::kIntCols; ++j)
            QCOMPARE(t[size_t(i) + 1][size_t(j)], std::to_string(fx::intValue(i, j)));
    }
}

void TestCsvExporter::unsigned64()
{
    QCOMPARE(exportText("/u64"), s("u64\n0\n1\n9007199254740993\n9223372036854775808\n18446744073709551615\n"));
}

void TestCsvExporter::floatsRoundTrip()
{
    const Table t = exportTable("/floats");
    const auto expected = fx::doubles();
    QCOMPARE(t.size(), expected.size() + 1);
    QCOMPARE(t[0][0], s("floats"));
    for (size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(t[i + 1].size(), size_t(1));
        const double v = parseDouble(t[i + 1][0]);
        if (std::isnan(expected[i]))
            QVERIFY2(std::isnan(v), t[i + 1][0].c_str());
        else
            QVERIFY2(sameBits(v, expected[i]), qPrintable(QStringLiteral("row %1: %2").arg(i).arg(QString::fromStdString(t[i + 1][0]))));
    }
}

void TestCsvExporter::singlesRoundTrip()
{
    const Table t = exportTable("/singles");
    const auto expected = fx::singles();
    QCOMPARE(t.size(), expected.size() + 1);
    for (size_t i = 0; i < expected.size(); ++i) {
        const float v = std::strtof(t[i + 1][0].c_str(), nullptr);
        QVERIFY2(sameBits(v, expected[i]), t[i + 1][0].c_str());
        // Shortest for the float, not for the double it widens to: 0.1f is "0.1".
        QVERIFY2(t[i + 1][0].size() <= 16, t[i + 1][0].c_str());
    }
    QCOMPARE(t[1][0], s("0.1"));
}

void TestCsvExporter::floatStyles()
{
    CsvOptions o;
    o.header = false;
    o.format.floatStyle = FormatOptions::FloatStyle::Fixed;
    o.format.floatPrecision = 3;
    QCOMPARE(exportText("/floats", QStringLiteral("[0:3]"), o), s("0.100\n0.333\n-2.500\n"));
    o.format.floatStyle = FormatOptions::FloatStyle::Scientific;
    o.format.floatPrecision = 2;
    QCOMPARE(exportText("/floats", QStringLiteral("[0:3]"), o), s("1.00e-01\n3.33e-01\n-2.50e+00\n"));
}

void TestCsvExporter::strings_data()
{
    QTest::addColumn<QString>("delimiter");
    QTest::newRow("comma") << QStringLiteral(",");
    QTest::newRow("tab") << QStringLiteral("\t");
    QTest::newRow("semicolon") << QStringLiteral(";");
    QTest::newRow("multi-character") << QStringLiteral("||");
    QTest::newRow("non-ASCII") << QStringLiteral("\u00a6");
    QTest::newRow("letter") << QStringLiteral("a"); // even numbers and words must then be quoted
}

void TestCsvExporter::strings()
{
    QFETCH(QString, delimiter);
    CsvOptions o;
    o.delimiter = delimiter;
    const Table t = exportTable("/strings", {}, o);
    const auto expected = fx::strings();
    QCOMPARE(t.size(), expected.size() + 1);
    QCOMPARE(t[0][0], s("strings"));
    for (size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(t[i + 1].size(), size_t(1));
        QCOMPARE(t[i + 1][0], expected[i]);
    }
}

void TestCsvExporter::fixedStrings()
{
    const Table t = exportTable("/fixed");
    const auto expected = fx::fixedStrings();
    QCOMPARE(t.size(), expected.size() + 1);
    for (size_t i = 0; i < expected.size(); ++i)
        QCOMPARE(t[i + 1][0], expected[i]);
    // The raw text: quoted only where needed, and the empty last value made visible.
    QCOMPARE(exportText("/fixed"), s("fixed\nabc\n\"a,b\"\n\"q\"\"q\"\nü✓\n\"\"\n"));
}

void TestCsvExporter::compoundColumns()
{
    const Table t = exportTable("/compound");
    QCOMPARE(t.size(), size_t(6));
    QCOMPARE(t[0], (std::vector<std::string>{"id", "x", "name", "pos.a", "pos.b"}));
    const auto names = fx::strings();
    for (int i = 0; i < 5; ++i) {
        const auto &r = t[size_t(i) + 1];
        QCOMPARE(r.size(), size_t(5));
        QCOMPARE(r[0], std::to_string(i));
        QVERIFY(sameBits(parseDouble(r[1]), i + 0.25));
        QCOMPARE(r[2], names[size_t(i)]);
        QVERIFY(sameBits(std::strtof(r[3].c_str(), nullptr), i / 2.0f));
        QVERIFY(sameBits(std::strtof(r[4].c_str(), nullptr), float(-i)));
    }
}

void TestCsvExporter::compound2d()
{
    CsvOptions o;
    o.indexColumns = true;
    const Table t = exportTable("/pairs", {}, o);
    QCOMPARE(t.size(), size_t(4));
    QCOMPARE(t[0], (std::vector<std::string>{"dim0", "a[0]", "b[0]", "a[1]", "b[1]"}));
    for (int i = 0; i < 3; ++i) {
        const auto &r = t[size_t(i) + 1];
        QCOMPARE(r[0], std::to_string(i));
        for (int j = 0; j < 2; ++j) {
            QCOMPARE(r[size_t(1 + 2 * j)], std::to_string(i * 10 + j));
            QVERIFY(sameBits(parseDouble(r[size_t(2 + 2 * j)]), i * 10 + j + 0.5));
        }
    }
}

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

void TestCsvExporter::nonUtf8Strings()
{
    // Latin-1 by default: the text, as UTF-8, never the screen's "\xb5".
    QCOMPARE(exportText("/latin1"), s("latin1\n5 \u00b5m\ncaf\u00e9\nplain\n\u00b5\u00b5\n"));
    CsvOptions o;
    o.nonUtf8Strings = FormatOptions::NonUtf8::Raw;
    QCOMPARE(exportText("/latin1", {}, o), s("latin1\n5 \xb5m\ncaf\xe9\nplain\n\xb5\xb5\n"));
    // Valid UTF-8 stays as it is either way.
    const Table t = exportTable("/fixed", {}, o);
    const auto expected = fx::fixedStrings();
    for (size_t i = 0; i < expected.size(); ++i)
        QCOMPARE(t[i + 1][0], expected[i]);
}

void TestCsvExporter::badDelimiter()
{
    DatasetReaderPtr reader = open("/ints");
    QVERIFY(reader);
    for (const QString &d : {QString(), QStringLiteral("\""), QStringLiteral("\n"), QStringLiteral(";\r")}) {
        CsvOptions o;
        o.delimiter = d;
        const Status st = CsvExporter(reader, Selection::all(reader->shape().dims), o).validate();
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(st.error().message.contains(QLatin1String("delimiter")), qPrintable(st.error().message));
    }
}

void TestCsvExporter::staleSelection()
{
    DatasetReaderPtr reader = open("/ints");
    QVERIFY(reader);
    const Status st = CsvExporter(reader, Selection::all({7, 4}), {}).validate();
    QVERIFY(!st.ok());
    QVERIFY2(st.error().message.contains(QLatin1String("7 x 4")), qPrintable(st.error().message));
}

void TestCsvExporter::cellQuoting()
{
    auto cell = [](std::string_view text, std::string_view delim) {
        std::string out;
        CsvExporter::appendCell(text, delim, out);
        return out;
    };
    QCOMPARE(cell("abc", ","), s("abc"));
    QCOMPARE(cell("a,b", ","), s("\"a,b\""));
    QCOMPARE(cell("a,b", ";"), s("a,b"));
    QCOMPARE(cell("say \"hi\"", ","), s("\"say \"\"hi\"\"\""));
    QCOMPARE(cell("a\nb", ","), s("\"a\nb\""));
    QCOMPARE(cell("a\rb", ","), s("\"a\rb\""));
    QCOMPARE(cell("a||b", "||"), s("\"a||b\""));
    QCOMPARE(cell("a|b", "||"), s("a|b"));
    QCOMPARE(cell("", ","), s(""));
}

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

QTEST_GUILESS_MAIN(TestCsvExporter)
#include "tst_csvexporter.moc"
