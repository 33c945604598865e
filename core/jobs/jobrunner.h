#pragma once

#include "hyperslabcore_export.h"

#include <QObject>

#include <memory>

class QThreadPool;

namespace hs::core {

class Job;
class JobTicket;

// Runs Jobs on a small private thread pool. Call start() from the thread that
// should receive the results (normally the GUI thread).
class HYPERSLABCORE_EXPORT JobRunner : public QObject
{
    Q_OBJECT
public:
    static JobRunner &instance();

    // Starts `job`; the returned ticket is owned by `owner` (deleted with it,
    // which cancels the job). With no owner the caller must delete the ticket.
    JobTicket *start(std::unique_ptr<Job> job, QObject *owner = nullptr);

    // Blocks until every job has finished (tests, shutdown). Posted results
    // still need an event loop to be delivered.
    bool waitForIdle(int msecs = -1);
    int activeJobCount() const;

private:
    JobRunner();
    ~JobRunner() override;
    QThreadPool *m_pool;
};

} // namespace hs::core
