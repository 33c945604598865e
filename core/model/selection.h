#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"

#include <QString>

#include <algorithm>
#include <vector>

namespace hs::core {

// One dimension of a hyperslab: elements start, start+stride, ... (count of
// them). `dropped` marks a dimension selected by a single integer index
// (NumPy `a[5, :]`): it is read with count 1 but does not appear in the result.
struct DimSlice
{
    quint64 start = 0;
    quint64 stride = 1; // >= 1
    quint64 count = 0;
    quint64 block = 1;  // HDF5 block size; the text syntax always gives 1
    bool dropped = false;

    // Dataset index of the i-th selected element along this dimension.
    quint64 datasetIndex(quint64 i) const
    {
        const quint64 b = block > 0 ? block : 1;
        return start + (i / b) * stride + i % b;
    }
    // The position of the selected element at or before dataset index `index`
    // (0 before the first), the inverse of datasetIndex() on selected indices.
    quint64 positionOf(quint64 index) const
    {
        const quint64 b = block > 0 ? block : 1, s = stride > 0 ? stride : 1;
        if (index < start || count == 0)
            return 0;
        const quint64 k = (index - start) / s;
        const quint64 pos = k >= count ? count * b - 1 : k * b + std::min(b - 1, (index - start) - k * s);
        return std::min(pos, count * b - 1);
    }

    bool operator==(const DimSlice &) const = default;
};

// A hyperslab selection over a dataset of known shape, with a NumPy-style text
// form shared by the GUI and the CLI:
//   [5, :, 0:100:2]   [..., -1]   [::10]   [:, 3]   []  (scalar)
// Negative indices count from the end; slice bounds clamp like NumPy; a zero
// or negative step, an integer index out of range, or too many indices is an
// error with a clear message.
class HYPERSLABCORE_EXPORT Selection
{
public:
    Selection() = default;
    // Everything: one full slice per dimension.
    static Selection all(const std::vector<quint64> &shape);
    static Result<Selection> parse(const QString &text, const std::vector<quint64> &shape);

    // Canonical text, e.g. "[5, :, 0:100:2]": full slices written ":", other
    // slices as start:stop[:step] with stop = start + count*step, capped at the
    // dimension's size. parse(toText()) gives the same selection. The text has
    // no HDF5 block size: blocks other than 1 are lost.
    QString toText() const;

    const std::vector<DimSlice> &dims() const { return m_dims; }
    std::vector<DimSlice> &dims() { return m_dims; }
    const std::vector<quint64> &datasetShape() const { return m_shape; }

    // Shape of the result: count*block of every non-dropped dimension.
    std::vector<quint64> resultShape() const;
    int resultRank() const;
    quint64 elementCount() const;
    // Index of the dataset dimension behind result dimension `resultDim`.
    int datasetDimOf(int resultDim) const;
    // The part whose index along result dimension `resultDim` lies in
    // [first, first + count), clamped to the selection (e.g. the cells selected
    // in a grid: view.narrowed(0, row0, rows).narrowed(1, col0, cols)).
    // Dimensions with a block size other than 1 are returned unchanged.
    Selection narrowed(int resultDim, quint64 first, quint64 count) const;

    bool operator==(const Selection &) const = default;

private:
    std::vector<quint64> m_shape;
    std::vector<DimSlice> m_dims;
};

} // namespace hs::core
