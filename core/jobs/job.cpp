#include "jobs/job.h"

#include "jobs/jobcontext.h"

namespace hs::core {

Job::~Job() = default;

FunctionJob::FunctionJob(QString title, std::function<void(JobContext &)> fn)
    : m_title(std::move(title)), m_fn(std::move(fn))
{
}

bool FunctionJob::runStep(JobContext &context)
{
    m_fn(context);
    return false;
}

} // namespace hs::core
