// The session journal: what it keeps, what a clean exit leaves (nothing), and
// what the next start learns from an instance that crashed or was killed. The
// crashes are real: a forked child starts a journal, enters a breadcrumb scope
// and dies by the signal, as the app does when the library faults.

#include "hdf5/crashbreadcrumb.h"
#include "session/objectreadscope.h"
#include "session/sessionjournal.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstdlib>
#include <functional>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

using namespace hs::core;

namespace {

// Runs `body` in a forked child; returns the raw wait status. The body runs on
// a new thread: a breadcrumb slot remembers its thread's kernel id, and the
// forked main thread would carry the parent's.
int runChild(const std::function<void()> &body)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        std::thread t(body);
        t.join();
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

SessionState sampleSession()
{
    SessionState s;
    s.files = {QStringLiteral("/data/a.h5"), QStringLiteral("/data/data.h5")};
    s.selection = {QStringLiteral("/data/data.h5"), QStringLiteral("/run/table")};
    s.tabs = {{QStringLiteral("/data/a.h5"), QStringLiteral("/x")}, {QStringLiteral("/data/data.h5"), QStringLiteral("/run/table")}};
    s.heldBack = {{QStringLiteral("/data/a.h5"), QStringLiteral("/bad")}};
    return s;
}

const QString DataFile = QStringLiteral("/data/data.h5");

} // namespace

class TestSessionJournal : public QObject
{
    Q_OBJECT

    QString freshDir()
    {
        m_dirs.push_back(std::make_unique<QTemporaryDir>());
        return m_dirs.back()->filePath(QStringLiteral("sessions"));
    }
    std::vector<std::unique_ptr<QTemporaryDir>> m_dirs;

private Q_SLOTS:
    void sessionStateRoundTripsThroughJson()
    {
        const SessionState s = sampleSession();
        QCOMPARE(SessionState::fromJson(s.toJson()), s);
        const SessionState empty;
        QCOMPARE(SessionState::fromJson(empty.toJson()), empty);
        QVERIFY(!SessionState::fromJson(empty.toJson()).selection.isValid());
    }

    void cleanExitLeavesNoJournal()
    {
        const QString dir = freshDir();
        {
            SessionJournal j(dir);
            QVERIFY(j.start());
            j.save(sampleSession());
            QVERIFY(QFile::exists(j.readsFilePath()));
            QVERIFY(QFile::exists(j.sessionFilePath()));
            {
                const CrashBreadcrumb::Scope crumb(DataFile, QStringLiteral("/run/table"));
            }
            j.finish();
            QVERIFY(!QFile::exists(j.readsFilePath()));
            QVERIFY(!QFile::exists(j.sessionFilePath()));
        }
        QVERIFY(QDir(dir).entryList(QDir::Files).isEmpty());
        QVERIFY(!SessionJournal(dir).takeCrashReport());
    }

    void runningInstanceIsNotReported()
    {
        const QString dir = freshDir();
        SessionJournal mine(dir);
        QVERIFY(mine.start());
        mine.save(sampleSession());
        // Another instance starting now must not take a live journal for a crash.
        QVERIFY(!SessionJournal(dir).takeCrashReport());
        QVERIFY(QFile::exists(mine.readsFilePath()));
        mine.finish();
    }

    void faultInsideScopeIsReportedWithItsObject()
    {
        const QString dir = freshDir();
        const int status = runChild([&] {
            SessionJournal j(dir);
            if (!j.start())
                ::_exit(3);
            j.save(sampleSession());
            const CrashBreadcrumb::Scope outer(DataFile, QStringLiteral("/run"));
            {
                const CrashBreadcrumb::Scope done(QStringLiteral("/data/a.h5"), QStringLiteral("/x"));
            }
            const CrashBreadcrumb::Scope crumb(DataFile, QStringLiteral("/run/table"));
            std::raise(SIGSEGV);
        });
        QVERIFY(WIFSIGNALED(status));
        QCOMPARE(WTERMSIG(status), SIGSEGV);

        SessionJournal next(dir);
        const auto report = next.takeCrashReport();
        QVERIFY(report);
        QCOMPARE(report->signalNumber, SIGSEGV);
        QCOMPARE(report->reading, (SessionObject{DataFile, QStringLiteral("/run/table")}));
        QCOMPARE(report->session, sampleSession());
        QCOMPARE(report->message(), QStringLiteral("Hyperslab stopped while reading /run/table in data.h5; this is a "
                                                   "fault in the HDF5 library triggered by that object."));
        // Reported once: the journal is gone.
        QVERIFY(QDir(dir).entryList(QDir::Files).isEmpty());
        QVERIFY(!next.takeCrashReport());
    }

    void faultOutsideAnyScopeBlamesNoObject()
    {
        const QString dir = freshDir();
        const int status = runChild([&] {
            SessionJournal j(dir);
            if (!j.start())
                ::_exit(3);
            {
                const CrashBreadcrumb::Scope crumb(DataFile, QStringLiteral("/run/table"));
            }
            std::raise(SIGABRT);
        });
        QVERIFY(WIFSIGNALED(status));
        const auto report = SessionJournal(dir).takeCrashReport();
        QVERIFY(report);
        QCOMPARE(report->signalNumber, SIGABRT);
        QVERIFY(!report->reading.isValid());
        QVERIFY2(report->message().contains(QLatin1String("not reading an object")), qPrintable(report->message()));
        QVERIFY(!report->message().contains(QLatin1String("HDF5")));
    }

    void killedWhileReadingNamesTheNewestRead()
    {
        const QString dir = freshDir();
        const int status = runChild([&] {
            SessionJournal j(dir);
            if (!j.start())
                ::_exit(3);
            j.save(sampleSession());
            // Another thread's read that ended, then this one's, under way.
            std::thread other([] { const CrashBreadcrumb::Scope c(DataFile, QStringLiteral("/old")); });
            other.join();
            const CrashBreadcrumb::Scope crumb(DataFile, QStringLiteral("/slow/read"));
            ::kill(::getpid(), SIGKILL); // no handler runs: only the records tell
        });
        QVERIFY(WIFSIGNALED(status));
        QCOMPARE(WTERMSIG(status), SIGKILL);
        const auto report = SessionJournal(dir).takeCrashReport();
        QVERIFY(report);
        QCOMPARE(report->signalNumber, 0);
        QCOMPARE(report->reading, (SessionObject{DataFile, QStringLiteral("/slow/read")}));
        QCOMPARE(report->session.files, sampleSession().files);
        QVERIFY2(report->message().contains(QLatin1String("stopped from outside while it was reading /slow/read in data.h5")),
                 qPrintable(report->message()));
    }

    void exitWithoutFinishIsReportedWithoutObject()
    {
        const QString dir = freshDir();
        const int status = runChild([&] {
            SessionJournal j(dir);
            if (!j.start())
                ::_exit(3);
            j.save(sampleSession());
            ::_exit(0); // e.g. killed between reads
        });
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);
        const auto report = SessionJournal(dir).takeCrashReport();
        QVERIFY(report);
        QVERIFY(!report->reading.isValid());
        QCOMPARE(report->session, sampleSession());
        QVERIFY2(report->message().contains(QLatin1String("did not close normally")), qPrintable(report->message()));
    }

    void newestOfSeveralCrashesIsReportedAndAllRemoved()
    {
        const QString dir = freshDir();
        for (const QString &object : {QStringLiteral("/first"), QStringLiteral("/second")}) {
            const int status = runChild([&] {
                SessionJournal j(dir);
                if (!j.start())
                    ::_exit(3);
                const CrashBreadcrumb::Scope crumb(DataFile, object);
                std::raise(SIGSEGV);
            });
            QVERIFY(WIFSIGNALED(status));
        }
        QCOMPARE(QDir(dir).entryList({QStringLiteral("*.reads")}, QDir::Files).size(), 2);
        const auto report = SessionJournal(dir).takeCrashReport();
        QVERIFY(report);
        QCOMPARE(report->reading.path, QStringLiteral("/second"));
        QVERIFY(QDir(dir).entryList(QDir::Files).isEmpty());
    }

    void testCrashHookFaultsOnlyOnItsObject()
    {
        const QString dir = freshDir();
        const int status = runChild([&] {
            ::setenv("HYPERSLAB_TEST_CRASH_AT", "/run/table", 1);
            SessionJournal j(dir);
            if (!j.start())
                ::_exit(3);
            {
                const ObjectReadScope other(DataFile, QStringLiteral("/run/other"));
            }
            const ObjectReadScope crumb(DataFile, QStringLiteral("/run/table"));
            ::_exit(4); // not reached
        });
        QVERIFY(WIFSIGNALED(status));
        QCOMPARE(WTERMSIG(status), SIGSEGV);
        const auto report = SessionJournal(dir).takeCrashReport();
        QVERIFY(report);
        QCOMPARE(report->reading.path, QStringLiteral("/run/table"));
    }
};

QTEST_GUILESS_MAIN(TestSessionJournal)
#include "tst_sessionjournal.moc"
