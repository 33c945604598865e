#include "model/selection.h"

#include <QStringList>

#include <algorithm>
#include <limits>
#include <optional>

namespace hs::core {

namespace {

using Wide = __int128; // bounds arithmetic: 2^63-1 steps over 2^64-1 elements must not overflow

constexpr qint64 kMaxValue = std::numeric_limits<qint64>::max();

Error invalid(const QString &message)
{
    return Error::make(ErrorCode::InvalidArgument, message);
}

QString shapeText(const std::vector<quint64> &shape)
{
    if (shape.empty())
        return QStringLiteral("scalar");
    QStringList parts;
    for (quint64 d : shape)
        parts << QString::number(d);
    return parts.join(QStringLiteral(" x "));
}

// One comma-separated item of the text, before it is matched to a dimension.
struct Item
{
    enum class Kind { Index, Slice, Ellipsis };
    Kind kind = Kind::Index;
    QString text;                   // as typed, trimmed (for messages)
    qint64 index = 0;               // Kind::Index
    std::optional<qint64> start, stop, step; // Kind::Slice; empty means "default"
};

// Parses an optionally signed decimal integer (whitespace already trimmed).
// Returns an error message naming `what` when it is not one.
std::optional<qint64> parseInt(QStringView s, QString *problem)
{
    if (s.isEmpty()) {
        *problem = QStringLiteral("is empty");
        return std::nullopt;
    }
    qsizetype i = 0;
    bool negative = false;
    if (s[0] == QLatin1Char('+') || s[0] == QLatin1Char('-')) {
        negative = s[0] == QLatin1Char('-');
        i = 1;
    }
    if (i == s.size()) {
        *problem = QStringLiteral("is not a number");
        return std::nullopt;
    }
    quint64 v = 0;
    for (; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
            *problem = QStringLiteral("is not a number");
            return std::nullopt;
        }
        v = v * 10 + quint64(c.unicode() - '0');
        if (v > quint64(kMaxValue)) {
            *problem = QStringLiteral("is too large (the limit is 9223372036854775807)");
            return std::nullopt;
        }
    }
    return negative ? -qint64(v) : qint64(v);
}

// `where` says which item (and, when known, which dimension) for messages.
Result<Item> parseItem(const QString &raw, const QString &where)
{
    Item item;
    item.text = raw.trimmed();
    if (item.text.isEmpty())
        return invalid(QStringLiteral("The selection has nothing at %1; remove the extra comma or write ':' for a whole dimension.")
                           .arg(where));
    if (item.text == QLatin1String("...")) {
        item.kind = Item::Kind::Ellipsis;
        return item;
    }
    const QStringList parts = item.text.split(QLatin1Char(':'));
    QString problem;
    if (parts.size() == 1) {
        const auto v = parseInt(QStringView(item.text), &problem);
        if (!v && problem.startsWith(QLatin1String("is too large")))
            return invalid(QStringLiteral("The index '%1' (%2) %3.").arg(item.text, where, problem));
        if (!v)
            return invalid(QStringLiteral("Cannot read '%1' (%2): expected an integer index, a slice such as 0:100:2, or '...'.")
                               .arg(item.text, where));
        item.index = *v;
        return item;
    }
    if (parts.size() > 3)
        return invalid(QStringLiteral("Cannot read '%1' (%2): a slice has at most two colons (start:stop:step).")
                           .arg(item.text, where));
    item.kind = Item::Kind::Slice;
    std::optional<qint64> *fields[3] = {&item.start, &item.stop, &item.step};
    static const char *const names[3] = {"start", "stop", "step"};
    for (qsizetype k = 0; k < parts.size(); ++k) {
        const QString part = parts[k].trimmed();
        if (part.isEmpty())
            continue;
        const auto v = parseInt(QStringView(part), &problem);
        if (!v)
            return invalid(QStringLiteral("Cannot read the slice '%1' (%2): its %3 '%4' %5.")
                               .arg(item.text, where, QLatin1String(names[k]), part, problem));
        *fields[k] = *v;
    }
    return item;
}

Result<DimSlice> resolve(const Item &item, int dim, quint64 size)
{
    DimSlice s;
    const QString dimText = QStringLiteral("dimension %1 (size %2)").arg(dim).arg(size);
    if (item.kind == Item::Kind::Index) {
        Wide i = item.index;
        if (i < 0)
            i += Wide(size);
        if (i < 0 || i >= Wide(size))
            return invalid(QStringLiteral("Index %1 is out of range for %2; valid indices are %3.")
                               .arg(item.index)
                               .arg(dimText,
                                    size == 0 ? QStringLiteral("none, the dimension is empty")
                                              : QStringLiteral("0 to %1 (or -%2 to -1)").arg(size - 1).arg(size)));
        s.start = quint64(i);
        s.count = 1;
        s.dropped = true;
        return s;
    }
    const qint64 step = item.step.value_or(1);
    if (step == 0)
        return invalid(QStringLiteral("The slice '%1' for %2 has step 0; a step must be at least 1.").arg(item.text, dimText));
    if (step < 0)
        return invalid(QStringLiteral("The slice '%1' for %2 has a negative step; HDF5 hyperslabs cannot go backwards, so the step must be positive.")
                           .arg(item.text, dimText));
    const Wide n = Wide(size);
    auto clamp = [n](std::optional<qint64> v, Wide dflt) {
        if (!v)
            return dflt;
        Wide x = *v;
        if (x < 0)
            x += n;
        return x < 0 ? Wide(0) : (x > n ? n : x);
    };
    const Wide start = clamp(item.start, 0);
    const Wide stop = clamp(item.stop, n);
    s.start = quint64(start);
    s.stride = quint64(step);
    s.count = stop > start ? quint64((stop - start + step - 1) / step) : 0;
    return s;
}

} // namespace

Selection Selection::all(const std::vector<quint64> &shape)
{
    Selection s;
    s.m_shape = shape;
    s.m_dims.reserve(shape.size());
    for (quint64 n : shape)
        s.m_dims.push_back(DimSlice{0, 1, n, 1, false});
    return s;
}

Result<Selection> Selection::parse(const QString &text, const std::vector<quint64> &shape)
{
    QString body = text.trimmed();
    const bool open = body.startsWith(QLatin1Char('['));
    const bool close = body.endsWith(QLatin1Char(']'));
    if (open != close || (open && body.size() < 2))
        return invalid(QStringLiteral("The selection '%1' has unbalanced brackets; write it as [start:stop:step, ...].")
                           .arg(text.trimmed()));
    if (open)
        body = body.mid(1, body.size() - 2).trimmed();
    if (body.contains(QLatin1Char('[')) || body.contains(QLatin1Char(']')))
        return invalid(QStringLiteral("The selection '%1' has unbalanced brackets; write it as [start:stop:step, ...].")
                           .arg(text.trimmed()));

    std::vector<Item> items;
    if (!body.isEmpty()) {
        QStringList parts = body.split(QLatin1Char(','));
        // NumPy accepts one trailing comma ("5," is the tuple (5,)).
        if (parts.size() > 1 && parts.last().trimmed().isEmpty())
            parts.removeLast();
        qsizetype ellipsisAt = -1;
        for (qsizetype i = 0; i < parts.size() && ellipsisAt < 0; ++i)
            if (parts[i].trimmed() == QLatin1String("..."))
                ellipsisAt = i;
        for (qsizetype i = 0; i < parts.size(); ++i) {
            // Which dimension this item will meet, if the count of items allows saying.
            const qsizetype dim = ellipsisAt < 0 || i < ellipsisAt ? i : qsizetype(shape.size()) - (parts.size() - i);
            QString where = QStringLiteral("item %1").arg(i + 1);
            if (dim >= 0 && dim < qsizetype(shape.size()))
                where += QStringLiteral(", dimension %1 of size %2").arg(dim).arg(shape[size_t(dim)]);
            auto item = parseItem(parts[i], where);
            if (!item)
                return item.error();
            items.push_back(std::move(item.value()));
        }
    }

    int ellipses = 0;
    for (const Item &item : items)
        ellipses += item.kind == Item::Kind::Ellipsis;
    if (ellipses > 1)
        return invalid(QStringLiteral("The selection '%1' uses '...' %2 times; it may appear at most once.")
                           .arg(text.trimmed())
                           .arg(ellipses));
    const size_t rank = shape.size();
    const size_t given = items.size() - size_t(ellipses);
    if (given > rank && rank == 0)
        return invalid(QStringLiteral("The selection '%1' has %2 ind%3 but the dataset is a scalar; leave the selection empty or write [].")
                           .arg(text.trimmed())
                           .arg(given)
                           .arg(given == 1 ? QStringLiteral("ex") : QStringLiteral("ices")));
    if (given > rank)
        return invalid(QStringLiteral("The selection '%1' has %2 indices but the dataset has %3 dimension%4 (shape %5).")
                           .arg(text.trimmed())
                           .arg(given)
                           .arg(rank)
                           .arg(rank == 1 ? QString() : QStringLiteral("s"))
                           .arg(shapeText(shape)));

    // Expand "..." (or the implicit one at the end) into full slices.
    std::vector<Item> expanded;
    expanded.reserve(rank);
    Item full;
    full.kind = Item::Kind::Slice;
    full.text = QStringLiteral(":");
    bool sawEllipsis = false;
    for (const Item &item : items) {
        if (item.kind == Item::Kind::Ellipsis) {
            expanded.insert(expanded.end(), rank - given, full);
            sawEllipsis = true;
        } else {
            expanded.push_back(item);
        }
    }
    if (!sawEllipsis)
        expanded.insert(expanded.end(), rank - given, full);

    Selection sel;
    sel.m_shape = shape;
    sel.m_dims.reserve(rank);
    for (size_t d = 0; d < rank; ++d) {
        auto slice = resolve(expanded[d], int(d), shape[d]);
        if (!slice)
            return slice.error();
        sel.m_dims.push_back(slice.value());
    }
    return sel;
}

QString Selection::toText() const
{
    QStringList parts;
    for (size_t d = 0; d < m_dims.size(); ++d) {
        const DimSlice &s = m_dims[d];
        const quint64 n = d < m_shape.size() ? m_shape[d] : s.start + s.count * s.stride;
        if (s.dropped) {
            parts << QString::number(s.start);
            continue;
        }
        if (s.start == 0 && s.stride == 1 && s.count == n) {
            parts << QStringLiteral(":");
            continue;
        }
        // stop = start + count*step reads naturally ("0:100:2" for 50 elements),
        // capped at the dimension's size (which parses to the same count).
        // The text has no block size; blocks other than 1 cannot be written.
        const Wide end = Wide(s.start) + Wide(s.count) * Wide(s.stride);
        const quint64 stop = end > Wide(n) ? n : quint64(end);
        const quint64 stop1 = s.count == 0 ? s.start : stop;
        QString part = QStringLiteral("%1:%2").arg(s.start).arg(stop1);
        if (s.stride != 1)
            part += QStringLiteral(":%1").arg(s.stride);
        parts << part;
    }
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

std::vector<quint64> Selection::resultShape() const
{
    std::vector<quint64> shape;
    for (const DimSlice &s : m_dims)
        if (!s.dropped)
            shape.push_back(s.count * s.block);
    return shape;
}

int Selection::resultRank() const
{
    int rank = 0;
    for (const DimSlice &s : m_dims)
        rank += !s.dropped;
    return rank;
}

quint64 Selection::elementCount() const
{
    quint64 n = 1;
    for (const DimSlice &s : m_dims)
        n *= s.count * s.block;
    return n;
}

int Selection::datasetDimOf(int resultDim) const
{
    int r = 0;
    for (size_t d = 0; d < m_dims.size(); ++d) {
        if (m_dims[d].dropped)
            continue;
        if (r == resultDim)
            return int(d);
        ++r;
    }
    return -1;
}

Selection Selection::narrowed(int resultDim, quint64 first, quint64 count) const
{
    Selection s = *this;
    const int d = datasetDimOf(resultDim);
    if (d < 0)
        return s;
    DimSlice &slice = s.m_dims[size_t(d)];
    if (slice.block != 1)
        return s;
    first = std::min(first, slice.count);
    count = std::min(count, slice.count - first);
    slice.start += first * slice.stride;
    slice.count = count;
    return s;
}

} // namespace hs::core
