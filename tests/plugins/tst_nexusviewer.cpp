// The NeXus viewer plugin on a NeXus file written at test time: NXdata groups
// (named signal, legacy signal=1, string and string-array axes) plot their
// signal against their axes with errors and units; 2-D and N-D signals are
// colour maps; large signals are read strided; the root's `default` chain
// leads the group overview to the plot; other groups are not offered.
#include "plugins/nexusfixture.h"

#include "fileviewerdata.h"
#include "objectoverview.h"
#include "plugins/objectdescription.h"
#include "plugins/pluginregistry.h"
#include "services/h5file.h"
#include "services/hierarchyreader.h"

#include "hyperslab/viewerinterface.h"

#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

#include <qcustomplot.h>

using namespace hs;
namespace fx = hs::test::nexusfx;

class TestNexusViewer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void scoresNXdataGroupsOnly();
    void lineWithErrorsAndUnits();
    void imageIsColourMapOfItsSize();
    void cubeShowsLastTwoDimensionsAtIndexZero();
    void legacySignalAndAxes();
    void largeSignalIsReadStrided();
    void largeImageIsReadStrided();
    void defaultChainLeadsOverviewToPlot();
    void otherGroupSaysWhy();

private:
    hyperslab::ObjectInfo describe(const QString &path);
    QWidget *view(const QString &path);
    static QCustomPlot *plotOf(QWidget *w) { return w->findChild<QCustomPlot *>(QStringLiteral("nexusPlot")); }
    static QString labelText(QWidget *w, const char *name) { return w->findChild<QLabel *>(QLatin1String(name))->text(); }

    QTemporaryDir m_dir;
    core::H5FilePtr m_h5;
    hyperslab::ViewerInterface *m_viewer = nullptr;
    std::vector<std::unique_ptr<QWidget>> m_keep;
};

void TestNexusViewer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("HYPERSLAB_PLUGIN_PATH", QByteArray(HS_PLUGIN_DIR));
    for (hyperslab::ViewerInterface *v : core::PluginRegistry::instance().viewers())
        if (v->viewName() == QLatin1String("NeXus"))
            m_viewer = v;
    QVERIFY(m_viewer);
    const QString file = m_dir.filePath(QStringLiteral("nexus.h5"));
    QVERIFY(fx::write(file));
    auto f = core::H5File::open(file);
    QVERIFY(f.ok());
    m_h5 = f.value();
}

hyperslab::ObjectInfo TestNexusViewer::describe(const QString &path)
{
    auto info = core::describeObject(m_h5, path);
    return info.ok() ? *info : hyperslab::ObjectInfo{};
}

QWidget *TestNexusViewer::view(const QString &path)
{
    m_keep.emplace_back(m_viewer->createView(std::make_shared<ui::FileViewerData>(m_h5, nullptr, describe(path)), nullptr));
    m_keep.back()->resize(800, 500);
    return m_keep.back().get();
}

void TestNexusViewer::scoresNXdataGroupsOnly()
{
    QCOMPARE(describe(QStringLiteral("/entry/data")).kind, QStringLiteral("group"));
    QVERIFY(m_viewer->score(describe(QStringLiteral("/entry/data"))) >= 80);
    QVERIFY(m_viewer->score(describe(QStringLiteral("/entry/image"))) >= 80);
    QVERIFY(m_viewer->score(describe(QStringLiteral("/entry/legacy"))) >= 50);
    QVERIFY(m_viewer->score(describe(QStringLiteral("/"))) >= 50);      // default="entry"
    QVERIFY(m_viewer->score(describe(QStringLiteral("/entry"))) >= 50); // default="data"
    QCOMPARE(m_viewer->score(describe(QStringLiteral("/plain"))), 0);
    QCOMPARE(m_viewer->score(describe(QStringLiteral("/entry/data/counts"))), 0);
}

void TestNexusViewer::lineWithErrorsAndUnits()
{
    QWidget *w = view(QStringLiteral("/entry/data"));
    QCustomPlot *plot = plotOf(w);
    QVERIFY(plot);
    QTRY_COMPARE(plot->graphCount(), 1);
    QCPGraph *graph = plot->graph(0);
    QCOMPARE(graph->dataCount(), fx::kLineN);
    for (int i = 0; i < fx::kLineN; ++i) {
        QCOMPARE(graph->data()->at(i)->key, 0.5 * i);
        QCOMPARE(graph->data()->at(i)->value, fx::lineValue(i));
    }
    QCPErrorBars *bars = nullptr;
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (auto *b = qobject_cast<QCPErrorBars *>(plot->plottable(i)))
            bars = b;
    QVERIFY(bars);
    QCOMPARE(bars->dataPlottable(), graph);
    QCOMPARE(bars->dataCount(), fx::kLineN);
    QCOMPARE(bars->data()->at(7).errorPlus, fx::lineError(7));
    QVERIFY2(plot->xAxis->label().contains(QStringLiteral("mm")), qPrintable(plot->xAxis->label()));
    QVERIFY2(plot->yAxis->label().contains(QStringLiteral("Intensity")) && plot->yAxis->label().contains(QStringLiteral("1/s")),
             qPrintable(plot->yAxis->label()));
    QCOMPARE(labelText(w, "nexusTitle"), QString::fromLatin1(fx::kTitle));
    // The error bars are inside the range shown.
    QVERIFY(plot->yAxis->range().upper >= fx::lineValue(fx::kLineN - 1) + fx::lineError(fx::kLineN - 1));
}

void TestNexusViewer::imageIsColourMapOfItsSize()
{
    QWidget *w = view(QStringLiteral("/entry/image"));
    QCustomPlot *plot = plotOf(w);
    QTRY_COMPARE(plot->plottableCount(), 1);
    auto *map = qobject_cast<QCPColorMap *>(plot->plottable(0));
    QVERIFY(map);
    QCOMPARE(map->data()->keySize(), fx::kCols);
    QCOMPARE(map->data()->valueSize(), fx::kRows);
    QCOMPARE(map->data()->cell(5, 7), 705.0);
    QCOMPARE(map->data()->keyRange().upper, double(fx::kCols - 1));
    QCOMPARE(map->data()->valueRange().upper, 2.0 * (fx::kRows - 1)); // the y axis' values
    QVERIFY2(plot->xAxis->label().contains(QStringLiteral("pixel")), qPrintable(plot->xAxis->label()));
    QVERIFY2(plot->yAxis->label().contains(QStringLiteral("um")), qPrintable(plot->yAxis->label()));
}

void TestNexusViewer::cubeShowsLastTwoDimensionsAtIndexZero()
{
    QWidget *w = view(QStringLiteral("/entry/cube"));
    QCustomPlot *plot = plotOf(w);
    QTRY_COMPARE(plot->plottableCount(), 1);
    auto *map = qobject_cast<QCPColorMap *>(plot->plottable(0));
    QVERIFY(map);
    QCOMPARE(map->data()->keySize(), fx::kCols);
    QCOMPARE(map->data()->valueSize(), fx::kRows);
    QCOMPARE(map->data()->cell(5, 7), 705.0); // [0, 7, 5]
    QVERIFY2(labelText(w, "nexusStatus").contains(QStringLiteral("[0, :, :]")), qPrintable(labelText(w, "nexusStatus")));
    QVERIFY(plot->xAxis->label().contains(QStringLiteral("index"))); // no axis datasets
}

void TestNexusViewer::legacySignalAndAxes()
{
    QWidget *w = view(QStringLiteral("/entry/legacy"));
    QCustomPlot *plot = plotOf(w);
    QTRY_COMPARE(plot->graphCount(), 1);
    QCOMPARE(plot->graph(0)->dataCount(), 10);
    QCOMPARE(plot->graph(0)->data()->at(4)->value, 8.0);
    QCOMPARE(plot->xAxis->label(), QStringLiteral("t (s)"));
    QCOMPARE(plot->plottableCount(), 1); // no errors dataset: no error bars
}

void TestNexusViewer::largeSignalIsReadStrided()
{
    QWidget *w = view(QStringLiteral("/entry/big"));
    QCustomPlot *plot = plotOf(w);
    QTRY_COMPARE(plot->graphCount(), 1);
    const int n = plot->graph(0)->dataCount();
    QVERIFY2(n <= 4096 && n >= 4096 / 2, qPrintable(QString::number(n)));
    const int stride = (fx::kBigN + 4095) / 4096;
    QCOMPARE(n, (fx::kBigN - 1) / stride + 1);
    QCOMPARE(plot->graph(0)->data()->at(10)->key, double(10 * stride));
    QCOMPARE(plot->graph(0)->data()->at(10)->value, double((10 * stride) % 100));
    QVERIFY(labelText(w, "nexusStatus").contains(QStringLiteral("every 3rd")));
}

void TestNexusViewer::largeImageIsReadStrided()
{
    QWidget *w = view(QStringLiteral("/entry/wide"));
    QCustomPlot *plot = plotOf(w);
    QTRY_COMPARE_WITH_TIMEOUT(plot->plottableCount(), 1, 10000);
    auto *map = qobject_cast<QCPColorMap *>(plot->plottable(0));
    QVERIFY(map);
    // 1500 rows: every 2nd (750); 2500 columns: every 3rd (834).
    QCOMPARE(map->data()->valueSize(), 750);
    QCOMPARE(map->data()->keySize(), 834);
    QCOMPARE(map->data()->cell(10, 20), double(20 * 2 + 10 * 3));
    QCOMPARE(map->data()->keyRange().upper, double(833 * 3));
    QVERIFY(labelText(w, "nexusStatus").contains(QStringLiteral("every 3rd value along dimension 1")));
}

void TestNexusViewer::defaultChainLeadsOverviewToPlot()
{
    ui::ObjectOverview overview;
    auto summary = core::HierarchyReader(m_h5).summarize(QStringLiteral("/"));
    QVERIFY(summary.ok());
    overview.setSummary(*summary, QStringLiteral("nexus.h5"), m_h5);
    QTRY_VERIFY(overview.groupView());
    QCustomPlot *plot = plotOf(overview.groupView());
    QTRY_COMPARE(plot->graphCount(), 1);
    QCOMPARE(plot->graph(0)->dataCount(), fx::kLineN);
    QCOMPARE(labelText(overview.groupView(), "nexusTitle"), QString::fromLatin1(fx::kTitle));

    // Another object: the view goes.
    auto plain = core::HierarchyReader(m_h5).summarize(QStringLiteral("/plain"));
    QVERIFY(plain.ok());
    overview.setSummary(*plain, QStringLiteral("nexus.h5"), m_h5);
    QVERIFY(!overview.groupView());
}

void TestNexusViewer::otherGroupSaysWhy()
{
    QWidget *w = view(QStringLiteral("/plain"));
    QTRY_VERIFY(labelText(w, "nexusStatus").contains(QStringLiteral("not a NeXus NXdata group")));
    QVERIFY(plotOf(w)->isHidden());
}

QTEST_MAIN(TestNexusViewer)
#include "tst_nexusviewer.moc"
