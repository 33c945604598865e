#include "plotpanel.h"

#include "imageplotview.h"
#include "lineplotview.h"
#include "plotsaver.h"
#include "session/editoperation.h"
#include "session/filesession.h"
#include "slicestate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

namespace hs::ui {

using namespace hs::core;

namespace {
// 2-D slices show as images in ImagePlotView unless a test replaces it.
PlotPanel::ImageViewFactory &imageFactory()
{
    static PlotPanel::ImageViewFactory f = [] { return new ImagePlotView; };
    return f;
}
PlotPanel::ImageSourceSetter &imageSetter()
{
    static PlotPanel::ImageSourceSetter s = [](QWidget *view, const H5FilePtr &file, const QString &path,
                                               const Selection &slice) {
        static_cast<ImagePlotView *>(view)->setSource(file, path, slice);
    };
    return s;
}

// Fixes result dimension `resultDim` of `sel` at position `pos` (dropping it).
Selection fixResultDim(Selection sel, int resultDim, quint64 pos)
{
    const int d = sel.datasetDimOf(resultDim);
    DimSlice &s = sel.dims()[size_t(d)];
    s.start = s.datasetIndex(std::min(pos, s.count ? s.count * (s.block ? s.block : 1) - 1 : 0));
    s.count = 1;
    s.stride = 1;
    s.block = 1;
    s.dropped = true;
    return sel;
}

int clampInt(quint64 v)
{
    return int(std::min<quint64>(v, quint64(std::numeric_limits<int>::max())));
}
} // namespace

void PlotPanel::setImageView(ImageViewFactory factory, ImageSourceSetter setter)
{
    imageFactory() = std::move(factory);
    imageSetter() = std::move(setter);
}

PlotPanel::PlotPanel(SliceState *state, H5FilePtr file, const QString &path, QWidget *parent)
    : QWidget(parent),
      m_state(state),
      m_file(std::move(file)),
      m_path(path),
      m_line(new LinePlotView(this)),
      m_modeBox(new QComboBox(this)),
      m_styleBox(new QComboBox(this)),
      m_complexBox(new QComboBox(this)),
      m_crosshair(new QCheckBox(tr("Crosshair"), this)),
      m_reset(new QToolButton(this)),
      m_sliderBox(new QWidget(this)),
      m_sliderLayout(new QGridLayout(m_sliderBox)),
      m_play(new QToolButton(this)),
      m_playDim(new QComboBox(this)),
      m_playTimer(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *bar = new QHBoxLayout;
    bar->setSpacing(6);
    m_modeBox->setObjectName(QStringLiteral("plotMode"));
    m_modeBox->addItem(tr("Current row"), int(Mode::Row));
    m_modeBox->addItem(tr("Current column"), int(Mode::Column));
    m_modeBox->addItem(tr("Selected columns"), int(Mode::SelectedColumns));
    if (imageFactory())
        m_modeBox->addItem(tr("Image"), int(Mode::Image));
    m_modeBox->setToolTip(tr("What to draw of a 2-D view"));
    bar->addWidget(m_modeBox);
    m_styleBox->setObjectName(QStringLiteral("plotStyle"));
    m_styleBox->addItem(tr("Line"), int(LinePlotView::Style::Line));
    m_styleBox->addItem(tr("Step"), int(LinePlotView::Style::Step));
    m_styleBox->addItem(tr("Points"), int(LinePlotView::Style::Points));
    bar->addWidget(m_styleBox);
    m_complexBox->setObjectName(QStringLiteral("complexPart"));
    m_complexBox->addItem(tr("Magnitude"), int(ComplexPart::Magnitude));
    m_complexBox->addItem(tr("Phase"), int(ComplexPart::Phase));
    m_complexBox->addItem(tr("Real"), int(ComplexPart::Real));
    m_complexBox->addItem(tr("Imaginary"), int(ComplexPart::Imaginary));
    m_complexBox->setVisible(false);
    bar->addWidget(m_complexBox);
    m_crosshair->setChecked(true);
    bar->addWidget(m_crosshair);
    bar->addStretch(1);
    m_reset->setText(tr("Reset Zoom"));
    m_reset->setToolTip(tr("Show the whole slice (or double-click the plot). Wheel: zoom; drag: pan; "
                           "Shift+drag or right-drag: zoom to a rectangle."));
    m_reset->setAutoRaise(true);
    bar->addWidget(m_reset);
    // Lines are saved and copied from here; the image view has these buttons in its own bar.
    m_save = new QToolButton(this);
    m_save->setObjectName(QStringLiteral("plotSave"));
    m_save->setText(tr("Save…"));
    m_save->setToolTip(tr("Save the plot as PNG, PDF or SVG, at a size and DPI of your choice"));
    m_save->setAutoRaise(true);
    bar->addWidget(m_save);
    m_copy = new QToolButton(this);
    m_copy->setObjectName(QStringLiteral("plotCopy"));
    m_copy->setText(tr("Copy"));
    m_copy->setToolTip(tr("Copy the plot to the clipboard as a picture"));
    m_copy->setAutoRaise(true);
    bar->addWidget(m_copy);
    layout->addLayout(bar);

    m_sliderLayout->setContentsMargins(0, 0, 0, 0);
    m_sliderLayout->setHorizontalSpacing(6);
    m_sliderLayout->setVerticalSpacing(2);
    m_sliderLayout->setColumnStretch(2, 1);
    layout->addWidget(m_sliderBox);
    auto *playRow = new QHBoxLayout;
    m_play->setObjectName(QStringLiteral("playButton"));
    m_play->setCheckable(true);
    m_play->setText(tr("▶ Play"));
    m_play->setToolTip(tr("Step through the chosen dimension"));
    m_play->setToolButtonStyle(Qt::ToolButtonTextOnly);
    playRow->addWidget(m_play);
    playRow->addWidget(m_playDim);
    playRow->addStretch(1);
    layout->addLayout(playRow);
    layout->addWidget(m_line, 1);
    m_playTimer->setInterval(80);
    m_sliderBox->hide();
    m_play->hide();
    m_playDim->hide();

    connect(m_modeBox, &QComboBox::currentIndexChanged, this, [this] { setMode(Mode(m_modeBox->currentData().toInt())); });
    connect(m_styleBox, &QComboBox::currentIndexChanged, this,
            [this] { m_line->setStyle(LinePlotView::Style(m_styleBox->currentData().toInt())); });
    connect(m_complexBox, &QComboBox::currentIndexChanged, this,
            [this] { m_line->setComplexPart(ComplexPart(m_complexBox->currentData().toInt())); });
    connect(m_crosshair, &QCheckBox::toggled, m_line, &LinePlotView::setCrosshairVisible);
    connect(m_reset, &QToolButton::clicked, m_line, &LinePlotView::resetZoom);
    connect(m_save, &QToolButton::clicked, this, [this] {
        const QString error = PlotSaver::saveWithDialog(m_line->plot(), this);
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Save Plot"), error);
    });
    connect(m_copy, &QToolButton::clicked, this, [this] { PlotSaver::copyToClipboard(m_line->plot()); });
    connect(m_play, &QToolButton::toggled, this, [this](bool on) { setPlaying(on, m_playDim->currentData().toInt()); });
    connect(m_playTimer, &QTimer::timeout, this, &PlotPanel::step);
    connect(m_line, &LinePlotView::cellClicked, this, &PlotPanel::cellClicked);
    connect(m_line, &LinePlotView::completed, this, [this] { m_complexBox->setVisible(m_line->isComplex()); });

    connect(m_state, &SliceState::viewChanged, this, &PlotPanel::updatePlot);
    connect(m_state, &SliceState::currentCellChanged, this, [this] {
        if (m_mode == Mode::Row || m_mode == Mode::Column)
            updatePlot();
    });
    connect(m_state, &SliceState::selectedCellsChanged, this, [this](const Selection &sel) {
        if (m_mode == Mode::SelectedColumns)
            updatePlot();
        else if (auto *image = qobject_cast<ImagePlotView *>(m_image); image && m_mode == Mode::Image && canShowImage())
            image->markCells(sel);
        else
            m_line->markCells(sel);
    });
    // Values edited (or an edit undone): draw again what is shown.
    if (FileSession *session = FileSession::of(m_file)) {
        connect(session, &FileSession::valuesChanged, this, [this](const QString &path, const ValueRegion &region) {
            if (path != m_path || m_line->isHidden())
                return;
            // Only a change inside what is plotted (its bounding box) is read again.
            const Selection line = m_line->slice();
            ValueRegion shown;
            for (const DimSlice &d : line.dims()) {
                shown.start.push_back(d.start);
                shown.count.push_back(d.count ? d.datasetIndex(d.count * (d.block ? d.block : 1) - 1) - d.start + 1 : 0);
            }
            if (region.start.empty() || region.start.size() != shown.start.size() || region.intersects(shown))
                m_line->reload();
        });
    }
    if (canShowImage())
        m_mode = Mode::Image;
    m_modeBox->setCurrentIndex(m_modeBox->findData(int(m_mode)));
    updatePlot();
}

PlotPanel::~PlotPanel() = default;

bool PlotPanel::canShowImage() const
{
    return imageFactory() && imageSetter() && m_state->selection().resultRank() == 2;
}

void PlotPanel::setMode(Mode mode)
{
    if (mode == Mode::Image && !imageFactory())
        mode = Mode::Row;
    if (mode == m_mode)
        return;
    m_mode = mode;
    const QSignalBlocker block(m_modeBox);
    m_modeBox->setCurrentIndex(m_modeBox->findData(int(mode)));
    updatePlot();
}

Selection PlotPanel::lineSelection() const
{
    const Selection &view = m_state->selection();
    if (view.resultRank() != 2)
        return view;
    const int rowDim = m_state->rowResultDim(), colDim = m_state->columnResultDim();
    switch (m_mode) {
    case Mode::Column:
        return fixResultDim(view, colDim, m_state->currentColumn());
    case Mode::SelectedColumns: {
        // The selected columns (at most LinePlotView::MaxSeries of them) as series; for a
        // transposed view the grid's columns are the first result dimension, so one column.
        const Selection &sel = m_state->selectedCells();
        if (m_state->isTransposed() || sel.dims().size() != view.dims().size())
            return fixResultDim(view, colDim, m_state->currentColumn());
        const DimSlice &v = view.dims()[size_t(view.datasetDimOf(1))];
        const DimSlice &s = sel.dims()[size_t(view.datasetDimOf(1))];
        const quint64 first = v.positionOf(s.start);
        const quint64 count = std::min<quint64>(s.count, LinePlotView::MaxSeries);
        if (count <= 1)
            return fixResultDim(view, 1, first);
        return view.narrowed(1, first, count);
    }
    case Mode::Row:
    case Mode::Image:
        break;
    }
    return fixResultDim(view, rowDim, m_state->currentRow());
}

void PlotPanel::updatePlot()
{
    const Selection &view = m_state->selection();
    if (view.dims().empty() && view.datasetShape().empty() && view.resultRank() == 0 && !m_file)
        return;
    const bool twoD = view.resultRank() == 2;
    m_modeBox->setVisible(twoD);
    if (m_mode == Mode::Image && canShowImage()) {
        if (!m_image) {
            m_image = imageFactory()();
            m_image->setParent(this);
            static_cast<QVBoxLayout *>(layout())->insertWidget(layout()->indexOf(m_line), m_image, 1);
            // The image links to the grid as the lines do (a test's stand-in is no ImagePlotView).
            if (auto *image = qobject_cast<ImagePlotView *>(m_image))
                connect(image, &ImagePlotView::cellClicked, this, &PlotPanel::cellClicked);
        }
        m_line->hide();
        m_image->show();
        m_styleBox->setEnabled(false);
        m_save->hide();
        m_copy->hide();
        m_reset->hide();
        m_crosshair->hide();
        imageSetter()(m_image, m_file, m_path, view);
        if (auto *image = qobject_cast<ImagePlotView *>(m_image))
            image->markCells(m_state->selectedCells());
        rebuildSliders(view);
        return;
    }
    if (m_image)
        m_image->hide();
    m_line->show();
    m_styleBox->setEnabled(true);
    m_save->show();
    m_copy->show();
    m_reset->show();
    m_crosshair->show();
    const Selection line = lineSelection();
    rebuildSliders(line);
    m_line->setSource(m_file, m_path, line);
    if (m_mode != Mode::SelectedColumns)
        m_line->markCells(m_state->selectedCells());
}

void PlotPanel::rebuildSliders(const Selection &line)
{
    std::vector<int> dims;
    for (size_t d = 0; d < line.dims().size(); ++d)
        if (line.dims()[d].dropped && line.datasetShape()[d] > 1)
            dims.push_back(int(d));
    if (dims == m_sliderDims) {
        syncSliders(line);
        return;
    }
    m_sliderDims = dims;
    qDeleteAll(m_sliderBox->findChildren<QWidget *>(Qt::FindDirectChildrenOnly));
    const size_t rank = line.dims().size();
    m_sliders.assign(rank, nullptr);
    m_spins.assign(rank, nullptr);
    const int playing = m_playDim->currentData().isValid() ? m_playDim->currentData().toInt() : -1;
    m_playDim->clear();
    const Selection &view = m_state->selection();
    int row = 0;
    for (int d : dims) {
        // A dimension the grid shows moves along the view's own range; a fixed one over the whole dimension.
        const bool gridDim = size_t(d) < view.dims().size() && !view.dims()[size_t(d)].dropped;
        const DimSlice &v = view.dims()[size_t(d)];
        const quint64 lo = gridDim ? v.start : 0;
        const quint64 hi = gridDim ? v.datasetIndex(v.count ? v.count - 1 : 0) : line.datasetShape()[size_t(d)] - 1;
        const int rowDim = m_state->rowResultDim();
        const bool isRow = gridDim && rowDim >= 0 && view.datasetDimOf(rowDim) == d;
        auto *label = new QLabel(gridDim ? (isRow ? tr("dim %1 (row)") : tr("dim %1 (column)")).arg(d) : tr("dim %1").arg(d),
                                 m_sliderBox);
        label->setToolTip(gridDim ? tr("The grid's current %1: the line plotted").arg(isRow ? tr("row") : tr("column"))
                                  : tr("The index of dimension %1 (the grid's slice follows)").arg(d));
        auto *spin = new QSpinBox(m_sliderBox);
        spin->setRange(clampInt(lo), clampInt(hi));
        spin->setSingleStep(gridDim ? int(std::max<quint64>(1, v.stride)) : 1);
        spin->setAccelerated(true);
        spin->setKeyboardTracking(false);
        spin->setObjectName(QStringLiteral("plotSpin%1").arg(d));
        auto *slider = new QSlider(Qt::Horizontal, m_sliderBox);
        slider->setRange(spin->minimum(), spin->maximum());
        slider->setSingleStep(spin->singleStep());
        slider->setObjectName(QStringLiteral("plotSlider%1").arg(d));
        auto *of = new QLabel(tr("of %1").arg(line.datasetShape()[size_t(d)]), m_sliderBox);
        of->setStyleSheet(QStringLiteral("color: palette(mid);"));
        m_sliderLayout->addWidget(label, row, 0);
        m_sliderLayout->addWidget(spin, row, 1);
        m_sliderLayout->addWidget(slider, row, 2);
        m_sliderLayout->addWidget(of, row, 3);
        m_sliders[size_t(d)] = slider;
        m_spins[size_t(d)] = spin;
        connect(slider, &QSlider::valueChanged, spin, &QSpinBox::setValue);
        connect(spin, &QSpinBox::valueChanged, slider, &QSlider::setValue);
        connect(spin, &QSpinBox::valueChanged, this, [this, d](int value) { sliderMoved(d, value); });
        m_playDim->addItem(tr("dim %1").arg(d), d);
        ++row;
    }
    m_sliderBox->setVisible(!dims.empty());
    m_play->setVisible(!dims.empty());
    m_playDim->setVisible(!dims.empty());
    const int keep = m_playDim->findData(playing);
    // Play steps the outermost fixed dimension by default (time, for (time, y, x) data).
    m_playDim->setCurrentIndex(keep >= 0 ? keep : 0);
    if (dims.empty())
        setPlaying(false);
    syncSliders(line);
}

void PlotPanel::syncSliders(const Selection &line)
{
    m_syncing = true;
    for (int d : m_sliderDims) {
        if (QSpinBox *spin = m_spins[size_t(d)])
            spin->setValue(clampInt(line.dims()[size_t(d)].start));
    }
    m_syncing = false;
}

void PlotPanel::sliderMoved(int dim, int value)
{
    if (m_syncing)
        return;
    const Selection &view = m_state->selection();
    if (size_t(dim) >= view.dims().size())
        return;
    const DimSlice &v = view.dims()[size_t(dim)];
    if (v.dropped) {
        m_state->setFixedIndex(dim, quint64(value));
        return;
    }
    // A dimension the grid shows: the plot's line moves to another row or column of the grid.
    const quint64 pos = v.positionOf(quint64(value));
    const int rowDim = m_state->rowResultDim();
    if (rowDim >= 0 && view.datasetDimOf(rowDim) == dim)
        m_state->setCurrentCell(pos, m_state->currentColumn());
    else
        m_state->setCurrentCell(m_state->currentRow(), pos);
}

QSlider *PlotPanel::sliderFor(int dim) const
{
    return dim >= 0 && size_t(dim) < m_sliders.size() ? m_sliders[size_t(dim)] : nullptr;
}

QSpinBox *PlotPanel::spinFor(int dim) const
{
    return dim >= 0 && size_t(dim) < m_spins.size() ? m_spins[size_t(dim)] : nullptr;
}

void PlotPanel::setPlaying(bool playing, int dim)
{
    if (playing && dim >= 0) {
        const int i = m_playDim->findData(dim);
        if (i < 0)
            playing = false;
        else
            m_playDim->setCurrentIndex(i);
    }
    {
        const QSignalBlocker block(m_play);
        m_play->setChecked(playing);
        m_play->setText(playing ? tr("❚❚ Pause") : tr("▶ Play"));
    }
    if (playing)
        m_playTimer->start();
    else
        m_playTimer->stop();
}

bool PlotPanel::isPlaying() const
{
    return m_playTimer->isActive();
}

void PlotPanel::step()
{
    // One frame at a time: the next index is asked for once the last one is drawn,
    // so a slow read slows the animation instead of piling up reads.
    if (!m_line->isComplete() && m_line->isVisible())
        return;
    QSpinBox *spin = spinFor(m_playDim->currentData().toInt());
    if (!spin)
        return;
    const int next = spin->value() + spin->singleStep();
    spin->setValue(next > spin->maximum() ? spin->minimum() : next);
}

} // namespace hs::ui
