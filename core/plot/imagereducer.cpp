#include "plot/imagereducer.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace hs::core {

namespace {

quint64 ceilDiv(quint64 a, quint64 b)
{
    return a / b + (a % b != 0);
}

} // namespace

Result<std::unique_ptr<ImageReducer>> ImageReducer::create(PlotSource source, int width, int height,
                                                           ReducedImage::Mode mode, quint64 row0, quint64 rows,
                                                           quint64 col0, quint64 cols)
{
    const std::vector<quint64> shape = source.shape();
    if (shape.size() != 2)
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("An image needs a selection with two dimensions; this one has %1.")
                               .arg(shape.size()));
    if (width < 1 || height < 1)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("The image has no size."));
    if (quint64(width) * quint64(height) > ReducedImage::MaxPixels)
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("An image of %1 \u00d7 %2 pixels is larger than a plot can show.").arg(width).arg(height));
    ReducedImage img;
    img.mode = mode;
    img.row0 = std::min(row0, shape[0]);
    img.col0 = std::min(col0, shape[1]);
    img.rows = std::min(rows, shape[0] - img.row0);
    img.cols = std::min(cols, shape[1] - img.col0);
    img.rowFactor = std::max<quint64>(1, ceilDiv(img.rows, quint64(height)));
    img.colFactor = std::max<quint64>(1, ceilDiv(img.cols, quint64(width)));
    img.outRows = int(ceilDiv(img.rows, img.rowFactor));
    img.outCols = int(ceilDiv(img.cols, img.colFactor));
    return std::unique_ptr<ImageReducer>(new ImageReducer(std::move(source), std::move(img)));
}

ImageReducer::ImageReducer(PlotSource source, ReducedImage image)
    : m_source(std::move(source)), m_out(std::make_shared<ReducedImage>(std::move(image)))
{
    ReducedImage &img = *m_out;
    const size_t pixels = size_t(img.outRows) * size_t(img.outCols);
    img.valid.assign(pixels, 0);
    if (img.mode == ReducedImage::Mode::Mean) {
        m_sum.assign(pixels, 0.0);
    } else {
        img.min.assign(pixels, std::numeric_limits<double>::quiet_NaN());
        img.max.assign(pixels, std::numeric_limits<double>::quiet_NaN());
    }
    m_total = img.rows * img.cols;
}

void ImageReducer::planTiles()
{
    const ReducedImage &img = *m_out;
    std::tie(m_tileRows, m_tileCols) = m_source.tileShape(m_tileElements, img.cols);
    m_row = img.row0;
    m_col = img.col0;
    m_rowEnd = m_source.tileEnd(0, m_row, m_tileRows, img.row0 + img.rows);
}

QString ImageReducer::title() const
{
    return QStringLiteral("Reducing %1 for an image").arg(m_source.reader()->path());
}

void ImageReducer::fold(const PlotTile &tile, quint64 r0, quint64 c0)
{
    ReducedImage &img = *m_out;
    const MissingValues &missing = m_source.missing();
    const bool mean = img.mode == ReducedImage::Mode::Mean;
    const size_t outCols = size_t(img.outCols);
    for (quint64 r = 0; r < tile.rows; ++r) {
        const size_t outRow = size_t((r0 + r - img.row0) / img.rowFactor);
        const double *v = tile.values + r * tile.cols;
        quint64 c = 0;
        while (c < tile.cols) {
            // The run of this tile row inside one pixel column.
            const quint64 rel = c0 + c - img.col0;
            const size_t px = outRow * outCols + size_t(rel / img.colFactor);
            const quint64 stop = std::min(tile.cols, c + (img.colFactor - rel % img.colFactor));
            double sum = 0, mn = img.mode == ReducedImage::Mode::MinMax ? img.min[px] : 0, mx = mean ? 0 : img.max[px];
            quint32 valid = img.valid[px];
            for (; c < stop; ++c) {
                const double x = v[c];
                if (!(x - x == 0)) [[unlikely]] {
                    ++img.nonFinite;
                    continue;
                }
                if (!missing.empty() && missing.contains(x)) [[unlikely]] {
                    ++img.missing;
                    continue;
                }
                if (mean) {
                    sum += x;
                } else if (valid == 0) {
                    mn = mx = x;
                } else {
                    mn = x < mn ? x : mn;
                    mx = x > mx ? x : mx;
                }
                ++valid;
            }
            img.valid[px] = valid;
            if (mean) {
                m_sum[px] += sum;
            } else {
                img.min[px] = mn;
                img.max[px] = mx;
            }
        }
    }
}

bool ImageReducer::step()
{
    ReducedImage &img = *m_out;
    if (m_tileCols == 0)
        planTiles();
    const quint64 rowLimit = img.row0 + img.rows, colLimit = img.col0 + img.cols;
    if (img.rows == 0 || img.cols == 0 || m_row >= rowLimit) {
        if (img.mode == ReducedImage::Mode::Mean && img.mean.empty()) {
            finishMeans(img, m_sum);
            m_sum = {};
        }
        img.rowsDone = img.rows;
        return false;
    }
    const quint64 colEnd = m_source.tileEnd(1, m_col, m_tileCols, colLimit);
    if (Status st = m_source.read(m_row, m_rowEnd - m_row, m_col, colEnd - m_col, m_tile); !st)
        return fail(st.error());
    if (m_tile.rows != m_rowEnd - m_row || m_tile.cols != colEnd - m_col)
        return fail(Error::make(ErrorCode::Internal, QStringLiteral("The dataset returned fewer values than asked.")));
    fold(m_tile, m_row, m_col);
    m_done += m_tile.rows * m_tile.cols;
    m_col = colEnd;
    if (m_col >= colLimit) {
        m_col = img.col0;
        m_row = m_rowEnd;
        img.rowsDone = m_row - img.row0;
        m_rowEnd = m_source.tileEnd(0, m_row, m_tileRows, rowLimit);
    }
    if (m_row >= rowLimit)
        return step(); // finishes the means
    return true;
}

void ImageReducer::finishMeans(ReducedImage &img, const std::vector<double> &sums) const
{
    img.mean.resize(sums.size());
    for (size_t i = 0; i < sums.size(); ++i)
        img.mean[i] = img.valid[i] ? sums[i] / img.valid[i] : std::numeric_limits<double>::quiet_NaN();
}

std::shared_ptr<const ReducedImage> ImageReducer::snapshot() const
{
    auto copy = std::make_shared<ReducedImage>(*m_out);
    if (copy->mode == ReducedImage::Mode::Mean && copy->mean.empty())
        finishMeans(*copy, m_sum);
    return copy;
}

std::shared_ptr<const ReducedImage> ImageReducer::takeOutput()
{
    return std::move(m_out);
}

} // namespace hs::core
