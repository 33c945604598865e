#pragma once

#include <QModelIndex>
#include <QObject>
#include <QPointer>
#include <QString>

class QAction;
class QMainWindow;

namespace hs::core {
class HierarchyModel;
}

namespace hs::ui {

class DatasetPanel;
class DatasetTabs;
class HierarchyView;

// The window's ways to a plot: a toolbar above the tabs with the actions
// people reach for most (Open, Export, Plot) and *Plot* in the tree's context
// menu (opens the dataset's tab with its Plot view shown).
class PlotActions : public QObject
{
    Q_OBJECT
public:
    PlotActions(HierarchyView *tree, core::HierarchyModel *model, DatasetTabs *tabs, QMainWindow *window);

    // Adds the toolbar; `open` is the window's File ▸ Open action.
    void install(QAction *open);
    QAction *plotAction() const { return m_plot; }
    QAction *exportAction() const { return m_export; }

private:
    void updateActions();
    void plotFromTree(const QModelIndex &sourceIndex);

    HierarchyView *m_tree;
    core::HierarchyModel *m_model;
    DatasetTabs *m_tabs;
    QMainWindow *m_window;
    QAction *m_plot;
    QAction *m_export;
    QString m_pendingFile, m_pendingPath; // a tree *Plot* waiting for its tab
};

} // namespace hs::ui
