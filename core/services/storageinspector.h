#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "model/storageinfo.h"
#include "services/h5file.h"

#include <atomic>
#include <functional>

namespace hs::core {

// Reads how a dataset is stored: layout, chunks, sizes, fill value, external
// files, virtual mappings and the filter pipeline. Takes the library lock.
class HYPERSLABCORE_EXPORT StorageInspector
{
public:
    // Cheap (property lists and one H5Dget_num_chunks); fine on the GUI
    // thread for one dataset, but the panels call it from a job.
    static Result<StorageInfo> inspect(const H5FilePtr &file, const QString &datasetPath);

    // The chunk map of the 2-D slice through `fixed` (one index per dataset
    // dimension; the entries for rowDim/colDim are ignored). rowDim -1 for a
    // 1-D map along colDim. At most maxCells cells; takes the lock one row of
    // cells at a time and stops early (complete = false) when `cancel` is set.
    // `progress` (may be empty) gets the fraction done.
    static Result<ChunkMap> chunkMap(const H5FilePtr &file, const QString &datasetPath, int rowDim, int colDim,
                                     const std::vector<quint64> &fixed, int maxCells = 65536,
                                     const std::atomic_bool *cancel = nullptr,
                                     const std::function<void(double)> &progress = {});
};

} // namespace hs::core
