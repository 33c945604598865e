#pragma once

#include "hyperslabcore_export.h"

#include <QtGlobal>

class QRecursiveMutex;

namespace hs::core {

// The one lock around the HDF5 library. Every HDF5 call in core runs while a
// LibraryLock is alive on the calling thread.
//
// Recursive, because HDF5 iteration callbacks re-enter the library on the same
// thread. It lives in the shared core library so the app, the widgets and every
// plugin share the same instance.
//
// Contract: hold it for one bounded step (one page, one batch of links), never
// for a whole long job; never emit a signal or wait on the GUI while holding it.
class HYPERSLABCORE_EXPORT LibraryLock
{
    Q_DISABLE_COPY_MOVE(LibraryLock)
public:
    LibraryLock();
    ~LibraryLock();

    // True when the calling thread holds the lock (for assertions).
    static bool isHeldByCurrentThread();
    static QRecursiveMutex &mutex();
};

// Turns off HDF5's automatic error printing for the calling thread (HDF5 keeps
// error stacks per thread in a thread-safe build). Called by LibraryLock.
void ensureThreadQuiet();

} // namespace hs::core
