#include "plot/rgbreduction.h"

namespace hs::ui {

core::Result<std::unique_ptr<RgbReduction>> RgbReduction::create(const std::array<core::PlotSource, 3> &channels,
                                                                 int width, int height)
{
    std::unique_ptr<RgbReduction> r(new RgbReduction);
    for (int c = 0; c < 3; ++c) {
        auto reducer = core::ImageReducer::create(channels[size_t(c)], width, height);
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
