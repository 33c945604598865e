#pragma once

#include "hdf5/valueparser.h"
#include "hyperslabcore_export.h"
#include "model/error.h"
#include "model/selection.h"
#include "model/typeinfo.h"
#include "services/datablock.h"
#include "services/h5file.h"

#include <memory>
#include <vector>

namespace hs::core {

// One grid column of an element: a leaf of a (nested) compound type, named by
// its field path ("position.x"), or the whole element for other types (name "").
struct FieldInfo
{
    QString name;
    TypeInfo type;
};

// Reads values of one dataset. Opened once per dataset view; each readBlock()
// holds the library lock for one H5Dread (keep blocks chunk-sized).
// Thread-safe: readBlock may be called from several worker threads.
class HYPERSLABCORE_EXPORT DatasetReader
{
public:
    static Result<std::shared_ptr<DatasetReader>> open(H5FilePtr file, const QString &path);
    ~DatasetReader();

    QString path() const;
    // The dataset's identity in its file (as ObjectId::token), the same
    // through every hard link: a view knows an edit made through another path.
    QByteArray objectToken() const;
    const ShapeInfo &shape() const;
    const TypeInfo &type() const;
    std::vector<quint64> chunkShape() const;     // empty unless chunked
    const std::vector<FieldInfo> &fields() const; // at least one
    size_t elementSize() const;                   // bytes per element in memory
    const H5FilePtr &file() const;
    // Turns typed text into element bytes of this dataset's memory layout
    // (the one readBlock reads into), for editing.
    ValueParser valueParser() const;

    // Reads rows [row0, row0+rows) x columns [col0, col0+cols) of the 2-D result
    // of `selection` (result rank 0 is 1x1, rank 1 is n x 1, rank 2 is as is;
    // higher ranks are an error). With `transposed`, result dimension 0 runs
    // across columns and dimension 1 down rows. Errors are clear: a missing
    // filter plugin names the filter.
    Result<DataBlockPtr> readBlock(const Selection &selection, bool transposed, quint64 row0, quint64 rows,
                                   quint64 col0, quint64 cols) const;

    // The same values as readBlock (not transposed), read into `out` (of
    // `capacity` bytes) instead of a new block: a caller that reads many
    // blocks (the plot reductions) reuses one buffer instead of allocating
    // and clearing one per block, which cost as much as the read itself.
    // Only for elements without variable-length data or references. Returns
    // the rows and columns read.
    Result<std::pair<quint64, quint64>> readInto(const Selection &selection, quint64 row0, quint64 rows, quint64 col0,
                                                 quint64 cols, unsigned char *out, size_t capacity) const;
    // How the elements readBlock and readInto return are laid out.
    std::shared_ptr<const ValueFormatter> formatter() const;

    struct Private;

private:
    explicit DatasetReader(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

using DatasetReaderPtr = std::shared_ptr<DatasetReader>;

} // namespace hs::core
