#pragma once

#include "hyperslabcore_export.h"
#include "plot/missingvalues.h"

#include <limits>
#include <vector>

namespace hs::core {

// Counts of values in `bins` equal bins over [lower, upper] (bins equal in
// log10 with `log`). Only finite values that are not missing values count;
// those outside the range (with `log`: also every value <= 0) are counted in
// below/above. Values equal to `upper` fall in the last bin.
class HYPERSLABCORE_EXPORT Histogram
{
public:
    Histogram() = default;
    // `lower` < `upper` (equal bounds are widened a little); with `log`, 0 < lower.
    Histogram(int bins, double lower, double upper, bool log = false);

    void add(const double *values, size_t n, const MissingValues &missing = {});
    void merge(const Histogram &other); // same bins

    int bins() const { return int(m_counts.size()); }
    double lower() const { return m_lower; }
    double upper() const { return m_upper; }
    bool isLog() const { return m_log; }
    const std::vector<quint64> &counts() const { return m_counts; }
    quint64 below() const { return m_below; }
    quint64 above() const { return m_above; }
    quint64 total() const; // every value counted, in range or not
    double binLower(int bin) const;
    double binUpper(int bin) const { return binLower(bin + 1); }
    // Which bin `v` falls in: -1 below, bins() above.
    int binOf(double v) const;

    // The value below which `fraction` (0..1) of the counted values lie,
    // interpolated within its bin (in log10 for log bins); a fraction that
    // falls below or above the range gives the bound. NaN when empty.
    double quantile(double fraction) const;

private:
    double m_lower = 0, m_upper = 1;
    double m_scale = 0;  // bins per unit (of log10 with m_log)
    double m_origin = 0; // lower, or log10(lower)
    bool m_log = false;
    std::vector<quint64> m_counts;
    quint64 m_below = 0, m_above = 0;
};

} // namespace hs::core
