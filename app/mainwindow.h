#pragma once

#include "model/error.h"
#include "services/h5file.h"

#include <QMainWindow>

class QLabel;
class QStackedWidget;
class QProgressBar;
class QActionGroup;

namespace hs::core {
class HierarchyModel;
class FileOpener;
struct ReferenceTarget;
} // namespace hs::core

namespace hs::ui {
class DatasetTabs;
class ErrorPresenter;
class HierarchyView;
class InspectorDocks;
class ObjectOverview;
class PathBar;
class TreeDecorationProxy;
class WelcomePage;
} // namespace hs::ui

namespace hs::app {

class FileSessions;
class RecentFiles;
class SessionRecovery;

// Wiring only: docks, actions, menus, and the hand-off between the tree, the
// path bar, the central page and the status bar. The work lives in core and
// the widgets.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens `path` (in the background) and then selects `objectPath` in it.
    // A file that is already open is not opened twice.
    void openFile(const QString &path, const QString &objectPath = {});
    void closeCurrentFile();
    // Docks back in place, sized so that the central data area gets most of the width.
    void resetLayout();

    // For tests.
    core::HierarchyModel *hierarchyModel() const { return m_model; }
    ui::HierarchyView *treeView() const { return m_tree; }
    ui::ErrorPresenter *errorPresenter() const { return m_errors; }
    ui::PathBar *pathBar() const { return m_pathBar; }
    ui::DatasetTabs *datasetTabs() const { return m_tabs; }
    ui::InspectorDocks *inspectors() const { return m_inspectors; }
    SessionRecovery *recovery() const { return m_recovery; }
    FileSessions *sessions() const { return m_sessions; }
    QString statusText() const;

Q_SIGNALS:
    void fileOpened(const QString &absolutePath);
    void objectSelected(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createDocksAndBars();
    void onOpened(const core::H5FilePtr &file, const QString &objectPath);
    void onCurrentChanged(const QModelIndex &sourceIndex);
    void onActivated(const QModelIndex &sourceIndex);
    void closeFileAt(const QModelIndex &index);
    void refreshCurrent();
    void revealInFile(const QModelIndex &fileIndex, const QString &path, bool reportFailure);
    // Selects a reference's target in the tree; a region also opens in a grid tab with its cells selected.
    void followReference(const QString &filePath, const core::ReferenceTarget &target);
    void showOpenDialog();
    void showAbout();
    void updateTitle();

    core::HierarchyModel *m_model;
    ui::TreeDecorationProxy *m_proxy;
    ui::HierarchyView *m_tree;
    ui::PathBar *m_pathBar;
    QStackedWidget *m_central;
    ui::WelcomePage *m_welcome;
    ui::ObjectOverview *m_overview;
    ui::DatasetTabs *m_tabs;
    ui::InspectorDocks *m_inspectors = nullptr;
    core::FileOpener *m_opener;
    ui::ErrorPresenter *m_errors;
    RecentFiles *m_recent;
    SessionRecovery *m_recovery;
    FileSessions *m_sessions = nullptr;
    QLabel *m_statusPath;
    QLabel *m_statusKind;
    QLabel *m_statusShape;
    QLabel *m_statusType;
    QLabel *m_statusValue;
    QProgressBar *m_busy;
    QActionGroup *m_orderGroup = nullptr;
    bool m_reportRevealFailure = false;
    QString m_revealFile; // the file name of the last path request, for its failure message
};

} // namespace hs::app
