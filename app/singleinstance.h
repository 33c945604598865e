#pragma once

#include "cli/infocommand.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class QLocalServer;
class QLocalSocket;

namespace hs::app {

class MainWindow;

// One window per user and display: a second `hyperslab FILE` (from a terminal
// or a file manager) hands its files to the Hyperslab that runs already, which
// opens them as new roots and comes to the front; the second process exits.
//
// The running instance listens on a local socket in the user's runtime
// directory ($XDG_RUNTIME_DIR, mode 0700), named after the uid and the display
// ($WAYLAND_DISPLAY, else $DISPLAY), or after $HYPERSLAB_INSTANCE_NAME (tests
// use a private one, so they never reach a user's instance). A socket left by
// an instance that crashed is removed and taken over. A lock file serialises
// the decision, so two instances started at once never both listen.
//
// Protocol: the new process sends one line of JSON,
//   {"open":[{"file":"/abs/path.h5","path":"/object"}], "activation_token":"..."}
// and the running one answers "ok\n" once it has queued the files.
//
// Threads: everything on the GUI thread. The running instance's side is
// asynchronous (signals of QLocalServer/QLocalSocket; a client that stalls is
// dropped after a few seconds); only the new process, which has no window,
// waits on the socket.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    // `name`: the socket file name (in the runtime directory) or an absolute path.
    explicit SingleInstance(const QString &name = defaultName(), QObject *parent = nullptr);
    ~SingleInstance() override;

    // $HYPERSLAB_INSTANCE_NAME, or "hyperslab-<hash of uid and display>".
    static QString defaultName();
    // The socket's path.
    QString serverPath() const { return m_path; }

    // Called once in main(), after QApplication, before the window. Hands
    // `arguments` (FILE[:/path], relative to the current directory) to a
    // running instance and returns true if it took them: the caller exits.
    // Otherwise this process becomes the one that listens (when it can) and
    // returns false. With `newWindow`, never hands over, and listens only when
    // no socket is there.
    bool handOver(const QStringList &arguments, bool newWindow);
    bool isListening() const;

    // Opens what later processes hand over in `window`, and raises it.
    void deliverTo(MainWindow *window);

    // The files of one hand-over: absolute file names with their object paths.
    using Request = QList<FileAndPath>;

Q_SIGNALS:
    // A process handed over `files` (possibly none: bring the window up).
    void received(const hs::app::SingleInstance::Request &files, const QString &activationToken);

private:
    bool listen();
    enum class Sent { Accepted, NoAnswer, NoServer };
    Sent sendTo(const Request &request);
    void onNewConnection();
    void onReadyRead(QLocalSocket *socket);

    QString m_path;
    QLocalServer *m_server = nullptr;
};

} // namespace hs::app
