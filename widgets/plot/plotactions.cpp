#include "plotactions.h"

#include "datasetpanel.h"
#include "datasettabs.h"
#include "hierarchyview.h"
#include "models/hierarchymodel.h"
#include "services/datasetreader.h"

#include <QAction>
#include <QIcon>
#include <QMainWindow>
#include <QMenu>
#include <QShortcut>
#include <QToolBar>

namespace hs::ui {

PlotActions::PlotActions(HierarchyView *tree, core::HierarchyModel *model, DatasetTabs *tabs, QMainWindow *window)
    : QObject(window), m_tree(tree), m_model(model), m_tabs(tabs), m_window(window)
{
    m_plot = new QAction(QIcon::fromTheme(QStringLiteral("office-chart-line")), tr("Plot"), this);
    m_plot->setObjectName(QStringLiteral("plotAction"));
    m_plot->setCheckable(true);
    m_plot->setToolTip(tr("Show the Plot view beside the grid (Ctrl+P)"));
    m_export = new QAction(QIcon::fromTheme(QStringLiteral("document-export")), tr("Export"), this);
    m_export->setObjectName(QStringLiteral("exportAction"));
    m_export->setToolTip(tr("Export the selected cells or the view to CSV (Ctrl+E)"));
    connect(m_plot, &QAction::triggered, this, [this](bool on) {
        // The open tab's plot, else the dataset selected in the tree (opened with its plot).
        if (DatasetPanel *panel = m_tabs->currentPanel(); panel && m_tabs->isVisible())
            panel->setPlotVisible(on);
        else
            plotFromTree(m_tree->currentSourceIndex());
        updateActions();
    });
    connect(m_tree, &HierarchyView::currentSourceChanged, this, &PlotActions::updateActions);
    connect(m_export, &QAction::triggered, this, [this] {
        if (DatasetPanel *panel = m_tabs->currentPanel())
            panel->exportDialog();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &PlotActions::updateActions);
    connect(m_tabs, &DatasetTabs::datasetOpened, this, [this](DatasetPanel *panel) {
        connect(panel, &DatasetPanel::plotVisibilityChanged, this, &PlotActions::updateActions);
        if (panel->reader()->path() == m_pendingPath && panel->property("filePath").toString() == m_pendingFile) {
            m_pendingPath.clear();
            panel->setPlotVisible(true);
        }
        updateActions();
    });

    // Ctrl+P in the tree plots its dataset (in a tab, the tab's own Ctrl+P toggles its plot).
    auto *treeKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_P), m_tree);
    treeKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(treeKey, &QShortcut::activated, this, [this] { plotFromTree(m_tree->currentSourceIndex()); });

    m_tree->addMenuContributor([this](QMenu *menu, const QModelIndex &src) {
        const QModelIndex i = src.siblingAtColumn(0);
        if (core::ObjectKind(i.data(core::HierarchyModel::KindRole).toInt()) != core::ObjectKind::Dataset)
            return;
        menu->addAction(QIcon::fromTheme(QStringLiteral("office-chart-line")), tr("Plot"), this, [this, i] { plotFromTree(i); });
    });
}

void PlotActions::plotFromTree(const QModelIndex &sourceIndex)
{
    const QModelIndex i = sourceIndex.siblingAtColumn(0);
    if (core::ObjectKind(i.data(core::HierarchyModel::KindRole).toInt()) != core::ObjectKind::Dataset)
        return;
    const auto file = m_model->fileOf(i);
    if (!file)
        return;
    const QString path = i.data(core::HierarchyModel::PathRole).toString();
    m_pendingFile = file->path();
    m_pendingPath = path;
    // The same way as a double-click (the window's checks included), then the plot once the tab is there.
    Q_EMIT m_tree->activatedSource(i);
    if (DatasetPanel *open = m_tabs->panelFor(file->path(), path)) {
        m_pendingPath.clear();
        open->setPlotVisible(true);
        updateActions();
    }
}

void PlotActions::install(QAction *open)
{
    auto *bar = new QToolBar(tr("Main"), m_window);
    bar->setObjectName(QStringLiteral("MainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(18, 18));
    if (open)
        bar->addAction(open);
    bar->addAction(m_export);
    bar->addAction(m_plot);
    // Above the path bar, the first line under the menus.
    m_window->insertToolBar(m_window->findChild<QToolBar *>(QStringLiteral("PathToolBar")), bar);
    m_window->insertToolBarBreak(m_window->findChild<QToolBar *>(QStringLiteral("PathToolBar")));
    updateActions();
}

void PlotActions::updateActions()
{
    DatasetPanel *panel = m_tabs->isVisible() ? m_tabs->currentPanel() : nullptr;
    const QModelIndex tree = m_tree->currentSourceIndex().siblingAtColumn(0);
    const bool treeDataset = core::ObjectKind(tree.data(core::HierarchyModel::KindRole).toInt()) == core::ObjectKind::Dataset;
    m_plot->setEnabled((panel && panel->canPlot()) || treeDataset);
    m_plot->setChecked(panel && panel->isPlotVisible());
    m_export->setEnabled(panel && panel->hasElements());
}

} // namespace hs::ui
