#include "plot/imageplotview.h"

#include "plot/histogram.h"
#include "plot/imageloader.h"
#include "plot/imageplotcontrols.h"
#include "plot/imageplotlooks.h"
#include "plot/plotsaver.h"
#include "plot/rgbreduction.h"
#include "session/filesession.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace hs::ui {

ImagePlotView::ImagePlotView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_bar = new ImagePlotControls(this);
    layout->addWidget(m_bar);
    connect(m_bar, &ImagePlotControls::colorMapChosen, this, [this](const QString &name) {
        setColorMap(name.isEmpty() ? std::nullopt : core::ColorMap::fromName(name));
    });
    connect(m_bar, &ImagePlotControls::logToggled, this, &ImagePlotView::setLogScale);
    connect(m_bar, &ImagePlotControls::percentilesChosen, this, &ImagePlotView::setPercentileRange);
    connect(m_bar, &ImagePlotControls::fullRangeChosen, this, &ImagePlotView::setFullRange);
    connect(m_bar, &ImagePlotControls::manualRangeChosen, this, &ImagePlotView::setManualRange);
    connect(m_bar, &ImagePlotControls::reduceChosen, this, [this](int r) { setReduce(Reduce(r)); });
    connect(m_bar, &ImagePlotControls::aspectToggled, this, &ImagePlotView::setAspectLocked);
    connect(m_bar, &ImagePlotControls::resetClicked, this, &ImagePlotView::resetView);
    connect(m_bar, &ImagePlotControls::saveClicked, this,
            [this] { m_note->setText(PlotSaver::saveWithDialog(m_plot, this).toHtmlEscaped()); });
    connect(m_bar, &ImagePlotControls::copyClicked, this, [this] { PlotSaver::copyToClipboard(m_plot); });

    m_plot = new QCustomPlot(this);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setPlottingHint(QCP::phCacheLabels, true);
    styleImageAxes(m_plot);
    m_baseMap = newImageLayer(m_plot);
    m_detailMap = newImageLayer(m_plot);
    m_rgb = newPixmapLayer(m_plot);
    m_rgbDetailItem = newPixmapLayer(m_plot);

    m_scaleBar = new QCPColorScale(m_plot);
    m_scaleBar->setBarWidth(14);
    m_plot->plotLayout()->addElement(0, 1, m_scaleBar);

    // The histogram of the values beside the colour scale, on the same value axis.
    m_histRect = newHistogramRect(m_plot);
    m_plot->plotLayout()->addElement(0, 2, m_histRect);
    m_histGraph = newHistogramGraph(m_histRect);
    auto *margins = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    m_scaleBar->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    m_histRect->setMarginGroup(QCP::msTop | QCP::msBottom, margins);

    m_mark = new QCPItemRect(m_plot);
    m_mark->setPen(QPen(QColor(255, 60, 0), 2));
    m_mark->setBrush(Qt::NoBrush);
    m_mark->setVisible(false);

    layout->addWidget(m_plot, 1);
    m_foot = new QWidget(this);
    auto *foot = new QHBoxLayout(m_foot);
    foot->setContentsMargins(4, 0, 4, 2);
    m_readout = new QLabel(m_foot);
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note = new QLabel(m_foot);
    m_note->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_note->setTextFormat(Qt::RichText); // a swatch of the gap colour
    // Long read-outs (scale names and units) and notes are cut, never widen the
    // view: beside the grid the plot would take the grid's room on every hover.
    for (QLabel *l : {m_readout, m_note})
        l->setMinimumWidth(10);
    foot->addWidget(m_readout, 1);
    foot->addWidget(m_note);
    layout->addWidget(m_foot);

    m_loader = new ImageLoader(this);
    connect(m_loader, &ImageLoader::partial, this, [this](auto img) { baseArrived(std::move(img), false); });
    connect(m_loader, &ImageLoader::loaded, this, [this](auto img) { baseArrived(std::move(img), true); });
    connect(m_loader, &ImageLoader::rgbLoaded, this, &ImagePlotView::rgbArrived);
    connect(m_loader, &ImageLoader::failed, this, &ImagePlotView::fail);
    connect(m_loader, &ImageLoader::refined, this, [this](std::shared_ptr<const core::ReducedImage> img) {
        m_detail = std::move(img);
        redraw();
        updateNote();
    });
    connect(m_loader, &ImageLoader::rgbRefined, this, [this](std::shared_ptr<const RgbImage> img) {
        m_rgbDetail = std::move(img);
        placeRgb(m_rgbDetailItem, *m_rgbDetail);
        m_plot->replot();
    });
    connect(m_loader, &ImageLoader::refineFinished, this, [this] { setComplete(true); });

    m_refineTimer = new QTimer(this);
    m_refineTimer->setSingleShot(true);
    m_refineTimer->setInterval(150);
    connect(m_refineTimer, &QTimer::timeout, this, &ImagePlotView::startDetail);
    connect(m_plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, [this] { scheduleRefine(); });
    connect(m_plot->yAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, [this] { scheduleRefine(); });
    connect(m_plot, &QCustomPlot::mouseMove, this, &ImagePlotView::showReadout);
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent *e) {
        m_pressPos = e->pos();
        // Ctrl+drag: rubber-band zoom; a plain drag pans.
        m_plot->setSelectionRectMode((e->modifiers() & Qt::ControlModifier) ? QCP::srmZoom : QCP::srmNone);
    });
    connect(m_plot, &QCustomPlot::mouseRelease, this, &ImagePlotView::clicked);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] { resetView(); });
}

ImagePlotView::~ImagePlotView() = default;

QCustomPlot *ImagePlotView::plot() const
{
    return m_plot;
}

void ImagePlotView::setSource(const core::H5FilePtr &file, const QString &path, const core::Selection &slice)
{
    core::FileSession *session = file && m_file != file ? core::FileSession::of(file) : nullptr;
    if (session) {
        // Edits and undo redraw the image (the slice is read again, by screen-sized reduction).
        connect(session, &core::FileSession::valuesChanged, this,
                [this, f = file.get()](const QString &p) {
                    if (m_file.get() == f && p == m_path)
                        reload();
                });
    }
    const bool sameDataset = file && file == m_file && path == m_path;
    const quint64 rows = m_rows, cols = m_cols;
    m_file = file;
    m_path = path;
    m_slice = slice;
    m_meta = file ? ImageMeta::read(file, path, slice) : ImageMeta{};
    m_detail.reset();
    m_base.reset();
    reload();
    // Another slice of the same shape (a slider step through N-D data) keeps
    // the zoom; anything else starts with the whole image.
    if (!sameDataset || rows != m_rows || cols != m_cols)
        resetView();
}

void ImagePlotView::setComplete(bool complete)
{
    m_complete = complete;
    if (complete)
        Q_EMIT completed();
}

void ImagePlotView::fail(const QString &message)
{
    m_message = message;
    m_refineTimer->stop();
    m_baseMap->setVisible(false);
    m_detailMap->setVisible(false);
    m_rgb->setVisible(false);
    m_rgbDetailItem->setVisible(false);
    m_readout->setText(message);
    m_plot->replot();
    setComplete(true);
}

QSize ImagePlotView::targetPixels() const
{
    // The pixels the image area has (at least a sensible size before the first layout).
    const QRect r = m_plot->axisRect()->rect();
    const qreal dpr = m_plot->devicePixelRatioF();
    return QSize(std::max(256, int(r.width() * dpr)), std::max(256, int(r.height() * dpr)));
}

void ImagePlotView::reload()
{
    m_loader->cancel();
    m_message.clear();
    m_colorsChosen = false;
    m_detail.reset();
    m_rgbBase.reset();
    m_rgbDetail.reset();
    m_rgbDetailItem->setVisible(false);
    m_note->clear();
    m_detailMap->setVisible(false);
    if (!m_file) {
        fail(tr("Nothing to show."));
        return;
    }
    setComplete(false);
    // Lay out first, so that the first reduction is for the size the image will have.
    showSidePanels(m_meta.kind != ImageMeta::Kind::TrueColor, m_meta.kind == ImageMeta::Kind::Plain);
    if (layout() && isVisible())
        layout()->activate();
    m_plot->replot();
    // Palette indices are not averaged: a block shows its smallest index.
    const bool minmax = m_reduce != Reduce::Mean || m_meta.kind == ImageMeta::Kind::Indexed;
    const QString error = m_loader->start(m_file, m_path, m_slice, m_meta,
                                          minmax ? core::ReducedImage::Mode::MinMax : core::ReducedImage::Mode::Mean,
                                          targetPixels());
    m_rows = m_loader->rows();
    m_cols = m_loader->cols();
    if (!error.isEmpty())
        fail(error);
}

void ImagePlotView::rgbArrived(std::shared_ptr<const RgbImage> rgb)
{
    for (QCPAxis *a : {m_plot->xAxis, m_plot->yAxis})
        a->setTicker(QSharedPointer<QCPAxisTicker>(new IndexTicker));
    m_plot->xAxis->setLabel(tr("column"));
    m_plot->yAxis->setLabel(tr("row"));
    const core::ReducedImage &r = *rgb->channel[0];
    m_rgbBase = rgb;
    placeRgb(m_rgb, *rgb);
    m_baseMap->setVisible(false);
    showSidePanels(false, false);
    m_note->setText(r.rowFactor > 1 || r.colFactor > 1 ? tr("RGB, shown at 1/%1").arg(std::max(r.rowFactor, r.colFactor))
                                                       : tr("RGB"));
    resetView();
    scheduleRefine();
    if (!m_refineTimer->isActive())
        setComplete(true);
}

void ImagePlotView::placeRgb(QCPItemPixmap *item, const RgbImage &rgb)
{
    const core::ReducedImage &r = *rgb.channel[0];
    item->setPixmap(QPixmap::fromImage(rgb.toImage()));
    item->topLeft->setCoords(double(r.col0) - 0.5, double(r.row0) - 0.5);
    item->bottomRight->setCoords(double(r.col0 + r.cols) - 0.5, double(r.row0 + r.rows) - 0.5);
    item->setVisible(true);
}

const core::ReducedImage *ImagePlotView::baseLayer() const
{
    return m_base ? m_base.get() : m_rgbBase ? m_rgbBase->channel[0].get() : nullptr;
}

void ImagePlotView::baseArrived(std::shared_ptr<const core::ReducedImage> img, bool final)
{
    m_base = std::move(img);
    // Colours follow the whole image once it is in; while it fills in, the
    // first snapshot's are kept (colours that shift while loading mislead).
    if (final || !m_colorsChosen)
        chooseColors();
    m_colorsChosen = true;
    redraw();
    if (final) {
        updateNote();
        scheduleRefine();
        if (!m_refineTimer->isActive())
            setComplete(true);
    }
}

void ImagePlotView::updateNote()
{
    // How what is in view was reduced: the refined part's factors when there is one.
    const auto &img = m_detail ? m_detail : m_base;
    if (!img)
        return;
    QStringList notes;
    if (img->rowFactor > 1 || img->colFactor > 1)
        notes << tr("%1 of %2×%3 per pixel")
                     .arg(m_reduce == Reduce::Mean ? tr("mean") : m_reduce == Reduce::Min ? tr("min") : tr("max"))
                     .arg(img->rowFactor)
                     .arg(img->colFactor);
    else if (m_detail)
        notes << tr("full resolution in view");
    if (m_base->nonFinite + m_base->missing > 0)
        notes << tr("<span style=\"color:%2\">■</span> %1 NaN/Inf/fill values")
                     .arg(m_base->nonFinite + m_base->missing)
                     .arg(gapColor().name());
    if (!m_range.note().isEmpty())
        notes << m_range.note().toHtmlEscaped();
    m_note->setText(notes.join(QStringLiteral(" · ")));
}

double ImagePlotView::pixelValue(const core::ReducedImage &img, int i, int j) const
{
    const size_t k = size_t(i) * size_t(img.outCols) + size_t(j);
    if (img.mode == core::ReducedImage::Mode::Mean)
        return img.mean[k];
    if (m_reduce == Reduce::Max && m_meta.kind != ImageMeta::Kind::Indexed)
        return img.max[k];
    return img.min[k];
}

void ImagePlotView::chooseColors()
{
    if (m_meta.kind == ImageMeta::Kind::Indexed) {
        m_range = core::ColorRange::manual(0, double(std::max<size_t>(2, m_meta.palette.size()) - 1),
                                           core::ColorRange::Scale::Linear);
        return;
    }
    std::vector<double> sample;
    sample.reserve(size_t(m_base->outRows) * size_t(m_base->outCols));
    bool negative = false, positive = false;
    double smallestPositive = 0;
    for (int i = 0; i < m_base->outRows; ++i)
        for (int j = 0; j < m_base->outCols; ++j) {
            const double v = pixelValue(*m_base, i, j);
            if (!std::isfinite(v))
                continue;
            sample.push_back(v);
            negative |= v < 0;
            positive |= v > 0;
            if (v > 0 && (smallestPositive == 0 || v < smallestPositive))
                smallestPositive = v;
        }
    ColorRequest request;
    request.map = m_mapChoice;
    request.log = m_log;
    request.mode = m_rangeMode == RangeMode::Manual ? ColorRequest::Manual
                   : m_rangeMode == RangeMode::Full ? ColorRequest::Full
                                                    : ColorRequest::Percentile;
    request.low = m_rangeMode == RangeMode::Manual ? m_manualLo : m_lowPct;
    request.high = m_rangeMode == RangeMode::Manual ? m_manualHi : m_highPct;
    const ColorChoice choice = chooseImageColors(sample, negative && positive, smallestPositive, request);
    m_map = choice.map;
    m_range = choice.range;
    drawHistogram(sample);
    const bool p01 = m_rangeMode == RangeMode::Percentile && m_lowPct < 1;
    m_bar->showRange(m_rangeMode == RangeMode::Manual ? ImagePlotControls::Manual
                     : m_rangeMode == RangeMode::Full ? ImagePlotControls::MinMax
                     : p01                            ? ImagePlotControls::Percentile01
                                                      : ImagePlotControls::Percentile1,
                     m_range.lower(), m_range.upper());
}

void ImagePlotView::drawHistogram(const std::vector<double> &sample)
{
    if (!m_range.isValid() || sample.empty()) {
        m_histGraph->data()->clear();
        return;
    }
    const bool log = m_range.scale() == core::ColorRange::Scale::Log;
    core::Histogram h(64, m_range.lower(), m_range.upper(), log);
    h.add(sample.data(), sample.size());
    QVector<double> keys, counts;
    double top = 1;
    for (int b = 0; b < h.bins(); ++b) {
        keys << (log ? std::sqrt(h.binLower(b) * h.binUpper(b)) : 0.5 * (h.binLower(b) + h.binUpper(b)));
        // Counts on a log axis (a background peak would flatten the rest): an empty bin sits below its range.
        counts << std::max(0.5, double(h.counts()[size_t(b)]));
        top = std::max(top, counts.last());
    }
    m_histGraph->setData(keys, counts, true);
    QCPAxis *valueAxis = m_histRect->axis(QCPAxis::atLeft);
    valueAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    valueAxis->setRange(m_range.lower(), m_range.upper());
    m_histRect->axis(QCPAxis::atBottom)->setRange(0.8, top * 1.5);
}

void ImagePlotView::fillMap(QCPColorMap *map, const core::ReducedImage &img) const
{
    // Rows of a snapshot not read yet are left out rather than shown as gaps.
    const int rows = img.rowsDone >= img.rows ? img.outRows : int(img.rowsDone / img.rowFactor);
    if (rows <= 0 || img.outCols <= 0) {
        map->setVisible(false);
        return;
    }
    const double cf = double(img.colFactor), rf = double(img.rowFactor);
    auto colCentre = [&](int j) { return double(img.col0) + j * cf + (cf - 1) / 2; };
    auto rowCentre = [&](int i) { return double(img.row0) + i * rf + (rf - 1) / 2; };
    QCPColorMapData *d = map->data();
    d->setSize(img.outCols, rows);
    d->setRange(QCPRange(colCentre(0), colCentre(img.outCols - 1)), QCPRange(rowCentre(0), rowCentre(rows - 1)));
    const bool indexed = m_meta.kind == ImageMeta::Kind::Indexed;
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < img.outCols; ++j) {
            const double v = pixelValue(img, i, j);
            d->setCell(j, i, indexed ? (std::isfinite(v) ? v : std::nan("")) : m_range.position(v));
        }
    map->setVisible(true);
}

void ImagePlotView::redraw()
{
    const bool indexed = m_meta.kind == ImageMeta::Kind::Indexed;
    const QCPColorGradient g = indexed ? paletteGradient(m_meta.palette) : gradientOf(m_map);
    const QCPRange dataRange = indexed ? QCPRange(0, std::max<size_t>(2, m_meta.palette.size()) - 1) : QCPRange(0, 1);
    m_rgb->setVisible(false);
    m_rgbDetailItem->setVisible(false);
    for (QCPColorMap *map : {m_baseMap, m_detailMap}) {
        map->setGradient(g);
        map->setDataRange(dataRange);
    }
    if (m_base)
        fillMap(m_baseMap, *m_base);
    if (m_detail)
        fillMap(m_detailMap, *m_detail);
    else
        m_detailMap->setVisible(false);
    showSidePanels(true, !indexed);
    m_scaleBar->setGradient(g);
    const bool log = m_range.scale() == core::ColorRange::Scale::Log;
    m_scaleBar->setDataScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    // Decades on a log scale; whole numbers for palette indices.
    if (log)
        m_scaleBar->axis()->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog));
    else if (indexed) {
        auto ticker = QSharedPointer<QCPAxisTickerFixed>(new QCPAxisTickerFixed);
        ticker->setTickStep(1);
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        m_scaleBar->axis()->setTicker(ticker);
    } else
        m_scaleBar->axis()->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    m_scaleBar->setDataRange(QCPRange(m_range.lower(), m_range.upper()));
    m_scaleBar->axis()->setLabel(m_meta.valueLabel);
    for (int axis = 0; axis < 2; ++axis) {
        QCPAxis *a = axis == 0 ? m_plot->yAxis : m_plot->xAxis;
        a->setLabel(m_meta.axisLabel[size_t(axis)].isEmpty() ? (axis == 0 ? tr("row") : tr("column"))
                                                               : m_meta.axisLabel[size_t(axis)]);
        if (!m_meta.axisValues[size_t(axis)].empty())
            a->setTicker(QSharedPointer<QCPAxisTicker>(new ScaleTicker(m_meta.axisValues[size_t(axis)])));
        else
            a->setTicker(QSharedPointer<QCPAxisTicker>(new IndexTicker));
    }
    m_plot->replot();
}

void ImagePlotView::showSidePanels(bool scale, bool histogram)
{
    // Hidden layout elements would keep their space: take them out instead.
    QCPLayoutGrid *layout = m_plot->plotLayout();
    layout->take(m_scaleBar);
    layout->take(m_histRect);
    layout->simplify();
    int column = 1;
    if (scale)
        layout->addElement(0, column++, m_scaleBar);
    if (histogram)
        layout->addElement(0, column, m_histRect);
    m_scaleBar->setVisible(scale);
    m_histRect->setVisible(histogram);
}

void ImagePlotView::scheduleRefine()
{
    const core::ReducedImage *base = baseLayer();
    if (!base || (base->rowFactor == 1 && base->colFactor == 1))
        return;
    m_refineTimer->start();
    m_complete = false;
}

void ImagePlotView::startDetail()
{
    const bool baseRunning = m_loader->isLoading();
    auto finish = [&] {
        if (!baseRunning)
            setComplete(true);
    };
    const core::ReducedImage *base = baseLayer();
    if (!base || baseRunning) {
        finish();
        return;
    }
    const QCPRange xr = m_plot->xAxis->range(), yr = m_plot->yAxis->range();
    auto clampTo = [](double v, quint64 n) { return quint64(std::clamp(v, 0.0, double(n))); };
    const quint64 c0 = clampTo(std::floor(xr.lower + 0.5), m_cols), c1 = clampTo(std::ceil(xr.upper + 0.5), m_cols);
    const quint64 r0 = clampTo(std::floor(yr.lower + 0.5), m_rows), r1 = clampTo(std::ceil(yr.upper + 0.5), m_rows);
    const QSize px = targetPixels();
    // Does the base image already have the resolution this view can show?
    const double needCols = std::max(1.0, double(c1 - c0) / px.width());
    const double needRows = std::max(1.0, double(r1 - r0) / px.height());
    if (c1 <= c0 || r1 <= r0 || (double(base->colFactor) <= needCols * 1.5 && double(base->rowFactor) <= needRows * 1.5)) {
        if (m_detail || m_rgbDetail) {
            m_detail.reset();
            m_rgbDetail.reset();
            m_detailMap->setVisible(false);
            m_rgbDetailItem->setVisible(false);
            m_plot->replot();
        }
        finish();
        return;
    }
    const core::ReducedImage *detail = m_detail ? m_detail.get() : m_rgbDetail ? m_rgbDetail->channel[0].get() : nullptr;
    if (detail && detail->row0 == r0 && detail->col0 == c0 && detail->rows == r1 - r0 && detail->cols == c1 - c0) {
        finish();
        return;
    }
    if (m_loader->refine(r0, r1 - r0, c0, c1 - c0, px))
        m_complete = false;
    else
        finish(); // the base image stays; the refinement is a bonus
}

QColor ImagePlotView::gapColor() const
{
    if (m_meta.kind != ImageMeta::Kind::Plain)
        return QColor(255, 0, 255);
    return gapColorFor(core::ColorMap::fromName(m_map.name()).value_or(core::ColorMap::Name::Viridis));
}

void ImagePlotView::showReadout(QMouseEvent *event)
{
    const double x = m_plot->xAxis->pixelToCoord(event->pos().x());
    const double y = m_plot->yAxis->pixelToCoord(event->pos().y());
    const qint64 col = std::llround(x), row = std::llround(y);
    if (!m_plot->axisRect()->rect().contains(event->pos()) || col < 0 || row < 0 || quint64(col) >= m_cols
        || quint64(row) >= m_rows) {
        m_readoutText.clear();
        m_readout->clear();
        return;
    }
    QString text = tr("row %1, col %2").arg(row).arg(col);
    QStringList scales;
    for (int axis = 0; axis < 2; ++axis) {
        const auto &values = m_meta.axisValues[size_t(axis)];
        const qint64 i = axis == 0 ? row : col;
        if (i < qint64(values.size()))
            scales << QStringLiteral("%1 = %2 %3")
                          .arg(m_meta.axisName[size_t(axis)])
                          .arg(values[size_t(i)], 0, 'g', 6)
                          .arg(m_meta.axisUnits[size_t(axis)])
                          .trimmed();
    }
    if (!scales.isEmpty())
        text += QStringLiteral(" (") + scales.join(QStringLiteral(", ")) + QLatin1Char(')');
    // The value from the finest image that covers the point.
    auto covers = [&](const std::shared_ptr<const core::ReducedImage> &img) {
        return img && quint64(row) >= img->row0 && quint64(row) < img->row0 + img->rowsDone
               && quint64(col) >= img->col0 && quint64(col) < img->col0 + img->cols;
    };
    const auto img = covers(m_detail) ? m_detail : covers(m_base) ? m_base : nullptr;
    if (img) {
        const int i = int((quint64(row) - img->row0) / img->rowFactor);
        const int j = int((quint64(col) - img->col0) / img->colFactor);
        if (i < img->outRows && j < img->outCols) {
            const double v = pixelValue(*img, i, j);
            text += QStringLiteral(": ") + (std::isfinite(v) ? QString::number(v, 'g', 8) : tr("no value (NaN/Inf/fill)"));
            if (img->rowFactor > 1 || img->colFactor > 1)
                text += tr(" (%1 of %2×%3)")
                            .arg(m_reduce == Reduce::Mean ? tr("mean") : m_reduce == Reduce::Min ? tr("min") : tr("max"))
                            .arg(img->rowFactor)
                            .arg(img->colFactor);
        }
    }
    m_readoutText = text;
    m_readout->setText(text);
}

QString ImagePlotView::readoutText() const
{
    return m_readoutText;
}

void ImagePlotView::clicked(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || (event->pos() - m_pressPos).manhattanLength() > 3 || m_rows == 0)
        return;
    const qint64 col = std::llround(m_plot->xAxis->pixelToCoord(event->pos().x()));
    const qint64 row = std::llround(m_plot->yAxis->pixelToCoord(event->pos().y()));
    if (col < 0 || row < 0 || quint64(col) >= m_cols || quint64(row) >= m_rows)
        return;
    Q_EMIT cellClicked(m_meta.datasetIndex(m_slice, quint64(row), quint64(col)));
}

void ImagePlotView::markCells(const core::Selection &selected)
{
    const std::optional<QRectF> cells = m_meta.cellsRect(m_slice, selected);
    if (cells) {
        m_mark->topLeft->setCoords(cells->left() - 0.5, cells->top() - 0.5);
        m_mark->bottomRight->setCoords(cells->right() + 0.5, cells->bottom() + 0.5);
    }
    m_mark->setVisible(bool(cells));
    m_plot->replot();
}

void ImagePlotView::recolor()
{
    if (!m_base)
        return;
    chooseColors();
    redraw();
    updateNote();
}

void ImagePlotView::setColorMap(std::optional<core::ColorMap::Name> name)
{
    m_mapChoice = name;
    m_bar->showColorMap(name ? core::ColorMap(*name).name() : QString());
    recolor();
}

void ImagePlotView::setLogScale(bool log)
{
    m_log = log;
    m_bar->showLog(log);
    recolor();
}

void ImagePlotView::setPercentileRange(double lowPercent, double highPercent)
{
    m_rangeMode = RangeMode::Percentile;
    m_lowPct = lowPercent;
    m_highPct = highPercent;
    recolor();
}

void ImagePlotView::setFullRange()
{
    m_rangeMode = RangeMode::Full;
    recolor();
}

void ImagePlotView::setManualRange(double lower, double upper)
{
    m_rangeMode = RangeMode::Manual;
    m_manualLo = lower;
    m_manualHi = upper;
    recolor();
}

void ImagePlotView::setReduce(Reduce reduce)
{
    if (m_reduce == reduce)
        return;
    m_reduce = reduce;
    m_bar->showReduce(int(reduce));
    if (m_file && m_meta.kind == ImageMeta::Kind::Plain)
        reload();
}

void ImagePlotView::setAspectLocked(bool locked)
{
    m_aspect = locked;
    m_bar->showAspect(locked);
    resetView();
}

void ImagePlotView::setControlsVisible(bool visible)
{
    m_bar->setVisible(visible);
    m_foot->setVisible(visible);
}

void ImagePlotView::resetView()
{
    if (m_rows == 0 || m_cols == 0)
        return;
    m_plot->replot(); // lays the plot out, so that the axis rectangle has its size
    // New ranges give new tick labels, whose width moves the axis rectangle:
    // fit again until it stays (twice is the rule, three times the bound).
    for (int pass = 0; pass < 3; ++pass) {
        double xl = -0.5, xu = double(m_cols) - 0.5, yl = -0.5, yu = double(m_rows) - 0.5;
        const QRect r = m_plot->axisRect()->rect();
        if (m_aspect && r.width() > 10 && r.height() > 10) {
            // Square pixels: the image fits, centred, at one scale for both axes.
            const double perPixel = std::max(double(m_cols) / r.width(), double(m_rows) / r.height());
            const double cx = (xl + xu) / 2, cy = (yl + yu) / 2;
            xl = cx - perPixel * r.width() / 2;
            xu = cx + perPixel * r.width() / 2;
            yl = cy - perPixel * r.height() / 2;
            yu = cy + perPixel * r.height() / 2;
        }
        m_plot->xAxis->setRange(xl, xu);
        m_plot->yAxis->setRange(yl, yu);
        m_reset = currentRanges();
        m_plot->replot();
        if (!m_aspect || m_plot->axisRect()->rect() == r)
            break;
    }
}

std::array<double, 4> ImagePlotView::currentRanges() const
{
    return {m_plot->xAxis->range().lower, m_plot->xAxis->range().upper, m_plot->yAxis->range().lower,
            m_plot->yAxis->range().upper};
}

void ImagePlotView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // A view the user has not zoomed follows its new size: with square
    // pixels the fit depends on the plot's width and height (a splitter
    // settling after the first layout would otherwise leave the image
    // stretched).
    if (m_rows == 0 || m_cols == 0)
        return;
    if (currentRanges() == m_reset)
        QTimer::singleShot(0, this, [this, was = m_reset] {
            if (currentRanges() == was)
                resetView();
        });
}

bool ImagePlotView::waitUntilComplete(int msecs)
{
    QDeadlineTimer deadline(msecs);
    while (!m_complete && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    // A refinement scheduled by the last layout starts on its timer; wait for that too.
    while ((!m_complete || m_refineTimer->isActive()) && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    return m_complete && !m_refineTimer->isActive();
}

} // namespace hs::ui
