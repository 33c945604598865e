#include "cli/clireport.h"

#include "hdf5/crashbreadcrumb.h"
#include "hdf5/names.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace hs::app::cli {

QString errorLine(const QString &file, const QString &object, const QString &message)
{
    QString where;
    if (!file.isEmpty())
        where = file + (object.isEmpty() ? QString() : QLatin1Char(':') + core::names::toEscaped(object)) + QStringLiteral(": ");
    QString text = core::names::showBytes(message).simplified();
    return QStringLiteral("hyperslab: ") + where + text;
}

int fail(const QString &file, const QString &object, const QString &message)
{
    std::fflush(stdout); // what was written comes first
    const QByteArray line = errorLine(file, object, message).toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
    return 1;
}

void prepareHeadless()
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    core::CrashBreadcrumb::installFatalSignalHandler("hyperslab");
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
