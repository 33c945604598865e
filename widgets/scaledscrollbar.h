#pragma once

#include <QScrollBar>

namespace hs::ui {

// A scroll bar over a 64-bit range. QScrollBar is int-based, so ranges beyond
// 2^30 are scaled: the thumb position maps proportionally onto [0, maximum],
// and line/page steps still move by exact amounts through position().
class ScaledScrollBar : public QScrollBar
{
    Q_OBJECT
public:
    explicit ScaledScrollBar(Qt::Orientation orientation, QWidget *parent = nullptr);

    void setRange64(quint64 maximum, quint64 pageStep);
    void setPosition(quint64 position); // does not emit positionChanged
    quint64 position() const { return m_position; }
    quint64 maximum64() const { return m_max; }

Q_SIGNALS:
    void positionChanged(quint64 position); // user moved the bar

private:
    int toInt(quint64 p) const;
    quint64 fromInt(int v) const;
    bool scaled() const { return m_max > Scale; }

    static constexpr quint64 Scale = 1u << 30;
    quint64 m_max = 0;
    quint64 m_position = 0;
    bool m_updating = false;
};

} // namespace hs::ui
