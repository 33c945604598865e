// HierarchyModel: the lazy tree, checked by QAbstractItemModelTester throughout.

#include "testutil.h"

#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "models/grouplistingjob.h"
#include "model/naturalsort.h"
#include "models/hierarchymodel.h"
#include "services/h5file.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace hs::core;
using Model = HierarchyModel;

namespace {

constexpr int Slow = 60000; // generous: the TSan build runs these too

ObjectKind kindAt(const QModelIndex &i)
{
    return ObjectKind(i.data(Model::KindRole).toInt());
}

} // namespace

class TestHierarchyModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void addingFiles();
    void expandingGroups();
    void largeGroup();
    void closingDuringALargeListing();
    void metadataCacheRestored_data();
    void metadataCacheRestored();
    void metadataCacheRestoredByTheModel_data();
    void metadataCacheRestoredByTheModel();
    void symbolTableGroupInSlices();
    void symbolTableGroupKinds();
    void orderChangedWhileInserting();
    void deepNestingRevealed();
    void hardLinkCycleIsLazy();
    void softLinkLoopIsMissing();
    void neverHasChildrenOnlyForNonGroups();
    void creationOrder();
    void creationOrderBeforeListing();
    void creationOrderChangedWhileListing();
    void revealOfMissingPathFails();
    void closeFileReleasesEverything();

private:
    QModelIndex addFixture(const char *name);
    QModelIndex child(const QModelIndex &parent, const QString &name) const;
    QStringList childNames(const QModelIndex &parent) const;
    bool listAndWait(const QModelIndex &group);

    qint64 m_baseline = 0;
    std::unique_ptr<HierarchyModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QModelIndex TestHierarchyModel::addFixture(const char *name)
{
    auto file = H5File::open(hs::test::fixture(name));
    if (!file.ok()) {
        qWarning("%s", qPrintable(file.error().message));
        return {};
    }
    return m_model->addFile(*file);
}

QModelIndex TestHierarchyModel::child(const QModelIndex &parent, const QString &name) const
{
    for (int r = 0; r < m_model->rowCount(parent); ++r) {
        const QModelIndex i = m_model->index(r, 0, parent);
        if (i.data().toString() == name)
            return i;
    }
    return {};
}

QStringList TestHierarchyModel::childNames(const QModelIndex &parent) const
{
    QStringList names;
    for (int r = 0; r < m_model->rowCount(parent); ++r)
        names << m_model->index(r, 0, parent).data().toString();
    return names;
}

// Expands `group` as a view would and waits until it is fully listed.
bool TestHierarchyModel::listAndWait(const QModelIndex &group)
{
    if (!group.isValid())
        return false;
    const QPersistentModelIndex g(group);
    if (m_model->canFetchMore(g))
        m_model->fetchMore(g);
    return QTest::qWaitFor([&] { return g.isValid() && m_model->isListingComplete(g); }, Slow);
}

void TestHierarchyModel::initTestCase()
{
    HS_REQUIRE_FIXTURES();
    QVERIFY(JobRunner::instance().waitForIdle(Slow));
    m_baseline = openHdf5ObjectCount();
}

void TestHierarchyModel::init()
{
    m_model = std::make_unique<HierarchyModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::Fatal);
}

void TestHierarchyModel::cleanup()
{
    m_tester.reset();
    m_model.reset(); // cancels whatever is still running
    QVERIFY(JobRunner::instance().waitForIdle(Slow));
    QCoreApplication::sendPostedEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    // Every test leaves HDF5 as it found it: no file, group or dataset left open.
    QTRY_COMPARE_WITH_TIMEOUT(openHdf5ObjectCount(), m_baseline, Slow);
}

void TestHierarchyModel::addingFiles()
{
    const QModelIndex links = addFixture(hs::fixtures::LinksFileName);
    const QModelIndex deep = addFixture(hs::fixtures::DeepFileName);
    QVERIFY(links.isValid() && deep.isValid());
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->fileCount(), 2);
    QCOMPARE(links.data().toString(), QStringLiteral("links.h5"));
    QCOMPARE(deep.data().toString(), QStringLiteral("deep.h5"));
    QVERIFY(links.data(Model::IsFileRole).toBool());
    QCOMPARE(links.data(Model::PathRole).toString(), QStringLiteral("/"));
    QCOMPARE(links.data(Model::FilePathRole).toString(), hs::test::fixture(hs::fixtures::LinksFileName));
    QCOMPARE(m_model->fileIndexFor(hs::test::fixture(hs::fixtures::DeepFileName)), deep);
    QVERIFY(m_model->hasChildren(links)); // before any I/O: a file may have members
    QVERIFY(m_model->fileOf(deep));
}

void TestHierarchyModel::expandingGroups()
{
    const QModelIndex file = addFixture(hs::fixtures::LinksFileName);
    QVERIFY(listAndWait(file));
    QVERIFY(m_model->rowCount(file) >= 16);
    const QStringList names = childNames(file);
    QVERIFY(std::is_sorted(names.begin(), names.end(), naturalLess));

    const QModelIndex group = child(file, QStringLiteral("group"));
    QCOMPARE(kindAt(group), ObjectKind::Group);
    QVERIFY(listAndWait(group));
    QCOMPARE(childNames(group), QStringList{QStringLiteral("values")});
    const QModelIndex values = m_model->index(0, 0, group);
    QCOMPARE(values.data(Model::PathRole).toString(), QStringLiteral("/group/values"));
    QCOMPARE(kindAt(values), ObjectKind::Dataset);
    QVERIFY(!m_model->hasChildren(values));
    QVERIFY(!m_model->canFetchMore(values));
    // Details arrive once asked for.
    values.data(Model::ShapeRole);
    QTRY_VERIFY_WITH_TIMEOUT(values.data(Model::DetailsLoadedRole).toBool(), Slow);
    QCOMPARE(values.data(Model::ShapeRole).toString(), QStringLiteral("4"));
    QCOMPARE(values.data(Model::BriefTypeRole).toString(), QStringLiteral("int32"));

    // Through an external link, into the other file.
    const QModelIndex external = child(file, QStringLiteral("external_group"));
    QCOMPARE(kindAt(external), ObjectKind::Group);
    QCOMPARE(LinkType(external.data(Model::LinkTypeRole).toInt()), LinkType::External);
    QCOMPARE(external.data(Model::LinkFileRole).toString(), QStringLiteral("links_target.h5"));
    QVERIFY(listAndWait(external));
    QCOMPARE(childNames(external), QStringList{QStringLiteral("inside")});

    // An empty listing leaves no expansion arrow.
    const QModelIndex dangling = child(file, QStringLiteral("dangling_soft"));
    QCOMPARE(kindAt(dangling), ObjectKind::Missing);
    QVERIFY(!m_model->hasChildren(dangling));
}

void TestHierarchyModel::largeGroup()
{
    const QModelIndex file = addFixture(hs::fixtures::LargeGroupFileName);
    QVERIFY(listAndWait(file));
    const QPersistentModelIndex big(child(file, QStringLiteral("big")));
    QVERIFY(big.isValid());
    QCOMPARE(kindAt(big), ObjectKind::Group);

    // The tester walks every row on every change: with 200,000 rows inserted
    // in slices that is quadratic. It watches the first rows and the first
    // slice of the rest (symbolTableGroupInSlices keeps it on throughout, on a
    // smaller group), then leaves.
    QList<QPair<int, int>> inserted; // (first, last) of each insertion into /big
    connect(m_model.get(), &QAbstractItemModel::rowsInserted, this, [&](const QModelIndex &parent, int first, int last) {
        if (parent != big)
            return;
        inserted << qMakePair(first, last);
        if (inserted.size() == 2)
            m_tester.reset();
    });
    if (m_model->canFetchMore(big))
        m_model->fetchMore(big);
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount(big) > 0, Slow);
    QTRY_VERIFY_WITH_TIMEOUT(m_model->isListingComplete(big), Slow);
    QVERIFY(!m_tester);
    QCOMPARE(m_model->rowCount(big), 200000);
    // The first rows were shown on their own, before the rest of the group was
    // listed; the rest came in slices of at most SliceRows rows.
    QVERIFY(inserted.size() >= 200000 / HierarchyModel::SliceRows);
    QVERIFY(inserted.at(0).second + 1 <= 1000);
    int total = 0;
    for (const auto &[first, last] : std::as_const(inserted)) {
        QVERIFY(last - first + 1 <= HierarchyModel::SliceRows);
        total += last - first + 1;
    }
    QCOMPARE(total, 200000);

    // Natural order: item_2 before item_10, and the whole list sorted.
    QStringList names;
    names.reserve(200000);
    for (int r = 0; r < 200000; ++r)
        names << m_model->index(r, 0, big).data().toString();
    QCOMPARE(names.at(0), QStringLiteral("item_0"));
    QCOMPARE(names.at(1), QStringLiteral("item_1"));
    QCOMPARE(names.at(2), QStringLiteral("item_2"));
    QVERIFY(names.indexOf(QStringLiteral("item_2")) < names.indexOf(QStringLiteral("item_10")));
    QCOMPARE(names.constLast(), QStringLiteral("item_199999"));
    for (qsizetype r = 1; r < names.size(); ++r)
        QVERIFY2(naturalCompare(names[r - 1], names[r]) < 0, qPrintable(names[r - 1] + QLatin1String(" / ") + names[r]));

    // Kinds arrive in batches, top to bottom.
    int resolved = 0;
    QVERIFY(QTest::qWaitFor(
        [&] {
            while (resolved < 200000 && kindAt(m_model->index(resolved, 0, big)) != ObjectKind::Unknown)
                ++resolved;
            return resolved == 200000;
        },
        Slow));
    for (int r = 0; r < 200000; ++r) {
        const QModelIndex i = m_model->index(r, 0, big);
        const int n = names[r].mid(5).toInt();
        QCOMPARE(kindAt(i), n % 10 == 0 ? ObjectKind::Group : ObjectKind::Dataset);
    }
    // Groups found in the listing can be expanded.
    QVERIFY(m_model->hasChildren(m_model->index(0, 0, big)));
}

void TestHierarchyModel::closingDuringALargeListing()
{
    const QModelIndex file = addFixture(hs::fixtures::LargeGroupFileName);
    QVERIFY(listAndWait(file));
    const QPersistentModelIndex big(child(file, QStringLiteral("big")));
    m_model->fetchMore(big);
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount(big) > 0, Slow);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_model->closeFile(big);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!big.isValid());
    // cleanup() checks that the file is closed once the cancelled listing ends.
}

void TestHierarchyModel::metadataCacheRestored_data()
{
    QTest::addColumn<bool>("finish");
    QTest::newRow("done") << true;
    QTest::newRow("cancelled") << false; // the runner destroys a cancelled job between steps
}

void TestHierarchyModel::metadataCacheRestored()
{
    // A large group's kinds are resolved with HDF5's metadata cache at a fixed
    // size; the file gets its own configuration back however the listing ends.
    // The job's steps are run here by hand: the cache is fixed in between.
    QFETCH(bool, finish);
    auto opened = H5File::open(hs::test::fixture(hs::fixtures::LargeGroupFileName));
    QVERIFY(opened.ok());
    const HierarchyReader reader(*opened);
    QVERIFY(reader.metadataCacheAsOpened());
    ListingSink sink;
    sink.preview = [](ListingPreview) {};
    sink.complete = [](ListingComplete) {};
    sink.kinds = [](ListingKinds) {};
    sink.failed = [](Error) {};
    auto job = std::make_unique<GroupListingJob>(*opened, QStringLiteral("/big"), ChildOrder::Name, sink);
    JobContext context(std::make_shared<JobState>()); // no ticket: what it posts is dropped
    QVERIFY(job->runStep(context)); // the first rows
    QVERIFY(job->runStep(context)); // every name; the kinds follow
    QVERIFY(!reader.metadataCacheAsOpened());
    QVERIFY(job->runStep(context)); // one batch of kinds
    QVERIFY(!reader.metadataCacheAsOpened());
    if (finish) {
        while (job->runStep(context)) {
        }
        QVERIFY(reader.metadataCacheAsOpened());
    }
    job.reset();
    QVERIFY(reader.metadataCacheAsOpened());
    QCoreApplication::sendPostedEvents(); // the dropped results
}

void TestHierarchyModel::metadataCacheRestoredByTheModel_data()
{
    QTest::addColumn<QString>("end");
    QTest::newRow("done") << QStringLiteral("done");
    QTest::newRow("file closed") << QStringLiteral("close");
    QTest::newRow("listed again") << QStringLiteral("relist");
}

void TestHierarchyModel::metadataCacheRestoredByTheModel()
{
    QFETCH(QString, end);
    auto opened = H5File::open(hs::test::fixture(hs::fixtures::LargeGroupFileName));
    QVERIFY(opened.ok());
    const HierarchyReader reader(*opened); // keeps the file open after closeFile
    const QModelIndex file = m_model->addFile(*opened);
    QVERIFY(listAndWait(file));
    const QPersistentModelIndex big(child(file, QStringLiteral("big")));
    m_tester.reset(); // it would walk 200,000 rows on every insertion
    m_model->fetchMore(big);
    // More than the first rows: every name is listed, the kinds are being resolved.
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount(big) > int(GroupListingJob::FirstBatch), Slow);
    if (end == QLatin1String("close"))
        m_model->closeFile(file);
    else if (end == QLatin1String("relist"))
        m_model->setChildOrder(ChildOrder::CreationOrder); // cancels the running listing, starts another
    QVERIFY(JobRunner::instance().waitForIdle(Slow));
    QVERIFY(reader.metadataCacheAsOpened());
}

void TestHierarchyModel::symbolTableGroupInSlices()
{
    // A group as h5py writes it by default (symbol table: links in byte order
    // of their names, each member its own object), large enough for several
    // slices. The tester checks the model after every insertion. (Datasets
    // only: the tester lists every subgroup it meets and walks every row again
    // when each is done; symbolTableGroupKinds has the groups.)
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("symtab.h5"));
    constexpr int Members = 3 * HierarchyModel::SliceRows + 5000;
    QVERIFY(hs::fixtures::writeSymbolTableGroupFile(path, Members, 0));
    auto opened = H5File::open(path);
    QVERIFY(opened.ok());
    const QModelIndex file = m_model->addFile(*opened);
    QVERIFY(listAndWait(file));
    const QPersistentModelIndex big(child(file, QStringLiteral("big")));
    QVERIFY(big.isValid());

    QObject scope; // the handlers below use this function's locals
    // Each insertion is one step of the event loop: a zero timer ticks in between.
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, &scope, [&] { ++ticks; });
    ticker.start(0);
    QList<int> sizes, ticksAt;
    connect(m_model.get(), &QAbstractItemModel::rowsInserted, &scope, [&](const QModelIndex &parent, int first, int last) {
        if (parent != big)
            return;
        QVERIFY(!m_model->isListingComplete(big)); // Partial until the last slice is in
        sizes << last - first + 1;
        ticksAt << ticks;
    });
    int finished = 0;
    connect(m_model.get(), &HierarchyModel::listingFinished, &scope, [&](const QModelIndex &g) { finished += g == big; });
    // Every insertion is checked; the kinds' dataChanged after the listing
    // would make the tester walk every row again (and list the subgroups it meets).
    connect(m_model.get(), &HierarchyModel::listingFinished, &scope, [&](const QModelIndex &g) {
        if (g == big)
            m_tester.reset();
    });
    m_model->fetchMore(big);
    QTRY_VERIFY_WITH_TIMEOUT(m_model->isListingComplete(big), Slow);
    QCOMPARE(finished, 1);
    QCOMPARE(m_model->rowCount(big), Members);
    QVERIFY(sizes.at(0) <= 1000); // the first rows, on their own
    int total = 0;
    for (int n : std::as_const(sizes)) {
        QVERIFY(n <= HierarchyModel::SliceRows);
        total += n;
    }
    QCOMPARE(total, Members);
    // At least one step per slice: the event loop ran between them.
    QList<int> steps = ticksAt;
    steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
    QVERIFY2(steps.size() >= Members / HierarchyModel::SliceRows + 1, qPrintable(QString::number(steps.size())));

    // Natural order, every member once, and the right kind for each.
    int resolved = 0; // the kinds arrive after the rows
    QVERIFY(QTest::qWaitFor(
        [&] {
            while (resolved < Members && kindAt(m_model->index(resolved, 0, big)) != ObjectKind::Unknown)
                ++resolved;
            return resolved == Members;
        },
        Slow));
    QStringList names;
    for (int r = 0; r < Members; ++r) {
        const QModelIndex i = m_model->index(r, 0, big);
        names << i.data().toString();
        QCOMPARE(kindAt(i), ObjectKind::Dataset);
        QCOMPARE(i.data(Model::PathRole).toString(), QStringLiteral("/big/") + names.constLast());
    }
    QCOMPARE(names.at(0), QStringLiteral("item_0"));
    QCOMPARE(names.at(2), QStringLiteral("item_2"));
    QCOMPARE(names.constLast(), QStringLiteral("item_%1").arg(Members - 1));
    for (qsizetype r = 1; r < names.size(); ++r)
        QVERIFY2(naturalCompare(names[r - 1], names[r]) < 0, qPrintable(names[r - 1] + QLatin1String(" / ") + names[r]));
}

void TestHierarchyModel::symbolTableGroupKinds()
{
    // h5py's mix: every 10th member a group. Kinds come top rows first, then
    // in the file's order (byte order of the names: item_1000, item_10000,
    // item_10001, ..., item_1001, ...: rows far apart); every row gets the
    // right one, and groups can be expanded.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("symtab.h5"));
    constexpr int Members = 20000;
    QVERIFY(hs::fixtures::writeSymbolTableGroupFile(path, Members));
    auto opened = H5File::open(path);
    QVERIFY(opened.ok());
    const QModelIndex file = m_model->addFile(*opened);
    QVERIFY(listAndWait(file));
    const QPersistentModelIndex big(child(file, QStringLiteral("big")));
    m_tester.reset(); // it would list all 2,000 subgroups
    // Kinds arrive scattered over the rows (file order): each dataChanged
    // covers rows whose kind is known, not the whole span between them (a
    // view measures every row of a changed span again).
    QObject scope;
    int spansOverUnknown = 0, spans = 0;
    connect(m_model.get(), &QAbstractItemModel::dataChanged, &scope, [&](const QModelIndex &tl, const QModelIndex &br) {
        if (tl.parent() != big)
            return;
        ++spans;
        for (int r = tl.row(); r <= br.row(); ++r)
            if (kindAt(m_model->index(r, 0, big)) == ObjectKind::Unknown) {
                ++spansOverUnknown;
                break;
            }
    });
    QVERIFY(listAndWait(big));
    QCOMPARE(m_model->rowCount(big), Members);
    int resolved = 0;
    QVERIFY(QTest::qWaitFor(
        [&] {
            while (resolved < Members && kindAt(m_model->index(resolved, 0, big)) != ObjectKind::Unknown)
                ++resolved;
            return resolved == Members;
        },
        Slow));
    for (int r = 0; r < Members; ++r) {
        const QModelIndex i = m_model->index(r, 0, big);
        QCOMPARE(i.data().toString(), QStringLiteral("item_%1").arg(r)); // natural order
        QCOMPARE(kindAt(i), r % 10 == 0 ? ObjectKind::Group : ObjectKind::Dataset);
    }
    QVERIFY(spans > 0);
    QCOMPARE(spansOverUnknown, 0);
    const QModelIndex group = m_model->index(10, 0, big);
    QVERIFY(m_model->hasChildren(group));
    QVERIFY(listAndWait(group));
    QCOMPARE(m_model->rowCount(group), 0);
}

void TestHierarchyModel::orderChangedWhileInserting()
{
    // The order changes after the listing was delivered but before all of its
    // slices are in: the group is listed again, whole, in the new order.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("symtab.h5"));
    constexpr int Members = 2 * HierarchyModel::SliceRows + 100;
    QVERIFY(hs::fixtures::writeSymbolTableGroupFile(path, Members));
    auto opened = H5File::open(path);
    QVERIFY(opened.ok());
    const QModelIndex file = m_model->addFile(*opened);
    QVERIFY(listAndWait(file));
    const QPersistentModelIndex big(child(file, QStringLiteral("big")));
    m_tester.reset(); // tens of thousands of rows, twice
    bool switched = false;
    QObject scope; // the handler below uses this function's locals
    int insertions = 0;
    connect(m_model.get(), &QAbstractItemModel::rowsInserted, &scope, [&](const QModelIndex &parent) {
        if (parent == big && ++insertions == 2) { // the preview, then the first slice of the rest
            switched = true;
            QVERIFY(!m_model->isListingComplete(big));
            QVERIFY(m_model->rowCount(big) < Members);
            m_model->setChildOrder(ChildOrder::CreationOrder); // not tracked: stays by name
        }
    });
    m_model->fetchMore(big);
    QTRY_VERIFY_WITH_TIMEOUT(switched && m_model->isListingComplete(big), Slow);
    QCOMPARE(m_model->rowCount(big), Members);
    for (int r = 1; r < Members; ++r)
        QVERIFY(naturalCompare(m_model->index(r - 1, 0, big).data().toString(), m_model->index(r, 0, big).data().toString()) < 0);
}

void TestHierarchyModel::deepNestingRevealed()
{
    const QModelIndex file = addFixture(hs::fixtures::DeepFileName);
    QString path;
    for (int level = 1; level <= 200; ++level)
        path += QStringLiteral("/level_%1").arg(level);
    path += QStringLiteral("/data");

    QSignalSpy revealed(m_model.get(), &HierarchyModel::pathRevealed);
    QSignalSpy failed(m_model.get(), &HierarchyModel::revealFailed);
    m_model->revealPath(file, path);
    QTRY_VERIFY_WITH_TIMEOUT(revealed.count() + failed.count() > 0, Slow);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(revealed.count(), 1);
    const QModelIndex data = revealed.at(0).at(0).value<QModelIndex>();
    QVERIFY(data.isValid());
    QCOMPARE(data.data().toString(), QStringLiteral("data"));
    QCOMPARE(data.data(Model::PathRole).toString(), path);
    QCOMPARE(kindAt(data), ObjectKind::Dataset);
    QCOMPARE(m_model->indexForPath(file, path), data);
    // Walk back up: 201 ancestors below the file row.
    int depth = 0;
    for (QModelIndex p = data.parent(); p.isValid(); p = p.parent())
        ++depth;
    QCOMPARE(depth, 201);
}

void TestHierarchyModel::hardLinkCycleIsLazy()
{
    const QModelIndex file = addFixture(hs::fixtures::LinksFileName);
    QVERIFY(listAndWait(file));
    QModelIndex node = child(file, QStringLiteral("cycle"));
    QString expectedPath = QStringLiteral("/cycle");
    // /cycle/child/up is /cycle again: every level can be expanded, one at a time.
    for (int level = 0; level < 12; ++level) {
        QVERIFY(listAndWait(node));
        const QString next = level % 2 == 0 ? QStringLiteral("child") : QStringLiteral("up");
        QCOMPARE(childNames(node), QStringList{next});
        node = m_model->index(0, 0, node);
        expectedPath += QLatin1Char('/') + next;
        QCOMPARE(node.data(Model::PathRole).toString(), expectedPath);
        QCOMPARE(kindAt(node), ObjectKind::Group);
    }
    // Nothing below the deepest expanded level has been listed.
    QVERIFY(m_model->canFetchMore(node));
    QCOMPARE(m_model->rowCount(node), 0);
}

// Views skip a per-row lookup for rows flagged ItemNeverHasChildren; the flag
// must never hide a group's members (nor an external link's, whose target may
// be a group in another file).
void TestHierarchyModel::neverHasChildrenOnlyForNonGroups()
{
    const QModelIndex file = addFixture(hs::fixtures::LinksFileName);
    QVERIFY(!m_model->flags(file).testFlag(Qt::ItemNeverHasChildren));
    QVERIFY(listAndWait(file));
    const auto never = [this](const QModelIndex &i) { return m_model->flags(i).testFlag(Qt::ItemNeverHasChildren); };

    const QModelIndex group = child(file, QStringLiteral("group"));
    QCOMPARE(kindAt(group), ObjectKind::Group);
    QVERIFY(!never(group));
    const QModelIndex external = child(file, QStringLiteral("external_group"));
    QCOMPARE(LinkType(external.data(Model::LinkTypeRole).toInt()), LinkType::External);
    QVERIFY(!never(external));
    const QModelIndex dangling = child(file, QStringLiteral("dangling_soft"));
    QCOMPARE(kindAt(dangling), ObjectKind::Missing);
    QVERIFY(never(dangling));

    QVERIFY(listAndWait(group));
    const QModelIndex values = m_model->index(0, 0, group);
    QCOMPARE(kindAt(values), ObjectKind::Dataset);
    QVERIFY(never(values));
    QVERIFY(never(values.siblingAtColumn(Model::DetailsColumn)));
}

void TestHierarchyModel::softLinkLoopIsMissing()
{
    const QModelIndex file = addFixture(hs::fixtures::LinksFileName);
    QVERIFY(listAndWait(file));
    for (const char *name : {"loop_a", "loop_b"}) {
        const QModelIndex loop = child(file, QString::fromLatin1(name));
        QVERIFY(loop.isValid());
        QCOMPARE(kindAt(loop), ObjectKind::Missing);
        QCOMPARE(LinkType(loop.data(Model::LinkTypeRole).toInt()), LinkType::Soft);
        const QString problem = loop.data(Model::ProblemRole).toString();
        QVERIFY2(problem.contains(QLatin1String("loop")), qPrintable(problem));
        QVERIFY(!m_model->hasChildren(loop));
        QVERIFY(!m_model->canFetchMore(loop));
        QVERIFY(loop.data(Qt::ToolTipRole).toString().contains(problem));
    }
    const QModelIndex user = child(file, QStringLiteral("user_link"));
    QCOMPARE(kindAt(user), ObjectKind::Missing);
    QVERIFY(!user.data(Model::ProblemRole).toString().isEmpty());
}

void TestHierarchyModel::creationOrder()
{
    const QModelIndex file = addFixture(hs::fixtures::CreationOrderFileName);
    QVERIFY(listAndWait(file));
    const QPersistentModelIndex ordered(child(file, QStringLiteral("ordered")));
    const QPersistentModelIndex plain(child(file, QStringLiteral("plain")));
    QVERIFY(listAndWait(ordered));
    QVERIFY(listAndWait(plain));
    const QStringList byName = {QStringLiteral("alpha"), QStringLiteral("mid_2"), QStringLiteral("mid_10"),
                                QStringLiteral("zeta")};
    const QStringList byCreation = {QStringLiteral("zeta"), QStringLiteral("alpha"), QStringLiteral("mid_10"),
                                    QStringLiteral("mid_2")};
    QCOMPARE(childNames(ordered), byName);
    QCOMPARE(childNames(plain), byName);
    const QPersistentModelIndex zeta(child(ordered, QStringLiteral("zeta")));
    QCOMPARE(zeta.data(Model::CreationOrderRole).toLongLong(), 0);

    m_model->setChildOrder(ChildOrder::CreationOrder);
    QCOMPARE(m_model->childOrder(), ChildOrder::CreationOrder);
    QCOMPARE(childNames(ordered), byCreation);
    QCOMPARE(childNames(plain), byName); // does not track creation order
    QCOMPARE(zeta.row(), 0);             // persistent indexes follow their rows
    QCOMPARE(zeta.data().toString(), QStringLiteral("zeta"));

    m_model->setChildOrder(ChildOrder::Name);
    QCOMPARE(childNames(ordered), byName);
    QCOMPARE(zeta.row(), 3);
    QCOMPARE(zeta.data().toString(), QStringLiteral("zeta"));
}

void TestHierarchyModel::creationOrderBeforeListing()
{
    m_model->setChildOrder(ChildOrder::CreationOrder);
    const QModelIndex file = addFixture(hs::fixtures::CreationOrderFileName);
    QVERIFY(listAndWait(file));
    const QModelIndex ordered = child(file, QStringLiteral("ordered"));
    QVERIFY(listAndWait(ordered));
    QCOMPARE(childNames(ordered), (QStringList{QStringLiteral("zeta"), QStringLiteral("alpha"),
                                               QStringLiteral("mid_10"), QStringLiteral("mid_2")}));
}

void TestHierarchyModel::creationOrderChangedWhileListing()
{
    // The user switches to creation order while a large group is still being
    // listed (its first rows are shown, the rest is on its way).
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("tracked.h5"));
    QVERIFY(hs::fixtures::writeTrackedGroupFile(path, 1000));
    auto opened = H5File::open(path);
    QVERIFY(opened.ok());
    const QModelIndex file = m_model->addFile(*opened);
    QVERIFY(listAndWait(file));
    const QPersistentModelIndex tracked(child(file, QStringLiteral("tracked")));
    bool switched = false;
    connect(m_model.get(), &QAbstractItemModel::rowsInserted, this, [&](const QModelIndex &parent) {
        if (parent == tracked && !switched) {
            switched = true;
            QVERIFY(!m_model->isListingComplete(tracked)); // really in the middle
            m_model->setChildOrder(ChildOrder::CreationOrder);
        }
    });
    m_model->fetchMore(tracked);
    QTRY_VERIFY_WITH_TIMEOUT(m_model->isListingComplete(tracked), Slow);
    QVERIFY(switched);
    QCOMPARE(m_model->rowCount(tracked), 1000);
    QStringList expected;
    for (int i = 999; i >= 0; --i)
        expected << QStringLiteral("m_%1").arg(i);
    // The group is listed again in the new order (its rows arrive by row index,
    // so re-sorting them mid-listing would scramble them).
    QCOMPARE(childNames(tracked), expected);
    // Every row keeps its own creation index, also the link the file stores first.
    for (int r = 0; r < 1000; ++r)
        QCOMPARE(m_model->index(r, 0, tracked).data(HierarchyModel::CreationOrderRole).toLongLong(), qint64(r));
}

void TestHierarchyModel::revealOfMissingPathFails()
{
    const QModelIndex file = addFixture(hs::fixtures::LinksFileName);
    QSignalSpy revealed(m_model.get(), &HierarchyModel::pathRevealed);
    QSignalSpy failed(m_model.get(), &HierarchyModel::revealFailed);

    m_model->revealPath(file, QStringLiteral("/group/no_such_member"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, Slow);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("/group/no_such_member"));
    QVERIFY(!failed.at(0).at(1).toString().isEmpty());

    m_model->revealPath(file, QStringLiteral("/no_such_group/member"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, Slow);

    m_model->revealPath(file, QStringLiteral("/dataset/below_a_dataset"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 3, Slow);
    QCOMPARE(revealed.count(), 0);

    // And an existing one still works afterwards.
    m_model->revealPath(file, QStringLiteral("/shapes/one_d"));
    QTRY_COMPARE_WITH_TIMEOUT(revealed.count(), 1, Slow);
    QCOMPARE(revealed.at(0).at(0).value<QModelIndex>().data(Model::PathRole).toString(), QStringLiteral("/shapes/one_d"));
    QCOMPARE(failed.count(), 3);
}

void TestHierarchyModel::closeFileReleasesEverything()
{
    const QModelIndex links = addFixture(hs::fixtures::LinksFileName);
    const QModelIndex deep = addFixture(hs::fixtures::DeepFileName);
    QVERIFY(listAndWait(links));
    QVERIFY(listAndWait(child(links, QStringLiteral("shapes"))));
    QVERIFY(listAndWait(child(links, QStringLiteral("external_group"))));
    // Ask for details of everything listed, as a view showing the rows would.
    for (int r = 0; r < m_model->rowCount(links); ++r)
        m_model->index(r, 1, links).data();
    QVERIFY(openHdf5ObjectCount() > m_baseline);

    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_model->closeFile(m_model->index(0, 0, links)); // any index inside the file
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0, 0).data().toString(), QStringLiteral("deep.h5"));
    m_model->closeFile(m_model->index(0, 0));
    QCOMPARE(m_model->rowCount(), 0);
    Q_UNUSED(deep)

    QVERIFY(JobRunner::instance().waitForIdle(Slow));
    QCoreApplication::processEvents();
    QTRY_COMPARE_WITH_TIMEOUT(openHdf5ObjectCount(), m_baseline, Slow);
}

QTEST_GUILESS_MAIN(TestHierarchyModel)
#include "tst_hierarchymodel.moc"
