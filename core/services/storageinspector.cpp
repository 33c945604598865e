#include "services/storageinspector.h"

namespace hs::core {
// Placeholder: the issue-4 storage work replaces this file.
Result<StorageInfo> StorageInspector::inspect(const H5FilePtr &, const QString &)
{
    return Error::make(ErrorCode::Internal, QStringLiteral("Storage details are not implemented yet."));
}
Result<ChunkMap> StorageInspector::chunkMap(const H5FilePtr &, const QString &, int, int, const std::vector<quint64> &, int,
                                            const std::atomic_bool *, const std::function<void(double)> &)
{
    return Error::make(ErrorCode::Internal, QStringLiteral("Chunk maps are not implemented yet."));
}
} // namespace hs::core
