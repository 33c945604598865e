#include "hdf5/librarylock.h"

#include "jobs/tsan.h"

#include <hdf5.h>

#include <QRecursiveMutex>

namespace hs::core {

namespace {
thread_local int t_depth = 0;
thread_local bool t_quiet = false;
} // namespace

QRecursiveMutex &LibraryLock::mutex()
{
    static QRecursiveMutex m;
    return m;
}

LibraryLock::LibraryLock()
{
    mutex().lock();
    tsan::acquire(&mutex()); // QRecursiveMutex is invisible to TSan (see jobs/tsan.h)
    ++t_depth;
    ensureThreadQuiet();
}

LibraryLock::~LibraryLock()
{
    --t_depth;
    tsan::release(&mutex());
    mutex().unlock();
}

bool LibraryLock::isHeldByCurrentThread()
{
    return t_depth > 0;
}

void ensureThreadQuiet()
{
    if (t_quiet)
        return;
    // Errors are captured and translated (ErrorStack); printing them raw to the
    // terminal would only confuse users.
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    t_quiet = true;
}

} // namespace hs::core
