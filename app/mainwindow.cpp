#include "mainwindow.h"
#include "plot/plotactions.h"
#include "valueeditactions.h"

#include "filesessions.h"
#include "recentfiles.h"
#include "sessionrecovery.h"

#include "copyactions.h"
#include "datasetpanel.h"
#include "datasettabs.h"
#include "errorpresenter.h"
#include "model/names.h"
#include "hierarchyview.h"
#include "inspectordocks.h"
#include "model/referencetarget.h"
#include "models/hierarchymodel.h"
#include "objectoverview.h"
#include "pathbar.h"
#include "plugins/pluginregistry.h"
#include "pluginsdialog.h"
#include "services/fileopener.h"
#include "structureactions.h"
#include "treedecorationproxy.h"
#include "welcomepage.h"

#include <algorithm>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>

namespace hs::app {

namespace {
// Saved dock and toolbar layouts of another version are not restored (the
// window starts from resetLayout): version 1 added the main toolbar above the
// path bar, which an older saved layout would squeeze beside it.
constexpr int kLayoutVersion = 1;
} // namespace

using core::HierarchyModel;

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent),
      m_model(new HierarchyModel(this)),
      m_proxy(new ui::TreeDecorationProxy(this)),
      m_tree(new ui::HierarchyView(this)),
      m_pathBar(new ui::PathBar(m_model, this)),
      m_central(new QStackedWidget(this)),
      m_welcome(new ui::WelcomePage(this)),
      m_overview(new ui::ObjectOverview(this)),
      m_tabs(new ui::DatasetTabs(m_overview, this)),
      m_opener(new core::FileOpener(this)),
      m_errors(new ui::ErrorPresenter(this)),
      m_recent(new RecentFiles(this)),
      m_recovery(new SessionRecovery(this, m_proxy))
{
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    // Plugins load once, before the window shows (never in the middle of
    // opening a dataset); a broken one is listed in Help ▸ Plugins, not fatal.
    core::PluginRegistry::instance();
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    m_proxy->setSourceModel(m_model);
    m_tree->setModel(m_proxy);
    m_central->addWidget(m_welcome);
    m_central->addWidget(m_tabs);
    setCentralWidget(m_central);

    createDocksAndBars();
    createActions();

    connect(m_opener, &core::FileOpener::opened, this, &MainWindow::onOpened);
    connect(m_opener, &core::FileOpener::failed, this, [this](const QString &path, const core::Error &e) {
        m_errors->present(tr("Could not open %1").arg(QFileInfo(path).fileName()), e);
    });
    connect(m_tree, &ui::HierarchyView::currentSourceChanged, this, &MainWindow::onCurrentChanged);
    connect(m_tree, &ui::HierarchyView::copyPathRequested, this, [](const QModelIndex &i) {
        // As info prints it: a name byte that is not UTF-8 as "\xB5", which the path bar and the CLI take back.
        QApplication::clipboard()->setText(core::names::toEscaped(i.data(HierarchyModel::PathRole).toString()));
    });
    connect(m_tree, &ui::HierarchyView::closeFileRequested, this, &MainWindow::closeFileAt);
    connect(m_tree, &ui::HierarchyView::activatedSource, this, &MainWindow::onActivated);
    connect(m_tree, &ui::HierarchyView::openRequested, this, &MainWindow::onActivated);
    connect(m_pathBar, &ui::PathBar::datasetRequested, this, &MainWindow::onActivated);
    m_tabs->setErrorPresenter(m_errors);
    connect(m_tabs, &ui::DatasetTabs::errorOccurred, m_errors, &ui::ErrorPresenter::present);
    connect(m_tabs, &ui::DatasetTabs::referenceActivated, this, [this](const QString &file, const QString &text) {
        followReference(file, core::ReferenceTarget::parse(text));
    });
    // openFile reveals the path in a file that is open and opens one that is
    // not (an external link's target).
    connect(m_inspectors, &ui::InspectorDocks::pathRequested, this,
            [this](const QString &file, const QString &path) { openFile(file, path); });
    connect(m_inspectors, &ui::InspectorDocks::regionRequested, this,
            [this](const QString &file, const QString &, const core::ReferenceTarget &t) { followReference(file, t); });
    connect(m_tabs, &ui::DatasetTabs::statusMessage, this, [this](const QString &t) { statusBar()->showMessage(t, 15000); });
    connect(m_tabs, &ui::DatasetTabs::currentValueChanged, this, [this](const QString &t) {
        m_statusValue->setText(t);
        m_statusValue->setToolTip(t);
    });
    connect(m_model, &HierarchyModel::pathRevealed, this, [this](const QModelIndex &i) { m_tree->selectSourceIndex(i); });
    connect(m_model, &HierarchyModel::revealFailed, this, [this](const QString &path, const QString &message) {
        // With several files open, say which one was searched.
        const QString where = m_model->fileCount() > 1 && !m_revealFile.isEmpty() ? tr("%1 in %2").arg(path, m_revealFile) : path;
        statusBar()->showMessage(tr("Cannot go to %1: %2").arg(where, message), 10000);
        if (m_reportRevealFailure)
            m_errors->present(tr("Cannot go to %1").arg(where), core::Error::make(core::ErrorCode::NotFound, message));
        m_reportRevealFailure = false;
    });
    connect(m_model, &HierarchyModel::dataChanged, this, [this](const QModelIndex &tl, const QModelIndex &br) {
        const QModelIndex cur = m_tree->currentSourceIndex();
        if (cur.isValid() && cur.parent() == tl.parent() && cur.row() >= tl.row() && cur.row() <= br.row())
            refreshCurrent();
    });
    connect(m_model, &HierarchyModel::listingFailed, this, [this](const QModelIndex &g, const core::Error &e) {
        // The message usually names the group already ("Could not list the members of …").
        const QString path = g.data(HierarchyModel::PathRole).toString();
        statusBar()->showMessage(e.message.startsWith(QLatin1String("Could not list")) ? e.message
                                                                                        : tr("Could not list %1: %2").arg(path, e.message),
                                 10000);
    });
    connect(m_model, &HierarchyModel::busyChanged, m_busy, &QWidget::setVisible);
    connect(m_pathBar, &ui::PathBar::pathRequested, this, [this](const QModelIndex &file, const QString &path) {
        revealInFile(file, path, false);
    });
    connect(m_welcome, &ui::WelcomePage::openRequested, this, &MainWindow::showOpenDialog);
    connect(m_welcome, &ui::WelcomePage::recentFileRequested, this, [this](const QString &f) { openFile(f); });
    connect(m_recent, &RecentFiles::fileRequested, this, [this](const QString &f) { openFile(f); });
    connect(m_recent, &RecentFiles::changed, this, [this] { m_welcome->setRecentFiles(m_recent->files()); });
    m_welcome->setRecentFiles(m_recent->files());

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(QSize(1480, 920).boundedTo(screen()->availableSize()).expandedTo(QSize(1000, 700)));
    if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray(), kLayoutVersion))
        resetLayout();
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::resetLayout()
{
    // The data gets the space: the tree and the inspectors take what their
    // contents need at the least, the grid about 60% of the window.
    for (QDockWidget *d : findChildren<QDockWidget *>()) {
        d->setFloating(false);
        d->show();
    }
    resizeDocks({findChild<QDockWidget *>(QStringLiteral("ObjectsDock")), m_inspectors->attributesDock()},
                {std::clamp(width() * 20 / 100, 240, 380), std::clamp(width() * 23 / 100, 300, 460)}, Qt::Horizontal);
}

void MainWindow::createDocksAndBars()
{
    auto *dock = new QDockWidget(tr("Objects"), this);
    dock->setObjectName(QStringLiteral("ObjectsDock"));
    dock->setWidget(m_tree);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    m_inspectors = new ui::InspectorDocks(this);
    m_sessions = new FileSessions(this, m_errors);
    connect(m_sessions, &FileSessions::modeChanged, this, &MainWindow::updateTitle);

    auto *bar = addToolBar(tr("Path"));
    bar->setObjectName(QStringLiteral("PathToolBar"));
    bar->setMovable(false);
    bar->addWidget(new QLabel(tr("  Path: "), bar));
    bar->addWidget(m_pathBar);

    m_statusPath = new QLabel(this);
    m_statusKind = new QLabel(this);
    m_statusShape = new QLabel(this);
    m_statusType = new QLabel(this);
    m_statusValue = new QLabel(this);
    m_statusValue->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_statusValue->setMaximumWidth(520);
    m_statusPath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_statusPath, 3);
    statusBar()->addWidget(m_statusKind);
    statusBar()->addWidget(m_statusShape);
    statusBar()->addWidget(m_statusType, 1);
    statusBar()->addWidget(m_statusValue, 2);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(14);
    m_busy->setToolTip(tr("Reading the file…"));
    m_busy->hide();
    statusBar()->addPermanentWidget(m_busy);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open…"), QKeySequence::Open,
                                    this, &MainWindow::showOpenDialog);
    (new ui::PlotActions(m_tree, m_model, m_tabs, this))->install(open); // toolbar, tree menu *Plot*
    QMenu *recent = file->addMenu(tr("Open &Recent"));
    m_recent->attachMenu(recent);
    file->addSeparator();
    file->addAction(m_sessions->enableEditingAction());
    file->addSeparator();
    file->addAction(tr("&Close File"), QKeySequence::Close, this, &MainWindow::closeCurrentFile);
    file->addAction(tr("Close &All Files"), this, [this] {
        // Each once, from the last: a file whose undo history the user keeps stays open.
        for (int i = m_model->fileCount() - 1; i >= 0; --i)
            closeFileAt(m_model->fileIndex(i));
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    m_sessions->install(edit);
    edit->addAction(tr("Copy &Path"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this, [this] {
        const QModelIndex i = m_tree->currentSourceIndex();
        if (i.isValid())
            QApplication::clipboard()->setText(core::names::toEscaped(i.data(HierarchyModel::PathRole).toString()));
    });
    (new ui::ValueEditActions(m_tabs, this))->install(edit); // Fill Selection…

    (new ui::StructureActions(m_tree, m_model, this))->install(menuBar()->addMenu(tr("&Object")));

    (new ui::CopyActions(m_tree, m_model, this))->install(edit, file); // copy, paste, drop, Save a Copy As

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_orderGroup = new QActionGroup(this);
    QAction *byName = view->addAction(tr("Sort Members by &Name"));
    QAction *byCreation = view->addAction(tr("Sort Members by &Creation Order"));
    for (QAction *a : {byName, byCreation}) {
        a->setCheckable(true);
        m_orderGroup->addAction(a);
    }
    byName->setChecked(true);
    byCreation->setStatusTip(tr("Groups that record creation order are shown in that order; others by name."));
    connect(byName, &QAction::triggered, this, [this] { m_model->setChildOrder(core::ChildOrder::Name); });
    connect(byCreation, &QAction::triggered, this, [this] { m_model->setChildOrder(core::ChildOrder::CreationOrder); });
    view->addSeparator();
    view->addAction(tr("Collapse All"), m_tree, &QTreeView::collapseAll);
    view->addAction(tr("Reset &Layout"), this, &MainWindow::resetLayout);
    for (QDockWidget *d : findChildren<QDockWidget *>())
        view->addAction(d->toggleViewAction());

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    go->addAction(tr("Go to &Path…"), QKeySequence(Qt::CTRL | Qt::Key_L), this, [this] {
        m_pathBar->setFocus(Qt::ShortcutFocusReason);
        m_pathBar->selectAll();
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Plugins…"), this, [this] {
        auto *dialog = new ui::PluginsDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    help->addAction(tr("&About Hyperslab"), this, &MainWindow::showAbout)->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::openFile(const QString &path, const QString &objectPath)
{
    const QModelIndex existing = m_model->fileIndexFor(QFileInfo(path).absoluteFilePath());
    if (existing.isValid()) {
        revealInFile(existing, objectPath.isEmpty() ? QStringLiteral("/") : objectPath, true);
        return;
    }
    statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    m_opener->open(path, objectPath);
}

void MainWindow::onOpened(const core::H5FilePtr &file, const QString &objectPath)
{
    // Two requests for one file may both have been in flight.
    if (m_model->fileIndexFor(file->path()).isValid())
        return;
    m_sessions->add(file); // before the model: it follows the session
    const QModelIndex idx = m_model->addFile(file);
    m_recent->add(file->path());
    m_tree->expand(m_proxy->mapFromSource(idx));
    statusBar()->showMessage(file->openNote().isEmpty() ? tr("Opened %1 (read-only)").arg(file->displayName())
                                                        : file->openNote(),
                             file->openNote().isEmpty() ? 4000 : 0);
    if (objectPath.isEmpty() || objectPath == QLatin1String("/"))
        m_tree->selectSourceIndex(idx);
    else
        revealInFile(idx, objectPath, true);
    Q_EMIT fileOpened(file->path());
}

void MainWindow::revealInFile(const QModelIndex &fileIndex, const QString &path, bool reportFailure)
{
    if (!fileIndex.isValid()) {
        statusBar()->showMessage(tr("Open a file first."), 5000);
        return;
    }
    m_reportRevealFailure = reportFailure;
    m_revealFile = QFileInfo(fileIndex.data(HierarchyModel::FilePathRole).toString()).fileName();
    m_model->revealPath(fileIndex, path);
}

void MainWindow::followReference(const QString &filePath, const core::ReferenceTarget &target)
{
    if (!target.isValid())
        return;
    const QModelIndex fileIdx = m_model->fileIndexFor(filePath);
    revealInFile(fileIdx, target.path, true);
    if (target.isRegion() && m_recovery->beforeRead({filePath, target.path}))
        if (auto file = m_model->fileOf(fileIdx))
            m_tabs->openDataset(file, target.path, target);
}

void MainWindow::closeCurrentFile()
{
    const QModelIndex i = m_tree->currentSourceIndex();
    if (i.isValid())
        closeFileAt(i);
    else if (m_model->fileCount() > 0)
        closeFileAt(m_model->fileIndex(m_model->fileCount() - 1));
}

void MainWindow::closeFileAt(const QModelIndex &index)
{
    if (!index.isValid() || !m_sessions->release(m_model->fileOf(index)))
        return;
    const QString filePath = index.data(HierarchyModel::FilePathRole).toString();
    m_tabs->closeTabsOf(filePath);
    m_inspectors->releaseFile(filePath);
    m_overview->forgetFile(filePath);
    m_model->closeFile(index);
    updateTitle();
}

void MainWindow::onActivated(const QModelIndex &sourceIndex)
{
    // Double-click or Enter on a dataset opens it in a grid tab.
    const QModelIndex i = sourceIndex.siblingAtColumn(0);
    if (core::ObjectKind(i.data(HierarchyModel::KindRole).toInt()) != core::ObjectKind::Dataset || !m_recovery->beforeRead(i))
        return;
    if (auto file = m_model->fileOf(i))
        m_tabs->openDataset(file, i.data(HierarchyModel::PathRole).toString());
}

void MainWindow::onCurrentChanged(const QModelIndex &sourceIndex)
{
    m_sessions->setCurrentFile(m_model->fileOf(sourceIndex));
    if (!sourceIndex.isValid()) {
        m_inspectors->clear();
        m_central->setCurrentWidget(m_welcome);
        m_statusPath->clear();
        m_statusKind->clear();
        m_statusShape->clear();
        m_statusType->clear();
        updateTitle();
        return;
    }
    // The file the path bar refers to is the file of the selection.
    QModelIndex fileIdx = sourceIndex;
    while (fileIdx.parent().isValid())
        fileIdx = fileIdx.parent();
    m_pathBar->setCurrentFile(fileIdx);
    m_recovery->beforeRead(sourceIndex); // journals, and asks before reading what a crash held back
    refreshCurrent();
    updateTitle();
    Q_EMIT objectSelected(sourceIndex.data(HierarchyModel::PathRole).toString());
}

void MainWindow::refreshCurrent()
{
    const QModelIndex i = m_tree->currentSourceIndex().siblingAtColumn(0);
    if (!i.isValid())
        return;
    const core::ObjectSummary s = m_model->summaryAt(i);
    const QString fileName = QFileInfo(i.data(HierarchyModel::FilePathRole).toString()).fileName();
    m_overview->setSummary(s, fileName, m_model->fileOf(i));
    m_central->setCurrentWidget(m_tabs);
    m_pathBar->showPath(s.path);
    m_statusPath->setText(core::names::toEscaped(s.path));
    m_statusKind->setText(s.kind == core::ObjectKind::Missing ? tr("unresolved %1 link").arg(core::linkTypeName(s.link.linkType))
                                                              : core::kindName(s.kind));
    m_statusShape->setText(s.shape ? s.shape->text() : QString());
    m_statusType->setText(s.type ? s.type->brief : QString());
    m_statusType->setToolTip(s.type ? s.type->text : QString());
    if (m_recovery->isHeldBack(i))
        m_inspectors->clear();
    else
        m_inspectors->setObject(m_model->fileOf(i), s.path, s.kind);
}

QString MainWindow::statusText() const
{
    QStringList parts;
    for (QLabel *l : {m_statusPath, m_statusKind, m_statusShape, m_statusType})
        if (!l->text().isEmpty())
            parts << l->text();
    return parts.join(QStringLiteral(" | "));
}

void MainWindow::showOpenDialog()
{
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("lastOpenDir")).toString();
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open HDF5 File"), dir,
        tr("HDF5 files (*.h5 *.hdf5 *.he5 *.nc *.nxs *.mat *.hdf);;All files (*)"));
    if (!files.isEmpty())
        settings.setValue(QStringLiteral("lastOpenDir"), QFileInfo(files.first()).absolutePath());
    for (const QString &f : files)
        openFile(f);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Hyperslab"),
                       tr("<h3>Hyperslab %1</h3><p>A fast browser for HDF5 files.</p>"
                          "<p>Built with Qt %2 and HDF5.</p>")
                           .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

void MainWindow::updateTitle()
{
    const QModelIndex i = m_tree->currentSourceIndex();
    const QString file = i.isValid() ? QFileInfo(i.data(HierarchyModel::FilePathRole).toString()).fileName() : QString();
    const bool editable = i.isValid() && !m_model->fileOf(i)->isReadOnly();
    setWindowTitle(file.isEmpty() ? tr("Hyperslab")
                                  : editable ? tr("%1 \u270e (editable) \u2014 Hyperslab").arg(file)
                                             : tr("%1 \u2014 Hyperslab").arg(file));
    if (m_model->fileCount() == 0)
        m_central->setCurrentWidget(m_welcome);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_sessions->releaseAll()) { // asks before undo histories go
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState(kLayoutVersion));
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const auto urls = event->mimeData()->urls();
    for (const QUrl &u : urls)
        if (u.isLocalFile()) {
            event->acceptProposedAction();
            return;
        }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const auto urls = event->mimeData()->urls();
    for (const QUrl &u : urls)
        if (u.isLocalFile())
            openFile(u.toLocalFile());
    event->acceptProposedAction();
}

} // namespace hs::app
