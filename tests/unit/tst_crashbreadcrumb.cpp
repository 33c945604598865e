// CrashBreadcrumb: the object being read is named by the fatal-signal handler.
// Crashes happen in a child: this binary started again with "--crash-child MODE".

#include "hdf5/crashbreadcrumb.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTest>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <thread>

#include <unistd.h>

using hs::core::CrashBreadcrumb;

namespace {

const QString kFile = QStringLiteral("/data/run 1.h5");
// "/grp/µ" with the µ as the byte 0xB5 of a Latin-1 name (model/names.h keeps it as U+DCB5).
const QString kObject = QStringLiteral("/grp/") + QChar(char16_t(0xDCB5));

[[noreturn]] void die(const char *how)
{
    if (std::strcmp(how, "abort") == 0)
        std::abort();
    if (std::strcmp(how, "fpe") == 0)
        std::raise(SIGFPE);
    else if (std::strcmp(how, "bus") == 0)
        std::raise(SIGBUS);
    else if (std::strcmp(how, "ill") == 0)
        std::raise(SIGILL);
    else {
        volatile int *null = nullptr;
        *null = 1; // a real segmentation fault, as in the library
    }
    std::_Exit(99); // not reached
}

void hook(int, const char *file, const char *object)
{
    const char tag[] = "hook:";
    [[maybe_unused]] auto w = ::write(2, tag, sizeof tag - 1);
    w = ::write(2, file, std::strlen(file));
    w = ::write(2, "|", 1);
    w = ::write(2, object, std::strlen(object));
    w = ::write(2, "\n", 1);
}

int crashChild(const QString &mode, const char *how)
{
    CrashBreadcrumb::installFatalSignalHandler(mode == QLatin1String("hook-only") ? nullptr : "hyperslab");
    if (mode == QLatin1String("none"))
        die(how);
    if (mode == QLatin1String("hook") || mode == QLatin1String("hook-only"))
        CrashBreadcrumb::setFatalHook(hook);
    const CrashBreadcrumb::Scope outer(kFile, QStringLiteral("/outer"));
    if (mode == QLatin1String("restored")) {
        { const CrashBreadcrumb::Scope inner(kFile, kObject); }
        die(how);
    }
    if (mode == QLatin1String("thread")) {
        std::thread worker([how] {
            const CrashBreadcrumb::Scope mine(QStringLiteral("/other.h5"), QStringLiteral("/worker/table"));
            die(how);
        });
        worker.join();
        return 98;
    }
    const CrashBreadcrumb::Scope inner(kFile, kObject);
    die(how);
}

struct Run
{
    QProcess::ExitStatus status = QProcess::NormalExit;
    int code = -1;
    QByteArray err;
};

Run runChild(const QString &mode, const QString &how)
{
    QProcess p;
    p.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--crash-child"), mode, how});
    Run r;
    if (!p.waitForFinished(20000)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.status = p.exitStatus();
    r.code = p.exitCode();
    r.err = p.readAllStandardError();
    return r;
}

const QByteArray kLine = "hyperslab: stopped while reading /grp/\\xB5 in /data/run 1.h5: this is a fault in the HDF5 "
                         "library triggered by that object\n";

} // namespace

class TestCrashBreadcrumb : public QObject
{
    Q_OBJECT

private slots:
    void fatalSignalNamesTheObject_data();
    void fatalSignalNamesTheObject();
    void endedScopeRestoresTheOuterObject();
    void faultingThreadIsTheOneNamed();
    void withoutScopeTheSignalIsNamed();
    void fatalHookRunsFirst();
    void fatalHookWithoutLine();
    void listenerIsToldOfEveryChange();
    void currentForThisThread();
};

void TestCrashBreadcrumb::fatalSignalNamesTheObject_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("SIGSEGV") << QStringLiteral("segv");
    QTest::newRow("SIGABRT") << QStringLiteral("abort");
    QTest::newRow("SIGFPE") << QStringLiteral("fpe");
    QTest::newRow("SIGBUS") << QStringLiteral("bus");
    QTest::newRow("SIGILL") << QStringLiteral("ill");
}

// One line, the escaped path that `hyperslab info` takes back, and death by
// the signal itself (the parent still sees a crash).
void TestCrashBreadcrumb::fatalSignalNamesTheObject()
{
    QFETCH(QString, how);
    const Run r = runChild(QStringLiteral("inner"), how);
    QCOMPARE(r.status, QProcess::CrashExit);
    QCOMPARE(r.err, kLine);
}

void TestCrashBreadcrumb::endedScopeRestoresTheOuterObject()
{
    const Run r = runChild(QStringLiteral("restored"), QStringLiteral("segv"));
    QCOMPARE(r.status, QProcess::CrashExit);
    QCOMPARE(r.err, QByteArray("hyperslab: stopped while reading /outer in /data/run 1.h5: this is a fault in the HDF5 "
                               "library triggered by that object\n"));
}

void TestCrashBreadcrumb::faultingThreadIsTheOneNamed()
{
    const Run r = runChild(QStringLiteral("thread"), QStringLiteral("segv"));
    QCOMPARE(r.status, QProcess::CrashExit);
    QCOMPARE(r.err, QByteArray("hyperslab: stopped while reading /worker/table in /other.h5: this is a fault in the "
                               "HDF5 library triggered by that object\n"));
}

void TestCrashBreadcrumb::withoutScopeTheSignalIsNamed()
{
    const Run r = runChild(QStringLiteral("none"), QStringLiteral("abort"));
    QCOMPARE(r.status, QProcess::CrashExit);
    QCOMPARE(r.err, QByteArray("hyperslab: stopped by a fatal error (SIGABRT)\n"));
}

void TestCrashBreadcrumb::fatalHookRunsFirst()
{
    const Run r = runChild(QStringLiteral("hook"), QStringLiteral("segv"));
    QCOMPARE(r.status, QProcess::CrashExit);
    QCOMPARE(r.err, QByteArray("hook:/data/run 1.h5|/grp/\\xB5\n") + kLine);
}

void TestCrashBreadcrumb::fatalHookWithoutLine()
{
    const Run r = runChild(QStringLiteral("hook-only"), QStringLiteral("segv"));
    QCOMPARE(r.status, QProcess::CrashExit);
    QCOMPARE(r.err, QByteArray("hook:/data/run 1.h5|/grp/\\xB5\n"));
}

namespace {
QStringList g_seen;
void listener(void *context, const char *file, const char *object)
{
    static_cast<QStringList *>(context)->append(QString::fromUtf8(file) + QLatin1Char('|') + QString::fromUtf8(object));
}
} // namespace

void TestCrashBreadcrumb::listenerIsToldOfEveryChange()
{
    g_seen.clear();
    CrashBreadcrumb::setListener(listener, &g_seen);
    {
        const CrashBreadcrumb::Scope a(QStringLiteral("f.h5"), QStringLiteral("/a"));
        {
            const CrashBreadcrumb::Scope b(QStringLiteral("f.h5"), kObject);
        }
    }
    CrashBreadcrumb::setListener(nullptr, nullptr);
    { const CrashBreadcrumb::Scope c(QStringLiteral("f.h5"), QStringLiteral("/c")); }
    QCOMPARE(g_seen, (QStringList{QStringLiteral("f.h5|/a"), QStringLiteral("f.h5|/grp/\\xB5"), QStringLiteral("f.h5|/a"),
                                  QStringLiteral("|")}));
}

void TestCrashBreadcrumb::currentForThisThread()
{
    char file[64], object[8];
    QVERIFY(!CrashBreadcrumb::currentForThisThread(file, sizeof file, object, sizeof object));
    QCOMPARE(QByteArray(file), QByteArray());
    {
        const CrashBreadcrumb::Scope a(QStringLiteral("f.h5"), QStringLiteral("/a/very/long/path"));
        QVERIFY(CrashBreadcrumb::currentForThisThread(file, sizeof file, object, sizeof object));
        QCOMPARE(QByteArray(file), QByteArray("f.h5"));
        QCOMPARE(QByteArray(object), QByteArray("/a/very")); // cut to fit, terminated
        bool otherThreadInScope = true;
        std::thread([&] { otherThreadInScope = CrashBreadcrumb::currentForThisThread(file, sizeof file, object, sizeof object); })
            .join();
        QVERIFY(!otherThreadInScope);
    }
    QVERIFY(!CrashBreadcrumb::currentForThisThread(file, sizeof file, object, sizeof object));
}

int main(int argc, char **argv)
{
    if (argc == 4 && std::strcmp(argv[1], "--crash-child") == 0) {
        QCoreApplication app(argc, argv); // for QString only; no event loop
        return crashChild(QString::fromLatin1(argv[2]), argv[3]);
    }
    QCoreApplication app(argc, argv);
    TestCrashBreadcrumb test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_crashbreadcrumb.moc"
