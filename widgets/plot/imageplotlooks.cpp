#include "plot/imageplotlooks.h"

#include <algorithm>
#include <cmath>

namespace hs::ui {

ScaleTicker::ScaleTicker(std::vector<double> values)
    : m_values(std::move(values)) {
  const size_t n = m_values.size();
  if (n >= 2 && std::isfinite(m_values.front()) &&
      std::isfinite(m_values.back())) {
    m_step = (m_values.back() - m_values.front()) / double(n - 1);
    for (size_t i = 0; i < n && m_step != 0; ++i)
      if (!(std::abs(m_values[i] - (m_values.front() + m_step * double(i))) <=
            1e-6 * std::abs(m_step)))
        m_step = 0;
  }
}

QCPRange ScaleTicker::valueRange(const QCPRange &r) const {
  QCPRange v(toValue(r.lower), toValue(r.upper));
  v.normalize();
  return v;
}

double ScaleTicker::getTickStep(const QCPRange &range) {
  return m_step != 0 ? QCPAxisTicker::getTickStep(valueRange(range))
                     : QCPAxisTicker::getTickStep(range);
}

QVector<double> ScaleTicker::createTickVector(double tickStep,
                                              const QCPRange &range) {
  if (m_step == 0)
    return QCPAxisTicker::createTickVector(tickStep, range);
  QVector<double> ticks;
  for (double v : QCPAxisTicker::createTickVector(tickStep, valueRange(range)))
    ticks << toIndex(v);
  std::sort(ticks.begin(), ticks.end());
  return ticks;
}

QString ScaleTicker::getTickLabel(double tick, const QLocale &locale, QChar,
                                  int) {
  if (m_step != 0) {
    const double v = toValue(tick);
    return locale.toString(std::abs(v) < 1e-9 * std::abs(m_step) ? 0.0 : v, 'g',
                           6);
  }
  const qint64 i = qint64(std::llround(tick));
  if (i < 0 || i >= qint64(m_values.size()))
    return {};
  return locale.toString(m_values[size_t(i)], 'g', 5);
}

double IndexTicker::getTickStep(const QCPRange &range)
{
    const double step = QCPAxisTicker::getTickStep(range);
    return step < 1 ? 1.0 : std::floor(step);
}

QColor gapColorFor(core::ColorMap::Name name) {
  switch (name) {
  case core::ColorMap::Name::Magma:
  case core::ColorMap::Name::CoolWarm:
    return QColor(0, 200, 0);
  default:
    return QColor(255, 0, 255);
  }
}

QCPColorGradient gradientOf(const core::ColorMap &map) {
  QCPColorGradient g;
  QMap<double, QColor> stops;
  const int n = 65;
  for (int i = 0; i < n; ++i) {
    const double pos = double(i) / (n - 1);
    stops.insert(pos, QColor::fromRgba(map.colorAt(pos)));
  }
  g.setColorStops(stops);
  g.setLevelCount(256);
  g.setNanHandling(QCPColorGradient::nhNanColor);
  g.setNanColor(gapColorFor(core::ColorMap::fromName(map.name())
                                .value_or(core::ColorMap::Name::Viridis)));
  return g;
}

QCPColorGradient paletteGradient(const std::vector<QRgb> &palette) {
  QCPColorGradient g;
  QMap<double, QColor> stops;
  const int n = int(palette.size());
  for (int i = 0; i < n; ++i)
    stops.insert(n > 1 ? double(i) / (n - 1) : 0.0, QColor(palette[size_t(i)]));
  g.setColorStops(stops);
  g.setLevelCount(std::max(2, n));
  g.setNanHandling(QCPColorGradient::nhNanColor);
  g.setNanColor(QColor(255, 0, 255));
  return g;
}

void styleImageAxes(QCustomPlot *plot)
{
    plot->xAxis->setLabel(QObject::tr("column"));
    plot->yAxis->setLabel(QObject::tr("row"));
    plot->axisRect()->setupFullAxesBox(true);
    plot->yAxis->setRangeReversed(true); // row 0 at the top, as an image
    plot->yAxis2->setRangeReversed(true);
    for (QCPAxis *a : {plot->xAxis, plot->yAxis}) {
        a->grid()->setVisible(false); // no lines across the picture
        a->setTicker(QSharedPointer<QCPAxisTicker>(new IndexTicker));
    }
    for (QCPAxis *a : plot->axisRect()->axes()) {
        // Ticks point outwards, off the picture.
        a->setTickLength(0, 5);
        a->setSubTickLength(0, 3);
    }
}

QCPColorMap *newImageLayer(QCustomPlot *plot)
{
    auto *map = new QCPColorMap(plot->xAxis, plot->yAxis);
    map->setInterpolate(false);
    map->setAntialiased(false); // crisp edges: an antialiased edge blends with the background
    map->setTightBoundary(false);
    map->setDataRange(QCPRange(0, 1));
    map->setVisible(false);
    return map;
}

QCPItemPixmap *newPixmapLayer(QCustomPlot *plot)
{
    auto *item = new QCPItemPixmap(plot);
    item->setScaled(true, Qt::IgnoreAspectRatio, Qt::FastTransformation);
    item->setClipToAxisRect(true);
    item->setVisible(false);
    return item;
}

QCPAxisRect *newHistogramRect(QCustomPlot *plot)
{
    auto *rect = new QCPAxisRect(plot, false);
    rect->addAxes(QCPAxis::atLeft | QCPAxis::atBottom);
    QCPAxis *values = rect->axis(QCPAxis::atLeft), *counts = rect->axis(QCPAxis::atBottom);
    values->setTickLabels(false); // the colour scale beside it has them
    values->grid()->setVisible(false);
    counts->setTickLabels(false);
    counts->setTicks(false);
    counts->setLabel(QObject::tr("count (log)"));
    counts->setScaleType(QCPAxis::stLogarithmic); // a background peak would flatten the rest
    counts->grid()->setVisible(false);
    rect->setMinimumSize(70, 50);
    rect->setMaximumSize(90, QWIDGETSIZE_MAX);
    return rect;
}

QCPGraph *newHistogramGraph(QCPAxisRect *rect)
{
    auto *graph = new QCPGraph(rect->axis(QCPAxis::atLeft), rect->axis(QCPAxis::atBottom));
    graph->setLineStyle(QCPGraph::lsStepCenter);
    graph->setPen(QPen(QColor(70, 70, 70)));
    graph->setBrush(QColor(120, 120, 120, 90));
    return graph;
}

ColorChoice chooseImageColors(const std::vector<double> &sample, bool signedData, double smallestPositive,
                              const ColorRequest &request)
{
    ColorChoice c;
    // Diverging only where zero is a middle: not on a log scale, which has none.
    const bool diverging = signedData && !request.log;
    c.map = core::ColorMap(request.map.value_or(diverging ? core::ColorMap::Name::CoolWarm : core::ColorMap::Name::Viridis));
    const auto scale = request.log ? core::ColorRange::Scale::Log : core::ColorRange::Scale::Linear;
    // Percentiles from at most 64 k evenly spread pixels: as good for a colour
    // scale, and a sort of a screenful of values would cost the GUI thread ~40 ms.
    std::vector<double> spread;
    const size_t stride = sample.size() / 65536 + 1;
    spread.reserve(sample.size() / stride + 2);
    for (size_t k = 0; k < sample.size(); k += stride)
        spread.push_back(sample[k]);
    switch (request.mode) {
    case ColorRequest::Manual:
        c.range = core::ColorRange::manual(request.low, request.high, scale, smallestPositive);
        break;
    case ColorRequest::Full: {
        // The exact extremes join the spread pixels, so 0 and 100 % are the image's own.
        const auto [mn, mx] = std::minmax_element(sample.begin(), sample.end());
        if (mn != sample.end())
            spread.insert(spread.end(), {*mn, *mx});
        c.range = core::ColorRange::fromSample(std::move(spread), 0, 100, scale);
        break;
    }
    case ColorRequest::Percentile:
        c.range = core::ColorRange::fromSample(std::move(spread), request.low, request.high, scale);
        break;
    }
    // A diverging map is centred on zero, so that zero is its neutral middle.
    if (c.map.isDiverging() && scale == core::ColorRange::Scale::Linear && request.mode != ColorRequest::Manual
        && c.range.isValid() && c.range.lower() < 0 && c.range.upper() > 0) {
        const double m = std::max(-c.range.lower(), c.range.upper());
        c.range = core::ColorRange::manual(-m, m, scale);
    }
    return c;
}

} // namespace hs::ui
