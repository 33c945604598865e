#pragma once

#include "hyperslabcore_export.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace hs::core {

class Histogram;
struct Statistics;

// The values a colour scale spans, and where a value falls on it. Log
// scales need positive bounds: data with zeros or negative values is clipped
// at its smallest positive value (those values take the lowest colour), and
// note() says so; with no positive value at all the scale falls back to
// linear, and says that.
class HYPERSLABCORE_EXPORT ColorRange
{
public:
    enum class Scale : std::uint8_t { Linear, Log };

    ColorRange() = default;
    // Lower and upper as given (swapped if reversed). For Log, a lower bound
    // <= 0 becomes `smallestPositive` (the data's, e.g. Statistics::minPositive)
    // or upper / 1e6 when that is not known.
    static ColorRange manual(double lower, double upper, Scale scale, double smallestPositive = 0);
    // The data's whole range.
    static ColorRange fromStatistics(const Statistics &s, Scale scale);
    // Percentile clipping, e.g. 1 and 99: the values below which those
    // percentages of the data lie, from a histogram of all of it.
    static ColorRange fromHistogram(const Histogram &h, double lowPercent, double highPercent, Scale scale);
    // The same from a sample of the values (e.g. the pixels of a reduced
    // image); non-finite values are ignored.
    static ColorRange fromSample(std::vector<double> sample, double lowPercent, double highPercent, Scale scale);

    double lower() const { return m_lower; }
    double upper() const { return m_upper; }
    Scale scale() const { return m_scale; }
    bool isValid() const { return m_valid; }
    // Why the range is not what was asked (log scale clipped or refused),
    // in words for the user; empty otherwise.
    QString note() const { return m_note; }

    // Where `v` falls, 0 at lower and 1 at upper, clamped; NaN for NaN/Inf
    // (a gap). On a log scale values <= 0 give 0.
    double position(double v) const;

private:
    static ColorRange finish(double lower, double upper, Scale scale, double smallestPositive, quint64 nonPositive,
                             bool knownNonPositive);
    double m_lower = 0, m_upper = 1;
    Scale m_scale = Scale::Linear;
    bool m_valid = false;
    QString m_note;
};

} // namespace hs::core
