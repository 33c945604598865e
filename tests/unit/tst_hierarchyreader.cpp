// HierarchyReader: listing in batches, following every kind of link, summaries.

#include "testutil.h"

#include "fixtures/fixtures_damaged.h"

#include "services/h5file.h"
#include "services/hierarchyreader.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace hs::core;

Q_DECLARE_METATYPE(hs::core::ObjectKind)
Q_DECLARE_METATYPE(hs::core::LinkType)

namespace {

H5FilePtr openFixture(const char *name)
{
    auto f = H5File::open(hs::test::fixture(name));
    if (!f.ok())
        qWarning("%s", qPrintable(f.error().message));
    return f.ok() ? *f : nullptr;
}

const LinkEntry *find(const std::vector<LinkEntry> &entries, const QString &name)
{
    for (const LinkEntry &e : entries)
        if (e.name == name)
            return &e;
    return nullptr;
}

} // namespace

class TestHierarchyReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void listsInBatches();
    void batchBoundaryAtTheEnd();
    void largeGroupInBatches();
    void listsByCreationOrder();
    void cancelStopsListing();
    void missingGroupIsAnError();
    void linkTypesAndTargets();
    void resolveKinds_data();
    void resolveKinds();
    void resolveKindsByAddress();
    void externalLinksResolveNextToTheLinkingFile();
    void summarizeShapes_data();
    void summarizeShapes();
    void summarizeDatatypeAndGroup();
    void summarizeDanglingAndLoop();
    void hardLinkCycleHasOneIdentity();
    void tracksCreationOrder();
    void linkExists();
    void childPath();
    void unfindableListedMemberIsADamagedGroup();

private:
    H5FilePtr m_links;
    std::vector<LinkEntry> m_root; // every link of links.h5's root, kinds resolved
};

void TestHierarchyReader::initTestCase()
{
    HS_REQUIRE_FIXTURES();
    m_links = openFixture(hs::fixtures::LinksFileName);
    QVERIFY(m_links);
    HierarchyReader reader(m_links);
    auto batch = reader.listLinks(QStringLiteral("/"), ChildOrder::Name, 0, 1000);
    QVERIFY(batch.ok());
    QVERIFY(batch->complete);
    m_root = batch->entries;
    reader.resolveKinds(QStringLiteral("/"), m_root);
}

void TestHierarchyReader::cleanupTestCase()
{
    m_links.reset();
}

void TestHierarchyReader::listsInBatches()
{
    HierarchyReader reader(m_links);
    QSet<QString> names;
    quint64 cursor = 0;
    int batches = 0;
    for (;;) {
        auto batch = reader.listLinks(QStringLiteral("/"), ChildOrder::Name, cursor, 3);
        QVERIFY(batch.ok());
        QVERIFY(batch->entries.size() <= 3);
        QCOMPARE(batch->nextCursor, cursor + batch->entries.size());
        for (const LinkEntry &e : batch->entries) {
            QVERIFY2(!names.contains(e.name), qPrintable(e.name));
            names.insert(e.name);
            QCOMPARE(e.kind, ObjectKind::Unknown); // resolveKinds' job
        }
        ++batches;
        cursor = batch->nextCursor;
        if (batch->complete)
            break;
        QCOMPARE(batch->entries.size(), size_t(3));
        QVERIFY(batches < 100);
    }
    QCOMPARE(size_t(names.size()), m_root.size());
    QCOMPARE(batches, int((m_root.size() + 2) / 3));
}

void TestHierarchyReader::batchBoundaryAtTheEnd()
{
    // A batch that ends exactly on the last link says so: no empty extra call.
    HierarchyReader reader(m_links);
    auto all = reader.listLinks(QStringLiteral("/shapes"), ChildOrder::Name, 0, 4);
    QVERIFY(all.ok());
    QCOMPARE(all->entries.size(), size_t(4));
    QVERIFY(all->complete);

    auto first = reader.listLinks(QStringLiteral("/shapes"), ChildOrder::Name, 0, 2);
    QVERIFY(first.ok());
    QCOMPARE(first->entries.size(), size_t(2));
    QVERIFY(!first->complete);
    auto second = reader.listLinks(QStringLiteral("/shapes"), ChildOrder::Name, first->nextCursor, 2);
    QVERIFY(second.ok());
    QCOMPARE(second->entries.size(), size_t(2));
    QVERIFY(second->complete);
    QCOMPARE(first->entries[0].name, all->entries[0].name);
    QCOMPARE(second->entries[1].name, all->entries[3].name);
}

void TestHierarchyReader::largeGroupInBatches()
{
    H5FilePtr file = openFixture(hs::fixtures::LargeGroupFileName);
    QVERIFY(file);
    HierarchyReader reader(file);
    QSet<QString> names;
    names.reserve(200000);
    quint64 cursor = 0;
    bool complete = false;
    while (!complete) {
        auto batch = reader.listLinks(QStringLiteral("/big"), ChildOrder::Name, cursor, 60000);
        QVERIFY(batch.ok());
        for (const LinkEntry &e : batch->entries)
            names.insert(e.name);
        cursor = batch->nextCursor;
        complete = batch->complete;
    }
    QCOMPARE(names.size(), qsizetype(200000));
    QVERIFY(names.contains(QStringLiteral("item_0")));
    QVERIFY(names.contains(QStringLiteral("item_199999")));
}

void TestHierarchyReader::listsByCreationOrder()
{
    H5FilePtr file = openFixture(hs::fixtures::CreationOrderFileName);
    QVERIFY(file);
    HierarchyReader reader(file);
    auto batch = reader.listLinks(QStringLiteral("/ordered"), ChildOrder::CreationOrder, 0, 100);
    QVERIFY(batch.ok());
    QStringList names;
    for (const LinkEntry &e : batch->entries) {
        names << e.name;
        QCOMPARE(e.creationOrder, qint64(names.size() - 1));
    }
    QCOMPARE(names, (QStringList{QStringLiteral("zeta"), QStringLiteral("alpha"), QStringLiteral("mid_10"),
                                 QStringLiteral("mid_2")}));

    // Listed by name, a tracking group still reports each link's creation order;
    // a group that does not track it reports -1.
    auto byName = reader.listLinks(QStringLiteral("/ordered"), ChildOrder::Name, 0, 100);
    QVERIFY(byName.ok());
    QCOMPARE(find(byName->entries, QStringLiteral("zeta"))->creationOrder, qint64(0));
    QCOMPARE(find(byName->entries, QStringLiteral("mid_2"))->creationOrder, qint64(3));
    auto plain = reader.listLinks(QStringLiteral("/plain"), ChildOrder::Name, 0, 100);
    QVERIFY(plain.ok());
    QCOMPARE(plain->entries.size(), size_t(4));
    for (const LinkEntry &e : plain->entries)
        QCOMPARE(e.creationOrder, qint64(-1));
}

void TestHierarchyReader::cancelStopsListing()
{
    std::atomic_bool cancel{true};
    auto batch = HierarchyReader(m_links).listLinks(QStringLiteral("/"), ChildOrder::Name, 0, 1000, &cancel);
    QVERIFY(!batch.ok());
    QCOMPARE(batch.error().code, ErrorCode::Cancelled);
}

void TestHierarchyReader::missingGroupIsAnError()
{
    auto batch = HierarchyReader(m_links).listLinks(QStringLiteral("/no/such/group"), ChildOrder::Name, 0, 10);
    QVERIFY(!batch.ok());
    QCOMPARE(batch.error().code, ErrorCode::NotFound);
    QVERIFY(!batch.error().message.isEmpty());
}

void TestHierarchyReader::linkTypesAndTargets()
{
    auto check = [&](const char *name, LinkType type, const char *target, const char *targetFile) {
        const LinkEntry *e = find(m_root, QString::fromLatin1(name));
        QVERIFY2(e, name);
        QCOMPARE(e->linkType, type);
        QCOMPARE(e->target, QString::fromLatin1(target));
        QCOMPARE(e->targetFile, QString::fromLatin1(targetFile));
    };
    check("group", LinkType::Hard, "", "");
    check("soft_group", LinkType::Soft, "/group", "");
    check("dangling_soft", LinkType::Soft, "/no/such/object", "");
    check("loop_a", LinkType::Soft, "/loop_b", "");
    check("external_group", LinkType::External, "/target_group", "links_target.h5");
    check("dangling_external", LinkType::External, "/anything", "missing_file.h5");
    const LinkEntry *user = find(m_root, QStringLiteral("user_link"));
    QVERIFY(user);
    QCOMPARE(user->linkType, LinkType::User);
    QVERIFY(!user->target.isEmpty());
}

void TestHierarchyReader::resolveKinds_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<hs::core::ObjectKind>("kind");
    QTest::addColumn<QString>("problemPattern"); // empty: the link resolves

    QTest::newRow("hard group") << QStringLiteral("group") << ObjectKind::Group << QString();
    QTest::newRow("hard dataset") << QStringLiteral("dataset") << ObjectKind::Dataset << QString();
    QTest::newRow("second hard link") << QStringLiteral("hard_alias") << ObjectKind::Dataset << QString();
    QTest::newRow("hard datatype group") << QStringLiteral("types") << ObjectKind::Group << QString();
    QTest::newRow("soft to group") << QStringLiteral("soft_group") << ObjectKind::Group << QString();
    QTest::newRow("soft to dataset") << QStringLiteral("soft_dataset") << ObjectKind::Dataset << QString();
    QTest::newRow("soft to datatype") << QStringLiteral("soft_datatype") << ObjectKind::Datatype << QString();
    QTest::newRow("external group") << QStringLiteral("external_group") << ObjectKind::Group << QString();
    QTest::newRow("external dataset") << QStringLiteral("external_dataset") << ObjectKind::Dataset << QString();
    QTest::newRow("dangling soft") << QStringLiteral("dangling_soft") << ObjectKind::Missing << QStringLiteral("dangling|not exist");
    QTest::newRow("dangling external (file)")
        << QStringLiteral("dangling_external") << ObjectKind::Missing << QStringLiteral("missing_file\\.h5|not exist");
    QTest::newRow("dangling external (object)")
        << QStringLiteral("external_missing_object") << ObjectKind::Missing << QStringLiteral("not exist");
    QTest::newRow("user-defined") << QStringLiteral("user_link") << ObjectKind::Missing << QStringLiteral("User-defined");
    QTest::newRow("soft loop a") << QStringLiteral("loop_a") << ObjectKind::Missing << QStringLiteral("loop");
    QTest::newRow("soft loop b") << QStringLiteral("loop_b") << ObjectKind::Missing << QStringLiteral("loop");
    QTest::newRow("hard cycle") << QStringLiteral("cycle") << ObjectKind::Group << QString();
}

void TestHierarchyReader::resolveKinds()
{
    QFETCH(QString, name);
    QFETCH(hs::core::ObjectKind, kind);
    QFETCH(QString, problemPattern);
    const LinkEntry *e = find(m_root, name);
    QVERIFY(e);
    QCOMPARE(e->kind, kind);
    if (problemPattern.isEmpty()) {
        QVERIFY2(e->problem.isEmpty(), qPrintable(e->problem));
    } else {
        const QRegularExpression re(problemPattern, QRegularExpression::CaseInsensitiveOption);
        QVERIFY2(e->problem.contains(re), qPrintable(e->problem));
        for (const char *jargon : {"H5", "major", "minor"})
            QVERIFY2(!e->problem.contains(QLatin1String(jargon)), qPrintable(e->problem));
    }
}

// Kinds by the object addresses the listing saw match kinds by name, link by
// link (problems included); an address that leads nowhere falls back to the
// name and still gives the right kind.
void TestHierarchyReader::resolveKindsByAddress()
{
    HierarchyReader reader(m_links);
    std::vector<LinkEntry> entries;
    std::vector<quint64> addresses;
    HierarchyReader::LinkVisitor visitor;
    visitor.address = [&](quint64 a) { addresses.push_back(a); };
    visitor.visit = [&](LinkEntry &&e) { entries.push_back(std::move(e)); };
    auto batch = reader.listLinks(QStringLiteral("/"), ChildOrder::Name, 0, 1000, nullptr, visitor);
    QVERIFY(batch.ok());
    QCOMPARE(addresses.size(), entries.size());
    QCOMPARE(entries.size(), m_root.size());
    int hard = 0;
    for (size_t i = 0; i < entries.size(); ++i) {
        QCOMPARE(addresses[i] != HierarchyReader::NoAddress, entries[i].linkType == LinkType::Hard);
        hard += entries[i].linkType == LinkType::Hard;
    }
    QVERIFY(hard >= 3);
    reader.resolveKinds(QStringLiteral("/"), entries, addresses);
    for (size_t i = 0; i < entries.size(); ++i) {
        const LinkEntry *byName = find(m_root, entries[i].name);
        QVERIFY(byName);
        QCOMPARE(entries[i].kind, byName->kind);
        QCOMPARE(entries[i].problem, byName->problem);
    }

    // Past the end of the file: HDF5 refuses it; the name still resolves.
    std::vector<LinkEntry> again = entries;
    for (LinkEntry &e : again)
        e.kind = ObjectKind::Unknown;
    std::vector<quint64> bogus(again.size(), quint64(1) << 40);
    reader.resolveKinds(QStringLiteral("/"), again, bogus);
    for (const LinkEntry &e : again) {
        const LinkEntry *byName = find(m_root, e.name);
        QVERIFY(byName);
        QCOMPARE(e.kind, byName->kind);
    }
}

void TestHierarchyReader::externalLinksResolveNextToTheLinkingFile()
{
    // From another working directory the file is found next to links.h5, not
    // next to the process.
    QTemporaryDir elsewhere;
    QVERIFY(elsewhere.isValid());
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(elsewhere.path()));
    auto restore = qScopeGuard([&] { QDir::setCurrent(previous); });

    auto opened = H5File::open(hs::test::fixture(hs::fixtures::LinksFileName));
    QVERIFY(opened.ok());
    HierarchyReader reader(*opened);
    std::vector<LinkEntry> entries(2);
    entries[0].name = QStringLiteral("external_group");
    entries[0].linkType = LinkType::External;
    entries[1].name = QStringLiteral("external_dataset");
    entries[1].linkType = LinkType::External;
    reader.resolveKinds(QStringLiteral("/"), entries);
    QCOMPARE(entries[0].kind, ObjectKind::Group);
    QCOMPARE(entries[1].kind, ObjectKind::Dataset);

    auto inside = reader.listLinks(QStringLiteral("/external_group"), ChildOrder::Name, 0, 10);
    QVERIFY(inside.ok());
    QCOMPARE(inside->entries.size(), size_t(1));
    QCOMPARE(inside->entries[0].name, QStringLiteral("inside"));
    auto summary = reader.summarize(QStringLiteral("/external_dataset"));
    QVERIFY(summary.ok());
    QCOMPARE(summary->shape->dims, std::vector<quint64>{6});
}

void TestHierarchyReader::summarizeShapes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("shapeKind");
    QTest::addColumn<QList<quint64>>("dims");
    QTest::addColumn<QList<qint64>>("maxDims");
    QTest::addColumn<QString>("brief");
    QTest::addColumn<QString>("typeText");
    QTest::addColumn<QString>("shapeText");

    QTest::newRow("scalar") << QStringLiteral("/shapes/scalar") << int(ShapeInfo::Kind::Scalar) << QList<quint64>{}
                            << QList<qint64>{} << QStringLiteral("float64") << QStringLiteral("H5T_IEEE_F64LE")
                            << QStringLiteral("scalar");
    QTest::newRow("null") << QStringLiteral("/shapes/null") << int(ShapeInfo::Kind::Null) << QList<quint64>{}
                          << QList<qint64>{} << QStringLiteral("int32") << QStringLiteral("H5T_STD_I32LE")
                          << QStringLiteral("null");
    QTest::newRow("1-D") << QStringLiteral("/shapes/one_d") << int(ShapeInfo::Kind::Simple) << QList<quint64>{10}
                         << QList<qint64>{10} << QStringLiteral("float64") << QStringLiteral("H5T_IEEE_F64LE")
                         << QStringLiteral("10");
    QTest::newRow("2-D unlimited") << QStringLiteral("/shapes/two_d_unlimited") << int(ShapeInfo::Kind::Simple)
                                   << QList<quint64>{3, 4} << QList<qint64>{-1, 4} << QStringLiteral("int16")
                                   << QStringLiteral("H5T_STD_I16LE") << QStringLiteral("3 \u00d7 4");
    QTest::newRow("via soft link") << QStringLiteral("/soft_dataset") << int(ShapeInfo::Kind::Simple)
                                   << QList<quint64>{10} << QList<qint64>{10} << QStringLiteral("int32")
                                   << QStringLiteral("H5T_STD_I32LE") << QStringLiteral("10");
    QTest::newRow("committed type") << QStringLiteral("/typed") << int(ShapeInfo::Kind::Simple) << QList<quint64>{3}
                                    << QList<qint64>{3} << QStringLiteral("float64") << QStringLiteral("H5T_IEEE_F64LE")
                                    << QStringLiteral("3");
}

void TestHierarchyReader::summarizeShapes()
{
    QFETCH(QString, path);
    QFETCH(int, shapeKind);
    QFETCH(QList<quint64>, dims);
    QFETCH(QList<qint64>, maxDims);
    QFETCH(QString, brief);
    QFETCH(QString, typeText);
    QFETCH(QString, shapeText);

    auto s = HierarchyReader(m_links).summarize(path);
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
    QCOMPARE(s->path, path);
    QCOMPARE(s->kind, ObjectKind::Dataset);
    QVERIFY(s->id.isValid());
    QVERIFY(s->shape.has_value());
    QCOMPARE(int(s->shape->kind), shapeKind);
    QCOMPARE(QList<quint64>(s->shape->dims.begin(), s->shape->dims.end()), dims);
    QCOMPARE(QList<qint64>(s->shape->maxDims.begin(), s->shape->maxDims.end()), maxDims);
    QCOMPARE(s->shape->text(), shapeText);
    QVERIFY(s->type.has_value());
    QCOMPARE(s->type->brief, brief);
    QCOMPARE(s->type->text, typeText);
}

void TestHierarchyReader::summarizeDatatypeAndGroup()
{
    HierarchyReader reader(m_links);
    auto type = reader.summarize(QStringLiteral("/types/celsius"));
    QVERIFY(type.ok());
    QCOMPARE(type->kind, ObjectKind::Datatype);
    QVERIFY(type->type.has_value());
    QCOMPARE(type->type->typeClass, QStringLiteral("float"));
    QVERIFY(!type->shape.has_value());

    auto group = reader.summarize(QStringLiteral("/shapes"));
    QVERIFY(group.ok());
    QCOMPARE(group->kind, ObjectKind::Group);
    QVERIFY(group->memberCountKnown);
    QCOMPARE(group->memberCount, quint64(4));

    auto root = reader.summarize(QStringLiteral("/"));
    QVERIFY(root.ok());
    QCOMPARE(root->kind, ObjectKind::Group);
    QCOMPARE(root->memberCount, quint64(m_root.size()));

    auto soft = reader.summarize(QStringLiteral("/soft_group"));
    QVERIFY(soft.ok());
    QCOMPARE(soft->link.linkType, LinkType::Soft);
    QCOMPARE(soft->link.target, QStringLiteral("/group"));
    QCOMPARE(soft->kind, ObjectKind::Group);
}

void TestHierarchyReader::summarizeDanglingAndLoop()
{
    HierarchyReader reader(m_links);
    auto dangling = reader.summarize(QStringLiteral("/dangling_soft"));
    QVERIFY(dangling.ok()); // the link exists; it just leads nowhere
    QCOMPARE(dangling->kind, ObjectKind::Missing);
    QVERIFY(dangling->link.problem.contains(QLatin1String("dangling")));

    auto loop = reader.summarize(QStringLiteral("/loop_a"));
    QVERIFY(loop.ok());
    QCOMPARE(loop->kind, ObjectKind::Missing);
    QVERIFY2(loop->link.problem.contains(QLatin1String("loop")), qPrintable(loop->link.problem));

    auto user = reader.summarize(QStringLiteral("/user_link"));
    QVERIFY(user.ok());
    QCOMPARE(user->kind, ObjectKind::Missing);
    QCOMPARE(user->link.linkType, LinkType::User);

    auto missing = reader.summarize(QStringLiteral("/not_a_link"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
}

void TestHierarchyReader::hardLinkCycleHasOneIdentity()
{
    HierarchyReader reader(m_links);
    auto cycle = reader.summarize(QStringLiteral("/cycle"));
    auto up = reader.summarize(QStringLiteral("/cycle/child/up"));
    auto deeper = reader.summarize(QStringLiteral("/cycle/child/up/child/up/child/up"));
    auto child = reader.summarize(QStringLiteral("/cycle/child"));
    QVERIFY(cycle.ok() && up.ok() && deeper.ok() && child.ok());
    QCOMPARE(up->id, cycle->id);
    QCOMPARE(deeper->id, cycle->id);
    QVERIFY(!(child->id == cycle->id));
    auto alias = reader.summarize(QStringLiteral("/hard_alias"));
    auto dataset = reader.summarize(QStringLiteral("/dataset"));
    QCOMPARE(alias->id, dataset->id);
}

void TestHierarchyReader::tracksCreationOrder()
{
    H5FilePtr file = openFixture(hs::fixtures::CreationOrderFileName);
    QVERIFY(file);
    HierarchyReader reader(file);
    QVERIFY(reader.tracksCreationOrder(QStringLiteral("/ordered")));
    QVERIFY(!reader.tracksCreationOrder(QStringLiteral("/plain")));
    QVERIFY(!reader.tracksCreationOrder(QStringLiteral("/")));
    QVERIFY(!reader.tracksCreationOrder(QStringLiteral("/no_such_group")));
}

void TestHierarchyReader::linkExists()
{
    HierarchyReader reader(m_links);
    QVERIFY(reader.linkExists(QStringLiteral("/")));
    QVERIFY(reader.linkExists(QStringLiteral("/group/values")));
    QVERIFY(reader.linkExists(QStringLiteral("/dangling_soft"))); // exists as a link
    QVERIFY(reader.linkExists(QStringLiteral("/loop_a")));
    QVERIFY(!reader.linkExists(QStringLiteral("/nope")));
    QVERIFY(!reader.linkExists(QStringLiteral("/group/nope")));
}

void TestHierarchyReader::childPath()
{
    QCOMPARE(HierarchyReader::childPath(QStringLiteral("/"), QStringLiteral("a")), QStringLiteral("/a"));
    QCOMPARE(HierarchyReader::childPath(QStringLiteral("/a"), QStringLiteral("b")), QStringLiteral("/a/b"));
}

// The tree resolves the kinds of listed members: a hard link the group lists
// but cannot look up by name is a damaged group, not a broken link.
void TestHierarchyReader::unfindableListedMemberIsADamagedGroup()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken_index.h5"));
    QVERIFY(hs::fixtures::writeBrokenNameIndexFile(path));
    auto file = H5File::open(path);
    QVERIFY(file);
    HierarchyReader reader(file.value());
    auto batch = reader.listLinks(QStringLiteral("/g"), ChildOrder::Name, 0, 100);
    QVERIFY(batch);
    std::vector<LinkEntry> entries = batch->entries;
    QCOMPARE(entries.size(), size_t(8));
    reader.resolveKinds(QStringLiteral("/g"), entries);
    for (const LinkEntry &e : entries) {
        if (e.name == QLatin1String("zzzzzz_3")) {
            QCOMPARE(e.kind, ObjectKind::Missing);
            QVERIFY2(e.problem.contains(QStringLiteral("group \u201c/g\u201d is damaged")), qPrintable(e.problem));
        } else {
            QCOMPARE(e.kind, ObjectKind::Group);
        }
    }
}

QTEST_GUILESS_MAIN(TestHierarchyReader)
#include "tst_hierarchyreader.moc"
