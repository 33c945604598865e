#include "jobs/jobticket.h"

#include "jobs/jobrelay_p.h"

namespace hs::core {

JobState::JobState() : relay(makeJobRelay()) {}

JobState::~JobState()
{
    // May run on the pool thread: deleteLater is the thread-safe way out.
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
