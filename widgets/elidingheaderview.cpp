#include "elidingheaderview.h"

#include <QStringList>
#include <QStyle>
#include <QStyleOptionHeader>

#include <algorithm>

namespace hs::ui {

void ElidingHeaderView::initStyleOptionForIndex(QStyleOptionHeader *option, int logicalIndex) const
{
    QHeaderView::initStyleOptionForIndex(option, logicalIndex);
    if (orientation() != Qt::Horizontal)
        return;
    // Measured bold, as the current section is drawn.
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics fm(bold);
    const int width = sectionSize(logicalIndex) - 2 * style()->pixelMetric(QStyle::PM_HeaderMargin, option, this);
    QStringList lines = option->text.split(QLatin1Char('\n'));
    for (QString &line : lines)
        line = fm.elidedText(line, Qt::ElideRight, std::max(width, 0));
    option->text = lines.join(QLatin1Char('\n'));
}

QString ElidingHeaderView::shownText(int logicalIndex) const
{
    QStyleOptionHeader option;
    initStyleOption(&option);
    initStyleOptionForIndex(&option, logicalIndex);
    return option.text;
}

} // namespace hs::ui
