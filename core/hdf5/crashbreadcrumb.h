#pragma once

// The object being read right now, kept where a fatal-signal handler can read
// it without allocating: when the HDF5 library crashes on a damaged object we
// cannot prevent that, but we can say which object it was.
//
// Usage, around every read that may crash inside the library:
//
//     const CrashBreadcrumb::Scope crumb(filePath, objectPath);
//     ... H5Oopen / H5Aread / H5Dread ...
//
// The scope sets the calling thread's current object and restores the previous
// one when it ends (scopes nest). Each thread has its own slot; the signal
// handler reports the slot of the thread that faulted.
//
// Thread safety: Scope, setListener and currentForThisThread may be used from
// any thread. installFatalSignalHandler once, early in main().

#include "hyperslabcore_export.h"

#include <QByteArray>
#include <QtGlobal>

#include <cstddef>

class QString;

namespace hs::core {

class HYPERSLABCORE_EXPORT CrashBreadcrumb
{
public:
    // Longest file path and object path kept (bytes, UTF-8); longer ones are cut.
    static constexpr std::size_t FileCapacity = 1024;
    static constexpr std::size_t ObjectCapacity = 2048;

    class HYPERSLABCORE_EXPORT Scope
    {
        Q_DISABLE_COPY_MOVE(Scope)
    public:
        // `objectPath` as core holds it (model/names.h: bytes that are not UTF-8
        // as U+DC80 + byte); it is kept, and reported, in the escaped form
        // ("\xB5") that `hyperslab info FILE:/path` takes back. An empty
        // object path means the file itself (opening or closing it).
        Scope(const QString &filePath, const QString &objectPath);
        ~Scope();

    private:
        QByteArray m_previousFile;
        QByteArray m_previousObject;
        bool m_active = false;
        bool m_previousInScope = false;
    };

    // Told after every change of a thread's current object, on that thread, with
    // NUL-terminated UTF-8 strings (both empty when the thread left its last
    // scope). Must be cheap and must not throw; it runs before each risky read.
    // One listener; nullptr removes it. `context` is passed back unchanged.
    using Listener = void (*)(void *context, const char *filePath, const char *objectPath);
    static void setListener(Listener listener, void *context);

    // Called inside the fatal-signal handler, before the message is written, with
    // the faulting thread's current object (empty strings when it had none).
    // MUST be async-signal-safe (open/write/close only; no malloc, no Qt).
    using FatalHook = void (*)(int signalNumber, const char *filePath, const char *objectPath);
    static void setFatalHook(FatalHook hook);

    // Installs handlers for SIGSEGV, SIGABRT, SIGBUS, SIGFPE and SIGILL that
    // write one line to stderr, for example
    //   "<program>: stopped while reading /run/table in data.h5: this is a fault
    //    in the HDF5 library triggered by that object"
    // (or "<program>: stopped by a fatal error (SIGSEGV)" when no object was being
    // read), then die by the same signal (so the exit status stays honest).
    // `programName` is copied; pass nullptr to write no line (the FatalHook only).
    // The line goes to file descriptor `fd` (standard error unless the caller
    // moved it, see app/cli/clireport.cpp).
    static void installFatalSignalHandler(const char *programName, int fd = 2);

    // Copies the calling thread's current object (NUL-terminated, cut to fit).
    // False when the thread is in no scope.
    static bool currentForThisThread(char *filePath, std::size_t fileSize,
                                     char *objectPath, std::size_t objectSize);
};

} // namespace hs::core
