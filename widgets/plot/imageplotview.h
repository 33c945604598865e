#pragma once

#include "model/selection.h"
#include "plot/colormap.h"
#include "plot/colorrange.h"
#include "plot/imagemeta.h"
#include "plot/imagereducer.h"
#include "services/h5file.h"

#include <QPointer>
#include <QWidget>

#include <array>
#include <memory>
#include <optional>

class QCPAxisRect;
class QCPColorMap;
class QCPColorScale;
class QCPGraph;
class QCPItemPixmap;
class QCPItemRect;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QTimer;

namespace hs::ui {

struct RgbImage;
class ImagePlotControls;
class ImageLoader;

// A 2-D slice of a dataset as an image: a QCPColorMap with a colour scale and
// a histogram of the values beside it. The slice is reduced to the screen's
// size in the background (core::ImageReducer: block mean, min or max) and
// refined from the file for the part in view when zooming in. Colours: a
// core::ColorMap over a core::ColorRange (automatic with percentile clipping,
// the full range, or manual; linear or log); NaN, Inf and fill values have a
// colour of their own. HDF5 Image datasets (CLASS=IMAGE) show with their
// palette or as RGB. Every read runs as a job; a newer request drops the
// results of older ones (a generation number).
class ImagePlotView : public QWidget
{
    Q_OBJECT
public:
    enum class Reduce { Mean, Min, Max };
    enum class RangeMode { Percentile, Full, Manual };

    explicit ImagePlotView(QWidget *parent = nullptr);
    ~ImagePlotView() override;

    void setSource(const core::H5FilePtr &file, const QString &path, const core::Selection &slice);
    QCustomPlot *plot() const;
    bool waitUntilComplete(int msecs = 30000);
    QString message() const { return m_message; }
    void markCells(const core::Selection &selected);

    // Looks; each redraws (Reduce reads again).
    void setColorMap(std::optional<core::ColorMap::Name> name); // nullopt: automatic (diverging for signed data)
    void setLogScale(bool log);
    void setPercentileRange(double lowPercent, double highPercent);
    void setFullRange();
    void setManualRange(double lower, double upper);
    void setReduce(Reduce reduce);
    void setAspectLocked(bool locked);
    void resetView();
    // Hides the option bar and the read-out (headless pictures: the plot fills the view).
    void setControlsVisible(bool visible);

    // What is shown (tests, the read-out).
    const ImageMeta &meta() const { return m_meta; }
    core::ColorMap colorMap() const { return m_map; }
    core::ColorRange colorRange() const { return m_range; }
    QColor gapColor() const;
    std::shared_ptr<const core::ReducedImage> baseImage() const { return m_base; }
    std::shared_ptr<const core::ReducedImage> detailImage() const { return m_detail; }
    std::shared_ptr<const RgbImage> rgbDetail() const { return m_rgbDetail; }
    QString readoutText() const;

Q_SIGNALS:
    void cellClicked(const std::vector<quint64> &datasetIndex);
    void completed();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    std::array<double, 4> currentRanges() const;

private:
    void reload();
    void startDetail();
    void placeRgb(QCPItemPixmap *item, const RgbImage &rgb);
    const core::ReducedImage *baseLayer() const;
    void baseArrived(std::shared_ptr<const core::ReducedImage> img, bool final);
    void rgbArrived(std::shared_ptr<const RgbImage> img);
    void fail(const QString &message);
    void chooseColors();
    void recolor();
    void updateNote();
    void redraw();
    void showSidePanels(bool scale, bool histogram);
    void fillMap(QCPColorMap *map, const core::ReducedImage &img) const;
    double pixelValue(const core::ReducedImage &img, int i, int j) const;
    void drawHistogram(const std::vector<double> &sample);
    void scheduleRefine();
    void showReadout(QMouseEvent *event);
    void clicked(QMouseEvent *event);
    QSize targetPixels() const;
    void setComplete(bool complete);

    // source
    core::H5FilePtr m_file;
    QString m_path;
    core::Selection m_slice;
    ImageMeta m_meta;
    quint64 m_rows = 0, m_cols = 0;
    ImageLoader *m_loader = nullptr;
    bool m_complete = true;
    bool m_colorsChosen = false;
    QString m_message;

    // options
    std::optional<core::ColorMap::Name> m_mapChoice;
    bool m_log = false;
    RangeMode m_rangeMode = RangeMode::Percentile;
    double m_lowPct = 1, m_highPct = 99;
    double m_manualLo = 0, m_manualHi = 1;
    Reduce m_reduce = Reduce::Mean;
    bool m_aspect = true;
    // The axis ranges resetView() chose last (lower x, upper x, lower y, upper y):
    // while they hold, the user has not zoomed.
    std::array<double, 4> m_reset{};

    // results
    std::shared_ptr<const core::ReducedImage> m_base, m_detail;
    std::shared_ptr<const RgbImage> m_rgbBase, m_rgbDetail;
    core::ColorMap m_map;
    core::ColorRange m_range;

    // widgets
    QCustomPlot *m_plot = nullptr;
    QCPColorMap *m_baseMap = nullptr, *m_detailMap = nullptr;
    QCPColorScale *m_scaleBar = nullptr;
    QCPAxisRect *m_histRect = nullptr;
    QCPGraph *m_histGraph = nullptr;
    QCPItemPixmap *m_rgb = nullptr, *m_rgbDetailItem = nullptr;
    QCPItemRect *m_mark = nullptr;
    QLabel *m_readout = nullptr, *m_note = nullptr;
    ImagePlotControls *m_bar = nullptr;
    QWidget *m_foot = nullptr;
    QTimer *m_refineTimer = nullptr;
    QPoint m_pressPos;
    QString m_readoutText;
};

} // namespace hs::ui
