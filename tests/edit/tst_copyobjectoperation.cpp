// CopyObjectOperation and SaveCopyJob through a FileSession.

#include "copyfixture.h"

#include "edit/copyobjectoperation.h"
#include "edit/savecopyjob.h"
#include "services/h5file.h"
#include "session/filesession.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <atomic>

using namespace hs::core;
using namespace hs::test;

namespace {

// Applies or reverts `op` on the session's write queue and waits for it.
Status run(FileSession &session, std::shared_ptr<EditOperation> op, FileSession::Direction d = FileSession::Direction::Apply)
{
    std::optional<Status> out;
    session.submit(std::move(op), d, [&out](const Status &s) { out = s; });
    if (!session.waitForWrites() || !out)
        return Error::make(ErrorCode::Internal, QStringLiteral("timed out"));
    return *out;
}

// Opens `path` with the library for checks (the core's handle stays open).
struct Check
{
    explicit Check(const QString &path) : id(H5Fopen(QFile::encodeName(path).constData(), H5F_ACC_RDONLY, H5P_DEFAULT)) {}
    ~Check() { H5Fclose(id); }
    hid_t id;
};

std::vector<H5Z_filter_t> filtersOf(hid_t file, const char *path, std::vector<hsize_t> *chunk)
{
    hid_t d = H5Dopen2(file, path, H5P_DEFAULT);
    hid_t dcpl = H5Dget_create_plist(d);
    std::vector<H5Z_filter_t> out;
    for (int i = 0; i < H5Pget_nfilters(dcpl); ++i) {
        unsigned flags = 0, config = 0;
        size_t n = 0;
        out.push_back(H5Pget_filter2(dcpl, unsigned(i), &flags, &n, nullptr, 0, nullptr, &config));
    }
    chunk->assign(2, 0);
    H5Pget_chunk(dcpl, 2, chunk->data());
    H5Pclose(dcpl);
    H5Dclose(d);
    return out;
}

// The object the first reference of `path`'s DIMENSION_LIST names.
hid_t firstScale(hid_t file, const char *path)
{
    hid_t d = H5Dopen2(file, path, H5P_DEFAULT);
    hid_t a = H5Aopen(d, "DIMENSION_LIST", H5P_DEFAULT);
    hid_t type = H5Aget_type(a);
    hid_t space = H5Aget_space(a);
    hvl_t list{};
    H5Aread(a, type, &list);
    const hid_t scale = list.len == 1 ? H5Rdereference2(d, H5P_DEFAULT, H5R_OBJECT, list.p) : H5I_INVALID_HID;
    H5Dvlen_reclaim(type, space, H5P_DEFAULT, &list);
    H5Sclose(space);
    H5Tclose(type);
    H5Aclose(a);
    H5Dclose(d);
    return scale;
}

std::vector<float> firstScaleValues(hid_t file, const char *path)
{
    const hid_t scale = firstScale(file, path);
    if (scale < 0)
        return {};
    std::vector<float> v(4);
    H5Dread(scale, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    H5Dclose(scale);
    return v;
}

haddr_t scaleAddress(hid_t file, const char *path)
{
    const hid_t scale = firstScale(file, path);
    H5O_info_t info{};
    H5Oget_info2(scale, &info, H5O_INFO_BASIC);
    H5Dclose(scale);
    return info.addr;
}

} // namespace

class TestCopyObjectOperation : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_source;
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_source = path("source.h5");
        writeCopySource(m_source);
    }

    void chunkedDatasetWithinFileKeepsFiltersAndValues_undoRedo()
    {
        const QString file = path("within.h5");
        QFile::copy(m_source, file);
        auto h5 = H5File::open(file, H5File::Mode::ReadWrite);
        QVERIFY(h5.ok());
        FileSession session(h5.value());
        auto op = std::make_shared<CopyObjectOperation>(h5.value(), QStringLiteral("/big"), QStringLiteral("/big_copy"));
        QVector<qint64> progress;
        connect(&session, &FileSession::writeProgress, this, [&](qint64 d, qint64) { progress << d; });
        Status s = run(session, op);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        QCOMPARE(op->description(), QStringLiteral("Copy /big to /big_copy"));
        {
            Check c(file);
            QCOMPARE(readFloats(c.id, "/big_copy"), readFloats(c.id, "/big"));
            std::vector<hsize_t> chunkA, chunkB;
            QCOMPARE(filtersOf(c.id, "/big_copy", &chunkB), filtersOf(c.id, "/big", &chunkA));
            QCOMPARE(filtersOf(c.id, "/big", &chunkA), (std::vector<H5Z_filter_t>{H5Z_FILTER_SHUFFLE, H5Z_FILTER_DEFLATE}));
            QCOMPARE(chunkB, (std::vector<hsize_t>{100, 1000}));
            QCOMPARE(readStringAttribute(c.id, "/big_copy", "units"), QByteArray("K"));
            QVERIFY(address(c.id, "/big_copy") != address(c.id, "/big"));
        }
        // Undo removes the copy; redo makes it again.
        s = run(session, op, FileSession::Direction::Revert);
        QVERIFY(s.ok());
        QVERIFY(!CopyObjectOperation::exists(h5.value(), QStringLiteral("/big_copy")));
        s = run(session, op);
        QVERIFY(s.ok());
        Check c(file);
        QCOMPARE(readFloats(c.id, "/big_copy"), readFloats(c.id, "/big"));
    }

    void groupBetweenFilesKeepsLinksAttributesAndSharing()
    {
        const QString dest = path("dest_keep.h5");
        writeEmptyFile(dest);
        auto src = H5File::open(m_source);
        auto dst = H5File::open(dest, H5File::Mode::ReadWrite);
        QVERIFY(src.ok() && dst.ok());
        FileSession session(dst.value());
        auto op = std::make_shared<CopyObjectOperation>(src.value(), QStringLiteral("/g"), QStringLiteral("/g"));
        QVERIFY(run(session, op).ok());
        QCOMPARE(op->description(), QStringLiteral("Copy /g from source.h5 to /g"));
        Check c(dest);
        QCOMPARE(readInts(c.id, "/g/d").size(), size_t(100));
        QCOMPARE(readInts(c.id, "/g/d")[57], 57);
        QCOMPARE(readDoubles(c.id, "/g/sub/deep"), (std::vector<double>{0, 0.5, 1, 1.5, 2}));
        QCOMPARE(readStringAttribute(c.id, "/g", "units"), QByteArray("m"));
        QCOMPARE(readStringAttribute(c.id, "/g", "note"), QByteArray("a note"));
        QCOMPARE(linkType(c.id, "/g/soft"), H5L_TYPE_SOFT);
        QCOMPARE(softTarget(c.id, "/g/soft"), QByteArray("/top"));
        QCOMPARE(linkType(c.id, "/g/ext"), H5L_TYPE_EXTERNAL);
        // Two hard links to one object stay two links to one copy.
        QCOMPARE(address(c.id, "/g/hard2"), address(c.id, "/g/d"));
        int kind = 0;
        hid_t a = H5Aopen_by_name(c.id, "/g/d", "kind", H5P_DEFAULT, H5P_DEFAULT);
        H5Aread(a, H5T_NATIVE_INT, &kind);
        H5Aclose(a);
        QCOMPARE(kind, 7);
        double scale[3] = {};
        a = H5Aopen_by_name(c.id, "/g", "scale", H5P_DEFAULT, H5P_DEFAULT);
        H5Aread(a, H5T_NATIVE_DOUBLE, scale);
        H5Aclose(a);
        QCOMPARE(scale[2], 3.5);
    }

    void expandedLinksBecomeCopies()
    {
        const QString dest = path("dest_expand.h5");
        writeEmptyFile(dest);
        auto src = H5File::open(m_source);
        auto dst = H5File::open(dest, H5File::Mode::ReadWrite);
        FileSession session(dst.value());
        auto op = std::make_shared<CopyObjectOperation>(src.value(), QStringLiteral("/g"), QStringLiteral("/copied"),
                                                        CopyLinks::Expand);
        QVERIFY(run(session, op).ok());
        Check c(dest);
        QCOMPARE(linkType(c.id, "/copied/soft"), H5L_TYPE_HARD);
        QCOMPARE(readFloats(c.id, "/copied/soft"), (std::vector<float>{1, 2, 3}));
        QCOMPARE(linkType(c.id, "/copied/ext"), H5L_TYPE_EXTERNAL); // dangling: stays a link
    }

    void namedTypeAndIntoSubgroup()
    {
        const QString file = path("types.h5");
        QFile::copy(m_source, file);
        auto h5 = H5File::open(file, H5File::Mode::ReadWrite);
        FileSession session(h5.value());
        QVERIFY(run(session, std::make_shared<CopyObjectOperation>(h5.value(), QStringLiteral("/type"),
                                                                   QStringLiteral("/g/sub/type"))).ok());
        // A group into one of its own members: the copy is built unlinked, so it does not see itself.
        QVERIFY(run(session, std::make_shared<CopyObjectOperation>(h5.value(), QStringLiteral("/g"),
                                                                   QStringLiteral("/g/sub/g"))).ok());
        Check c(file);
        H5O_info_t info{};
        QVERIFY(H5Oget_info_by_name2(c.id, "/g/sub/type", &info, H5O_INFO_BASIC, H5P_DEFAULT) >= 0);
        QCOMPARE(info.type, H5O_TYPE_NAMED_DATATYPE);
        QCOMPARE(readDoubles(c.id, "/g/sub/g/sub/deep").size(), size_t(5));
        QVERIFY(!linkExists(c.id, "/g/sub/g/sub/g"));
    }

    void existingNameRefusedFileUnchanged()
    {
        const QString dest = path("exists.h5");
        writeEmptyFile(dest, true);
        auto src = H5File::open(m_source);
        auto dst = H5File::open(dest, H5File::Mode::ReadWrite);
        FileSession session(dst.value());
        QVERIFY(session.waitForWrites());
        const QByteArray before = fileBytes(dest);
        const Status s = run(session, std::make_shared<CopyObjectOperation>(src.value(), QStringLiteral("/g"),
                                                                            QStringLiteral("/existing")));
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(s.error().message.contains(QLatin1String("/existing")), qPrintable(s.error().message));
        QCOMPARE(fileBytes(dest), before);
        QCOMPARE(CopyObjectOperation::freePath(dst.value(), QStringLiteral("/existing")), QStringLiteral("/existing_2"));
        QCOMPARE(CopyObjectOperation::freePath(dst.value(), QStringLiteral("/free")), QStringLiteral("/free"));
        // A parent that does not exist is refused too.
        QVERIFY(!run(session, std::make_shared<CopyObjectOperation>(src.value(), QStringLiteral("/g"),
                                                                    QStringLiteral("/nowhere/g"))).ok());
        QCOMPARE(fileBytes(dest), before);
    }

    void cancelledCopyLeavesNothing()
    {
        const QString dest = path("cancel.h5");
        writeEmptyFile(dest);
        auto src = H5File::open(m_source);
        auto dst = H5File::open(dest, H5File::Mode::ReadWrite);
        QVERIFY(src.ok() && dst.ok());
        const qint64 openBefore = openHdf5ObjectCount();
        // Cancelled after the first chunk of /big, inside a copy of the whole
        // root, so that the unlinked tree built so far must go too. Progress
        // comes between chunks only when /big is copied chunk by chunk (one
        // H5Ocopy would end the copy before the flag is looked at).
        std::atomic_bool cancel{false};
        QElapsedTimer sinceCancel;
        qint64 doneAtCancel = 0, totalAtCancel = 0;
        EditContext context(dst.value(), &cancel, [&](qint64 done, qint64 total) {
            if (done > 0 && done < total && !cancel) {
                doneAtCancel = done;
                totalAtCancel = total;
                sinceCancel.start();
                cancel = true;
            }
        });
        CopyObjectOperation op(src.value(), QStringLiteral("/"), QStringLiteral("/all"));
        const Status s = op.apply(context);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::Cancelled);
        QVERIFY(sinceCancel.isValid());
        QVERIFY2(doneAtCancel * 10 < totalAtCancel, "one chunk of 20 was reported"); // chunk by chunk
        QVERIFY2(sinceCancel.elapsed() < 200, qPrintable(QString::number(sinceCancel.elapsed())));
        QCOMPARE(openHdf5ObjectCount(), openBefore);
        QVERIFY(context.changes().isEmpty());
        QVERIFY(!CopyObjectOperation::exists(dst.value(), QStringLiteral("/all")));
        Check c(dest);
        H5G_info_t info{};
        H5Gget_info(c.id, &info);
        QCOMPARE(info.nlinks, hsize_t(0));
    }

    void rootCopiesEverything()
    {
        const QString dest = path("root.h5");
        writeEmptyFile(dest);
        auto src = H5File::open(m_source);
        auto dst = H5File::open(dest, H5File::Mode::ReadWrite);
        FileSession session(dst.value());
        QVERIFY(run(session, std::make_shared<CopyObjectOperation>(src.value(), QStringLiteral("/"), QStringLiteral("/all"))).ok());
        Check c(dest);
        QCOMPARE(readFloats(c.id, "/all/top"), (std::vector<float>{1, 2, 3}));
        QCOMPARE(readFloats(c.id, "/all/big").size(), size_t(2000 * 1000));
    }

    void saveCopyIsCompactAndComplete()
    {
        // A file with a large deleted dataset keeps its size; its saved copy does not.
        const QString file = path("holey.h5");
        QFile::copy(m_source, file);
        {
            hid_t f = H5Fopen(QFile::encodeName(file).constData(), H5F_ACC_RDWR, H5P_DEFAULT);
            H5Ldelete(f, "/big", H5P_DEFAULT);
            H5Fclose(f);
        }
        auto h5 = H5File::open(file);
        const QString out = path("saved.h5");
        std::atomic_bool cancel{false};
        const Status s = SaveCopyJob::save(h5.value(), QString(), out, &cancel);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        QVERIFY(QFileInfo(out).size() * 4 < QFileInfo(file).size());
        QVERIFY(QDir(m_dir.path()).entryList(QStringList{QStringLiteral(".saved.h5.part*")}, QDir::Hidden | QDir::Files).isEmpty());
        Check c(out);
        QCOMPARE(readDoubles(c.id, "/g/sub/deep").size(), size_t(5));
        QCOMPARE(linkType(c.id, "/g/soft"), H5L_TYPE_SOFT);
        QCOMPARE(readFloats(c.id, "/top"), (std::vector<float>{1, 2, 3}));
        // One group as the new root.
        const QString sub = path("saved_g.h5");
        QVERIFY(SaveCopyJob::save(h5.value(), QStringLiteral("/g"), sub, &cancel).ok());
        Check g(sub);
        QCOMPARE(readInts(g.id, "/d")[3], 3);
        QCOMPARE(readStringAttribute(g.id, "/", "units"), QByteArray("m"));
    }

    void saveCopyKeepsDimensionScales()
    {
        // DIMENSION_LIST holds a reference: the saved file must point at its own /x.
        const QString file = path("scales.h5");
        writeScaleFile(file);
        auto h5 = H5File::open(file);
        const QString out = path("scales_saved.h5");
        std::atomic_bool cancel{false};
        const Status s = SaveCopyJob::save(h5.value(), QString(), out, &cancel);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        Check c(out);
        QVERIFY(scaleAttached(c.id, "/data", "/x"));
        QCOMPARE(readFloats(c.id, "/x"), (std::vector<float>{0, 10, 20, 30}));
        QVERIFY(!linkExists(c.id, "/__hyperslab_save_copy"));
        // Within one file a copied dataset keeps pointing at the same scale.
        const QString within = path("scales_within.h5");
        QFile::copy(file, within);
        auto rw = H5File::open(within, H5File::Mode::ReadWrite);
        FileSession session(rw.value());
        QVERIFY(run(session, std::make_shared<CopyObjectOperation>(rw.value(), QStringLiteral("/data"), QStringLiteral("/data2"))).ok());
        {
            // The copy's DIMENSION_LIST names the same /x (whose REFERENCE_LIST, as after
            // H5Ocopy, does not list the copy).
            Check w(within);
            QCOMPARE(firstScaleValues(w.id, "/data2"), (std::vector<float>{0, 10, 20, 30}));
            QCOMPARE(address(w.id, "/x"), scaleAddress(w.id, "/data2"));
        }
        // To another file alone: the reference must name an object of that file holding the scale's values.
        const QString other = path("scales_other.h5");
        writeEmptyFile(other);
        auto dst = H5File::open(other, H5File::Mode::ReadWrite);
        FileSession otherSession(dst.value());
        QVERIFY(run(otherSession, std::make_shared<CopyObjectOperation>(rw.value(), QStringLiteral("/data"), QStringLiteral("/data"))).ok());
        QVERIFY(run(otherSession, std::make_shared<CopyObjectOperation>(rw.value(), QStringLiteral("/"), QStringLiteral("/all"))).ok());
        Check o(other);
        // Alone, its scale was not copied: the reference is null rather than an address of the other file.
        H5E_BEGIN_TRY { QVERIFY(firstScale(o.id, "/data") < 0); } H5E_END_TRY;
        // With its scale (the whole root copied), it names the copy of the scale.
        QCOMPARE(scaleAddress(o.id, "/all/data"), address(o.id, "/all/x"));
        QCOMPARE(firstScaleValues(o.id, "/all/data"), (std::vector<float>{0, 10, 20, 30}));
    }

    void cancelledSaveLeavesNoFile()
    {
        auto h5 = H5File::open(m_source);
        const QString out = path("cancelled_save.h5");
        std::atomic_bool cancel{false};
        const Status s = SaveCopyJob::save(h5.value(), QString(), out, &cancel, [&cancel](qint64 done, qint64) {
            if (done > 0)
                cancel = true;
        });
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::Cancelled);
        QVERIFY(!QFileInfo::exists(out));
        QCOMPARE(QDir(m_dir.path()).entryList(QStringList{QStringLiteral(".cancelled_save*")}, QDir::Hidden | QDir::Files),
                 QStringList());
    }
};

QTEST_GUILESS_MAIN(TestCopyObjectOperation)
#include "tst_copyobjectoperation.moc"
