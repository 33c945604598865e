#pragma once

#include "hyperslabcore_export.h"

#include <QElapsedTimer>

#include <functional>
#include <memory>

namespace hs::core {

class JobTicket;
struct JobState;

// What a running job sees of the world. Used on the pool thread only.
class HYPERSLABCORE_EXPORT JobContext
{
public:
    explicit JobContext(std::shared_ptr<JobState> state);

    bool isCancelled() const;
    // For core calls that poll a flag inside one step (e.g. per link).
    const std::atomic_bool *cancelFlag() const;

    void setProgress(qint64 done, qint64 total);

    // Runs `fn` on the ticket's thread, in order with other posts, unless the
    // ticket is gone by then. Never blocks. Do not call with the LibraryLock held.
    void post(std::function<void()> fn);

private:
    std::shared_ptr<JobState> m_state;
    QElapsedTimer m_sinceProgress;
};

} // namespace hs::core
