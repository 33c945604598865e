#include "cli/copycommand.h"

#include "cli/clireport.h"
#include "cli/infocommand.h"
#include "edit/copyobjectoperation.h"
#include "services/h5file.h"
#include "services/hierarchyreader.h"
#include "services/pathdiagnosis.h"
#include "session/editoperation.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <atomic>
#include <csignal>

namespace hs::app {

namespace {

const char kUsage[] = "usage: hyperslab copy SRC:/path DST[:/path] [--links keep|expand]";

// Set by SIGINT/SIGTERM; the copy polls it between chunks and objects, then
// drops what it built (nothing was linked yet) and closes the file cleanly.
std::atomic_bool g_interrupted{false};
static_assert(std::atomic_bool::is_always_lock_free);

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
}

// DST may name a file that does not exist yet: then "new.h5:/x" splits at ":/".
FileAndPath splitDestination(const QString &arg)
{
    FileAndPath split = splitFileArgument(arg);
    if (!split.path.isEmpty() || core::H5File::exists(arg))
        return split;
    const qsizetype pos = arg.indexOf(QLatin1String(":/"));
    if (pos > 0)
        return {arg.left(pos), arg.mid(pos + 1)};
    return split;
}

QString baseName(const QString &path)
{
    return path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
}

} // namespace

int runCopyCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Copy a group, dataset or named datatype, with its attributes, within a "
                                                    "file or to another file."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("SRC:/path"), QStringLiteral("The file and the object to copy."));
    parser.addPositionalArgument(QStringLiteral("DST[:/path]"),
                                 QStringLiteral("The file to copy into (created if missing) and the new object's path "
                                                "(default: the source's name at the root; a path ending in / names a group to copy into)."));
    const QCommandLineOption links(QStringLiteral("links"),
                                   QStringLiteral("Soft and external links inside: keep (copy them as links; default) or "
                                                  "expand (copy what they point to)."),
                                   QStringLiteral("keep|expand"), QStringLiteral("keep"));
    parser.addOption(links);
    if (!parser.parse(args))
        return cli::fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << cli::helpText(parser, QStringLiteral("copy"));
        return 0;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        return cli::fail(QString::fromLatin1(kUsage));
    const QString how = parser.value(links).toLower();
    if (how != QLatin1String("keep") && how != QLatin1String("expand"))
        return cli::fail(QStringLiteral("Unknown --links '%1'; use keep or expand.").arg(how));
    const core::CopyLinks mode = how == QLatin1String("expand") ? core::CopyLinks::Expand : core::CopyLinks::Keep;

    const FileAndPath src = splitFileArgument(pos.at(0));
    if (!core::H5File::exists(src.file)) {
        const qsizetype colon = src.file.indexOf(QLatin1String(":/"));
        return cli::fail(colon > 0 ? src.file.left(colon) : src.file, {}, QStringLiteral("No such file."));
    }
    if (src.path.isEmpty() || src.path == QLatin1String("/"))
        return cli::fail(src.file, {}, QStringLiteral("Name the object to copy, as in %1:/path/to/object.").arg(src.file));
    FileAndPath dst = splitDestination(pos.at(1));
    if (dst.path.isEmpty())
        dst.path = QLatin1Char('/') + baseName(src.path);
    else if (dst.path.endsWith(QLatin1Char('/')))
        dst.path += baseName(src.path);
    const bool sameFile = QFileInfo::exists(dst.file)
                          && QFileInfo(dst.file).canonicalFilePath() == QFileInfo(src.file).canonicalFilePath();
    const bool newFile = !core::H5File::exists(dst.file);

    // Everything that can be checked is checked read-only first, so a refused
    // copy leaves the destination byte for byte as it was (opening it for
    // writing alone may rewrite its superblock).
    {
        auto file = core::H5File::open(src.file);
        if (!file)
            return cli::fail(src.file, {}, file.error().message);
        const auto summary = core::HierarchyReader(file.value()).summarize(src.path);
        if (!summary)
            return cli::fail(src.file, src.path, core::pathdiagnosis::explainMissing(file.value(), src.path, summary.error()).message);
        if (summary->kind != core::ObjectKind::Group && summary->kind != core::ObjectKind::Dataset
            && summary->kind != core::ObjectKind::Datatype)
            return cli::fail(src.file, src.path, QStringLiteral("Only groups, datasets and named datatypes can be copied."));
    }
    if (!newFile) {
        auto file = core::H5File::open(dst.file);
        if (!file)
            return cli::fail(dst.file, {}, file.error().message);
        if (core::CopyObjectOperation::exists(file.value(), dst.path))
            return cli::fail(dst.file, dst.path,
                             QStringLiteral("An object of that name exists; nothing was copied (try %1).")
                                 .arg(core::CopyObjectOperation::freePath(file.value(), dst.path)));
        const QString parent = core::CopyObjectOperation::parentOf(dst.path);
        const auto summary = core::HierarchyReader(file.value()).summarize(parent);
        if (!summary || summary->kind != core::ObjectKind::Group)
            return cli::fail(dst.file, parent, QStringLiteral("There is no group of that name to copy into."));
    } else if (dst.path.count(QLatin1Char('/')) > 1) {
        return cli::fail(dst.file, dst.path, QStringLiteral("The file does not exist, so only a name at its root can be given."));
    } else if (!QFileInfo(QFileInfo(dst.file).absolutePath()).isDir()) {
        return cli::fail(dst.file, {}, QStringLiteral("No such folder."));
    }

    if (newFile) {
        const core::Status created = core::CopyObjectOperation::createFile(dst.file);
        if (!created.ok())
            return cli::fail(dst.file, {}, created.error().message);
    }
    auto target = core::H5File::open(dst.file, core::H5File::Mode::ReadWrite);
    if (!target) {
        if (newFile)
            QFile::remove(dst.file);
        return cli::fail(dst.file, {}, target.error().message);
    }
    core::H5FilePtr source = target.value();
    if (!sameFile) {
        auto opened = core::H5File::open(src.file);
        if (!opened)
            return cli::fail(src.file, {}, opened.error().message);
        source = opened.value();
    }

    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    core::Status s = core::Ok{};
    core::Status flushed = core::Ok{};
    {
        core::EditContext context(target.value(), &g_interrupted);
        core::CopyObjectOperation op(std::move(source), src.path, dst.path, mode);
        s = op.apply(context);
        if (s.ok())
            flushed = core::CopyObjectOperation::flush(target.value());
    }
    target = core::Result<core::H5FilePtr>(core::Error{}); // the last owner: closes the file
    const core::Status closed = flushed;
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (!s.ok() && newFile)
        QFile::remove(dst.file);
    if (!s.ok() && s.error().code == core::ErrorCode::Cancelled) {
        cli::fail(dst.file, dst.path, QStringLiteral("Interrupted; nothing was copied."));
        return 130;
    }
    if (!s.ok())
        return cli::fail(src.file, src.path, s.error().message);
    if (!closed.ok())
        return cli::fail(dst.file, {}, closed.error().message);
    return 0;
}

} // namespace hs::app
