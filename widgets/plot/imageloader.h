#pragma once

#include "model/selection.h"
#include "plot/imagemeta.h"
#include "plot/imagereducer.h"
#include "plot/plotsource.h"
#include "services/h5file.h"

#include <QObject>
#include <QPointer>
#include <QSize>

#include <array>
#include <memory>

namespace hs::core {
class JobTicket;
}

namespace hs::ui {

struct RgbImage;

// Reads what an image plot shows, in the background: the whole slice reduced
// to the view's pixels (core::ImageReducer, or RgbReduction for the three
// channels of an RGB image), snapshots while it reads, and on request a
// refinement of the part in view. One load and one refinement at a time: a
// new one cancels the running one and its results are never delivered (a
// generation number each). Signals arrive on the thread that owns the loader.
class ImageLoader : public QObject
{
    Q_OBJECT
public:
    explicit ImageLoader(QObject *parent = nullptr);
    ~ImageLoader() override;

    // Starts reading; an empty string, or why it cannot (not plottable, not
    // 2-D, empty). rows()/cols() are the image's size after a start.
    QString start(const core::H5FilePtr &file, const QString &path, const core::Selection &slice,
                  const ImageMeta &meta, core::ReducedImage::Mode mode, QSize pixels);
    // Reads rows [row0, row0 + rows) x columns [col0, col0 + cols) again at `pixels`.
    // False when it cannot start (refineFinished is not emitted then).
    bool refine(quint64 row0, quint64 rows, quint64 col0, quint64 cols, QSize pixels);
    void cancel();

    bool isLoading() const;
    quint64 rows() const { return m_rows; }
    quint64 cols() const { return m_cols; }

Q_SIGNALS:
    void partial(std::shared_ptr<const hs::core::ReducedImage> image); // a snapshot while reading
    void loaded(std::shared_ptr<const hs::core::ReducedImage> image);
    void rgbLoaded(std::shared_ptr<const hs::ui::RgbImage> image);
    void refined(std::shared_ptr<const hs::core::ReducedImage> image);
    void rgbRefined(std::shared_ptr<const hs::ui::RgbImage> image);
    void refineFinished(); // after refined/rgbRefined, or when the refinement failed
    void failed(const QString &message);

private:
    QString startRgb(QSize pixels);

    core::PlotSource m_source;                    // the slice (numeric images)
    std::array<core::PlotSource, 3> m_channels;  // RGB images
    bool m_rgb = false;
    core::ReducedImage::Mode m_mode = core::ReducedImage::Mode::Mean;
    quint64 m_rows = 0, m_cols = 0;
    quint64 m_generation = 0, m_refineGeneration = 0;
    QPointer<core::JobTicket> m_loadTicket, m_refineTicket;
};

} // namespace hs::ui
