#pragma once

#include <QColor>
#include <QObject>
#include <QPointF>
#include <QString>

class QCustomPlot;
class QCPItemStraightLine;
class QMouseEvent;
class QWheelEvent;

namespace hs::ui {

// The look and the handling every plot of the app shares: fonts, colours,
// margins, and the interactions (wheel zoom, pan by dragging, rubber-band
// zoom with Shift+drag or the right button, reset by double-click, a
// crosshair that follows the cursor). Both plot views apply it, so lines and
// images feel the same.
namespace PlotStyle {

// Colours for series i (a colour-blind safe qualitative palette, Okabe-Ito).
QColor seriesColor(int i);
// Applies fonts, colours, grid and margins to `plot`.
void apply(QCustomPlot *plot);
// The colour of marked (grid-selected) points and of the crosshair.
QColor markColor();
QColor crosshairColor();

} // namespace PlotStyle

// Installs the shared interactions on a plot and reports what the cursor
// points at in plot coordinates. Lives as long as the plot (its parent).
class PlotInteraction : public QObject
{
    Q_OBJECT
public:
    explicit PlotInteraction(QCustomPlot *plot);

    // Whether the crosshair follows the cursor.
    void setCrosshairVisible(bool visible);
    bool isCrosshairVisible() const { return m_crosshair; }
    // Lines: the wheel and a drag move along x only (Ctrl+wheel: y), so that
    // the y range can follow the data in view.
    void setHorizontalNavigation(bool horizontal);

Q_SIGNALS:
    // The cursor moved to (x, y) in axis coordinates; `inside` false when it left the plot area.
    void hovered(double x, double y, bool inside);
    // A click without a drag at (x, y), in axis coordinates and in pixels.
    void clicked(double x, double y, const QPointF &pixel);
    // Double-click or reset(): the owner rescales to the data.
    void resetRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void moveCrosshair(const QPointF &pixel);

    QCustomPlot *m_plot;
    QCPItemStraightLine *m_vline = nullptr;
    QCPItemStraightLine *m_hline = nullptr;
    bool m_crosshair = true;
    QPointF m_pressPos;
    bool m_pressed = false;
    bool m_horizontal = false;
    bool m_forwarding = false; // a right-button press re-sent as a left one
};

} // namespace hs::ui
