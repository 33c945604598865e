#include "treedecorationproxy.h"

#include "models/hierarchymodel.h"
#include "session/filesession.h"

#include <QApplication>
#include <QFont>
#include <QPainter>
#include <QPalette>
#include <QStyle>

namespace hs::ui {

using core::HierarchyModel;
using core::LinkType;
using core::ObjectKind;

TreeDecorationProxy::TreeDecorationProxy(QObject *parent) : QIdentityProxyModel(parent) {}

QIcon TreeDecorationProxy::iconFor(int kind, int linkType, bool isFile)
{
    if (isFile)
        return QIcon(QStringLiteral(":/icons/file.svg"));
    QString base;
    switch (ObjectKind(kind)) {
    case ObjectKind::Group: base = QStringLiteral(":/icons/group.svg"); break;
    case ObjectKind::Dataset: base = QStringLiteral(":/icons/dataset.svg"); break;
    case ObjectKind::Datatype: base = QStringLiteral(":/icons/datatype.svg"); break;
    case ObjectKind::Missing: return QIcon(QStringLiteral(":/icons/dangling.svg"));
    case ObjectKind::Unknown: base = QStringLiteral(":/icons/pending.svg"); break;
    }
    const LinkType lt = LinkType(linkType);
    if (lt != LinkType::Soft && lt != LinkType::External)
        return QIcon(base);
    // Compose base + overlay once per size; cached by the caller.
    const QString overlay = lt == LinkType::Soft ? QStringLiteral(":/icons/link-overlay.svg")
                                                 : QStringLiteral(":/icons/external-overlay.svg");
    QIcon composed;
    for (int size : {16, 24, 32, 48}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.drawPixmap(0, 0, QIcon(base).pixmap(size, size));
        p.drawPixmap(0, 0, QIcon(overlay).pixmap(size, size));
        p.end();
        composed.addPixmap(pm);
    }
    return composed;
}

QIcon TreeDecorationProxy::icon(int kind, int linkType, bool isFile) const
{
    const int key = isFile ? -1 : kind * 16 + linkType;
    auto it = m_icons.constFind(key);
    if (it != m_icons.constEnd())
        return *it;
    const QIcon i = iconFor(kind, linkType, isFile);
    m_icons.insert(key, i);
    return i;
}

QString TreeDecorationProxy::flagAt(const QModelIndex &index) const
{
    if (m_flags.isEmpty() || index.column() != HierarchyModel::NameColumn)
        return {};
    const QModelIndex src = mapToSource(index);
    return m_flags.value(flagKey(src.data(HierarchyModel::FilePathRole).toString(), src.data(HierarchyModel::PathRole).toString()));
}

void TreeDecorationProxy::flagChanged(const QModelIndex &sourceIndex)
{
    const QModelIndex i = mapFromSource(sourceIndex.siblingAtColumn(HierarchyModel::NameColumn));
    if (i.isValid())
        Q_EMIT dataChanged(i, i, {Qt::DecorationRole, Qt::ToolTipRole});
}

bool TreeDecorationProxy::isEditableFileRow(const QModelIndex &index) const
{
    const QModelIndex src = mapToSource(index);
    if (!src.data(HierarchyModel::IsFileRole).toBool())
        return false;
    const auto *model = qobject_cast<const HierarchyModel *>(sourceModel());
    const core::H5FilePtr file = model ? model->fileOf(src) : nullptr;
    const core::FileSession *session = file ? core::FileSession::of(file) : nullptr;
    return session ? session->isEditable() : (file && !file->isReadOnly());
}

QVariant TreeDecorationProxy::data(const QModelIndex &index, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == HierarchyModel::NameColumn && isEditableFileRow(index))
            return tr("%1 \u270e").arg(QIdentityProxyModel::data(index, role).toString());
        return QIdentityProxyModel::data(index, role);
    case Qt::ToolTipRole: {
        const QString flag = flagAt(index);
        if (flag.isEmpty() && isEditableFileRow(index))
            return tr("%1\nEditable: every change is written to the file. File \u25b8 Enable Editing "
                      "(Ctrl+Shift+E) makes it read-only again.")
                .arg(QIdentityProxyModel::data(index, role).toString());
        return flag.isEmpty() ? QIdentityProxyModel::data(index, role) : QVariant(flag);
    }
    case Qt::DecorationRole: {
        if (index.column() != HierarchyModel::NameColumn)
            return {};
        if (!flagAt(index).isEmpty())
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        const QModelIndex src = mapToSource(index);
        if (HierarchyModel::ListState(src.data(HierarchyModel::ListStateRole).toInt()) == HierarchyModel::ListState::Failed)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning); // a group that could not be listed
        return icon(src.data(HierarchyModel::KindRole).toInt(), src.data(HierarchyModel::LinkTypeRole).toInt(),
                    src.data(HierarchyModel::IsFileRole).toBool());
    }
    case Qt::FontRole: {
        const QModelIndex src = mapToSource(index);
        if (src.data(HierarchyModel::IsFileRole).toBool()) {
            QFont f = QApplication::font();
            f.setBold(true);
            return f;
        }
        const auto lt = LinkType(src.data(HierarchyModel::LinkTypeRole).toInt());
        if (lt != LinkType::Hard || index.column() == HierarchyModel::DetailsColumn) {
            QFont f = QApplication::font();
            f.setItalic(lt != LinkType::Hard);
            return f;
        }
        return {};
    }
    case Qt::ForegroundRole: {
        const QModelIndex src = mapToSource(index);
        const auto kind = ObjectKind(src.data(HierarchyModel::KindRole).toInt());
        if (kind == ObjectKind::Missing
            || HierarchyModel::ListState(src.data(HierarchyModel::ListStateRole).toInt()) == HierarchyModel::ListState::Failed)
            return QColor(0xb0, 0x3a, 0x2e);
        if (index.column() == HierarchyModel::DetailsColumn || kind == ObjectKind::Unknown)
            return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    }
    default: return QIdentityProxyModel::data(index, role);
    }
}

} // namespace hs::ui
