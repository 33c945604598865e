#include "hierarchyview.h"

#include "models/hierarchymodel.h"

#include <QAbstractProxyModel>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QElapsedTimer>
#include <QMenu>
#include <QPainter>
#include <QStyleOption>

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
    m_expandTimer.setInterval(20);
    connect(&m_expandTimer, &QTimer::timeout, this, &HierarchyView::expandStep);
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

void HierarchyView::expandAllBelow(const QModelIndex &viewIndex)
{
    m_expandQueue = {Expanding{QPersistentModelIndex(viewIndex.siblingAtColumn(0)), 0}};
    m_expandBudget = MaxExpandAll;
    expandStep();
    if (!m_expandQueue.isEmpty())
        m_expandTimer.start();
}

void HierarchyView::expandStep()
{
    // At most ~10 ms per step: a group of 200,000 members is looked at over
    // several steps, and groups still being listed wait for later ones.
    QElapsedTimer spent;
    spent.start();
    auto *proxy = qobject_cast<QAbstractProxyModel *>(model());
    auto *tree = qobject_cast<HierarchyModel *>(proxy ? proxy->sourceModel() : model());
    QList<Expanding> waiting;
    while (!m_expandQueue.isEmpty() && spent.elapsed() < 10) {
        Expanding e = m_expandQueue.takeFirst();
        if (!e.index.isValid())
            continue;
        if (!isExpanded(e.index)) {
            if (m_expandBudget <= 0)
                continue;
            --m_expandBudget;
            expand(e.index);
        }
        const int rows = model()->rowCount(e.index);
        const int end = std::min(rows, e.nextRow + 4096);
        for (; e.nextRow < end; ++e.nextRow) {
            const QModelIndex child = model()->index(e.nextRow, 0, e.index);
            // Hard links only: soft and external ones lead elsewhere (and loop).
            if (core::LinkType(child.data(HierarchyModel::LinkTypeRole).toInt()) == core::LinkType::Hard
                && core::ObjectKind(child.data(HierarchyModel::KindRole).toInt()) == core::ObjectKind::Group
                && model()->hasChildren(child))
                m_expandQueue.append(Expanding{QPersistentModelIndex(child), 0});
        }
        const auto state = HierarchyModel::ListState(e.index.data(HierarchyModel::ListStateRole).toInt());
        const bool listed = state == HierarchyModel::ListState::Failed
                            || (tree && tree->isListingComplete(proxy ? proxy->mapToSource(e.index) : QModelIndex(e.index)));
        if (e.nextRow < rows || !listed)
            waiting.append(e);
    }
    m_expandQueue += waiting;
    if (m_expandQueue.isEmpty() || m_expandBudget <= 0)
        m_expandTimer.stop();
}

void HierarchyView::drawBranches(QPainter *painter, const QRect &rect, const QModelIndex &index) const
{
    // The view decides on an arrow when it lays a row out and keeps it, and
    // on screen (seen under X11 on a group as h5py writes it) some empty
    // groups kept theirs after their member count arrived. The model's word
    // is taken at paint time: a group known to be empty is drawn as a leaf
    // (the ancestors' part of the branch area as usual).
    if (showsExpandArrow(index) || !rootIsDecorated() || rect.width() < indentation()) {
        QTreeView::drawBranches(painter, rect, index);
        return;
    }
    const int own = indentation();
    const QRect cell = isRightToLeft() ? QRect(rect.left(), rect.top(), own, rect.height())
                                       : QRect(rect.right() - own + 1, rect.top(), own, rect.height());
    painter->save();
    painter->setClipRegion(QRegion(rect).subtracted(QRegion(cell)));
    QTreeView::drawBranches(painter, rect, index);
    painter->restore();
    QStyleOption opt;
    opt.initFrom(this);
    opt.rect = cell;
    opt.state = QStyle::State_Item;
    if (index.sibling(index.row() + 1, 0).isValid())
        opt.state |= QStyle::State_Sibling;
    style()->drawPrimitive(QStyle::PE_IndicatorBranch, &opt, painter, this);
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
    const QModelIndex row = viewIndex.siblingAtColumn(0);
    if (core::ObjectKind(row.data(HierarchyModel::KindRole).toInt()) == core::ObjectKind::Dataset) {
        menu.addAction(tr("Open"), this, [this, src] { Q_EMIT openRequested(src); })->setShortcut(Qt::Key_Return);
        menu.addSeparator();
    }
    menu.addAction(tr("Copy Path"), this, [this, src] { Q_EMIT copyPathRequested(src); });
    if (model()->hasChildren(row)) {
        menu.addSeparator();
        if (isExpanded(row))
            menu.addAction(tr("Collapse"), this, [this, row] { collapse(row); });
        else
            menu.addAction(tr("Expand"), this, [this, row] { expand(row); });
        menu.addAction(tr("Expand All"), this, [this, row] { expandAllBelow(row); })
            ->setStatusTip(tr("Expands the groups below this one, up to %1 of them").arg(MaxExpandAll));
    }
    for (const MenuContributor &contribute : m_menuContributors) {
        menu.addSeparator();
        contribute(&menu, src);
    }
    menu.addSeparator();
    menu.addAction(tr("Close File"), this, [this, src] { Q_EMIT closeFileRequested(src); });
    menu.exec(event->globalPos());
}

} // namespace hs::ui
