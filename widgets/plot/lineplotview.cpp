#include "lineplotview.h"

#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "lineplotview_p.h"
#include "linesetup.h"
#include "plot/slicestatistics.h"
#include "plotstyle.h"

#include <qcustomplot.h>

#include <QElapsedTimer>
#include <QLabel>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hs::ui {

using namespace hs::core;

namespace {

// The keys and values that draw one decimation: the points themselves, or per
// pixel column its first value, min, max and last value at one x (a vertical
// stroke joined to its neighbours), NaN for a gap so that the line breaks.
void appendDrawn(const Decimation &d, const Decimation *scale, const std::function<double(quint64)> &indexKey,
                 QVector<double> &keys, QVector<double> &values)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (d.isPoints) {
        for (size_t i = 0; i < d.points.size(); ++i) {
            const quint64 index = d.first + i;
            const double key = scale && scale->isPoints && i < scale->points.size() ? scale->points[i] : indexKey(index);
            const double v = d.points[i];
            keys << key;
            values << (std::isfinite(v) ? v : nan);
        }
        return;
    }
    for (size_t c = 0; c < d.columns.size(); ++c) {
        const Decimation::Column &col = d.columns[c];
        const double key = scale && !scale->isPoints && c < scale->columns.size() ? scale->columns[c].firstValue
                                                                                 : indexKey(col.first);
        if (col.isGap() || col.first + col.count > d.readUpTo) {
            keys << key;
            values << nan;
            continue;
        }
        keys << key << key << key << key;
        values << col.firstValue << col.min << col.max << col.lastValue;
    }
}

} // namespace

LinePlotView::LinePlotView(QWidget *parent)
    : QWidget(parent),
      m_stack(new QStackedWidget(this)),
      m_plot(new QCustomPlot(this)),
      m_messageLabel(new QLabel(this)),
      m_readout(new QLabel(this)),
      m_stats(new QLabel(this)),
      m_refineTimer(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_stack->addWidget(m_plot);
    m_messageLabel->setAlignment(Qt::AlignCenter);
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setObjectName(QStringLiteral("plotMessage"));
    m_messageLabel->setStyleSheet(QStringLiteral("color: palette(mid); font-size: 13pt;"));
    m_stack->addWidget(m_messageLabel);
    layout->addWidget(m_stack, 1);
    for (QLabel *l : {m_readout, m_stats}) {
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setStyleSheet(QStringLiteral("color: palette(dark); padding: 0 6px;"));
        l->setMinimumWidth(10);
    }
    m_readout->setObjectName(QStringLiteral("plotReadout"));
    m_stats->setObjectName(QStringLiteral("plotStatistics"));
    // Two quiet lines under the plot: what the cursor points at, and the statistics of the slice.
    m_readout->setMinimumHeight(m_readout->fontMetrics().height());
    m_stats->setWordWrap(true);
    layout->addWidget(m_readout);
    layout->addWidget(m_stats);

    PlotStyle::apply(m_plot);
    // Lines drawn segment by segment: the raster engine's line rasterizer,
    // not QStroker on one polyline. A dense envelope (1600 columns of
    // min/max strokes) stroked as a polyline with joins took 40-120 ms of the
    // GUI thread per replot in the window (1.7 s for /long in the tests), and
    // every partial result replots. Exports (PNG, PDF, SVG) keep the polyline.
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    m_interaction = new PlotInteraction(m_plot);
    m_interaction->setHorizontalNavigation(true);
    m_marks = m_plot->addGraph();
    m_marks->setName(QStringLiteral("marks"));
    m_marks->setLineStyle(QCPGraph::lsNone);
    m_marks->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, PlotStyle::markColor(), 7));
    m_marks->removeFromLegend();
    m_markBand = new QCPItemRect(m_plot);
    m_markBand->setPen(Qt::NoPen);
    QColor band = PlotStyle::markColor();
    band.setAlpha(28);
    m_markBand->setBrush(band);
    m_markBand->setVisible(false);
    m_markBand->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_markBand->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_markBand->setLayer(QStringLiteral("background"));
    m_plot->legend->setVisible(false);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

    m_refineTimer->setSingleShot(true);
    m_refineTimer->setInterval(120);
    connect(m_refineTimer, &QTimer::timeout, this, &LinePlotView::refine);
    connect(m_plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, &LinePlotView::scheduleRefine);
    // Our own range changes block the axes' signals: any that arrives is the user's.
    connect(m_plot->yAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, [this] { m_autoY = false; });
    connect(m_interaction, &PlotInteraction::hovered, this, &LinePlotView::updateReadout);
    connect(m_interaction, &PlotInteraction::clicked, this, [this](double x, double y, const QPointF &) { onClicked(x, y); });
    connect(m_interaction, &PlotInteraction::resetRequested, this, &LinePlotView::resetZoom);
    clear(tr("Nothing to plot yet."));
}

LinePlotView::~LinePlotView() = default;

void LinePlotView::clear(const QString &message)
{
    for (JobTicket *t : m_tickets)
        delete t;
    for (JobTicket *t : m_refineTickets)
        delete t;
    m_tickets.clear();
    m_refineTickets.clear();
    for (auto &s : m_series)
        m_plot->removeGraph(s->graph);
    m_series.clear();
    m_scaleBase.reset();
    m_scaleRefined.reset();
    m_summary.reset();
    m_statsText.clear();
    m_stats->clear();
    m_readout->clear();
    m_pending = 0;
    m_refinePending = 0;
    m_statsPending = false;
    m_message = message;
    m_messageLabel->setText(message);
    m_stack->setCurrentWidget(message.isEmpty() ? static_cast<QWidget *>(m_plot) : m_messageLabel);
}

void LinePlotView::setSource(const H5FilePtr &file, const QString &path, const Selection &slice)
{
    const bool sameData = file == m_file && path == m_path && m_setup && !m_message.size();
    const bool sameAxis = sameData && slice.resultShape() == m_slice.resultShape() && slice.resultRank() >= 1
                          && slice.datasetDimOf(0) == m_slice.datasetDimOf(0)
                          && slice.dims()[size_t(slice.datasetDimOf(0))] == m_slice.dims()[size_t(m_slice.datasetDimOf(0))];
    m_file = file;
    m_path = path;
    m_slice = slice;
    ++m_generation;
    m_wasComplete = false;
    // A slider step keeps the old lines on screen until the new ones arrive
    // (no flicker); anything else starts from a clean plot.
    if (!sameAxis) {
        m_autoRange = true;
        m_autoY = true;
        clear({});
        m_setup.reset();
    } else {
        for (JobTicket *t : m_tickets)
            delete t;
        for (JobTicket *t : m_refineTickets)
            delete t;
        m_tickets.clear();
        m_refineTickets.clear();
        m_pending = 0;
        m_refinePending = 0;
    }
    if (!file) {
        clear(tr("Nothing to plot."));
        return;
    }
    if (slice.resultRank() < 1 || slice.resultRank() > 2) {
        clear(tr("Not plottable as lines: the slice has %1 dimensions.").arg(slice.resultRank()));
        return;
    }
    const quint64 generation = m_generation;
    // A slider step: the same dataset, fields and x range, so the sources are
    // remade at once (no metadata to read) and only the values are read.
    if (sameAxis && m_setup) {
        if (auto moved = m_setup->moved(slice)) {
            opened(generation, std::make_shared<LineSeriesSetup>(std::move(*moved)));
            return;
        }
    }
    m_opening = true;
    // The setup is delivered through the ticket's thread with the generation it was asked under.
    auto open = std::make_unique<FunctionJob>(tr("Preparing plot of %1").arg(path),
                                              [this, file, path, slice, part = m_part, generation](JobContext &ctx) {
        auto setup = std::make_shared<LineSeriesSetup>(LineSeriesSetup::open(file, path, slice, part, MaxSeries));
        ctx.post([this, generation, setup] { opened(generation, setup); });
    });
    m_tickets.push_back(JobRunner::instance().start(std::move(open), this));
}

void LinePlotView::opened(quint64 generation, std::shared_ptr<LineSeriesSetup> setup)
{
    if (generation != m_generation)
        return; // a newer source was asked for meanwhile
    m_opening = false;
    if (!setup->message.isEmpty() || setup->series.empty()) {
        clear(setup->message.isEmpty() ? tr("Nothing to plot.") : setup->message);
        m_setup.reset();
        Q_EMIT completed();
        return;
    }
    m_isComplex = setup->isComplex;
    m_setup = setup;
    m_message.clear();
    m_stack->setCurrentWidget(m_plot);
    // Reuse the graphs of a slider step (same series count), else new ones.
    if (m_series.size() != setup->series.size()) {
        for (auto &s : m_series)
            m_plot->removeGraph(s->graph);
        m_series.clear();
        for (size_t i = 0; i < setup->series.size(); ++i) {
            auto s = std::make_unique<Series>();
            s->graph = m_plot->addGraph();
            m_series.push_back(std::move(s));
        }
    }
    for (size_t i = 0; i < setup->series.size(); ++i) {
        Series &s = *m_series[i];
        s.setup = setup->series[i];
        s.refined.reset();
        s.graph->setName(s.setup.name.isEmpty() ? m_path.section(QLatin1Char('/'), -1) : s.setup.name);
    }
    m_scaleRefined.reset();
    m_plot->legend->setVisible(m_series.size() > 1);
    m_plot->xAxis->setLabel(setup->xLabel);
    m_plot->yAxis->setLabel(setup->yLabel);
    setStyle(m_style);
    const quint64 n = m_slice.resultShape()[0];
    if (n == 0) {
        clear(tr("The selection %1 has no elements.").arg(m_slice.toText()));
        m_setup.reset();
        Q_EMIT completed();
        return;
    }
    startDecimations(false, 0, n);
    startStatistics();
    checkComplete();
}

int LinePlotView::plotWidth() const
{
    // Before the first layout (a plot made headless, for a picture) the axis
    // rect has no size yet: the widget's width less the usual axis margins.
    int w = m_plot->axisRect()->width();
    if (w <= 50)
        w = m_plot->width() > 200 ? m_plot->width() - 80 : 1000;
    return std::clamp(w, 64, Decimation::MaxWidth);
}

void LinePlotView::startDecimations(bool refined, quint64 first, quint64 last)
{
    auto &tickets = refined ? m_refineTickets : m_tickets;
    for (JobTicket *t : tickets)
        delete t;
    tickets.clear();
    int &pending = refined ? m_refinePending : m_pending;
    pending = 0;
    const quint64 generation = m_generation;
    const quint64 refineGeneration = refined ? ++m_refineGeneration : m_refineGeneration;
    const int width = plotWidth();
    auto start = [&](const PlotSource &source, std::function<void(std::shared_ptr<const Decimation>, bool)> deliver) {
        auto dec = Decimator::create(source, first, last, width);
        if (!dec)
            return;
        ++pending;
        auto job = std::make_unique<ReductionJob<Decimator>>(
            std::move(dec.value()),
            [this, generation, refineGeneration, refined, deliver](Result<std::shared_ptr<const Decimation>> r) {
                if (generation != m_generation || (refined && refineGeneration != m_refineGeneration))
                    return;
                --(refined ? m_refinePending : m_pending);
                if (r)
                    deliver(r.value(), true);
                checkComplete();
            },
            [this, generation, refineGeneration, refined, deliver](std::shared_ptr<const Decimation> partial) {
                if (generation == m_generation && (!refined || refineGeneration == m_refineGeneration))
                    deliver(partial, false);
            },
            // The part already read is on screen within ~50 ms, then fills in.
            50);
        tickets.push_back(JobRunner::instance().start(std::move(job), this));
    };
    if (m_setup->scale) {
        start(*m_setup->scale, [this, refined](std::shared_ptr<const Decimation> d, bool) {
            (refined ? m_scaleRefined : m_scaleBase) = d;
            redraw();
            // The keys are scale values: fit them too when the scale comes in after its series.
            if (!refined && m_autoRange)
                rescale();
        });
    }
    for (size_t i = 0; i < m_series.size(); ++i) {
        start(m_series[i]->setup.source, [this, i, refined](std::shared_ptr<const Decimation> d, bool done) {
            Series &s = *m_series[i];
            (refined ? s.refined : s.base) = d;
            redraw();
            // Fit the whole series once it is in, unless the user zoomed or panned meanwhile.
            if (!refined && m_autoRange && (done || i == 0))
                rescale();
        });
    }
}

void LinePlotView::startStatistics()
{
    m_statsPending = true;
    // A slider step keeps the last numbers until the new ones are in (no flicker).
    if (m_statsText.isEmpty())
        m_stats->setText(tr("statistics…"));
    auto stats = SliceStatistics::create(m_setup->statistics);
    if (!stats) {
        m_statsPending = false;
        m_stats->clear();
        return;
    }
    const quint64 generation = m_generation;
    auto job = std::make_unique<ReductionJob<SliceStatistics>>(std::move(stats.value()),
                                                               [this, generation](Result<std::shared_ptr<const SliceSummary>> r) {
        if (generation != m_generation)
            return;
        m_statsPending = false;
        if (r) {
            m_summary = r.value();
            const Statistics &st = m_summary->statistics;
            QStringList parts;
            parts << tr("min %1").arg(plotNumber(st.min)) << tr("max %1").arg(plotNumber(st.max)) << tr("mean %1").arg(plotNumber(st.mean))
                  << tr("std %1").arg(plotNumber(st.standardDeviation())) << tr("n %1").arg(st.count);
            if (st.nan)
                parts << tr("NaN %1").arg(st.nan);
            if (st.posInf + st.negInf)
                parts << tr("Inf %1").arg(st.posInf + st.negInf);
            if (st.missing)
                parts << tr("fill %1").arg(st.missing);
            m_statsText = parts.join(QStringLiteral("   "));
            // Several series: the statistics are of the whole slice, of the first field.
            if (m_series.size() > 1 && m_setup && m_setup->series.front().resultColumn < 0)
                m_statsText = QStringLiteral("%1:   %2").arg(m_series.front()->graph->name(), m_statsText);
        } else {
            m_statsText = r.error().message;
        }
        m_stats->setText(m_statsText);
        checkComplete();
    });
    JobTicket *ticket = JobRunner::instance().start(std::move(job), this);
    // A long slice: how far the pass over it is, until the first numbers are in.
    connect(ticket, &JobTicket::progressChanged, this, [this, generation](qint64 done, qint64 total) {
        if (generation == m_generation && m_statsText.isEmpty() && total > 0)
            m_stats->setText(tr("statistics… %1 %").arg(done * 100 / total));
    });
    m_tickets.push_back(ticket);
}

double LinePlotView::keyOf(quint64 index) const
{
    if (m_slice.resultRank() < 1)
        return double(index);
    return double(m_slice.dims()[size_t(m_slice.datasetDimOf(0))].datasetIndex(index));
}

void LinePlotView::redraw()
{
    auto indexKey = [this](quint64 i) { return keyOf(i); };
    for (auto &sp : m_series) {
        Series &s = *sp;
        QVector<double> keys, values;
        if (!s.base)
            continue;
        const Decimation *refined = s.refined.get();
        if (!refined) {
            appendDrawn(*s.base, m_scaleBase.get(), indexKey, keys, values);
        } else {
            // The whole range at base resolution around the zoomed range at full resolution.
            Decimation before = *s.base, after = *s.base;
            auto split = [&](const Decimation &base, bool keepBefore, Decimation &out, std::shared_ptr<const Decimation> scaleBase,
                             Decimation *scaleOut) {
                out.columns.clear();
                out.points.clear();
                if (scaleOut) {
                    scaleOut->columns.clear();
                    scaleOut->points.clear();
                }
                if (base.isPoints) {
                    for (size_t i = 0; i < base.points.size(); ++i) {
                        const quint64 index = base.first + i;
                        if (keepBefore ? index < refined->first : index >= refined->last) {
                            if (out.points.empty())
                                out.first = index;
                            out.points.push_back(base.points[i]);
                            if (scaleOut && scaleBase && i < scaleBase->points.size())
                                scaleOut->points.push_back(scaleBase->points[i]);
                        }
                    }
                    return;
                }
                for (size_t c = 0; c < base.columns.size(); ++c) {
                    const auto &col = base.columns[c];
                    if (keepBefore ? col.first + col.count <= refined->first : col.first >= refined->last) {
                        out.columns.push_back(col);
                        if (scaleOut && scaleBase && c < scaleBase->columns.size())
                            scaleOut->columns.push_back(scaleBase->columns[c]);
                    }
                }
            };
            Decimation scaleBefore, scaleAfter;
            const bool hasScale = bool(m_scaleBase);
            if (hasScale)
                scaleBefore = scaleAfter = *m_scaleBase;
            split(*s.base, true, before, m_scaleBase, hasScale ? &scaleBefore : nullptr);
            split(*s.base, false, after, m_scaleBase, hasScale ? &scaleAfter : nullptr);
            appendDrawn(before, hasScale ? &scaleBefore : nullptr, indexKey, keys, values);
            appendDrawn(*refined, m_scaleRefined ? m_scaleRefined.get() : nullptr, indexKey, keys, values);
            appendDrawn(after, hasScale ? &scaleAfter : nullptr, indexKey, keys, values);
        }
        s.graph->setData(keys, values, true);
    }
    if (m_autoY && !m_autoRange)
        fitY();
    updateMarks();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    Q_EMIT drawn(m_slice);
}

void LinePlotView::rescale()
{
    bool any = false;
    QCPRange x, y;
    for (auto &s : m_series) {
        bool fx = false, fy = false;
        const QCPRange kx = s->graph->getKeyRange(fx), vy = s->graph->getValueRange(fy);
        if (fx && fy) {
            x = any ? QCPRange(std::min(x.lower, kx.lower), std::max(x.upper, kx.upper)) : kx;
            y = any ? QCPRange(std::min(y.lower, vy.lower), std::max(y.upper, vy.upper)) : vy;
            any = true;
        }
    }
    if (!any)
        return;
    // The whole slice along x, gaps (NaN/Inf/fill) at its ends included: the
    // index range, or the scale's values once they are in.
    const std::vector<quint64> shape = m_slice.resultShape();
    if (!shape.empty() && shape[0] > 0) {
        double lo = keyOf(0), hi = keyOf(shape[0] - 1);
        if (m_scaleBase) {
            lo = std::numeric_limits<double>::infinity();
            hi = -lo;
            for (const auto &c : m_scaleBase->columns)
                if (!c.isGap()) {
                    lo = std::min(lo, c.min);
                    hi = std::max(hi, c.max);
                }
            for (double v : m_scaleBase->points)
                if (std::isfinite(v)) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
        }
        if (lo <= hi)
            x = QCPRange(std::min(x.lower, lo), std::max(x.upper, hi));
    }
    if (x.size() == 0)
        x = QCPRange(x.lower - 0.5, x.upper + 0.5);
    if (y.size() == 0)
        y = QCPRange(y.lower - 1, y.upper + 1);
    const double pad = y.size() * 0.05;
    const QSignalBlocker block(m_plot->xAxis);
    m_plot->xAxis->setRange(x);
    const QSignalBlocker blockY(m_plot->yAxis);
    m_plot->yAxis->setRange(y.lower - pad, y.upper + pad);
    for (auto &s : m_series)
        s->refined.reset();
    m_scaleRefined.reset();
    cancelRefine(); // a refine under way is for a zoom that no longer is
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LinePlotView::cancelRefine()
{
    ++m_refineGeneration;
    for (JobTicket *t : m_refineTickets)
        delete t;
    m_refineTickets.clear();
    m_refinePending = 0;
}

void LinePlotView::fitY()
{
    bool any = false;
    QCPRange y;
    const QCPRange x = m_plot->xAxis->range();
    for (auto &s : m_series) {
        bool found = false;
        const QCPRange r = s->graph->getValueRange(found, QCP::sdBoth, x);
        if (found) {
            y = any ? QCPRange(std::min(y.lower, r.lower), std::max(y.upper, r.upper)) : r;
            any = true;
        }
    }
    if (!any)
        return;
    if (y.size() == 0)
        y = QCPRange(y.lower - 1, y.upper + 1);
    const double pad = y.size() * 0.05;
    const QSignalBlocker block(m_plot->yAxis);
    m_plot->yAxis->setRange(y.lower - pad, y.upper + pad);
}

void LinePlotView::resetZoom()
{
    m_autoRange = true;
    m_autoY = true;
    for (auto &s : m_series)
        s->refined.reset();
    m_scaleRefined.reset();
    redraw();
    rescale();
}

void LinePlotView::scheduleRefine()
{
    // Only the user (or a caller) moves the range: rescale() blocks the axis' signals.
    m_autoRange = false;
    if (m_setup && !m_series.empty())
        m_refineTimer->start();
}

void LinePlotView::refine()
{
    if (!m_setup || m_series.empty() || !m_series[0]->base || m_slice.resultRank() < 1)
        return;
    const QCPRange r = m_plot->xAxis->range();
    const quint64 n = m_slice.resultShape()[0];
    const qint64 lo = indexAt(r.lower), hi = indexAt(r.upper);
    if (lo < 0 || hi < 0)
        return;
    const quint64 first = quint64(std::max<qint64>(0, std::min(lo, hi) - 1));
    const quint64 last = std::min<quint64>(n, quint64(std::max(lo, hi)) + 2);
    // Nothing finer to read: the base already has every point, or the view shows (nearly) everything.
    if (m_series[0]->base->isPoints || (first == 0 && last == n)) {
        bool had = false;
        for (auto &s : m_series)
            had = had || s->refined;
        if (had) {
            for (auto &s : m_series)
                s->refined.reset();
            m_scaleRefined.reset();
            redraw();
        }
        return;
    }
    m_wasComplete = false;
    startDecimations(true, first, last);
}

void LinePlotView::checkComplete()
{
    const bool complete = !m_opening && m_pending == 0 && m_refinePending == 0 && !m_statsPending;
    if (complete && !m_wasComplete) {
        m_wasComplete = true;
        Q_EMIT completed();
    }
}

bool LinePlotView::waitUntilComplete(int msecs)
{
    QElapsedTimer timer;
    timer.start();
    while (!(m_wasComplete || (!m_opening && !m_message.isEmpty()))) {
        if (timer.elapsed() > msecs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    }
    if (m_plot->width() > 0 && m_plot->height() > 0)
        m_plot->replot();
    return true;
}

void LinePlotView::setStyle(Style style)
{
    m_style = style;
    for (size_t i = 0; i < m_series.size(); ++i) {
        QCPGraph *g = m_series[i]->graph;
        const QColor color = PlotStyle::seriesColor(int(i));
        g->setPen(QPen(color, 1.3));
        switch (style) {
        case Style::Line:
            g->setLineStyle(QCPGraph::lsLine);
            g->setScatterStyle(QCPScatterStyle::ssNone);
            break;
        case Style::Step:
            g->setLineStyle(QCPGraph::lsStepCenter);
            g->setScatterStyle(QCPScatterStyle::ssNone);
            break;
        case Style::Points:
            g->setLineStyle(QCPGraph::lsNone);
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, 4));
            break;
        }
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LinePlotView::setComplexPart(ComplexPart part)
{
    if (part == m_part)
        return;
    m_part = part;
    if (m_file) {
        m_setup.reset(); // a new y label and new sources
        setSource(m_file, m_path, m_slice);
    }
}

void LinePlotView::setCrosshairVisible(bool visible)
{
    m_interaction->setCrosshairVisible(visible);
}

void LinePlotView::reload()
{
    if (!m_setup || m_series.empty())
        return;
    ++m_generation;
    m_wasComplete = false;
    const quint64 n = m_slice.resultShape()[0];
    const QCPRange x = m_plot->xAxis->range(), y = m_plot->yAxis->range();
    startDecimations(false, 0, n);
    {
        // Keep the zoom the user chose; the refine reads the zoomed range again.
        const QSignalBlocker block(m_plot->xAxis);
        m_plot->xAxis->setRange(x);
        m_plot->yAxis->setRange(y);
    }
    startStatistics();
    refine();
}

QString LinePlotView::xLabel() const
{
    return m_plot->xAxis->label();
}

QString LinePlotView::statisticsText() const
{
    return m_statsText;
}

std::shared_ptr<const Decimation> LinePlotView::baseDecimation(int series) const
{
    return series >= 0 && size_t(series) < m_series.size() ? m_series[size_t(series)]->base : nullptr;
}

std::shared_ptr<const Decimation> LinePlotView::refinedDecimation(int series) const
{
    return series >= 0 && size_t(series) < m_series.size() ? m_series[size_t(series)]->refined : nullptr;
}

} // namespace hs::ui
