// CsvExporter: what the CSV says, parsed back: values of every type as text.
// The class is declared in tst_csvexporter.h; its other topics are in
// tst_csvexporter_selection.cpp and tst_csvexporter_files.cpp.

#include "model/names.h"
#include "tst_csvexporter.h"

#include <QBuffer>
#include <QTest>

#include <cmath>

using namespace hs::core;
using namespace hs::test::csv;
namespace fx = hs::test::exportfx;
using fx::Table;

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
    auto r = DatasetReader::open(m_h5, hs::core::names::decode(path)); // names as HDF5 holds them: bytes
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

void TestCsvExporter::nonUtf8Names()
{
    // The header names the dataset as the values are written: Latin-1 text by
    // default, the bytes with the raw option; never '?' or the screen's "\xb0".
    QCOMPARE(exportText("/temp_\xb0" "C"), s("temp_\u00b0C\n5 \u00b5m\ncaf\u00e9\nplain\n\u00b5\u00b5\n"));
    CsvOptions o;
    o.nonUtf8Strings = FormatOptions::NonUtf8::Raw;
    QCOMPARE(exportText("/temp_\xb0" "C", {}, o), s("temp_\xb0" "C\n5 \xb5m\ncaf\xe9\nplain\n\xb5\xb5\n"));
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

QTEST_GUILESS_MAIN(TestCsvExporter)
