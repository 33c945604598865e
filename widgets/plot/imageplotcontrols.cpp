#include "plot/imageplotcontrols.h"

#include "plot/colormap.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleValidator>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

namespace hs::ui {

ImagePlotControls::ImagePlotControls(QWidget *parent) : QWidget(parent)
{
    // Two rows (colours; reduction and actions): in one the bar asked ~660 px,
    // and beside the grid the plot took the grid's room to have them.
    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(4, 2, 4, 0);
    rows->setSpacing(2);
    auto *row = new QHBoxLayout;
    auto *row2 = new QHBoxLayout;
    rows->addLayout(row);
    rows->addLayout(row2);
    m_map = new QComboBox(this);
    m_map->addItem(tr("Auto colours"));
    for (const QString &name : core::ColorMap::names())
        m_map->addItem(name);
    m_map->setToolTip(tr("Colour map (Auto: viridis, or a diverging map centred on zero for signed data)"));
    m_log = new QCheckBox(tr("Log"), this);
    m_log->setToolTip(tr("Logarithmic colour scale (zeros and negative values take the lowest colour)"));
    m_range = new QComboBox(this);
    m_range->addItems({tr("1–99 %"), tr("0.1–99.9 %"), tr("Min–max"), tr("Manual")});
    m_range->setToolTip(tr("Colour range: percentiles of the values, their whole range, or typed"));
    m_lo = new QLineEdit(this);
    m_hi = new QLineEdit(this);
    for (QLineEdit *e : {m_lo, m_hi}) {
        e->setValidator(new QDoubleValidator(e));
        e->setMaximumWidth(90);
        e->setVisible(false);
    }
    m_lo->setPlaceholderText(tr("low"));
    m_hi->setPlaceholderText(tr("high"));
    m_reduce = new QComboBox(this);
    m_reduce->addItems({tr("Block mean"), tr("Block min"), tr("Block max")});
    m_reduce->setToolTip(tr("How the values of an image larger than the view combine into one pixel"));
    m_aspect = new QCheckBox(tr("Square pixels"), this);
    m_aspect->setChecked(true);
    auto button = [this](const QString &text, const QString &tip) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        return b;
    };
    QToolButton *reset = button(tr("Reset"), tr("Show the whole image (or double-click it); Ctrl+drag zooms into a rectangle"));
    QToolButton *save = button(tr("Save…"), tr("Save the picture as PNG, PDF or SVG"));
    QToolButton *copy = button(tr("Copy"), tr("Copy the picture to the clipboard"));
    for (QWidget *w : std::initializer_list<QWidget *>{m_map, m_log, m_range, m_lo, m_hi})
        row->addWidget(w);
    row->addStretch(1);
    for (QWidget *w : std::initializer_list<QWidget *>{m_reduce, m_aspect})
        row2->addWidget(w);
    row2->addStretch(1);
    for (QWidget *w : std::initializer_list<QWidget *>{reset, save, copy})
        row2->addWidget(w);

    connect(m_map, &QComboBox::activated, this,
            [this](int i) { Q_EMIT colorMapChosen(i == 0 ? QString() : m_map->itemText(i)); });
    connect(m_log, &QCheckBox::toggled, this, &ImagePlotControls::logToggled);
    connect(m_range, &QComboBox::activated, this, [this](int i) {
        m_lo->setVisible(i == Manual);
        m_hi->setVisible(i == Manual);
        if (i == Percentile1)
            Q_EMIT percentilesChosen(1, 99);
        else if (i == Percentile01)
            Q_EMIT percentilesChosen(0.1, 99.9);
        else if (i == MinMax)
            Q_EMIT fullRangeChosen();
        else
            m_lo->setFocus();
    });
    auto manual = [this] {
        bool a = false, b = false;
        const double lo = m_lo->text().toDouble(&a), hi = m_hi->text().toDouble(&b);
        if (a && b && lo != hi)
            Q_EMIT manualRangeChosen(lo, hi);
    };
    connect(m_lo, &QLineEdit::editingFinished, this, manual);
    connect(m_hi, &QLineEdit::editingFinished, this, manual);
    connect(m_reduce, &QComboBox::activated, this, &ImagePlotControls::reduceChosen);
    connect(m_aspect, &QCheckBox::toggled, this, &ImagePlotControls::aspectToggled);
    connect(reset, &QToolButton::clicked, this, &ImagePlotControls::resetClicked);
    connect(save, &QToolButton::clicked, this, &ImagePlotControls::saveClicked);
    connect(copy, &QToolButton::clicked, this, &ImagePlotControls::copyClicked);
}

void ImagePlotControls::showColorMap(const QString &name)
{
    const QSignalBlocker block(m_map);
    m_map->setCurrentIndex(name.isEmpty() ? 0 : std::max(0, m_map->findText(name)));
}

void ImagePlotControls::showLog(bool log)
{
    const QSignalBlocker block(m_log);
    m_log->setChecked(log);
}

void ImagePlotControls::showRange(Range range, double lower, double upper)
{
    const QSignalBlocker block(m_range);
    m_range->setCurrentIndex(range);
    m_lo->setVisible(range == Manual);
    m_hi->setVisible(range == Manual);
    if (range == Manual || !m_lo->hasFocus())
        m_lo->setText(QString::number(lower, 'g', 6));
    if (range == Manual || !m_hi->hasFocus())
        m_hi->setText(QString::number(upper, 'g', 6));
}

void ImagePlotControls::showReduce(int reduce)
{
    const QSignalBlocker block(m_reduce);
    m_reduce->setCurrentIndex(reduce);
}

void ImagePlotControls::showAspect(bool locked)
{
    const QSignalBlocker block(m_aspect);
    m_aspect->setChecked(locked);
}

} // namespace hs::ui
