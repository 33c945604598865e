#pragma once

#include <QList>
#include <QPersistentModelIndex>
#include <QTimer>
#include <QTreeView>

#include <functional>
#include <vector>

class QMenu;

namespace hs::ui {

// The object tree: uniform rows (fast on 200,000-member groups), drag of
// objects, and a context menu for what a user does with a node.
class HierarchyView : public QTreeView
{
    Q_OBJECT
public:
    explicit HierarchyView(QWidget *parent = nullptr);

    // Source-model index of the current row (through any proxy).
    QModelIndex currentSourceIndex() const;
    void selectSourceIndex(const QModelIndex &sourceIndex);
    // The Name column takes the width the dock gives; Details keeps its own.
    void setModel(QAbstractItemModel *model) override;
    // Whether the row shows an expand arrow (a group not known to be empty).
    bool showsExpandArrow(const QModelIndex &viewIndex) const;

    // Expands the group and, as their members arrive, the groups below it
    // reached by hard links, at most MaxExpandAll of them, in short steps on
    // the GUI thread (listing itself runs in the background).
    static constexpr int MaxExpandAll = 500;
    void expandAllBelow(const QModelIndex &viewIndex);
    bool isExpandingAll() const { return m_expandTimer.isActive(); }

    // Adds entries to the tree's context menu (edit actions, copy...): called
    // for every menu, in the order added, with the row's source index; each
    // contributor adds its own section.
    using MenuContributor = std::function<void(QMenu *menu, const QModelIndex &sourceIndex)>;
    void addMenuContributor(MenuContributor contributor) { m_menuContributors.push_back(std::move(contributor)); }

Q_SIGNALS:
    void currentSourceChanged(const QModelIndex &sourceIndex);
    void activatedSource(const QModelIndex &sourceIndex);
    void copyPathRequested(const QModelIndex &sourceIndex);
    void openRequested(const QModelIndex &sourceIndex);
    void closeFileRequested(const QModelIndex &sourceIndex);

protected:
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void drawBranches(QPainter *painter, const QRect &rect, const QModelIndex &index) const override;

private:
    std::vector<MenuContributor> m_menuContributors;
    QModelIndex toSource(const QModelIndex &viewIndex) const;
    void expandStep();

    struct Expanding
    {
        QPersistentModelIndex index;
        int nextRow = 0; // members looked at so far
    };
    QList<Expanding> m_expandQueue;
    int m_expandBudget = 0;
    QTimer m_expandTimer;
};

} // namespace hs::ui
