// ImagePlotView: what is drawn, checked at known pixels of the fixture images
// (colour map and range logic as drawn, gaps, log scales, percentile
// clipping, reduction and refinement, H5IM palette and RGB images), and the
// link to the grid (cellClicked, markCells).

#include "imagefixture.h"
#include "plot/imageplotview.h"
#include "plot/rgbreduction.h"
#include "services/h5file.h"
#include "session/filesession.h"

#include <qcustomplot.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hs;
using namespace hs::plottest;

namespace {

bool near(QColor a, QColor b, int tolerance = 6)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
           && std::abs(a.blue() - b.blue()) <= tolerance;
}

QString describe(QColor got, QColor expected)
{
    return QStringLiteral("got %1, expected %2").arg(got.name(), expected.name());
}

} // namespace

class TestImagePlotView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_fileName;
    core::H5FilePtr m_file;

    std::unique_ptr<ui::ImagePlotView> show(const QString &path, const QString &select = {})
    {
        auto view = std::make_unique<ui::ImagePlotView>();
        view->resize(900, 650);
        view->show();
        const std::vector<quint64> shape = core::DatasetReader::open(m_file, path).value()->shape().dims;
        const core::Selection sel = select.isEmpty() ? core::Selection::all(shape) : core::Selection::parse(select, shape).value();
        view->setSource(m_file, path, sel);
        return view;
    }
    // The colour drawn at cell (row, col) of the image.
    static QColor colorAt(ui::ImagePlotView &view, double row, double col)
    {
        QCustomPlot *p = view.plot();
        p->replot();
        const QImage img = p->toPixmap().toImage();
        const int x = int(std::lround(p->xAxis->coordToPixel(col)));
        const int y = int(std::lround(p->yAxis->coordToPixel(row)));
        return img.pixelColor(x, y);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_fileName = m_dir.filePath(QStringLiteral("images.h5"));
        QVERIFY(writeImageFixture(m_fileName));
        auto f = core::H5File::open(m_fileName);
        QVERIFY(f);
        m_file = f.value();
    }

    void rampColorsAsDrawn()
    {
        auto view = show(QStringLiteral("/ramp"));
        view->setColorMap(core::ColorMap::Name::Magma);
        view->setManualRange(0, image::RampCols - 1);
        QVERIFY(view->waitUntilComplete());
        QVERIFY2(view->message().isEmpty(), qPrintable(view->message()));
        const core::ColorMap map(core::ColorMap::Name::Magma);
        for (int c : {5, 20, 40, 63}) {
            const QColor expected = QColor::fromRgba(map.colorAt(double(c) / (image::RampCols - 1)));
            const QColor got = colorAt(*view, 30, c);
            QVERIFY2(near(got, expected), qPrintable(QStringLiteral("col %1: ").arg(c) + describe(got, expected)));
        }
        // NaN cells: the gap colour, which no map colour is.
        QCOMPARE(colorAt(*view, 1, 1), view->gapColor());
    }

    void nanInfAndFillValuesInGapColor()
    {
        auto view = show(QStringLiteral("/gaps"));
        view->setColorMap(core::ColorMap::Name::Viridis);
        view->setFullRange();
        QVERIFY(view->waitUntilComplete());
        QCOMPARE(view->colorRange().lower(), 0.0); // the fill value is no data: not the range's bottom
        QCOMPARE(view->colorRange().upper(), 7.0);
        for (int k : {2, 3, 4, 5})
            QVERIFY2(colorAt(*view, k, k) == view->gapColor(), qPrintable(QString::number(k)));
        const QColor six = QColor::fromRgba(core::ColorMap(core::ColorMap::Name::Viridis).colorAt(6.0 / 7.0));
        QVERIFY(near(colorAt(*view, 2, 6), six));
    }

    void readoutShowsCellAndValue()
    {
        auto view = show(QStringLiteral("/quadrants"));
        QVERIFY(view->waitUntilComplete());
        QCustomPlot *p = view->plot();
        QTest::mouseMove(p, QPoint(int(p->xAxis->coordToPixel(30)), int(p->yAxis->coordToPixel(12))));
        QTRY_VERIFY(!view->readoutText().isEmpty());
        QCOMPARE(view->readoutText(), QStringLiteral("row 12, col 30: 1"));
    }

    void percentileClippingIgnoresOutlier()
    {
        auto view = show(QStringLiteral("/signed"));
        QVERIFY(view->waitUntilComplete());
        // Signed data: the diverging map, centred on zero; the single 1000 is
        // beyond the 99th percentile, so the range stays near [-1, 1].
        QVERIFY(view->colorMap().isDiverging());
        QVERIFY2(view->colorRange().upper() < 2, qPrintable(QString::number(view->colorRange().upper())));
        QCOMPARE(view->colorRange().lower(), -view->colorRange().upper());
        const core::ColorMap map = view->colorMap();
        QVERIFY(near(colorAt(*view, 5, 5), QColor::fromRgba(map.colorAt(1.0)))); // the outlier: top colour
        view->setFullRange();
        QVERIFY(view->colorRange().upper() >= 1000);
    }

    void logScaleWithZerosAndNegatives()
    {
        auto view = show(QStringLiteral("/logdata"));
        view->setColorMap(core::ColorMap::Name::Viridis);
        view->setLogScale(true);
        view->setFullRange();
        QVERIFY(view->waitUntilComplete());
        const core::ColorRange range = view->colorRange();
        QCOMPARE(range.scale(), core::ColorRange::Scale::Log);
        QVERIFY(range.lower() > 0);
        QVERIFY(!range.note().isEmpty()); // says that zeros and negatives were clipped
        const core::ColorMap map(core::ColorMap::Name::Viridis);
        const QColor lowest = QColor::fromRgba(map.colorAt(0));
        // Zeros and negatives take the lowest colour, not the gap colour.
        QVERIFY2(near(colorAt(*view, 0, 8), lowest), qPrintable(describe(colorAt(*view, 0, 8), lowest)));
        QVERIFY(near(colorAt(*view, 1, 8), lowest));
        // Decades are evenly spaced: 10^2 (column 7.5 of 0..15) lies mid-scale.
        const double mid = range.position(100.0);
        QVERIFY(std::abs(mid - (2.0 - std::log10(range.lower())) / (4.0 - std::log10(range.lower()))) < 1e-9);
        const QColor top = QColor::fromRgba(map.colorAt(1));
        QVERIFY2(near(colorAt(*view, 8, 15), top), qPrintable(describe(colorAt(*view, 8, 15), top)));
    }

    void reducedImageShownAtFullSize()
    {
        auto view = show(QStringLiteral("/big"));
        QVERIFY(view->waitUntilComplete());
        auto base = view->baseImage();
        QVERIFY(base);
        QVERIFY(base->rowFactor > 1 || base->colFactor > 1);
        QVERIFY(base->outCols <= 2 * view->plot()->width());
        // The reduced image spans the whole slice in plot coordinates.
        QCPColorMap *map = nullptr;
        for (int i = 0; i < view->plot()->plottableCount(); ++i)
            if (auto *m = qobject_cast<QCPColorMap *>(view->plot()->plottable(i)); m && m->visible() && !map)
                map = m;
        QVERIFY(map);
        const QCPRange keys = map->data()->keyRange();
        QVERIFY(keys.lower < base->colFactor && keys.upper > image::BigCols - 1 - double(base->colFactor));
        // Zooming in refines from the file: a detail image at full resolution.
        view->plot()->xAxis->setRange(1000, 1100);
        view->plot()->yAxis->setRange(500, 570);
        view->plot()->replot();
        QVERIFY(view->waitUntilComplete());
        auto detail = view->detailImage();
        QVERIFY(detail);
        QCOMPARE(detail->rowFactor, quint64(1));
        QCOMPARE(detail->colFactor, quint64(1));
        QVERIFY(detail->col0 <= 1000 && detail->col0 + detail->cols >= 1100);
    }

    void squarePixelsFollowAResize()
    {
        // The tab's splitter settles after the first layout: an unzoomed image
        // must fit its final size with square pixels, not stay stretched.
        auto view = show(QStringLiteral("/big"));
        QVERIFY(view->waitUntilComplete());
        const auto pixelsPerCell = [&view] {
            QCustomPlot *p = view->plot();
            return std::pair{p->axisRect()->width() / p->xAxis->range().size(),
                             p->axisRect()->height() / p->yAxis->range().size()};
        };
        view->resize(420, 900);
        QTRY_VERIFY(std::abs(pixelsPerCell().first - pixelsPerCell().second) < 1e-6 * pixelsPerCell().first);
        view->resize(1400, 420);
        QTRY_VERIFY(std::abs(pixelsPerCell().first - pixelsPerCell().second) < 1e-6 * pixelsPerCell().first);
        // A zoom the user made is left alone.
        view->plot()->xAxis->setRange(10, 20);
        view->plot()->replot();
        const QCPRange zoomed = view->plot()->xAxis->range();
        view->resize(700, 700);
        QCoreApplication::processEvents();
        QCOMPARE(view->plot()->xAxis->range(), zoomed);
    }

    void indexedImageUsesPalette()
    {
        auto view = show(QStringLiteral("/indexed"));
        QVERIFY(view->waitUntilComplete());
        QCOMPARE(view->meta().kind, ui::ImageMeta::Kind::Indexed);
        QCOMPARE(int(view->meta().palette.size()), 4);
        for (int c : {1, 6, 9, 14}) {
            const QColor expected = image::paletteColor((c / 4) % 4);
            QVERIFY2(near(colorAt(*view, 8, c), expected, 1), qPrintable(describe(colorAt(*view, 8, c), expected)));
        }
    }

    void rgbImages_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("plane");
        QTest::newRow("pixel") << QStringLiteral("/rgb_pixel") << false;
        QTest::newRow("plane") << QStringLiteral("/rgb_plane") << true;
    }
    void rgbImages()
    {
        QFETCH(QString, path);
        QFETCH(bool, plane);
        auto view = show(path);
        QVERIFY(view->waitUntilComplete());
        QVERIFY2(view->message().isEmpty(), qPrintable(view->message()));
        QCOMPARE(view->meta().kind, ui::ImageMeta::Kind::TrueColor);
        QCOMPARE(view->meta().planeInterlace, plane);
        for (int r : {3, 12})
            for (int c : {2, 11, 20}) {
                const QColor expected = image::rgbAt(r, c);
                QVERIFY2(near(colorAt(*view, r, c), expected, 1),
                         qPrintable(QStringLiteral("(%1,%2): ").arg(r).arg(c) + describe(colorAt(*view, r, c), expected)));
            }
    }

    void rgbRefinedOnZoom()
    {
        auto view = show(QStringLiteral("/rgb_big"));
        QVERIFY(view->waitUntilComplete());
        QVERIFY(!view->rgbDetail()); // the whole picture: reduced, nothing to refine
        view->plot()->xAxis->setRange(299.5, 399.5);
        view->plot()->yAxis->setRange(199.5, 269.5);
        view->plot()->replot();
        QVERIFY(view->waitUntilComplete());
        QVERIFY(view->rgbDetail());
        QCOMPARE(view->rgbDetail()->channel[0]->colFactor, quint64(1));
        // Full resolution: each pixel its own colour.
        for (int c : {310, 350, 390}) {
            const QColor expected(230 % 256, c % 256, 100);
            QVERIFY2(near(colorAt(*view, 230, c), expected, 1), qPrintable(describe(colorAt(*view, 230, c), expected)));
        }
    }

    void clickEmitsDatasetIndex()
    {
        auto view = show(QStringLiteral("/big"), QStringLiteral("[100:600:2, 1000:2000]"));
        QVERIFY(view->waitUntilComplete());
        QSignalSpy spy(view.get(), &ui::ImagePlotView::cellClicked);
        QCustomPlot *p = view->plot();
        const QPoint at(int(p->xAxis->coordToPixel(300)), int(p->yAxis->coordToPixel(50)));
        QTest::mouseClick(p, Qt::LeftButton, {}, at);
        QCOMPARE(spy.size(), 1);
        const auto index = spy.at(0).at(0).value<std::vector<quint64>>();
        QCOMPARE(index.size(), size_t(2));
        QVERIFY2(std::abs(qint64(index[0]) - (100 + 2 * 50)) <= 2, qPrintable(QString::number(index[0])));
        QVERIFY2(std::abs(qint64(index[1]) - 1300) <= 2, qPrintable(QString::number(index[1])));
    }

    void markCellsDrawsTheSelection()
    {
        auto view = show(QStringLiteral("/quadrants"));
        view->setColorMap(core::ColorMap::Name::Grey);
        view->setManualRange(0, 3);
        QVERIFY(view->waitUntilComplete());
        const QColor before = colorAt(*view, 9.5, 9.5);
        const auto sel = core::Selection::parse(QStringLiteral("[5:15, 5:15]"), {image::QuadRows, image::QuadCols}).value();
        view->markCells(sel);
        // The frame runs along the edge of the selected cells.
        const QColor edge = colorAt(*view, 4.5, 10);
        QVERIFY2(edge != before && edge.red() > 200 && edge.blue() < 80, qPrintable(edge.name()));
        QVERIFY(near(colorAt(*view, 10, 10), before, 1)); // inside: unchanged
    }

    void dimensionScaleAxes()
    {
        auto view = show(QStringLiteral("/scaled"));
        QVERIFY(view->waitUntilComplete());
        QCOMPARE(view->plot()->yAxis->label(), QStringLiteral("y (mm)"));
        QCOMPARE(view->plot()->xAxis->label(), QStringLiteral("time (s)"));
        QCOMPARE(view->meta().axisValues[1].at(3), 13.0);
        QCOMPARE(view->meta().valueLabel, QStringLiteral("scaled (V)"));
        // The read-out gives the scales' values too.
        QCustomPlot *p = view->plot();
        QTest::mouseMove(p, QPoint(int(p->xAxis->coordToPixel(3)), int(p->yAxis->coordToPixel(4))));
        QTRY_VERIFY(!view->readoutText().isEmpty());
        QVERIFY2(view->readoutText().startsWith(QLatin1String("row 4, col 3 (y = 2 mm, time = 13 s): ")),
                 qPrintable(view->readoutText()));
    }

    void newerSourceWins()
    {
        // A second setSource before the first read is done: only the second is drawn.
        auto view = show(QStringLiteral("/big"));
        view->setSource(m_file, QStringLiteral("/quadrants"), core::Selection::all({image::QuadRows, image::QuadCols}));
        QVERIFY(view->waitUntilComplete());
        QVERIFY(view->baseImage());
        QCOMPARE(view->baseImage()->cols, quint64(image::QuadCols));
        QCoreApplication::processEvents(); // anything the first job still posted would arrive here
        QCOMPARE(view->baseImage()->cols, quint64(image::QuadCols));
    }

    void anotherSliceKeepsTheZoom()
    {
        auto view = show(QStringLiteral("/big"), QStringLiteral("[0:100, 0:200]"));
        QVERIFY(view->waitUntilComplete());
        view->plot()->xAxis->setRange(10, 50);
        view->plot()->yAxis->setRange(20, 40);
        const std::vector<quint64> shape{image::BigRows, image::BigCols};
        // A slider step: same dataset, same image shape.
        view->setSource(m_file, QStringLiteral("/big"), core::Selection::parse(QStringLiteral("[100:200, 0:200]"), shape).value());
        QVERIFY(view->waitUntilComplete());
        QCOMPARE(view->plot()->xAxis->range().lower, 10.0);
        QCOMPARE(view->plot()->yAxis->range().upper, 40.0);
        QCOMPARE(view->baseImage()->mean[0], 100.0); // the new slice: row 100 + column 0
        // Another shape: the whole image again.
        view->setSource(m_file, QStringLiteral("/big"), core::Selection::parse(QStringLiteral("[0:50, 0:60]"), shape).value());
        QVERIFY(view->waitUntilComplete());
        QVERIFY(view->plot()->xAxis->range().lower < 0 && view->plot()->xAxis->range().upper > 59);
    }

    void redrawsWhenValuesChange()
    {
        core::FileSession session(m_file);
        auto view = show(QStringLiteral("/quadrants"));
        QVERIFY(view->waitUntilComplete());
        const auto before = view->baseImage();
        Q_EMIT session.valuesChanged(QStringLiteral("/ramp"), core::ValueRegion{});
        QVERIFY(view->waitUntilComplete());
        QCOMPARE(view->baseImage(), before); // another dataset: nothing read again
        Q_EMIT session.valuesChanged(QStringLiteral("/quadrants"), core::ValueRegion{});
        QVERIFY(view->waitUntilComplete());
        QVERIFY(view->baseImage() && view->baseImage() != before);
    }

    void notPlottable()
    {
        auto view = show(QStringLiteral("/strings"));
        QVERIFY(view->waitUntilComplete());
        QVERIFY2(view->message().contains(QLatin1String("Not plottable")), qPrintable(view->message()));
        auto one = show(QStringLiteral("/series"));
        QVERIFY(one->waitUntilComplete());
        QVERIFY(one->message().contains(QLatin1String("2-D")));
    }
};

QTEST_MAIN(TestImagePlotView)
#include "tst_imageplotview.moc"
