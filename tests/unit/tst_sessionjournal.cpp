// The session journal: what it keeps, what a clean exit leaves (nothing), and
// what the next start learns from an instance that crashed or was killed. The
// crashes are real: a child process starts a journal, enters a breadcrumb scope
// and dies by the signal, as the app does when the library faults.

#include "hdf5/crashbreadcrumb.h"
#include "session/objectreadscope.h"
#include "session/sessionjournal.h"

#include <QDir>
#include <QProcess>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstdlib>
#include <thread>

#include <unistd.h>

using namespace hs::core;

namespace {

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

// "/run/\xB5s": a Latin-1 byte in a name, as core holds it (model/names.h: U+DC00 + byte).
QString latin1Path()
{
    return QStringLiteral("/run/") + QChar(0xDC00 + 0xB5) + QStringLiteral("s");
}

// The child side: this test binary started again with HS_JOURNAL_CHILD set
// (a fresh process, as the app is; fork would not do under ThreadSanitizer).
int childMain(const QString &scenario, const QString &dir)
{
    SessionJournal j(dir);
    if (!j.start())
        return 3;
    j.save(sampleSession());
    if (scenario == QLatin1String("fault")) {
        const CrashBreadcrumb::Scope outer(DataFile, QStringLiteral("/run"));
        {
            const CrashBreadcrumb::Scope done(QStringLiteral("/data/a.h5"), QStringLiteral("/x"));
        }
        const CrashBreadcrumb::Scope crumb(DataFile, QStringLiteral("/run/table"));
        std::raise(SIGSEGV);
    } else if (scenario == QLatin1String("faultOutside")) {
        {
            const CrashBreadcrumb::Scope crumb(DataFile, QStringLiteral("/run/table"));
        }
        std::raise(SIGABRT);
    } else if (scenario == QLatin1String("killed")) {
        // Another thread's read that ended, then this one's, under way.
        std::thread other([] { const CrashBreadcrumb::Scope c(DataFile, QStringLiteral("/old")); });
        other.join();
        const CrashBreadcrumb::Scope crumb(DataFile, QStringLiteral("/slow/read"));
        ::kill(::getpid(), SIGKILL); // no handler runs: only the records tell
    } else if (scenario == QLatin1String("faultLatin1")) {
        SessionState st;
        st.files = {DataFile};
        st.selection = {DataFile, latin1Path()};
        j.save(st);
        const CrashBreadcrumb::Scope crumb(DataFile, latin1Path());
        std::raise(SIGSEGV);
    } else if (scenario == QLatin1String("shrink")) {
        SessionState small;
        small.files = {DataFile};
        j.save(small); // shorter than the sample written before
        ::_exit(0);
    } else if (scenario == QLatin1String("exit")) {
        ::_exit(0); // e.g. killed between reads
    } else if (scenario.startsWith(QLatin1String("faultAt:"))) {
        const CrashBreadcrumb::Scope crumb(DataFile, scenario.mid(8));
        std::raise(SIGSEGV);
    } else if (scenario == QLatin1String("hook")) {
        {
            const ObjectReadScope other(DataFile, QStringLiteral("/run/other"));
        }
        const ObjectReadScope crumb(DataFile, QStringLiteral("/run/table"));
        return 4; // not reached
    }
    return 5;
}

struct ChildEnd
{
    QProcess::ExitStatus status;
    int code; // the signal for a crash
};

ChildEnd runChild(const QString &scenario, const QString &dir, const QString &crashAt = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HS_JOURNAL_CHILD"), scenario);
    env.insert(QStringLiteral("HS_JOURNAL_DIR"), dir);
    if (!crashAt.isEmpty())
        env.insert(QStringLiteral("HYPERSLAB_TEST_CRASH_AT"), crashAt);
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(QCoreApplication::applicationFilePath(), {});
    if (!p.waitForFinished(30000))
        return {QProcess::CrashExit, -1};
    return {p.exitStatus(), p.exitCode()};
}

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

    void namesThatAreNotUtf8RoundTrip()
    {
        SessionState s;
        s.files = {DataFile};
        s.selection = {DataFile, latin1Path()};
        s.heldBack = {{DataFile, latin1Path()}};
        const QJsonObject json = s.toJson();
        QCOMPARE(json.value(QStringLiteral("selection")).toObject().value(QStringLiteral("path")).toString(),
                 QStringLiteral("/run/\\xB5s"));
        QCOMPARE(SessionState::fromJson(json), s);
        QCOMPARE(s.selection.displayPath(), QStringLiteral("/run/\\xB5s"));
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
        const ChildEnd end = runChild(QStringLiteral("fault"), dir);
        QCOMPARE(end.status, QProcess::CrashExit);
        QCOMPARE(end.code, SIGSEGV);

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
        const ChildEnd end = runChild(QStringLiteral("faultOutside"), dir);
        QCOMPARE(end.status, QProcess::CrashExit);
        QCOMPARE(end.code, SIGABRT);
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
        const ChildEnd end = runChild(QStringLiteral("killed"), dir);
        QCOMPARE(end.status, QProcess::CrashExit);
        QCOMPARE(end.code, SIGKILL);
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
        const ChildEnd end = runChild(QStringLiteral("exit"), dir);
        QCOMPARE(end.status, QProcess::NormalExit);
        QCOMPARE(end.code, 0);
        const auto report = SessionJournal(dir).takeCrashReport();
        QVERIFY(report);
        QVERIFY(!report->reading.isValid());
        QCOMPARE(report->session, sampleSession());
        QVERIFY2(report->message().contains(QLatin1String("did not close normally")), qPrintable(report->message()));
    }

    void faultOnANameThatIsNotUtf8()
    {
        const QString dir = freshDir();
        const ChildEnd end = runChild(QStringLiteral("faultLatin1"), dir);
        QCOMPARE(end.status, QProcess::CrashExit);
        const auto report = SessionJournal(dir).takeCrashReport();
        QVERIFY(report);
        // The same object as the tree holds it, so it is the one held back.
        QCOMPARE(report->reading, (SessionObject{DataFile, latin1Path()}));
        QCOMPARE(report->session.selection, report->reading);
        QVERIFY2(report->message().contains(QLatin1String("reading /run/\\xB5s in data.h5")), qPrintable(report->message()));
    }

    void aShorterSessionReplacesALongerOne()
    {
        const QString dir = freshDir();
        const ChildEnd end = runChild(QStringLiteral("shrink"), dir);
        QCOMPARE(end.status, QProcess::NormalExit);
        const auto report = SessionJournal(dir).takeCrashReport();
        QVERIFY(report);
        SessionState small;
        small.files = {DataFile};
        QCOMPARE(report->session, small);
    }

    void newestOfSeveralCrashesIsReportedAndAllRemoved()
    {
        const QString dir = freshDir();
        for (const QString &object : {QStringLiteral("/first"), QStringLiteral("/second")}) {
            const ChildEnd end = runChild(QStringLiteral("faultAt:") + object, dir);
            QCOMPARE(end.status, QProcess::CrashExit);
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
        const ChildEnd end = runChild(QStringLiteral("hook"), dir, QStringLiteral("/run/table"));
        QCOMPARE(end.status, QProcess::CrashExit);
        QCOMPARE(end.code, SIGSEGV);
        const auto report = SessionJournal(dir).takeCrashReport();
        QVERIFY(report);
        QCOMPARE(report->reading.path, QStringLiteral("/run/table"));
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("HS_JOURNAL_CHILD"))
        return childMain(qEnvironmentVariable("HS_JOURNAL_CHILD"), qEnvironmentVariable("HS_JOURNAL_DIR"));
    TestSessionJournal test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_sessionjournal.moc"
