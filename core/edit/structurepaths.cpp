#include "edit/structurepaths.h"

#include "edit/structureedit_p.h"
#include "model/names.h"

#include <QCoreApplication>

namespace hs::core::edit {

namespace {
QString trimmed(const QString &path)
{
    QString p = path;
    while (p.size() > 1 && p.endsWith(QLatin1Char('/')))
        p.chop(1);
    return p;
}
} // namespace

QString parentPath(const QString &path)
{
    const QString p = trimmed(path);
    const qsizetype slash = p.lastIndexOf(QLatin1Char('/'));
    if (slash <= 0)
        return QStringLiteral("/");
    return p.left(slash);
}

QString baseName(const QString &path)
{
    const QString p = trimmed(path);
    if (p == QLatin1String("/"))
        return {};
    return p.mid(p.lastIndexOf(QLatin1Char('/')) + 1);
}

QString joinPath(const QString &group, const QString &name)
{
    if (group.isEmpty() || group == QLatin1String("/"))
        return QLatin1Char('/') + name;
    return trimmed(group) + QLatin1Char('/') + name;
}

QString nameProblem(const QString &name)
{
    if (name.isEmpty())
        return QCoreApplication::translate("hs::core::edit", "The name is empty.");
    if (name.contains(QLatin1Char('/')))
        return QCoreApplication::translate("hs::core::edit", "A name cannot contain \u201c/\u201d (it separates groups in a path).");
    if (name == QLatin1String("."))
        return QCoreApplication::translate("hs::core::edit", "\u201c.\u201d cannot be a name (it means the group itself).");
    return {};
}

QString newPathProblem(const QString &path)
{
    if (!path.startsWith(QLatin1Char('/')))
        return QCoreApplication::translate("hs::core::edit", "The path must start with \u201c/\u201d.");
    if (trimmed(path) == QLatin1String("/"))
        return QCoreApplication::translate("hs::core::edit", "The root group \u201c/\u201d always exists.");
    if (trimmed(path).contains(QLatin1String("//")))
        return QCoreApplication::translate("hs::core::edit", "The path has an empty name between two \u201c/\u201d.");
    return nameProblem(baseName(path));
}

bool linkExists(const H5File &file, const QString &path)
{
    if (!path.startsWith(QLatin1Char('/')))
        return false;
    LibraryLock lock;
    return linkExists(fileId(file), path);
}

QString shownPath(const QString &path)
{
    return names::toEscaped(path);
}

} // namespace hs::core::edit
