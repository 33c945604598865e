#include "plot/decimator.h"

#include "plot/finiteminmax.h"

#include <algorithm>
#include <cmath>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace hs::core {

namespace {

// Min and max of p[0..len) when every value is finite and none equals a
// missing value (M of them: 0, 1 or 2, in m0, m1); false otherwise, and the
// caller looks value by value. Most columns of most data take this path,
// which keeps up with reading from the page cache: two doubles per
// instruction, eight values per iteration over independent accumulators (a
// plain loop is bound by one compare chain and took as long as the read
// itself, bench/RESULTS.md "Plot reductions").
template<int M>
bool plainMinMax(const double *p, quint64 len, double m0, double m1, double &mn, double &mx)
{
    quint64 i = 0;
    double lo = p[0], hi = p[0];
#ifdef __SSE2__
    if (len >= 8) {
        __m128d l0 = _mm_set1_pd(lo), l1 = l0, l2 = l0, l3 = l0, h0 = l0, h1 = l0, h2 = l0, h3 = l0;
        __m128d bad = _mm_setzero_pd();
        const __m128d M0 = _mm_set1_pd(m0), M1 = _mm_set1_pd(m1);
        for (; i + 8 <= len; i += 8) {
            const __m128d a = _mm_loadu_pd(p + i), b = _mm_loadu_pd(p + i + 2), c = _mm_loadu_pd(p + i + 4),
                          d = _mm_loadu_pd(p + i + 6);
            l0 = _mm_min_pd(l0, a);
            h0 = _mm_max_pd(h0, a);
            l1 = _mm_min_pd(l1, b);
            h1 = _mm_max_pd(h1, b);
            l2 = _mm_min_pd(l2, c);
            h2 = _mm_max_pd(h2, c);
            l3 = _mm_min_pd(l3, d);
            h3 = _mm_max_pd(h3, d);
            // "Unordered" if either is NaN. Infinities need no test here: one
            // makes the min or the max infinite, checked after the loop.
            bad = _mm_or_pd(bad, _mm_or_pd(_mm_cmpunord_pd(a, b), _mm_cmpunord_pd(c, d)));
            if constexpr (M >= 1)
                bad = _mm_or_pd(bad, _mm_or_pd(_mm_or_pd(_mm_cmpeq_pd(a, M0), _mm_cmpeq_pd(b, M0)),
                                               _mm_or_pd(_mm_cmpeq_pd(c, M0), _mm_cmpeq_pd(d, M0))));
            if constexpr (M >= 2)
                bad = _mm_or_pd(bad, _mm_or_pd(_mm_or_pd(_mm_cmpeq_pd(a, M1), _mm_cmpeq_pd(b, M1)),
                                               _mm_or_pd(_mm_cmpeq_pd(c, M1), _mm_cmpeq_pd(d, M1))));
        }
        if (_mm_movemask_pd(bad) != 0)
            return false;
        const __m128d l = _mm_min_pd(_mm_min_pd(l0, l1), _mm_min_pd(l2, l3));
        const __m128d h = _mm_max_pd(_mm_max_pd(h0, h1), _mm_max_pd(h2, h3));
        double lanes[2];
        _mm_storeu_pd(lanes, l);
        lo = std::min(lanes[0], lanes[1]);
        _mm_storeu_pd(lanes, h);
        hi = std::max(lanes[0], lanes[1]);
        if (std::isinf(lo) || std::isinf(hi))
            return false;
    }
#endif
    bool bad = false;
    for (; i < len; ++i) {
        const double x = p[i];
        bad |= !(x - x == 0) || (M >= 1 && x == m0) || (M >= 2 && x == m1);
        lo = x < lo ? x : lo;
        hi = x > hi ? x : hi;
    }
    if (bad)
        return false;
    mn = lo;
    mx = hi;
    return true;
}

} // namespace

bool finiteMinMax(const double *p, quint64 len, const std::vector<double> &missing, double &mn, double &mx)
{
    if (len == 0)
        return false;
    switch (missing.size()) {
    case 0: return plainMinMax<0>(p, len, 0, 0, mn, mx);
    case 1: return plainMinMax<1>(p, len, missing[0], 0, mn, mx);
    case 2: return plainMinMax<2>(p, len, missing[0], missing[1], mn, mx);
    default: return false;
    }
}


quint64 Decimation::columnStart(quint64 first, quint64 last, int width, int c)
{
    // 128-bit: c * n overflows 64 bits for long series and wide plots.
    const unsigned __int128 n = last - first;
    return first + quint64(n * unsigned(c) / unsigned(std::max(width, 1)));
}

Result<std::unique_ptr<Decimator>> Decimator::create(PlotSource source, quint64 first, quint64 last, int width)
{
    const std::vector<quint64> shape = source.shape();
    if (shape.size() != 1)
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("A line plot needs a selection with one dimension; this one has %1.")
                               .arg(shape.size()));
    if (width < 1)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("The plot has no width."));
    if (width > Decimation::MaxWidth)
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("A plot %1 pixels wide is wider than a plot can show.").arg(width));
    last = std::min(last, shape[0]);
    first = std::min(first, last);
    return std::unique_ptr<Decimator>(new Decimator(std::move(source), first, last, width));
}

Decimator::Decimator(PlotSource source, quint64 first, quint64 last, int width)
    : m_source(std::move(source)), m_pos(first), m_out(std::make_shared<Decimation>())
{
    Decimation &d = *m_out;
    d.first = first;
    d.last = last;
    d.readUpTo = first;
    d.width = width;
    const quint64 n = last - first;
    m_total = n;
    d.isPoints = n < 2 * quint64(width);
    if (d.isPoints) {
        d.points.reserve(size_t(n));
        return;
    }
    d.columns.resize(size_t(width));
    for (int c = 0; c < width; ++c) {
        Decimation::Column &col = d.columns[size_t(c)];
        col.first = Decimation::columnStart(first, last, width, c);
        col.count = Decimation::columnStart(first, last, width, c + 1) - col.first;
    }
    m_columnEnd = d.columns.empty() ? last : d.columns[0].first + d.columns[0].count;
}

QString Decimator::title() const
{
    return QStringLiteral("Reducing %1 for a plot").arg(m_source.reader()->path());
}

void Decimator::fold(const double *v, quint64 index, quint64 n)
{
    Decimation &d = *m_out;
    const MissingValues &missing = m_source.missing();
    if (d.isPoints) {
        for (quint64 i = 0; i < n; ++i)
            d.points.push_back(!missing.empty() && missing.contains(v[i]) ? Decimation::NaN : v[i]);
        return;
    }
    const quint64 end = index + n;
    auto nextColumn = [&] {
        if (index == m_columnEnd && m_column + 1 < int(d.columns.size())) {
            ++m_column;
            m_columnEnd = d.columns[size_t(m_column)].first + d.columns[size_t(m_column)].count;
        }
    };
    while (index < end) {
        Decimation::Column &col = d.columns[size_t(m_column)];
        const quint64 stop = std::min(end, m_columnEnd);
        const double *p = v + (index - (end - n));
        const quint64 len = stop - index;
        double fastMin, fastMax;
        if (finiteMinMax(p, len, missing.values, fastMin, fastMax)) {
            if (col.valid == 0) {
                col.min = fastMin;
                col.max = fastMax;
                col.firstValue = p[0];
            } else {
                col.min = std::min(col.min, fastMin);
                col.max = std::max(col.max, fastMax);
            }
            col.lastValue = p[len - 1];
            col.valid += len;
            index = stop;
            nextColumn();
            continue;
        }
        double mn = col.min, mx = col.max, firstValue = col.firstValue, lastValue = col.lastValue;
        quint64 valid = col.valid;
        std::uint8_t flags = col.flags;
        // Some value is NaN, Inf or missing: value by value.
        for (quint64 i = 0; i < len; ++i) {
            const double x = p[i];
            if (!(x - x == 0)) [[unlikely]] { // NaN or +/-Inf
                flags |= std::isnan(x) ? Decimation::Column::HasNaN
                         : x > 0        ? Decimation::Column::HasPosInf
                                        : Decimation::Column::HasNegInf;
                continue;
            }
            if (!missing.empty() && missing.contains(x)) [[unlikely]] {
                flags |= Decimation::Column::HasMissing;
                continue;
            }
            if (valid == 0) [[unlikely]] {
                mn = mx = firstValue = x;
            } else {
                mn = x < mn ? x : mn;
                mx = x > mx ? x : mx;
            }
            lastValue = x;
            ++valid;
        }
        col.min = mn;
        col.max = mx;
        col.firstValue = firstValue;
        col.lastValue = lastValue;
        col.valid = valid;
        col.flags = flags;
        index = stop;
        nextColumn();
    }
}

bool Decimator::step()
{
    Decimation &d = *m_out;
    if (m_pos >= d.last)
        return false;
    const quint64 end = m_source.tileEnd(0, m_pos, m_tileElements, d.last);
    if (Status st = m_source.read(m_pos, end - m_pos, 0, 1, m_tile); !st)
        return fail(st.error());
    const quint64 n = m_tile.rows;
    if (n == 0)
        return fail(Error::make(ErrorCode::Internal, QStringLiteral("The dataset returned no values.")));
    fold(m_tile.values, m_pos, n);
    m_pos += n;
    m_done = m_pos - d.first;
    d.readUpTo = m_pos;
    return m_pos < d.last;
}

std::shared_ptr<const Decimation> Decimator::snapshot() const
{
    return std::make_shared<const Decimation>(*m_out);
}

std::shared_ptr<const Decimation> Decimator::takeOutput()
{
    return std::move(m_out);
}

} // namespace hs::core
