// ObjectInspector and the dimension-scale details: what the links panel shows
// about an object, checked against objects.h5 (documented in
// tests/fixtures/fixtures_objects.cpp), links.h5 and large_group.h5. Ground
// truth for addresses and times comes from the raw HDF5 C API.

#include "services/dimensionscales.h"
#include "services/h5file.h"
#include "services/objectinspector.h"
#include "inspectutil.h"

#include <QtTest>

#include <hdf5.h>

#include <atomic>

using namespace hs::core;
using hs::test::inspectOk;
using hs::test::openFixture;

namespace {

// What HDF5 itself says about the object at `path` (a file id of its own).
struct RawInfo
{
    bool ok = false;
    haddr_t address = 0;
    time_t btime = 0, mtime = 0;
};

RawInfo rawInfo(const char *fileName, const char *path)
{
    RawInfo r;
    const QByteArray file = QFile::encodeName(hs::test::fixture(fileName));
    const hid_t fid = H5Fopen(file.constData(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (fid < 0)
        return r;
    H5O_info_t oi;
    if (H5Oget_info_by_name2(fid, path, &oi, H5O_INFO_BASIC | H5O_INFO_TIME, H5P_DEFAULT) >= 0) {
        r.ok = true;
        r.address = oi.addr;
        r.btime = oi.btime;
        r.mtime = oi.mtime;
    }
    H5Fclose(fid);
    return r;
}

// QVERIFY2 evaluates its message also when the check passes.
template<typename T>
QByteArray errorText(const Result<T> &r)
{
    return r.ok() ? QByteArray() : r.error().message.toUtf8();
}

int depth(const QString &path)
{
    return int(path.count(QLatin1Char('/')));
}

} // namespace

class TestObjectInspector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void root();
    void hardLinksShareIdentity();
    void timesTrackedOrNot();
    void creationOrder();
    void committedTypes();
    void softLinks();
    void externalLinks();
    void externalLinkBackIntoTheOpenFile();
    void userDefinedLinkAndLoop();
    void missingPathIsAnError();
    void dimensionScalesOfADataset();
    void datasetsUsingAScale();
    void scalePathsForTheGrid();
    void allPathsOfTheTemperature();
    void allPathsThroughAHardLinkCycle();
    void allPathsInALargeGroup();
    void allPathsCancelled();
    void closingReleasesEverything();

private:
    H5FilePtr m_objects;
};

void TestObjectInspector::initTestCase()
{
    HS_REQUIRE_FIXTURES();
    QVERIFY(QFileInfo::exists(hs::test::fixture(hs::fixtures::ObjectsFileName)));
    m_objects = openFixture(hs::fixtures::ObjectsFileName);
    QVERIFY(m_objects);
}

void TestObjectInspector::root()
{
    const ObjectDetails d = inspectOk(m_objects, "/");
    QCOMPARE(d.path, QStringLiteral("/"));
    QVERIFY(!d.linkKnown);
    QVERIFY(d.resolved);
    QVERIFY(d.problem.isEmpty());
    QCOMPARE(d.kind, ObjectKind::Group);
    QCOMPARE(d.hardLinks, quint64(1));
    QCOMPARE(d.attributeCount, 0);
    const RawInfo raw = rawInfo(hs::fixtures::ObjectsFileName, "/");
    QVERIFY(raw.ok);
    QCOMPARE(d.token, QStringLiteral("0x") + QString::number(quint64(raw.address), 16));
    QVERIFY(d.id.isValid());
    QVERIFY(!d.tracksLinkCreationOrder);
}

void TestObjectInspector::hardLinksShareIdentity()
{
    const RawInfo raw = rawInfo(hs::fixtures::ObjectsFileName, "/data/temperature");
    QVERIFY(raw.ok);
    const QString token = QStringLiteral("0x") + QString::number(quint64(raw.address), 16);
    for (const char *path : {"/data/temperature", "/data/again/temperature", "/shortcuts/temp_alias"}) {
        const ObjectDetails d = inspectOk(m_objects, path);
        QCOMPARE(d.path, QString::fromUtf8(path));
        QVERIFY(d.linkKnown);
        QCOMPARE(d.linkType, LinkType::Hard);
        QVERIFY(d.linkTarget.isEmpty());
        QVERIFY(d.linkTargetFile.isEmpty());
        QCOMPARE(d.linkCharset, QStringLiteral("ASCII"));
        QCOMPARE(d.linkCreationOrder, qint64(-1));
        QVERIFY(d.resolved);
        QCOMPARE(d.kind, ObjectKind::Dataset);
        QCOMPARE(d.token, token);
        QCOMPARE(d.hardLinks, quint64(3));
        // units, long_name, and DIMENSION_LIST, DIMENSION_LABELS from the scales.
        QCOMPARE(d.attributeCount, 4);
        QVERIFY(!d.usesCommittedType);
        QVERIFY(d.committedType.isEmpty());
        QVERIFY(!d.tracksAttributeCreationOrder);
    }
    const ObjectDetails a = inspectOk(m_objects, "/data/temperature");
    const ObjectDetails b = inspectOk(m_objects, "/shortcuts/temp_alias");
    QVERIFY(a.id.isValid());
    QVERIFY(a.id == b.id);
    QVERIFY(!(a.id == inspectOk(m_objects, "/data/humidity").id));
    QCOMPARE(inspectOk(m_objects, "/data/humidity").hardLinks, quint64(1));
}

void TestObjectInspector::timesTrackedOrNot()
{
    const RawInfo raw = rawInfo(hs::fixtures::ObjectsFileName, "/data/temperature");
    QVERIFY(raw.ok);
    QVERIFY(raw.btime > 0);
    const ObjectDetails d = inspectOk(m_objects, "/data/temperature");
    QVERIFY(d.timesTracked);
    QCOMPARE(d.created, QDateTime::fromSecsSinceEpoch(qint64(raw.btime), Qt::UTC));
    QCOMPARE(d.modified, QDateTime::fromSecsSinceEpoch(qint64(raw.mtime), Qt::UTC));
    QVERIFY(d.accessed.isValid());
    QVERIFY(d.changed.isValid());
    // Written by this run's make_fixtures: no later than the file itself was last written.
    QVERIFY(d.created <= QFileInfo(hs::test::fixture(hs::fixtures::ObjectsFileName)).lastModified().addSecs(1));

    const ObjectDetails u = inspectOk(m_objects, "/untimed");
    QCOMPARE(u.kind, ObjectKind::Dataset);
    QVERIFY(!u.timesTracked);
    QVERIFY(!u.created.isValid());
    QVERIFY(!u.modified.isValid());
    QVERIFY(!u.changed.isValid());
    QVERIFY(!u.accessed.isValid());
    QVERIFY(!u.token.isEmpty());
}

void TestObjectInspector::creationOrder()
{
    const ObjectDetails g = inspectOk(m_objects, "/tracked");
    QCOMPARE(g.kind, ObjectKind::Group);
    QVERIFY(g.tracksLinkCreationOrder);
    QVERIFY(g.tracksAttributeCreationOrder);
    QCOMPARE(g.attributeCount, 2);
    QCOMPARE(g.linkCreationOrder, qint64(-1)); // the root group does not track it

    const ObjectDetails zulu = inspectOk(m_objects, "/tracked/zulu");
    QCOMPARE(zulu.linkCreationOrder, qint64(0));
    QCOMPARE(zulu.kind, ObjectKind::Group);
    QVERIFY(!zulu.tracksLinkCreationOrder);
    QVERIFY(!zulu.tracksAttributeCreationOrder);
    const ObjectDetails alpha = inspectOk(m_objects, "/tracked/alpha");
    QCOMPARE(alpha.linkCreationOrder, qint64(1));
    QCOMPARE(alpha.kind, ObjectKind::Dataset);
    const ObjectDetails mike = inspectOk(m_objects, "/tracked/mike");
    QCOMPARE(mike.linkCreationOrder, qint64(2));
    QCOMPARE(mike.linkType, LinkType::Soft);
    QCOMPARE(mike.linkTarget, QStringLiteral("/data"));
    QCOMPARE(mike.kind, ObjectKind::Group);

    const ObjectDetails data = inspectOk(m_objects, "/data");
    QVERIFY(!data.tracksLinkCreationOrder);
    QVERIFY(!data.tracksAttributeCreationOrder);
}

void TestObjectInspector::committedTypes()
{
    const ObjectDetails p = inspectOk(m_objects, "/data/pressure");
    QVERIFY(p.usesCommittedType);
    QCOMPARE(p.committedType, QStringLiteral("/types/pressure_t"));

    const ObjectDetails anon = inspectOk(m_objects, "/data/anon_typed");
    QVERIFY(anon.usesCommittedType);
    QCOMPARE(anon.committedType, QString()); // committed without a name

    const ObjectDetails t = inspectOk(m_objects, "/types/pressure_t");
    QCOMPARE(t.kind, ObjectKind::Datatype);
    QVERIFY(!t.usesCommittedType);
    // HDF5 counts the dataset that uses a committed type as a reference to it.
    QCOMPARE(t.hardLinks, quint64(2));
    QVERIFY(t.dimensionScales.empty());
}

void TestObjectInspector::softLinks()
{
    const ObjectDetails latest = inspectOk(m_objects, "/shortcuts/latest");
    QVERIFY(latest.linkKnown);
    QCOMPARE(latest.linkType, LinkType::Soft);
    QCOMPARE(latest.linkTarget, QStringLiteral("/data/temperature"));
    QVERIFY(latest.linkTargetFile.isEmpty());
    QVERIFY(latest.resolved);
    QVERIFY(latest.problem.isEmpty());
    QCOMPARE(latest.kind, ObjectKind::Dataset);
    QCOMPARE(latest.token, inspectOk(m_objects, "/data/temperature").token);
    QCOMPARE(latest.hardLinks, quint64(3));

    const ObjectDetails broken = inspectOk(m_objects, "/shortcuts/broken");
    QCOMPARE(broken.path, QStringLiteral("/shortcuts/broken"));
    QCOMPARE(broken.linkType, LinkType::Soft);
    QCOMPARE(broken.linkTarget, QStringLiteral("/data/nothing"));
    QVERIFY(!broken.resolved);
    QCOMPARE(broken.kind, ObjectKind::Missing);
    QCOMPARE(broken.problem, QStringLiteral("The object it points to does not exist (dangling link)."));
    QVERIFY(broken.token.isEmpty());
    QCOMPARE(broken.hardLinks, quint64(0));
}

void TestObjectInspector::externalLinks()
{
    const ObjectDetails e = inspectOk(m_objects, "/shortcuts/elsewhere");
    QCOMPARE(e.linkType, LinkType::External);
    QCOMPARE(e.linkTargetFile, QStringLiteral("links_target.h5"));
    QCOMPARE(e.linkTarget, QStringLiteral("/target_group"));
    QVERIFY(e.resolved);
    QVERIFY(e.problem.isEmpty());
    QCOMPARE(e.kind, ObjectKind::Group);
    const RawInfo raw = rawInfo(hs::fixtures::LinksTargetFileName, "/target_group");
    QVERIFY(raw.ok);
    QCOMPARE(e.token, QStringLiteral("0x") + QString::number(quint64(raw.address), 16));
    QVERIFY(!(e.id == inspectOk(m_objects, "/").id)); // another file

    const ObjectDetails gone = inspectOk(m_objects, "/shortcuts/gone");
    QCOMPARE(gone.linkType, LinkType::External);
    QCOMPARE(gone.linkTargetFile, QStringLiteral("no_such_file.h5"));
    QCOMPARE(gone.linkTarget, QStringLiteral("/data"));
    QVERIFY(!gone.resolved);
    QCOMPARE(gone.kind, ObjectKind::Missing);
    QCOMPARE(gone.problem, QStringLiteral("The file it points to, \u201cno_such_file.h5\u201d, could not be opened (it may "
                                          "be missing, not an HDF5 file, or already open with other settings)."));
}

// HDF5 opens the file an external link names with its default close degree;
// it used to refuse this file, already open with H5F_CLOSE_STRONG.
void TestObjectInspector::externalLinkBackIntoTheOpenFile()
{
    const ObjectDetails self = inspectOk(m_objects, "/shortcuts/self");
    QCOMPARE(self.linkType, LinkType::External);
    QCOMPARE(self.linkTargetFile, QStringLiteral("objects.h5"));
    QCOMPARE(self.linkTarget, QStringLiteral("/data/temperature"));
    QVERIFY2(self.resolved, qPrintable(self.problem));
    QCOMPARE(self.kind, ObjectKind::Dataset);
    QCOMPARE(self.token, inspectOk(m_objects, "/data/temperature").token);
    QCOMPARE(self.hardLinks, quint64(3));
}

void TestObjectInspector::userDefinedLinkAndLoop()
{
    H5FilePtr links = openFixture(hs::fixtures::LinksFileName);
    QVERIFY(links);
    const ObjectDetails u = inspectOk(links, "/user_link");
    QCOMPARE(u.linkType, LinkType::User);
    QCOMPARE(u.linkTarget, QStringLiteral("user-defined link class %1").arg(int(H5L_TYPE_UD_MIN) + 1));
    QVERIFY(!u.resolved);
    QCOMPARE(u.kind, ObjectKind::Missing);
    QCOMPARE(u.problem, QStringLiteral("User-defined links cannot be followed by this HDF5 library."));

    const ObjectDetails loop = inspectOk(links, "/loop_a");
    QCOMPARE(loop.linkType, LinkType::Soft);
    QCOMPARE(loop.linkTarget, QStringLiteral("/loop_b"));
    QVERIFY(!loop.resolved);
    QCOMPARE(loop.problem, QStringLiteral("The links form a loop: following them leads back where they started "
                                          "(or goes more than 16 soft or external links deep)."));

    const ObjectDetails typed = inspectOk(links, "/typed");
    QVERIFY(typed.usesCommittedType);
    QCOMPARE(typed.committedType, QStringLiteral("/types/celsius"));
}

void TestObjectInspector::missingPathIsAnError()
{
    const auto d = ObjectInspector::inspect(m_objects, QStringLiteral("/data/no_such_thing"));
    QVERIFY(!d.ok());
    QCOMPARE(d.error().code, ErrorCode::NotFound);
    QCOMPARE(d.error().message,
             QStringLiteral("Could not find \u201c/data/no_such_thing\u201d. There is no such object in the file."));
    const auto p = ObjectInspector::findAllPaths(m_objects, QStringLiteral("/data/no_such_thing"));
    QVERIFY(!p.ok());
    QCOMPARE(p.error().code, ErrorCode::NotFound);
}

void TestObjectInspector::dimensionScalesOfADataset()
{
    const ObjectDetails t = inspectOk(m_objects, "/data/temperature");
    QCOMPARE(t.dimensionScales.size(), size_t(2));
    QCOMPARE(t.dimensionScales[0], QStringList{QStringLiteral("/grid/y")});
    QCOMPARE(t.dimensionScales[1], (QStringList{QStringLiteral("/grid/x"), QStringLiteral("/grid/column")}));
    QCOMPARE(t.dimensionLabels, (QStringList{QStringLiteral("y"), QStringLiteral("x")}));
    QVERIFY(!t.isDimensionScale);
    QVERIFY(t.scaleName.isEmpty());
    QVERIFY(t.scaleUses.empty());
    QVERIFY(t.scaleOf.isEmpty());

    const ObjectDetails h = inspectOk(m_objects, "/data/humidity");
    QCOMPARE(h.dimensionScales.size(), size_t(1));
    QCOMPARE(h.dimensionScales[0], QStringList{QStringLiteral("/grid/x")});
    QVERIFY(h.dimensionLabels.isEmpty()); // no dimension is labelled

    const ObjectDetails plain = inspectOk(m_objects, "/data/pressure");
    QVERIFY(plain.dimensionScales.empty());
    QVERIFY(plain.dimensionLabels.isEmpty());
    QVERIFY(!plain.isDimensionScale);
}

// A scale names every dataset that uses it, by the path HDF5 finds for the
// reference: for the temperature (three hard links) the first its search
// meets, in the native (creation) order of the compact group /data.
void TestObjectInspector::datasetsUsingAScale()
{
    const ObjectDetails x = inspectOk(m_objects, "/grid/x");
    QVERIFY(x.isDimensionScale);
    QCOMPARE(x.scaleName, QStringLiteral("longitude"));
    QCOMPARE(x.attributeCount, 3); // CLASS, NAME, REFERENCE_LIST
    QCOMPARE(x.scaleUses.size(), size_t(2));
    QCOMPARE(x.scaleUses[0].dataset, QStringLiteral("/data/temperature"));
    QCOMPARE(x.scaleUses[0].dimension, 1);
    QCOMPARE(x.scaleUses[1].dataset, QStringLiteral("/data/humidity"));
    QCOMPARE(x.scaleUses[1].dimension, 0);
    QCOMPARE(x.scaleOf, (QStringList{QStringLiteral("/data/temperature (dimension 1)"),
                                     QStringLiteral("/data/humidity (dimension 0)")}));
    // A scale is a dataset too, here without scales of its own.
    QVERIFY(x.dimensionScales.empty());

    const ObjectDetails y = inspectOk(m_objects, "/grid/y");
    QVERIFY(y.isDimensionScale);
    QCOMPARE(y.scaleName, QStringLiteral("latitude"));
    QCOMPARE(y.scaleOf, QStringList{QStringLiteral("/data/temperature (dimension 0)")});

    const ObjectDetails column = inspectOk(m_objects, "/grid/column");
    QVERIFY(column.isDimensionScale);
    QCOMPARE(column.scaleName, QString()); // set as a scale without a name
    QCOMPARE(column.attributeCount, 2);    // CLASS, REFERENCE_LIST
    QCOMPARE(column.scaleOf, QStringList{QStringLiteral("/data/temperature (dimension 1)")});
}

void TestObjectInspector::scalePathsForTheGrid()
{
    // The grid's headers take the first scale of each dimension.
    QCOMPARE(dimensionScalePaths(m_objects, QStringLiteral("/data/temperature")),
             (QStringList{QStringLiteral("/grid/y"), QStringLiteral("/grid/x")}));
    QCOMPARE(dimensionScalePaths(m_objects, QStringLiteral("/data/pressure")), QStringList{QString()});
}

void TestObjectInspector::allPathsOfTheTemperature()
{
    QStringList found;
    QList<quint64> progress;
    const auto paths = ObjectInspector::findAllPaths(
        m_objects, QStringLiteral("/shortcuts/latest"), nullptr, [&](const QString &p) { found << p; },
        [&](quint64 n) { progress << n; });
    QVERIFY2(paths.ok(), errorText(paths).constData());
    // Hard links only: the soft link asked about is not one of them, nor is
    // the external link back into this file.
    QCOMPARE(*paths, (QStringList{QStringLiteral("/data/again/temperature"), QStringLiteral("/data/temperature"),
                                  QStringLiteral("/shortcuts/temp_alias")}));
    // `found` reports each once, breadth first: the two depth-2 paths, then the depth-3 one.
    QCOMPARE(found.size(), 3);
    QCOMPARE(QSet<QString>(found.begin(), found.end()), QSet<QString>(paths->begin(), paths->end()));
    QCOMPARE(found.last(), QStringLiteral("/data/again/temperature"));
    QCOMPARE(depth(found[0]), 2);
    QCOMPARE(depth(found[1]), 2);
    // Every link was looked at: the root's 7 members, /data 6, /data/again 1,
    // /grid 3, /refs 3, /shortcuts 6, /tracked 3, /tracked/zulu 0, /types 1.
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), quint64(7 + 6 + 1 + 3 + 3 + 6 + 3 + 0 + 1));
    QVERIFY(std::is_sorted(progress.begin(), progress.end()));

    const auto root = ObjectInspector::findAllPaths(m_objects, QStringLiteral("/"));
    QVERIFY(root.ok());
    QCOMPARE(*root, QStringList{QStringLiteral("/")});
    const auto once = ObjectInspector::findAllPaths(m_objects, QStringLiteral("/data/humidity"));
    QVERIFY(once.ok());
    QCOMPARE(*once, QStringList{QStringLiteral("/data/humidity")});
}

void TestObjectInspector::allPathsThroughAHardLinkCycle()
{
    H5FilePtr links = openFixture(hs::fixtures::LinksFileName);
    QVERIFY(links);
    const auto cycle = ObjectInspector::findAllPaths(links, QStringLiteral("/cycle/child/up"));
    QVERIFY2(cycle.ok(), errorText(cycle).constData());
    QCOMPARE(*cycle, (QStringList{QStringLiteral("/cycle"), QStringLiteral("/cycle/child/up")}));
    // Endless by name (/cycle/child/up/child/up/...), one path by hard links
    // once each group is listed a single time.
    const auto child = ObjectInspector::findAllPaths(links, QStringLiteral("/cycle/child/up/child"));
    QVERIFY(child.ok());
    QCOMPARE(*child, QStringList{QStringLiteral("/cycle/child")});
    const auto dataset = ObjectInspector::findAllPaths(links, QStringLiteral("/soft_dataset"));
    QVERIFY(dataset.ok());
    QCOMPARE(*dataset, (QStringList{QStringLiteral("/dataset"), QStringLiteral("/hard_alias")}));
}

void TestObjectInspector::allPathsInALargeGroup()
{
    H5FilePtr big = openFixture(hs::fixtures::LargeGroupFileName);
    QVERIFY(big);
    const ObjectDetails d = inspectOk(big, "/big/item_1234");
    QCOMPARE(d.kind, ObjectKind::Dataset);
    QCOMPARE(d.hardLinks, quint64(9));

    QStringList found;
    QList<quint64> progress;
    const auto paths = ObjectInspector::findAllPaths(
        big, QStringLiteral("/big/item_1234"), nullptr, [&](const QString &p) { found << p; },
        [&](quint64 n) { progress << n; });
    QVERIFY2(paths.ok(), errorText(paths).constData());
    QStringList expected;
    for (int i = 1231; i <= 1239; ++i)
        expected << QStringLiteral("/big/item_%1").arg(i);
    QCOMPARE(*paths, expected);
    QCOMPARE(found.size(), 9);
    QCOMPARE(QSet<QString>(found.begin(), found.end()), QSet<QString>(expected.begin(), expected.end()));
    // /big and its 200,000 links (the 20,000 member groups are empty), examined
    // in many batches: the lock was let go in between.
    QCOMPARE(progress.last(), quint64(1 + 200000));
    QVERIFY(progress.size() > 50);
}

void TestObjectInspector::allPathsCancelled()
{
    H5FilePtr big = openFixture(hs::fixtures::LargeGroupFileName);
    QVERIFY(big);
    std::atomic_bool cancel{false};
    int calls = 0;
    quint64 lastSeen = 0;
    const auto paths = ObjectInspector::findAllPaths(
        big, QStringLiteral("/big/item_5"), &cancel, {}, [&](quint64 n) {
            lastSeen = n;
            if (++calls == 3)
                cancel = true;
        });
    QVERIFY(!paths.ok());
    QCOMPARE(paths.error().code, ErrorCode::Cancelled);
    QCOMPARE(paths.error().message, QStringLiteral("The search for other paths was cancelled."));
    QCOMPARE(calls, 3); // stops at the next batch
    QVERIFY(lastSeen < 200000);

    // Set before it starts: nothing is searched.
    const auto early = ObjectInspector::findAllPaths(big, QStringLiteral("/big/item_5"), &cancel);
    QCOMPARE(early.error().code, ErrorCode::Cancelled);
}

void TestObjectInspector::closingReleasesEverything()
{
    m_objects.reset();
    const qint64 baseline = openHdf5ObjectCount();
    {
        H5FilePtr f = openFixture(hs::fixtures::ObjectsFileName);
        QVERIFY(f);
        // Through the external link back into the file, and into links_target.h5.
        QVERIFY(inspectOk(f, "/shortcuts/self").resolved);
        QVERIFY(inspectOk(f, "/shortcuts/elsewhere").resolved);
        QVERIFY(inspectOk(f, "/grid/x").isDimensionScale);
        QVERIFY(ObjectInspector::findAllPaths(f, QStringLiteral("/data/temperature")).ok());
        QCOMPARE(openHdf5ObjectCount(), baseline + 1); // the file itself, nothing left behind
    }
    QCOMPARE(openHdf5ObjectCount(), baseline);
}

QTEST_GUILESS_MAIN(TestObjectInspector)
#include "tst_objectinspector.moc"
