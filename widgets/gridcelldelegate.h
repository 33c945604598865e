#pragma once

#include <QCache>
#include <QStyledItemDelegate>

#include <memory>

namespace hs::ui {

class CellTextLayout;
struct ShapedLine;

// Paints the grid's cells as QStyledItemDelegate does, pixel for pixel, in a
// fraction of the time: a cell of the dataset grid is one line of text with an
// alignment, selected or not. QStyledItemDelegate asks the model for eight
// roles, and the style shapes the text twice (to measure and to draw) and
// again to elide it, for every cell of every paint: ~35 us a cell, 26 ms for
// a 1600 x 1000 window. Here the text is laid out from a per-font glyph table
// (CellTextLayout), the selection filled as the style fills it, and the text
// drawn as one glyph run. Text the table refuses (other scripts, symbols) is
// shaped by Qt as the style would, once per text and width, and kept.
//
// Whatever it cannot reproduce goes to QStyledItemDelegate::paint: the cell
// with the keyboard focus (the style draws its focus frame), text that needs
// shaping (non-ASCII, a trailing space), decorations, check boxes, word wrap,
// right-to-left layouts, styles whose item drawing has not been checked to
// match (only Fusion, Qt's style on Linux, is; style sheets never), cells for which
// the model gives more than a string and an alignment (a font, colours, a
// background, a decoration or a check state).
class GridCellDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit GridCellDelegate(QObject *parent = nullptr);
    ~GridCellDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Cells painted here / handed to QStyledItemDelegate since construction
    // (for tests and the benchmark).
    quint64 fastCells() const { return m_fast; }
    quint64 styledCells() const { return m_styled; }
    // Of the fast cells, those whose text Qt shaped (once per text and width).
    quint64 shapedCells() const { return m_shapedCells; }

    static constexpr int ShapedLinesKept = 4096; // a few screens of distinct texts

private:
    bool paintFast(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    bool styleMatches(const QStyle *style) const;

    mutable std::unique_ptr<CellTextLayout> m_layout;
    // Text the glyph table refuses, shaped as the style shapes it, by text,
    // width and alignment (an LRU; cleared when the font changes).
    mutable QCache<QString, ShapedLine> m_shaped;
    mutable quint64 m_shapedCells = 0;
    mutable const QStyle *m_checkedStyle = nullptr;
    mutable bool m_styleMatches = false;
    mutable quint64 m_fast = 0, m_styled = 0;
};

} // namespace hs::ui
