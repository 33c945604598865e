#include "gridcelldelegate.h"

#include "celltextlayout.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QPainter>
#include <QStyle>
#include <QTextLayout>

#include <algorithm>
#include <array>
#include <cmath>

namespace hs::ui {

// One line shaped by Qt as QCommonStylePrivate::viewItemDrawText shapes it
// (Qt 6: calculateElidedText, then the text or what eliding left of it laid
// out again), for text the glyph table refuses (other scripts, symbols).
struct ShapedLine
{
    std::unique_ptr<QTextLayout> layout; // what is drawn, laid out in a line `width` wide
    qint32 natural = 0;                  // the whole text's natural width, 1/64 px
    qreal lineHeight = 0;                // of the whole text's line
    int boundingHeight = 0;              // of its bounding rectangle, as the style rounds it
};

namespace {

std::unique_ptr<ShapedLine> shapeLine(const QString &text, const QFont &font, int width, Qt::Alignment alignment)
{
    for (QChar c : text) // one line only: no separators, no control characters
        if (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() < 0xa0) || c == QChar::LineSeparator
            || c == QChar::ParagraphSeparator)
            return nullptr;
    QTextOption option;
    option.setWrapMode(QTextOption::ManualWrap);
    option.setTextDirection(Qt::LeftToRight);
    option.setAlignment(QStyle::visualAlignment(Qt::LeftToRight, alignment));
    auto layOut = [&](QTextLayout &layout) {
        layout.setTextOption(option);
        layout.beginLayout();
        QTextLine line = layout.createLine();
        if (line.isValid()) {
            line.setLineWidth(width);
            line.setPosition(QPointF(0, 0));
        }
        const bool one = line.isValid() && !layout.createLine().isValid();
        layout.endLayout();
        return one;
    };
    QTextLayout whole(text, font);
    if (!layOut(whole))
        return nullptr;
    auto shaped = std::make_unique<ShapedLine>();
    const QTextLine line = whole.lineAt(0);
    shaped->natural = qint32(std::lround(line.naturalTextWidth() * CellTextLayout::Unit));
    shaped->lineHeight = line.height();
    shaped->boundingHeight = whole.boundingRect().size().toSize().height();
    const QString drawn = line.naturalTextWidth() > width ? QFontMetrics(font).elidedText(text, Qt::ElideRight, width) : text;
    shaped->layout = std::make_unique<QTextLayout>(drawn, font);
    shaped->layout->setCacheEnabled(true); // keep the glyphs: it is drawn again on every paint
    if (!layOut(*shaped->layout))
        return nullptr;
    return shaped;
}

} // namespace

GridCellDelegate::GridCellDelegate(QObject *parent) : QStyledItemDelegate(parent)
{
    m_shaped.setMaxCost(ShapedLinesKept);
}

GridCellDelegate::~GridCellDelegate() = default;

void GridCellDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (paintFast(painter, option, index)) {
        ++m_fast;
        return;
    }
    ++m_styled;
    QStyledItemDelegate::paint(painter, option, index);
}

bool GridCellDelegate::styleMatches(const QStyle *style) const
{
    // Checked once per style object. QCommonStyle's CE_ItemViewItem, as
    // Fusion draws it, is what paintFast() reproduces (the tests compare
    // pixels). Windows already differs, and a style sheet or a platform's own
    // style may too: those get QStyledItemDelegate.
    if (style != m_checkedStyle) {
        m_checkedStyle = style;
        m_styleMatches = style->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) == 0
                         && !style->inherits("QStyleSheetStyle") && !style->inherits("QProxyStyle");
    }
    return m_styleMatches;
}

bool GridCellDelegate::paintFast(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    constexpr auto Unusual = QStyleOptionViewItem::WrapText | QStyleOptionViewItem::HasCheckIndicator
                             | QStyleOptionViewItem::HasDecoration;
    if ((option.state & QStyle::State_HasFocus) || (option.state & QStyle::State_Editing)
        || option.direction != Qt::LeftToRight || (option.features & Unusual) || option.textElideMode != Qt::ElideRight)
        return false;
    const QWidget *widget = option.widget;
    const QStyle *style = widget ? widget->style() : QApplication::style();
    if (!styleMatches(style))
        return false;
    // Every role QStyledItemDelegate::initStyleOption looks at, in one call
    // (a model may answer them together): anything beyond a string and an
    // alignment changes the looks, and the style draws it.
    std::array<QModelRoleData, 7> roles{QModelRoleData(Qt::DisplayRole),    QModelRoleData(Qt::TextAlignmentRole),
                                        QModelRoleData(Qt::FontRole),       QModelRoleData(Qt::ForegroundRole),
                                        QModelRoleData(Qt::BackgroundRole), QModelRoleData(Qt::DecorationRole),
                                        QModelRoleData(Qt::CheckStateRole)};
    index.multiData(roles);
    for (size_t i = 2; i < roles.size(); ++i)
        if (roles[i].data().isValid())
            return false;
    const QVariant &value = roles[0].data();
    if (value.typeId() != QMetaType::QString)
        return false; // numbers etc. are formatted by locale in displayText()
    const QString text = value.toString();
    Qt::Alignment alignment = option.displayAlignment;
    const QVariant &align = roles[1].data();
    if (align.typeId() == qMetaTypeId<Qt::Alignment>())
        alignment = align.value<Qt::Alignment>();
    else if (align.isValid() && align.canConvert<int>())
        alignment = Qt::Alignment::fromInt(align.toInt()); // as initStyleOption reads an int

    if (!m_layout || m_layout->font() != option.font) {
        m_layout = std::make_unique<CellTextLayout>(option.font);
        m_shaped.clear();
    }
    CellTextLayout &layout = *m_layout;
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    // QCommonStyle::viewItemDrawText elides against the text rectangle.
    const QRect display = option.rect;
    const int fullWidth = display.width() - 2 * margin;
    const bool wholeCell = style->styleHint(QStyle::SH_ItemView_ShowDecorationSelected, &option, widget);
    // The line: from the glyph table, or else shaped by Qt once and kept.
    bool elide = false;
    const ShapedLine *shaped = nullptr;
    if (!text.isEmpty() && layout.layout(text)) {
        elide = layout.naturalWidth() > qint32(fullWidth) * CellTextLayout::Unit;
        if (elide && !layout.layoutElided(text, fullWidth))
            return false; // from here on, `layout` holds what is drawn
    } else if (!text.isEmpty()) {
        if (!wholeCell)
            return false; // the line's width would depend on the text's own
        const QString key = text + QChar(0) + QString::number(fullWidth) + QChar(0) + QString::number(int(alignment));
        shaped = m_shaped.object(key);
        if (!shaped) {
            std::unique_ptr<ShapedLine> line = shapeLine(text, option.font, fullWidth, alignment);
            if (!line)
                return false;
            shaped = line.get();
            m_shaped.insert(key, line.release());
        }
        ++m_shapedCells;
    }
    const qint32 natural = text.isEmpty() ? 0 : shaped ? shaped->natural : layout.naturalWidth();
    const qreal height = shaped ? shaped->lineHeight : layout.lineHeight();

    // The style's palette choice (QCommonStyle, CE_ItemViewItem).
    QPalette::ColorGroup cg = (option.state & QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled;
    if (cg == QPalette::Normal && !(option.state & QStyle::State_Active))
        cg = QPalette::Inactive;
    // PE_PanelItemViewItem's colour group looks at the widget's enabled state.
    QPalette::ColorGroup panelCg = (widget ? widget->isEnabled() : bool(option.state & QStyle::State_Enabled))
                                       ? QPalette::Normal
                                       : QPalette::Disabled;
    if (panelCg == QPalette::Normal && !(option.state & QStyle::State_Active))
        panelCg = QPalette::Inactive;

    // Where the style puts the text (viewItemLayout): the whole cell when a
    // selection shows behind the whole item, else a rectangle of the text's
    // own size aligned in it.
    const bool selected = option.state & QStyle::State_Selected;
    if (selected && !wholeCell && text.isEmpty())
        return false; // the style fills a margins-wide rectangle: rare, let it
    QRect textRect = display;
    if (!wholeCell && !text.isEmpty()) {
        const int w = (natural + CellTextLayout::Unit - 1) / CellTextLayout::Unit + 2 * margin;
        const int h = int(std::ceil(height));
        textRect = QStyle::alignedRect(option.direction, alignment, QSize(w, h).boundedTo(display.size()), display);
    }
    if (selected) {
        const QBrush highlight = option.palette.brush(panelCg, QPalette::Highlight);
        if (wholeCell)
            painter->fillRect(display, highlight);
        else
            painter->fillRect(textRect, highlight);
    }
    if (text.isEmpty())
        return true;

    // QCommonStylePrivate::viewItemDrawText (Qt 6): the line's top from
    // its bounding rectangle (the height rounded up) aligned in the rectangle
    // less the margins; then the text, or what eliding left of it, laid out
    // again in a line of that width and aligned in it by its advance.
    const QRect inner = textRect.adjusted(margin, 0, -margin, 0);
    const int boundingHeight = shaped ? shaped->boundingHeight : qRound(std::ceil(height));
    const int top = QStyle::alignedRect(Qt::LayoutDirectionAuto, alignment, QSize(inner.width(), boundingHeight), inner).top();
    if (top + height <= inner.top())
        return true; // the line is above the visible rectangle: nothing drawn
    const QColor colour = option.palette.color(cg, selected ? QPalette::HighlightedText : QPalette::Text);
    if (shaped) {
        // Its glyphs may come from several fonts and reach anywhere: clipped
        // to the cell, as the style does.
        painter->save();
        painter->setClipRect(display);
        painter->setPen(colour);
        shaped->layout->draw(painter, QPointF(inner.left(), top));
        painter->restore();
        return true;
    }
    qreal x = inner.left();
    const qint32 slack = qint32(inner.width()) * CellTextLayout::Unit - layout.width();
    const Qt::Alignment horizontal = QStyle::visualAlignment(option.direction, alignment) & Qt::AlignHorizontal_Mask;
    if (horizontal & Qt::AlignRight)
        x += qreal(slack) / CellTextLayout::Unit;
    else if (horizontal & Qt::AlignHCenter)
        x += qreal(slack / 2) / CellTextLayout::Unit;
    const qreal y = top + layout.ascent();
    // The style clips the item to its cell. Only text that can reach past it
    // (one character wider than a very narrow column) needs the clip here.
    const qreal right = x + qreal(std::max(layout.naturalWidth(), layout.width())) / CellTextLayout::Unit;
    if (x < display.left() || right > display.right() + 1 || top < display.top() || top + height > display.bottom() + 1) {
        painter->save();
        painter->setClipRect(display);
        painter->setPen(colour);
        layout.draw(painter, QPointF(x, y));
        painter->restore();
        return true;
    }
    const QPen old = painter->pen();
    painter->setPen(colour);
    layout.draw(painter, QPointF(x, y));
    painter->setPen(old);
    return true;
}

} // namespace hs::ui
