#include "jobs/jobcontext.h"

#include "hdf5/librarylock.h"
#include "jobs/jobticket.h"
#include "jobs/tsan.h"

#include <QMetaObject>

namespace hs::core {

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
    tsan::release(m_state.get()); // the queued call below is the hand-over
    QMetaObject::invokeMethod(
        m_state->relay,
        [state = m_state, fn = std::move(fn)] {
            tsan::acquire(state.get());
            if (state->ticket) // owner's thread: safe to read
                fn();
        },
        Qt::QueuedConnection);
}

} // namespace hs::core
