#include "hierarchyview.h"

#include "models/hierarchymodel.h"

#include <QAbstractProxyModel>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QMenu>

namespace hs::ui {

using core::HierarchyModel;

HierarchyView::HierarchyView(QWidget *parent) : QTreeView(parent)
{
    setUniformRowHeights(true); // lets Qt skip measuring 200,000 rows
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setAlternatingRowColors(true);
    setAnimated(false);
    setExpandsOnDoubleClick(true);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(QHeaderView::Interactive);
    header()->setMinimumSectionSize(60);
    connect(this, &QTreeView::activated, this, [this](const QModelIndex &i) { Q_EMIT activatedSource(toSource(i)); });
}

void HierarchyView::setModel(QAbstractItemModel *model)
{
    QTreeView::setModel(model);
    if (header()->count() > HierarchyModel::DetailsColumn) {
        header()->setSectionResizeMode(HierarchyModel::NameColumn, QHeaderView::Stretch);
        header()->resizeSection(HierarchyModel::DetailsColumn, 120);
    }
}

bool HierarchyView::showsExpandArrow(const QModelIndex &viewIndex) const
{
    return model() && model()->hasChildren(viewIndex.siblingAtColumn(0));
}

QModelIndex HierarchyView::toSource(const QModelIndex &viewIndex) const
{
    if (auto *proxy = qobject_cast<QAbstractProxyModel *>(model()))
        return proxy->mapToSource(viewIndex);
    return viewIndex;
}

QModelIndex HierarchyView::currentSourceIndex() const
{
    return toSource(currentIndex());
}

void HierarchyView::selectSourceIndex(const QModelIndex &sourceIndex)
{
    QModelIndex i = sourceIndex;
    if (auto *proxy = qobject_cast<QAbstractProxyModel *>(model()))
        i = proxy->mapFromSource(sourceIndex);
    if (!i.isValid())
        return;
    for (QModelIndex p = i.parent(); p.isValid(); p = p.parent())
        expand(p);
    setCurrentIndex(i);
    scrollTo(i, QAbstractItemView::PositionAtCenter);
}

void HierarchyView::currentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    QTreeView::currentChanged(current, previous);
    Q_EMIT currentSourceChanged(toSource(current));
}

void HierarchyView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex viewIndex = indexAt(event->pos());
    if (!viewIndex.isValid())
        return;
    const QModelIndex src = toSource(viewIndex.siblingAtColumn(0));
    QMenu menu(this);
    menu.addAction(tr("Copy Path"), this, [this, src] { Q_EMIT copyPathRequested(src); });
    if (model()->hasChildren(viewIndex.siblingAtColumn(0))) {
        menu.addSeparator();
        if (isExpanded(viewIndex.siblingAtColumn(0)))
            menu.addAction(tr("Collapse"), this, [this, viewIndex] { collapse(viewIndex.siblingAtColumn(0)); });
        else
            menu.addAction(tr("Expand"), this, [this, viewIndex] { expand(viewIndex.siblingAtColumn(0)); });
    }
    menu.addSeparator();
    menu.addAction(tr("Close File"), this, [this, src] { Q_EMIT closeFileRequested(src); });
    menu.exec(event->globalPos());
}

} // namespace hs::ui
