#include "jobs/jobcontext.h"

#include "hdf5/librarylock.h"
#include "jobs/jobrelay_p.h"
#include "jobs/jobticket.h"
#include "jobs/tsan.h"

#include <QCoreApplication>
#include <QEvent>

namespace hs::core {

namespace {

class PostedCall final : public QEvent
{
public:
    static QEvent::Type eventType()
    {
        static const int type = QEvent::registerEventType();
        return QEvent::Type(type);
    }
    PostedCall(std::shared_ptr<JobState> state, std::function<void()> fn)
        : QEvent(eventType()), m_state(std::move(state)), m_fn(std::move(fn))
    {
    }
    void run()
    {
        if (m_state->ticket) // owner's thread: safe to read
            m_fn();
    }

private:
    std::shared_ptr<JobState> m_state;
    std::function<void()> m_fn;
};

class JobRelay final : public QObject
{
public:
    bool event(QEvent *e) override
    {
        tsan::acquire(e); // before reading anything of it, type() included
        if (e->type() != PostedCall::eventType())
            return QObject::event(e);
        static_cast<PostedCall *>(e)->run();
        return true;
    }
};

} // namespace

QObject *makeJobRelay()
{
    return new JobRelay;
}

void postToOwner(const std::shared_ptr<JobState> &state, std::function<void()> fn)
{
    auto *call = new PostedCall(state, std::move(fn));
    tsan::release(call); // everything written so far, the call included
    QCoreApplication::postEvent(state->relay, call);
}

JobContext::JobContext(std::shared_ptr<JobState> state)
    : m_state(std::move(state))
{
    m_sinceProgress.start();
}

bool JobContext::isCancelled() const
{
    return m_state->cancelRequested.load(std::memory_order_relaxed);
}

const std::atomic_bool *JobContext::cancelFlag() const
{
    return &m_state->cancelRequested;
}

void JobContext::setProgress(qint64 done, qint64 total)
{
    m_state->done = done;
    m_state->total = total;
    // Coalesce: a flood of queued progress events would starve the GUI.
    if (m_sinceProgress.elapsed() < 100 && done != total)
        return;
    m_sinceProgress.restart();
    post([state = m_state, done, total] {
        Q_EMIT state->ticket->progressChanged(done, total);
    });
}

void JobContext::post(std::function<void()> fn)
{
    Q_ASSERT_X(!LibraryLock::isHeldByCurrentThread(), "JobContext::post", "posting with the library lock held");
    if (m_state->cancelRequested.load(std::memory_order_relaxed) && !m_state->finished)
        return; // nobody wants results of a cancelled job, except the final "finished"
    postToOwner(m_state, std::move(fn));
}

} // namespace hs::core
