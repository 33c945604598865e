// The plot in the real window: the toolbar above the tabs (Open, Export,
// Plot), Plot on a dataset selected in the tree opens its tab with the plot,
// and the action follows the tab's Ctrl+P.

#include "plot/lineplotview.h"
#include "plot/plotpanel.h"
#include "plotfixture.h"

#include "datasetpanel.h"
#include "datasettabs.h"
#include "hierarchyview.h"
#include "mainwindow.h"
#include "windowharness.h"

#include <QAction>
#include <QTemporaryDir>
#include <QToolBar>
#include <QtTest>

using namespace hs;
using guitests::Timeout;

class TestPlotWindow : public QObject, private guitests::WindowHarness
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_path;

private Q_SLOTS:
    void initTestCase()
    {
        guitests::initSettings("tst_plotwindow");
        m_path = m_dir.filePath(QStringLiteral("plot.h5"));
        test::writePlotFixture(m_path);
    }
    void init() { QVERIFY(openWindow(QSize(1480, 920))); }
    void cleanup() { closeWindow(); }

    void toolbarPlotsTheTreesDataset()
    {
        auto *bar = m_w->findChild<QToolBar *>(QStringLiteral("MainToolBar"));
        QVERIFY(bar && bar->isVisible());
        QStringList texts;
        for (QAction *a : bar->actions())
            texts << a->text().remove(QLatin1Char('&'));
        QCOMPARE(texts, (QStringList{QStringLiteral("Open…"), QStringLiteral("Export"), QStringLiteral("Plot")}));
        auto *plot = m_w->findChild<QAction *>(QStringLiteral("plotAction"));
        QVERIFY(plot);
        QVERIFY(select(m_path, QStringLiteral("/series")));
        QTRY_VERIFY_WITH_TIMEOUT(plot->isEnabled(), Timeout);
        plot->trigger();
        ui::DatasetPanel *panel = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((panel = m_w->datasetTabs()->currentPanel()) && panel->isPlotVisible(), Timeout);
        QVERIFY(panel->plotPanel()->lineView()->waitUntilComplete());
        QCOMPARE(panel->plotPanel()->lineView()->xLabel(), QStringLiteral("time (s)"));
        QVERIFY(plot->isChecked());
        // The tab's Ctrl+P hides it; the toolbar's button follows.
        panel->togglePlot();
        QVERIFY(!panel->isPlotVisible());
        QVERIFY(!plot->isChecked());
        plot->trigger();
        QVERIFY(panel->isPlotVisible());
    }

    // Ctrl+P (as the Plot button's tip says) in the tree plots the dataset selected there.
    void ctrlPInTheTreePlotsItsDataset()
    {
        QVERIFY(select(m_path, QStringLiteral("/series")));
        m_w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_w.get()));
        m_w->treeView()->setFocus();
        QTRY_VERIFY_WITH_TIMEOUT(m_w->treeView()->hasFocus(), Timeout);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_P, Qt::ControlModifier);
        ui::DatasetPanel *panel = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((panel = m_w->datasetTabs()->currentPanel()) && panel->isPlotVisible(), Timeout);
        QCOMPARE(panel->reader()->path(), QStringLiteral("/series"));
    }
};

QTEST_MAIN(TestPlotWindow)
#include "tst_plotwindow.moc"
