// LinePlotView: what each type draws, the decimation against the core's,
// refining on zoom, the dimension-scale axis, gaps, the read-out and clicks.

#include "plot/lineplotview.h"
#include "plotfixture.h"

#include "plot/decimator.h"
#include "hdf5/librarylock.h"
#include "plot/plotsource.h"
#include "services/h5file.h"

#include <qcustomplot.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <hdf5.h>
#include <hdf5_hl.h>

#include <cmath>
#include <ctime>

using namespace hs;
using namespace hs::core;
using hs::ui::LinePlotView;

namespace {
Selection all(const H5FilePtr &file, const QString &path)
{
    Q_UNUSED(file);
    Q_UNUSED(path);
    return {};
}

std::vector<double> values(QCPGraph *g)
{
    std::vector<double> out;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        out.push_back(it->value);
    return out;
}

void compareDecimations(const Decimation &a, const Decimation &b)
{
    QCOMPARE(a.first, b.first);
    QCOMPARE(a.last, b.last);
    QCOMPARE(a.isPoints, b.isPoints);
    QCOMPARE(a.columns.size(), b.columns.size());
    for (size_t c = 0; c < a.columns.size(); ++c) {
        QCOMPARE(a.columns[c].first, b.columns[c].first);
        QCOMPARE(a.columns[c].count, b.columns[c].count);
        QCOMPARE(a.columns[c].min, b.columns[c].min);
        QCOMPARE(a.columns[c].max, b.columns[c].max);
    }
}
} // namespace

class TestLinePlotView : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_path;
    H5FilePtr m_file;
    std::unique_ptr<LinePlotView> m_view;

    Selection whole(const QString &path)
    {
        auto reader = DatasetReader::open(m_file, path);
        if (!reader)
            return {};
        return Selection::all(reader.value()->shape().dims);
    }
    void show(const QString &path, Selection sel = {})
    {
        if (sel.dims().empty())
            sel = whole(path);
        m_view->setSource(m_file, path, sel);
        QVERIFY(m_view->waitUntilComplete());
    }
    QCPGraph *series(int i) const
    {
        // Graph 0 is the marks graph; the series follow.
        return m_view->plot()->graph(i + 1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("plot.h5"));
        test::writePlotFixture(m_path);
        if (!qEnvironmentVariableIsEmpty("HS_PLOT_DEMO_FILE"))
            test::writePlotFixture(qEnvironmentVariable("HS_PLOT_DEMO_FILE"));
        m_file = H5File::open(m_path).value();
        (void)&all;
    }
    void init()
    {
        m_view = std::make_unique<LinePlotView>();
        m_view->resize(900, 500);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }
    void cleanup() { m_view.reset(); }

    void decimatedSeriesEqualsCoreDecimator()
    {
        show(QStringLiteral("/long"));
        auto base = m_view->baseDecimation(0);
        QVERIFY(base);
        QVERIFY(!base->isPoints);
        QCOMPARE(base->readUpTo, quint64(300000));
        auto source = PlotSource::open(m_file, QStringLiteral("/long"), whole(QStringLiteral("/long")));
        QVERIFY(source.ok());
        auto dec = Decimator::create(source.value(), 0, 300000, base->width);
        QVERIFY(dec.ok());
        QVERIFY(dec.value()->run().ok());
        auto expected = dec.value()->takeOutput();
        compareDecimations(*base, *expected);
        // Drawn: first, min, max, last of every column.
        const auto drawn = values(series(0));
        QCOMPARE(drawn.size(), expected->columns.size() * 4);
        QCOMPARE(drawn[1], expected->columns[0].min);
        QCOMPARE(drawn[2], expected->columns[0].max);
        QVERIFY(m_view->statisticsText().contains(QStringLiteral("n 300000")));
    }

    void denseEnvelopesAreDrawnSegmentBySegment()
    {
        // Every partial result replots. A decimated envelope (a min/max stroke
        // per pixel column) drawn as one joined polyline with a 1.3 px pen took
        // 1.7 s of GUI time per replot; segment by segment it takes ~12 ms
        // (timings: bench/plotwindowbench, "Plots in the window" in RESULTS.md).
        show(QStringLiteral("/long"));
        QVERIFY(m_view->baseDecimation(0) && !m_view->baseDecimation(0)->isPoints);
        QVERIFY(m_view->plot()->plottingHints().testFlag(QCP::phFastPolylines));
    }

    void zoomReadsTheRangeAgain()
    {
        show(QStringLiteral("/long"));
        const auto base = m_view->baseDecimation(0);
        m_view->plot()->xAxis->setRange(100000, 101000);
        QTRY_VERIFY(m_view->refinedDecimation(0) && m_view->isComplete());
        auto refined = m_view->refinedDecimation(0);
        QVERIFY(refined->first <= 100000 && refined->last >= 101000 && refined->last - refined->first < 1100);
        // A thousand points on a wide plot: every point, read from the file.
        QVERIFY(refined->isPoints);
        auto source = PlotSource::open(m_file, QStringLiteral("/long"), whole(QStringLiteral("/long")));
        auto dec = Decimator::create(source.value(), refined->first, refined->last, refined->width);
        QVERIFY(dec.value()->run().ok());
        auto expected = dec.value()->takeOutput();
        QCOMPARE(refined->points.size(), expected->points.size());
        for (size_t i = 0; i < expected->points.size(); ++i)
            QCOMPARE(refined->points[i], expected->points[i]);
        // Reset: the whole range again.
        m_view->resetZoom();
        QVERIFY(!m_view->refinedDecimation(0));
        QCOMPARE(m_view->plot()->xAxis->range().lower, 0.0);
        Q_UNUSED(base);
    }

    void dimensionScaleLabelsTheAxis()
    {
        show(QStringLiteral("/series"));
        QCOMPARE(m_view->xLabel(), QStringLiteral("time (s)"));
        QCOMPARE(m_view->plot()->yAxis->label(), QStringLiteral("series (V)"));
        // Keys are scale values (t = 0.5 i): the last one is at most 2499.5, the first 0.
        QCPGraph *g = series(0);
        QCOMPARE(g->data()->constBegin()->key, 0.0);
        const double lastKey = (g->data()->constEnd() - 1)->key;
        QVERIFY2(lastKey > 2400 && lastKey <= 2499.5, qPrintable(QString::number(lastKey)));
        // Without a scale: the index, and the dimension says which.
        show(QStringLiteral("/u8"));
        QCOMPARE(m_view->xLabel(), QStringLiteral("index (dim 0)"));
    }


    // A scale that takes longer to read than its series (gzip, small chunks
    // against a contiguous series): the axis still fits the scale's values once
    // both are in, not the index range the series was first drawn against.
    void slowScaleStillFitsTheAxis()
    {
        const QString path = m_dir.filePath(QStringLiteral("slowscale.h5"));
        constexpr hsize_t n = 1000000;
        {
            LibraryLock lock;
            const hid_t f = H5Fcreate(path.toLocal8Bit().constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            QVERIFY(f >= 0);
            const hid_t space = H5Screate_simple(1, &n, nullptr);
            std::vector<double> v(n), t(n);
            for (hsize_t i = 0; i < n; ++i) {
                v[i] = std::sin(double(i) * 1e-4);
                t[i] = double(i) * 0.001;
            }
            const hid_t series = H5Dcreate2(f, "series", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            H5Dwrite(series, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
            const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
            const hsize_t chunk = 64;
            H5Pset_chunk(dcpl, 1, &chunk);
            H5Pset_deflate(dcpl, 9);
            const hid_t time = H5Dcreate2(f, "time", H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
            H5Dwrite(time, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, t.data());
            QVERIFY(H5DSset_scale(time, "time") >= 0);
            QVERIFY(H5DSattach_scale(series, time, 0) >= 0);
            H5Pclose(dcpl);
            H5Dclose(time);
            H5Dclose(series);
            H5Sclose(space);
            H5Fclose(f);
        }
        auto file = H5File::open(path);
        QVERIFY(file);
        m_view->setSource(file.value(), QStringLiteral("/series"), Selection::all({n}));
        QVERIFY(m_view->waitUntilComplete());
        QCOMPARE(m_view->xLabel(), QStringLiteral("time"));
        const QCPRange x = m_view->plot()->xAxis->range();
        QVERIFY2(x.lower >= -1 && x.upper < 1001 && x.upper > 990,
                 qPrintable(QStringLiteral("%1 .. %2").arg(x.lower).arg(x.upper)));
        m_view.reset();
    }


    // NaN/Inf at the ends of a series are gaps the axis still shows: the x
    // range is the whole slice, not only its finite part.
    void gapsAtTheEndsKeepTheWholeRange()
    {
        const QString path = m_dir.filePath(QStringLiteral("endgaps.h5"));
        {
            LibraryLock lock;
            const hid_t f = H5Fcreate(path.toLocal8Bit().constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            const hsize_t n = 20;
            const hid_t space = H5Screate_simple(1, &n, nullptr);
            std::vector<double> v(n);
            for (hsize_t i = 0; i < n; ++i)
                v[i] = i < 5 ? std::nan("") : i >= 15 ? HUGE_VAL : double(i);
            const hid_t d = H5Dcreate2(f, "gaps", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
            H5Dclose(d);
            H5Sclose(space);
            H5Fclose(f);
        }
        auto file = H5File::open(path);
        QVERIFY(file);
        m_view->setSource(file.value(), QStringLiteral("/gaps"), Selection::all({20}));
        QVERIFY(m_view->waitUntilComplete());
        const QCPRange x = m_view->plot()->xAxis->range();
        QVERIFY2(x.lower <= 0 && x.upper >= 19, qPrintable(QStringLiteral("%1 .. %2").arg(x.lower).arg(x.upper)));
        m_view.reset();
    }

    void missingValuesAreGaps()
    {
        show(QStringLiteral("/filled"));
        const auto v = values(series(0));
        QCOMPARE(v.size(), size_t(20));
        for (int i : {3, 4, 5})
            QVERIFY2(std::isnan(v[size_t(i)]), qPrintable(QString::number(i)));
        QCOMPARE(v[6], 6.0);
        QVERIFY2(m_view->statisticsText().contains(QStringLiteral("fill 3")), qPrintable(m_view->statisticsText()));
        // NaNs in a decimated series: the columns inside the NaN run are gaps.
        show(QStringLiteral("/series"));
        const auto s = values(series(0));
        QVERIFY(std::any_of(s.begin(), s.end(), [](double x) { return std::isnan(x); }));
        QVERIFY(m_view->statisticsText().contains(QStringLiteral("NaN 10")));
    }

    void typeMapping_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("seriesCount");
        QTest::addColumn<int>("index");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("name");
        QTest::newRow("uint8") << "/u8" << 1 << 200 << 200.0 << "u8";
        QTest::newRow("int16") << "/i16" << 1 << 7 << -7.0 << "i16";
        QTest::newRow("enum") << "/flags" << 1 << 2 << 1.0 << "flags";
        QTest::newRow("complex magnitude") << "/cplx" << 1 << 3 << std::sqrt(45.0) << "cplx";
        QTest::newRow("compound field a") << "/cmpd" << 2 << 4 << 4.0 << "a";
        QTest::newRow("float64") << "/series" << 1 << 0 << 0.0 << "series";
    }
    void typeMapping()
    {
        QFETCH(QString, path);
        QFETCH(int, seriesCount);
        QFETCH(int, index);
        QFETCH(double, value);
        QFETCH(QString, name);
        show(path);
        QVERIFY2(m_view->message().isEmpty(), qPrintable(m_view->message()));
        QCOMPARE(m_view->seriesCount(), seriesCount);
        QCOMPARE(series(0)->name(), name);
        auto base = m_view->baseDecimation(0);
        if (base->isPoints) {
            QCOMPARE(base->points[size_t(index)], value);
            QCOMPARE(values(series(0))[size_t(index)], value);
        } else {
            QCOMPARE(base->columns[0].firstValue, value);
        }
        if (seriesCount == 2) {
            QCOMPARE(series(1)->name(), QStringLiteral("b"));
            QCOMPARE(m_view->baseDecimation(1)->points[4], 2.0);
            QVERIFY(m_view->plot()->legend->visible());
        }
    }

    void complexParts()
    {
        show(QStringLiteral("/cplx"));
        QVERIFY(m_view->isComplex());
        m_view->setComplexPart(ComplexPart::Real);
        QVERIFY(m_view->waitUntilComplete());
        QCOMPARE(m_view->baseDecimation(0)->points[3], 3.0);
        m_view->setComplexPart(ComplexPart::Imaginary);
        QVERIFY(m_view->waitUntilComplete());
        QCOMPARE(m_view->baseDecimation(0)->points[3], 6.0);
        QVERIFY(m_view->plot()->yAxis->label().contains(QStringLiteral("imaginary")));
    }

    void notPlottableSaysSo()
    {
        show(QStringLiteral("/text"));
        QVERIFY2(m_view->message().startsWith(QStringLiteral("Not plottable")), qPrintable(m_view->message()));
        QVERIFY(m_view->findChild<QLabel *>(QStringLiteral("plotMessage"))->isVisible());
        // A selection with nothing in it says so instead of waiting forever.
        show(QStringLiteral("/u8"), Selection::parse(QStringLiteral("[5:5]"), {300}).value());
        QVERIFY2(m_view->message().contains(QStringLiteral("no elements")), qPrintable(m_view->message()));
    }

    void rowsOfATwoDSliceAreSeries()
    {
        auto sel = Selection::parse(QStringLiteral("[:, 2:5]"), {40, 60});
        show(QStringLiteral("/grid2d"), sel.value());
        QCOMPARE(m_view->seriesCount(), 3);
        QCOMPARE(series(1)->name(), QStringLiteral("dim 1 = 3"));
        QCOMPARE(m_view->baseDecimation(1)->points[7], 703.0);
    }

    void readoutAndClick()
    {
        auto sel = Selection::parse(QStringLiteral("[7, :]"), {40, 60});
        show(QStringLiteral("/grid2d"), sel.value());
        QCustomPlot *p = m_view->plot();
        p->replot();
        const QPoint at(int(p->xAxis->coordToPixel(25)), int(p->yAxis->coordToPixel(725)));
        // The offscreen platform moves no cursor: the event the window system would send.
        QMouseEvent move(QEvent::MouseMove, QPointF(at), QPointF(p->mapToGlobal(at)), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(p, &move);
        QTRY_VERIFY2(m_view->readoutText().contains(QStringLiteral("[7, 25] = 725")), qPrintable(m_view->readoutText()));
        QSignalSpy clicked(m_view.get(), &LinePlotView::cellClicked);
        QTest::mouseClick(p, Qt::LeftButton, {}, at);
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked.at(0).at(0).value<std::vector<quint64>>(), (std::vector<quint64>{7, 25}));
    }

    void gridSelectionIsMarked()
    {
        auto sel = Selection::parse(QStringLiteral("[7, :]"), {40, 60});
        show(QStringLiteral("/grid2d"), sel.value());
        QCOMPARE(m_view->markedCount(), 0);
        m_view->markCells(Selection::parse(QStringLiteral("[5:9, 10:13]"), {40, 60}).value());
        QCOMPARE(m_view->markedCount(), 3);
        // A selection in other rows marks nothing on this one.
        m_view->markCells(Selection::parse(QStringLiteral("[8:9, 10:13]"), {40, 60}).value());
        QCOMPARE(m_view->markedCount(), 0);
    }
};

QTEST_MAIN(TestLinePlotView)
#include "tst_lineplotview.moc"
