#pragma once

#include "hyperslabcore_export.h"

#include <QtGlobal>

#include <vector>

namespace hs::core {

// A chunk shape for a new dataset, as a suggestion the user may change.
// About `targetBytes` (1 MiB) per chunk and shaped like the data: fixed
// dimensions start at their full extent and the largest is halved until the
// chunk fits; unlimited dimensions (DatasetSpec::Unlimited in `maxShape`) start
// at one element and are grown, up to 1024, only while the chunk stays under
// the target, so appending does not allocate huge chunks. A scalar has no
// chunk shape (empty). Every extent is at least 1 and never above a fixed
// maximum extent.
HYPERSLABCORE_EXPORT std::vector<quint64> suggestChunkShape(const std::vector<quint64> &shape,
                                                            const std::vector<quint64> &maxShape, int elementBytes,
                                                            quint64 targetBytes = quint64(1) << 20);

} // namespace hs::core
