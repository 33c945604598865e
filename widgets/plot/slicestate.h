#pragma once

#include "model/selection.h"

#include <QObject>

namespace hs::ui {

// The slice a dataset tab shows, shared by its views (the grid and its slice
// controls, the plot): the view's selection (shown dimensions and fixed
// indices), its orientation, the current cell and the selected cells. A view
// that changes it moves the others; setters that change nothing emit nothing,
// so views may echo each other without loops. Positions are in the view's
// result coordinates (row, element column), not grid columns.
class SliceState : public QObject
{
    Q_OBJECT
public:
    explicit SliceState(QObject *parent = nullptr);

    const core::Selection &selection() const { return m_selection; }
    bool isTransposed() const { return m_transposed; }
    quint64 currentRow() const { return m_row; }
    quint64 currentColumn() const { return m_column; }
    const core::Selection &selectedCells() const { return m_selected; }

    void setView(const core::Selection &selection, bool transposed);
    // Fixes dataset dimension `dim` (one the view does not show) at `index`.
    void setFixedIndex(int dim, quint64 index);
    void setCurrentCell(quint64 row, quint64 column);
    // An empty selection (no dimensions) clears it.
    void setSelectedCells(const core::Selection &selected);

    // Result dimensions of the view that run down the rows and across the
    // columns (-1 when the view has only one).
    int rowResultDim() const;
    int columnResultDim() const;

Q_SIGNALS:
    void viewChanged(const hs::core::Selection &selection, bool transposed);
    void currentCellChanged(quint64 row, quint64 column);
    void selectedCellsChanged(const hs::core::Selection &selected);

private:
    core::Selection m_selection;
    bool m_transposed = false;
    quint64 m_row = 0, m_column = 0;
    core::Selection m_selected;
};

} // namespace hs::ui
