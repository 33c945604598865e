#include "models/hierarchynode.h"

namespace hs::core {

namespace {
QString membersText(qint64 n)
{
    return n == 1 ? QStringLiteral("1 member") : QStringLiteral("%L1 members").arg(n);
}
} // namespace

QString HierarchyModel::Node::path() const
{
    if (!parent)
        return QStringLiteral("/");
    QStringList parts;
    for (const Node *n = this; n->parent; n = n->parent)
        parts.prepend(n->link.name());
    return QLatin1Char('/') + parts.join(QLatin1Char('/'));
}

HierarchyModel::Node *HierarchyModel::Node::childNamed(const QString &name) const
{
    for (auto &c : children())
        if (c->link.nameView() == name)
            return c.get();
    return nullptr;
}

QString HierarchyModel::Node::detailsText() const
{
    if (link.kind == ObjectKind::Missing)
        return link.linkType == LinkType::External
                   ? QStringLiteral("\u2192 %1:%2 (unresolved)").arg(link.targetFile(), link.target())
               : link.linkType == LinkType::User ? QStringLiteral("user-defined link")
               : link.problem().contains(QLatin1String("loop"))
                   ? QStringLiteral("\u2192 %1 (link loop)").arg(link.target())
                   : QStringLiteral("\u2192 %1 (dangling)").arg(link.target());
    QString text;
    switch (link.kind) {
    case ObjectKind::Dataset:
        if (shape() && type())
            text = QStringLiteral("%1  %2").arg(shape()->text(), type()->brief);
        break;
    case ObjectKind::Datatype:
        if (type())
            text = QStringLiteral("type %1").arg(type()->brief);
        break;
    case ObjectKind::Group:
        if (state == ListState::Failed) // damaged: the tooltip and the status bar say why
            text = QStringLiteral("members could not be listed");
        else if (state == ListState::Listed)
            text = membersText(qint64(children().size()));
        else if (memberCount() >= 0)
            text = membersText(memberCount());
        break;
    default: break;
    }
    if (link.linkType == LinkType::Soft)
        text = QStringLiteral("\u2192 %1  %2").arg(link.target(), text).trimmed();
    else if (link.linkType == LinkType::External)
        text = QStringLiteral("\u2192 %1:%2  %3").arg(link.targetFile(), link.target(), text).trimmed();
    return text;
}

QString HierarchyModel::Node::toolTip() const
{
    QStringList lines;
    if (!parent) {
        lines << root()->file->path();
        if (!root()->file->openNote().isEmpty())
            lines << root()->file->openNote();
        return lines.join(QLatin1Char('\n'));
    }
    lines << path();
    lines << QStringLiteral("%1, %2 link").arg(kindName(link.kind), linkTypeName(link.linkType));
    if (link.linkType == LinkType::Soft)
        lines << QStringLiteral("Target: %1").arg(link.target());
    if (link.linkType == LinkType::External)
        lines << QStringLiteral("Target: %1 in %2").arg(link.target(), link.targetFile());
    if (shape())
        lines << QStringLiteral("Shape: %1").arg(shape()->text());
    if (type())
        lines << QStringLiteral("Type: %1").arg(type()->text);
    if (!link.problem().isEmpty())
        lines << link.problem();
    return lines.join(QLatin1Char('\n'));
}

} // namespace hs::core
