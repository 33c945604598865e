// LinePlotView: what the cursor points at (read-out, clicks) and the cells
// the grid selected (marks).

#include "lineplotview.h"
#include "lineplotview_p.h"

#include <qcustomplot.h>

#include <QLabel>

#include <limits>

namespace hs::ui {

using namespace hs::core;

qint64 LinePlotView::indexAt(double x) const
{
    if (m_series.empty() || !m_series[0]->base || m_slice.resultRank() < 1)
        return -1;
    const quint64 n = m_slice.resultShape()[0];
    if (n == 0)
        return -1;
    if (!m_setup->scale) {
        const DimSlice &d = m_slice.dims()[size_t(m_slice.datasetDimOf(0))];
        if (x <= double(d.start))
            return 0;
        const quint64 pos = d.positionOf(quint64(std::llround(x)));
        // positionOf gives the element at or before; take the nearer neighbour.
        if (pos + 1 < n && std::abs(keyOf(pos + 1) - x) < std::abs(keyOf(pos) - x))
            return qint64(pos + 1);
        return qint64(std::min(pos, n - 1));
    }
    // With a scale: the nearest drawn key (monotonic scales), from the finest data at hand.
    const Decimation *sc = m_series[0]->refined && m_scaleRefined ? m_scaleRefined.get() : m_scaleBase.get();
    if (!sc)
        return -1;
    qint64 best = -1;
    double bestDist = std::numeric_limits<double>::infinity();
    if (sc->isPoints) {
        for (size_t i = 0; i < sc->points.size(); ++i)
            if (std::abs(sc->points[i] - x) < bestDist) {
                bestDist = std::abs(sc->points[i] - x);
                best = qint64(sc->first + i);
            }
    } else {
        for (const auto &c : sc->columns)
            if (std::abs(c.firstValue - x) < bestDist) {
                bestDist = std::abs(c.firstValue - x);
                best = qint64(c.first);
            }
    }
    return best;
}

std::vector<quint64> LinePlotView::datasetIndexOf(int s, quint64 i) const
{
    std::vector<quint64> index;
    if (s < 0 || size_t(s) >= m_series.size())
        return index;
    const Selection &sel = m_series[size_t(s)]->setup.source.selection();
    for (const DimSlice &d : sel.dims())
        index.push_back(d.dropped ? d.start : d.datasetIndex(i));
    return index;
}

void LinePlotView::updateReadout(double x, double y, bool inside)
{
    if (!inside || m_series.empty()) {
        m_readout->clear();
        return;
    }
    const qint64 i = indexAt(x);
    if (i < 0) {
        m_readout->clear();
        return;
    }
    // The series nearest the cursor's y among those with a value here.
    int best = -1;
    double bestDist = std::numeric_limits<double>::infinity();
    QString valueText;
    for (size_t s = 0; s < m_series.size(); ++s) {
        const Series &ser = *m_series[s];
        const Decimation *d = ser.refined && quint64(i) >= ser.refined->first && quint64(i) < ser.refined->last ? ser.refined.get()
                                                                                                            : ser.base.get();
        if (!d)
            continue;
        if (d->isPoints) {
            const size_t k = size_t(quint64(i) - d->first);
            if (quint64(i) < d->first || k >= d->points.size())
                continue;
            const double v = d->points[k];
            const double dist = std::isfinite(v) ? std::abs(v - y) : 1e300;
            if (dist < bestDist || best < 0) {
                best = int(s);
                bestDist = dist;
                valueText = std::isnan(v) ? tr("missing") : plotNumber(v);
            }
        } else {
            for (const auto &c : d->columns) {
                if (quint64(i) < c.first || quint64(i) >= c.first + c.count)
                    continue;
                const double dist = c.isGap() ? 1e300 : std::min(std::abs(c.min - y), std::abs(c.max - y));
                if (dist < bestDist || best < 0) {
                    best = int(s);
                    bestDist = dist;
                    valueText = c.isGap() ? tr("gap") : tr("%1 … %2 over %3 values").arg(plotNumber(c.min), plotNumber(c.max)).arg(c.count);
                }
                break;
            }
        }
    }
    if (best < 0) {
        m_readout->clear();
        return;
    }
    QStringList idx;
    for (quint64 v : datasetIndexOf(best, quint64(i)))
        idx << QString::number(v);
    QString text = QStringLiteral("[%1] = %2").arg(idx.join(QStringLiteral(", ")), valueText);
    if (m_setup && m_setup->scale)
        text = QStringLiteral("%1 = %2   %3").arg(m_setup->xLabel, plotNumber(x), text);
    if (m_series.size() > 1)
        text += QStringLiteral("   (%1)").arg(m_series[size_t(best)]->graph->name());
    m_readout->setText(text);
}

QString LinePlotView::readoutText() const
{
    return m_readout->text();
}

void LinePlotView::onClicked(double x, double y)
{
    const qint64 i = indexAt(x);
    if (i < 0 || m_series.empty())
        return;
    // The nearest series by value at that index (columns: the nearest of min and max).
    int best = 0;
    double bestDist = std::numeric_limits<double>::infinity();
    for (size_t s = 0; s < m_series.size(); ++s) {
        const auto it = m_series[s]->graph->data()->findBegin(x, true);
        if (it != m_series[s]->graph->data()->constEnd() && std::isfinite(it->value)) {
            if (std::abs(it->value - y) < bestDist) {
                bestDist = std::abs(it->value - y);
                best = int(s);
            }
        }
    }
    Q_EMIT cellClicked(datasetIndexOf(best, quint64(i)));
}

void LinePlotView::markCells(const Selection &selected)
{
    m_marked = selected;
    m_hasMarks = selected.dims().size() == m_slice.dims().size() && selected.elementCount() > 0;
    updateMarks();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int LinePlotView::markedCount() const
{
    return m_marks->data()->size();
}

void LinePlotView::updateMarks()
{
    QVector<double> keys, values;
    m_markBand->setVisible(false);
    if (!m_hasMarks || m_series.empty() || m_slice.resultRank() < 1) {
        m_marks->setData(keys, values, true);
        return;
    }
    const int d0 = m_slice.datasetDimOf(0);
    const DimSlice &sel0 = m_marked.dims()[size_t(d0)];
    const quint64 lo = sel0.start, hi = sel0.start + (sel0.count ? (sel0.count - 1) * sel0.stride : 0);
    double bandLo = std::numeric_limits<double>::infinity(), bandHi = -bandLo;
    for (auto &sp : m_series) {
        const Series &s = *sp;
        const Selection &line = s.setup.source.selection();
        // The series is marked when every fixed index of it lies in the selection.
        bool inside = true;
        for (size_t d = 0; d < line.dims().size(); ++d) {
            if (int(d) == d0)
                continue;
            const DimSlice &m = m_marked.dims()[d];
            const quint64 v = line.dims()[d].start;
            const quint64 last = m.start + (m.count ? (m.count - 1) * m.stride : 0);
            inside = inside && v >= m.start && v <= last && (v - m.start) % (m.stride ? m.stride : 1) == 0;
        }
        if (!inside)
            continue;
        const DimSlice &dim = line.dims()[size_t(d0)];
        const Decimation *d = s.base.get();
        if (!d)
            continue;
        for (int pass = 0; pass < 2; ++pass) {
            const Decimation *src = pass == 0 ? s.refined.get() : d;
            if (!src || !src->isPoints)
                continue;
            for (size_t k = 0; k < src->points.size(); ++k) {
                const quint64 index = dim.datasetIndex(src->first + k);
                if (index < lo || index > hi || !std::isfinite(src->points[k]))
                    continue;
                if (pass == 1 && s.refined && src->first + k >= s.refined->first && src->first + k < s.refined->last)
                    continue;
                const double key = m_setup && m_setup->scale
                                       ? (pass == 0 && m_scaleRefined && k < m_scaleRefined->points.size() ? m_scaleRefined->points[k]
                                          : m_scaleBase && k < m_scaleBase->points.size()                 ? m_scaleBase->points[k]
                                                                                                          : keyOf(src->first + k))
                                       : keyOf(src->first + k);
                keys << key;
                values << src->points[k];
            }
        }
        bandLo = std::min(bandLo, double(lo));
        bandHi = std::max(bandHi, double(hi));
    }
    m_marks->setData(keys, values, false);
    // Too many points to mark one by one (a decimated series): a band over the selected range.
    if (keys.isEmpty() && bandLo <= bandHi && !(m_setup && m_setup->scale)) {
        m_markBand->topLeft->setCoords(bandLo - 0.5, 0);
        m_markBand->bottomRight->setCoords(bandHi + 0.5, 1);
        m_markBand->setVisible(true);
    }
}

} // namespace hs::ui
