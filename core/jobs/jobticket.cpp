#include "jobs/jobticket.h"

#include "jobs/jobrelay_p.h"

#include <QThread>

namespace hs::core {

JobState::JobState() : relay(makeJobRelay()) {}

JobState::~JobState()
{
    // On the owner's thread (the last result was just delivered, or dropped)
    // the relay goes at once: posting here could deadlock, because Qt deletes
    // undelivered events, and so the last JobState, while it holds the lock
    // of the thread's event queue (QCoreApplication's destructor does). On a
    // pool thread, deleteLater is the thread-safe way out.
    if (relay->thread() == QThread::currentThread())
        delete relay;
    else
        relay->deleteLater();
}

JobTicket::JobTicket(std::shared_ptr<JobState> state, QString title, QObject *parent)
    : QObject(parent), m_state(std::move(state)), m_title(std::move(title))
{
    m_state->ticket = this;
}

JobTicket::~JobTicket()
{
    m_state->cancelRequested = true;
}

void JobTicket::cancel()
{
    m_state->cancelRequested = true;
}

bool JobTicket::isCancelRequested() const { return m_state->cancelRequested; }
bool JobTicket::isFinished() const { return m_state->finished; }
qint64 JobTicket::progressDone() const { return m_state->done; }
qint64 JobTicket::progressTotal() const { return m_state->total; }

} // namespace hs::core
