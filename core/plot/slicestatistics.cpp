#include "plot/slicestatistics.h"

#include "plot/finiteminmax.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace hs::core {

namespace {

// Values are summed in blocks this long: small enough to stay in the L1
// cache for the second pass, long enough that merging costs nothing.
constexpr size_t kBlock = 2048;

} // namespace

double Statistics::standardDeviation() const
{
    return valid > 0 ? std::sqrt(m2 / double(valid)) : NaN;
}

void Statistics::add(const double *values, size_t n, const MissingValues &missingValues)
{
    double block[kBlock];
    count += n;
    for (size_t start = 0; start < n; start += kBlock) {
        const size_t len = std::min(kBlock, n - start);
        Statistics b;
        const double *p = values + start;
        double fastMin, fastMax;
        if (finiteMinMax(p, len, missingValues.values, fastMin, fastMax)) {
            // Every value counts (most blocks): sums over four accumulators,
            // which the compiler may not reorder itself.
            double s[4] = {0, 0, 0, 0};
            size_t i = 0;
            for (; i + 4 <= len; i += 4)
                for (int k = 0; k < 4; ++k)
                    s[k] += p[i + size_t(k)];
            for (; i < len; ++i)
                s[0] += p[i];
            b.valid = len;
            b.mean = ((s[0] + s[1]) + (s[2] + s[3])) / double(len);
            double q[4] = {0, 0, 0, 0};
            for (i = 0; i + 4 <= len; i += 4)
                for (int k = 0; k < 4; ++k) {
                    const double d = p[i + size_t(k)] - b.mean;
                    q[k] += d * d;
                }
            for (; i < len; ++i)
                q[0] += (p[i] - b.mean) * (p[i] - b.mean);
            b.m2 = (q[0] + q[1]) + (q[2] + q[3]);
            b.min = fastMin;
            b.max = fastMax;
            if (fastMin > 0) {
                b.minPositive = fastMin;
            } else if (fastMax <= 0) {
                b.nonPositive = len;
            } else {
                for (i = 0; i < len; ++i) {
                    if (p[i] > 0)
                        b.minPositive = std::isnan(b.minPositive) || p[i] < b.minPositive ? p[i] : b.minPositive;
                    else
                        ++b.nonPositive;
                }
            }
            merge(b);
            continue;
        }
        size_t k = 0;
        double sum = 0;
        for (size_t i = 0; i < len; ++i) {
            const double x = values[start + i];
            if (!(x - x == 0)) [[unlikely]] {
                if (std::isnan(x))
                    ++nan;
                else if (x > 0)
                    ++posInf;
                else
                    ++negInf;
                continue;
            }
            if (!missingValues.empty() && missingValues.contains(x)) [[unlikely]] {
                ++missing;
                continue;
            }
            block[k++] = x;
            sum += x;
        }
        if (k == 0)
            continue;
        b.valid = k;
        b.mean = sum / double(k);
        double m2 = 0, mn = block[0], mx = block[0], minPos = NaN;
        quint64 nonPos = 0;
        for (size_t i = 0; i < k; ++i) {
            const double x = block[i], d = x - b.mean;
            m2 += d * d;
            mn = x < mn ? x : mn;
            mx = x > mx ? x : mx;
            if (x > 0) {
                if (!(minPos <= x))
                    minPos = x;
            } else {
                ++nonPos;
            }
        }
        b.m2 = m2;
        b.min = mn;
        b.max = mx;
        b.minPositive = minPos;
        b.nonPositive = nonPos;
        merge(b); // b holds only the valid values; the counts of the others are already ours
    }
}

void Statistics::merge(const Statistics &o)
{
    count += o.count;
    nan += o.nan;
    posInf += o.posInf;
    negInf += o.negInf;
    missing += o.missing;
    nonPositive += o.nonPositive;
    if (o.valid == 0)
        return;
    if (valid == 0) {
        valid = o.valid;
        min = o.min;
        max = o.max;
        mean = o.mean;
        m2 = o.m2;
        minPositive = o.minPositive;
        return;
    }
    const double na = double(valid), nb = double(o.valid), n = na + nb;
    const double delta = o.mean - mean;
    mean += delta * (nb / n);
    m2 += o.m2 + delta * delta * (na * nb / n);
    valid += o.valid;
    min = std::min(min, o.min);
    max = std::max(max, o.max);
    if (!(minPositive <= o.minPositive))
        minPositive = std::isnan(o.minPositive) ? minPositive : o.minPositive;
}

Result<std::unique_ptr<SliceStatistics>> SliceStatistics::create(PlotSource source, HistogramOptions histogram)
{
    const std::vector<quint64> shape = source.shape();
    if (shape.size() > 2)
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("Statistics are computed over one or two dimensions; this selection has %1.")
                               .arg(shape.size()));
    if (histogram.range && !(histogram.range->first < histogram.range->second))
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("The histogram range is empty."));
    return std::unique_ptr<SliceStatistics>(new SliceStatistics(std::move(source), histogram));
}

SliceStatistics::SliceStatistics(PlotSource source, HistogramOptions histogram)
    : m_source(std::move(source)), m_options(histogram), m_out(std::make_shared<SliceSummary>())
{
    const std::vector<quint64> shape = m_source.shape();
    m_rows = shape.empty() ? 1 : shape[0];
    m_cols = shape.size() < 2 ? 1 : shape[1];
    const quint64 n = m_rows * m_cols;
    const bool twoPasses = m_options.bins > 0 && !m_options.range;
    m_total = twoPasses ? 2 * n : n;
    if (m_options.bins > 0 && m_options.range)
        m_out->histogram.emplace(m_options.bins, m_options.range->first, m_options.range->second, m_options.log);
}

QString SliceStatistics::title() const
{
    return QStringLiteral("Statistics of %1").arg(m_source.reader()->path());
}

void SliceStatistics::startHistogram()
{
    const Statistics &s = m_out->statistics;
    const double lower = m_options.log ? s.minPositive : s.min;
    m_out->histogram.emplace(m_options.bins, std::isnan(lower) ? 0.0 : lower, std::isnan(s.max) ? 1.0 : s.max,
                             m_options.log);
    m_binning = true;
    m_row = m_rowEnd = 0;
    m_col = 0;
}

bool SliceStatistics::step()
{
    if (m_tileCols == 0) {
        if (m_source.shape().size() == 2)
            std::tie(m_tileRows, m_tileCols) = m_source.tileShape(m_tileElements, m_cols);
        else
            std::tie(m_tileRows, m_tileCols) = std::pair<quint64, quint64>(m_tileElements, 1);
    }
    if (m_rowEnd == m_row)
        m_rowEnd = m_source.tileEnd(0, m_row, m_tileRows, m_rows);
    if (m_row >= m_rows || m_rows * m_cols == 0)
        return false;
    const quint64 colEnd =
        m_source.shape().size() == 2 ? m_source.tileEnd(1, m_col, m_tileCols, m_cols) : std::min(m_cols, m_col + 1);
    if (Status st = m_source.read(m_row, m_rowEnd - m_row, m_col, colEnd - m_col, m_tile); !st)
        return fail(st.error());
    const size_t n = size_t(m_tile.rows * m_tile.cols);
    if (n != (m_rowEnd - m_row) * (colEnd - m_col))
        return fail(Error::make(ErrorCode::Internal, QStringLiteral("The dataset returned fewer values than asked.")));
    if (!m_binning)
        m_out->statistics.add(m_tile.values, n, m_source.missing());
    if (m_out->histogram && (m_binning || m_options.range))
        m_out->histogram->add(m_tile.values, n, m_source.missing());
    m_done += n;
    m_col = colEnd;
    if (m_col >= m_cols) {
        m_col = 0;
        m_row = m_rowEnd;
    }
    if (m_row < m_rows)
        return true;
    if (m_options.bins > 0 && !m_binning && !m_options.range) {
        startHistogram();
        return true;
    }
    return false;
}

std::shared_ptr<const SliceSummary> SliceStatistics::takeOutput()
{
    return std::move(m_out);
}

} // namespace hs::core
