#include "cli/infocommand.h"

#include "cli/clireport.h"
#include "model/names.h"
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
    if (core::H5File::exists(arg))
        return {arg, {}};
    // Try every ":/" from the right, so a path component may contain ':' too.
    qsizetype pos = arg.lastIndexOf(QLatin1String(":/"));
    while (pos > 0) {
        const QString file = arg.left(pos);
        if (core::H5File::isFile(file)) // "\xB5" stands for a name byte that is not UTF-8, as info prints it
            return {file, core::names::fromEscaped(arg.mid(pos + 1))};
        pos = arg.lastIndexOf(QLatin1String(":/"), pos - 1);
    }
    return {arg, {}};
}

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
        return cli::fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << cli::helpText(parser, QStringLiteral("info"));
        return 0;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1)
        return cli::fail(QStringLiteral("usage: hyperslab info FILE[:/path] [--recursive] [--json]"));

    const FileAndPath target = splitFileArgument(pos.first());
    auto file = core::H5File::open(target.file);
    if (!file)
        return cli::fail(target.file, {}, file.error().message);

    // Unbuffered here, line-buffered below (cli::prepareHeadless): each
    // object's lines reach the reader as soon as they are written.
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered))
        return cli::fail(QStringLiteral("Cannot write to standard output."));
    const QString path = target.path.isEmpty() ? QStringLiteral("/") : target.path;
    core::InfoWriter writer(file.value(), {parser.isSet(recursive), parser.isSet(json)});
    const core::Status st = writer.write(path, out);
    out.flush();
    if (!st)
        return cli::fail(target.file, path, st.error().message);
    // After the output, and only on success, so a failure stays one line.
    if (!file.value()->openNote().isEmpty())
        cli::note(target.file, file.value()->openNote());
    return 0;
}

} // namespace hs::app
