#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

class QWidget;

namespace hs::core {
class DatasetTableModel;
}

namespace hs::ui {

// Holds back the grid viewport's repaint for a moment when the model's window
// moved onto tiles that are being read, so the screen is painted once, with
// its values, instead of first with placeholders and again a few milliseconds
// later. A read of a screen's tiles takes a millisecond or two, while a paint
// of a large grid takes several; painting placeholders first made the values
// wait for that paint (a new tab's first screen: loaded at 15-35 ms instead of
// 3 ms; after Ctrl+End 7 ms instead of 1 ms).
//
// The hold ends when every tile under the window has arrived or failed, or
// after HoldMs whatever happens, so a slow read still shows its placeholders
// (and the GUI never waits on it). While holding, the viewport's paint events
// are dropped (the viewport keeps its background) and it is repainted whole
// when the hold ends. GUI thread only.
class GridPaintHold : public QObject
{
    Q_OBJECT
public:
    static constexpr int HoldMs = 30; // about two frames at 60 Hz

    explicit GridPaintHold(QWidget *viewport);

    void setModel(core::DatasetTableModel *model);
    bool isHolding() const { return m_holding; }
    // Paint events dropped since construction (for tests).
    int droppedPaints() const { return m_dropped; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onWindowChanged();
    void onTileArrived();
    void release();
    bool windowResolved() const;

    QWidget *m_viewport;
    QPointer<core::DatasetTableModel> m_model;
    QTimer m_timer;
    bool m_holding = false;
    bool m_droppedSinceHold = false;
    int m_dropped = 0;
};

} // namespace hs::ui
