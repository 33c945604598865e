#include "datagridview.h"

#include "elidingheaderview.h"
#include "gridcelldelegate.h"
#include "gridpainthold.h"

#include "models/datasettablemodel.h"
#include "scaledscrollbar.h"
#include "services/datasetreader.h"

#include <QContextMenuEvent>
#include <QGridLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QStringList>
#include <QStyle>
#include <QTimer>
#include <QWheelEvent>

#include <algorithm>

namespace hs::ui {

using core::DatasetTableModel;

GridTableView::GridTableView(DataGridView *grid) : QTableView(grid), m_grid(grid)
{
    setHorizontalHeader(new ElidingHeaderView(Qt::Horizontal, this));
    horizontalHeader()->setSectionsClickable(true); // as QTableView's own header
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSelectionMode(QAbstractItemView::NoSelection); // selection is drawn from DataGridView's range
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setItemDelegate(new GridCellDelegate(this)); // QStyledItemDelegate's looks, a fraction of its time
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    verticalHeader()->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // Columns are sized to their content (DataGridView::measureColumns); the
    // user may drag them. A header text wider than that (a long scale value)
    // is elided on the right (ElidingHeaderView), whole in its tooltip.
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setDefaultSectionSize(110);
    horizontalHeader()->setHighlightSections(true);
    verticalHeader()->setHighlightSections(true);
}

bool GridTableView::startEdit(const QModelIndex &index, QKeyEvent *typed)
{
    if (!typed)
        return edit(index, QAbstractItemView::AllEditTriggers, nullptr);
    // Only AnyKeyPressed forwards the key to the new editor; the trigger is
    // on just for this call (the grid does its own key handling).
    setEditTriggers(QAbstractItemView::AnyKeyPressed);
    const bool ok = edit(index, QAbstractItemView::AnyKeyPressed, typed);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    return ok;
}

void GridTableView::keyPressEvent(QKeyEvent *event)
{
    m_grid->handleKey(event);
    if (!event->isAccepted())
        QTableView::keyPressEvent(event);
}

void GridTableView::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    m_grid->handleMouse(event, true);
}

void GridTableView::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        m_grid->handleMouse(event, false);
}

void GridTableView::mouseDoubleClickEvent(QMouseEvent *event)
{
    quint64 r = 0, c = 0;
    if (event->button() == Qt::LeftButton && m_grid->cellAt(event->position().toPoint(), &r, &c)) {
        if (r == m_grid->currentRow() && c == m_grid->currentColumn() && m_grid->editCurrentCell())
            return;
        Q_EMIT m_grid->cellActivated(r, c);
    }
}

void GridTableView::contextMenuEvent(QContextMenuEvent *event)
{
    quint64 r = 0, c = 0;
    if (!m_grid->cellAt(event->pos(), &r, &c))
        return;
    // Right-clicking inside the selection keeps it (to copy it); elsewhere it
    // moves the cursor there first, as spreadsheets do.
    bool inside = false;
    for (const CellRange &range : m_grid->selectedRanges())
        inside = inside || range.contains(r, c);
    if (!inside)
        m_grid->setCurrentCell(r, c);
    Q_EMIT m_grid->cellContextMenuRequested(r, c, event->globalPos());
}

void GridTableView::wheelEvent(QWheelEvent *event)
{
    m_grid->handleWheel(event);
}

DataGridView::DataGridView(QWidget *parent)
    : QWidget(parent),
      m_table(new GridTableView(this)),
      m_vbar(new ScaledScrollBar(Qt::Vertical, this)),
      m_hbar(new ScaledScrollBar(Qt::Horizontal, this))
{
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_table, 0, 0);
    layout->addWidget(m_vbar, 0, 1);
    layout->addWidget(m_hbar, 1, 0);
    setFocusProxy(m_table);
    m_table->viewport()->installEventFilter(this);
    connect(m_vbar, &ScaledScrollBar::positionChanged, this, [this](quint64 p) { scrollTo(p, m_left); });
    connect(m_hbar, &ScaledScrollBar::positionChanged, this, [this](quint64 p) { scrollTo(m_top, p); });
}

QTableView *DataGridView::tableView() const
{
    return m_table;
}

void DataGridView::setModel(DatasetTableModel *model)
{
    m_model = model;
    m_table->setModel(model);
    m_top = m_left = m_curRow = m_curCol = m_anchorRow = m_anchorCol = 0;
    m_extraRanges.clear();
    m_fieldWidths.assign(size_t(model->fieldCount()), 0);
    m_userWidths.assign(size_t(model->fieldCount()), 0);
    // The header forgets section sizes when the model resets.
    connect(model, &DatasetTableModel::windowChanged, this, &DataGridView::applyColumnWidths);
    connect(model, &QAbstractItemModel::modelReset, this, &DataGridView::applyColumnWidths);
    connect(model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &tl, const QModelIndex &br) {
        measureColumns(tl.row(), br.row(), tl.column(), br.column());
    });
    connect(model, &QAbstractItemModel::headerDataChanged, this, [this](Qt::Orientation o, int first, int last) {
        if (o == Qt::Horizontal) // scale labels arrived: the cells were measured without them
            measureColumns(0, m_model->rowCount() - 1, first, last);
    });
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, this,
            [this](int section, int, int newSize) { onSectionResized(section, newSize); });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_syncing)
            return;
        // A new view (other dimensions, other selection): back to the origin.
        if (m_model->topRow() == 0 && m_model->leftColumn() == 0 && (m_top != 0 || m_left != 0)) {
            m_top = m_left = m_curRow = m_curCol = m_anchorRow = m_anchorCol = 0;
            m_extraRanges.clear();
        }
        updateScrollBars();
        syncSelection();
    });
    updateWindow();
    // Paint once, with the values, when the window lands on tiles being read.
    auto *hold = m_table->viewport()->findChild<GridPaintHold *>(QString(), Qt::FindDirectChildrenOnly);
    if (!hold)
        hold = new GridPaintHold(m_table->viewport());
    hold->setModel(model);
}

int DataGridView::visibleRows() const
{
    const int h = m_table->verticalHeader()->defaultSectionSize();
    return std::max(1, m_table->viewport()->height() / std::max(1, h));
}

int DataGridView::visibleColumns() const
{
    // Columns fully on screen from the left one; widths repeat per field.
    const int available = m_table->viewport()->width();
    int n = 0, x = 0;
    while (n < 100000) {
        x += columnWidth(m_left + quint64(n));
        if (x > available)
            break;
        ++n;
    }
    return std::max(1, n);
}

int DataGridView::columnWidth(quint64 gridColumn) const
{
    const int w = m_fieldWidths.empty() ? 0 : m_fieldWidths[size_t(gridColumn % m_fieldWidths.size())];
    return w > 0 ? w : m_table->horizontalHeader()->defaultSectionSize();
}

void DataGridView::measureColumns(int firstRow, int lastRow, int firstColumn, int lastColumn)
{
    if (!m_model || m_fieldWidths.empty())
        return;
    // Only what just arrived on screen is measured (a tile's cells, a header's
    // labels): a few hundred texts, well under a millisecond.
    const int fields = m_model->fieldCount();
    lastRow = std::min(lastRow, m_model->rowCount() - 1);
    lastColumn = std::min(lastColumn, m_model->columnCount() - 1);
    const QFontMetrics fm(m_table->font());
    // The current column's header is drawn bold: measure it so, or it is clipped.
    QFont headerFont = m_table->horizontalHeader()->font();
    headerFont.setBold(true);
    const QFontMetrics hfm(headerFont);
    QStyle *style = m_table->style();
    const int cellPadding = 2 * (style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_table) + 1) + 8;
    const int headerPadding = 2 * style->pixelMetric(QStyle::PM_HeaderMargin, nullptr, m_table->horizontalHeader()) + 8;
    std::vector<int> widest(size_t(fields), -1);
    for (int c = std::max(firstColumn, 0); c <= lastColumn; ++c) {
        const quint64 column = m_model->leftColumn() + quint64(c);
        const size_t f = size_t(column % quint64(fields));
        if (m_userWidths[f] || m_fieldWidths[f] >= MaxColumnWidth)
            continue;
        // Only the longest text of the column is measured: digits have one
        // width in every usual font, and text is near enough.
        QString longest;
        bool loaded = false;
        for (int r = std::max(firstRow, 0); r <= lastRow; ++r) {
            const quint64 row = m_model->topRow() + quint64(r);
            if (!m_model->isLoaded(row, column))
                continue;
            loaded = true;
            QString text = m_model->cellText(row, column);
            if (text.size() > longest.size())
                longest = std::move(text);
        }
        int w = loaded ? fm.horizontalAdvance(longest) + cellPadding : -1;
        // A field is sized once its cells are there; its header counts from then on.
        if (w < 0 && m_fieldWidths[f] == 0)
            continue;
        const QStringList lines = m_model->headerData(c, Qt::Horizontal).toString().split(QLatin1Char('\n'));
        for (const QString &line : lines)
            w = std::max(w, hfm.horizontalAdvance(line) + headerPadding);
        widest[f] = std::max(widest[f], w);
    }
    const bool cursorShown = m_cursorShown;
    bool changed = false;
    for (size_t f = 0; f < widest.size(); ++f) {
        if (widest[f] < 0)
            continue;
        const int w = std::clamp(widest[f], MinColumnWidth, MaxColumnWidth);
        if (m_fieldWidths[f] == 0 || w > m_fieldWidths[f]) {
            m_fieldWidths[f] = w;
            changed = true;
        }
    }
    if (!changed)
        return;
    applyColumnWidths();
    // Fewer (or more) columns fit now; not from inside the model's signal.
    // The cursor stays on screen (Ctrl+End scrolled to it with the old widths).
    QTimer::singleShot(0, this, [this, cursorShown] {
        scrollTo(m_top, m_left);
        if (cursorShown)
            ensureVisible(m_curRow, m_curCol);
    });
}

void DataGridView::onSectionResized(int section, int newSize)
{
    if (m_applyingWidths || !m_model || m_fieldWidths.empty())
        return;
    // The user dragged a column edge: that width wins for every column of the field.
    const size_t f = size_t((m_model->leftColumn() + quint64(section)) % m_fieldWidths.size());
    m_fieldWidths[f] = std::max(newSize, 8);
    m_userWidths[f] = 1;
    applyColumnWidths();
    QTimer::singleShot(0, this, [this] { scrollTo(m_top, m_left); });
}

void DataGridView::applyColumnWidths()
{
    if (!m_model)
        return;
    QHeaderView *header = m_table->horizontalHeader();
    m_applyingWidths = true;
    for (int c = 0; c < header->count(); ++c) {
        const int w = columnWidth(m_model->leftColumn() + quint64(c));
        if (header->sectionSize(c) != w)
            header->resizeSection(c, w);
    }
    m_applyingWidths = false;
}

void DataGridView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateWindow();
}

bool DataGridView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize) {
        // The row header widens with longer indices ("1099511627000") and
        // takes room from the cells: the cursor stays on screen if it was.
        const bool cursorShown = m_cursorShown;
        updateWindow();
        if (cursorShown && !m_cursorShown)
            ensureVisible(m_curRow, m_curCol);
    }
    return QWidget::eventFilter(watched, event);
}

void DataGridView::updateWindow()
{
    if (!m_model)
        return;
    m_syncing = true;
    // One partial row/column beyond the viewport, so the last line is drawn.
    m_model->setWindow(m_top, m_left, visibleRows() + 1, visibleColumns() + 1);
    m_syncing = false;
    m_cursorShown = m_curRow >= m_top && m_curRow < m_top + quint64(visibleRows()) && m_curCol >= m_left
                    && m_curCol < m_left + quint64(visibleColumns());
    updateScrollBars();
    syncSelection();
}

void DataGridView::updateScrollBars()
{
    if (!m_model)
        return;
    const quint64 rows = m_model->totalRows(), cols = m_model->totalColumns();
    const quint64 vr = quint64(visibleRows()), vc = quint64(visibleColumns());
    m_vbar->setRange64(rows > vr ? rows - vr : 0, vr);
    m_hbar->setRange64(cols > vc ? cols - vc : 0, vc);
    m_vbar->setPosition(m_top);
    m_hbar->setPosition(m_left);
    m_hbar->setVisible(cols > vc);
}

void DataGridView::scrollTo(quint64 topRow, quint64 leftColumn)
{
    if (!m_model)
        return;
    const quint64 rows = m_model->totalRows(), cols = m_model->totalColumns();
    const quint64 vr = quint64(visibleRows()), vc = quint64(visibleColumns());
    m_top = std::min(topRow, rows > vr ? rows - vr : 0);
    m_left = std::min(leftColumn, cols > vc ? cols - vc : 0);
    updateWindow();
}

void DataGridView::ensureVisible(quint64 row, quint64 column)
{
    const quint64 vr = quint64(visibleRows()), vc = quint64(visibleColumns());
    quint64 top = m_top, left = m_left;
    if (row < top)
        top = row;
    else if (row >= top + vr)
        top = row - vr + 1;
    if (column < left)
        left = column;
    else if (column >= left + vc)
        left = column - vc + 1;
    if (top != m_top || left != m_left)
        scrollTo(top, left);
}

bool DataGridView::cellAt(const QPoint &pos, quint64 *row, quint64 *column) const
{
    if (!m_model)
        return false;
    const QModelIndex idx = m_table->indexAt(pos);
    if (!idx.isValid())
        return false;
    *row = m_model->topRow() + quint64(idx.row());
    *column = m_model->leftColumn() + quint64(idx.column());
    return true;
}

std::vector<CellRange> DataGridView::selectedRanges() const
{
    std::vector<CellRange> all{selection()};
    all.insert(all.end(), m_extraRanges.begin(), m_extraRanges.end());
    return all;
}

void DataGridView::setSelectedRanges(const std::vector<CellRange> &ranges)
{
    if (!m_model || ranges.empty() || m_model->totalRows() == 0 || m_model->totalColumns() == 0)
        return;
    const quint64 lastRow = m_model->totalRows() - 1, lastCol = m_model->totalColumns() - 1;
    std::vector<CellRange> clamped;
    for (CellRange r : ranges) {
        if (r.top > lastRow || r.left > lastCol)
            continue; // outside this view
        r.bottom = std::min(r.bottom, lastRow);
        r.right = std::min(r.right, lastCol);
        clamped.push_back(r);
    }
    if (clamped.empty())
        return;
    // The anchor at the far corner keeps the first rectangle selected while the
    // cursor sits on its first cell.
    const CellRange &first = clamped.front();
    m_anchorRow = first.bottom;
    m_anchorCol = first.right;
    m_curRow = first.top;
    m_curCol = first.left;
    m_extraRanges.assign(clamped.begin() + 1, clamped.end());
    // Show the first cell near the top-left, with a little context above it.
    scrollTo(first.top > 2 ? first.top - 2 : 0, first.left > 1 ? first.left - 1 : 0);
    syncSelection();
    Q_EMIT currentCellChanged(m_curRow, m_curCol);
    Q_EMIT selectionChanged();
}

CellRange DataGridView::selection() const
{
    return {std::min(m_anchorRow, m_curRow), std::min(m_anchorCol, m_curCol), std::max(m_anchorRow, m_curRow),
            std::max(m_anchorCol, m_curCol)};
}

void DataGridView::setCurrentCell(quint64 row, quint64 column, bool extend)
{
    if (!m_model || m_model->totalRows() == 0 || m_model->totalColumns() == 0)
        return;
    row = std::min(row, m_model->totalRows() - 1);
    column = std::min(column, m_model->totalColumns() - 1);
    m_curRow = row;
    m_curCol = column;
    m_extraRanges.clear();
    if (!extend) {
        m_anchorRow = row;
        m_anchorCol = column;
    }
    ensureVisible(row, column);
    syncSelection();
    Q_EMIT currentCellChanged(row, column);
    Q_EMIT selectionChanged();
}

void DataGridView::selectAll()
{
    if (!m_model || m_model->totalRows() == 0 || m_model->totalColumns() == 0)
        return;
    m_anchorRow = 0;
    m_anchorCol = 0;
    m_curRow = m_model->totalRows() - 1;
    m_curCol = m_model->totalColumns() - 1;
    m_extraRanges.clear();
    syncSelection();
    Q_EMIT selectionChanged();
}

void DataGridView::syncSelection()
{
    if (!m_model)
        return;
    // Draw the visible part of the 64-bit selection through the view's own
    // selection model (the view's selection mode only blocks Qt's handling).
    QItemSelectionModel *sm = m_table->selectionModel();
    if (!sm)
        return;
    const quint64 top = m_model->topRow(), left = m_model->leftColumn();
    const int rows = m_model->rowCount(), cols = m_model->columnCount();
    QItemSelection visible;
    for (const CellRange &sel : selectedRanges()) {
        if (rows > 0 && cols > 0 && sel.bottom >= top && sel.right >= left && sel.top < top + quint64(rows)
            && sel.left < left + quint64(cols)) {
            const int r0 = int(std::max(sel.top, top) - top), r1 = int(std::min(sel.bottom, top + quint64(rows) - 1) - top);
            const int c0 = int(std::max(sel.left, left) - left), c1 = int(std::min(sel.right, left + quint64(cols) - 1) - left);
            visible.merge(QItemSelection(m_model->index(r0, c0), m_model->index(r1, c1)), QItemSelectionModel::Select);
        }
    }
    sm->select(visible, QItemSelectionModel::ClearAndSelect);
    if (m_curRow >= top && m_curRow < top + quint64(rows) && m_curCol >= left && m_curCol < left + quint64(cols))
        sm->setCurrentIndex(m_model->index(int(m_curRow - top), int(m_curCol - left)), QItemSelectionModel::NoUpdate);
    else
        sm->setCurrentIndex({}, QItemSelectionModel::NoUpdate);
}

void DataGridView::handleKey(QKeyEvent *event)
{
    if (!m_model) {
        event->ignore();
        return;
    }
    const bool extend = event->modifiers() & Qt::ShiftModifier;
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    const quint64 lastRow = m_model->totalRows() ? m_model->totalRows() - 1 : 0;
    const quint64 lastCol = m_model->totalColumns() ? m_model->totalColumns() - 1 : 0;
    const quint64 page = quint64(std::max(1, visibleRows() - 1));
    quint64 r = m_curRow, c = m_curCol;
    switch (event->key()) {
    case Qt::Key_Up: r = ctrl ? 0 : (r > 0 ? r - 1 : 0); break;
    case Qt::Key_Down: r = ctrl ? lastRow : std::min(lastRow, r + 1); break;
    case Qt::Key_Left: c = ctrl ? 0 : (c > 0 ? c - 1 : 0); break;
    case Qt::Key_Right: c = ctrl ? lastCol : std::min(lastCol, c + 1); break;
    case Qt::Key_PageUp: r = r > page ? r - page : 0; break;
    case Qt::Key_PageDown: r = lastRow - r > page ? r + page : lastRow; break;
    case Qt::Key_Home:
        c = 0;
        if (ctrl)
            r = 0;
        break;
    case Qt::Key_End:
        c = lastCol;
        if (ctrl)
            r = lastRow;
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        event->accept();
        Q_EMIT cellActivated(m_curRow, m_curCol);
        return;
    case Qt::Key_F2:
        if (editCurrentCell())
            event->accept();
        else
            event->ignore();
        return;
    case Qt::Key_A:
        if (ctrl) {
            selectAll();
            event->accept();
            return;
        }
        [[fallthrough]];
    default:
        // Typing on an editable cell starts editing it with that character.
        if (!ctrl && !(event->modifiers() & (Qt::AltModifier | Qt::MetaModifier)) && !event->text().isEmpty()
            && event->text().at(0).isPrint() && editCurrentCell(event)) {
            event->accept();
            return;
        }
        event->ignore();
        return;
    }
    event->accept();
    setCurrentCell(r, c, extend);
}

bool DataGridView::editCurrentCell(QKeyEvent *typed)
{
    if (!m_model)
        return false;
    ensureVisible(m_curRow, m_curCol);
    const quint64 top = m_model->topRow(), left = m_model->leftColumn();
    if (m_curRow < top || m_curCol < left || m_curRow - top >= quint64(m_model->rowCount())
        || m_curCol - left >= quint64(m_model->columnCount()))
        return false;
    const QModelIndex index = m_model->index(int(m_curRow - top), int(m_curCol - left));
    if (!(m_model->flags(index) & Qt::ItemIsEditable))
        return false;
    syncSelection(); // the view's current index is the cursor
    return m_table->startEdit(index, typed);
}

void DataGridView::handleMouse(QMouseEvent *event, bool press)
{
    if (!m_model)
        return;
    const QModelIndex idx = m_table->indexAt(event->position().toPoint());
    if (!idx.isValid())
        return;
    const quint64 r = m_model->topRow() + quint64(idx.row());
    const quint64 c = m_model->leftColumn() + quint64(idx.column());
    const bool extend = !press || (event->modifiers() & Qt::ShiftModifier);
    setCurrentCell(r, c, extend);
}

void DataGridView::handleWheel(QWheelEvent *event)
{
    if (!m_model)
        return;
    const QPoint delta = event->angleDelta();
    const bool horizontal = (event->modifiers() & Qt::ShiftModifier) || std::abs(delta.x()) > std::abs(delta.y());
    const int d = horizontal ? (delta.x() ? delta.x() : delta.y()) : delta.y();
    const qint64 steps = -qint64(d) / 40; // 3 rows per notch of 120
    if (steps == 0)
        return;
    if (horizontal) {
        const quint64 left = steps < 0 ? (m_left > quint64(-steps) ? m_left - quint64(-steps) : 0) : m_left + quint64(steps);
        scrollTo(m_top, left);
    } else {
        const quint64 top = steps < 0 ? (m_top > quint64(-steps) ? m_top - quint64(-steps) : 0) : m_top + quint64(steps);
        scrollTo(top, m_left);
    }
    event->accept();
}

} // namespace hs::ui
