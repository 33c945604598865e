#pragma once

#include "hyperslabcore_export.h"
#include "plot/plotsource.h"
#include "plot/reduction.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace hs::core {

// A 1-D series over result indices [first, last) reduced to pixel columns.
struct HYPERSLABCORE_EXPORT Decimation
{
    static constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

    // One pixel column: indices [first, first + count). min/max are exact over
    // its finite values that are not missing values; firstValue/lastValue are
    // the first and last of those (to join neighbouring columns when drawing).
    // A column with no such value is a gap (NaN everywhere).
    struct Column
    {
        enum Flag : std::uint8_t { HasNaN = 1, HasPosInf = 2, HasNegInf = 4, HasMissing = 8 };
        quint64 first = 0;
        quint64 count = 0;
        quint64 valid = 0; // values that went into min/max
        double min = NaN, max = NaN, firstValue = NaN, lastValue = NaN;
        std::uint8_t flags = 0;
        bool isGap() const { return valid == 0; }
    };

    quint64 first = 0, last = 0;
    int width = 0;
    // Indices [first, readUpTo) are in: `last` once complete; less in a
    // snapshot, whose later columns (and points) are still empty.
    quint64 readUpTo = 0;
    // Fewer than 2 x width points: the points themselves instead of columns.
    bool isPoints = false;
    std::vector<Column> columns; // `width` of them (fewer when the range is shorter)
    // isPoints: the value of index first + i; missing values (fill, CF) are
    // NaN, as are NaNs; +/-Inf are kept (the drawer treats non-finite as a gap).
    std::vector<double> points;

    // The first index of column `c` of `width` over [first, last).
    static quint64 columnStart(quint64 first, quint64 last, int width, int c);
    // The widest plot (columns) a decimation makes.
    static constexpr int MaxWidth = 1 << 16;
};

// Min/max decimation of a 1-D slice (any selection with one result
// dimension: a 1-D dataset, a row, a column, a line through an N-D one) into
// `width` pixel columns over [first, last). Zooming in is the same reduction
// over a smaller range: it reads the file again at the new resolution.
// Columns split the range evenly (column c starts at first + c*n/width).
class HYPERSLABCORE_EXPORT Decimator final : public Reduction
{
public:
    using Output = Decimation;

    // Checks the selection (one result dimension) and clamps the range to it.
    static Result<std::unique_ptr<Decimator>> create(PlotSource source, quint64 first, quint64 last, int width);

    QString title() const override;
    bool step() override;
    std::shared_ptr<const Decimation> takeOutput();
    // A copy of the result so far (for a plot that fills in as it reads).
    std::shared_ptr<const Decimation> snapshot() const;

private:
    Decimator(PlotSource source, quint64 first, quint64 last, int width);
    void fold(const double *v, quint64 index, quint64 n);

    PlotSource m_source;
    PlotTile m_tile; // reused for every tile
    quint64 m_pos = 0; // next index to read
    int m_column = 0;  // column of m_pos
    quint64 m_columnEnd = 0;
    std::shared_ptr<Decimation> m_out;
};

} // namespace hs::core
