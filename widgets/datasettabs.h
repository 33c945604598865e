#pragma once

#include "model/error.h"
#include "model/referencetarget.h"
#include "services/h5file.h"
#include "services/matlabtext.h"

#include <QSet>
#include <QTabWidget>

namespace hs::core {
class FileSession;
}

namespace hs::ui {

class DatasetPanel;
class ErrorPresenter;

// The central tabs: an overview page first, then one tab per open dataset.
// Opening a dataset reads its metadata on a worker, then adds (or focuses) its
// tab. Closing a file closes its tabs.
class DatasetTabs : public QTabWidget
{
    Q_OBJECT
public:
    explicit DatasetTabs(QWidget *overview, QWidget *parent = nullptr);

    // With a region, the grid selects exactly its cells once the tab is there.
    // A MATLAB char array (without a region) opens as its text.
    void openDataset(const core::H5FilePtr &file, const QString &path, const core::ReferenceTarget &region = {});
    void closeTabsOf(const QString &filePath);
    DatasetPanel *currentPanel() const;
    DatasetPanel *panelFor(const QString &filePath, const QString &path) const;
    void showOverview();
    void setErrorPresenter(ErrorPresenter *errors) { m_errors = errors; }
    // A tab's title: the object's name, marked when its file is editable.
    static QString titleFor(const core::H5FilePtr &file, const QString &path);

Q_SIGNALS:
    void datasetOpened(hs::ui::DatasetPanel *panel);
    void errorOccurred(const QString &title, const hs::core::Error &error);
    void currentValueChanged(const QString &text);
    // A panel's news for the status bar (see DatasetPanel::statusMessage).
    void statusMessage(const QString &text);
    // A reference in a grid cell was followed (see DatasetPanel::referenceActivated).
    void referenceActivated(const QString &filePath, const QString &text);

private:
    void open(const core::H5FilePtr &file, const QString &path, const core::ReferenceTarget &region, bool textIfMatlab);
    QWidget *textViewFor(const QString &filePath, const QString &path) const;
    void addTextTab(const core::H5FilePtr &file, const QString &path, const core::MatlabText &text);
    // The tabs of a file follow its session (datasettabssession.cpp): shapes
    // reloaded, tabs closed or reopened under a new path, titles marked
    // editable (values: each panel's ValueEditController).
    void followSession(const core::H5FilePtr &file);
    QList<QWidget *> tabsOf(const QString &filePath, const QString &path, bool withMembers) const;
    void reopenTab(QWidget *tab, const core::H5FilePtr &file, const QString &path);
    void retitle(const QString &filePath);

    QWidget *m_overview;
    ErrorPresenter *m_errors = nullptr;
    QSet<const QObject *> m_followed; // sessions
};

} // namespace hs::ui
