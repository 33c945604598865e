// The structure edits of issue 9 (core/edit; resizing has its own test):
// each one applied, reverted and applied again through a FileSession with the
// file's links compared after each step; refusals leave the file
// byte-for-byte unchanged.

#include "structuretesting.h"

#include "edit/compressioncatalog.h"
#include "edit/copyobjectoperation.h"
#include "edit/createdatasetoperation.h"
#include "edit/createexternallinkoperation.h"
#include "edit/creategroupoperation.h"
#include "edit/createsoftlinkoperation.h"
#include "edit/deleteoperation.h"
#include "edit/moveoperation.h"
#include "edit/renameoperation.h"
#include "edit/resizedatasetoperation.h"
#include "edit/setsoftlinktargetoperation.h"
#include "services/datasetreader.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace hs::core;
using namespace hs::test;

class TestStructureOperations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createGroup()
    {
        StructureFile f;
        QVERIFY(f.ok());
        QSignalSpy members(f.session.get(), &FileSession::membersChanged);
        auto op = std::make_shared<CreateGroupOperation>(QStringLiteral("/g/new"));
        QCOMPARE(op->description(), QStringLiteral("Create group /g/new"));
        const QStringList after = roundTrip(f, op);
        QVERIFY(!after.isEmpty());
        QVERIFY(after.filter(QStringLiteral("/g/new hard 0")).size() == 1);
        QCOMPARE(members.size(), 3);
        QCOMPARE(members.at(0).at(0).toString(), QStringLiteral("/g"));
    }

    void createGroupRefused()
    {
        StructureFile f;
        QVERIFY(f.ok());
        expectRefusedUnchanged(f, std::make_shared<CreateGroupOperation>(QStringLiteral("/g")), "already exists");
        expectRefusedUnchanged(f, std::make_shared<CreateGroupOperation>(QStringLiteral("/missing/x")), "There is no group");
        expectRefusedUnchanged(f, std::make_shared<CreateGroupOperation>(QStringLiteral("/data/t/x")), "There is no group");
        expectRefusedUnchanged(f, std::make_shared<CreateGroupOperation>(QStringLiteral("/")), "root");
        expectRefusedUnchanged(f, std::make_shared<CreateGroupOperation>(QStringLiteral("/g/.")), "cannot be a name");
    }

    // The newest file format (superblock v3, dense links) records in the file
    // that a writer has it open; a refused edit still leaves it as it was.
    void refusedUnchangedLatestFormat()
    {
        StructureFile f(H5File::Mode::ReadWrite, true);
        QVERIFY(f.ok());
        expectRefusedUnchanged(f, std::make_shared<CreateGroupOperation>(QStringLiteral("/data")), "already exists");
        expectRefusedUnchanged(f, std::make_shared<RenameOperation>(QStringLiteral("/g"), QStringLiteral("/soft")),
                               "already exists");
        expectRefusedUnchanged(
            f, std::make_shared<ResizeDatasetOperation>(QStringLiteral("/data/t"), std::vector<quint64>{9, 9}), "at most");
        // And an applied then reverted edit works on it as well.
        auto op = std::make_shared<DeleteOperation>(QStringLiteral("/data"));
        const haddr_t addr = addressOf(*f.file, "/data");
        QVERIFY(!roundTrip(f, op).isEmpty());
        QVERIFY(f.revert(op).ok());
        QCOMPARE(addressOf(*f.file, "/data"), addr);
    }

    void readOnlyRefused()
    {
        StructureFile f(H5File::Mode::ReadOnly);
        QVERIFY(f.ok());
        f.close();
        const QByteArray before = hs::test::fileDigest(f.path);
        QVERIFY(f.open(H5File::Mode::ReadOnly));
        const std::vector<std::shared_ptr<EditOperation>> ops = {
            std::make_shared<CreateGroupOperation>(QStringLiteral("/g/new")),
            std::make_shared<DeleteOperation>(QStringLiteral("/data")),
            std::make_shared<RenameOperation>(QStringLiteral("/g"), QStringLiteral("/h")),
            std::make_shared<ResizeDatasetOperation>(QStringLiteral("/data/t"), std::vector<quint64>{2, 5}),
        };
        for (const auto &op : ops) {
            // Through the session (what the app does) and directly (the operation's own check).
            const Status viaSession = f.run(op);
            QVERIFY(!viaSession);
            QVERIFY2(viaSession.error().message.contains(QLatin1String("read-only")), qPrintable(viaSession.error().message));
            EditContext ctx(f.file, nullptr);
            const Status direct = op->apply(ctx);
            QVERIFY(!direct);
            QVERIFY2(direct.error().message.contains(QLatin1String("read-only")), qPrintable(direct.error().message));
        }
        f.close();
        QCOMPARE(hs::test::fileDigest(f.path), before);
    }

    void createDataset_data()
    {
        QTest::addColumn<int>("layout");
        QTest::addColumn<int>("compression");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("fill");
        QTest::newRow("contiguous int32 fill 7") << int(DatasetLayout::Contiguous) << 0 << int(ElementType::Int32) << "7";
        QTest::newRow("compact uint8") << int(DatasetLayout::Compact) << 0 << int(ElementType::UInt8) << "";
        QTest::newRow("chunked float32 nan") << int(DatasetLayout::Chunked) << 0 << int(ElementType::Float32) << "nan";
        QTest::newRow("string fill") << int(DatasetLayout::Contiguous) << 0 << int(ElementType::FixedString) << "n/a";
        for (const CompressionChoice &c : compressioncatalog::all())
            QTest::addRow("chunked float64 %s", qPrintable(c.name))
                << int(DatasetLayout::Chunked) << c.id << int(ElementType::Float64) << "-1.5";
    }

    void createDataset()
    {
        QFETCH(int, layout);
        QFETCH(int, compression);
        QFETCH(int, type);
        QFETCH(QString, fill);
        if (compression != 0 && !compressioncatalog::isAvailable(compression))
            QSKIP("the filter plugin is not installed here");
        StructureFile f;
        QVERIFY(f.ok());
        DatasetSpec spec;
        spec.path = QStringLiteral("/g/new");
        spec.type = ElementType(type);
        spec.shape = {30, 40};
        spec.layout = DatasetLayout(layout);
        if (spec.layout == DatasetLayout::Chunked) {
            spec.maxShape = {DatasetSpec::Unlimited, 40};
            spec.chunk = {10, 40};
            spec.shuffle = compression != 0;
            spec.fletcher32 = compression != 0;
        }
        spec.compression = compression;
        spec.fillValue = fill;
        QVERIFY2(spec.problem().isEmpty(), qPrintable(spec.problem()));
        auto op = std::make_shared<CreateDatasetOperation>(spec);
        QCOMPARE(op->description(), QStringLiteral("Create dataset /g/new"));
        const QStringList after = roundTrip(f, op);
        QVERIFY(after.filter(QStringLiteral("/g/new hard 1")).size() == 1);

        // What HDF5 reads back: layout, filters, fill value, and values that
        // round-trip through the filters.
        LibraryLock lock;
        DatasetHandle d(H5Dopen2(fileId(*f.file), "/g/new", H5P_DEFAULT));
        QVERIFY(d.valid());
        PropListHandle dcpl(H5Dget_create_plist(d.get()));
        const H5D_layout_t expectedLayout = spec.layout == DatasetLayout::Chunked ? H5D_CHUNKED
            : spec.layout == DatasetLayout::Compact                              ? H5D_COMPACT
                                                                                 : H5D_CONTIGUOUS;
        QCOMPARE(H5Pget_layout(dcpl.get()), expectedLayout);
        if (compression != 0) {
            std::vector<int> ids;
            for (int i = 0; i < H5Pget_nfilters(dcpl.get()); ++i) {
                unsigned flags = 0, config = 0;
                size_t n = 0;
                ids.push_back(int(H5Pget_filter2(dcpl.get(), unsigned(i), &flags, &n, nullptr, 0, nullptr, &config)));
            }
            QCOMPARE(ids, (std::vector<int>{H5Z_FILTER_SHUFFLE, compression, H5Z_FILTER_FLETCHER32}));
        }
        DatatypeHandle memType(H5Dget_type(d.get()));
        const size_t size = H5Tget_size(memType.get());
        QCOMPARE(int(size), elementSize(spec.type, spec.stringLength));
        QByteArray values(qsizetype(30 * 40 * size), '\x55');
        QVERIFY(H5Dread(d.get(), memType.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
        const QByteArray one = fill.isEmpty() ? QByteArray(qsizetype(size), '\0') : *encodeElement(spec.type, spec.stringLength, fill);
        QCOMPARE(values.left(one.size()), one);
        QCOMPARE(values.right(one.size()), one);
        if (spec.type == ElementType::Float64) {
            std::vector<double> ramp(30 * 40);
            for (size_t i = 0; i < ramp.size(); ++i)
                ramp[i] = double(i) * 0.25;
            QVERIFY(H5Dwrite(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, ramp.data()) >= 0);
            std::vector<double> back(ramp.size());
            QVERIFY(H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, back.data()) >= 0);
            QCOMPARE(back, ramp);
        }
    }

    void createDatasetRefused()
    {
        StructureFile f;
        QVERIFY(f.ok());
        DatasetSpec spec;
        spec.path = QStringLiteral("/data/t");
        spec.shape = {3};
        expectRefusedUnchanged(f, std::make_shared<CreateDatasetOperation>(spec), "already exists");
        spec.path = QStringLiteral("/g/x");
        spec.maxShape = {2};
        expectRefusedUnchanged(f, std::make_shared<CreateDatasetOperation>(spec), "smaller than the shape");
        spec.maxShape = {DatasetSpec::Unlimited};
        expectRefusedUnchanged(f, std::make_shared<CreateDatasetOperation>(spec), "cannot grow");
        spec.layout = DatasetLayout::Chunked;
        spec.chunk = {4, 4};
        expectRefusedUnchanged(f, std::make_shared<CreateDatasetOperation>(spec), "chunk shape needs 1");
        spec.maxShape = {3};
        spec.chunk = {4};
        expectRefusedUnchanged(f, std::make_shared<CreateDatasetOperation>(spec), "larger than the max shape");
        spec.chunk = {3};
        spec.type = ElementType::Int8;
        spec.fillValue = QStringLiteral("300");
        expectRefusedUnchanged(f, std::make_shared<CreateDatasetOperation>(spec), "-128 to 127");
    }

    void rename()
    {
        StructureFile f;
        QVERIFY(f.ok());
        QSignalSpy moved(f.session.get(), &FileSession::objectMoved);
        auto op = std::make_shared<RenameOperation>(QStringLiteral("/data"), QStringLiteral("/measurements"));
        QCOMPARE(op->description(), QStringLiteral("Rename /data to /measurements"));
        const haddr_t addr = addressOf(*f.file, "/data");
        const QStringList after = roundTrip(f, op);
        QVERIFY(!after.isEmpty());
        QVERIFY(after.filter(QRegularExpression(QStringLiteral("^/data[ /]"))).isEmpty());
        QCOMPARE(addressOf(*f.file, "/measurements"), addr);
        QCOMPARE(moved.size(), 3);
        QCOMPARE(moved.at(1).at(0).toString(), QStringLiteral("/measurements"));
        QCOMPARE(moved.at(1).at(1).toString(), QStringLiteral("/data"));
    }

    void move()
    {
        StructureFile f;
        QVERIFY(f.ok());
        auto op = std::make_shared<MoveOperation>(QStringLiteral("/data/contig"), QStringLiteral("/g"));
        QCOMPARE(op->description(), QStringLiteral("Move /data/contig to /g/contig"));
        const QStringList after = roundTrip(f, op);
        QCOMPARE(after.filter(QStringLiteral("/g/contig hard 1")).size(), 1);
        QVERIFY(after.filter(QStringLiteral("/data/contig")).isEmpty());
        // Soft links move as links.
        auto soft = std::make_shared<MoveOperation>(QStringLiteral("/soft"), QStringLiteral("/g"));
        QCOMPARE(roundTrip(f, soft).filter(QStringLiteral("/g/soft soft -> /data/t")).size(), 1);
    }

    void renameRefused()
    {
        StructureFile f;
        QVERIFY(f.ok());
        expectRefusedUnchanged(f, std::make_shared<RenameOperation>(QStringLiteral("/data"), QStringLiteral("/g")),
                               "already exists");
        expectRefusedUnchanged(f, std::make_shared<MoveOperation>(QStringLiteral("/data"), QStringLiteral("/data")),
                               "into itself");
        expectRefusedUnchanged(f, std::make_shared<MoveOperation>(QStringLiteral("/data"), QStringLiteral("/nope")),
                               "There is no group");
        expectRefusedUnchanged(f, std::make_shared<RenameOperation>(QStringLiteral("/nope"), QStringLiteral("/x")),
                               "There is no");
        // Through a soft link to a group: refused, the views know it by its own path.
        {
            LibraryLock lock;
            QVERIFY(H5Lcreate_soft("/data", fileId(*f.file), "/datalink", H5P_DEFAULT, H5P_DEFAULT) >= 0);
        }
        expectRefusedUnchanged(f, std::make_shared<DeleteOperation>(QStringLiteral("/datalink/contig")), "reached through");
        expectRefusedUnchanged(f, std::make_shared<CreateGroupOperation>(QStringLiteral("/datalink/new")), "reached through");
        expectRefusedUnchanged(f, std::make_shared<MoveOperation>(QStringLiteral("/g"), QStringLiteral("/datalink")),
                               "reached through");
    }

    void deleteBringsBackTheSameObject()
    {
        StructureFile f;
        QVERIFY(f.ok());
        const haddr_t group = addressOf(*f.file, "/data");
        const haddr_t dataset = addressOf(*f.file, "/data/t");
        auto op = std::make_shared<DeleteOperation>(QStringLiteral("/data"));
        QCOMPARE(op->description(), QStringLiteral("Delete /data"));
        QSignalSpy removed(f.session.get(), &FileSession::objectRemoved);
        const QStringList after = roundTrip(f, op);
        QVERIFY(!after.isEmpty());
        QVERIFY(after.filter(QRegularExpression(QStringLiteral("^/data[ /]"))).isEmpty());
        QCOMPARE(op->impact().otherHardLinks, 0);
        QCOMPARE(removed.size(), 2);
        QVERIFY(f.revert(op).ok());
        QCOMPARE(addressOf(*f.file, "/data"), group);
        QCOMPARE(addressOf(*f.file, "/data/t"), dataset);
        QCOMPARE(readStringAttribute(*f.file, "/data", "units"), QStringLiteral("m"));
        QCOMPARE(readDoubles(*f.file, "/data/t"), table(4));
    }

    // A dataset open in a grid tab (its DatasetReader holds it open with the
    // app's dataset access properties): every structure edit of it still
    // works. HDF5 refuses to open a dataset again with other access properties
    // ("new external file prefix does not match"), which made Resize, Delete,
    // Move and Copy fail on the dataset the user was looking at.
    void editsOfADatasetOpenInAView()
    {
        StructureFile f;
        QVERIFY(f.ok());
        auto reader = DatasetReader::open(f.file, QStringLiteral("/data/t"));
        QVERIFY(reader.ok());

        const auto extent = ResizeDatasetOperation::inspect(f.file, QStringLiteral("/data/t"));
        QVERIFY2(extent.ok(), qPrintable(extent.ok() ? QString() : extent.error().message));
        auto resize = std::make_shared<ResizeDatasetOperation>(QStringLiteral("/data/t"), std::vector<quint64>{2, 3});
        Status s = f.run(resize);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        s = f.revert(resize);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        QCOMPARE(readDoubles(*f.file, "/data/t"), table(4));

        auto copy = std::make_shared<CopyObjectOperation>(f.file, QStringLiteral("/data/t"), QStringLiteral("/g/t_copy"));
        s = f.run(copy);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        QCOMPARE(readDoubles(*f.file, "/g/t_copy"), table(4));

        auto move = std::make_shared<MoveOperation>(QStringLiteral("/data/t"), QStringLiteral("/g"));
        s = f.run(move);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        s = f.revert(move);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));

        const haddr_t dataset = addressOf(*f.file, "/data/t");
        auto del = std::make_shared<DeleteOperation>(QStringLiteral("/data/t"));
        s = f.run(del);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        s = f.revert(del);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        QCOMPARE(addressOf(*f.file, "/data/t"), dataset);
        QCOMPARE(readDoubles(*f.file, "/data/t"), table(4));
    }

    void deleteSaysOtherHardLinks()
    {
        StructureFile f;
        QVERIFY(f.ok());
        const Result<DeleteImpact> impact = DeleteOperation::inspect(f.file, QStringLiteral("/data/t"));
        QVERIFY(impact.ok());
        QCOMPARE(impact->otherHardLinks, 1);
        QVERIFY(impact->explanation(QStringLiteral("/data/t")).contains(QLatin1String("lives on")));
        QVERIFY(impact->explanation(QStringLiteral("/data/t")).contains(QLatin1String("does not get smaller")));
        auto op = std::make_shared<DeleteOperation>(QStringLiteral("/data/t"));
        QVERIFY(!roundTrip(f, op).isEmpty());
        QCOMPARE(op->impact().otherHardLinks, 1);
        QCOMPARE(readDoubles(*f.file, "/alias"), table(4));
    }

    void deleteLinks()
    {
        StructureFile f;
        QVERIFY(f.ok());
        for (const char *path : {"/soft", "/ext"}) {
            auto op = std::make_shared<DeleteOperation>(QString::fromLatin1(path));
            const QStringList after = roundTrip(f, op);
            QVERIFY(!after.isEmpty());
            QVERIFY(after.filter(QString::fromLatin1(path) + u' ').isEmpty());
        }
    }

    void deleteStandsAtClose()
    {
        StructureFile f;
        QVERIFY(f.ok());
        auto op = std::make_shared<DeleteOperation>(QStringLiteral("/g"));
        QVERIFY(f.run(op).ok());
        const qint64 open = openHdf5ObjectCount();
        op.reset(); // the undo step dropped: the kept object is let go
        QCOMPARE(openHdf5ObjectCount(), open - 1);
        f.close();
        QVERIFY(f.open(H5File::Mode::ReadOnly));
        QVERIFY(f.links().filter(QStringLiteral("/g ")).isEmpty());
        QCOMPARE(readDoubles(*f.file, "/data/t"), table(4));
    }

    // The file closes while the undo step still exists (app quit): closing
    // frees the deleted object; dropping the step later touches nothing.
    void deleteStepOutlivesItsFile()
    {
        StructureFile f;
        QVERIFY(f.ok());
        auto op = std::make_shared<DeleteOperation>(QStringLiteral("/data"));
        QVERIFY(f.run(op).ok());
        const qint64 before = openHdf5ObjectCount();
        f.close();
        QVERIFY(openHdf5ObjectCount() < before);
        const qint64 closed = openHdf5ObjectCount();
        op.reset();
        QCOMPARE(openHdf5ObjectCount(), closed);
        QVERIFY(f.open(H5File::Mode::ReadOnly));
        QVERIFY(f.links().filter(QRegularExpression(QStringLiteral("^/data[ /]"))).isEmpty());
        QCOMPARE(readDoubles(*f.file, "/alias"), table(4)); // /data/t lives on as /alias
    }

    // A revert finds the path taken by something it did not make: refused, unchanged.
    void revertRefusesWhatItDidNotMake()
    {
        StructureFile f;
        QVERIFY(f.ok());
        auto op = std::make_shared<CreateGroupOperation>(QStringLiteral("/g/new"));
        QVERIFY(f.run(op).ok());
        {
            LibraryLock lock;
            const hid_t fid = fileId(*f.file);
            QVERIFY(H5Ldelete(fid, "/g/new", H5P_DEFAULT) >= 0);
            QVERIFY(H5Lcreate_hard(fid, "/data", fid, "/g/new", H5P_DEFAULT, H5P_DEFAULT) >= 0);
        }
        const QStringList before = f.links();
        const Status s = f.revert(op);
        QVERIFY(!s);
        QVERIFY2(s.error().message.contains(QLatin1String("no longer the group this step created")), qPrintable(s.error().message));
        QCOMPARE(f.links(), before);

        auto soft = std::make_shared<CreateSoftLinkOperation>(QStringLiteral("/l"), QStringLiteral("/data"));
        QVERIFY(f.run(soft).ok());
        {
            LibraryLock lock;
            const hid_t fid = fileId(*f.file);
            QVERIFY(H5Ldelete(fid, "/l", H5P_DEFAULT) >= 0);
            QVERIFY(H5Lcreate_soft("/g", fid, "/l", H5P_DEFAULT, H5P_DEFAULT) >= 0);
        }
        QVERIFY(!f.revert(soft));
        QCOMPARE(f.links().filter(QStringLiteral("/l soft -> /g")).size(), 1);

        auto rename = std::make_shared<RenameOperation>(QStringLiteral("/g"), QStringLiteral("/h"));
        QVERIFY(f.run(rename).ok());
        QVERIFY(f.run(std::make_shared<CreateGroupOperation>(QStringLiteral("/g"))).ok());
        const Status back = f.revert(rename);
        QVERIFY(!back);
        QVERIFY(back.error().message.contains(QLatin1String("already exists")));
    }

    void deleteRevertAfterReopenRefused()
    {
        StructureFile f;
        QVERIFY(f.ok());
        auto op = std::make_shared<DeleteOperation>(QStringLiteral("/g"));
        QVERIFY(f.run(op).ok());
        QVERIFY(f.file->reopen(H5File::Mode::ReadOnly).ok());
        QVERIFY(f.file->reopen(H5File::Mode::ReadWrite).ok());
        const QStringList before = f.links();
        const Status s = f.revert(op);
        QVERIFY(!s);
        QVERIFY2(s.error().message.contains(QLatin1String("reopened")), qPrintable(s.error().message));
        QCOMPARE(f.links(), before);
        op.reset(); // must not close an identifier the reopen already closed
    }

    // What each edit tells the views (the session turns it into its signals).
    void changeSets()
    {
        StructureFile f;
        QVERIFY(f.ok());
        using Paths = std::vector<QString>;
        const auto applied = [&](EditOperation &op) {
            EditContext ctx(f.file, nullptr);
            const Status s = op.apply(ctx);
            if (!s)
                qWarning("%s", qPrintable(s.error().message));
            return ctx.changes();
        };
        CreateGroupOperation group(QStringLiteral("/g/new"));
        ChangeSet c = applied(group);
        QCOMPARE(c.membersChanged, (Paths{QStringLiteral("/g")}));
        QVERIFY(c.removed.empty() && c.moved.empty() && c.objectsChanged.empty());

        MoveOperation move(QStringLiteral("/data/contig"), QStringLiteral("/g"));
        c = applied(move);
        QCOMPARE(c.membersChanged, (Paths{QStringLiteral("/data"), QStringLiteral("/g")}));
        QCOMPARE(c.moved.size(), size_t(1));
        QCOMPARE(c.moved[0].first, QStringLiteral("/data/contig"));
        QCOMPARE(c.moved[0].second, QStringLiteral("/g/contig"));

        DeleteOperation del(QStringLiteral("/g/new"));
        c = applied(del);
        QCOMPARE(c.removed, (Paths{QStringLiteral("/g/new")}));
        QCOMPARE(c.membersChanged, (Paths{QStringLiteral("/g")}));

        SetSoftLinkTargetOperation retarget(QStringLiteral("/soft"), QStringLiteral("/g"));
        c = applied(retarget);
        QCOMPARE(c.objectsChanged, (Paths{QStringLiteral("/soft")}));
        QCOMPARE(c.membersChanged, (Paths{QStringLiteral("/")}));

        ResizeDatasetOperation resize(QStringLiteral("/data/t"), {2, 5});
        c = applied(resize);
        QCOMPARE(c.objectsChanged, (Paths{QStringLiteral("/data/t")}));
        EditContext back(f.file, nullptr);
        QVERIFY(resize.revert(back).ok());
        QCOMPARE(back.changes().valuesChanged.size(), size_t(1));
        QCOMPARE(back.changes().valuesChanged[0].second.count, (std::vector<quint64>{4, 5}));
    }

    void softAndExternalLinks()
    {
        StructureFile f;
        QVERIFY(f.ok());
        auto soft = std::make_shared<CreateSoftLinkOperation>(QStringLiteral("/g/l"), QStringLiteral("/data/t"));
        QCOMPARE(soft->description(), QStringLiteral("Create soft link /g/l \u2192 /data/t"));
        QCOMPARE(roundTrip(f, soft).filter(QStringLiteral("/g/l soft -> /data/t")).size(), 1);
        QCOMPARE(readDoubles(*f.file, "/g/l"), table(4));

        auto ext = std::make_shared<CreateExternalLinkOperation>(QStringLiteral("/g/e"), QStringLiteral("target.h5"),
                                                                 QStringLiteral("/a/b"));
        QCOMPARE(roundTrip(f, ext).filter(QStringLiteral("/g/e external -> target.h5:/a/b")).size(), 1);

        auto retarget = std::make_shared<SetSoftLinkTargetOperation>(QStringLiteral("/soft"), QStringLiteral("/data/contig"));
        QCOMPARE(roundTrip(f, retarget).filter(QStringLiteral("/soft soft -> /data/contig")).size(), 1);
        QCOMPARE(retarget->previousTarget(), QStringLiteral("/data/t"));

        expectRefusedUnchanged(f, std::make_shared<CreateSoftLinkOperation>(QStringLiteral("/g"), QStringLiteral("/x")),
                               "already exists");
        expectRefusedUnchanged(f, std::make_shared<SetSoftLinkTargetOperation>(QStringLiteral("/ext"), QStringLiteral("/x")),
                               "not a soft link");
    }
};

QTEST_GUILESS_MAIN(TestStructureOperations)
#include "tst_structureoperations.moc"
