#include "cli/stallwatchdog.h"

#include "hdf5/crashbreadcrumb.h"

#include <QByteArray>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include <unistd.h>

namespace hs::app::cli {

namespace {

struct Current
{
    std::mutex mutex;
    QByteArray file;
    QByteArray object;
    std::atomic<quint64> changes{0};
};

Current &current()
{
    static Current c; // never destroyed before the watchdog thread: see startStallWatchdog
    return c;
}

void onChange(void *, const char *file, const char *object)
{
    Current &c = current();
    {
        const std::lock_guard lock(c.mutex);
        c.file = file;
        c.object = object;
    }
    c.changes.fetch_add(1, std::memory_order_relaxed);
}

} // namespace

void startStallWatchdog(int errFd, int seconds)
{
    if (seconds <= 0)
        return;
    (void)current();
    core::CrashBreadcrumb::setListener(onChange, nullptr);
    std::thread([errFd, seconds] {
        using Clock = std::chrono::steady_clock;
        Current &c = current();
        quint64 seen = c.changes.load();
        auto since = Clock::now();
        for (;;) {
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
            const quint64 now = c.changes.load();
            if (now != seen) {
                seen = now;
                since = Clock::now();
                continue;
            }
            if (Clock::now() - since < std::chrono::seconds(seconds))
                continue;
            QByteArray line;
            {
                const std::lock_guard lock(c.mutex);
                if (c.file.isEmpty()) { // not inside a read: nothing to say
                    since = Clock::now();
                    continue;
                }
                line = "hyperslab: " + c.file + (c.object.isEmpty() ? QByteArray() : ':' + c.object)
                       + ": the HDF5 library has been reading this for " + QByteArray::number(seconds)
                       + " s without finishing; damaged data can make it loop for ever, so hyperslab gave up.\n";
            }
            std::fflush(stdout); // what was described stays
            [[maybe_unused]] const auto written = ::write(errFd, line.constData(), size_t(line.size()));
            ::_exit(1);
        }
    }).detach();
}

} // namespace hs::app::cli
