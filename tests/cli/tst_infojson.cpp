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

QString fixture(const char *name)
{
    const QByteArray env = qgetenv("HYPERSLAB_FIXTURES_DIR");
    const QString dir = env.isEmpty() ? QStringLiteral(HYPERSLAB_FIXTURES_DIR) : QString::fromLocal8Bit(env);
    return QDir(dir).filePath(QString::fromLatin1(name));
}

QJsonValue parseJson(const char *json)
{
    return QJsonDocument::fromJson(QByteArray("[") + json + "]").array().first();
}

// Every object of a file, by path, from `info --recursive --json`.
QMap<QString, QJsonObject> describeAll(const char *fileName)
{
    const InfoRun run = runInfo({fixture(fileName), QStringLiteral("--recursive"), QStringLiteral("--json")}, 60000);
    QMap<QString, QJsonObject> out;
    if (run.exitCode != 0) {
        qWarning("%s: %s %s", fileName, qPrintable(run.describe()), run.err.constData());
        return out;
    }
    const JsonLines lines = parseJsonLines(run.out);
    for (const QString &e : lines.errors)
        qWarning("%s", qPrintable(e));
    for (const QJsonObject &o : lines.objects)
        out.insert(o.value(QLatin1String("path")).toString(), o);
    return out;
}

QJsonObject attributeNamed(const QJsonObject &o, const QString &name)
{
    for (const QJsonValue &a : o.value(QLatin1String("attributes")).toArray())
        if (a.toObject().value(QLatin1String("name")).toString() == name)
            return a.toObject();
    return {};
}

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

private:
    QMap<QString, QJsonObject> m_objects;
};

void TestInfoJson::initTestCase()
{
    m_objects = describeAll(hs::fixtures::ObjectsFileName);
    QVERIFY(m_objects.contains(QStringLiteral("/data/temperature")));
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

QTEST_GUILESS_MAIN(TestInfoJson)
#include "tst_infojson.moc"
