#include "hdf5/valuejson.h"

#include "hdf5/rawload.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

// Decodes element bytes exactly as ValueFormatter does (same ValueType, same
// memory layout), but into JSON values:
// - integers as JSON integers; an unsigned 64-bit value above INT64_MAX as a
//   decimal string (a JSON number would be rounded by readers that use doubles);
// - floats as the number their shortest text denotes (0.1f is 0.1, not
//   0.10000000149...), float16 and other narrow formats at their own precision;
//   NaN and infinities as "nan", "inf", "-inf";
// - complex numbers as {"real": x, "imag": y};
// - bitfields and time values as integers;
// - fixed strings without their padding (null or trailing spaces), vlen strings
//   as they are; bytes that are not UTF-8 as \xNN, like the grid;
// - enums by name (the number when no name matches);
// - compounds as objects by member name, arrays as nested arrays by their
//   dimensions, vlen sequences as arrays;
// - references as the resolved text (heap->strings), null without a heap;
// - opaque and unknown bytes as "0x" and hex digits.

namespace hs::core::valuejson {

namespace {

using Kind = ValueType::Kind;
using rawload::load;
using rawload::loadSigned;
using rawload::loadUnsigned;

// H5T_TIME as ValueFormatter reads it: file byte order, signed.
qint64 loadTime(const ValueType &t, const unsigned char *p)
{
    const std::size_t n = std::min<std::size_t>(t.size, 8);
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned char b = t.bigEndian ? p[i] : p[n - 1 - i];
        v = (v << 8) | b;
    }
    if (n < 8 && n > 0 && (v >> (n * 8 - 1)) & 1)
        v |= ~std::uint64_t(0) << (n * 8);
    return qint64(v);
}

QJsonValue unsignedValue(quint64 v)
{
    if (v <= quint64(std::numeric_limits<qint64>::max()))
        return QJsonValue(qint64(v));
    return QJsonValue(QString::number(v));
}

QJsonValue nonFinite(double v)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
}

// The double that the formatter's shortest text for `v` denotes.
QJsonValue floatValue(const ValueType &t, const unsigned char *p)
{
    if (t.size == sizeof(float)) {
        const float v = load<float>(p);
        if (!std::isfinite(v))
            return nonFinite(v);
        std::string text;
        if (t.sourceMantissaBits > 0)
            valuetext::appendNarrowFloat(v, t.sourceMantissaBits, t.sourceExponentBits, FormatOptions{}, text);
        else
            valuetext::appendFloat(v, FormatOptions{}, text);
        double d = 0;
        if (std::from_chars(text.data(), text.data() + text.size(), d).ec == std::errc())
            return d;
        return double(v);
    }
    double d;
    if (t.size == sizeof(double))
        d = load<double>(p);
    else if (t.size == sizeof(long double))
        d = double(load<long double>(p));
    else
        return QJsonValue(QJsonValue::Null);
    if (!std::isfinite(d))
        return nonFinite(d);
    return d;
}

QJsonValue stringValue(const char *s, std::size_t n)
{
    std::string out;
    valuetext::appendString(s, n, false, out);
    return QString::fromStdString(out);
}

QJsonValue hexValue(const unsigned char *p, std::size_t n)
{
    static const char kHex[] = "0123456789abcdef";
    QString out = QStringLiteral("0x");
    out.reserve(int(2 + 2 * n));
    for (std::size_t i = 0; i < n; ++i) {
        out += QLatin1Char(kHex[p[i] >> 4]);
        out += QLatin1Char(kHex[p[i] & 15]);
    }
    return out;
}

QJsonValue value(const ValueType &t, const unsigned char *p, const OwnedHeap *heap);

QJsonArray sequence(const ValueType &base, const unsigned char *p, quint64 n, const OwnedHeap *heap)
{
    QJsonArray a;
    for (quint64 i = 0; i < n; ++i)
        a.append(value(base, p + i * base.size, heap));
    return a;
}

// Dimensions dims[dim..] of `count`-element data starting at `p`.
QJsonValue nested(const ValueType &base, const unsigned char *p, const quint64 *dims, std::size_t rank,
                  const OwnedHeap *heap)
{
    if (rank == 0)
        return value(base, p, heap);
    if (rank == 1)
        return sequence(base, p, dims[0], heap);
    quint64 inner = base.size;
    for (std::size_t d = 1; d < rank; ++d)
        inner *= dims[d];
    QJsonArray a;
    for (quint64 i = 0; i < dims[0]; ++i)
        a.append(nested(base, p + i * inner, dims + 1, rank - 1, heap));
    return a;
}

QJsonValue value(const ValueType &t, const unsigned char *p, const OwnedHeap *heap)
{
    switch (t.kind) {
    case Kind::SignedInt: return QJsonValue(qint64(loadSigned(p, t.size)));
    case Kind::UnsignedInt:
    case Kind::Bitfield: return unsignedValue(loadUnsigned(p, t.size));
    case Kind::Time: return QJsonValue(loadTime(t, p));
    case Kind::Float: return floatValue(t, p);
    case Kind::Complex: {
        QJsonObject o;
        o.insert(QStringLiteral("real"), floatValue(t.members[0], p + t.members[0].offset));
        o.insert(QStringLiteral("imag"), floatValue(t.members[1], p + t.members[1].offset));
        return o;
    }
    case Kind::FixedString: {
        const char *s = reinterpret_cast<const char *>(p);
        std::size_t n = strnlen(s, t.size);
        if (t.pad == ValueType::Pad::SpacePad)
            while (n > 0 && s[n - 1] == ' ')
                --n;
        return stringValue(s, n);
    }
    case Kind::VlenString: {
        const char *s = load<const char *>(p);
        if (!s)
            return QString();
        return stringValue(s, std::strlen(s));
    }
    case Kind::Enum: {
        const ValueType &base = t.members[0];
        const qint64 key = base.kind == Kind::SignedInt ? loadSigned(p, base.size) : qint64(loadUnsigned(p, base.size));
        const auto it = std::lower_bound(t.enumValues.begin(), t.enumValues.end(), key);
        if (it != t.enumValues.end() && *it == key) {
            const std::string &name = t.enumNames[std::size_t(it - t.enumValues.begin())];
            return stringValue(name.data(), name.size());
        }
        return value(base, p, heap);
    }
    case Kind::Compound: {
        QJsonObject o;
        for (std::size_t i = 0; i < t.members.size(); ++i)
            o.insert(QString::fromStdString(t.names[i]), value(t.members[i], p + t.members[i].offset, heap));
        return o;
    }
    case Kind::Array: {
        if (t.members.empty())
            return QJsonArray();
        std::vector<quint64> dims(t.dims.begin(), t.dims.end());
        if (dims.empty())
            dims.push_back(1);
        return nested(t.members[0], p, dims.data(), dims.size(), heap);
    }
    case Kind::Vlen: {
        const hvl_t h = load<hvl_t>(p);
        if (!h.p || t.members.empty())
            return QJsonArray();
        return sequence(t.members[0], static_cast<const unsigned char *>(h.p), h.len, heap);
    }
    case Kind::Reference: {
        const std::uint32_t idx = load<std::uint32_t>(p);
        if (heap && idx < heap->strings.size())
            return QString::fromStdString(heap->strings[idx]);
        return QJsonValue(QJsonValue::Null);
    }
    case Kind::Opaque:
    case Kind::Unknown:
        if (t.tag == "unsupported-reference")
            return QStringLiteral("(reference of a newer HDF5 version)");
        return hexValue(p, t.size);
    }
    return QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonValue element(const ValueType &type, const unsigned char *element, const OwnedHeap *heap)
{
    return value(type, element, heap);
}

QJsonValue elements(const ValueType &type, const unsigned char *data, const std::vector<quint64> &shape,
                    const OwnedHeap *heap)
{
    return nested(type, data, shape.data(), shape.size(), heap);
}

} // namespace hs::core::valuejson
