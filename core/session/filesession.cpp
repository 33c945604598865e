#include "session/filesession.h"

#include "hdf5/compat.h"
#include "hdf5/errorstack.h"
#include "hdf5/handle.h"
#include "hdf5/librarylock.h"
#include "model/names.h"
#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "services/h5file_p.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHash>
#include <QMutex>
#include <QThread>

namespace hs::core {

namespace {

// The identity of each dataset whose values changed (on the write thread,
// once the edit is on disk), for the views that show it through another path.
void resolveValueObjects(const H5File &file, ChangeSet &changes)
{
    LibraryLock lock;
    changes.valuesChangedObjects.clear();
    for (const auto &change : changes.valuesChanged) {
        compat::ObjectInfo info{};
        const QByteArray name = names::encode(change.first);
        changes.valuesChangedObjects.push_back(
            compat::objectInfoByName(fileId(file), name.constData(), &info) >= 0 ? compat::objectId(info).token
                                                                                : QByteArray());
    }
    errorstack::clear();
}

// Sessions by file. Looked up from any thread (a job may ask for its file's
// session), changed on the sessions' own thread.
QMutex &registryMutex()
{
    static QMutex m;
    return m;
}
QHash<const H5File *, FileSession *> &registry()
{
    static QHash<const H5File *, FileSession *> r;
    return r;
}

Status flushToDisk(const H5File &file)
{
    LibraryLock lock;
    if (H5Fflush(fileId(file), H5F_SCOPE_GLOBAL) < 0)
        return errorstack::capture(QStringLiteral("save the change to"), file.displayName());
    errorstack::clear();
    return Ok{};
}

} // namespace

FileSession::FileSession(H5FilePtr file, QObject *parent) : QObject(parent), m_file(std::move(file))
{
    qRegisterMetaType<hs::core::ValueRegion>();
    qRegisterMetaType<hs::core::Error>();
    QMutexLocker lock(&registryMutex());
    registry().insert(m_file.get(), this);
}

FileSession::~FileSession()
{
    // A write still running finishes on its own (its job holds the file); its
    // result is dropped with the ticket.
    QMutexLocker lock(&registryMutex());
    registry().remove(m_file.get());
}

FileSession *FileSession::of(const H5File *file)
{
    QMutexLocker lock(&registryMutex());
    return registry().value(file, nullptr);
}

FileSession *FileSession::forPath(const QString &absolutePath)
{
    QMutexLocker lock(&registryMutex());
    for (auto it = registry().cbegin(); it != registry().cend(); ++it)
        if (it.key()->path() == absolutePath)
            return it.value();
    return nullptr;
}

QString FileSession::path() const { return m_file->path(); }

bool FileSession::isEditable() const { return !m_file->isReadOnly() && !m_reopening; }

QString FileSession::editingRefusal() const { return m_file->writeRefusal(); }

void FileSession::setEditable(bool editable)
{
    if (m_reopening || m_running || !m_queue.empty()) {
        // The mode changes between writes, never under one: once the queue
        // is empty (startNext) or the reopen under way has ended.
        m_pendingMode = editable;
        return;
    }
    m_pendingMode.reset();
    if (editable == !m_file->isReadOnly())
        return;
    m_reopening = true;
    const H5FilePtr file = m_file;
    const auto mode = editable ? H5File::Mode::ReadWrite : H5File::Mode::ReadOnly;
    QPointer<FileSession> self(this);
    auto job = std::make_unique<FunctionJob>(tr("Reopening %1").arg(file->displayName()), [file, mode, self](JobContext &ctx) {
        const Status s = file->reopen(mode);
        ctx.post([self, s] {
            if (!self)
                return;
            self->m_reopening = false;
            ++self->m_generation;
            if (s.ok())
                Q_EMIT self->modeChanged(!self->m_file->isReadOnly());
            else
                Q_EMIT self->modeChangeFailed(s.error());
            // Writes submitted meanwhile waited for the new mode.
            if (self)
                self->startNext();
        });
    });
    JobRunner::instance().start(std::move(job), this);
}

void FileSession::submit(std::shared_ptr<EditOperation> op, Direction direction, Done done)
{
    m_queue.push_back(Request{std::move(op), direction, std::move(done)});
    if (!m_running)
        QMetaObject::invokeMethod(this, &FileSession::startNext, Qt::QueuedConnection);
}

void FileSession::cancelCurrentWrite()
{
    // The operation polls this flag, not the job's: a cancelled job drops
    // what it posts, but a write's outcome must always arrive (it may have
    // finished, or put things back, before it saw the request).
    if (m_cancelCurrent)
        m_cancelCurrent->store(true);
}

void FileSession::startNext()
{
    if (m_running || m_reopening)
        return; // the reopen calls again when it is done
    if (m_queue.empty()) {
        if (m_pendingMode)
            setEditable(*m_pendingMode);
        return;
    }
    const Request request = m_queue.front();
    m_queue.pop_front();
    if (m_file->isReadOnly() || m_reopening) {
        const Status refused = Error::make(
            ErrorCode::PermissionDenied,
            tr("\u201c%1\u201d is open read-only, so nothing was changed. Enable editing with File \u25b8 Enable "
               "Editing (Ctrl+Shift+E).")
                .arg(m_file->displayName()));
        finishRequest(request, refused, ChangeSet{});
        QMetaObject::invokeMethod(this, &FileSession::startNext, Qt::QueuedConnection);
        return;
    }
    m_running = true;
    m_currentRequest = request;
    const QString what = request.op->description();
    Q_EMIT writeStarted(what);
    const H5FilePtr file = m_file;
    QPointer<FileSession> self(this);
    m_cancelCurrent = std::make_shared<std::atomic_bool>(false);
    auto job = std::make_unique<FunctionJob>(what, [file, request, self, cancel = m_cancelCurrent](JobContext &ctx) {
        EditContext edit(file, cancel.get(), [&ctx](qint64 done, qint64 total) { ctx.setProgress(done, total); });
        Status s = request.direction == Direction::Apply ? request.op->apply(edit) : request.op->revert(edit);
        if (s.ok())
            s = flushToDisk(*file);
        ChangeSet changes = s.ok() ? edit.changes() : ChangeSet{};
        if (s.ok())
            resolveValueObjects(*file, changes);
        ctx.post([self, request, s, changes] {
            if (self)
                self->finishRequest(request, s, changes);
        });
    });
    m_current = JobRunner::instance().start(std::move(job), this);
    connect(m_current, &JobTicket::progressChanged, this, &FileSession::writeProgress);
    connect(m_current, &JobTicket::finished, this, [this, ticket = m_current] {
        ticket->deleteLater();
        if (m_currentRequest) { // cancelled (its result is not delivered): nothing was changed
            const Request request = *m_currentRequest; // finishRequest resets m_currentRequest
            finishRequest(request, Error::make(ErrorCode::Cancelled, tr("Cancelled; nothing was changed.")), ChangeSet{});
        }
        if (m_current == ticket) {
            m_current = nullptr;
            m_running = false;
            startNext();
        }
    });
}

void FileSession::finishRequest(const Request &request, const Status &status, const ChangeSet &changes)
{
    if (m_currentRequest && m_currentRequest->op == request.op)
        m_currentRequest.reset();
    if (status.ok()) {
        ++m_generation;
        emitChanges(changes);
    }
    if (request.done)
        request.done(status);
    Q_EMIT writeFinished(request.op->description(), status.ok());
}

void FileSession::emitChanges(const ChangeSet &changes)
{
    for (const auto &[from, to] : changes.moved)
        Q_EMIT objectMoved(from, to);
    for (const QString &p : changes.removed)
        Q_EMIT objectRemoved(p);
    for (const QString &p : changes.membersChanged)
        Q_EMIT membersChanged(p);
    for (const QString &p : changes.objectsChanged)
        Q_EMIT objectChanged(p);
    for (const QString &p : changes.attributesChanged)
        Q_EMIT attributesChanged(p);
    for (size_t i = 0; i < changes.valuesChanged.size(); ++i) {
        const auto &[p, region] = changes.valuesChanged[i];
        Q_EMIT valuesChanged(p, region);
        if (i < changes.valuesChangedObjects.size() && !changes.valuesChangedObjects[i].isEmpty())
            Q_EMIT objectValuesChanged(changes.valuesChangedObjects[i], region);
    }
}

bool FileSession::waitForWrites(int msecs)
{
    QDeadlineTimer deadline(msecs);
    const auto busy = [this] { return pendingWrites() > 0 || m_reopening || m_pendingMode; };
    while (busy() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (busy())
            QThread::msleep(1);
    }
    return !busy();
}

void FileSession::announceClose() { Q_EMIT aboutToClose(); }

} // namespace hs::core
