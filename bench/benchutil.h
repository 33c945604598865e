#pragma once

// Small helpers the benchmarks share: clocks, CPU time, resident memory, and
// rewriting one marked section of bench/RESULTS.md.

#include <QFile>
#include <QString>
#include <QSysInfo>
#include <QThread>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>

namespace hs::bench {

using Clock = std::chrono::steady_clock;

inline double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// User + system CPU seconds of this process: on a machine shared with other
// builds they vary far less than wall time.
inline double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// A field of /proc/self/status in kB ("VmRSS", "VmHWM"); 0 when unknown.
inline long statusKb(const char *field)
{
    FILE *f = std::fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    long kb = 0;
    const size_t n = std::strlen(field);
    while (std::fgets(line, sizeof line, f))
        if (std::strncmp(line, field, n) == 0 && line[n] == ':') {
            kb = std::atol(line + n + 1);
            break;
        }
    std::fclose(f);
    return kb;
}

inline QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    return QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2);
}

template<typename T>
T median(std::vector<T> v)
{
    if (v.empty())
        return T{};
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Replaces the section between `<!-- NAME:begin ... -->` and `<!-- NAME:end -->`
// of `path`, or appends it under `heading`; text outside the markers is kept.
inline bool writeResultsSection(const QString &path, const QString &name, const QString &heading, const QString &section)
{
    QString text;
    {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            text = QString::fromUtf8(f.readAll());
    }
    const QString begin = QStringLiteral("<!-- %1:begin (written by hyperslab_%1; edit outside the markers) -->").arg(name);
    const QString end = QStringLiteral("<!-- %1:end -->").arg(name);
    const QString block = begin + QLatin1Char('\n') + section + end;
    const qsizetype b = text.indexOf(begin), e = text.indexOf(end);
    if (b >= 0 && e > b) {
        text.replace(b, e + end.size() - b, block);
    } else {
        if (!text.isEmpty() && !text.endsWith(QLatin1Char('\n')))
            text += QLatin1Char('\n');
        text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + QStringLiteral("# %1\n\n").arg(heading) + block;
    }
    if (!text.endsWith(QLatin1Char('\n')))
        text += QLatin1Char('\n');
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.write(text.toUtf8());
    return true;
}

} // namespace hs::bench
