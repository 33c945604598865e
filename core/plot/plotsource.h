#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "model/selection.h"
#include "plot/missingvalues.h"
#include "plot/plotvalues.h"
#include "services/datasetreader.h"

#include <memory>
#include <vector>

namespace hs::core {

// Numbers of one tile of a slice: `values[i]` for the i-th element of the
// tile (row-major for 2-D). A reduction keeps one PlotTile and reads every
// tile into it: the buffers are allocated once, not per tile.
struct PlotTile
{
    quint64 rows = 0, cols = 0;
    const double *values = nullptr; // into `raw` for native doubles, else into `converted`

    std::unique_ptr<unsigned char[]> raw; // the elements as read (not cleared between reads)
    size_t rawCapacity = 0;
    std::vector<double> converted;
    DataBlockPtr block; // elements with variable-length parts (a compound with a string) come as a block
};

// What a reduction reads: one numeric field of a selection of a dataset, with
// the values that mean "no data". Cheap to copy (the reader is shared).
// Reading goes through DatasetReader (readInto): one LibraryLock hold per tile.
class HYPERSLABCORE_EXPORT PlotSource
{
public:
    PlotSource() = default;
    // Opens the reader and reads the missing values (LibraryLock, metadata only).
    static Result<PlotSource> open(const H5FilePtr &file, const QString &path, Selection selection, int field = 0,
                                   ComplexPart part = ComplexPart::Magnitude);
    // With a reader the caller already has (a dataset view's).
    static Result<PlotSource> make(DatasetReaderPtr reader, Selection selection, MissingValues missing, int field = 0,
                                   ComplexPart part = ComplexPart::Magnitude);

    const DatasetReaderPtr &reader() const { return m_reader; }
    const Selection &selection() const { return m_selection; }
    const PlotValues &values() const { return m_values; }
    const MissingValues &missing() const { return m_missing; }
    // Result shape of the selection (1 or 2 dimensions for the reductions).
    std::vector<quint64> shape() const { return m_selection.resultShape(); }

    // Reads rows [row0, row0+rows) x cols [col0, col0+cols) of the selection's
    // 2-D result (a 1-D result is n x 1) into `tile`.
    Status read(quint64 row0, quint64 rows, quint64 col0, quint64 cols, PlotTile &tile) const;

    // Elements along result dimension `dim` that one chunk spans (1 when the
    // dataset is not chunked along it or the selection is strided across
    // chunks), for chunk-aligned tiles.
    quint64 chunkSpan(int dim) const;
    // The end of a tile along `dim` that starts at `pos`, is about `length`
    // long and ends on a chunk boundary when it can; never beyond `end`.
    quint64 tileEnd(int dim, quint64 pos, quint64 length, quint64 end) const;
    // Rows and columns of a 2-D tile of about `budget` elements over a
    // rectangle `cols` wide: whole chunks, as wide as a row of chunks allows
    // (a contiguous dataset: whole rows, which HDF5 reads in one piece).
    std::pair<quint64, quint64> tileShape(quint64 budget, quint64 cols) const;

private:
    DatasetReaderPtr m_reader;
    Selection m_selection;
    PlotValues m_values;
    MissingValues m_missing;
};

} // namespace hs::core
