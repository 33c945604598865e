#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>
#include <vector>

namespace hs::core {

// One filter in a dataset's pipeline.
struct FilterInfo
{
    int id = 0;
    QString name;            // short: "deflate", "shuffle", "lzf", "blosc", ...
    QString displayName;     // "Deflate (gzip)", "Blosc", ...
    QString nameInFile;      // what the file calls it (may be empty)
    std::vector<unsigned> values; // raw client data
    QStringList parameters;  // decoded: "level 6", ...
    bool optional = false;   // H5Z_FLAG_OPTIONAL: a writer may skip it
    bool available = true;   // built in, or its plugin was found
    QString advice;          // when not available: what to install
};

struct ExternalFile
{
    QString name;     // as stored (relative names are relative to the HDF5 file)
    qint64 offset = 0;
    quint64 size = 0; // bytes reserved; H5F_UNLIMITED as ~0
};

// One mapping of a virtual dataset.
struct VirtualMapping
{
    QString virtualSelection; // in the virtual dataset, h5dump's region notation "{(0,0)-(9,9)}" or "all"
    QString sourceFile;       // "." for the same file
    QString sourceDataset;
    QString sourceSelection;
};

// Everything the storage panel and `info` say about how a dataset is stored.
struct StorageInfo
{
    enum class Layout { Compact, Contiguous, Chunked, Virtual, Unknown };
    Layout layout = Layout::Unknown;
    QString layoutName;                 // "compact", "contiguous", "chunked", "virtual"
    std::vector<quint64> chunkDims;     // chunked only
    quint64 chunkBytes = 0;             // uncompressed bytes of one chunk (chunk elements x file type size)
    quint64 totalChunks = 0;            // chunks that cover the current extent
    qint64 allocatedChunks = -1;        // chunks written to the file; -1 when not known
    quint64 logicalSize = 0;            // elements x file type size
    quint64 storageSize = 0;            // H5Dget_storage_size
    double compressionRatio = 0;        // logical / storage; 0 when nothing is stored
    enum class Fill { Undefined, Default, UserDefined };
    Fill fill = Fill::Default;
    QString fillValue;                  // formatted like a grid cell; empty when undefined
    QString allocTime;                  // "early", "incremental", "late"
    QString fillTime;                   // "on allocation", "never", "if set"
    std::vector<ExternalFile> externalFiles;
    std::vector<VirtualMapping> virtualMappings;
    std::vector<FilterInfo> filters;
    bool allFiltersAvailable() const
    {
        for (const FilterInfo &f : filters)
            if (!f.available)
                return false;
        return true;
    }
};

// Which chunks of a 2-D view (or of a 1-D dataset) are allocated, and how large
// each one is on disk. Cells are chunks of the shown slice; when there are
// more than fit, neighbouring chunks are binned into one cell (sum of bytes).
struct ChunkMap
{
    int rowDim = -1, colDim = -1;   // dataset dimensions shown (rowDim -1 for 1-D: one row)
    quint64 chunkRows = 0, chunkCols = 0;   // chunks along the shown dimensions
    int rows = 0, cols = 0;         // cells in this map (<= chunkRows/chunkCols)
    quint64 binRows = 1, binCols = 1; // chunks per cell along each dimension
    std::vector<qint64> cellBytes;  // rows*cols, row-major: bytes on disk, -1 when no chunk in the cell is allocated
    std::vector<quint32> cellAllocated; // chunks allocated in each cell
    quint64 chunkBytes = 0;         // uncompressed bytes of one chunk
    quint64 allocated = 0;          // allocated chunks in the slice
    bool complete = true;           // false when cancelled part way
};

} // namespace hs::core
