#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace hs::ui {

// The option bar above an image plot: colour map, log scale, colour range
// (percentiles, min–max or typed), how a reduced image combines its blocks,
// square pixels, reset, save and copy. It only says what was chosen; the view
// decides, and shows its state back through the show* calls (which emit nothing).
class ImagePlotControls : public QWidget
{
    Q_OBJECT
public:
    enum Range { Percentile1, Percentile01, MinMax, Manual };

    explicit ImagePlotControls(QWidget *parent = nullptr);

    void showColorMap(const QString &name); // empty: automatic
    void showLog(bool log);
    void showRange(Range range, double lower, double upper);
    void showReduce(int reduce);
    void showAspect(bool locked);

Q_SIGNALS:
    void colorMapChosen(const QString &name); // empty: automatic
    void logToggled(bool log);
    void percentilesChosen(double lowPercent, double highPercent);
    void fullRangeChosen();
    void manualRangeChosen(double lower, double upper);
    void reduceChosen(int reduce); // ImagePlotView::Reduce
    void aspectToggled(bool locked);
    void resetClicked();
    void saveClicked();
    void copyClicked();

private:
    QComboBox *m_map, *m_range, *m_reduce;
    QCheckBox *m_log, *m_aspect;
    QLineEdit *m_lo, *m_hi;
};

} // namespace hs::ui
