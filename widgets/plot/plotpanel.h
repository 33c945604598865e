#pragma once

#include "model/selection.h"
#include "services/h5file.h"

#include <QWidget>

#include <functional>
#include <vector>

class QComboBox;
class QCheckBox;
class QGridLayout;
class QLabel;
class QSlider;
class QSpinBox;
class QTimer;
class QToolButton;

namespace hs::ui {

class LinePlotView;
class SliceState;

// The Plot view of a dataset tab, beside the grid: it shows what the grid's
// view shows and follows it through the shared SliceState (shown dimensions,
// fixed indices, current and selected cells), in both directions. 1-D views
// are lines; for 2-D views it draws the current row, the current column or the
// selected columns as lines, or the image (when an image view is installed).
// Sliders and spin boxes set every index the plotted line does not run along,
// and Play steps one of them. Refreshes when the file's session reports that
// the dataset's values changed.
class PlotPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Row, Column, SelectedColumns, Image };

    // The image view for 2-D slices, filled in where ImagePlotView is built
    // (the panel uses lines only while it is empty): makes the widget, and
    // shows a slice in it.
    using ImageViewFactory = std::function<QWidget *()>;
    using ImageSourceSetter = std::function<void(QWidget *, const core::H5FilePtr &, const QString &, const core::Selection &)>;
    static void setImageView(ImageViewFactory factory, ImageSourceSetter setter);

    PlotPanel(SliceState *state, core::H5FilePtr file, const QString &path, QWidget *parent = nullptr);
    ~PlotPanel() override;

    LinePlotView *lineView() const { return m_line; }
    // The image view (null until a 2-D view was first shown as an image).
    QWidget *imageView() const { return m_image; }
    SliceState *state() const { return m_state; }
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    // The 1-D (or, for selected columns, 2-D) selection the line view shows.
    core::Selection lineSelection() const;
    // The slider of dataset dimension `dim` (null when that dimension has none).
    QSlider *sliderFor(int dim) const;
    QSpinBox *spinFor(int dim) const;
    // Play: steps dataset dimension `dim` (its slider) once per frame.
    void setPlaying(bool playing, int dim = -1);
    bool isPlaying() const;

Q_SIGNALS:
    // A point was clicked: the grid selects that cell.
    void cellClicked(const std::vector<quint64> &datasetIndex);

private:
    void updatePlot();
    void rebuildSliders(const core::Selection &line);
    void syncSliders(const core::Selection &line);
    void sliderMoved(int dim, int value);
    void step();
    bool canShowImage() const;

    SliceState *m_state;
    core::H5FilePtr m_file;
    QString m_path;
    Mode m_mode = Mode::Row;
    LinePlotView *m_line;
    QWidget *m_image = nullptr;
    QComboBox *m_modeBox;
    QComboBox *m_styleBox;
    QComboBox *m_complexBox;
    QCheckBox *m_crosshair;
    QToolButton *m_reset;
    QToolButton *m_save = nullptr;
    QToolButton *m_copy = nullptr;
    QWidget *m_sliderBox;
    QGridLayout *m_sliderLayout;
    QToolButton *m_play;
    QComboBox *m_playDim;
    QTimer *m_playTimer;
    std::vector<int> m_sliderDims;      // dataset dimensions with a slider, in order
    std::vector<QSlider *> m_sliders;   // per dataset dimension (null: none)
    std::vector<QSpinBox *> m_spins;
    bool m_syncing = false;
};

} // namespace hs::ui
