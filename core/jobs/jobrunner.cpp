#include "jobs/jobrunner.h"

#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobticket.h"
#include "jobs/tsan.h"

#include <QRunnable>
#include <QThreadPool>

namespace hs::core {

namespace {

// Every job's end happens before waitForIdle() returns (see jobs/tsan.h).
char s_idle = 0;

class JobRunnable final : public QRunnable
{
public:
    JobRunnable(std::unique_ptr<Job> job, std::shared_ptr<JobState> state)
        : m_job(std::move(job)), m_state(std::move(state))
    {
        setAutoDelete(true);
    }

    void run() override
    {
        tsan::acquire(this); // handed over by JobRunner::start through QThreadPool
        JobContext ctx(m_state);
        while (!ctx.isCancelled()) {
            if (!m_job->runStep(ctx))
                break;
        }
        const bool cancelled = ctx.isCancelled();
        // Destroy the job (and any handles it holds) before announcing the end.
        m_job.reset();
        m_state->finished = true;
        ctx.post([state = m_state, cancelled] { Q_EMIT state->ticket->finished(cancelled); });
        tsan::release(&s_idle);
    }

private:
    std::unique_ptr<Job> m_job;
    std::shared_ptr<JobState> m_state;
};

} // namespace

JobRunner::JobRunner() : m_pool(new QThreadPool(this))
{
    // HDF5 serialises the library anyway; a few threads let a long listing and a
    // quick summary request interleave at step boundaries.
    m_pool->setMaxThreadCount(4);
    m_pool->setExpiryTimeout(30000);
}

JobRunner::~JobRunner()
{
    m_pool->waitForDone();
}

JobRunner &JobRunner::instance()
{
    static JobRunner runner;
    return runner;
}

JobTicket *JobRunner::start(std::unique_ptr<Job> job, QObject *owner)
{
    auto state = std::make_shared<JobState>();
    auto *ticket = new JobTicket(state, job->title(), owner);
    auto *runnable = new JobRunnable(std::move(job), state);
    tsan::release(runnable);
    m_pool->start(runnable);
    return ticket;
}

bool JobRunner::waitForIdle(int msecs)
{
    const bool idle = m_pool->waitForDone(msecs);
    if (idle)
        tsan::acquire(&s_idle);
    return idle;
}

int JobRunner::activeJobCount() const
{
    return m_pool->activeThreadCount();
}

} // namespace hs::core
