#pragma once

#include "plot/colormap.h"
#include "plot/colorrange.h"

#include <qcustomplot.h>

#include <optional>
#include <vector>

namespace hs::ui {

// Ticks from a dimension scale. The plot's coordinates stay result indices
// (so zoom, read-out and clicks need no mapping); a scale with an even step
// (most are) gets ticks at round values of the scale, others get the index
// ticks labelled with the scale's value there.
class ScaleTicker : public QCPAxisTicker
{
public:
    explicit ScaleTicker(std::vector<double> values);

protected:
    double getTickStep(const QCPRange &range) override;
    QVector<double> createTickVector(double tickStep, const QCPRange &range) override;
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar, int precision) override;

private:
    double toValue(double index) const { return m_values.front() + m_step * index; }
    double toIndex(double value) const { return (value - m_values.front()) / m_step; }
    QCPRange valueRange(const QCPRange &r) const;

    std::vector<double> m_values;
    double m_step = 0; // of an evenly spaced scale; 0 otherwise
};

// Ticks on an index axis: whole numbers only (no "2.5" between rows).
class IndexTicker : public QCPAxisTicker
{
protected:
    double getTickStep(const QCPRange &range) override;
};

// A colour no map uses, so that a gap (NaN, Inf, fill value) never reads as data.
QColor gapColorFor(core::ColorMap::Name name);
// The map as a QCustomPlot gradient over 0..1 (256 levels), gaps in gapColorFor().
QCPColorGradient gradientOf(const core::ColorMap &map);
// A palette (H5IM PALETTE) as a gradient whose level i is exactly colour i.
QCPColorGradient paletteGradient(const std::vector<QRgb> &palette);

// The parts of an image plot, styled: axes (row 0 at the top, whole-number
// ticks pointing outwards, no grid across the picture), an image layer (a
// colour map without smoothing), a picture layer (RGB), and the histogram
// beside the colour scale (counts on a log axis).
void styleImageAxes(QCustomPlot *plot);
QCPColorMap *newImageLayer(QCustomPlot *plot);
QCPItemPixmap *newPixmapLayer(QCustomPlot *plot);
QCPAxisRect *newHistogramRect(QCustomPlot *plot);
QCPGraph *newHistogramGraph(QCPAxisRect *rect);

// What the user asked of an image's colours.
struct ColorRequest
{
    enum Mode { Percentile, Full, Manual };
    std::optional<core::ColorMap::Name> map; // nullopt: automatic
    bool log = false;
    Mode mode = Percentile;
    double low = 1, high = 99; // percentiles, or the manual bounds
};
struct ColorChoice
{
    core::ColorMap map;
    core::ColorRange range;
};
// The map and range for an image whose finite pixel values are `sample`:
// automatic maps are viridis, or coolwarm (centred on zero) for signed data on a linear scale.
ColorChoice chooseImageColors(const std::vector<double> &sample, bool signedData, double smallestPositive,
                              const ColorRequest &request);

} // namespace hs::ui
