#include "plot/histogram.h"

#include <algorithm>
#include <cmath>

namespace hs::core {

Histogram::Histogram(int bins, double lower, double upper, bool log)
    : m_lower(lower), m_upper(upper), m_log(log), m_counts(size_t(std::max(bins, 1)), 0)
{
    if (m_log) {
        if (!(m_lower > 0))
            m_lower = std::numeric_limits<double>::min();
        if (!(m_upper > m_lower))
            m_upper = m_lower * 10;
        m_origin = std::log10(m_lower);
        m_scale = double(m_counts.size()) / (std::log10(m_upper) - m_origin);
    } else {
        if (!(m_upper > m_lower)) { // one value, or nothing: a unit-wide range around it
            const double mid = std::isfinite(m_lower) ? m_lower : 0;
            m_lower = mid - 0.5;
            m_upper = mid + 0.5;
        }
        m_origin = m_lower;
        m_scale = double(m_counts.size()) / (m_upper - m_lower);
        if (!std::isfinite(m_scale)) // a range wider than the largest double
            m_scale = double(m_counts.size()) / (m_upper / 2 - m_lower / 2) / 2;
    }
}

int Histogram::binOf(double v) const
{
    const int n = bins();
    if (m_log ? !(v >= m_lower) : v < m_lower)
        return -1;
    if (v > m_upper)
        return n;
    const double t = ((m_log ? std::log10(v) : v) - m_origin) * m_scale;
    return std::clamp(int(t), 0, n - 1);
}

void Histogram::add(const double *values, size_t n, const MissingValues &missing)
{
    const int bins = this->bins();
    for (size_t i = 0; i < n; ++i) {
        const double x = values[i];
        if (!(x - x == 0) || (!missing.empty() && missing.contains(x)))
            continue;
        const int b = binOf(x);
        if (b < 0)
            ++m_below;
        else if (b >= bins)
            ++m_above;
        else
            ++m_counts[size_t(b)];
    }
}

void Histogram::merge(const Histogram &other)
{
    if (other.m_counts.size() != m_counts.size())
        return;
    for (size_t i = 0; i < m_counts.size(); ++i)
        m_counts[i] += other.m_counts[i];
    m_below += other.m_below;
    m_above += other.m_above;
}

quint64 Histogram::total() const
{
    quint64 n = m_below + m_above;
    for (quint64 c : m_counts)
        n += c;
    return n;
}

double Histogram::binLower(int bin) const
{
    if (bin >= bins())
        return m_upper;
    const double t = m_origin + double(bin) / m_scale;
    return m_log ? std::pow(10.0, t) : t;
}

double Histogram::quantile(double fraction) const
{
    const quint64 n = total();
    if (n == 0)
        return std::numeric_limits<double>::quiet_NaN();
    const double rank = std::clamp(fraction, 0.0, 1.0) * double(n);
    double seen = double(m_below);
    if (rank <= seen && m_below > 0)
        return m_lower;
    for (int b = 0; b < bins(); ++b) {
        const double c = double(m_counts[size_t(b)]);
        if (c > 0 && rank <= seen + c) {
            const double within = (rank - seen) / c;
            const double lo = m_origin + double(b) / m_scale, hi = m_origin + double(b + 1) / m_scale;
            const double t = lo + within * (hi - lo);
            return std::min(m_log ? std::pow(10.0, t) : t, m_upper);
        }
        seen += c;
    }
    return m_upper;
}

} // namespace hs::core
