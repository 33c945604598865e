#include "plot/decimator.h"

#include <algorithm>
#include <cmath>

namespace hs::core {

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
    while (index < end) {
        Decimation::Column &col = d.columns[size_t(m_column)];
        const quint64 stop = std::min(end, m_columnEnd);
        const double *p = v + (index - (end - n));
        const quint64 len = stop - index;
        double mn = col.min, mx = col.max, firstValue = col.firstValue, lastValue = col.lastValue;
        quint64 valid = col.valid;
        std::uint8_t flags = col.flags;
        // The hot loop: one predictable test per value in the common case
        // (finite, no missing values). NaN compares false, so min/max start
        // from the column's first valid value.
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
        if (index == m_columnEnd && m_column + 1 < int(d.columns.size())) {
            ++m_column;
            m_columnEnd = d.columns[size_t(m_column)].first + d.columns[size_t(m_column)].count;
        }
    }
}

bool Decimator::step()
{
    Decimation &d = *m_out;
    if (m_pos >= d.last)
        return false;
    const quint64 end = m_source.tileEnd(0, m_pos, m_tileElements, d.last);
    auto tile = m_source.read(m_pos, end - m_pos, 0, 1);
    if (!tile)
        return fail(tile.error());
    const quint64 n = tile->rows;
    if (n == 0)
        return fail(Error::make(ErrorCode::Internal, QStringLiteral("The dataset returned no values.")));
    fold(tile->values, m_pos, n);
    m_pos += n;
    m_done = m_pos - d.first;
    return m_pos < d.last;
}

std::shared_ptr<const Decimation> Decimator::takeOutput()
{
    return std::move(m_out);
}

} // namespace hs::core
