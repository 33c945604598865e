#include "cli/infocommand.h"

#include "services/h5file.h"
#include "services/infowriter.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>

namespace hs::app {

FileAndPath splitFileArgument(const QString &arg)
{
    if (QFileInfo::exists(arg))
        return {arg, {}};
    // Try every ":/" from the right, so a path component may contain ':' too.
    qsizetype pos = arg.lastIndexOf(QLatin1String(":/"));
    while (pos > 0) {
        const QString file = arg.left(pos);
        if (QFileInfo(file).isFile())
            return {file, arg.mid(pos + 1)};
        pos = arg.lastIndexOf(QLatin1String(":/"), pos - 1);
    }
    return {arg, {}};
}

namespace {

int fail(const QString &message)
{
    QTextStream err(stderr);
    err << "hyperslab: " << QString(message).replace(QLatin1Char('\n'), QLatin1Char(' ')) << Qt::endl;
    return 1;
}

} // namespace

int runInfoCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Describe the objects of an HDF5 file."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE[:/path]"), QStringLiteral("The file, optionally with an object path."));
    QCommandLineOption recursive({QStringLiteral("r"), QStringLiteral("recursive")}, QStringLiteral("Describe everything below the object."));
    QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON object per line (JSON Lines)."));
    parser.addOption(recursive);
    parser.addOption(json);
    if (!parser.parse(args))
        return fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1)
        return fail(QStringLiteral("usage: hyperslab info FILE[:/path] [--recursive] [--json]"));

    const FileAndPath target = splitFileArgument(pos.first());
    auto file = core::H5File::open(target.file);
    if (!file)
        return fail(file.error().message);

    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write to standard output"));
    core::InfoWriter writer(file.value(), {parser.isSet(recursive), parser.isSet(json)});
    const core::Status st = writer.write(target.path.isEmpty() ? QStringLiteral("/") : target.path, out);
    out.flush();
    if (!st) // the file opened: say which file the problem is in
        return fail(QStringLiteral("%1: %2").arg(file.value()->displayName(), st.error().message));
    // After the output, and only on success, so a failure stays one line.
    if (!file.value()->openNote().isEmpty())
        QTextStream(stderr) << "hyperslab: note: " << file.value()->openNote() << Qt::endl;
    return 0;
}

} // namespace hs::app
