// PlotPanel in a dataset tab: it follows the grid's slice and the grid
// follows it (sliders, clicks), slider drags drop stale reads, grid
// selections are marked, Play steps, and an edit of the values redraws.

#include "hdf5/librarylock.h"
#include "plot/imageplotview.h"
#include "plot/lineplotview.h"
#include "plot/plotpanel.h"
#include "plot/slicestate.h"
#include "plotfixture.h"

#include "datagridview.h"
#include "datasetpanel.h"
#include "edit/setvaluesoperation.h"
#include "services/datasetreader.h"
#include "services/h5file.h"
#include "session/filesession.h"
#include "slicecontrols.h"

#include <qcustomplot.h>

#include <hdf5.h>
#include <hdf5_hl.h>

#include <QClipboard>
#include <QLabel>
#include <QToolButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace hs;
using namespace hs::core;
using hs::ui::LinePlotView;
using hs::ui::PlotPanel;
using hs::ui::SliceState;

class TestPlotPanel : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_path;
    H5FilePtr m_file;

    static Selection parse(const QString &text, const std::vector<quint64> &shape) { return Selection::parse(text, shape).value(); }
    static double firstValue(LinePlotView *v)
    {
        auto d = v->baseDecimation(0);
        return d->isPoints ? d->points.front() : d->columns.front().firstValue;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("plot.h5"));
        test::writePlotFixture(m_path);
        m_file = H5File::open(m_path).value();
    }

    void followsTheSliceBothWays()
    {
        SliceState state;
        state.setView(parse(QStringLiteral("[0, :, :]"), {10, 50, 80}), false);
        PlotPanel panel(&state, m_file, QStringLiteral("/cube"));
        panel.resize(900, 600);
        panel.show();
        // A 2-D view is drawn as an image by default; its row as a line on request.
        QCOMPARE(panel.mode(), PlotPanel::Mode::Image);
        panel.setMode(PlotPanel::Mode::Row);
        QCOMPARE(panel.lineSelection().toText(), QStringLiteral("[0, 0, :]"));
        QVERIFY(panel.lineView()->waitUntilComplete());
        QCOMPARE(firstValue(panel.lineView()), 0.0);
        // The grid's controls move: the plot follows, its slider too.
        state.setFixedIndex(0, 4);
        QCOMPARE(panel.lineView()->slice().toText(), QStringLiteral("[4, 0, :]"));
        QCOMPARE(panel.sliderFor(0)->value(), 4);
        state.setCurrentCell(12, 3);
        QCOMPARE(panel.lineView()->slice().toText(), QStringLiteral("[4, 12, :]"));
        QCOMPARE(panel.sliderFor(1)->value(), 12);
        QVERIFY(panel.lineView()->waitUntilComplete());
        QCOMPARE(firstValue(panel.lineView()), 41200.0);
        // The plot's sliders move: the shared state (and so the grid) follows.
        panel.sliderFor(0)->setValue(7);
        QCOMPARE(state.selection().dims()[0].start, quint64(7));
        panel.spinFor(1)->setValue(20);
        QCOMPARE(state.currentRow(), quint64(20));
        QCOMPARE(panel.lineView()->slice().toText(), QStringLiteral("[7, 20, :]"));
        // Column mode: the line runs down dimension 1.
        panel.setMode(PlotPanel::Mode::Column);
        QCOMPARE(panel.lineSelection().toText(), QStringLiteral("[7, :, 3]"));
        QVERIFY(panel.sliderFor(2));
    }

    void sliderDragDropsStaleReads()
    {
        SliceState state;
        state.setView(parse(QStringLiteral("[0, :, :]"), {10, 50, 80}), false);
        PlotPanel panel(&state, m_file, QStringLiteral("/cube"));
        panel.resize(900, 600);
        panel.show();
        panel.setMode(PlotPanel::Mode::Row); // a 2-D view is an image by default
        QVERIFY(panel.lineView()->waitUntilComplete());
        std::vector<quint64> drawnAt;
        connect(panel.lineView(), &LinePlotView::drawn, this, [&](const Selection &s) { drawnAt.push_back(s.dims()[0].start); });
        // A drag: nine positions before the event loop runs once.
        for (int t = 1; t <= 9; ++t)
            panel.sliderFor(0)->setValue(t);
        QVERIFY(panel.lineView()->waitUntilComplete());
        QVERIFY(!drawnAt.empty());
        // Only the last position was read and drawn; the reads for 1..8 were dropped.
        for (quint64 t : drawnAt)
            QCOMPARE(t, quint64(9));
        QCOMPARE(firstValue(panel.lineView()), 90000.0);
        QCOMPARE(panel.lineView()->plot()->graph(1)->data()->constBegin()->value, 90000.0);
    }

    void playStepsADimension()
    {
        SliceState state;
        state.setView(parse(QStringLiteral("[0, :, :]"), {10, 50, 80}), false);
        PlotPanel panel(&state, m_file, QStringLiteral("/cube"));
        panel.show();
        panel.setPlaying(true, 0);
        QVERIFY(panel.isPlaying());
        QTRY_VERIFY(state.selection().dims()[0].start >= 3);
        panel.setPlaying(false);
        QVERIFY(!panel.isPlaying());
    }

    void gridAndPlotSelectEachOther()
    {
        auto reader = DatasetReader::open(m_file, QStringLiteral("/grid2d")).value();
        ui::DatasetPanel tab(reader, QStringLiteral("plot.h5"));
        tab.resize(1200, 700);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QVERIFY(tab.canPlot());
        tab.setPlotVisible(true);
        PlotPanel *panel = tab.plotPanel();
        QVERIFY(panel && panel->isVisible());
        panel->setMode(PlotPanel::Mode::Row); // a 2-D view is an image by default
        tab.grid()->setCurrentCell(5, 0);
        QCOMPARE(panel->lineView()->slice().toText(), QStringLiteral("[5, :]"));
        QVERIFY(panel->lineView()->waitUntilComplete());
        // Plot → grid: a click on the point of column 10 makes that cell current.
        QCustomPlot *p = panel->lineView()->plot();
        p->replot();
        const QPoint at(int(p->xAxis->coordToPixel(10)), int(p->yAxis->coordToPixel(510)));
        QTest::mouseClick(p, Qt::LeftButton, {}, at);
        QCOMPARE(tab.grid()->currentRow(), quint64(5));
        QCOMPARE(tab.grid()->currentColumn(), quint64(10));
        // Grid → plot: the selected cells of this row are marked.
        tab.grid()->setSelectedRanges({ui::CellRange{5, 2, 6, 4}});
        QCOMPARE(panel->lineView()->markedCount(), 3);
        // Selected columns as series.
        panel->setMode(PlotPanel::Mode::SelectedColumns);
        QVERIFY(panel->lineView()->waitUntilComplete());
        QCOMPARE(panel->lineView()->seriesCount(), 3);
        QCOMPARE(panel->lineView()->baseDecimation(2)->points[1], 104.0);
        // Ctrl+P in the grid hides it again, and shows it.
        tab.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&tab));
        tab.grid()->setFocus();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_P, Qt::ControlModifier);
        QVERIFY(!tab.isPlotVisible());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_P, Qt::ControlModifier);
        QVERIFY(tab.isPlotVisible());
    }


    // The image drawn in the tab by default links to the grid as the lines do:
    // a click on a pixel makes that cell current, a grid selection is marked.
    void gridAndImageSelectEachOther()
    {
        auto reader = DatasetReader::open(m_file, QStringLiteral("/grid2d")).value();
        ui::DatasetPanel tab(reader, QStringLiteral("plot.h5"));
        tab.resize(1200, 700);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        tab.setPlotVisible(true);
        PlotPanel *panel = tab.plotPanel();
        QCOMPARE(panel->mode(), PlotPanel::Mode::Image);
        auto *image = qobject_cast<ui::ImagePlotView *>(panel->imageView());
        QVERIFY(image && image->isVisible());
        QVERIFY(image->waitUntilComplete());
        // Image → grid.
        QCustomPlot *p = image->plot();
        p->replot();
        const QPoint at(int(p->xAxis->coordToPixel(10)), int(p->yAxis->coordToPixel(5)));
        QSignalSpy clicked(image, &ui::ImagePlotView::cellClicked);
        QTest::mouseClick(p, Qt::LeftButton, {}, at);
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(tab.grid()->currentRow(), quint64(5));
        QCOMPARE(tab.grid()->currentColumn(), quint64(10));
        // Grid → image: the selection is marked by a rectangle.
        auto markShown = [p] {
            for (int i = 0; i < p->itemCount(); ++i)
                if (auto *r = qobject_cast<QCPItemRect *>(p->item(i)); r && r->visible())
                    return true;
            return false;
        };
        tab.grid()->setSelectedRanges({ui::CellRange{5, 2, 6, 4}});
        QVERIFY(markShown());
    }

    // The read-out under the image (long with dimension-scale names and units)
    // never widens the plot at the grid's expense.
    void imageReadoutKeepsTheGridsWidth()
    {
        const QString path = m_dir.filePath(QStringLiteral("scaledmap.h5"));
        {
            LibraryLock lock;
            const hid_t f = H5Fcreate(path.toLocal8Bit().constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            const hsize_t dims[2] = {40, 60};
            const hid_t space = H5Screate_simple(2, dims, nullptr);
            std::vector<double> v(40 * 60);
            for (size_t i = 0; i < v.size(); ++i)
                v[i] = double(i);
            const hid_t map = H5Dcreate2(f, "map", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            H5Dwrite(map, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
            const char *names[2] = {"vertical_position_of_the_sample_stage", "horizontal_position_of_the_sample_stage"};
            for (unsigned d = 0; d < 2; ++d) {
                const hid_t s = H5Screate_simple(1, &dims[d], nullptr);
                const hid_t scale = H5Dcreate2(f, names[d], H5T_IEEE_F64LE, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
                std::vector<double> x(dims[d]);
                for (size_t i = 0; i < x.size(); ++i)
                    x[i] = 1000.123456 + double(i) / 3.0;
                H5Dwrite(scale, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, x.data());
                H5DSset_scale(scale, names[d]);
                H5DSattach_scale(map, scale, d);
                H5LTset_attribute_string(f, names[d], "units", "micrometres");
                H5Dclose(scale);
                H5Sclose(s);
            }
            H5Dclose(map);
            H5Sclose(space);
            H5Fclose(f);
        }
        auto file = H5File::open(path).value();
        auto reader = DatasetReader::open(file, QStringLiteral("/map")).value();
        ui::DatasetPanel tab(reader, QStringLiteral("scaledmap.h5"));
        tab.resize(1200, 700);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        tab.setPlotVisible(true);
        auto *image = qobject_cast<ui::ImagePlotView *>(tab.plotPanel()->imageView());
        QVERIFY(image && image->waitUntilComplete());
        QApplication::processEvents();
        const int gridWidth = tab.grid()->width();
        const int minimum = image->minimumSizeHint().width();
        QCustomPlot *p = image->plot();
        QTest::mouseMove(p, QPoint(int(p->xAxis->coordToPixel(37)), int(p->yAxis->coordToPixel(33))));
        QTRY_VERIFY(!image->readoutText().isEmpty());
        QVERIFY2(image->readoutText().size() > 100, qPrintable(image->readoutText()));
        // Layout requests travel up one parent per pass.
        for (int i = 0; i < 8; ++i)
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCOMPARE(image->minimumSizeHint().width(), minimum);
        QCOMPARE(tab.grid()->width(), gridWidth);
    }


    // Lines can be saved and copied from the window too (the image view has its own buttons).
    void linesCanBeCopiedAndSaved()
    {
        SliceState state;
        state.setView(Selection::all({300}), false);
        PlotPanel panel(&state, m_file, QStringLiteral("/u8"));
        panel.resize(800, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.lineView()->waitUntilComplete());
        auto *save = panel.findChild<QToolButton *>(QStringLiteral("plotSave"));
        auto *copy = panel.findChild<QToolButton *>(QStringLiteral("plotCopy"));
        QVERIFY(save && save->isVisible());
        QVERIFY(copy && copy->isVisible());
        QApplication::clipboard()->clear();
        copy->click();
        const QImage picture = QApplication::clipboard()->image();
        QVERIFY(!picture.isNull());
        QCOMPARE(picture.size(), panel.lineView()->plot()->size());
    }


    // Beside the grid of a tab of ordinary width, the image keeps to its share:
    // its option bar does not make the grid a column wide.
    void imageLeavesTheGridItsShare()
    {
        auto reader = DatasetReader::open(m_file, QStringLiteral("/grid2d")).value();
        ui::DatasetPanel tab(reader, QStringLiteral("plot.h5"));
        tab.resize(900, 700);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        tab.setPlotVisible(true);
        QCOMPARE(tab.plotPanel()->mode(), PlotPanel::Mode::Image);
        for (int i = 0; i < 8; ++i)
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QVERIFY2(tab.grid()->width() >= tab.width() * 35 / 100,
                 qPrintable(QStringLiteral("grid %1 of %2; plot minimum %3")
                                .arg(tab.grid()->width())
                                .arg(tab.width())
                                .arg(tab.plotPanel()->minimumSizeHint().width())));
    }

    void gridSliceControlsMoveThePlot()
    {
        auto reader = DatasetReader::open(m_file, QStringLiteral("/cube")).value();
        ui::DatasetPanel tab(reader, QStringLiteral("plot.h5"));
        tab.show();
        tab.setPlotVisible(true);
        PlotPanel *panel = tab.plotPanel();
        // A 2-D view is drawn as an image by default; the row's line is what this follows.
        panel->setMode(PlotPanel::Mode::Row);
        tab.sliceControls()->setFixedIndex(0, 6);
        QCOMPARE(panel->lineView()->slice().dims()[0].start, quint64(6));
        panel->sliderFor(1)->setValue(12);
        QCOMPARE(tab.grid()->currentRow(), quint64(12));
        panel->sliderFor(0)->setValue(2);
        QCOMPARE(tab.sliceControls()->selection().dims()[0].start, quint64(2));
        // Another slice of the same shape keeps the grid's place, so the plot stays on its row.
        QCOMPARE(tab.grid()->currentRow(), quint64(12));
        QCOMPARE(panel->lineView()->slice().toText(), QStringLiteral("[2, 12, :]"));
        QCOMPARE(tab.model() != nullptr, true);
    }

    void imageViewHookShowsTwoDSlices()
    {
        // What the image view (issue 10's other half) is handed: the grid's 2-D view.
        QLabel *made = nullptr;
        Selection shown;
        PlotPanel::setImageView([&made] { return made = new QLabel(QStringLiteral("image")); },
                                [&shown](QWidget *, const H5FilePtr &, const QString &, const Selection &s) { shown = s; });
        SliceState state;
        state.setView(parse(QStringLiteral("[3, :, :]"), {10, 50, 80}), false);
        {
            PlotPanel panel(&state, m_file, QStringLiteral("/cube"));
            panel.show();
            QCOMPARE(panel.mode(), PlotPanel::Mode::Image);
            QVERIFY(made && made->isVisible());
            QVERIFY(!panel.lineView()->isVisible());
            QCOMPARE(shown.toText(), QStringLiteral("[3, :, :]"));
            panel.sliderFor(0)->setValue(5);
            QCOMPARE(shown.toText(), QStringLiteral("[5, :, :]"));
            // Lines of the same view are a choice away.
            panel.setMode(PlotPanel::Mode::Row);
            QVERIFY(!made->isVisible());
            QVERIFY(panel.lineView()->isVisible());
        }
        PlotPanel::setImageView({}, {});
    }

    void redrawsAfterAValueEdit()
    {
        const QString path = m_dir.filePath(QStringLiteral("edit.h5"));
        test::writePlotFixture(path);
        auto file = H5File::open(path, H5File::Mode::ReadWrite).value();
        FileSession session(file);
        SliceState state;
        state.setView(Selection::all({300}), false);
        PlotPanel panel(&state, file, QStringLiteral("/u8"));
        panel.show();
        QVERIFY(panel.lineView()->waitUntilComplete());
        QCOMPARE(panel.lineView()->baseDecimation(0)->points[5], 5.0);
        ValueBox box;
        box.start = {5};
        box.count = {1};
        auto op = std::make_shared<SetValuesOperation>(QStringLiteral("/u8"), box, 1, std::vector<unsigned char>{99},
                                                       std::vector<char>{}, nullptr, QStringLiteral("Set value"));
        Status result = Error{};
        bool done = false;
        session.submit(op, FileSession::Direction::Apply, [&](const Status &s) {
            result = s;
            done = true;
        });
        QTRY_VERIFY(done);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QTRY_COMPARE(panel.lineView()->isComplete() ? panel.lineView()->baseDecimation(0)->points[5] : -1.0, 99.0);
        QVERIFY(panel.lineView()->waitUntilComplete());
        QVERIFY2(panel.lineView()->statisticsText().contains(QStringLiteral("max 255")), qPrintable(panel.lineView()->statisticsText()));
        // An edit outside what is plotted reads nothing again.
        state.setView(Selection::parse(QStringLiteral("[0:100]"), {300}).value(), false);
        QVERIFY(panel.lineView()->waitUntilComplete());
        const quint64 generation = panel.lineView()->generation();
        QSignalSpy changed(&session, &FileSession::valuesChanged);
        ValueBox outside;
        outside.start = {200};
        outside.count = {1};
        session.submit(std::make_shared<SetValuesOperation>(QStringLiteral("/u8"), outside, 1, std::vector<unsigned char>{7},
                                                            std::vector<char>{}, nullptr, QStringLiteral("Set value")),
                       FileSession::Direction::Apply);
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(panel.lineView()->generation(), generation);
    }
};

QTEST_MAIN(TestPlotPanel)
#include "tst_plotpanel.moc"
