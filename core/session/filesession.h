#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "services/h5file.h"
#include "session/editoperation.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace hs::core {

class JobTicket;

// The one owner of an open file's life while it is open in the app: its mode
// (read-only / read-write, and the reopen that switches them), its one serial
// write queue, and the change signals every view subscribes to. Views that are
// handed an H5FilePtr find the session with FileSession::of(); they never
// compare path strings to learn that something changed.
//
// Reads stay parallel (jobs take the LibraryLock a page at a time); writes run
// one after the other on the write queue, each flushed to disk before its
// `done` callback and the change signals run (on the session's thread).
class HYPERSLABCORE_EXPORT FileSession : public QObject
{
    Q_OBJECT
public:
    enum class Direction { Apply, Revert };
    using Done = std::function<void(const Status &)>;

    explicit FileSession(H5FilePtr file, QObject *parent = nullptr);
    ~FileSession() override;

    // The session that owns `file` (the same H5File object), or null.
    static FileSession *of(const H5File *file);
    static FileSession *of(const H5FilePtr &file) { return of(file.get()); }
    // The session of the open file at `absolutePath`, or null (one per file).
    static FileSession *forPath(const QString &absolutePath);

    const H5FilePtr &file() const { return m_file; }
    QString path() const;
    bool isEditable() const;
    bool isReopening() const { return m_reopening; }
    // Bumped by every applied or reverted edit and by every reopen.
    quint64 generation() const { return m_generation; }

    // Why the file cannot be made editable right now, in words (empty when it
    // can be tried): opened without locking because another program writes it,
    // opened in SWMR-read mode... Checked again, with the OS's answer, by the reopen.
    QString editingRefusal() const;
    // Reopens the file read-write (true) or read-only again (false), in the
    // background; the tree, tabs and panels keep their state because the
    // H5File object stays the same. Ends with modeChanged or modeChangeFailed.
    // Waits for the writes queued (and a reopen under way) to end first;
    // writes submitted while it reopens wait for the new mode.
    void setEditable(bool editable);

    // Queues `op` on the write queue. `done` runs on this object's thread once
    // the change is flushed and the change signals went out (or it failed and
    // the file is as it was). On a read-only file it fails (done is called
    // later, from the event loop) without touching anything.
    void submit(std::shared_ptr<EditOperation> op, Direction direction, Done done = {});
    // Asks the running write to stop (long operations poll it); it then fails
    // with ErrorCode::Cancelled and leaves the file as it was.
    void cancelCurrentWrite();
    int pendingWrites() const { return int(m_queue.size()) + (m_running ? 1 : 0); }
    // Tests and shutdown: runs the event loop until the queue is empty.
    bool waitForWrites(int msecs = 30000);

    // Announces that the file is about to close; views let go of it.
    void announceClose();

Q_SIGNALS:
    void modeChanged(bool editable);
    void modeChangeFailed(const hs::core::Error &error);
    void writeStarted(const QString &description);
    void writeProgress(qint64 done, qint64 total); // of the running write (0 total: unknown)
    void writeFinished(const QString &description, bool ok);

    // The change signals, emitted after the change is on disk.
    void membersChanged(const QString &groupPath);
    void objectChanged(const QString &path);
    void attributesChanged(const QString &objectPath);
    void valuesChanged(const QString &datasetPath, const hs::core::ValueRegion &region);
    // The same change, by the dataset's identity (ObjectId::token; empty when
    // unknown): a view of the dataset through another hard link follows this.
    void objectValuesChanged(const QByteArray &objectToken, const hs::core::ValueRegion &region);
    void objectRemoved(const QString &path);
    void objectMoved(const QString &from, const QString &to);
    void aboutToClose();

private:
    struct Request
    {
        std::shared_ptr<EditOperation> op;
        Direction direction;
        Done done;
    };
    void startNext();
    void finishRequest(const Request &request, const Status &status, const ChangeSet &changes);
    void emitChanges(const ChangeSet &changes);

    H5FilePtr m_file;
    std::deque<Request> m_queue;
    bool m_running = false;
    bool m_reopening = false;
    std::optional<bool> m_pendingMode; // asked for while writes ran or a reopen was under way
    quint64 m_generation = 0;
    QPointer<JobTicket> m_current;
    std::optional<Request> m_currentRequest; // until its result is delivered
    std::shared_ptr<std::atomic_bool> m_cancelCurrent;
};

} // namespace hs::core
