#pragma once

// The compressors a new dataset can use: gzip (built in) and the registered
// plugin filters Hyperslab knows how to configure (LZF, Bitshuffle, LZ4,
// bzip2, Blosc, ZFP), with their levels and client data.

#include "edit/datasetspec.h"
#include "hyperslabcore_export.h"

#include <QString>

#include <optional>
#include <vector>

namespace hs::core {

struct HYPERSLABCORE_EXPORT CompressionChoice
{
    int id = 0;      // HDF5 filter id
    QString name;    // "gzip", "LZF", ...
    bool hasLevel = false;
    int minLevel = 0, maxLevel = 0, defaultLevel = 0;
    QString note;    // one line for a tooltip
};

namespace compressioncatalog {

// Every compressor known here, whether or not this installation has it.
HYPERSLABCORE_EXPORT std::vector<CompressionChoice> all();
HYPERSLABCORE_EXPORT std::optional<CompressionChoice> find(int id);
// The ones whose filter HDF5 can run and encode with here (plugins probed with
// H5Zfilter_avail once; takes the LibraryLock for that).
HYPERSLABCORE_EXPORT std::vector<CompressionChoice> available();
HYPERSLABCORE_EXPORT bool isAvailable(int id);
// The filter's client data for `level` (-1: its default) on elements of `type`.
HYPERSLABCORE_EXPORT std::vector<unsigned> clientData(int id, int level, ElementType type);
// Why compressor `id` cannot compress `type` in chunks of `chunkRank`
// dimensions (ZFP: numbers of 32/64 bits, 1 to 4 dimensions), or empty.
HYPERSLABCORE_EXPORT QString typeProblem(int id, ElementType type, int chunkRank);

} // namespace compressioncatalog
} // namespace hs::core
