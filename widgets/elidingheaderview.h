#pragma once

#include <QHeaderView>

namespace hs::ui {

// Column headers elided on the right when wider than their section (Qt's
// styles clip them at both ends: 0.0344827586... read as 34482758620689);
// the whole text is the model's tooltip.
class ElidingHeaderView : public QHeaderView
{
    Q_OBJECT
public:
    using QHeaderView::QHeaderView;
    // The text a section shows (for tests).
    QString shownText(int logicalIndex) const;

protected:
    void initStyleOptionForIndex(QStyleOptionHeader *option, int logicalIndex) const override;
};

} // namespace hs::ui
