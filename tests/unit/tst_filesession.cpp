// FileSession: the one owner of an open file (mode, write queue, change
// signals). Edits here are test operations written in the test: one writes a
// cell with H5Dwrite and records the region it changed.

#include "hdf5/datasetaccess.h"
#include "hdf5/librarylock.h"
#include "model/selection.h"
#include "services/datablock.h"
#include "services/datasetreader.h"
#include "services/h5file.h"
#include "services/h5file_p.h"
#include "session/filesession.h"
#include "unit/testedits.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <hdf5.h>

#include <atomic>
#include <cmath>

using namespace hs::core;
using namespace hs::test;

namespace {

// Runs until cancelled (or 20 s), changing nothing.
class Waits final : public EditOperation
{
public:
    QString description() const override { return QStringLiteral("Wait"); }
    bool isLong() const override { return true; }
    Status apply(EditContext &ctx) override
    {
        started = true;
        for (int i = 0; i < 20000 && !ctx.isCancelled(); ++i)
            QThread::msleep(1);
        return ctx.isCancelled() ? Status(Error::make(ErrorCode::Cancelled, QStringLiteral("Cancelled"))) : Status(Ok{});
    }
    Status revert(EditContext &) override { return Ok{}; }
    std::atomic_bool started{false};
};

class Fails final : public EditOperation
{
public:
    QString description() const override { return QStringLiteral("Fail"); }
    Status apply(EditContext &ctx) override
    {
        ctx.changes().membersChanged.push_back(QStringLiteral("/")); // recorded, but the edit fails
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("That value does not fit."));
    }
    Status revert(EditContext &) override { return Ok{}; }
};

struct MetaCallCounter : QObject
{
    int count = 0;
    bool eventFilter(QObject *, QEvent *e) override
    {
        if (e->type() == QEvent::MetaCall)
            ++count;
        return false;
    }
};

struct Outcome
{
    bool called = false;
    Status status = Ok{};
};

FileSession::Done record(Outcome &o)
{
    return [&o](const Status &s) {
        o.called = true;
        o.status = s;
    };
}

// Another process that keeps the file open for writing (HDF5, with its lock).
class Writer
{
public:
    explicit Writer(const QString &path)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("HDF5_USE_FILE_LOCKING"));
        m_process.setProcessEnvironment(env);
        m_process.start(QStringLiteral(HYPERSLAB_LOCKHOLDER), {path});
    }
    ~Writer()
    {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
    }
    bool ready()
    {
        if (!m_process.waitForStarted(10000))
            return false;
        while (!m_process.canReadLine())
            if (!m_process.waitForReadyRead(10000))
                return false;
        return m_process.readLine().trimmed() == "ready";
    }

private:
    QProcess m_process;
};

int readThrough(const DatasetReader &reader, int r, int c)
{
    auto block = reader.readBlock(Selection::all({Rows, Cols}), false, quint64(r), 1, quint64(c), 1);
    if (!block)
        return INT_MIN;
    const double v = block.value()->number(0, 0, 0);
    return std::isnan(v) ? INT_MIN : int(v);
}

} // namespace

class TestFileSession : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;

    H5FilePtr openFile(H5File::Mode mode)
    {
        auto f = H5File::open(m_path, mode);
        return f ? f.value() : nullptr;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("%1.h5").arg(QLatin1String(QTest::currentTestFunction())));
        QVERIFY(writeFixture(m_path));
    }

    void registry()
    {
        const H5FilePtr file = openFile(H5File::Mode::ReadOnly);
        QVERIFY(file);
        QCOMPARE(FileSession::of(file), nullptr);
        {
            FileSession session(file);
            QCOMPARE(FileSession::of(file), &session);
            QCOMPARE(FileSession::forPath(file->path()), &session);
            QVERIFY(!session.isEditable());
        }
        QCOMPARE(FileSession::of(file), nullptr);
        QCOMPARE(FileSession::forPath(file->path()), nullptr);
    }

    void applyRevertRedoAreOnDisk()
    {
        const H5FilePtr file = openFile(H5File::Mode::ReadWrite);
        QVERIFY(file);
        FileSession session(file);
        QVERIFY(session.isEditable());
        QSignalSpy values(&session, &FileSession::valuesChanged);
        auto op = std::make_shared<SetCell>(2, 3, 777);
        const quint64 gen0 = session.generation();

        Outcome applied;
        session.submit(op, FileSession::Direction::Apply, [&](const Status &s) {
            applied.called = true;
            applied.status = s;
            // Done comes after the change signals, and the value is on disk already.
            QCOMPARE(values.count(), 1);
            QCOMPARE(valueOnDisk(m_path, 2, 3), 777);
        });
        QCOMPARE(session.pendingWrites(), 1);
        QVERIFY(session.waitForWrites());
        QVERIFY(applied.called);
        QVERIFY2(applied.status.ok(), qPrintable(applied.status ? QString() : applied.status.error().message));
        QCOMPARE(values.count(), 1);
        QCOMPARE(values.at(0).at(0).toString(), QStringLiteral("/d"));
        QCOMPARE(values.at(0).at(1).value<ValueRegion>(), op->region());
        QVERIFY(session.generation() > gen0);
        QCOMPARE(valueOnDisk(m_path, 2, 3), 777);

        Outcome reverted;
        session.submit(op, FileSession::Direction::Revert, record(reverted));
        QVERIFY(session.waitForWrites());
        QVERIFY(reverted.called && reverted.status.ok());
        QCOMPARE(valueOnDisk(m_path, 2, 3), 23);
        QCOMPARE(values.count(), 2);

        Outcome redone;
        session.submit(op, FileSession::Direction::Apply, record(redone));
        QVERIFY(session.waitForWrites());
        QVERIFY(redone.called && redone.status.ok());
        QCOMPARE(valueOnDisk(m_path, 2, 3), 777);
        QCOMPARE(valueOnDisk(m_path, 2, 2), 22); // only the one cell
    }

    void readOnlyRefusesAndLeavesTheFile()
    {
        const QByteArray before = bytesOf(m_path);
        const H5FilePtr file = openFile(H5File::Mode::ReadOnly);
        QVERIFY(file);
        FileSession session(file);
        QSignalSpy values(&session, &FileSession::valuesChanged);
        QSignalSpy finished(&session, &FileSession::writeFinished);
        auto op = std::make_shared<SetCell>(0, 0, 5);
        Outcome o;
        session.submit(op, FileSession::Direction::Apply, record(o));
        QVERIFY(!o.called); // never from inside submit
        QVERIFY(session.waitForWrites());
        QVERIFY(o.called);
        QVERIFY(!o.status.ok());
        QCOMPARE(o.status.error().code, ErrorCode::PermissionDenied);
        QVERIFY2(o.status.error().message.contains(QLatin1String("Enable Editing")), qPrintable(o.status.error().message));
        QCOMPARE(op->applied.load(), 0);
        QCOMPARE(values.count(), 0);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QCOMPARE(bytesOf(m_path), before);
    }

    void writesRunInOrder()
    {
        const H5FilePtr file = openFile(H5File::Mode::ReadWrite);
        QVERIFY(file);
        FileSession session(file);
        std::vector<int> appliedOrder;
        std::vector<int> doneOrder;
        for (int i = 1; i <= 6; ++i)
            session.submit(std::make_shared<SetCell>(1, 1, i, &appliedOrder), FileSession::Direction::Apply,
                           [&doneOrder, i](const Status &s) {
                               if (s)
                                   doneOrder.push_back(i);
                           });
        QCOMPARE(session.pendingWrites(), 6);
        QVERIFY(session.waitForWrites());
        QCOMPARE(appliedOrder, (std::vector<int>{1, 2, 3, 4, 5, 6}));
        QCOMPARE(doneOrder, (std::vector<int>{1, 2, 3, 4, 5, 6}));
        QCOMPARE(valueOnDisk(m_path, 1, 1), 6);
    }

    void failedWriteChangesNothing()
    {
        const H5FilePtr file = openFile(H5File::Mode::ReadWrite);
        QVERIFY(file);
        FileSession session(file);
        QSignalSpy members(&session, &FileSession::membersChanged);
        const quint64 gen = session.generation();
        Outcome o;
        session.submit(std::make_shared<Fails>(), FileSession::Direction::Apply, record(o));
        QVERIFY(session.waitForWrites());
        QVERIFY(o.called && !o.status.ok());
        QCOMPARE(o.status.error().message, QStringLiteral("That value does not fit."));
        QCOMPARE(members.count(), 0); // what a failed edit recorded is not announced
        QCOMPARE(session.generation(), gen);
        // The queue goes on.
        Outcome next;
        session.submit(std::make_shared<SetCell>(0, 1, 9), FileSession::Direction::Apply, record(next));
        QVERIFY(session.waitForWrites());
        QVERIFY(next.called && next.status.ok());
    }

    void cancelStopsTheRunningWrite()
    {
        const H5FilePtr file = openFile(H5File::Mode::ReadWrite);
        QVERIFY(file);
        FileSession session(file);
        auto op = std::make_shared<Waits>();
        Outcome o, after;
        QSignalSpy started(&session, &FileSession::writeStarted);
        session.submit(op, FileSession::Direction::Apply, record(o));
        session.submit(std::make_shared<SetCell>(3, 4, 1), FileSession::Direction::Apply, record(after));
        QTRY_VERIFY(op->started.load());
        QCOMPARE(started.count(), 1);
        QElapsedTimer t;
        t.start();
        session.cancelCurrentWrite();
        QVERIFY(session.waitForWrites());
        QVERIFY(t.elapsed() < 5000);
        QVERIFY(o.called);
        QVERIFY(!o.status.ok());
        QCOMPARE(o.status.error().code, ErrorCode::Cancelled);
        // Only the running write was cancelled.
        QVERIFY(after.called && after.status.ok());
        QCOMPARE(valueOnDisk(m_path, 3, 4), 1);
    }

    void reopenKeepsTheFileObjectAndReaders()
    {
        const H5FilePtr file = openFile(H5File::Mode::ReadOnly);
        QVERIFY(file);
        const H5File *object = file.get();
        FileSession session(file);
        auto reader = DatasetReader::open(file, QStringLiteral("/d"));
        QVERIFY(reader);
        QCOMPARE(readThrough(*reader.value(), 2, 4), 24);
        const quint64 handles = file->handleGeneration();

        QSignalSpy mode(&session, &FileSession::modeChanged);
        QSignalSpy failed(&session, &FileSession::modeChangeFailed);
        session.setEditable(true);
        QVERIFY(!session.isEditable()); // not while reopening
        QVERIFY(mode.wait(10000) || mode.count() == 1);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(mode.at(0).at(0).toBool(), true);
        QVERIFY(session.isEditable());
        QCOMPARE(session.file().get(), object);
        QVERIFY(file->handleGeneration() > handles);
        QCOMPARE(readThrough(*reader.value(), 2, 4), 24); // the reader opens its dataset again

        Outcome o;
        session.submit(std::make_shared<SetCell>(2, 4, -5), FileSession::Direction::Apply, record(o));
        QVERIFY(session.waitForWrites());
        QVERIFY(o.called);
        QVERIFY2(o.status.ok(), qPrintable(o.status ? QString() : o.status.error().message + o.status.error().detail));
        QCOMPARE(readThrough(*reader.value(), 2, 4), -5);

        session.setEditable(false);
        QTRY_COMPARE(mode.count(), 2);
        QCOMPARE(mode.at(1).at(0).toBool(), false);
        QVERIFY(file->isReadOnly());
        QCOMPARE(readThrough(*reader.value(), 2, 4), -5);
        QCOMPARE(valueOnDisk(m_path, 2, 4), -5);
    }

    void writeSubmittedWhileReopeningWaitsForTheNewMode()
    {
        // Ctrl+Shift+E, then an edit at once: the edit waits for the reopen
        // instead of being refused as if the file were read-only.
        const H5FilePtr file = openFile(H5File::Mode::ReadOnly);
        QVERIFY(file);
        FileSession session(file);
        session.setEditable(true);
        QVERIFY(session.isReopening());
        Outcome o;
        session.submit(std::make_shared<SetCell>(1, 3, 55), FileSession::Direction::Apply, record(o));
        QVERIFY(session.waitForWrites());
        QVERIFY(session.isEditable());
        QVERIFY(o.called);
        QVERIFY2(o.status.ok(), qPrintable(o.status ? QString() : o.status.error().message));
        QCOMPARE(valueOnDisk(m_path, 1, 3), 55);
    }

    void modeChangeWaitsForTheRunningWriteWithoutSpinning()
    {
        const H5FilePtr file = openFile(H5File::Mode::ReadWrite);
        QVERIFY(file);
        FileSession session(file);
        QSignalSpy mode(&session, &FileSession::modeChanged);
        auto op = std::make_shared<Waits>();
        Outcome o;
        session.submit(op, FileSession::Direction::Apply, record(o));
        QTRY_VERIFY(op->started.load());
        session.setEditable(false);
        // While the write runs the mode stays, and nothing is re-posted to the
        // session every turn of the event loop (which kept a core busy).
        MetaCallCounter calls;
        session.installEventFilter(&calls);
        for (int i = 0; i < 50; ++i)
            QCoreApplication::processEvents();
        session.removeEventFilter(&calls);
        QVERIFY2(calls.count < 5, qPrintable(QStringLiteral("%1 queued calls in 50 turns").arg(calls.count)));
        QCOMPARE(mode.count(), 0);
        QVERIFY(session.isEditable());
        session.cancelCurrentWrite();
        QTRY_COMPARE_WITH_TIMEOUT(mode.count(), 1, 10000);
        QCOMPARE(mode.at(0).at(0).toBool(), false);
        QVERIFY(o.called);
    }

    void announceClose()
    {
        const H5FilePtr file = openFile(H5File::Mode::ReadWrite);
        QVERIFY(file);
        FileSession session(file);
        QSignalSpy closing(&session, &FileSession::aboutToClose);
        session.submit(std::make_shared<SetCell>(0, 2, 8), FileSession::Direction::Apply);
        session.announceClose();
        QCOMPARE(closing.count(), 1);
        QVERIFY(session.waitForWrites());
        QCOMPARE(session.pendingWrites(), 0);
        QCOMPARE(valueOnDisk(m_path, 0, 2), 8);
    }
    void noPermissionStaysReadOnly()
    {
        Unwritable guard(m_path);
        QVERIFY(guard.ok());
        const QByteArray before = bytesOf(m_path);
        const H5FilePtr file = openFile(H5File::Mode::ReadOnly);
        QVERIFY(file);
        FileSession session(file);
        auto reader = DatasetReader::open(file, QStringLiteral("/d"));
        QVERIFY(reader);
        QSignalSpy mode(&session, &FileSession::modeChanged);
        QSignalSpy failed(&session, &FileSession::modeChangeFailed);
        session.setEditable(true);
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(mode.count(), 0);
        const Error e = failed.at(0).at(0).value<Error>();
        QCOMPARE(e.code, ErrorCode::PermissionDenied);
        QVERIFY2(e.message.contains(QLatin1String("permission")), qPrintable(e.message));
        QVERIFY(!session.isEditable());
        QVERIFY(file->isReadOnly());
        QCOMPARE(readThrough(*reader.value(), 1, 2), 12);
        Outcome o;
        session.submit(std::make_shared<SetCell>(0, 0, 5), FileSession::Direction::Apply, record(o));
        QVERIFY(session.waitForWrites());
        QVERIFY(o.called && !o.status.ok());
        QCOMPARE(bytesOf(m_path), before);
    }

    // Last: the tests with another program (QProcess's pipes, made inside Qt,
    // confuse the TSan build's model of the descriptors HDF5 reuses after them).
    void writerElsewhereStaysReadOnly()
    {
        // Another program writes the file: it opens for us without locking,
        // and editing is refused before anything is tried.
        Writer writer(m_path);
        QVERIFY(writer.ready());
        const H5FilePtr file = openFile(H5File::Mode::ReadOnly);
        QVERIFY(file);
        FileSession session(file);
        QVERIFY(!session.editingRefusal().isEmpty());
        QSignalSpy failed(&session, &FileSession::modeChangeFailed);
        session.setEditable(true);
        QTRY_COMPARE(failed.count(), 1);
        const Error e = failed.at(0).at(0).value<Error>();
        QVERIFY2(e.message.startsWith(QLatin1String("Could not enable editing.")), qPrintable(e.message));
        QVERIFY(!session.isEditable());
        auto reader = DatasetReader::open(file, QStringLiteral("/d"));
        QVERIFY(reader);
        QCOMPARE(readThrough(*reader.value(), 3, 0), 30);
    }

    void writerAfterOpenIsLockedOut()
    {
        // We hold the file open (with HDF5's lock); a program that then opens it
        // for writing is refused, and our reopen for writing still works.
        const H5FilePtr file = openFile(H5File::Mode::ReadOnly);
        QVERIFY(file);
        FileSession session(file);
        QSignalSpy mode(&session, &FileSession::modeChanged);
        QSignalSpy failed(&session, &FileSession::modeChangeFailed);
        {
            Writer writer(m_path);
            QVERIFY(!writer.ready());
        }
        session.setEditable(true);
        QTRY_COMPARE(mode.count() + failed.count(), 1);
        QCOMPARE(mode.count(), 1);
        QVERIFY(session.isEditable());
    }

};

QTEST_GUILESS_MAIN(TestFileSession)
#include "tst_filesession.moc"
