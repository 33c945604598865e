// AttributeReader, AttributeTableModel, ReferenceTarget::parse and the value
// JSON, on attributes.h5 (tests/fixtures/fixtures_attributes.cpp describes
// every object). Type texts are h5dump's (`h5dump -A`), on one line.

#include "model/referencetarget.h"
#include "models/attributetablemodel.h"
#include "jobs/jobrunner.h"
#include "services/attributereader.h"
#include "unit/testutil.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

#include <limits>

using namespace hs::core;

namespace {

const QString kI32 = QStringLiteral("H5T_STD_I32LE");
QString fixedString(int size, const char *pad = "H5T_STR_NULLTERM")
{
    return QStringLiteral("H5T_STRING { STRSIZE %1; STRPAD %2; CSET H5T_CSET_ASCII; CTYPE H5T_C_S1; }")
        .arg(size)
        .arg(QLatin1String(pad));
}
const QString kVlenUtf8 =
    QStringLiteral("H5T_STRING { STRSIZE H5T_VARIABLE; STRPAD H5T_STR_NULLTERM; CSET H5T_CSET_UTF8; CTYPE H5T_C_S1; }");
const QString kVlenAscii =
    QStringLiteral("H5T_STRING { STRSIZE H5T_VARIABLE; STRPAD H5T_STR_NULLTERM; CSET H5T_CSET_ASCII; CTYPE H5T_C_S1; }");

// JSON as compact text, for whole-value comparisons.
QString jsonText(const QJsonValue &v)
{
    QJsonArray wrap;
    wrap.append(v);
    const QString s = QString::fromUtf8(QJsonDocument(wrap).toJson(QJsonDocument::Compact));
    return s.mid(1, s.size() - 2);
}

} // namespace

class TestAttributeReader : public QObject
{
    Q_OBJECT

    H5FilePtr m_file;

    const AttributeInfo *find(const std::vector<AttributeInfo> &list, const QString &name)
    {
        for (const AttributeInfo &a : list)
            if (a.name == name)
                return &a;
        return nullptr;
    }

    std::vector<AttributeInfo> read(const QString &path, AttributeReader::Options o = {})
    {
        auto r = AttributeReader::list(m_file, path, o);
        if (!r)
            qWarning() << r.error().message;
        return r ? r.value() : std::vector<AttributeInfo>();
    }

    QStringList names(const std::vector<AttributeInfo> &list)
    {
        QStringList out;
        for (const AttributeInfo &a : list)
            out << a.name;
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString path = hs::test::fixture(hs::fixtures::AttributesFileName);
        QVERIFY2(QFileInfo::exists(path), "run the make_fixtures test first");
        auto f = H5File::open(path);
        QVERIFY2(f, qPrintable(f ? QString() : f.error().message));
        m_file = f.value();
    }

    void attribute_data()
    {
        QTest::addColumn<QString>("object");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("shape");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("elided");
        auto row = [](const char *object, const char *name, const QString &type, const QString &shape,
                      const QString &value, bool elided = false) {
            QTest::addRow("%s %s", object, name) << QString::fromUtf8(object) << QString::fromUtf8(name) << type << shape
                                                 << value << elided;
        };
        const QString scalar = QStringLiteral("scalar");
        row("/", "title", kVlenUtf8, scalar, QStringLiteral("\"Grüße aus Köln ☃\""));
        row("/", "version", kI32, scalar, QStringLiteral("3"));
        row("/", "_NCProperties", fixedString(35), scalar, QStringLiteral("\"version=2,netcdf=4.9.0,hdf5=1.10.8\""));
        row("/types", "i8", QStringLiteral("H5T_STD_I8LE"), QStringLiteral("3"), QStringLiteral("-128, 0, 127"));
        row("/types", "u8", QStringLiteral("H5T_STD_U8LE"), scalar, QStringLiteral("255"));
        row("/types", "i16", QStringLiteral("H5T_STD_I16BE"), QStringLiteral("2"), QStringLiteral("-32768, 32767"));
        row("/types", "u16", QStringLiteral("H5T_STD_U16LE"), scalar, QStringLiteral("65535"));
        row("/types", "i32", kI32, QStringLiteral("2 \u00d7 3"), QStringLiteral("[-1, -2, -3], [4, 5, 6]"));
        row("/types", "u32", QStringLiteral("H5T_STD_U32LE"), scalar, QStringLiteral("4294967295"));
        row("/types", "i64", QStringLiteral("H5T_STD_I64LE"), QStringLiteral("2"),
            QStringLiteral("-9223372036854775808, 9223372036854775807"));
        row("/types", "u64", QStringLiteral("H5T_STD_U64LE"), QStringLiteral("2"),
            QStringLiteral("0, 18446744073709551615"));
        row("/types", "f32", QStringLiteral("H5T_IEEE_F32LE"), QStringLiteral("5"),
            QStringLiteral("0.1, -2.5, nan, inf, -inf"));
        row("/types", "f64", QStringLiteral("H5T_IEEE_F64LE"), QStringLiteral("2 \u00d7 2"),
            QStringLiteral("[3.141592653589793, 1e-300], [nan, -inf]"));
        row("/types", "f64_scalar", QStringLiteral("H5T_IEEE_F64LE"), scalar, QStringLiteral("6.02214076e+23"));
        row("/types", "fixed_nullterm", fixedString(8), scalar, QStringLiteral("\"abc\""));
        row("/types", "fixed_nullpad", fixedString(6, "H5T_STR_NULLPAD"), scalar, QStringLiteral("\"hello\""));
        row("/types", "fixed_spacepad", fixedString(8, "H5T_STR_SPACEPAD"), scalar, QStringLiteral("\"pad     \""));
        row("/types", "vlen_utf8", kVlenUtf8, scalar, QStringLiteral("\"Grüße ☃\""));
        row("/types", "strings", kVlenAscii, QStringLiteral("3"), QStringLiteral("\"alpha\", \"beta\", \"\""));
        row("/types", "fixed_strings", fixedString(5), QStringLiteral("2"), QStringLiteral("\"one\", \"two\""));
        row("/types", "enum",
            QStringLiteral("H5T_ENUM { H5T_STD_I8LE; \"RED\" 0; \"GREEN\" 1; \"BLUE\" 2; }"), QStringLiteral("3"),
            QStringLiteral("RED, BLUE, 7"));
        row("/types", "compound",
            QStringLiteral("H5T_COMPOUND { H5T_STD_I32LE \"id\"; H5T_IEEE_F64LE \"value\"; H5T_COMPOUND { "
                           "H5T_STD_I16LE \"x\"; H5T_STD_I16LE \"y\"; } \"pos\"; %1 \"name\"; }")
                .arg(fixedString(6)),
            scalar, QStringLiteral("{7, 2.5, {3, -4}, \"probe\"}"));
        row("/types", "compound_array",
            QStringLiteral("H5T_COMPOUND { H5T_STD_I32LE \"a\"; H5T_IEEE_F32LE \"b\"; }"), QStringLiteral("2"),
            QStringLiteral("{1, 0.5}, {2, -1.5}"));
        // {real, imag} pairs read as complex numbers, as in the grid.
        row("/types", "complex",
            QStringLiteral("H5T_COMPOUND { H5T_IEEE_F64LE \"real\"; H5T_IEEE_F64LE \"imag\"; }"), scalar,
            QStringLiteral("1.5-2i"));
        row("/types", "array", QStringLiteral("H5T_ARRAY { [2][3] H5T_STD_I32LE }"), scalar,
            QStringLiteral("[[1, 2, 3], [4, 5, 6]]"));
        row("/types", "vlen_ints", QStringLiteral("H5T_VLEN { H5T_STD_I32LE }"), QStringLiteral("2"),
            QStringLiteral("(1, 2, 3), ()"));
        row("/types", "bitfield", QStringLiteral("H5T_STD_B8LE"), QStringLiteral("2"), QStringLiteral("0x0f, 0xa0"));
        row("/types", "opaque", QStringLiteral("H5T_OPAQUE { OPAQUE_TAG \"raw bytes\"; }"), scalar,
            QStringLiteral("0xdeadbeef"));
        row("/types", "null", kI32, QStringLiteral("null"), QString());
        row("/types", "empty", kI32, QStringLiteral("0"), QString());
        QString big;
        for (int i = 0; i < 32; ++i)
            big += QString::number(i) + QStringLiteral(", ");
        row("/types", "big", kI32, QStringLiteral("10000"), big + QStringLiteral("\u2026"), true);
        const QString objRef = QStringLiteral("H5T_REFERENCE { H5T_STD_REF_OBJECT }");
        const QString regRef = QStringLiteral("H5T_REFERENCE { H5T_STD_REF_DSETREG }");
        row("/data", "units", kVlenUtf8, scalar, QStringLiteral("\"m/s\""));
        row("/data", "object_refs", objRef, QStringLiteral("2"), QStringLiteral("/types, /data"));
        row("/data", "region_blocks", regRef, scalar, QStringLiteral("/data {(1,1)-(2,3), (5,5)-(6,6)}"));
        row("/data", "region_points", regRef, scalar, QStringLiteral("/data {(6,9), (2,2), (0,0)}"));
        row("/data", "null_ref", objRef, scalar, QStringLiteral("NULL"));
        row("/point_t", "description", kVlenUtf8, scalar, QStringLiteral("\"a 2-D point\""));
        row("/point_t", "count", QStringLiteral("H5T_STD_U16LE"), scalar, QStringLiteral("2"));
        row("/scaled/data", "DIMENSION_LIST", QStringLiteral("H5T_VLEN { H5T_REFERENCE { H5T_STD_REF_OBJECT } }"),
            QStringLiteral("2"), QStringLiteral("(/scaled/y), (/scaled/x)"));
        row("/scaled/data", "DIMENSION_LABELS", kVlenAscii, QStringLiteral("2"), QStringLiteral("\"lat\", \"lon\""));
        row("/scaled/y", "REFERENCE_LIST",
            QStringLiteral("H5T_COMPOUND { H5T_REFERENCE { H5T_STD_REF_OBJECT } \"dataset\"; H5T_STD_I32LE "
                           "\"dimension\"; }"),
            QStringLiteral("1"), QStringLiteral("{/scaled/data, 0}"));
        row("/scaled/y", "CLASS", fixedString(16), scalar, QStringLiteral("\"DIMENSION_SCALE\""));
        row("/scaled/y", "NAME", fixedString(9), scalar, QStringLiteral("\"latitude\""));
    }

    void attribute()
    {
        QFETCH(QString, object);
        QFETCH(QString, name);
        const auto list = read(object);
        const AttributeInfo *a = find(list, name);
        QVERIFY2(a, qPrintable(names(list).join(u' ')));
        QCOMPARE(a->problem, QString());
        QFETCH(QString, type);
        QCOMPARE(a->type.text, type);
        QFETCH(QString, shape);
        QCOMPARE(a->shape.text(), shape);
        QFETCH(QString, value);
        QCOMPARE(a->value, value);
        QFETCH(bool, elided);
        QCOMPARE(a->elided, elided);
        QCOMPARE(a->creationOrder, qint64(-1)); // nothing here tracks creation order
        QVERIFY(a->json.isUndefined());          // only on request
    }

    void everyAttributeListed()
    {
        QCOMPARE(names(read(QStringLiteral("/"))).join(u' '), QStringLiteral("_NCProperties title version"));
        QCOMPARE(names(read(QStringLiteral("/types"))).join(u' '),
                 QStringLiteral("array big bitfield complex compound compound_array empty enum f32 f64 f64_scalar "
                                "fixed_nullpad fixed_nullterm fixed_spacepad fixed_strings i16 i32 i64 i8 null opaque "
                                "strings u16 u32 u64 u8 vlen_ints vlen_utf8"));
        QCOMPARE(names(read(QStringLiteral("/point_t"))).join(u' '), QStringLiteral("count description"));
        auto missing = AttributeReader::list(m_file, QStringLiteral("/no/such/object"));
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(QStringLiteral("/no/such/object")));
    }

    void elision()
    {
        AttributeReader::Options o;
        o.maxElements = 3;
        QCOMPARE(find(read(QStringLiteral("/types"), o), QStringLiteral("i32"))->value,
                 QStringLiteral("[-1, -2, -3], \u2026"));
        o.maxElements = 2;
        const auto list = read(QStringLiteral("/types"), o);
        QCOMPARE(find(list, QStringLiteral("i32"))->value, QStringLiteral("[-1, -2, \u2026]"));
        QVERIFY(find(list, QStringLiteral("i32"))->elided);
        QCOMPARE(find(list, QStringLiteral("i8"))->value, QStringLiteral("-128, 0, \u2026"));
        QVERIFY(!find(list, QStringLiteral("u8"))->elided);
        o = {};
        o.maxChars = 4;
        const auto chars = read(QStringLiteral("/"), o);
        QCOMPARE(find(chars, QStringLiteral("title"))->value, QStringLiteral("\"Grü\u2026"));
        QVERIFY(find(chars, QStringLiteral("title"))->elided);
        QCOMPARE(find(chars, QStringLiteral("version"))->value, QStringLiteral("3"));
        QVERIFY(!find(chars, QStringLiteral("version"))->elided);
    }

    void fullValue()
    {
        QString expected;
        for (int i = 0; i < 10000; ++i)
            expected += (i ? QStringLiteral(", ") : QString()) + QString::number(i);
        auto big = AttributeReader::fullValue(m_file, QStringLiteral("/types"), QStringLiteral("big"));
        QVERIFY(big);
        QCOMPARE(big.value(), expected);
        QCOMPARE(AttributeReader::fullValue(m_file, QStringLiteral("/types"), QStringLiteral("i32")).value(),
                 QStringLiteral("-1, -2, -3\n4, 5, 6"));
        QCOMPARE(AttributeReader::fullValue(m_file, QStringLiteral("/types"), QStringLiteral("strings")).value(),
                 QStringLiteral("\"alpha\", \"beta\", \"\""));
        QCOMPARE(AttributeReader::fullValue(m_file, QStringLiteral("/types"), QStringLiteral("null")).value(), QString());
        QVERIFY(!AttributeReader::fullValue(m_file, QStringLiteral("/types"), QStringLiteral("nope")));
    }

    void json()
    {
        AttributeReader::Options o;
        o.json = true;
        const auto list = read(QStringLiteral("/types"), o);
        auto json = [&](const char *name) { return find(list, QString::fromLatin1(name))->json; };
        QCOMPARE(jsonText(json("i8")), QStringLiteral("[-128,0,127]"));
        QCOMPARE(json("u8"), QJsonValue(255));
        QCOMPARE(jsonText(json("i32")), QStringLiteral("[[-1,-2,-3],[4,5,6]]"));
        // 64-bit integers exact; above INT64_MAX as a decimal string.
        QCOMPARE(json("i64").toArray().at(0).toInteger(), std::numeric_limits<qint64>::min());
        QCOMPARE(json("i64").toArray().at(1).toInteger(), std::numeric_limits<qint64>::max());
        QCOMPARE(jsonText(json("i64")), QStringLiteral("[-9223372036854775808,9223372036854775807]"));
        QCOMPARE(json("u64").toArray().at(0), QJsonValue(0));
        QCOMPARE(json("u64").toArray().at(1), QJsonValue(QStringLiteral("18446744073709551615")));
        // Floats as the number their shortest text says; non-finite as strings.
        QCOMPARE(jsonText(json("f32")), QStringLiteral("[0.1,-2.5,\"nan\",\"inf\",\"-inf\"]"));
        QCOMPARE(json("f32").toArray().at(0).toDouble(), 0.1);
        QCOMPARE(json("f64").toArray().at(0).toArray().at(0).toDouble(), M_PI);
        QCOMPARE(json("f64").toArray().at(1).toArray().at(1), QJsonValue(QStringLiteral("-inf")));
        QCOMPARE(json("f64_scalar").toDouble(), 6.02214076e23);
        // Strings without padding.
        QCOMPARE(json("fixed_nullterm"), QJsonValue(QStringLiteral("abc")));
        QCOMPARE(json("fixed_nullpad"), QJsonValue(QStringLiteral("hello")));
        QCOMPARE(json("fixed_spacepad"), QJsonValue(QStringLiteral("pad")));
        QCOMPARE(json("vlen_utf8"), QJsonValue(QStringLiteral("Grüße ☃")));
        QCOMPARE(jsonText(json("strings")), QStringLiteral("[\"alpha\",\"beta\",\"\"]"));
        QCOMPARE(jsonText(json("fixed_strings")), QStringLiteral("[\"one\",\"two\"]"));
        // Enums by name, the number where no name matches.
        QCOMPARE(jsonText(json("enum")), QStringLiteral("[\"RED\",\"BLUE\",7]"));
        // Compounds as objects, nested.
        const QJsonObject c = json("compound").toObject();
        QCOMPARE(c.value(QStringLiteral("id")), QJsonValue(7));
        QCOMPARE(c.value(QStringLiteral("value")), QJsonValue(2.5));
        QCOMPARE(c.value(QStringLiteral("pos")).toObject().value(QStringLiteral("x")), QJsonValue(3));
        QCOMPARE(c.value(QStringLiteral("pos")).toObject().value(QStringLiteral("y")), QJsonValue(-4));
        QCOMPARE(c.value(QStringLiteral("name")), QJsonValue(QStringLiteral("probe")));
        QCOMPARE(c.size(), 4);
        QCOMPARE(jsonText(json("compound_array")), QStringLiteral("[{\"a\":1,\"b\":0.5},{\"a\":2,\"b\":-1.5}]"));
        QCOMPARE(jsonText(json("complex")), QStringLiteral("{\"imag\":-2,\"real\":1.5}"));
        QCOMPARE(jsonText(json("array")), QStringLiteral("[[1,2,3],[4,5,6]]"));
        QCOMPARE(jsonText(json("vlen_ints")), QStringLiteral("[[1,2,3],[]]"));
        QCOMPARE(jsonText(json("bitfield")), QStringLiteral("[15,160]"));
        QCOMPARE(json("opaque"), QJsonValue(QStringLiteral("0xdeadbeef")));
        QCOMPARE(json("null"), QJsonValue(QJsonValue::Null));
        QCOMPARE(jsonText(json("empty")), QStringLiteral("[]"));
        QCOMPARE(json("big").toArray().size(), 10000);
        QCOMPARE(json("big").toArray().at(9999), QJsonValue(9999));
        // Over jsonMaxElements: no JSON value (the text is still there).
        o.jsonMaxElements = 100;
        const AttributeInfo *capped = find(read(QStringLiteral("/types"), o), QStringLiteral("big"));
        QVERIFY(capped->json.isUndefined());
        QVERIFY(capped->value.startsWith(QStringLiteral("0, 1, 2")));

        const auto data = read(QStringLiteral("/data"), o);
        QCOMPARE(jsonText(find(data, QStringLiteral("object_refs"))->json), QStringLiteral("[\"/types\",\"/data\"]"));
        QCOMPARE(find(data, QStringLiteral("region_points"))->json,
                 QJsonValue(QStringLiteral("/data {(6,9), (2,2), (0,0)}")));
    }

    void references()
    {
        const auto list = read(QStringLiteral("/data"));
        QCOMPARE(find(list, QStringLiteral("object_refs"))->references,
                 QStringList({QStringLiteral("/types"), QStringLiteral("/data")}));
        QCOMPARE(find(list, QStringLiteral("units"))->references, QStringList());
        QCOMPARE(find(list, QStringLiteral("null_ref"))->references, QStringList({QStringLiteral("NULL")}));
        QVERIFY(!ReferenceTarget::parse(find(list, QStringLiteral("null_ref"))->references.at(0)).isValid());

        const ReferenceTarget group = ReferenceTarget::parse(find(list, QStringLiteral("object_refs"))->references.at(0));
        QCOMPARE(group.kind, ReferenceTarget::Kind::Object);
        QCOMPARE(group.path, QStringLiteral("/types"));

        const auto blocksRefs = find(list, QStringLiteral("region_blocks"))->references;
        QCOMPARE(blocksRefs.size(), 1);
        const ReferenceTarget blocks = ReferenceTarget::parse(blocksRefs.at(0));
        QCOMPARE(blocks.kind, ReferenceTarget::Kind::RegionBlocks);
        QCOMPARE(blocks.path, QStringLiteral("/data"));
        QCOMPARE(blocks.blocks.size(), size_t(2));
        QCOMPARE(blocks.blocks[0].start, std::vector<quint64>({1, 1}));
        QCOMPARE(blocks.blocks[0].end, std::vector<quint64>({2, 3}));
        QCOMPARE(blocks.blocks[1].start, std::vector<quint64>({5, 5}));
        QCOMPARE(blocks.blocks[1].end, std::vector<quint64>({6, 6}));

        const ReferenceTarget points =
            ReferenceTarget::parse(find(list, QStringLiteral("region_points"))->references.at(0));
        QCOMPARE(points.kind, ReferenceTarget::Kind::RegionPoints);
        QCOMPARE(points.blocks.size(), size_t(3));
        QCOMPARE(points.blocks[0].start, std::vector<quint64>({6, 9}));
        QCOMPARE(points.blocks[0].end, std::vector<quint64>({6, 9}));
        QCOMPARE(points.blocks[2].start, std::vector<quint64>({0, 0}));

        const auto scales = read(QStringLiteral("/scaled/data"));
        QCOMPARE(find(scales, QStringLiteral("DIMENSION_LIST"))->references,
                 QStringList({QStringLiteral("/scaled/y"), QStringLiteral("/scaled/x")}));
    }

    void parseReference_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("attribute");
        QTest::addColumn<QString>("blocks"); // "start-end;..." with coordinates joined by ","
        QTest::addColumn<bool>("truncated");
        using K = ReferenceTarget::Kind;
        auto row = [](const char *tag, const QString &text, K kind, const QString &path, const QString &attribute = {},
                      const QString &blocks = {}, bool truncated = false) {
            QTest::newRow(tag) << text << int(kind) << path << attribute << blocks << truncated;
        };
        row("object", QStringLiteral("/g1/data"), K::Object, QStringLiteral("/g1/data"));
        row("root", QStringLiteral("/"), K::Object, QStringLiteral("/"));
        row("spaces", QStringLiteral("/my group/data set"), K::Object, QStringLiteral("/my group/data set"));
        row("attribute", QStringLiteral("/g1 @units"), K::Attribute, QStringLiteral("/g1"), QStringLiteral("units"));
        row("attribute with spaces", QStringLiteral("/a b @long name"), K::Attribute, QStringLiteral("/a b"),
            QStringLiteral("long name"));
        row("blocks", QStringLiteral("/d {(2,2)-(7,7), (3,3)-(5,5)}"), K::RegionBlocks, QStringLiteral("/d"), {},
            QStringLiteral("2,2-7,7;3,3-5,5"));
        row("points", QStringLiteral("/d {(6,9), (2,2)}"), K::RegionPoints, QStringLiteral("/d"), {},
            QStringLiteral("6,9-6,9;2,2-2,2"));
        row("1-D points", QStringLiteral("/d {(4), (0)}"), K::RegionPoints, QStringLiteral("/d"), {},
            QStringLiteral("4-4;0-0"));
        row("all", QStringLiteral("/d {all}"), K::RegionAll, QStringLiteral("/d"));
        row("path with braces", QStringLiteral("/odd {x} name {(1)-(2)}"), K::RegionBlocks,
            QStringLiteral("/odd {x} name"), {}, QStringLiteral("1-2"));
        row("truncated", QStringLiteral("/d {(1)-(1), (3)-(4), \u2026}"), K::RegionBlocks, QStringLiteral("/d"), {},
            QStringLiteral("1-1;3-4"), true);
        row("null", QStringLiteral("NULL"), K::None, {});
        row("dangling", QStringLiteral("(dangling reference)"), K::None, {});
        row("empty", QString(), K::None, {});
        row("newer", QStringLiteral("(reference of a newer HDF5 version)"), K::None, {});
    }

    void parseReference()
    {
        QFETCH(QString, text);
        const ReferenceTarget t = ReferenceTarget::parse(text);
        QFETCH(int, kind);
        QCOMPARE(int(t.kind), kind);
        QFETCH(QString, path);
        QCOMPARE(t.path, path);
        QFETCH(QString, attribute);
        QCOMPARE(t.attribute, attribute);
        QStringList got;
        for (const ReferenceTarget::Block &b : t.blocks) {
            QStringList s, e;
            for (quint64 v : b.start)
                s << QString::number(v);
            for (quint64 v : b.end)
                e << QString::number(v);
            got << s.join(u',') + u'-' + e.join(u',');
        }
        QFETCH(QString, blocks);
        QCOMPARE(got.join(u';'), blocks);
        QFETCH(bool, truncated);
        QCOMPARE(t.truncated, truncated);
        QCOMPARE(t.isValid(), t.kind != ReferenceTarget::Kind::None);
    }

    void creationOrder()
    {
        QVERIFY(AttributeReader::tracksCreationOrder(m_file, QStringLiteral("/ordered")));
        QVERIFY(!AttributeReader::tracksCreationOrder(m_file, QStringLiteral("/types")));
        QVERIFY(!AttributeReader::tracksCreationOrder(m_file, QStringLiteral("/no/such")));
        AttributeReader::Options o;
        auto byName = read(QStringLiteral("/ordered"), o);
        QCOMPARE(names(byName).join(u' '), QStringLiteral("alpha mid zeta"));
        QCOMPARE(find(byName, QStringLiteral("zeta"))->creationOrder, qint64(0));
        QCOMPARE(find(byName, QStringLiteral("alpha"))->creationOrder, qint64(1));
        QCOMPARE(find(byName, QStringLiteral("mid"))->creationOrder, qint64(2));
        o.order = AttributeOrder::Creation;
        auto byCreation = read(QStringLiteral("/ordered"), o);
        QCOMPARE(names(byCreation).join(u' '), QStringLiteral("zeta alpha mid"));
        QCOMPARE(byCreation[0].value, QStringLiteral("1"));
        // Untracked: creation order falls back to name order.
        QCOMPARE(names(read(QStringLiteral("/point_t"), o)).join(u' '), QStringLiteral("count description"));
    }

    void conventions_data()
    {
        QTest::addColumn<QString>("object");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("convention");
        QTest::addColumn<QString>("explanation");
        auto row = [](const char *object, const char *name, const char *convention, const QString &explanation) {
            QTest::addRow("%s %s", object, name) << QString::fromLatin1(object) << QString::fromLatin1(name)
                                                 << QString::fromLatin1(convention) << explanation;
        };
        row("/scaled/data", "DIMENSION_LIST", "Dimension scales",
            QStringLiteral("Dimension scales attached to each dimension: 0: /scaled/y, 1: /scaled/x"));
        row("/scaled/data", "DIMENSION_LABELS", "Dimension scales",
            QStringLiteral("Labels of the dimensions: 0: lat, 1: lon"));
        row("/scaled/y", "REFERENCE_LIST", "Dimension scales",
            QStringLiteral("Used as a dimension scale by: /scaled/data (dimension 0)"));
        row("/scaled/x", "REFERENCE_LIST", "Dimension scales",
            QStringLiteral("Used as a dimension scale by: /scaled/data (dimension 1)"));
        row("/scaled/y", "CLASS", "Dimension scales", QStringLiteral("Marks this dataset as a dimension scale"));
        row("/scaled/y", "NAME", "Dimension scales", QStringLiteral("Name of this dimension scale: latitude"));
        row("/nc/x", "NAME", "netCDF-4",
            QStringLiteral("netCDF-4 dimension without a coordinate variable: this dataset only stands for the "
                           "dimension (length 3) and holds no data of its own"));
        row("/nc/x", "_Netcdf4Dimid", "netCDF-4",
            QStringLiteral("netCDF-4 dimension ID of the dimension this dataset stands for: 0"));
        row("/nc/x", "REFERENCE_LIST", "Dimension scales",
            QStringLiteral("Used as a dimension scale by: /nc/temp (dimension 0)"));
        row("/nc/temp", "DIMENSION_LIST", "Dimension scales",
            QStringLiteral("Dimension scales attached to each dimension: 0: /nc/x"));
        row("/nc/temp", "_Netcdf4Coordinates", "netCDF-4",
            QStringLiteral("netCDF-4 dimension IDs of this variable's dimensions, in order: 0"));
        row("/nc/temp", "_FillValue", "netCDF-4",
            QStringLiteral("netCDF fill value: the value of elements that were never written (-999)"));
        row("/nc/temp", "units", "", QString());
        row("/nc", "_nc3_strict", "netCDF-4",
            QStringLiteral("The file keeps to the classic netCDF data model (netCDF-4 classic model)"));
        row("/", "_NCProperties", "netCDF-4",
            QStringLiteral("Which netCDF and HDF5 library versions wrote this file: version=2,netcdf=4.9.0,hdf5=1.10.8"));
        row("/", "title", "", QString());
        row("/pytables", "CLASS", "PyTables", QStringLiteral("PyTables node class: GROUP"));
        row("/pytables", "VERSION", "PyTables", QStringLiteral("Version of the PyTables GROUP format: 1.0"));
        row("/pytables", "TITLE", "PyTables", QStringLiteral("PyTables title of this node (none given)"));
        row("/pytables", "PYTABLES_FORMAT_VERSION", "PyTables",
            QStringLiteral("Version of the PyTables file format: 2.1"));
        row("/pytables/table", "CLASS", "PyTables", QStringLiteral("PyTables node class: TABLE"));
        row("/pytables/table", "TITLE", "PyTables", QStringLiteral("PyTables title of this node: readings"));
        row("/pytables/table", "FIELD_0_NAME", "PyTables", QStringLiteral("PyTables: name of column 0: a"));
        row("/pytables/table", "FIELD_0_FILL", "PyTables", QStringLiteral("PyTables: fill value of column 0 (a): 0"));
        row("/image", "CLASS", "HDF5 Image", QStringLiteral("Marks this dataset as an image"));
        row("/image", "IMAGE_VERSION", "HDF5 Image", QStringLiteral("Version of the HDF5 Image convention: 1.2"));
        row("/image", "IMAGE_SUBCLASS", "HDF5 Image", QStringLiteral("Kind of image: IMAGE_GRAYSCALE"));
        row("/data", "object_refs", "", QString());
    }

    void conventions()
    {
        QFETCH(QString, object);
        QFETCH(QString, name);
        const auto list = read(object);
        const AttributeInfo *a = find(list, name);
        QVERIFY2(a, qPrintable(names(list).join(u' ')));
        QFETCH(QString, convention);
        QCOMPARE(a->convention, convention);
        QFETCH(QString, explanation);
        QCOMPARE(a->explanation, explanation);
    }

    void model()
    {
        AttributeTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy loaded(&model, &AttributeTableModel::loaded);
        QCOMPARE(model.columnCount(), 4);
        QCOMPARE(model.headerData(AttributeTableModel::ValueColumn, Qt::Horizontal).toString(), QStringLiteral("Value"));

        model.setObject(m_file, QStringLiteral("/scaled/data"));
        QVERIFY(model.isLoading());
        QTRY_COMPARE(loaded.size(), 1);
        QVERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex name = model.index(1, AttributeTableModel::NameColumn);
        QCOMPARE(name.data().toString(), QStringLiteral("DIMENSION_LIST"));
        QCOMPARE(model.index(1, AttributeTableModel::ValueColumn).data().toString(),
                 QStringLiteral("(/scaled/y), (/scaled/x)"));
        QCOMPARE(model.index(1, AttributeTableModel::ShapeColumn).data().toString(), QStringLiteral("2"));
        QCOMPARE(model.index(1, AttributeTableModel::TypeColumn).data(AttributeTableModel::TypeTextRole).toString(),
                 QStringLiteral("H5T_VLEN { H5T_REFERENCE { H5T_STD_REF_OBJECT } }"));
        QCOMPARE(model.index(1, AttributeTableModel::TypeColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("H5T_VLEN { H5T_REFERENCE { H5T_STD_REF_OBJECT } }"));
        QCOMPARE(name.data(AttributeTableModel::ConventionRole).toString(), QStringLiteral("Dimension scales"));
        QCOMPARE(name.data(AttributeTableModel::ExplanationRole).toString(),
                 QStringLiteral("Dimension scales attached to each dimension: 0: /scaled/y, 1: /scaled/x"));
        QCOMPARE(name.data(AttributeTableModel::ReferencesRole).toStringList(),
                 QStringList({QStringLiteral("/scaled/y"), QStringLiteral("/scaled/x")}));
        QCOMPARE(name.data(AttributeTableModel::CreationOrderRole).toLongLong(), qint64(-1));
        QCOMPARE(name.data(AttributeTableModel::ElidedRole).toBool(), false);
        QCOMPARE(name.data(AttributeTableModel::ProblemRole).toString(), QString());
        QCOMPARE(model.attributeAt(0)->name, QStringLiteral("DIMENSION_LABELS"));
        QCOMPARE(model.attributeAt(2), nullptr);

        // Big values: elided in the table, the tooltip says so.
        model.setObject(m_file, QStringLiteral("/types"));
        QCOMPARE(model.rowCount(), 0); // the previous object's rows go at once
        QTRY_COMPARE(loaded.size(), 2);
        QCOMPARE(model.rowCount(), 28);
        QCOMPARE(model.index(1, AttributeTableModel::NameColumn).data().toString(), QStringLiteral("big"));
        QVERIFY(model.index(1, AttributeTableModel::NameColumn).data(AttributeTableModel::ElidedRole).toBool());
        QVERIFY(model.index(1, AttributeTableModel::ValueColumn).data(Qt::ToolTipRole).toString().contains(
            QStringLiteral("only the start is shown")));
        QCOMPARE(model.index(1, AttributeTableModel::TypeColumn).data().toString(), QStringLiteral("int32"));

        // Order switch.
        model.setObject(m_file, QStringLiteral("/ordered"));
        QTRY_COMPARE(loaded.size(), 3);
        model.setOrder(AttributeOrder::Creation);
        QTRY_COMPARE(loaded.size(), 4);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("zeta"));
        QCOMPARE(model.index(0, 0).data(AttributeTableModel::CreationOrderRole).toLongLong(), qint64(0));

        // Clearing.
        model.setObject({}, QString());
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.isLoading());
    }

    void modelDropsStaleResults()
    {
        AttributeTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy loaded(&model, &AttributeTableModel::loaded);
        QSignalSpy failed(&model, &AttributeTableModel::failed);
        // Switching quickly: only the last object's attributes arrive.
        model.setObject(m_file, QStringLiteral("/types"));
        model.setObject(m_file, QStringLiteral("/data"));
        model.setObject(m_file, QStringLiteral("/point_t"));
        QTRY_COMPARE(loaded.size(), 1);
        QVERIFY(JobRunner::instance().waitForIdle(10000));
        QCoreApplication::processEvents(); // every post is queued by now: deliver (and drop) the late ones
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(model.objectPath(), QStringLiteral("/point_t"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("count"));

        model.setObject(m_file, QStringLiteral("/missing"));
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(failed.at(0).at(0).value<Error>().message.contains(QStringLiteral("/missing")));
    }
};

QTEST_GUILESS_MAIN(TestAttributeReader)
#include "tst_attributereader.moc"
