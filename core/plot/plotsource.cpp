#include "plot/plotsource.h"

#include "hdf5/valueformatter.h"

#include <algorithm>

namespace hs::core {

namespace {

// Elements of the largest chunk read whole as one tile (64 MB as doubles).
constexpr quint64 kMaxChunkTile = quint64(8) << 20;

} // namespace

Result<PlotSource> PlotSource::open(const H5FilePtr &file, const QString &path, Selection selection, int field,
                                    ComplexPart part)
{
    auto reader = DatasetReader::open(file, path);
    if (!reader)
        return reader.error();
    auto missing = MissingValues::read(file, path);
    if (!missing)
        return missing.error();
    return make(std::move(reader).value(), std::move(selection), std::move(missing).value(), field, part);
}

Result<PlotSource> PlotSource::make(DatasetReaderPtr reader, Selection selection, MissingValues missing, int field,
                                    ComplexPart part)
{
    if (!reader || !reader->formatter())
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("No dataset to plot."));
    if (selection.dims().size() != reader->shape().dims.size())
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("The selection does not fit the dataset \u201c%1\u201d.").arg(reader->path()));
    const auto &fields = reader->fields();
    const TypeInfo type = field >= 0 && size_t(field) < fields.size() ? fields[size_t(field)].type : reader->type();
    auto values = PlotValues::make(*reader->formatter(), field, type, part);
    if (!values)
        return values.error();
    PlotSource s;
    s.m_reader = std::move(reader);
    s.m_selection = std::move(selection);
    s.m_values = values.value();
    if (s.m_values.comparesWithFillValues())
        s.m_missing = std::move(missing);
    return s;
}

Status PlotSource::read(quint64 row0, quint64 rows, quint64 col0, quint64 cols, PlotTile &tile) const
{
    const size_t elementSize = m_values.elementSize();
    if (m_reader->formatter()->root().outOfLine) {
        auto block = m_reader->readBlock(m_selection, false, row0, rows, col0, cols);
        if (!block)
            return block.error();
        tile.block = std::move(block).value();
        tile.rows = tile.block->rows;
        tile.cols = tile.block->cols;
        tile.values = m_values.view(tile.block->raw.data(), size_t(tile.rows * tile.cols), tile.converted);
        return Ok{};
    }
    const size_t bytes = size_t(rows * cols) * elementSize;
    if (bytes > tile.rawCapacity) {
        tile.raw.reset(new unsigned char[bytes]); // not cleared: every byte is read into
        tile.rawCapacity = bytes;
    }
    auto shape = m_reader->readInto(m_selection, row0, rows, col0, cols, tile.raw.get(), tile.rawCapacity);
    if (!shape)
        return shape.error();
    tile.rows = shape->first;
    tile.cols = shape->second;
    tile.values = m_values.view(tile.raw.get(), size_t(tile.rows * tile.cols), tile.converted);
    return Ok{};
}

quint64 PlotSource::chunkSpan(int dim) const
{
    const std::vector<quint64> chunk = m_reader->chunkShape();
    const int d = m_selection.datasetDimOf(dim);
    if (d < 0 || size_t(d) >= chunk.size())
        return 1;
    const DimSlice &s = m_selection.dims()[size_t(d)];
    if (s.block > 1 || s.stride >= chunk[size_t(d)])
        return 1;
    return std::max<quint64>(1, chunk[size_t(d)] / s.stride);
}

quint64 PlotSource::tileEnd(int dim, quint64 pos, quint64 length, quint64 end) const
{
    length = std::max<quint64>(length, 1);
    if (pos >= end)
        return end;
    const int d = m_selection.datasetDimOf(dim);
    const std::vector<quint64> chunk = m_reader->chunkShape();
    if (d >= 0 && size_t(d) < chunk.size()) {
        const DimSlice &s = m_selection.dims()[size_t(d)];
        const quint64 c = chunk[size_t(d)];
        if (s.stride == 1 && s.block <= 1 && c > 0 && length >= c) {
            // Whole chunks: the tile ends where a chunk does (dataset index
            // s.start + e a multiple of c), so no chunk is decompressed twice.
            const quint64 first = s.start + pos;
            quint64 stop = (first + length) / c * c;
            if (stop <= first)
                stop = first + length;
            return std::min(end, stop - s.start);
        }
    }
    return std::min(end, end - pos > length ? pos + length : end);
}

std::pair<quint64, quint64> PlotSource::tileShape(quint64 budget, quint64 cols) const
{
    budget = std::max<quint64>(budget, 1);
    const quint64 spanRows = chunkSpan(0), spanCols = chunkSpan(1);
    const bool chunked = !m_reader->chunkShape().empty();
    // A chunk larger than the budget is still read whole, one per tile: HDF5
    // decompresses a chunk whole for any part of it, and tiles that cut a
    // band of such chunks into strips would decompress each chunk once per
    // strip (the reader's chunk cache holds two). Up to kMaxChunkTile.
    if (chunked && spanRows * spanCols > budget && spanRows * spanCols <= kMaxChunkTile)
        return {spanRows, std::min(spanCols, std::max<quint64>(cols, 1))};
    quint64 tileCols = chunked ? spanCols * std::max<quint64>(1, budget / spanRows / spanCols) : budget;
    tileCols = std::clamp<quint64>(tileCols, 1, std::max<quint64>(cols, 1));
    quint64 tileRows = std::max<quint64>(1, budget / tileCols);
    if (chunked && tileRows >= spanRows)
        tileRows = tileRows / spanRows * spanRows;
    return {tileRows, tileCols};
}

} // namespace hs::core
