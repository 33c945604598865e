// `hyperslab info` on the test fixtures (tests/fixtures, written at test time
// into HYPERSLAB_FIXTURES_DIR by the "h5fixtures" ctest fixture): every field
// of the JSON form for each kind of link and dataspace, the FILE:/path form,
// the text form, and the one-line errors for bad paths and bad files.

#include "fixtures/fixtures.h"
#include "infocheck.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace hs::tests;

class TestInfoFixtures : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void linksFile();
    void links_data();
    void links();
    void shapes_data();
    void shapes();
    void committedDatatype();
    void cyclesAndLoopsEnd();
    void everyLineIsValid_data();
    void everyLineIsValid();

    void fileAndPath_data();
    void fileAndPath();
    void notRecursiveListsMembersOnly();
    void textForm();
    void creationOrder();

    void errors_data();
    void errors();

private:
    QHash<QString, QJsonObject> m_links; // links.h5 --recursive --json, by path
    QStringList m_order;                 // the paths in output order
    QTemporaryDir m_tmp;
};

void TestInfoFixtures::initTestCase()
{
    QVERIFY2(QFileInfo::exists(fixture(hs::fixtures::LinksFileName)),
             qPrintable(fixture(hs::fixtures::LinksFileName) + QStringLiteral(" is missing: run through ctest (h5fixtures)")));
    QVERIFY(m_tmp.isValid());
    const InfoRun run = runInfo({fixture(hs::fixtures::LinksFileName), QStringLiteral("--recursive"), QStringLiteral("--json")});
    QVERIFY2(run.started && !run.timedOut && !run.crashed, qPrintable(run.describe()));
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QByteArray());
    const JsonLines lines = parseJsonLines(run.out);
    QVERIFY2(lines.errors.isEmpty(), qPrintable(lines.errors.join(QLatin1Char('\n'))));
    for (const QJsonObject &o : lines.objects) {
        const QString path = o.value(QLatin1String("path")).toString();
        QVERIFY2(!m_links.contains(path), qPrintable(path + QStringLiteral(" printed twice")));
        m_links.insert(path, o);
        m_order << path;
    }
}

// Exactly these objects, in tree order (natural order, pre-order), the way
// h5dump would list them: soft and external links are described, not entered;
// the hard link back to /cycle is described, not entered again.
void TestInfoFixtures::linksFile()
{
    const QStringList expected{
        QStringLiteral("/"),
        QStringLiteral("/cycle"),
        QStringLiteral("/cycle/child"),
        QStringLiteral("/cycle/child/up"),
        QStringLiteral("/dangling_external"),
        QStringLiteral("/dangling_soft"),
        QStringLiteral("/dataset"),
        QStringLiteral("/external_dataset"),
        QStringLiteral("/external_group"),
        QStringLiteral("/external_missing_object"),
        QStringLiteral("/group"),
        QStringLiteral("/group/values"),
        QStringLiteral("/hard_alias"),
        QStringLiteral("/loop_a"),
        QStringLiteral("/loop_b"),
        QStringLiteral("/shapes"),
        QStringLiteral("/shapes/null"),
        QStringLiteral("/shapes/one_d"),
        QStringLiteral("/shapes/scalar"),
        QStringLiteral("/shapes/two_d_unlimited"),
        QStringLiteral("/soft_dataset"),
        QStringLiteral("/soft_datatype"),
        QStringLiteral("/soft_group"),
        QStringLiteral("/typed"),
        QStringLiteral("/types"),
        QStringLiteral("/types/celsius"),
        QStringLiteral("/user_link"),
    };
    QCOMPARE(m_order, expected);
    const QJsonObject root = m_links.value(QStringLiteral("/"));
    QCOMPARE(root.value(QLatin1String("kind")).toString(), QStringLiteral("group"));
    QCOMPARE(root.value(QLatin1String("members")).toInt(), 18);
    QCOMPARE(root.value(QLatin1String("link")).toObject(), parseJson(R"({"type":"hard","target":null,"file":null,"resolved":true})").toObject());
}

void TestInfoFixtures::links_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("link");    // the whole "link" object, less "problem"
    QTest::addColumn<QString>("problemSays"); // empty: no problem

    QTest::newRow("hard to a group") << "/group" << "group"
                                     << QByteArray(R"({"type":"hard","target":null,"file":null,"resolved":true})") << "";
    QTest::newRow("hard to a dataset") << "/dataset" << "dataset"
                                       << QByteArray(R"({"type":"hard","target":null,"file":null,"resolved":true})") << "";
    QTest::newRow("second hard link") << "/hard_alias" << "dataset"
                                      << QByteArray(R"({"type":"hard","target":null,"file":null,"resolved":true})") << "";
    QTest::newRow("soft to a group") << "/soft_group" << "group"
                                     << QByteArray(R"({"type":"soft","target":"/group","file":null,"resolved":true})") << "";
    QTest::newRow("soft to a dataset") << "/soft_dataset" << "dataset"
                                       << QByteArray(R"({"type":"soft","target":"/dataset","file":null,"resolved":true})") << "";
    QTest::newRow("soft to a datatype")
        << "/soft_datatype" << "datatype" << QByteArray(R"({"type":"soft","target":"/types/celsius","file":null,"resolved":true})") << "";
    QTest::newRow("dangling soft") << "/dangling_soft" << "link"
                                   << QByteArray(R"({"type":"soft","target":"/no/such/object","file":null,"resolved":false})")
                                   << "does not exist (dangling link)";
    QTest::newRow("soft loop a") << "/loop_a" << "link"
                                 << QByteArray(R"({"type":"soft","target":"/loop_b","file":null,"resolved":false})") << "loop";
    QTest::newRow("soft loop b") << "/loop_b" << "link"
                                 << QByteArray(R"({"type":"soft","target":"/loop_a","file":null,"resolved":false})") << "loop";
    QTest::newRow("external group")
        << "/external_group" << "group"
        << QByteArray(R"({"type":"external","target":"/target_group","file":"links_target.h5","resolved":true})") << "";
    QTest::newRow("external dataset")
        << "/external_dataset" << "dataset"
        << QByteArray(R"({"type":"external","target":"/data","file":"links_target.h5","resolved":true})") << "";
    QTest::newRow("external, missing object")
        << "/external_missing_object" << "link"
        << QByteArray(R"({"type":"external","target":"/no_such_object","file":"links_target.h5","resolved":false})")
        << "does not exist in that file";
    QTest::newRow("external, missing file")
        << "/dangling_external" << "link"
        << QByteArray(R"({"type":"external","target":"/anything","file":"missing_file.h5","resolved":false})")
        << "\u201cmissing_file.h5\u201d, does not exist";
    QTest::newRow("user-defined") << "/user_link" << "link"
                                  << QByteArray(R"({"type":"user","target":"user-defined link class 65","file":null,"resolved":false})")
                                  << "User-defined links";
    QTest::newRow("hard link back up (cycle)")
        << "/cycle/child/up" << "group" << QByteArray(R"({"type":"hard","target":null,"file":null,"resolved":true})") << "";
}

void TestInfoFixtures::links()
{
    QFETCH(QString, path);
    QFETCH(QString, kind);
    QFETCH(QByteArray, link);
    QFETCH(QString, problemSays);

    QVERIFY2(m_links.contains(path), qPrintable(path));
    const QJsonObject o = m_links.value(path);
    QCOMPARE(o.value(QLatin1String("kind")).toString(), kind);
    QJsonObject got = o.value(QLatin1String("link")).toObject();
    const QString problem = got.take(QLatin1String("problem")).toString();
    got.remove(QLatin1String("creation_order"));
    QCOMPARE(got, QJsonDocument::fromJson(link).object());
    if (problemSays.isEmpty())
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    else
        QVERIFY2(problem.contains(problemSays), qPrintable(problem));
    QVERIFY2(!o.contains(QLatin1String("problem")), qPrintable(o.value(QLatin1String("problem")).toString()));

    // What a link leads to is described as that object.
    if (kind == QLatin1String("dataset")) {
        QVERIFY(o.value(QLatin1String("shape")).isArray());
        QCOMPARE(o.value(QLatin1String("type")).toObject().value(QLatin1String("text")).toString(),
                 QStringLiteral("H5T_STD_I32LE"));
    }
    if (kind == QLatin1String("group"))
        QVERIFY(o.value(QLatin1String("members")).isDouble());
    if (kind == QLatin1String("link")) {
        for (const char *key : {"shape", "maxshape", "type", "members"})
            QVERIFY2(!o.contains(QLatin1String(key)), key);
    }
}

void TestInfoFixtures::shapes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("shape");
    QTest::addColumn<QByteArray>("maxshape");
    QTest::addColumn<QByteArray>("type");

    QTest::newRow("scalar") << "/shapes/scalar" << QByteArray("[]") << QByteArray("[]")
                            << QByteArray(R"({"class":"float","size":8,"order":"le","text":"H5T_IEEE_F64LE"})");
    QTest::newRow("null") << "/shapes/null" << QByteArray("null") << QByteArray("null")
                          << QByteArray(R"({"class":"integer","size":4,"order":"le","text":"H5T_STD_I32LE"})");
    QTest::newRow("1-D") << "/shapes/one_d" << QByteArray("[10]") << QByteArray("[10]")
                         << QByteArray(R"({"class":"float","size":8,"order":"le","text":"H5T_IEEE_F64LE"})");
    QTest::newRow("2-D, unlimited first") << "/shapes/two_d_unlimited" << QByteArray("[3,4]") << QByteArray("[null,4]")
                                          << QByteArray(R"({"class":"integer","size":2,"order":"le","text":"H5T_STD_I16LE"})");
}

void TestInfoFixtures::shapes()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, shape);
    QFETCH(QByteArray, maxshape);
    QFETCH(QByteArray, type);

    const QJsonObject o = m_links.value(path);
    QCOMPARE(o.value(QLatin1String("kind")).toString(), QStringLiteral("dataset"));
    QVERIFY(o.contains(QLatin1String("shape")) && o.contains(QLatin1String("maxshape")));
    QCOMPARE(o.value(QLatin1String("shape")), parseJson(shape.constData()));
    QCOMPARE(o.value(QLatin1String("maxshape")), parseJson(maxshape.constData()));
    QCOMPARE(o.value(QLatin1String("type")).toObject(), QJsonDocument::fromJson(type).object());
    QVERIFY(o.value(QLatin1String("filters")).isArray());
}

void TestInfoFixtures::committedDatatype()
{
    const QJsonObject t = m_links.value(QStringLiteral("/types/celsius"));
    QCOMPARE(t.value(QLatin1String("kind")).toString(), QStringLiteral("datatype"));
    QCOMPARE(t.value(QLatin1String("type")).toObject(),
             parseJson(R"({"class":"float","size":8,"order":"le","text":"H5T_IEEE_F64LE"})").toObject());
    for (const char *key : {"shape", "maxshape", "members", "filters"})
        QVERIFY2(!t.contains(QLatin1String(key)), key);
    // A dataset of that committed type shows the type itself.
    const QJsonObject typed = m_links.value(QStringLiteral("/typed"));
    QCOMPARE(typed.value(QLatin1String("type")), t.value(QLatin1String("type")));
}

void TestInfoFixtures::cyclesAndLoopsEnd()
{
    // The hard-link cycle was entered once (initTestCase got here at all, and
    // nothing below /cycle/child/up was printed); the soft loop is described.
    for (const QString &p : std::as_const(m_order))
        QVERIFY2(!p.startsWith(QLatin1String("/cycle/child/up/")), qPrintable(p));
    // Asking for the cycle or a loop directly ends too.
    for (const char *path : {":/cycle/child/up", ":/loop_a", ":/cycle/child/up/child/up/child"}) {
        const InfoRun run = runInfo({fixture(hs::fixtures::LinksFileName) + QLatin1String(path), QStringLiteral("--recursive"),
                                     QStringLiteral("--json")},
                                    10000);
        QVERIFY2(!run.timedOut && !run.crashed, qPrintable(QLatin1String(path) + QLatin1Char(' ') + run.describe()));
        QCOMPARE(run.exitCode, 0);
        const JsonLines lines = parseJsonLines(run.out);
        QVERIFY(lines.errors.isEmpty());
        QVERIFY2(lines.objects.size() <= 3, qPrintable(QString::fromUtf8(run.out)));
    }
    // 200 nested groups: recursion is not limited by the stack.
    const InfoRun deep = runInfo({fixture(hs::fixtures::DeepFileName), QStringLiteral("--recursive"), QStringLiteral("--json")});
    QCOMPARE(deep.exitCode, 0);
    QCOMPARE(parseJsonLines(deep.out).objects.size(), 202); // root, 200 groups, the dataset at the bottom
}

void TestInfoFixtures::everyLineIsValid_data()
{
    QTest::addColumn<QString>("file");
    for (const char *name : {hs::fixtures::LinksFileName, hs::fixtures::LinksTargetFileName, hs::fixtures::DeepFileName,
                             hs::fixtures::CreationOrderFileName, hs::fixtures::UserBlockFileName,
                             hs::fixtures::ExampleFileName})
        QTest::newRow(name) << fixture(name);
}

void TestInfoFixtures::everyLineIsValid()
{
    QFETCH(QString, file);
    const InfoRun run = runInfo({file, QStringLiteral("--recursive"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QByteArray());
    const JsonLines lines = parseJsonLines(run.out);
    QVERIFY2(lines.errors.isEmpty(), qPrintable(lines.errors.join(QLatin1Char('\n'))));
    QVERIFY(!lines.objects.isEmpty());
    for (const QJsonObject &o : lines.objects) {
        const QString bad = checkInfoObject(o);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
    }
}

void TestInfoFixtures::fileAndPath_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QStringList>("paths");

    QTest::newRow("a group") << ":/group" << QStringList{QStringLiteral("/group"), QStringLiteral("/group/values")};
    QTest::newRow("trailing slash") << ":/group/" << QStringList{QStringLiteral("/group"), QStringLiteral("/group/values")};
    QTest::newRow("a dataset") << ":/shapes/two_d_unlimited" << QStringList{QStringLiteral("/shapes/two_d_unlimited")};
    QTest::newRow("the root") << ":/" << QStringList{};
    // Asked for by name, a soft link to a group is entered.
    QTest::newRow("through a soft link") << ":/soft_group"
                                         << QStringList{QStringLiteral("/soft_group"), QStringLiteral("/soft_group/values")};
    QTest::newRow("through an external link")
        << ":/external_group" << QStringList{QStringLiteral("/external_group"), QStringLiteral("/external_group/inside")};
    QTest::newRow("a dangling link") << ":/dangling_soft" << QStringList{QStringLiteral("/dangling_soft")};
}

void TestInfoFixtures::fileAndPath()
{
    QFETCH(QString, suffix);
    QFETCH(QStringList, paths);
    const InfoRun run = runInfo({fixture(hs::fixtures::LinksFileName) + suffix, QStringLiteral("--recursive"),
                                 QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const JsonLines lines = parseJsonLines(run.out);
    QVERIFY(lines.errors.isEmpty());
    QStringList got;
    for (const QJsonObject &o : lines.objects) {
        QVERIFY2(checkInfoObject(o).isEmpty(), qPrintable(checkInfoObject(o)));
        got << o.value(QLatin1String("path")).toString();
    }
    if (paths.isEmpty()) // the root: the whole file
        QCOMPARE(got, m_order);
    else
        QCOMPARE(got, paths);
}

void TestInfoFixtures::notRecursiveListsMembersOnly()
{
    const InfoRun run = runInfo({fixture(hs::fixtures::LinksFileName), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const JsonLines lines = parseJsonLines(run.out);
    QCOMPARE(lines.objects.size(), 19); // the root and its 18 members
    for (const QJsonObject &o : lines.objects) {
        const QString path = o.value(QLatin1String("path")).toString();
        QVERIFY2(path == QLatin1String("/") || path.count(QLatin1Char('/')) == 1, qPrintable(path));
        QCOMPARE(o, m_links.value(path));
    }
}

void TestInfoFixtures::textForm()
{
    const InfoRun run = runInfo({fixture(hs::fixtures::LinksFileName), QStringLiteral("--recursive")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QByteArray());
    const QString text = QString::fromUtf8(run.out);
    QVERIFY(!text.startsWith(QLatin1Char('{')));
    for (const QString &expected : {
             QStringLiteral("/shapes/two_d_unlimited  (dataset)\n    shape:    3 \u00d7 4 (max unlimited \u00d7 4)\n"
                            "    type:     H5T_STD_I16LE\n"),
             QStringLiteral("/shapes/scalar  (dataset)\n    shape:    scalar\n"),
             QStringLiteral("/shapes/null  (dataset)\n    shape:    null\n"),
             QStringLiteral("/soft_group  (group)\n    link:     soft \u2192 /group\n"),
             QStringLiteral("/external_dataset  (dataset)\n    link:     external \u2192 /data in file links_target.h5\n"),
             QStringLiteral("/loop_a  (unresolved link)\n    link:     soft \u2192 /loop_b\n    problem:  "),
             QStringLiteral("/types/celsius  (datatype)\n    type:     H5T_IEEE_F64LE\n"),
         })
        QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral("\n--- not in ---\n") + text));
    // Every object once, in the same order as the JSON form.
    QStringList headers;
    for (const QString &line : text.split(QLatin1Char('\n')))
        if (line.startsWith(QLatin1Char('/')))
            headers << line.section(QStringLiteral("  ("), 0, 0);
    QCOMPARE(headers, m_order);
}

void TestInfoFixtures::creationOrder()
{
    const InfoRun run = runInfo({fixture(hs::fixtures::CreationOrderFileName) + QStringLiteral(":/ordered"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const JsonLines lines = parseJsonLines(run.out);
    QHash<QString, int> order;
    for (const QJsonObject &o : lines.objects)
        if (o.value(QLatin1String("link")).toObject().contains(QLatin1String("creation_order")))
            order.insert(o.value(QLatin1String("path")).toString(),
                         o.value(QLatin1String("link")).toObject().value(QLatin1String("creation_order")).toInt());
    // Printed in natural order, each with the position it was created at.
    QCOMPARE(order.size(), 4);
    QCOMPARE(order.value(QStringLiteral("/ordered/zeta")), 0);
    QCOMPARE(order.value(QStringLiteral("/ordered/alpha")), 1);
}

void TestInfoFixtures::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("says");

    const QString links = fixture(hs::fixtures::LinksFileName);
    QTest::newRow("missing file") << QStringList{m_tmp.filePath(QStringLiteral("nope.h5"))} << "does not exist";
    QTest::newRow("a folder") << QStringList{m_tmp.path()} << "folder";
    QTest::newRow("bad path at the top") << QStringList{links + QStringLiteral(":/no/such")}
                                         << "There is no object \u201c/no/such\u201d. The file has no member \u201cno\u201d";
    QTest::newRow("bad path below") << QStringList{links + QStringLiteral(":/group/nope")}
                                    << "The group \u201c/group\u201d has no member \u201cnope\u201d";
    QTest::newRow("path through a dataset") << QStringList{links + QStringLiteral(":/dataset/x")}
                                            << "\u201c/dataset\u201d is a dataset, not a group";
    QTest::newRow("path through a dangling link") << QStringList{links + QStringLiteral(":/dangling_soft/x")}
                                                  << "\u201c/dangling_soft\u201d is a link that does not resolve";
    QTest::newRow("no file") << QStringList{} << "usage";
    QTest::newRow("unknown option") << QStringList{links, QStringLiteral("--frobnicate")} << "frobnicate";

    // Not HDF5, empty, and truncated copies of a real file.
    QFile text(m_tmp.filePath(QStringLiteral("notes.h5")));
    if (text.open(QIODevice::WriteOnly))
        text.write("These are my lab notes, not an HDF5 file.\n");
    text.close();
    QTest::newRow("not HDF5") << QStringList{text.fileName()} << "not an HDF5 file";
    QFile empty(m_tmp.filePath(QStringLiteral("empty.h5")));
    if (empty.open(QIODevice::WriteOnly))
        empty.close();
    QTest::newRow("empty file") << QStringList{empty.fileName()} << "not an HDF5 file";

    QFile example(fixture(hs::fixtures::ExampleFileName));
    QByteArray bytes;
    if (example.open(QIODevice::ReadOnly))
        bytes = example.readAll();
    QFile cut(m_tmp.filePath(QStringLiteral("cut.h5")));
    if (cut.open(QIODevice::WriteOnly))
        cut.write(bytes.left(bytes.size() / 2));
    cut.close();
    QTest::newRow("truncated") << QStringList{cut.fileName()} << "truncated";
}

void TestInfoFixtures::errors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, says);
    for (const bool json : {false, true}) {
        const InfoRun run = runInfo(json ? args + QStringList{QStringLiteral("--json")} : args);
        QVERIFY2(!run.timedOut && !run.crashed, qPrintable(run.describe()));
        QCOMPARE(run.exitCode, 1);
        const QString bad = checkOneLineError(run.err);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
        QVERIFY2(QString::fromUtf8(run.err).contains(says), qPrintable(QString::fromUtf8(run.err)));
        QCOMPARE(run.out, QByteArray());
    }
}

QTEST_GUILESS_MAIN(TestInfoFixtures)
#include "tst_infofixtures.moc"
