#pragma once

#include <QTableView>
#include <QWidget>

#include <vector>

namespace hs::core {
class DatasetTableModel;
}

namespace hs::ui {

class ScaledScrollBar;

// A rectangle of cells in view coordinates (rows, grid columns), inclusive.
struct CellRange
{
    quint64 top = 0, left = 0, bottom = 0, right = 0;
    quint64 rowCount() const { return bottom - top + 1; }
    quint64 columnCount() const { return right - left + 1; }
    bool contains(quint64 r, quint64 c) const { return r >= top && r <= bottom && c >= left && c <= right; }
};

class GridTableView;

// The spreadsheet grid over a DatasetTableModel of any size. The table view
// shows only the window of cells on screen; scrolling, the cursor and the
// selection are kept here in 64-bit view coordinates, so every dataset can be
// browsed to its last element in both axes.
class DataGridView : public QWidget
{
    Q_OBJECT
public:
    explicit DataGridView(QWidget *parent = nullptr);

    void setModel(core::DatasetTableModel *model);
    core::DatasetTableModel *model() const { return m_model; }
    QTableView *tableView() const;

    quint64 currentRow() const { return m_curRow; }
    quint64 currentColumn() const { return m_curCol; }
    CellRange selection() const;
    // Moves the cursor (and scrolls to it). With `extend`, the selection grows
    // from its anchor; otherwise it collapses to the cell.
    void setCurrentCell(quint64 row, quint64 column, bool extend = false);
    void selectAll();
    // Selects several rectangles at once (the blocks or points of a region
    // reference); the cursor goes to the first one's top-left corner. Moving
    // the cursor collapses them to one again. selection() is the first one.
    void setSelectedRanges(const std::vector<CellRange> &ranges);
    // Every selected rectangle: selection() first, then the others.
    std::vector<CellRange> selectedRanges() const;
    void scrollTo(quint64 topRow, quint64 leftColumn);
    // Opens the cell editor at the cursor when the model says the cell is
    // editable (F2, double-click, or `typed`: the key that starts the edit
    // and becomes its first character). False when it is not editable.
    bool editCurrentCell(QKeyEvent *typed = nullptr);
    int visibleRows() const;
    int visibleColumns() const;

Q_SIGNALS:
    void currentCellChanged(quint64 row, quint64 column);
    void selectionChanged();
    // Double-click, or Enter on the current cell.
    void cellActivated(quint64 row, quint64 column);
    // Right-click on a cell (already made current unless it was selected).
    void cellContextMenuRequested(quint64 row, quint64 column, const QPoint &globalPos);

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    friend class GridTableView;
    void handleKey(QKeyEvent *event);
    void handleMouse(QMouseEvent *event, bool press);
    void handleWheel(QWheelEvent *event);
    bool cellAt(const QPoint &pos, quint64 *row, quint64 *column) const;
    void updateWindow();
    void updateScrollBars();
    void syncSelection();
    void ensureVisible(quint64 row, quint64 column);
    int columnWidth(quint64 gridColumn) const;
    void measureColumns(int firstRow, int lastRow, int firstColumn, int lastColumn);
    void applyColumnWidths();
    void onSectionResized(int section, int newSize);

    core::DatasetTableModel *m_model = nullptr;
    GridTableView *m_table;
    ScaledScrollBar *m_vbar;
    ScaledScrollBar *m_hbar;
    quint64 m_top = 0, m_left = 0;
    quint64 m_curRow = 0, m_curCol = 0;
    quint64 m_anchorRow = 0, m_anchorCol = 0;
    std::vector<CellRange> m_extraRanges; // beyond the anchor/cursor rectangle
    // Per field (grid column % fieldCount), so every column of a field has the
    // same width: 0 (the default) until its first cells arrive, then the widest
    // text of its cells and headers on screen, growing (never shrinking, up to
    // MaxColumnWidth) as wider values come into view. A width the user dragged
    // is kept (`m_userWidths`).
    std::vector<int> m_fieldWidths;
    std::vector<char> m_userWidths;
    bool m_syncing = false;
    bool m_applyingWidths = false;
    bool m_cursorShown = true; // fully on screen after the last updateWindow()

public:
    static constexpr int MinColumnWidth = 48;
    static constexpr int MaxColumnWidth = 480;
};

// The window's table: painting and headers from Qt, navigation from DataGridView.
class GridTableView : public QTableView
{
    Q_OBJECT
public:
    explicit GridTableView(DataGridView *grid);
    // QAbstractItemView::edit, for the grid (typed: forwarded to the editor).
    bool startEdit(const QModelIndex &index, QKeyEvent *typed);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void scrollContentsBy(int, int) override {}

private:
    DataGridView *m_grid;
};

} // namespace hs::ui
