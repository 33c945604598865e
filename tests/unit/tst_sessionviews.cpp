// The core models following a file's session: HierarchyModel lists a changed
// group again by difference (rows that stay keep their persistent indexes),
// moves and removes rows; TilePager / DatasetTableModel drop exactly the tiles
// of a changed region and read them again. QAbstractItemModelTester watches
// every model throughout.

#include "jobs/jobrunner.h"
#include "models/datasettablemodel.h"
#include "models/hierarchymodel.h"
#include "models/tilepager.h"
#include "services/datasetreader.h"
#include "session/filesession.h"
#include "unit/testedits.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hs::core;
using namespace hs::test;
using Model = HierarchyModel;

namespace {

constexpr int Slow = 60000;

bool tilesIdle(const TilePager &p)
{
    return p.queuedCount() == 0 && p.inFlightCount() == 0;
}

} // namespace

// Changes nothing; says the members of `group` changed (what was written
// behind the session's back).
class Announce final : public EditOperation
{
public:
    explicit Announce(QString group) : m_group(std::move(group)) {}
    QString description() const override { return QStringLiteral("Announce"); }
    Status apply(EditContext &ctx) override
    {
        ctx.changes().membersChanged.push_back(m_group);
        return Ok{};
    }
    Status revert(EditContext &ctx) override { return apply(ctx); }

private:
    QString m_group;
};

class TestSessionViews : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    H5FilePtr m_file;
    std::unique_ptr<FileSession> m_session;
    std::unique_ptr<Model> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    QModelIndex child(const QModelIndex &parent, const QString &name) const
    {
        for (int r = 0; r < m_model->rowCount(parent); ++r) {
            const QModelIndex i = m_model->index(r, 0, parent);
            if (i.data(Model::PathRole).toString().section(QLatin1Char('/'), -1) == name)
                return i;
        }
        return {};
    }
    QStringList names(const QModelIndex &parent) const
    {
        QStringList n;
        for (int r = 0; r < m_model->rowCount(parent); ++r)
            n << m_model->index(r, 0, parent).data(Qt::DisplayRole).toString();
        return n;
    }
    bool listed(const QModelIndex &group)
    {
        m_model->ensureListed(group);
        return QTest::qWaitFor([&] { return m_model->isListingComplete(group); }, Slow);
    }
    bool run(std::shared_ptr<EditOperation> op, FileSession::Direction d = FileSession::Direction::Apply)
    {
        bool ok = false;
        m_session->submit(std::move(op), d, [&ok](const Status &s) { ok = s.ok(); });
        return m_session->waitForWrites() && ok;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("%1.h5").arg(QLatin1String(QTest::currentTestFunction())));
        QVERIFY(writeFixture(path));
        auto f = H5File::open(path, H5File::Mode::ReadWrite);
        QVERIFY(f);
        m_file = f.value();
        m_session = std::make_unique<FileSession>(m_file); // before the model: it follows the session
        m_model = std::make_unique<Model>();
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->addFile(m_file);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_session.reset();
        m_file.reset();
        QVERIFY(JobRunner::instance().waitForIdle(30000));
        QCoreApplication::processEvents();
    }

    void createdGroupAppearsAndUndoRemovesIt()
    {
        const QModelIndex root = m_model->fileIndex(0);
        QVERIFY(listed(root));
        const QModelIndex g = child(root, QStringLiteral("g"));
        QVERIFY(listed(g));
        const QPersistentModelIndex inner = child(g, QStringLiteral("inner"));
        const QPersistentModelIndex d = child(root, QStringLiteral("d"));
        QVERIFY(inner.isValid() && d.isValid());
        QCOMPARE(names(root), (QStringList{QStringLiteral("big"), QStringLiteral("d"), QStringLiteral("g")}));

        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        auto create = std::make_shared<CreateGroup>(QStringLiteral("/g/a"));
        QVERIFY(run(create));
        QTRY_COMPARE_WITH_TIMEOUT(names(g), (QStringList{QStringLiteral("a"), QStringLiteral("inner")}), Slow);
        QCOMPARE(inserted.count(), 1); // the new row only
        QCOMPARE(reset.count(), 0);
        QVERIFY(inner.isValid());
        QCOMPARE(inner.data(Model::PathRole).toString(), QStringLiteral("/g/inner"));
        QCOMPARE(inner.row(), 1);

        // A new member of the root, before "d" in name order.
        QVERIFY(run(std::make_shared<CreateGroup>(QStringLiteral("/c"))));
        QTRY_COMPARE_WITH_TIMEOUT(names(root).size(), 4, Slow);
        QCOMPARE(names(root), (QStringList{QStringLiteral("big"), QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("g")}));
        QCOMPARE(d.data(Model::PathRole).toString(), QStringLiteral("/d"));
        QCOMPARE(d.row(), 2);

        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        QVERIFY(run(create, FileSession::Direction::Revert));
        QTRY_COMPARE_WITH_TIMEOUT(names(g), QStringList{QStringLiteral("inner")}, Slow);
        QCOMPARE(removed.count(), 1);
        QVERIFY(inner.isValid());
        QCOMPARE(inner.row(), 0);
        // Redo brings it back.
        QVERIFY(run(create));
        QTRY_COMPARE_WITH_TIMEOUT(names(g), (QStringList{QStringLiteral("a"), QStringLiteral("inner")}), Slow);
    }

    void groupChangedWhileNotListedOrListing()
    {
        // The tester may start listing /g at any time: whether the change
        // comes before, during or after that listing, the rows end right.
        const QModelIndex root = m_model->fileIndex(0);
        QVERIFY(listed(root));
        const QModelIndex g = child(root, QStringLiteral("g"));
        QVERIFY(run(std::make_shared<CreateGroup>(QStringLiteral("/g/b"))));
        QVERIFY(listed(g));
        QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(g), 2, Slow);
        QCOMPARE(names(g), (QStringList{QStringLiteral("b"), QStringLiteral("inner")}));
    }

    void renamedRowKeepsItsMembers()
    {
        const QModelIndex root = m_model->fileIndex(0);
        QVERIFY(listed(root));
        const QPersistentModelIndex g = child(root, QStringLiteral("g"));
        QVERIFY(listed(g));
        const QPersistentModelIndex inner = child(g, QStringLiteral("inner"));
        QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);

        auto rename = std::make_shared<MoveLink>(QStringLiteral("/g"), QStringLiteral("/a"));
        QVERIFY(run(rename));
        QTRY_COMPARE_WITH_TIMEOUT(names(root), (QStringList{QStringLiteral("a"), QStringLiteral("big"), QStringLiteral("d")}), Slow);
        QCOMPARE(moved.count(), 1);
        QCOMPARE(removed.count(), 0);
        QVERIFY(g.isValid());
        QCOMPARE(g.data(Model::PathRole).toString(), QStringLiteral("/a"));
        QVERIFY(inner.isValid()); // the members came along
        QCOMPARE(inner.data(Model::PathRole).toString(), QStringLiteral("/a/inner"));

        QVERIFY(run(rename, FileSession::Direction::Revert));
        QTRY_COMPARE_WITH_TIMEOUT(names(root), (QStringList{QStringLiteral("big"), QStringLiteral("d"), QStringLiteral("g")}), Slow);
        QCOMPARE(inner.data(Model::PathRole).toString(), QStringLiteral("/g/inner"));

        // Into another group: the row moves there.
        auto into = std::make_shared<MoveLink>(QStringLiteral("/g/inner"), QStringLiteral("/inner"));
        QVERIFY(run(into));
        QTRY_COMPARE_WITH_TIMEOUT(names(root).size(), 4, Slow);
        QVERIFY(inner.isValid());
        QCOMPARE(inner.data(Model::PathRole).toString(), QStringLiteral("/inner"));
        QCOMPARE(m_model->rowCount(g), 0);
    }

    void largeGroupIsListedAgain()
    {
        // More rows than one GUI-thread step may compare: listed again in slices.
        // The links are made behind the model's back (the tester may list the
        // root at any time), then announced as one change of the root.
        {
            LibraryLock lock;
            const hid_t f = fileId(*m_file);
            const hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
            H5Pset_create_intermediate_group(lcpl, 1);
            for (int i = 0; i <= Model::SliceRows; ++i)
                QVERIFY(H5Lcreate_hard(f, "/d", f, QStringLiteral("/many/m%1").arg(i).toUtf8().constData(), lcpl, H5P_DEFAULT) >= 0);
            H5Pclose(lcpl);
        }
        QVERIFY(run(std::make_shared<Announce>(QStringLiteral("/"))));
        const QModelIndex root = m_model->fileIndex(0);
        QVERIFY(listed(root));
        QTRY_VERIFY_WITH_TIMEOUT(child(root, QStringLiteral("many")).isValid(), Slow);
        const QPersistentModelIndex many = child(root, QStringLiteral("many"));
        QVERIFY(listed(many));
        QCOMPARE(m_model->rowCount(many), Model::SliceRows + 1);
        QVERIFY(run(std::make_shared<CreateGroup>(QStringLiteral("/many/zz"))));
        QTRY_VERIFY_WITH_TIMEOUT(m_model->isListingComplete(many) && m_model->rowCount(many) == Model::SliceRows + 2, Slow);
        QVERIFY(child(many, QStringLiteral("zz")).isValid());
    }

    void modeChangeRepaintsTheFileRow()
    {
        const QModelIndex root = m_model->fileIndex(0);
        const QModelIndex details = root.siblingAtColumn(Model::DetailsColumn);
        QCOMPARE(details.data().toString(), QStringLiteral("read-write"));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_session->setEditable(false);
        QTRY_VERIFY(!m_session->isReopening() && m_file->isReadOnly());
        const auto rootChanged = [&] {
            for (const QList<QVariant> &c : changed)
                if (c.at(0).value<QModelIndex>() == root && c.at(1).value<QModelIndex>() == details)
                    return true;
            return false;
        };
        QTRY_VERIFY(rootChanged());
        QCOMPARE(details.data().toString(), QStringLiteral("read-only"));
    }

    void stridedTransposedViewRereadsTheTileShowingTheCell()
    {
        // The session's region (dataset coordinates) through the model to the
        // one tile of a strided, transposed view that shows it.
        auto reader = DatasetReader::open(m_file, QStringLiteral("/big"));
        QVERIFY(reader);
        DatasetTableModel model(reader.value());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Selection s = Selection::all({100, 100});
        s.dims()[1].start = 1;
        s.dims()[1].stride = 2;
        s.dims()[1].count = 49; // dataset columns 1, 3, ..., 97 go down
        model.setView(s, true);
        model.setWindow(0, 0, 49, 100);
        TilePager &pager = *model.pager();
        QTRY_VERIFY_WITH_TIMEOUT(tilesIdle(pager) && model.isLoaded(48, 5), Slow);
        QVERIFY(pager.tileRows() < 49); // more than one tile down
        QCOMPARE(model.cellText(48, 5), QStringLiteral("5097"));
        connect(m_session.get(), &FileSession::valuesChanged, &model, [&model](const QString &, const ValueRegion &r) {
            model.invalidateRegion(r.start, r.count);
        });
        QSignalSpy arrived(&pager, &TilePager::blockArrived);
        QVERIFY(run(std::make_shared<SetCell>(5, 97, -3, nullptr, "/big")));
        QTRY_COMPARE_WITH_TIMEOUT(model.cellText(48, 5), QStringLiteral("-3"), Slow);
        QTRY_VERIFY_WITH_TIMEOUT(tilesIdle(pager), Slow);
        QCOMPARE(arrived.count(), 1); // that tile only
        QCOMPARE(arrived.at(0).at(0).toULongLong(), 48 / pager.tileRows() * pager.tileRows());
        QCOMPARE(arrived.at(0).at(2).toULongLong(), quint64(0));
        // A column the view skips: what is on screen stays right.
        QVERIFY(run(std::make_shared<SetCell>(5, 96, -4, nullptr, "/big")));
        QTRY_VERIFY_WITH_TIMEOUT(tilesIdle(pager), Slow);
        QCOMPARE(model.cellText(48, 5), QStringLiteral("-3"));
        QCOMPARE(model.cellText(47, 5), QStringLiteral("5095"));
    }

    void tableShowsTheNewValueAfterAnEditAndItsUndo()
    {
        auto reader = DatasetReader::open(m_file, QStringLiteral("/big"));
        QVERIFY(reader);
        DatasetTableModel model(reader.value());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setView(Selection::all({100, 100}), false);
        model.setWindow(30, 45, 20, 10);
        QTRY_VERIFY_WITH_TIMEOUT(model.isLoaded(40, 50), Slow);
        QCOMPARE(model.cellText(40, 50), QStringLiteral("40050"));
        connect(m_session.get(), &FileSession::valuesChanged, &model, [&model](const QString &path, const ValueRegion &r) {
            if (path == QLatin1String("/big"))
                model.invalidateRegion(r.start, r.count);
        });
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        auto edit = std::make_shared<SetCell>(40, 50, 7, nullptr, "/big");
        QVERIFY(run(edit));
        QTRY_COMPARE_WITH_TIMEOUT(model.cellText(40, 50), QStringLiteral("7"), Slow);
        QVERIFY(changed.count() >= 1); // as the tile arrives
        QVERIFY(run(edit, FileSession::Direction::Revert));
        QTRY_COMPARE_WITH_TIMEOUT(model.cellText(40, 50), QStringLiteral("40050"), Slow);
    }
};

QTEST_GUILESS_MAIN(TestSessionViews)
#include "tst_sessionviews.moc"
