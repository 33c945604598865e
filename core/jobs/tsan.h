#pragma once

// Internal: happens-before hints for ThreadSanitizer where work crosses threads
// through Qt (QThreadPool::start, queued calls, QRecursiveMutex). The system Qt
// is not built with TSan and synchronises with futexes TSan cannot see, so
// without these hints it would report races on everything handed across.
// No-ops in every other build.

#if defined(__SANITIZE_THREAD__)
#define HS_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define HS_TSAN 1
#endif
#endif

#include <QtGlobal>

#ifdef HS_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace hs::core::tsan {

// What this thread did so far happens before whatever follows acquire(addr)
// on another thread.
inline void release(const void *addr)
{
#ifdef HS_TSAN
    __tsan_release(const_cast<void *>(addr));
#else
    Q_UNUSED(addr)
#endif
}

inline void acquire(const void *addr)
{
#ifdef HS_TSAN
    __tsan_acquire(const_cast<void *>(addr));
#else
    Q_UNUSED(addr)
#endif
}

} // namespace hs::core::tsan
