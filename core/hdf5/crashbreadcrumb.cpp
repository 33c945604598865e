#include "hdf5/crashbreadcrumb.h"

#include "model/names.h"

#include <QString>

#include <atomic>
#include <csignal>
#include <cstring>

#include <sys/syscall.h>
#include <unistd.h>

namespace hs::core {

namespace {

// One slot per thread that has ever been in a scope (released when it exits).
// Fixed storage, so the signal handler finds the text without allocating.
struct Slot
{
    std::atomic<long> tid{0}; // owning thread (kernel id), 0 when free
    std::atomic<bool> inScope{false};
    char file[CrashBreadcrumb::FileCapacity] = {};
    char object[CrashBreadcrumb::ObjectCapacity] = {};
};

constexpr int SlotCount = 64;
Slot g_slots[SlotCount];

std::atomic<CrashBreadcrumb::Listener> g_listener{nullptr};
std::atomic<void *> g_listenerContext{nullptr};
std::atomic<CrashBreadcrumb::FatalHook> g_fatalHook{nullptr};
char g_program[64] = {};
bool g_writeLine = false;
int g_lineFd = STDERR_FILENO;

long currentTid()
{
    return static_cast<long>(::syscall(SYS_gettid)); // async-signal-safe
}

// Releases the thread's slot when the thread ends.
struct SlotOwner
{
    Slot *slot = nullptr;
    bool tried = false;
    ~SlotOwner()
    {
        if (slot) {
            slot->inScope.store(false);
            slot->tid.store(0);
        }
        // Scopes opened after this (objects closed during static destruction
        // at exit) find no slot and do nothing.
        slot = nullptr;
        tried = true;
    }
};

thread_local SlotOwner t_owner;

Slot *mySlot()
{
    if (t_owner.slot || t_owner.tried)
        return t_owner.slot;
    t_owner.tried = true;
    const long tid = currentTid();
    for (Slot &s : g_slots) {
        long expected = 0;
        if (s.tid.compare_exchange_strong(expected, tid)) {
            t_owner.slot = &s;
            break;
        }
    }
    return t_owner.slot; // nullptr with more than SlotCount threads: no crumbs there
}

void copyCut(char *dst, std::size_t capacity, const char *src, std::size_t size)
{
    const std::size_t n = size < capacity ? size : capacity - 1;
    std::memcpy(dst, src, n);
    dst[n] = '\0';
}

void store(Slot &slot, const QByteArray &file, const QByteArray &object, bool inScope)
{
    copyCut(slot.file, sizeof slot.file, file.constData(), std::size_t(file.size()));
    copyCut(slot.object, sizeof slot.object, object.constData(), std::size_t(object.size()));
    slot.inScope.store(inScope);
    if (const auto listener = g_listener.load())
        listener(g_listenerContext.load(), slot.file, slot.object);
}

const char *signalName(int sig)
{
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    default: return "signal";
    }
}

// Appends to the handler's line without allocating.
struct LineBuffer
{
    char text[CrashBreadcrumb::FileCapacity + CrashBreadcrumb::ObjectCapacity + 256];
    std::size_t size = 0;
    void add(const char *s)
    {
        const std::size_t n = std::strlen(s);
        const std::size_t room = sizeof text - 1 - size;
        const std::size_t k = n < room ? n : room;
        std::memcpy(text + size, s, k);
        size += k;
    }
};

LineBuffer g_line;
volatile std::sig_atomic_t g_inHandler = 0;

constexpr int FatalSignals[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};

void fatalSignalHandler(int sig)
{
    if (g_inHandler) { // a fault while reporting one: just die
        std::signal(sig, SIG_DFL);
        ::raise(sig);
        return;
    }
    g_inHandler = 1;
    const long tid = currentTid();
    const Slot *slot = nullptr;
    for (const Slot &s : g_slots) {
        if (s.tid.load() == tid && s.inScope.load()) {
            slot = &s;
            break;
        }
    }
    const char *file = slot ? slot->file : "";
    const char *object = slot ? slot->object : "";
    if (const auto hook = g_fatalHook.load())
        hook(sig, file, object);
    if (g_writeLine) {
        g_line.size = 0;
        g_line.add(g_program);
        if (slot && *object) {
            g_line.add(": stopped while reading ");
            g_line.add(object);
            g_line.add(" in ");
            g_line.add(file);
            g_line.add(": this is a fault in the HDF5 library triggered by that object\n");
        } else if (slot) {
            g_line.add(": stopped while reading ");
            g_line.add(file);
            g_line.add(": this is a fault in the HDF5 library triggered by that file\n");
        } else {
            g_line.add(": stopped by a fatal error (");
            g_line.add(signalName(sig));
            g_line.add(")\n");
        }
        if (g_line.text[g_line.size - 1] != '\n')
            g_line.text[g_line.size++] = '\n';
        [[maybe_unused]] const auto written = ::write(g_lineFd, g_line.text, g_line.size);
    }
    // Die by the same signal, so the parent sees what happened.
    std::signal(sig, SIG_DFL);
    ::raise(sig);
}

} // namespace

CrashBreadcrumb::Scope::Scope(const QString &filePath, const QString &objectPath)
{
    Slot *slot = mySlot();
    if (!slot)
        return;
    m_active = true;
    m_previousInScope = slot->inScope.load();
    if (m_previousInScope) {
        m_previousFile = QByteArray(slot->file);
        m_previousObject = QByteArray(slot->object);
    }
    store(*slot, filePath.toUtf8(), names::toEscaped(objectPath).toUtf8(), true);
}

CrashBreadcrumb::Scope::~Scope()
{
    if (!m_active)
        return;
    Slot *slot = mySlot();
    store(*slot, m_previousFile, m_previousObject, m_previousInScope);
}

void CrashBreadcrumb::setListener(Listener listener, void *context)
{
    g_listenerContext.store(context);
    g_listener.store(listener);
}

void CrashBreadcrumb::setFatalHook(FatalHook hook)
{
    g_fatalHook.store(hook);
}

void CrashBreadcrumb::installFatalSignalHandler(const char *programName, int fd)
{
    g_writeLine = programName != nullptr;
    g_lineFd = fd;
    if (programName)
        copyCut(g_program, sizeof g_program, programName, std::strlen(programName));

    // A stack overflow leaves no stack to run the handler on: give this thread
    // (the one that reads in the headless commands) a spare one.
    static char altStack[64 * 1024];
    stack_t ss{};
    ss.ss_sp = altStack;
    ss.ss_size = sizeof altStack;
    ::sigaltstack(&ss, nullptr);

    struct sigaction sa{};
    sa.sa_handler = fatalSignalHandler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_ONSTACK;
    for (const int sig : FatalSignals)
        ::sigaction(sig, &sa, nullptr);
}

bool CrashBreadcrumb::currentForThisThread(char *filePath, std::size_t fileSize,
                                           char *objectPath, std::size_t objectSize)
{
    const Slot *slot = mySlot();
    const bool in = slot && slot->inScope.load();
    if (fileSize > 0)
        copyCut(filePath, fileSize, in ? slot->file : "", in ? std::strlen(slot->file) : 0);
    if (objectSize > 0)
        copyCut(objectPath, objectSize, in ? slot->object : "", in ? std::strlen(slot->object) : 0);
    return in;
}

} // namespace hs::core
