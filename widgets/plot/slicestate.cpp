#include "slicestate.h"

namespace hs::ui {

SliceState::SliceState(QObject *parent)
    : QObject(parent)
{
}

void SliceState::setView(const core::Selection &selection, bool transposed)
{
    if (selection == m_selection && transposed == m_transposed)
        return;
    m_selection = selection;
    m_transposed = transposed;
    Q_EMIT viewChanged(m_selection, m_transposed);
}

void SliceState::setFixedIndex(int dim, quint64 index)
{
    if (dim < 0 || size_t(dim) >= m_selection.dims().size())
        return;
    core::DimSlice &d = m_selection.dims()[size_t(dim)];
    if (!d.dropped || index >= m_selection.datasetShape()[size_t(dim)] || d.start == index)
        return;
    d.start = index;
    Q_EMIT viewChanged(m_selection, m_transposed);
}

void SliceState::setCurrentCell(quint64 row, quint64 column)
{
    if (row == m_row && column == m_column)
        return;
    m_row = row;
    m_column = column;
    Q_EMIT currentCellChanged(row, column);
}

void SliceState::setSelectedCells(const core::Selection &selected)
{
    if (selected == m_selected)
        return;
    m_selected = selected;
    Q_EMIT selectedCellsChanged(m_selected);
}

int SliceState::rowResultDim() const
{
    const int rank = m_selection.resultRank();
    if (rank < 1)
        return -1;
    return rank == 2 && m_transposed ? 1 : 0;
}

int SliceState::columnResultDim() const
{
    if (m_selection.resultRank() != 2)
        return -1;
    return m_transposed ? 0 : 1;
}

} // namespace hs::ui
