#include "plotstyle.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QMouseEvent>
#include <QPalette>

#include <array>

namespace hs::ui {

QColor PlotStyle::seriesColor(int i)
{
    // Okabe-Ito, darkest first on a light background; blue leads as in most plotting tools.
    static const std::array<QColor, 8> colors = {QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00), QColor(0x00, 0x9E, 0x73),
                                                 QColor(0xCC, 0x79, 0xA7), QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
                                                 QColor(0x33, 0x33, 0x33), QColor(0xF0, 0xE4, 0x42)};
    return colors[size_t(i < 0 ? 0 : i) % colors.size()];
}

QColor PlotStyle::markColor()
{
    return QColor(0xD6, 0x27, 0x28);
}

QColor PlotStyle::crosshairColor()
{
    return QColor(120, 120, 120, 160);
}

void PlotStyle::apply(QCustomPlot *plot)
{
    const QPalette pal = QApplication::palette();
    const QColor bg = pal.color(QPalette::Base), fg = pal.color(QPalette::Text);
    const bool dark = bg.lightness() < 128;
    const QColor gridColor = dark ? QColor(255, 255, 255, 28) : QColor(0, 0, 0, 22);
    const QColor subGrid = dark ? QColor(255, 255, 255, 12) : QColor(0, 0, 0, 9);
    const QColor axisColor = dark ? QColor(200, 200, 200) : QColor(110, 110, 110);
    plot->setBackground(bg);
    plot->axisRect()->setBackground(bg);
    QFont tick = plot->font();
    tick.setPointSizeF(std::max(7.0, tick.pointSizeF() - 1));
    QFont label = plot->font();
    for (QCPAxis *axis : {plot->xAxis, plot->yAxis, plot->xAxis2, plot->yAxis2}) {
        axis->setBasePen(QPen(axisColor, 1));
        axis->setTickPen(QPen(axisColor, 1));
        axis->setSubTickPen(QPen(axisColor, 1));
        axis->setTickLabelColor(fg);
        axis->setLabelColor(fg);
        axis->setTickLabelFont(tick);
        axis->setLabelFont(label);
        axis->setTickLengthIn(0);
        axis->setTickLengthOut(4);
        axis->setSubTickLengthIn(0);
        axis->setSubTickLengthOut(2);
        axis->grid()->setPen(QPen(gridColor, 1));
        axis->grid()->setSubGridPen(QPen(subGrid, 1, Qt::DotLine));
        axis->grid()->setZeroLinePen(QPen(gridColor.darker(dark ? 60 : 140), 1));
        axis->setNumberFormat(QStringLiteral("gb"));
    }
    plot->xAxis->grid()->setSubGridVisible(false);
    plot->yAxis->grid()->setSubGridVisible(false);
    // An open frame: only the bottom and left axes, as scientists know from matplotlib.
    plot->xAxis2->setVisible(false);
    plot->yAxis2->setVisible(false);
    plot->legend->setFont(tick);
    plot->legend->setBrush(QColor(bg.red(), bg.green(), bg.blue(), 220));
    plot->legend->setBorderPen(QPen(gridColor.darker(200)));
    plot->legend->setTextColor(fg);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    plot->axisRect()->setRangeZoomFactor(0.85);
    plot->selectionRect()->setPen(QPen(QColor(0x00, 0x72, 0xB2), 1, Qt::DashLine));
    plot->selectionRect()->setBrush(QColor(0x00, 0x72, 0xB2, 30));
    plot->setAntialiasedElements(QCP::aeNone);
    plot->setNoAntialiasingOnDrag(true);
}

PlotInteraction::PlotInteraction(QCustomPlot *plot)
    : QObject(plot), m_plot(plot)
{
    m_vline = new QCPItemStraightLine(plot);
    m_hline = new QCPItemStraightLine(plot);
    for (QCPItemStraightLine *line : {m_vline, m_hline}) {
        line->setPen(QPen(PlotStyle::crosshairColor(), 1, Qt::DashLine));
        line->setSelectable(false);
        line->setVisible(false);
        line->setLayer(QStringLiteral("overlay"));
    }
    plot->layer(QStringLiteral("overlay"))->setMode(QCPLayer::lmBuffered);
    plot->setMouseTracking(true);
    plot->installEventFilter(this);
}

void PlotInteraction::setCrosshairVisible(bool visible)
{
    m_crosshair = visible;
    if (!visible) {
        m_vline->setVisible(false);
        m_hline->setVisible(false);
        m_plot->layer(QStringLiteral("overlay"))->replot();
    }
}

void PlotInteraction::setHorizontalNavigation(bool horizontal)
{
    m_horizontal = horizontal;
    const Qt::Orientations o = horizontal ? Qt::Horizontal : (Qt::Horizontal | Qt::Vertical);
    m_plot->axisRect()->setRangeZoom(o);
    m_plot->axisRect()->setRangeDrag(o);
}

void PlotInteraction::moveCrosshair(const QPointF &pixel)
{
    const bool inside = m_plot->axisRect()->rect().contains(pixel.toPoint());
    const bool show = m_crosshair && inside;
    m_vline->setVisible(show);
    m_hline->setVisible(show);
    if (show) {
        const double x = m_plot->xAxis->pixelToCoord(pixel.x()), y = m_plot->yAxis->pixelToCoord(pixel.y());
        m_vline->point1->setCoords(x, 0);
        m_vline->point2->setCoords(x, 1);
        m_hline->point1->setCoords(0, y);
        m_hline->point2->setCoords(1, y);
    }
    // Only the overlay layer is redrawn: moving the cursor over a long series costs nothing.
    m_plot->layer(QStringLiteral("overlay"))->replot();
}

bool PlotInteraction::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_plot || m_forwarding)
        return false;
    switch (event->type()) {
    case QEvent::MouseMove: {
        auto *e = static_cast<QMouseEvent *>(event);
        const QPointF p = e->position();
        moveCrosshair(p);
        const bool inside = m_plot->axisRect()->rect().contains(p.toPoint());
        Q_EMIT hovered(m_plot->xAxis->pixelToCoord(p.x()), m_plot->yAxis->pixelToCoord(p.y()), inside);
        break;
    }
    case QEvent::Leave:
        moveCrosshair(QPointF(-1, -1));
        Q_EMIT hovered(0, 0, false);
        break;
    case QEvent::MouseButtonPress: {
        auto *e = static_cast<QMouseEvent *>(event);
        m_pressPos = e->position();
        m_pressed = e->button() == Qt::LeftButton;
        // Shift+drag or the right button draws a rubber band that zooms to it; a plain drag pans.
        const bool band = e->button() == Qt::RightButton || (e->modifiers() & Qt::ShiftModifier);
        m_plot->setSelectionRectMode(band ? QCP::srmZoom : QCP::srmNone);
        if (e->button() == Qt::RightButton) {
            // QCustomPlot starts the band on any button; hand it a left press.
            QMouseEvent left(QEvent::MouseButtonPress, e->position(), e->globalPosition(), Qt::LeftButton, Qt::LeftButton,
                             e->modifiers());
            m_forwarding = true;
            QCoreApplication::sendEvent(m_plot, &left);
            m_forwarding = false;
            return true;
        }
        break;
    }
    case QEvent::MouseButtonRelease: {
        auto *e = static_cast<QMouseEvent *>(event);
        if (m_pressed && e->button() == Qt::LeftButton && (e->position() - m_pressPos).manhattanLength() < 4) {
            const QPointF p = e->position();
            if (m_plot->axisRect()->rect().contains(p.toPoint()))
                Q_EMIT clicked(m_plot->xAxis->pixelToCoord(p.x()), m_plot->yAxis->pixelToCoord(p.y()), p);
        }
        m_pressed = false;
        if (e->button() == Qt::RightButton) {
            QMouseEvent left(QEvent::MouseButtonRelease, e->position(), e->globalPosition(), Qt::LeftButton, Qt::NoButton,
                             e->modifiers());
            m_forwarding = true;
            QCoreApplication::sendEvent(m_plot, &left);
            m_forwarding = false;
            return true;
        }
        break;
    }
    case QEvent::Wheel:
        if (m_horizontal) {
            const bool ctrl = static_cast<QWheelEvent *>(event)->modifiers() & Qt::ControlModifier;
            m_plot->axisRect()->setRangeZoom(ctrl ? Qt::Vertical : Qt::Horizontal);
        }
        break;
    case QEvent::MouseButtonDblClick:
        Q_EMIT resetRequested();
        return true;
    default:
        break;
    }
    return false;
}

} // namespace hs::ui
