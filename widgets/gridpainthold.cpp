#include "gridpainthold.h"

#include "models/datasettablemodel.h"
#include "models/tilepager.h"

#include <QEvent>
#include <QWidget>

#include <algorithm>

namespace hs::ui {

using core::DatasetTableModel;
using core::TilePager;

GridPaintHold::GridPaintHold(QWidget *viewport) : QObject(viewport), m_viewport(viewport)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(HoldMs);
    connect(&m_timer, &QTimer::timeout, this, &GridPaintHold::release);
    viewport->installEventFilter(this);
}

void GridPaintHold::setModel(DatasetTableModel *model)
{
    if (m_model) {
        disconnect(m_model, nullptr, this, nullptr);
        disconnect(m_model->pager(), nullptr, this, nullptr);
    }
    release();
    m_model = model;
    if (!model)
        return;
    connect(model, &DatasetTableModel::windowChanged, this, &GridPaintHold::onWindowChanged);
    connect(model->pager(), &TilePager::blockArrived, this, &GridPaintHold::onTileArrived);
    onWindowChanged();
}

void GridPaintHold::onWindowChanged()
{
    if (!m_model || windowResolved()) {
        release();
        return;
    }
    if (!m_holding) {
        // Timed from the first move onto missing tiles: moving on while held
        // does not hold longer.
        m_holding = true;
        m_droppedSinceHold = false;
        m_timer.start();
    }
}

void GridPaintHold::onTileArrived()
{
    if (m_holding && windowResolved())
        release();
}

void GridPaintHold::release()
{
    m_timer.stop();
    if (!m_holding)
        return;
    m_holding = false;
    if (m_droppedSinceHold)
        m_viewport->update(); // what was dropped is still to be painted
}

bool GridPaintHold::windowResolved() const
{
    // One cell per tile under the window (tiles are at least a cell wide, so
    // stepping by a tile's size visits every tile), and the last row and column.
    const DatasetTableModel &model = *m_model;
    const TilePager &pager = *model.pager();
    const int rows = model.rowCount(), cols = model.columnCount();
    if (rows == 0 || cols == 0)
        return true;
    const quint64 f = quint64(model.fieldCount());
    const quint64 r0 = model.topRow(), r1 = r0 + quint64(rows) - 1;
    const quint64 c0 = model.leftColumn() / f, c1 = (model.leftColumn() + quint64(cols) - 1) / f;
    const quint64 tr = std::max<quint64>(1, pager.tileRows()), tc = std::max<quint64>(1, pager.tileCols());
    for (quint64 r = r0;; r = std::min(r1, r + tr)) {
        for (quint64 c = c0;; c = std::min(c1, c + tc)) {
            if (!pager.blockAt(r, c) && !pager.failedAt(r, c))
                return false;
            if (c == c1)
                break;
        }
        if (r == r1)
            break;
    }
    return true;
}

bool GridPaintHold::eventFilter(QObject *watched, QEvent *event)
{
    if (m_holding && watched == m_viewport && event->type() == QEvent::Paint) {
        m_droppedSinceHold = true;
        ++m_dropped;
        return true;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace hs::ui
