#include "cli/clireport.h"

#include "cli/stallwatchdog.h"

#include "hdf5/crashbreadcrumb.h"
#include "model/names.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

#include <fcntl.h>
#include <unistd.h>

namespace hs::app::cli {

namespace {

// Where our own lines go: the real standard error. prepareHeadless() moves
// file descriptor 2 aside, because filter plugins print their own complaints
// there ("BUG: bzip2 decompression failed ..."), which would make a failure
// more than one line.
int g_errFd = STDERR_FILENO;

void writeLine(const QString &text)
{
    std::fflush(stdout); // what was written comes first
    const QByteArray line = text.toUtf8() + '\n';
    qsizetype done = 0;
    while (done < line.size()) {
        const ssize_t n = ::write(g_errFd, line.constData() + done, size_t(line.size() - done));
        if (n <= 0)
            break;
        done += n;
    }
}

constexpr int kDefaultStallSeconds = 120;

} // namespace

QString errorLine(const QString &file, const QString &object, const QString &message)
{
    QString where;
    if (!file.isEmpty())
        where = file + (object.isEmpty() ? QString() : QLatin1Char(':') + core::names::toEscaped(object)) + QStringLiteral(": ");
    QString text = core::names::showBytes(message).trimmed();
    text.replace(QLatin1Char('\n'), QLatin1Char(' ')); // one line
    return QStringLiteral("hyperslab: ") + where + text;
}

int fail(const QString &file, const QString &object, const QString &message)
{
    writeLine(errorLine(file, object, message));
    return 1;
}

void note(const QString &file, const QString &message)
{
    writeLine(errorLine(file, {}, QStringLiteral("note: ") + message));
}

void prepareHeadless()
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    // Library and plugin chatter on descriptor 2 goes nowhere, unless the raw
    // HDF5 errors were asked for (errorstack.cpp prints them to stderr).
    if (!qEnvironmentVariableIsSet("HYPERSLAB_TRACE_HDF5_ERRORS")) {
        const int saved = ::fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
        const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (saved >= 0 && null >= 0 && ::dup2(null, STDERR_FILENO) >= 0)
            g_errFd = saved;
        if (null >= 0)
            ::close(null);
    }
    core::CrashBreadcrumb::installFatalSignalHandler("hyperslab", g_errFd);
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("HYPERSLAB_STALL_SECONDS", &ok);
    startStallWatchdog(g_errFd, ok ? seconds : kDefaultStallSeconds);
}

QString helpText(const QCommandLineParser &parser, const QString &command)
{
    QString text = parser.helpText();
    const QStringList args = QCoreApplication::arguments();
    const QString usage = QStringLiteral("Usage: ");
    if (!args.isEmpty() && text.startsWith(usage + args.first()))
        text.replace(usage.size(), args.first().size(),
                     command.isEmpty() ? QStringLiteral("hyperslab") : QStringLiteral("hyperslab ") + command);
    return text;
}

} // namespace hs::app::cli
