#pragma once

#include "hyperslabcore_export.h"
#include "plot/histogram.h"
#include "plot/plotsource.h"
#include "plot/reduction.h"

#include <limits>
#include <optional>

namespace hs::core {

// Summary statistics of a set of values, built in pieces and merged: the mean
// and variance by per-block two-pass sums merged with Chan et al.'s pairwise
// update (stable for long series and large offsets, unlike a running sum of
// squares). Only finite values that are not missing values enter min, max,
// mean and standard deviation; the others are counted by kind.
struct HYPERSLABCORE_EXPORT Statistics
{
    static constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

    quint64 count = 0; // every value seen
    quint64 valid = 0; // finite and not missing
    quint64 nan = 0, posInf = 0, negInf = 0;
    quint64 missing = 0; // equal to a fill value, _FillValue or missing_value
    double min = NaN, max = NaN, mean = NaN;
    double m2 = 0;                // sum of squared deviations from the mean
    double minPositive = NaN;     // smallest valid value > 0 (for log scales)
    quint64 nonPositive = 0;      // valid values <= 0

    // Population standard deviation (NumPy's default, ddof = 0); NaN when empty.
    double variance() const { return valid > 0 ? m2 / double(valid) : NaN; }
    double standardDeviation() const;

    void add(const double *values, size_t n, const MissingValues &missing = {});
    void merge(const Statistics &other);
};

// What SliceStatistics produces.
struct HYPERSLABCORE_EXPORT SliceSummary
{
    Statistics statistics;
    std::optional<Histogram> histogram;
};

// The histogram SliceStatistics makes alongside the statistics.
struct HistogramOptions
{
    int bins = 0; // 0: no histogram
    bool log = false;
    std::optional<std::pair<double, double>> range; // default: the data's
};

// Statistics (and optionally a histogram) of a whole 1-D or 2-D slice, read
// by chunk-aligned tiles. Without a histogram range the slice is read twice:
// once for the statistics, once to bin over [min, max] (log: [smallest
// positive, max]).
class HYPERSLABCORE_EXPORT SliceStatistics final : public Reduction
{
public:
    using Output = SliceSummary;

    static Result<std::unique_ptr<SliceStatistics>> create(PlotSource source, HistogramOptions histogram = {});

    QString title() const override;
    bool step() override;
    std::shared_ptr<const SliceSummary> takeOutput();

private:
    SliceStatistics(PlotSource source, HistogramOptions histogram);
    void startHistogram();

    PlotSource m_source;
    PlotTile m_tile; // reused for every tile
    HistogramOptions m_options;
    std::shared_ptr<SliceSummary> m_out;
    quint64 m_rows = 0, m_cols = 0;
    quint64 m_tileRows = 0, m_tileCols = 0;
    quint64 m_row = 0, m_rowEnd = 0, m_col = 0;
    bool m_binning = false; // the second pass
};

} // namespace hs::core
