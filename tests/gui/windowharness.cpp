#include "windowharness.h"

#include "attributespanel.h"
#include "errorpresenter.h"
#include "hierarchyview.h"
#include "inspectordocks.h"
#include "jobs/jobrunner.h"
#include "linkspanel.h"
#include "mainwindow.h"
#include "models/attributetablemodel.h"
#include "models/hierarchymodel.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

namespace hs::guitests {

QString currentPath(app::MainWindow &w)
{
    return w.treeView()->currentSourceIndex().data(core::HierarchyModel::PathRole).toString();
}

void waitForJobs()
{
    core::JobRunner::instance().waitForIdle();
    QCoreApplication::processEvents();
}

WindowHarness::~WindowHarness() = default;

void initSettings(const char *applicationName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HyperslabTest"));
    QCoreApplication::setApplicationName(QString::fromLatin1(applicationName));
    QSettings().clear();
}

bool WindowHarness::openWindow(QSize size)
{
    m_w = std::make_unique<app::MainWindow>();
    m_w->errorPresenter()->setDialogsEnabled(false);
    m_w->resize(size);
    m_w->show();
    return QTest::qWaitForWindowExposed(m_w.get());
}

void WindowHarness::closeWindow()
{
    m_w.reset();
    waitForJobs();
}

bool WindowHarness::select(const QString &file, const QString &path)
{
    m_w->openFile(file, path);
    return QTest::qWaitFor([&] { return currentPath(*m_w) == path; }, Timeout);
}

ui::AttributesPanel *WindowHarness::attributes() const
{
    return m_w->inspectors()->attributesPanel();
}

ui::LinksPanel *WindowHarness::links() const
{
    return m_w->inspectors()->linksPanel();
}

bool WindowHarness::attributesShown(const QString &path)
{
    return QTest::qWaitFor([&] {
        return attributes()->model()->objectPath() == path && !attributes()->model()->isLoading();
    }, Timeout);
}

bool WindowHarness::linksShown(const QString &path)
{
    return QTest::qWaitFor([&] {
        return links()->sectionText(ui::LinksPanel::Section::Link).startsWith(QStringLiteral("Path: %1\n").arg(path))
               && !links()->isInspecting();
    }, Timeout);
}

} // namespace hs::guitests
