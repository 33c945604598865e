#pragma once

// Internal: how a job's posts reach the owner's thread.

#include <QObject>

#include <functional>
#include <memory>

namespace hs::core {

struct JobState;

// The relay object a JobState posts to; lives in the thread that created it.
QObject *makeJobRelay();

// Queues `fn` to run on the relay's thread, in order with earlier posts, unless
// the ticket is gone by then. The call is a QEvent built completely before it
// is posted, so the hand-over can be described to ThreadSanitizer (jobs/tsan.h),
// which cannot see the one inside Qt's event queue.
void postToOwner(const std::shared_ptr<JobState> &state, std::function<void()> fn);

} // namespace hs::core
