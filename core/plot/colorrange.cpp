#include "plot/colorrange.h"

#include "plot/histogram.h"
#include "plot/slicestatistics.h"

#include <algorithm>
#include <cmath>

namespace hs::core {

namespace {

QString number(double v)
{
    return QString::number(v, 'g', 6);
}

// Linear interpolation between order statistics (NumPy's default "linear").
double percentileOf(const std::vector<double> &sorted, double percent)
{
    if (sorted.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const double pos = std::clamp(percent, 0.0, 100.0) / 100.0 * double(sorted.size() - 1);
    const size_t i = size_t(pos);
    if (i + 1 >= sorted.size())
        return sorted.back();
    return sorted[i] + (sorted[i + 1] - sorted[i]) * (pos - double(i));
}

} // namespace

ColorRange ColorRange::finish(double lower, double upper, Scale scale, double smallestPositive, quint64 nonPositive,
                              bool knownNonPositive)
{
    ColorRange r;
    if (!std::isfinite(lower) || !std::isfinite(upper)) {
        r.m_note = QStringLiteral("No finite values to scale the colours by.");
        return r;
    }
    if (lower > upper)
        std::swap(lower, upper);
    r.m_scale = scale;
    if (scale == Scale::Log) {
        if (upper <= 0) {
            r.m_scale = Scale::Linear;
            r.m_note = QStringLiteral("A log scale needs positive values and there are none; the scale is linear.");
        } else if (lower <= 0) {
            const double clip = smallestPositive > 0 && smallestPositive <= upper ? smallestPositive : upper / 1e6;
            r.m_note = knownNonPositive && nonPositive > 0
                           ? QStringLiteral("Log scale: %1 values at or below zero are shown in the lowest colour "
                                            "(the scale starts at the smallest positive value, %2).")
                                 .arg(nonPositive)
                                 .arg(number(clip))
                           : QStringLiteral("Log scale: values at or below zero are shown in the lowest colour "
                                            "(the scale starts at %1).")
                                 .arg(number(clip));
            lower = clip;
        }
    }
    if (lower == upper) { // one value: centre it
        if (r.m_scale == Scale::Log) {
            lower /= 10;
            upper *= 10;
        } else {
            const double pad = lower == 0 ? 1 : std::abs(lower) * 0.5;
            lower -= pad;
            upper += pad;
        }
    }
    r.m_lower = lower;
    r.m_upper = upper;
    r.m_valid = true;
    return r;
}

ColorRange ColorRange::manual(double lower, double upper, Scale scale, double smallestPositive)
{
    return finish(lower, upper, scale, smallestPositive, 0, false);
}

ColorRange ColorRange::fromStatistics(const Statistics &s, Scale scale)
{
    return finish(s.min, s.max, scale, s.minPositive, s.nonPositive, true);
}

ColorRange ColorRange::fromHistogram(const Histogram &h, double lowPercent, double highPercent, Scale scale)
{
    const double lo = h.quantile(lowPercent / 100), hi = h.quantile(highPercent / 100);
    // A log histogram counts values <= 0 below its range: its lower bound is
    // the data's smallest positive value.
    return finish(lo, hi, scale, h.isLog() ? h.lower() : 0, h.isLog() ? h.below() : 0, h.isLog());
}

ColorRange ColorRange::fromSample(std::vector<double> sample, double lowPercent, double highPercent, Scale scale)
{
    sample.erase(std::remove_if(sample.begin(), sample.end(), [](double v) { return !std::isfinite(v); }),
                 sample.end());
    std::sort(sample.begin(), sample.end());
    const auto firstPositive = std::upper_bound(sample.begin(), sample.end(), 0.0);
    const double smallestPositive = firstPositive != sample.end() ? *firstPositive : 0;
    const quint64 nonPositive = quint64(firstPositive - sample.begin());
    if (scale == Scale::Log && nonPositive > 0 && firstPositive != sample.end()) {
        // Percentiles of the positive values only: a log scale cannot place the others.
        const std::vector<double> positive(firstPositive, sample.end());
        ColorRange r = finish(percentileOf(positive, lowPercent), percentileOf(positive, highPercent), scale,
                              smallestPositive, nonPositive, true);
        r.m_note = QStringLiteral("Log scale: %1 values at or below zero are shown in the lowest colour.")
                       .arg(nonPositive);
        return r;
    }
    return finish(percentileOf(sample, lowPercent), percentileOf(sample, highPercent), scale, smallestPositive,
                  nonPositive, true);
}

double ColorRange::position(double v) const
{
    if (!std::isfinite(v))
        return std::numeric_limits<double>::quiet_NaN();
    double t;
    if (m_scale == Scale::Log) {
        if (v <= 0)
            return 0;
        t = (std::log10(v) - std::log10(m_lower)) / (std::log10(m_upper) - std::log10(m_lower));
    } else {
        t = (v - m_lower) / (m_upper - m_lower);
    }
    return std::clamp(t, 0.0, 1.0);
}

} // namespace hs::core
