#pragma once

#include "model/storageinfo.h"

#include <QWidget>

#include <functional>
#include <utility>
#include <vector>

namespace hs::ui {

// Paints the cells of a ChunkMap, coloured by bytes on disk (hatched grey
// where nothing is allocated), and its legend. 2-D maps keep the proportions
// of the slice; 1-D maps wrap like text. Tooltips come from the owner.
class ChunkMapCanvas : public QWidget
{
public:
    explicit ChunkMapCanvas(QWidget *parent = nullptr);

    // (map row, map column) -> tooltip text.
    std::function<QString(int, int)> toolTipFor;

    // `map` must stay alive while shown (the owner keeps it); null shows nothing.
    void setMap(const core::ChunkMap *map, double cellAspect);
    // Faded while a new map is being built in its place.
    void setStale(bool stale);

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int w) const override;
    QSize sizeHint() const override { return {360, heightForWidth(360)}; }
    QSize minimumSizeHint() const override { return {120, heightForWidth(120)}; }

protected:
    void paintEvent(QPaintEvent *) override;
    bool event(QEvent *e) override;
    void mouseMoveEvent(QMouseEvent *e) override;
    void leaveEvent(QEvent *) override;

private:
    struct Geometry
    {
        double cellW = 0, cellH = 0;
        int perLine = 0, lines = 0; // cells per drawn line, drawn lines
        QRectF map;
    };
    Geometry geometry(int width) const;
    QRectF cellRect(const Geometry &g, int i) const;
    int cellAt(QPointF pos) const; // cell index, -1 outside
    void setHover(int i);

    // Bytes on disk per allocated chunk (-1 for none): a binned cell reads
    // like one chunk, so colours mean the same at every zoom.
    double perChunk(int i) const;
    std::pair<double, double> range() const; // smallest and largest of perChunk; -1 when none

    enum class Swatch { None, Gradient, Solid, Hatched };
    struct LegendItem // a swatch, then its words
    {
        Swatch swatch = Swatch::None;
        QString text;
    };
    std::vector<std::vector<LegendItem>> legendLines(int width) const;
    int legendHeight(int width) const;

    const core::ChunkMap *m_map = nullptr;
    double m_aspect = 1;
    int m_hover = -1;
    bool m_stale = false;
};

} // namespace hs::ui
