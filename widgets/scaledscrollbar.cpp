#include "scaledscrollbar.h"

namespace hs::ui {

ScaledScrollBar::ScaledScrollBar(Qt::Orientation orientation, QWidget *parent) : QScrollBar(orientation, parent)
{
    connect(this, &QScrollBar::valueChanged, this, [this](int v) {
        if (m_updating)
            return;
        const quint64 p = fromInt(v);
        if (p == m_position)
            return;
        m_position = p;
        Q_EMIT positionChanged(p);
    });
    // Arrow clicks move by exactly one line even when the bar is scaled.
    connect(this, &QAbstractSlider::actionTriggered, this, [this](int action) {
        if (!scaled())
            return;
        quint64 p = m_position;
        const quint64 page = quint64(std::max(1, pageStep()));
        switch (action) {
        case QAbstractSlider::SliderSingleStepAdd: p = std::min(m_max, p + 1); break;
        case QAbstractSlider::SliderSingleStepSub: p = p > 0 ? p - 1 : 0; break;
        case QAbstractSlider::SliderPageStepAdd: p = m_max - p > page ? p + page : m_max; break;
        case QAbstractSlider::SliderPageStepSub: p = p > page ? p - page : 0; break;
        default: return;
        }
        m_position = p;
        m_updating = true;
        setSliderPosition(toInt(p));
        m_updating = false;
        Q_EMIT positionChanged(p);
    });
}

void ScaledScrollBar::setRange64(quint64 maximum, quint64 page)
{
    m_max = maximum;
    m_updating = true;
    setRange(0, int(scaled() ? Scale : maximum));
    setPageStep(int(std::min<quint64>(page, Scale)));
    setSingleStep(1);
    m_position = std::min(m_position, m_max);
    setValue(toInt(m_position));
    m_updating = false;
}

void ScaledScrollBar::setPosition(quint64 position)
{
    m_position = std::min(position, m_max);
    m_updating = true;
    setValue(toInt(m_position));
    m_updating = false;
}

int ScaledScrollBar::toInt(quint64 p) const
{
    if (!scaled())
        return int(p);
    return int(static_cast<long double>(p) / static_cast<long double>(m_max) * Scale);
}

quint64 ScaledScrollBar::fromInt(int v) const
{
    if (!scaled())
        return quint64(std::max(v, 0));
    if (v >= int(Scale))
        return m_max;
    return quint64(static_cast<long double>(v) / Scale * static_cast<long double>(m_max));
}

} // namespace hs::ui
