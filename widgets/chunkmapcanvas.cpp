#include "chunkmapcanvas.h"

#include "storageformat.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace hs::ui {

using namespace hs::core;

namespace {

constexpr int kMaxCell = 32;        // px: a few chunks stay small squares, not tiles
constexpr int kMaxMapHeight = 320;  // px: the map is a glance, the panel scrolls
constexpr int kGap = 8;             // px between the map and its legend

// Viridis: perceptually even, readable in grey, and kind to colour-blind eyes.
QColor viridis(double t)
{
    static const QColor stops[] = {QColor(0x44, 0x01, 0x54), QColor(0x3b, 0x52, 0x8b), QColor(0x21, 0x91, 0x8c),
                                   QColor(0x5e, 0xc9, 0x62), QColor(0xfd, 0xe7, 0x25)};
    t = std::clamp(t, 0.0, 1.0) * 4;
    const int i = std::min(int(t), 3);
    const double f = t - i;
    const QColor &a = stops[i], &b = stops[i + 1];
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f), float(a.greenF() + (b.greenF() - a.greenF()) * f),
                            float(a.blueF() + (b.blueF() - a.blueF()) * f));
}

const QColor kUnallocated(0xe3, 0xe3, 0xe3);
const QColor kHatch(0xb4, 0xb4, 0xb4);

void fillUnallocated(QPainter &p, const QRectF &r)
{
    p.fillRect(r, kUnallocated);
    if (r.width() >= 6 && r.height() >= 6)
        p.fillRect(r, QBrush(kHatch, Qt::BDiagPattern));
}

int swatchWidth(int kind)
{
    return kind == 1 ? 84 : kind == 0 ? 0 : 16;
}

} // namespace

ChunkMapCanvas::ChunkMapCanvas(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    QSizePolicy sp(QSizePolicy::Expanding, QSizePolicy::Preferred);
    sp.setHeightForWidth(true);
    setSizePolicy(sp);
}

void ChunkMapCanvas::setMap(const core::ChunkMap *map, double cellAspect)
{
    m_map = map;
    m_aspect = cellAspect;
    m_hover = -1;
    updateGeometry();
    update();
}

void ChunkMapCanvas::setStale(bool stale)
{
    if (stale != m_stale) {
        m_stale = stale;
        m_hover = -1;
        update();
    }
}

int ChunkMapCanvas::heightForWidth(int w) const
{
    if (!m_map || m_map->cellBytes.empty())
        return 0;
    return int(std::ceil(geometry(w).map.bottom())) + 1 + kGap + legendHeight(w);
}

bool ChunkMapCanvas::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *he = static_cast<QHelpEvent *>(e);
        const int i = m_stale ? -1 : cellAt(he->pos());
        if (i >= 0 && toolTipFor) {
            const QRect r = cellRect(geometry(width()), i).toAlignedRect();
            QToolTip::showText(he->globalPos(), toolTipFor(i / m_map->cols, i % m_map->cols), this, r);
        } else {
            QToolTip::hideText();
            e->ignore();
        }
        return true;
    }
    return QWidget::event(e);
}

ChunkMapCanvas::Geometry ChunkMapCanvas::geometry(int width) const
{
    Geometry g;
    const int avail = std::max(width - 2, 8);
    const int n = int(m_map->cellBytes.size());
    if (m_map->rowDim < 0) {
        for (int s : {24, 18, 14, 11, 8, 6, 4, 3, 2}) {
            g.perLine = std::clamp(avail / s, 1, n);
            g.lines = (n + g.perLine - 1) / g.perLine;
            g.cellW = g.cellH = s;
            if (g.lines * s <= kMaxMapHeight / 2)
                break;
        }
    } else {
        g.perLine = m_map->cols;
        g.lines = m_map->rows;
        g.cellW = std::min<double>(kMaxCell, double(avail) / g.perLine);
        g.cellH = g.cellW / m_aspect;
        if (g.cellH > kMaxCell) {
            g.cellH = kMaxCell;
            g.cellW = g.cellH * m_aspect;
        }
        if (g.lines * g.cellH > kMaxMapHeight) {
            const double f = kMaxMapHeight / (g.lines * g.cellH);
            g.cellW *= f;
            g.cellH *= f;
        }
        // Whole pixels keep the gaps between cells even.
        if (g.cellW >= 3 && g.cellH >= 3) {
            g.cellW = std::floor(g.cellW);
            g.cellH = std::floor(g.cellH);
        }
    }
    g.map = QRectF(1, 1, g.perLine * g.cellW, g.lines * g.cellH);
    return g;
}

QRectF ChunkMapCanvas::cellRect(const Geometry &g, int i) const
{
    return QRectF(g.map.left() + (i % g.perLine) * g.cellW, g.map.top() + (i / g.perLine) * g.cellH, g.cellW, g.cellH);
}

int ChunkMapCanvas::cellAt(QPointF pos) const
{
    if (!m_map || m_map->cellBytes.empty())
        return -1;
    const Geometry g = geometry(width());
    if (!g.map.contains(pos))
        return -1;
    const int c = int((pos.x() - g.map.left()) / g.cellW), r = int((pos.y() - g.map.top()) / g.cellH);
    const int i = r * g.perLine + std::min(c, g.perLine - 1);
    return i < int(m_map->cellBytes.size()) ? i : -1;
}

void ChunkMapCanvas::setHover(int i)
{
    if (i != m_hover) {
        m_hover = i;
        update();
    }
}

double ChunkMapCanvas::perChunk(int i) const
{
    const quint32 n = m_map->cellAllocated.size() > size_t(i) ? m_map->cellAllocated[i] : 1;
    return m_map->cellBytes[i] < 0 || n == 0 ? -1 : double(m_map->cellBytes[i]) / n;
}

// The scale runs from 0, not from the smallest chunk: 41 and 43 bytes are
// the same to a reader and must not look like opposite ends of the scale.
std::pair<double, double> ChunkMapCanvas::range() const
{
    double lo = -1, hi = -1;
    for (int i = 0; i < int(m_map->cellBytes.size()); ++i) {
        const double v = perChunk(i);
        if (v < 0)
            continue;
        lo = lo < 0 ? v : std::min(lo, v);
        hi = std::max(hi, v);
    }
    return {lo, hi};
}

void ChunkMapCanvas::mouseMoveEvent(QMouseEvent *e)
{
    setHover(m_stale ? -1 : cellAt(e->position()));
}

void ChunkMapCanvas::leaveEvent(QEvent *)
{
    setHover(-1);
}

int ChunkMapCanvas::legendHeight(int width) const
{
    return int(legendLines(width).size()) * (fontMetrics().height() + 4);
}

std::vector<std::vector<ChunkMapCanvas::LegendItem>> ChunkMapCanvas::legendLines(int width) const
{
    const auto [lo, hi] = range();
    const bool binned = m_map->binRows * m_map->binCols > 1;
    const QString unit = binned ? tr("on disk per chunk (mean of a cell)") : tr("on disk per chunk");
    std::vector<LegendItem> scale;
    if (hi < 0) {
        // Nothing allocated: the hatch alone says it.
    } else if (hi - lo < 0.5) {
        scale.push_back({Swatch::Solid, storageformat::size(quint64(hi + 0.5)) + QLatin1Char(' ') + unit});
    } else {
        scale.push_back({Swatch::None, storageformat::size(0)});
        scale.push_back({Swatch::Gradient, storageformat::size(quint64(hi + 0.5)) + QLatin1Char(' ') + unit});
    }
    const LegendItem none{Swatch::Hatched, tr("not allocated")};
    const QFontMetrics fm = fontMetrics();
    int scaleWidth = 0;
    for (const LegendItem &it : scale)
        scaleWidth += swatchWidth(int(it.swatch)) + 6 + fm.horizontalAdvance(it.text) + 6;
    if (scale.empty() || scaleWidth + 18 + 22 + fm.horizontalAdvance(none.text) <= width) {
        scale.push_back(none);
        return {scale};
    }
    return {scale, {none}};
}

void ChunkMapCanvas::paintEvent(QPaintEvent *)
{
    if (!m_map || m_map->cellBytes.empty())
        return;
    QPainter p(this);
    if (m_stale)
        p.setOpacity(0.35);
    const Geometry g = geometry(width());
    const auto [lo, hi] = range();
    p.fillRect(g.map, palette().base());
    const bool gaps = g.cellW >= 6 && g.cellH >= 6;
    for (int i = 0; i < int(m_map->cellBytes.size()); ++i) {
        QRectF r = cellRect(g, i);
        if (gaps)
            r.adjust(0.5, 0.5, -0.5, -0.5);
        const double v = perChunk(i);
        if (v < 0)
            fillUnallocated(p, r);
        else
            p.fillRect(r, viridis(hi - lo < 0.5 ? 1.0 : v / hi));
    }
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.drawRect(g.map.adjusted(-0.5, -0.5, 0.5, 0.5));
    if (m_hover >= 0) {
        p.setPen(QPen(palette().color(QPalette::Highlight), 2));
        p.drawRect(cellRect(g, m_hover).adjusted(1, 1, -1, -1));
    }

    // Legend: "min [gradient] max on disk per chunk", then the hatch for "not allocated".
    const QFontMetrics fm = fontMetrics();
    int y = int(std::ceil(g.map.bottom())) + 1 + kGap;
    p.setPen(palette().color(QPalette::WindowText));
    for (const auto &line : legendLines(width())) {
        int x = 1;
        for (const LegendItem &it : line) {
            if (it.swatch == Swatch::Hatched && &it != &line.front())
                x += 18;
            const QRect sw(x, y + (fm.height() - 12) / 2, swatchWidth(int(it.swatch)), 12);
            switch (it.swatch) {
            case Swatch::None: break;
            case Swatch::Gradient: {
                QLinearGradient grad(sw.topLeft(), sw.topRight());
                for (int k = 0; k <= 4; ++k)
                    grad.setColorAt(k / 4.0, viridis(k / 4.0));
                p.fillRect(sw, grad);
                break;
            }
            case Swatch::Solid: p.fillRect(sw, viridis(1.0)); break;
            case Swatch::Hatched: fillUnallocated(p, sw); break;
            }
            if (it.swatch != Swatch::None)
                x += sw.width() + 6;
            const int tw = fm.horizontalAdvance(it.text);
            p.drawText(QRect(x, y, tw + 2, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, it.text);
            x += tw + 6;
        }
        y += fm.height() + 4;
    }
}

} // namespace hs::ui
