#include "gridcelldelegate.h"

#include "celltextlayout.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QPainter>
#include <QStyle>

#include <algorithm>
#include <array>
#include <cmath>

namespace hs::ui {

GridCellDelegate::GridCellDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

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
    // Checked once per style object. QCommonStyle's CE_ItemViewItem is what
    // paintFast() reproduces; Fusion and Windows use it for item views (the
    // tests compare pixels). A style sheet or another style may not.
    if (style != m_checkedStyle) {
        m_checkedStyle = style;
        const QString name = style->name().toLower();
        m_styleMatches = (name == QLatin1String("fusion") || name == QLatin1String("windows"))
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

    if (!m_layout || m_layout->font() != option.font)
        m_layout = std::make_unique<CellTextLayout>(option.font);
    CellTextLayout &layout = *m_layout;
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    // QCommonStyle::viewItemDrawText elides against the text rectangle.
    const QRect display = option.rect;
    const int fullWidth = display.width() - 2 * margin;
    if (!text.isEmpty() && !layout.layout(text))
        return false;
    const bool elide = !text.isEmpty() && layout.naturalWidth() > qint32(fullWidth) * CellTextLayout::Unit;
    if (elide && !layout.layoutElided(text, fullWidth))
        return false; // from here on, `layout` holds what is drawn

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
    const bool wholeCell = style->styleHint(QStyle::SH_ItemView_ShowDecorationSelected, &option, widget);
    if (selected && !wholeCell && text.isEmpty())
        return false; // the style fills a margins-wide rectangle: rare, let it
    QRect textRect = display;
    if (!wholeCell && !text.isEmpty()) {
        const int w = (layout.naturalWidth() + CellTextLayout::Unit - 1) / CellTextLayout::Unit + 2 * margin;
        const int h = int(std::ceil(layout.lineHeight()));
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
    const qreal height = layout.lineHeight();
    const int boundingHeight = qRound(std::ceil(height));
    const int top = QStyle::alignedRect(Qt::LayoutDirectionAuto, alignment, QSize(inner.width(), boundingHeight), inner).top();
    if (top + height <= inner.top())
        return true; // the line is above the visible rectangle: nothing drawn
    qreal x = inner.left();
    const qint32 slack = qint32(inner.width()) * CellTextLayout::Unit - layout.width();
    const Qt::Alignment horizontal = QStyle::visualAlignment(option.direction, alignment) & Qt::AlignHorizontal_Mask;
    if (horizontal & Qt::AlignRight)
        x += qreal(slack) / CellTextLayout::Unit;
    else if (horizontal & Qt::AlignHCenter)
        x += qreal(slack / 2) / CellTextLayout::Unit;
    const qreal y = top + layout.ascent();
    const QColor colour = option.palette.color(cg, selected ? QPalette::HighlightedText : QPalette::Text);
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
