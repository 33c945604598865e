#include "singleinstance.h"

#include "mainwindow.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTimer>

#include <unistd.h>

Q_LOGGING_CATEGORY(lcInstance, "hyperslab.instance", QtWarningMsg)

namespace hs::app {

namespace {

// The running instance answers from its event loop, which may still be
// building its window when a hand-over arrives: wait that long for the answer.
constexpr int AnswerTimeoutMs = 10000;
// A client that connects and sends nothing (or half a line) is dropped.
constexpr int ClientTimeoutMs = 5000;
// One line of file names; far more than any command line.
constexpr qsizetype MaxRequestBytes = 4 * 1024 * 1024;
const QByteArray Ok = QByteArrayLiteral("ok\n");

QString runtimeDir()
{
    // $XDG_RUNTIME_DIR, else a 0700 directory of this user that Qt creates in /tmp.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    return dir.isEmpty() ? QDir::tempPath() : dir;
}

QByteArray encode(const SingleInstance::Request &request, const QString &activationToken)
{
    QJsonArray open;
    for (const FileAndPath &f : request)
        open.append(QJsonObject{{QStringLiteral("file"), f.file}, {QStringLiteral("path"), f.path}});
    QJsonObject message{{QStringLiteral("open"), open}};
    if (!activationToken.isEmpty())
        message.insert(QStringLiteral("activation_token"), activationToken);
    return QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace

SingleInstance::SingleInstance(const QString &name, QObject *parent)
    : QObject(parent)
    , m_path(QDir::isAbsolutePath(name) ? name : QDir(runtimeDir()).filePath(name))
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultName()
{
    const QString custom = qEnvironmentVariable("HYPERSLAB_INSTANCE_NAME");
    if (!custom.isEmpty())
        return custom;
    // One instance per user and display: a second X display or Wayland
    // session of the same user gets a window of its own.
    QByteArray display = qgetenv("WAYLAND_DISPLAY");
    if (display.isEmpty())
        display = qgetenv("DISPLAY");
    const QByteArray key = QByteArray::number(::getuid()) + '|' + display;
    const QByteArray hash = QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(16);
    return QStringLiteral("hyperslab-") + QString::fromLatin1(hash);
}

bool SingleInstance::isListening() const
{
    return m_server && m_server->isListening();
}

bool SingleInstance::handOver(const QStringList &arguments, bool newWindow)
{
    // Held while deciding: a second instance started in the same moment waits
    // here and then finds this one listening. QLockFile takes over the lock of
    // a process that died holding it.
    QLockFile lock(m_path + QStringLiteral(".lock"));
    if (!lock.tryLock(AnswerTimeoutMs))
        qCWarning(lcInstance) << "could not lock" << lock.fileName() << "- deciding without it";

    if (listen())
        return false; // nobody runs: this is the instance
    if (newWindow) {
        qCInfo(lcInstance) << "--new-window: a separate instance, not handing over";
        return false;
    }

    Request request;
    for (const QString &arg : arguments) {
        FileAndPath target = splitFileArgument(arg);
        // The running instance has another working directory.
        target.file = QFileInfo(target.file).absoluteFilePath();
        request.append(target);
    }
    switch (sendTo(request)) {
    case Sent::Accepted:
        qCInfo(lcInstance) << "handed" << request.size() << "file(s) to the running instance at" << m_path;
        return true;
    case Sent::NoAnswer:
        // It runs but did not answer in time: open a window here, and leave
        // its socket alone.
        qCWarning(lcInstance) << "the running instance did not take the files; opening a window of its own";
        return false;
    case Sent::NoServer:
        break;
    }
    // Nobody behind the socket: an instance that crashed left it. Take it over.
    qCInfo(lcInstance) << "stale socket" << m_path << "- taking it over";
    QLocalServer::removeServer(m_path);
    if (!listen())
        qCWarning(lcInstance) << "cannot listen on" << m_path << "- later files open in windows of their own";
    return false;
}

bool SingleInstance::listen()
{
    if (!m_server) {
        m_server = new QLocalServer(this);
        // No UserAccessOption: with it Qt binds elsewhere and renames the
        // socket into place, replacing a live instance's socket instead of
        // failing. Only this user can reach the socket anyway: the runtime
        // directory is private (0700).
        connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    }
    // Fails with AddressInUseError while the socket file exists, alive or stale.
    if (!m_server->listen(m_path))
        return false;
    qCInfo(lcInstance) << "listening on" << m_path;
    return true;
}

SingleInstance::Sent SingleInstance::sendTo(const Request &request)
{
    QLocalSocket socket;
    socket.connectToServer(m_path);
    if (!socket.waitForConnected(1000))
        return Sent::NoServer; // refused: no process behind the socket file
    socket.write(encode(request, qEnvironmentVariable("XDG_ACTIVATION_TOKEN")));
    QByteArray answer;
    if (socket.waitForBytesWritten(AnswerTimeoutMs)) {
        while (!answer.endsWith('\n') && socket.waitForReadyRead(AnswerTimeoutMs))
            answer += socket.readAll();
    }
    return answer == Ok ? Sent::Accepted : Sent::NoAnswer;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        QTimer::singleShot(ClientTimeoutMs, socket, [socket] { socket->abort(); });
    }
}

void SingleInstance::onReadyRead(QLocalSocket *socket)
{
    // Read what has arrived, never wait: this is the GUI thread.
    if (socket->bytesAvailable() > MaxRequestBytes) {
        socket->abort();
        return;
    }
    if (!socket->canReadLine())
        return;
    const QByteArray line = socket->readLine(MaxRequestBytes);
    const QJsonObject message = QJsonDocument::fromJson(line).object();
    if (!message.contains(QStringLiteral("open"))) {
        qCWarning(lcInstance) << "ignored a message that is not a hand-over";
        socket->abort();
        return;
    }
    Request request;
    const QJsonArray open = message.value(QStringLiteral("open")).toArray();
    for (const QJsonValue &v : open) {
        const QJsonObject o = v.toObject();
        const QString file = o.value(QStringLiteral("file")).toString();
        if (!file.isEmpty())
            request.append({file, o.value(QStringLiteral("path")).toString()});
    }
    socket->write(Ok);
    socket->disconnectFromServer();
    Q_EMIT received(request, message.value(QStringLiteral("activation_token")).toString());
}

void SingleInstance::deliverTo(MainWindow *window)
{
    // `window` is the context: the connection ends with it.
    connect(this, &SingleInstance::received, window, [w = window](const Request &files, const QString &activationToken) {
        for (const FileAndPath &f : files) {
            qCInfo(lcInstance).noquote() << "opening" << f.file << f.path << "(handed over)";
            w->openFile(f.file, f.path);
        }
        if (w->isMinimized())
            w->showNormal();
        // Wayland: the token the launcher gave the new process lets this
        // window take the focus where Qt's Wayland plugin uses xdg-activation
        // (it reads the variable when it activates a window). On X11 the
        // window manager decides (focus-stealing prevention may only mark it).
        if (!activationToken.isEmpty())
            qputenv("XDG_ACTIVATION_TOKEN", activationToken.toUtf8());
        w->raise();
        w->activateWindow();
    });
}

} // namespace hs::app
