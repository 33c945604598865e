#pragma once

#include "hyperslabcore_export.h"
#include "plot/plotsource.h"
#include "plot/reduction.h"

#include <limits>
#include <vector>

namespace hs::core {

// A rectangle of a 2-D slice reduced to at most width x height pixels.
// Pixel (i, j) covers source rows [row0 + i*rowFactor, ... + rowFactor) and
// columns [col0 + j*colFactor, ... + colFactor), cut at the rectangle's edge
// (the last row and column of pixels may cover fewer). Values are row-major,
// outRows x outCols; NaN marks a pixel with no finite, non-missing value.
struct HYPERSLABCORE_EXPORT ReducedImage
{
    enum class Mode { Mean, MinMax };
    quint64 row0 = 0, col0 = 0, rows = 0, cols = 0; // the source rectangle (result indices)
    quint64 rowFactor = 1, colFactor = 1;
    int outRows = 0, outCols = 0;
    Mode mode = Mode::Mean;
    std::vector<double> mean;     // Mode::Mean
    std::vector<double> min, max; // Mode::MinMax
    std::vector<quint32> valid;   // values behind each pixel (0: a gap)
    quint64 nonFinite = 0, missing = 0; // values left out, over the whole rectangle
    // Source rows [row0, row0 + rowsDone) are in: `rows` once complete; less
    // in a snapshot, whose later pixels are still gaps.
    quint64 rowsDone = 0;

    // At most this many pixels (a 5K screen at 2x, about 270 MB of min/max).
    static constexpr quint64 MaxPixels = quint64(1) << 25;
};

// Reduces a 2-D slice (any selection with two result dimensions: rows are
// result dimension 0) to at most width x height pixels by block mean or
// block min/max, reading chunk-aligned tiles. With a sub-rectangle it refines
// a zoomed view from the file.
class HYPERSLABCORE_EXPORT ImageReducer final : public Reduction
{
public:
    using Output = ReducedImage;

    // rows/cols of ~0 mean "to the end"; the rectangle is clamped to the slice.
    static Result<std::unique_ptr<ImageReducer>> create(PlotSource source, int width, int height,
                                                        ReducedImage::Mode mode = ReducedImage::Mode::Mean,
                                                        quint64 row0 = 0, quint64 rows = ~quint64(0),
                                                        quint64 col0 = 0, quint64 cols = ~quint64(0));

    QString title() const override;
    bool step() override;
    std::shared_ptr<const ReducedImage> takeOutput();
    // A copy of the image so far (means of what was read), for a plot that
    // fills in as it reads.
    std::shared_ptr<const ReducedImage> snapshot() const;

private:
    ImageReducer(PlotSource source, ReducedImage image);
    void planTiles();
    void finishMeans(ReducedImage &img, const std::vector<double> &sums) const;
    void fold(const PlotTile &tile, quint64 r0, quint64 c0);

    PlotSource m_source;
    PlotTile m_tile; // reused for every tile
    std::shared_ptr<ReducedImage> m_out;
    std::vector<double> m_sum; // Mode::Mean, until the end
    quint64 m_tileRows = 0, m_tileCols = 0;
    quint64 m_row = 0, m_rowEnd = 0, m_col = 0; // the next tile: rows [m_row, m_rowEnd), starting at column m_col
};

} // namespace hs::core
