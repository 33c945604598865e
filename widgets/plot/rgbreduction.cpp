#include "plot/rgbreduction.h"

#include <algorithm>
#include <cmath>

namespace hs::ui {

QImage RgbImage::toImage() const
{
    const core::ReducedImage &r = *channel[0];
    double top = 0;
    for (const auto &ch : channel)
        for (double v : ch->mean)
            if (std::isfinite(v))
                top = std::max(top, v);
    // 8-bit images as they are; wider ones scaled to their brightest value.
    const double scale = top <= 255 ? 1.0 : 255.0 / top;
    QImage image(r.outCols, r.outRows, QImage::Format_RGB32);
    for (int i = 0; i < r.outRows; ++i) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(i));
        for (int j = 0; j < r.outCols; ++j) {
            int c[3];
            for (int k = 0; k < 3; ++k) {
                const double v = channel[size_t(k)]->mean[size_t(i) * r.outCols + j];
                c[k] = std::isfinite(v) ? std::clamp(int(std::lround(v * scale)), 0, 255) : 0;
            }
            line[j] = qRgb(c[0], c[1], c[2]);
        }
    }
    return image;
}

core::Result<std::unique_ptr<RgbReduction>> RgbReduction::create(const std::array<core::PlotSource, 3> &channels,
                                                                 int width, int height, quint64 row0, quint64 rows,
                                                                 quint64 col0, quint64 cols)
{
    std::unique_ptr<RgbReduction> r(new RgbReduction);
    for (int c = 0; c < 3; ++c) {
        auto reducer = core::ImageReducer::create(channels[size_t(c)], width, height, core::ReducedImage::Mode::Mean,
                                                    row0, rows, col0, cols);
        if (!reducer)
            return reducer.error();
        r->m_total += reducer.value()->total();
        r->m_reducers[size_t(c)] = std::move(reducer.value());
    }
    return r;
}

QString RgbReduction::title() const
{
    return QStringLiteral("Reducing an RGB image");
}

bool RgbReduction::step()
{
    if (m_current >= 3)
        return false;
    core::ImageReducer &r = *m_reducers[size_t(m_current)];
    const quint64 before = r.done();
    const bool more = r.step();
    m_done += r.done() - before;
    if (r.error())
        return fail(*r.error());
    if (!more) {
        m_out->channel[size_t(m_current)] = r.takeOutput();
        ++m_current;
    }
    return m_current < 3;
}

} // namespace hs::ui
