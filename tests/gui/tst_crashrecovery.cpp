// Crash recovery end to end, with the real app binary: a first run faults
// inside the library's read of /run/table (the HYPERSLAB_TEST_CRASH_AT hook
// raises SIGSEGV inside that read's breadcrumb); the second run, with the same
// hook still armed, must say what happened, reopen the session and not read
// /run/table again (reading it would crash it again); a clean close removes
// its journal.

#include "recoveryfixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

class TestCrashRecovery : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_file;

    QString sessionsDir() const
    {
        // AppLocalDataLocation is $XDG_DATA_HOME/<organization>/<application>.
        return m_tmp.filePath(QStringLiteral("data/Hyperslab/Hyperslab/sessions"));
    }

    void setUpProcess(QProcess &p) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_tmp.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_tmp.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_tmp.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("HYPERSLAB_TEST_CRASH_AT"), QStringLiteral("/run/table"));
        p.setProcessEnvironment(env);
        p.setProgram(QStringLiteral(HYPERSLAB_APP_BINARY));
    }

    QJsonObject sessionOf(const QProcess &p) const
    {
        QFile f(QDir(sessionsDir()).filePath(QStringLiteral("%1.session.json").arg(p.processId())));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }

    QJsonObject object(const QString &path) const
    {
        return QJsonObject{{QStringLiteral("file"), m_file}, {QStringLiteral("path"), path}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_file = QDir(m_tmp.path()).absoluteFilePath(QStringLiteral("data.h5"));
        QVERIFY(hs::test::writeRecoveryFixture(m_file));
    }

    void crashIsReportedSessionReopenedAndObjectHeldBack()
    {
        // Run 1: select /run/table from the command line; the panels read it and the "library" faults.
        QProcess first;
        setUpProcess(first);
        first.setArguments({m_file + QStringLiteral(":/run/table")});
        first.start();
        QVERIFY(first.waitForStarted());
        const qint64 firstPid = first.processId();
        QVERIFY(first.waitForFinished(30000));
        QCOMPARE(first.exitStatus(), QProcess::CrashExit);
        const QString firstErr = QString::fromLocal8Bit(first.readAllStandardError());
        QVERIFY2(firstErr.contains(QStringLiteral("stopped while reading /run/table in ") + m_file), qPrintable(firstErr));
        QVERIFY(QFile::exists(QDir(sessionsDir()).filePath(QStringLiteral("%1.reads").arg(firstPid))));

        // Run 2: no arguments. The hook is still armed: reading /run/table again would crash.
        QProcess second;
        setUpProcess(second);
        second.start();
        QVERIFY(second.waitForStarted());
        const qint64 secondPid = second.processId();
        QString err;
        QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromLocal8Bit(second.readAllStandardError())).contains(QLatin1String("Your session")), 20000);
        QVERIFY2(err.contains(QStringLiteral("hyperslab: Hyperslab stopped while reading /run/table in data.h5; this is a "
                                             "fault in the HDF5 library triggered by that object.")),
                 qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("Your session was reopened: 1 file.")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("/run/table was not read again")), qPrintable(err));
        // The session is back: the file, the selection next to /run/table (not on it), /run/table held back.
        QTRY_COMPARE_WITH_TIMEOUT(sessionOf(second).value(QStringLiteral("selection")).toObject(), object(QStringLiteral("/run")), 20000);
        const QJsonObject session = sessionOf(second);
        QCOMPARE(session.value(QStringLiteral("files")).toArray(), QJsonArray{m_file});
        QCOMPARE(session.value(QStringLiteral("heldBack")).toArray(), QJsonArray{object(QStringLiteral("/run/table"))});
        QCOMPARE(second.state(), QProcess::Running);
        // The first run's journal was reported and removed; only this run's is left.
        QCOMPARE(QDir(sessionsDir()).entryList({QStringLiteral("*.reads")}, QDir::Files),
                 QStringList{QStringLiteral("%1.reads").arg(secondPid)});

        // A polite stop (logout, kill) is a clean exit: the journal goes, so the next start reports nothing.
        ::kill(pid_t(second.processId()), SIGTERM);
        QVERIFY(second.waitForFinished(20000));
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);
        QVERIFY2(QDir(sessionsDir()).entryList(QDir::Files).isEmpty(), qPrintable(QDir(sessionsDir()).entryList(QDir::Files).join(u' ')));
    }
};

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crashrecovery.moc"
