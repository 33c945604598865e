// `hyperslab info --json` (and its text form) on the inspector fixtures
// (issue 4): the object identity, attributes, storage, dimension scales and
// scale_of fields, field by field, through the real binary.

#include "fixtures/fixtures.h"
#include "infocheck.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QTest>

using namespace hs::tests;

namespace {

QStringList attributeNames(const QJsonObject &o)
{
    QStringList names;
    for (const QJsonValue &a : o.value(QLatin1String("attributes")).toArray())
        names << a.toObject().value(QLatin1String("name")).toString();
    return names;
}

} // namespace

class TestInfoJson : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void identityAndHardLinks();
    void committedType();
    void dimensionScales();
    void scaleOf();
    void chunkedStorage();
    void objectAttributes();
    void everyObjectIsValid();
    void textForm();

    void attributeValues_data();
    void attributeValues();
    void attributeCreationOrder();
    void referenceAttributes();

    void storage_data();
    void storage();
    void filters();
    void missingPlugin();
    void externalAndVirtual();

private:
    QMap<QString, QJsonObject> m_objects;
    QMap<QString, QJsonObject> m_attributes;
    QMap<QString, QJsonObject> m_storage;
};

void TestInfoJson::initTestCase()
{
    m_objects = describeRecursive(fixture(hs::fixtures::ObjectsFileName));
    QVERIFY(m_objects.contains(QStringLiteral("/data/temperature")));
    m_attributes = describeRecursive(fixture(hs::fixtures::AttributesFileName));
    QVERIFY(m_attributes.contains(QStringLiteral("/types")));
    m_storage = describeRecursive(fixture(hs::fixtures::StorageFileName));
    QVERIFY(m_storage.contains(QStringLiteral("/chunked")));
}

void TestInfoJson::identityAndHardLinks()
{
    const QJsonObject t = m_objects.value(QStringLiteral("/data/temperature"));
    const QJsonObject id = t.value(QLatin1String("object")).toObject();
    QCOMPARE(id.value(QLatin1String("hard_links")).toInt(), 3);
    const QString token = id.value(QLatin1String("token")).toString();
    QVERIFY2(!token.isEmpty(), "the object's token/address is printed");
    // The same object under its other names: the same identity. (The
    // recursive walk describes a hard-linked object under every name but
    // descends only once.)
    for (const char *alias : {"/data/again/temperature", "/shortcuts/temp_alias"}) {
        const QJsonObject other = m_objects.value(QString::fromLatin1(alias)).value(QLatin1String("object")).toObject();
        QCOMPARE(other.value(QLatin1String("token")).toString(), token);
        QCOMPARE(other.value(QLatin1String("hard_links")).toInt(), 3);
    }
    // A different object has a different token; a singly linked one has 1.
    const QJsonObject humidity = m_objects.value(QStringLiteral("/data/humidity")).value(QLatin1String("object")).toObject();
    QVERIFY(humidity.value(QLatin1String("token")).toString() != token);
    QCOMPARE(humidity.value(QLatin1String("hard_links")).toInt(), 1);
    // Unresolved links have no object.
    QVERIFY(!m_objects.value(QStringLiteral("/shortcuts/broken")).contains(QLatin1String("object")));
    QVERIFY(!m_objects.value(QStringLiteral("/shortcuts/gone")).contains(QLatin1String("object")));
}

void TestInfoJson::committedType()
{
    const QJsonObject pressure = m_objects.value(QStringLiteral("/data/pressure")).value(QLatin1String("object")).toObject();
    QCOMPARE(pressure.value(QLatin1String("committed_type")).toString(), QStringLiteral("/types/pressure_t"));
    const QJsonObject plain = m_objects.value(QStringLiteral("/data/humidity")).value(QLatin1String("object")).toObject();
    QVERIFY(!plain.contains(QLatin1String("committed_type")));
}

void TestInfoJson::dimensionScales()
{
    QCOMPARE(m_objects.value(QStringLiteral("/data/temperature")).value(QLatin1String("dimension_scales")),
             parseJson(R"([["/grid/y"], ["/grid/x", "/grid/column"]])"));
    QCOMPARE(m_objects.value(QStringLiteral("/data/humidity")).value(QLatin1String("dimension_scales")),
             parseJson(R"([["/grid/x"]])"));
    // A dataset without scales: one empty list per dimension.
    QCOMPARE(m_objects.value(QStringLiteral("/untimed")).value(QLatin1String("dimension_scales")), parseJson("[[]]"));
    // Scales are not dimension-scaled themselves here, and groups have no field.
    QVERIFY(!m_objects.value(QStringLiteral("/grid")).contains(QLatin1String("dimension_scales")));
}

void TestInfoJson::scaleOf()
{
    auto usesOf = [&](const char *path) {
        QStringList uses;
        for (const QJsonValue &u : m_objects.value(QString::fromLatin1(path)).value(QLatin1String("scale_of")).toArray())
            uses << QStringLiteral("%1:%2").arg(u.toObject().value(QLatin1String("dataset")).toString())
                        .arg(u.toObject().value(QLatin1String("dimension")).toInt());
        uses.sort();
        return uses;
    };
    QCOMPARE(usesOf("/grid/x"), (QStringList{QStringLiteral("/data/humidity:0"), QStringLiteral("/data/temperature:1")}));
    QCOMPARE(usesOf("/grid/y"), QStringList{QStringLiteral("/data/temperature:0")});
    QCOMPARE(usesOf("/grid/column"), QStringList{QStringLiteral("/data/temperature:1")});
    QVERIFY(!m_objects.value(QStringLiteral("/data/temperature")).contains(QLatin1String("scale_of")));
}

void TestInfoJson::chunkedStorage()
{
    const QJsonObject s = m_objects.value(QStringLiteral("/data/temperature")).value(QLatin1String("storage")).toObject();
    QCOMPARE(s.value(QLatin1String("layout")).toString(), QStringLiteral("chunked"));
    QCOMPARE(s.value(QLatin1String("chunks")), parseJson("[10, 10]"));
    QCOMPARE(s.value(QLatin1String("chunk_bytes")).toInteger(), 400);
    QCOMPARE(s.value(QLatin1String("allocated_chunks")).toInteger(), 6);
    QCOMPARE(s.value(QLatin1String("logical_size")).toInteger(), 20 * 30 * 4);
    QCOMPARE(s.value(QLatin1String("storage_size")).toInteger(), 20 * 30 * 4);
    QCOMPARE(s.value(QLatin1String("filters")), parseJson("[]"));
    QCOMPARE(s.value(QLatin1String("fill_value")).toString(), QStringLiteral("0"));
    const QJsonObject c = m_objects.value(QStringLiteral("/data/humidity")).value(QLatin1String("storage")).toObject();
    QCOMPARE(c.value(QLatin1String("layout")).toString(), QStringLiteral("contiguous"));
    QCOMPARE(c.value(QLatin1String("chunks")), QJsonValue(QJsonValue::Null));
    QCOMPARE(c.value(QLatin1String("logical_size")).toInteger(), 30 * 4);
    // Groups and datatypes have no storage.
    QVERIFY(!m_objects.value(QStringLiteral("/grid")).contains(QLatin1String("storage")));
    QVERIFY(!m_objects.value(QStringLiteral("/types/pressure_t")).contains(QLatin1String("storage")));
}

void TestInfoJson::objectAttributes()
{
    const QJsonObject t = m_objects.value(QStringLiteral("/data/temperature"));
    const QJsonObject units = attributeNamed(t, QStringLiteral("units"));
    QCOMPARE(units.value(QLatin1String("value")).toString(), QStringLiteral("degC"));
    QCOMPARE(units.value(QLatin1String("shape")), parseJson("[]"));
    QVERIFY2(units.value(QLatin1String("type")).toString().startsWith(QLatin1String("H5T_STRING")),
             qPrintable(units.value(QLatin1String("type")).toString()));
    QVERIFY(!units.contains(QLatin1String("convention")));
    QCOMPARE(attributeNamed(t, QStringLiteral("long_name")).value(QLatin1String("value")).toString(),
             QStringLiteral("air temperature"));
    // Dimension-scale bookkeeping is marked and explained, naming the scales.
    const QJsonObject dl = attributeNamed(t, QStringLiteral("DIMENSION_LIST"));
    QVERIFY(!dl.value(QLatin1String("convention")).toString().isEmpty());
    const QString why = dl.value(QLatin1String("explanation")).toString();
    QVERIFY2(why.contains(QLatin1String("/grid/y")) && why.contains(QLatin1String("/grid/x")), qPrintable(why));
    const QJsonObject x = m_objects.value(QStringLiteral("/grid/x"));
    QVERIFY(!attributeNamed(x, QStringLiteral("CLASS")).value(QLatin1String("convention")).toString().isEmpty());
    QCOMPARE(attributeNamed(x, QStringLiteral("CLASS")).value(QLatin1String("value")).toString(), QStringLiteral("DIMENSION_SCALE"));
    QCOMPARE(attributeNamed(x, QStringLiteral("NAME")).value(QLatin1String("value")).toString(), QStringLiteral("longitude"));
    QVERIFY(!attributeNamed(x, QStringLiteral("REFERENCE_LIST")).value(QLatin1String("convention")).toString().isEmpty());
    // Creation order, where the object tracks it: reported per attribute.
    const QJsonObject tracked = m_objects.value(QStringLiteral("/tracked"));
    QCOMPARE(attributeNamed(tracked, QStringLiteral("second")).value(QLatin1String("creation_order")).toInt(), 0);
    QCOMPARE(attributeNamed(tracked, QStringLiteral("first")).value(QLatin1String("creation_order")).toInt(), 1);
    QCOMPARE(attributeNamed(tracked, QStringLiteral("first")).value(QLatin1String("value")).toDouble(), 1.0);
    // Objects without attributes say so with an empty list.
    QCOMPARE(m_objects.value(QStringLiteral("/untimed")).value(QLatin1String("attributes")), parseJson("[]"));
    QCOMPARE(attributeNames(m_objects.value(QStringLiteral("/data/humidity"))), QStringList{QStringLiteral("DIMENSION_LIST")});
}

void TestInfoJson::everyObjectIsValid()
{
    for (auto it = m_objects.cbegin(); it != m_objects.cend(); ++it) {
        const QString problem = checkInfoObject(it.value());
        QVERIFY2(problem.isEmpty(), qPrintable(it.key() + QLatin1String(": ") + problem));
        const QString kind = it.value().value(QLatin1String("kind")).toString();
        if (kind == QLatin1String("link"))
            continue;
        QVERIFY2(it.value().value(QLatin1String("attributes")).isArray(), qPrintable(it.key()));
        QVERIFY2(it.value().value(QLatin1String("object")).isObject(), qPrintable(it.key()));
        if (kind == QLatin1String("dataset"))
            QVERIFY2(it.value().value(QLatin1String("storage")).isObject(), qPrintable(it.key()));
    }
}

void TestInfoJson::textForm()
{
    const InfoRun run = runInfo({fixture(hs::fixtures::ObjectsFileName) + QStringLiteral(":/data/temperature")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QByteArray());
    const QString text = QString::fromUtf8(run.out);
    const QString token = m_objects.value(QStringLiteral("/data/temperature"))
                              .value(QLatin1String("object")).toObject().value(QLatin1String("token")).toString();
    for (const QString &line : {
             QStringLiteral("/data/temperature  (dataset)\n"),
             QStringLiteral("\n    object:   token %1, 3 hard links\n").arg(token),
             QStringLiteral("\n    storage:  chunked, chunks 10 \u00d7 10 (400 bytes each), 6 of 6 allocated\n"),
             QStringLiteral("\n    size:     2,400 bytes logical, 2,400 bytes stored\n"),
             QStringLiteral("\n    scales:   0: /grid/y; 1: /grid/x, /grid/column\n"),
             QStringLiteral("\n        units = "),
         })
        QVERIFY2(text.contains(line), qPrintable(QStringLiteral("missing %1 in:\n%2").arg(line, text)));
    const InfoRun scale = runInfo({fixture(hs::fixtures::ObjectsFileName) + QStringLiteral(":/grid/y")});
    QVERIFY2(QString::fromUtf8(scale.out).contains(QLatin1String("\n    scale of: /data/temperature (dimension 0)")),
             scale.out.constData());
}

// Values as JSON: numbers, strings, arrays by shape, compounds as objects,
// non-finite floats as strings, 64-bit extremes exact.
void TestInfoJson::attributeValues_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("shape");
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("i8") << "i8" << QByteArray("[3]") << QByteArray("[-128, 0, 127]");
    QTest::newRow("i16 big-endian") << "i16" << QByteArray("[2]") << QByteArray("[-32768, 32767]");
    QTest::newRow("i32 2-D") << "i32" << QByteArray("[2, 3]") << QByteArray("[[-1, -2, -3], [4, 5, 6]]");
    QTest::newRow("i64 extremes") << "i64" << QByteArray("[2]") << QByteArray("[-9223372036854775808, 9223372036854775807]");
    QTest::newRow("u64 max as text") << "u64" << QByteArray("[2]") << QByteArray(R"([0, "18446744073709551615"])");
    QTest::newRow("u8 scalar") << "u8" << QByteArray("[]") << QByteArray("255");
    QTest::newRow("f32 non-finite") << "f32" << QByteArray("[5]") << QByteArray(R"([0.1, -2.5, "nan", "inf", "-inf"])");
    QTest::newRow("f64 2-D") << "f64" << QByteArray("[2, 2]") << QByteArray(R"([[3.141592653589793, 1e-300], ["nan", "-inf"]])");
    QTest::newRow("fixed string") << "fixed_nullterm" << QByteArray("[]") << QByteArray(R"("abc")");
    QTest::newRow("vlen strings") << "strings" << QByteArray("[3]") << QByteArray(R"(["alpha", "beta", ""])");
    QTest::newRow("vlen utf-8") << "vlen_utf8" << QByteArray("[]") << QByteArray(R"("Gr\u00fc\u00dfe \u2603")");
    QTest::newRow("enum by name") << "enum" << QByteArray("[3]") << QByteArray(R"(["RED", "BLUE", 7])");
    QTest::newRow("nested compound") << "compound" << QByteArray("[]")
                                     << QByteArray(R"({"id": 7, "value": 2.5, "pos": {"x": 3, "y": -4}, "name": "probe"})");
    QTest::newRow("compound array") << "compound_array" << QByteArray("[2]") << QByteArray(R"([{"a": 1, "b": 0.5}, {"a": 2, "b": -1.5}])");
    QTest::newRow("array type") << "array" << QByteArray("[]") << QByteArray("[[1, 2, 3], [4, 5, 6]]");
    QTest::newRow("vlen ints") << "vlen_ints" << QByteArray("[2]") << QByteArray("[[1, 2, 3], []]");
    QTest::newRow("bitfield") << "bitfield" << QByteArray("[2]") << QByteArray("[15, 160]");
    QTest::newRow("opaque") << "opaque" << QByteArray("[]") << QByteArray(R"("0xdeadbeef")");
    QTest::newRow("empty") << "empty" << QByteArray("[0]") << QByteArray("[]");
    QTest::newRow("null dataspace") << "null" << QByteArray("null") << QByteArray("null");
}

void TestInfoJson::attributeValues()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, shape);
    QFETCH(QByteArray, value);
    const QJsonObject a = attributeNamed(m_attributes.value(QStringLiteral("/types")), name);
    QCOMPARE(a.value(QLatin1String("name")).toString(), name);
    QCOMPARE(a.value(QLatin1String("shape")), parseJson(shape.constData()));
    QCOMPARE(a.value(QLatin1String("value")), parseJson(value.constData()));
    QVERIFY(a.value(QLatin1String("type")).toString().startsWith(QLatin1String("H5T_")));
}

void TestInfoJson::attributeCreationOrder()
{
    // /ordered tracks attribute creation order: zeta, alpha, mid were created in that order.
    const QJsonObject o = m_attributes.value(QStringLiteral("/ordered"));
    QCOMPARE(attributeNamed(o, QStringLiteral("zeta")).value(QLatin1String("creation_order")).toInt(), 0);
    QCOMPARE(attributeNamed(o, QStringLiteral("alpha")).value(QLatin1String("creation_order")).toInt(), 1);
    QCOMPARE(attributeNamed(o, QStringLiteral("mid")).value(QLatin1String("creation_order")).toInt(), 2);
    // Objects that do not track it have no creation_order.
    QVERIFY(!attributeNamed(m_attributes.value(QStringLiteral("/types")), QStringLiteral("u8")).contains(QLatin1String("creation_order")));
}

void TestInfoJson::referenceAttributes()
{
    const QJsonObject d = m_attributes.value(QStringLiteral("/data"));
    QCOMPARE(attributeNamed(d, QStringLiteral("object_refs")).value(QLatin1String("value")), parseJson(R"(["/types", "/data"])"));
    QCOMPARE(attributeNamed(d, QStringLiteral("region_blocks")).value(QLatin1String("value")).toString(),
             QStringLiteral("/data {(1,1)-(2,3), (5,5)-(6,6)}"));
    QCOMPARE(attributeNamed(d, QStringLiteral("region_points")).value(QLatin1String("value")).toString(),
             QStringLiteral("/data {(6,9), (2,2), (0,0)}"));
    QCOMPARE(attributeNamed(d, QStringLiteral("null_ref")).value(QLatin1String("value")).toString(), QStringLiteral("NULL"));
    // Conventions of other tools are named and explained.
    const QJsonObject nc = attributeNamed(m_attributes.value(QStringLiteral("/")), QStringLiteral("_NCProperties"));
    QCOMPARE(nc.value(QLatin1String("convention")).toString(), QStringLiteral("netCDF-4"));
    QVERIFY(nc.value(QLatin1String("explanation")).toString().contains(QLatin1String("netcdf=4.9.0")));
}

void TestInfoJson::storage_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QByteArray>("chunks");
    QTest::addColumn<qint64>("chunkBytes");
    QTest::addColumn<qint64>("allocated");
    QTest::addColumn<qint64>("logical");
    QTest::addColumn<qint64>("stored"); // -1: compressed, less than logical
    QTest::addColumn<QByteArray>("fill");
    QTest::newRow("compact") << "/compact" << "compact" << QByteArray("null") << 0ll << -1ll << 40ll << 40ll << QByteArray(R"("0")");
    QTest::newRow("contiguous") << "/contiguous" << "contiguous" << QByteArray("null") << 0ll << -1ll << 40000ll << 40000ll << QByteArray(R"("0")");
    QTest::newRow("never written") << "/contiguous_late" << "contiguous" << QByteArray("null") << 0ll << -1ll << 80ll << 0ll << QByteArray(R"("0")");
    QTest::newRow("partly written chunks") << "/chunked" << "chunked" << QByteArray("[100, 100]") << 40000ll << 6ll << 3200000ll << 240000ll << QByteArray(R"("0")");
    QTest::newRow("deflate") << "/deflate" << "chunked" << QByteArray("[50, 50]") << 10000ll << 8ll << 80000ll << -1ll << QByteArray(R"("0")");
    QTest::newRow("user fill value") << "/fill_user" << "contiguous" << QByteArray("null") << 0ll << -1ll << 400ll << 0ll << QByteArray(R"("-1")");
    QTest::newRow("undefined fill value") << "/fill_undefined" << "contiguous" << QByteArray("null") << 0ll << -1ll << 40ll << 40ll << QByteArray("null");
}

void TestInfoJson::storage()
{
    QFETCH(QString, path);
    QFETCH(QString, layout);
    QFETCH(QByteArray, chunks);
    QFETCH(qint64, chunkBytes);
    QFETCH(qint64, allocated);
    QFETCH(qint64, logical);
    QFETCH(qint64, stored);
    QFETCH(QByteArray, fill);
    const QJsonObject s = m_storage.value(path).value(QLatin1String("storage")).toObject();
    QCOMPARE(s.value(QLatin1String("layout")).toString(), layout);
    QCOMPARE(s.value(QLatin1String("chunks")), parseJson(chunks.constData()));
    if (layout == QLatin1String("chunked")) {
        QCOMPARE(s.value(QLatin1String("chunk_bytes")).toInteger(), chunkBytes);
        QCOMPARE(s.value(QLatin1String("allocated_chunks")).toInteger(), allocated);
    } else {
        QVERIFY(!s.contains(QLatin1String("allocated_chunks")));
    }
    QCOMPARE(s.value(QLatin1String("logical_size")).toInteger(), logical);
    if (stored >= 0) {
        QCOMPARE(s.value(QLatin1String("storage_size")).toInteger(), stored);
    } else {
        QVERIFY(s.value(QLatin1String("storage_size")).toInteger() > 0);
        QVERIFY(s.value(QLatin1String("storage_size")).toInteger() < logical);
        QVERIFY(s.value(QLatin1String("compression_ratio")).toDouble() > 1.0);
    }
    QCOMPARE(s.value(QLatin1String("fill_value")), parseJson(fill.constData()));
}

void TestInfoJson::filters()
{
    auto filtersOf = [&](const char *path) {
        return m_storage.value(QString::fromLatin1(path)).value(QLatin1String("storage")).toObject().value(QLatin1String("filters")).toArray();
    };
    const QJsonArray deflate = filtersOf("/deflate");
    QCOMPARE(deflate.size(), 1);
    QCOMPARE(deflate[0].toObject().value(QLatin1String("id")).toInt(), 1);
    QCOMPARE(deflate[0].toObject().value(QLatin1String("name")).toString(), QStringLiteral("deflate"));
    QCOMPARE(deflate[0].toObject().value(QLatin1String("params")), parseJson("[6]"));
    QCOMPARE(deflate[0].toObject().value(QLatin1String("description")), parseJson(R"(["level 6"])"));
    QCOMPARE(deflate[0].toObject().value(QLatin1String("available")), QJsonValue(true));
    // In pipeline order.
    QStringList names;
    for (const QJsonValue &f : filtersOf("/shuffle_deflate_fletcher"))
        names << f.toObject().value(QLatin1String("name")).toString();
    QCOMPARE(names, (QStringList{QStringLiteral("shuffle"), QStringLiteral("deflate"), QStringLiteral("fletcher32")}));
    // The top-level "filters" is the same list.
    QCOMPARE(m_storage.value(QStringLiteral("/deflate")).value(QLatin1String("filters")).toArray(), deflate);
    // Unfiltered datasets: an empty pipeline.
    QCOMPARE(filtersOf("/contiguous"), QJsonArray());
}

void TestInfoJson::missingPlugin()
{
    const QJsonObject o = m_storage.value(QStringLiteral("/missing_plugin"));
    const QJsonArray f = o.value(QLatin1String("storage")).toObject().value(QLatin1String("filters")).toArray();
    QCOMPARE(f.size(), 1);
    QCOMPARE(f[0].toObject().value(QLatin1String("id")).toInt(), 257);
    QCOMPARE(f[0].toObject().value(QLatin1String("name")).toString(), QStringLiteral("hyperslab_test_filter"));
    QCOMPARE(f[0].toObject().value(QLatin1String("available")), QJsonValue(false));
    const QString problem = o.value(QLatin1String("problem")).toString();
    QVERIFY2(problem.contains(QStringLiteral("\u201chyperslab_test_filter\u201d (257)")) && problem.contains(QLatin1String("HDF5_PLUGIN_PATH")),
             qPrintable(problem));
}

void TestInfoJson::externalAndVirtual()
{
    const QJsonObject ext = m_storage.value(QStringLiteral("/external")).value(QLatin1String("storage")).toObject();
    const QJsonArray files = ext.value(QLatin1String("external_files")).toArray();
    QCOMPARE(files.size(), 1);
    QCOMPARE(files[0].toObject().value(QLatin1String("name")).toString(), QStringLiteral("storage_ext.bin"));
    QCOMPARE(files[0].toObject().value(QLatin1String("size")).toInteger(), 400);
    const QJsonObject vds = m_storage.value(QStringLiteral("/virtual")).value(QLatin1String("storage")).toObject();
    QCOMPARE(vds.value(QLatin1String("layout")).toString(), QStringLiteral("virtual"));
    QCOMPARE(vds.value(QLatin1String("virtual_mappings")), parseJson(R"([
        {"virtual_selection": "{(0,0)-(0,49)}", "source_file": "storage_src.h5", "source_dataset": "/a", "source_selection": "all"},
        {"virtual_selection": "{(1,0)-(1,24)}", "source_file": "storage_src.h5", "source_dataset": "/b", "source_selection": "{(25)-(49)}"}])"));
}

QTEST_GUILESS_MAIN(TestInfoJson)
#include "tst_infojson.moc"
