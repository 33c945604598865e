// One window per user and display (app/singleinstance.h): this test process is
// the running Hyperslab (the real main window, offscreen, listening on a
// private socket); the real `hyperslab` binary, started with the same
// HYPERSLAB_INSTANCE_NAME, is the second process.

#include "windowharness.h"

#include "fixtures/fixtures.h"
#include "mainwindow.h"
#include "models/hierarchymodel.h"
#include "singleinstance.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

using namespace hs;

class TestSingleInstance : public QObject, private guitests::WindowHarness
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_example;  // example.h5
    QString m_second;   // creation_order.h5
    QString m_socket;   // the private server name (an absolute path)
    std::unique_ptr<app::SingleInstance> m_instance;

    void setUpProcess(QProcess &p, const QStringList &args) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HYPERSLAB_INSTANCE_NAME"), m_socket);
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("hyperslab.instance.info=true"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_tmp.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_tmp.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_tmp.filePath(QStringLiteral("cache")));
        p.setProcessEnvironment(env);
        p.setProgram(QStringLiteral(HYPERSLAB_APP_BINARY));
        p.setArguments(args);
    }

    // The file rows of the window's tree.
    QStringList roots() const
    {
        QStringList files;
        const core::HierarchyModel *m = m_w->hierarchyModel();
        for (int r = 0; r < m->rowCount(); ++r)
            files << m->index(r, 0).data(core::HierarchyModel::FilePathRole).toString();
        return files;
    }

    // Waits for `p` to end while this process keeps answering on its socket
    // (QProcess::waitForFinished would block the answer a hand-over waits for).
    static bool finished(QProcess &p)
    {
        return QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 30000);
    }

    static void stop(QProcess &p)
    {
        if (p.state() == QProcess::NotRunning)
            return;
        p.terminate();
        if (!p.waitForFinished(10000))
            p.kill();
        p.waitForFinished(5000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        guitests::initSettings("tst_singleinstance");
        QVERIFY(m_tmp.isValid());
        m_example = m_tmp.filePath(QStringLiteral("example.h5"));
        m_second = m_tmp.filePath(QStringLiteral("creation_order.h5"));
        QVERIFY(fixtures::writeExampleFile(m_example));
        QVERIFY(fixtures::writeCreationOrderFile(m_second));
        m_socket = m_tmp.filePath(QStringLiteral("instance"));
    }

    void init()
    {
        QVERIFY(openWindow(QSize(900, 600)));
        m_instance = std::make_unique<app::SingleInstance>(m_socket);
        QCOMPARE(m_instance->serverPath(), m_socket);
        // Nobody listens yet: this process becomes the running instance.
        QVERIFY(!m_instance->handOver({}, false));
        QVERIFY(m_instance->isListening());
        m_instance->deliverTo(m_w.get());
        m_w->openFile(m_example);
        QTRY_COMPARE_WITH_TIMEOUT(roots(), QStringList{m_example}, guitests::Timeout);
    }

    void cleanup()
    {
        m_instance.reset();
        closeWindow();
    }

    void defaultNameIsPerUserAndDisplay()
    {
        qputenv("HYPERSLAB_INSTANCE_NAME", "private-name");
        QCOMPARE(app::SingleInstance::defaultName(), QStringLiteral("private-name"));
        qunsetenv("HYPERSLAB_INSTANCE_NAME");
        const QByteArray display = qgetenv("DISPLAY");
        const QByteArray wayland = qgetenv("WAYLAND_DISPLAY");
        qunsetenv("WAYLAND_DISPLAY");
        qputenv("DISPLAY", ":7");
        const QString seven = app::SingleInstance::defaultName();
        qputenv("DISPLAY", ":8");
        const QString eight = app::SingleInstance::defaultName();
        qputenv("WAYLAND_DISPLAY", "wayland-0");
        const QString wl = app::SingleInstance::defaultName();
        qputenv("DISPLAY", display);
        qputenv("WAYLAND_DISPLAY", wayland);
        QVERIFY(seven.startsWith(QLatin1String("hyperslab-")));
        QVERIFY(seven != eight);
        QVERIFY(wl != eight);
        // Relative names live in the user's private runtime directory.
        QVERIFY(QDir::isAbsolutePath(app::SingleInstance(seven).serverPath()));
    }

    void secondProcessHandsOverItsFilesAndExits()
    {
        QSignalSpy received(m_instance.get(), &app::SingleInstance::received);
        // A relative name with an object path, from another working directory:
        // the running instance gets the absolute file and the path.
        QProcess second;
        setUpProcess(second, {QStringLiteral("creation_order.h5:/ordered")});
        second.setWorkingDirectory(m_tmp.path());
        second.start();
        QVERIFY(finished(second));
        const QString err = QString::fromLocal8Bit(second.readAllStandardError());
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QVERIFY2(second.exitCode() == 0, qPrintable(err));
        QVERIFY2(err.contains(QLatin1String("handed 1 file(s)")), qPrintable(err));

        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, guitests::Timeout);
        const auto files = received.at(0).at(0).value<app::SingleInstance::Request>();
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.at(0).file, m_second);
        QCOMPARE(files.at(0).path, QStringLiteral("/ordered"));
        // A new root beside the first, with the object selected.
        QTRY_COMPARE_WITH_TIMEOUT(roots(), (QStringList{m_example, m_second}), guitests::Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(guitests::currentPath(*m_w), QStringLiteral("/ordered"), guitests::Timeout);
    }

    void noFilesBringsTheWindowUp()
    {
        QSignalSpy received(m_instance.get(), &app::SingleInstance::received);
        m_w->showMinimized();
        QProcess second;
        setUpProcess(second, {});
        second.start();
        QVERIFY(finished(second));
        QCOMPARE(second.exitCode(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, guitests::Timeout);
        QVERIFY(received.at(0).at(0).value<app::SingleInstance::Request>().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!m_w->isMinimized(), guitests::Timeout);
        QCOMPARE(roots(), QStringList{m_example});
    }

    void newWindowStartsASeparateInstance()
    {
        QSignalSpy received(m_instance.get(), &app::SingleInstance::received);
        QProcess separate;
        setUpProcess(separate, {QStringLiteral("--new-window"), m_second});
        separate.start();
        QVERIFY(separate.waitForStarted());
        // The decision is logged once made; after it the process only runs its window.
        QString err;
        QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromLocal8Bit(separate.readAllStandardError()))
                                     .contains(QLatin1String("--new-window: a separate instance")),
                                 guitests::Timeout);
        QCOMPARE(separate.state(), QProcess::Running);
        // The running instance still owns the socket: a plain start hands over to it.
        QProcess third;
        setUpProcess(third, {m_second});
        third.start();
        QVERIFY(finished(third));
        QCOMPARE(third.exitCode(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, guitests::Timeout);
        QCOMPARE(received.at(0).at(0).value<app::SingleInstance::Request>().at(0).file, m_second);
        QCOMPARE(separate.state(), QProcess::Running);
        stop(separate);
    }

    void staleSocketIsTakenOver()
    {
        // A socket file that nobody listens on, as an instance that crashed leaves it.
        m_instance.reset();
        QVERIFY(!QFileInfo::exists(m_socket));
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        const QByteArray path = QFile::encodeName(m_socket);
        QVERIFY(size_t(path.size()) < sizeof addr.sun_path);
        std::memcpy(addr.sun_path, path.constData(), size_t(path.size()));
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);
        ::close(fd);
        QVERIFY(QFileInfo::exists(m_socket));

        // A new process finds nobody behind it, so it becomes the running instance.
        QProcess first;
        setUpProcess(first, {m_example});
        first.start();
        QString err;
        QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromLocal8Bit(first.readAllStandardError()))
                                     .contains(QLatin1String("listening on")),
                                 guitests::Timeout);
        QVERIFY2(err.contains(QLatin1String("stale socket")), qPrintable(err));
        QCOMPARE(first.state(), QProcess::Running);
        // And takes the next process's files.
        QProcess second;
        setUpProcess(second, {m_second});
        second.start();
        QVERIFY(second.waitForFinished(30000));
        const QString secondErr = QString::fromLocal8Bit(second.readAllStandardError());
        QVERIFY2(second.exitCode() == 0 && secondErr.contains(QLatin1String("handed 1 file(s)")), qPrintable(secondErr));
        QCOMPARE(first.state(), QProcess::Running);
        stop(first);
    }

    void headlessCommandsNeverHandOver()
    {
        QSignalSpy received(m_instance.get(), &app::SingleInstance::received);
        for (const QStringList &args : {QStringList{QStringLiteral("--version")}, QStringList{QStringLiteral("--help")},
                                        QStringList{QStringLiteral("info"), m_second}}) {
            QProcess p;
            setUpProcess(p, args);
            p.start();
            QVERIFY(p.waitForFinished(30000));
            QCOMPARE(p.exitCode(), 0);
            QVERIFY2(!p.readAllStandardError().contains("handed"), qPrintable(args.join(u' ')));
        }
        // This process could not answer while it waited (waitForFinished blocks):
        // a command that had tried to hand over would not have ended like this.
        QCoreApplication::processEvents();
        QCOMPARE(received.size(), 0);
    }
};

QTEST_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
