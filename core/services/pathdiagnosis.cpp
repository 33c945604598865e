#include "services/pathdiagnosis.h"

#include "services/hierarchyreader.h"

#include <QStringList>

namespace hs::core::pathdiagnosis {

namespace {

// Whether the group at `groupPath` lists a member `name` (any link type).
bool listsMember(const HierarchyReader &reader, const QString &groupPath, const QString &name)
{
    quint64 cursor = 0;
    for (;;) {
        auto batch = reader.listLinks(groupPath, ChildOrder::Name, cursor, 4096);
        if (!batch)
            return false;
        for (const LinkEntry &e : batch->entries)
            if (e.name == name)
                return true;
        if (batch->complete || batch->nextCursor <= cursor)
            return false;
        cursor = batch->nextCursor;
    }
}

} // namespace

QString damagedIndexMessage(const QString &groupPath, const QString &name)
{
    return QStringLiteral("The group \u201c%1\u201d is damaged: it lists a member \u201c%2\u201d, but that member "
                          "cannot be looked up by its name (the group's index of names is damaged).")
        .arg(groupPath, name);
}

Error explainMissing(const H5FilePtr &file, const QString &path, const Error &error)
{
    if (error.code != ErrorCode::NotFound && error.code != ErrorCode::DanglingLink)
        return error;
    // Say which step of the path fails: a scientist mistypes one component.
    HierarchyReader reader(file);
    QString current = QStringLiteral("/");
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString next = HierarchyReader::childPath(current, part);
        if (reader.linkExists(next)) {
            current = next;
            continue;
        }
        QString why;
        const auto here = reader.summarize(current);
        if (here && here->kind == ObjectKind::Missing)
            why = QStringLiteral("\u201c%1\u201d is a link that does not resolve. %2").arg(current, here->link.problem);
        else if (here && here->kind != ObjectKind::Group)
            why = QStringLiteral("\u201c%1\u201d is a %2, not a group.").arg(current, kindName(here->kind));
        else if (listsMember(reader, current, part))
            return Error::make(ErrorCode::Corrupt, damagedIndexMessage(current, part), error.detail);
        else if (current == QLatin1String("/"))
            why = QStringLiteral("The file has no member \u201c%1\u201d at its top level.").arg(part);
        else
            why = QStringLiteral("The group \u201c%1\u201d has no member \u201c%2\u201d.").arg(current, part);
        return Error::make(ErrorCode::NotFound, QStringLiteral("There is no object \u201c%1\u201d. %2").arg(path, why),
                           error.detail);
    }
    return error;
}

} // namespace hs::core::pathdiagnosis
