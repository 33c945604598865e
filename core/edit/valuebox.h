#pragma once

#include "hyperslabcore_export.h"
#include "session/editoperation.h"

#include <QString>

#include <vector>

namespace hs::core {

// The dataset elements an edit writes: start, stride and count per dimension
// in dataset coordinates (all empty for a scalar dataset). A strided grid view
// ([::10]) edits every tenth element, so a pasted block is a strided box.
struct HYPERSLABCORE_EXPORT ValueBox
{
    std::vector<quint64> start;
    std::vector<quint64> stride; // empty: 1 in every dimension
    std::vector<quint64> count;

    quint64 elementCount() const;
    quint64 strideOf(size_t dim) const { return dim < stride.size() && stride[dim] > 0 ? stride[dim] : 1; }
    // The bounding box, for the change signal.
    ValueRegion region() const;
    // "[3, 7]" for one element, "[0:10, 3]" / "[0:100:10, 2:5]" for a box, "" for a scalar.
    QString text() const;
};

} // namespace hs::core
