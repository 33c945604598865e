#include "hdf5/valueformatter.h"

#include "hdf5/rawload.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace hs::core {

unsigned char *OwnedHeap::allocate(std::size_t n)
{
    n = std::max<std::size_t>((n + 15) & ~std::size_t(15), 16);
    if (chunks.empty() || used + n > capacity) {
        const std::size_t cap = std::max<std::size_t>(n, 64 * 1024);
        chunks.emplace_back(new unsigned char[cap]);
        used = 0;
        capacity = cap;
        bytes += cap;
    }
    unsigned char *p = chunks.back().get() + used;
    used += n;
    return p;
}

namespace valuetext {

namespace {

const char kHex[] = "0123456789abcdef";

void appendHexByte(unsigned char c, std::string &out)
{
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
}

// Length of the valid UTF-8 sequence at s (1..4), or 0 when it is not valid.
int utf8Length(const unsigned char *s, std::size_t n)
{
    const unsigned char c = s[0];
    int len;
    std::uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (n < std::size_t(len))
        return 0;
    for (int i = 1; i < len; ++i) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
        return 0;
    return len;
}

template<typename F>
void appendFloating(F v, const FormatOptions &o, std::string &out)
{
    char buf[128];
    const int prec = std::clamp(o.floatPrecision, 0, 100);
    auto run = [&](char *b, char *e) {
        switch (o.floatStyle) {
        case FormatOptions::FloatStyle::Shortest: return std::to_chars(b, e, v);
        case FormatOptions::FloatStyle::General: return std::to_chars(b, e, v, std::chars_format::general, prec);
        case FormatOptions::FloatStyle::Scientific: return std::to_chars(b, e, v, std::chars_format::scientific, prec);
        case FormatOptions::FloatStyle::Fixed: return std::to_chars(b, e, v, std::chars_format::fixed, prec);
        }
        return std::to_chars(b, e, v);
    };
    auto r = run(buf, buf + sizeof buf);
    if (r.ec == std::errc()) {
        out.append(buf, r.ptr);
        return;
    }
    // Fixed notation of a huge value (up to ~4950 digits for long double).
    std::vector<char> big(6000);
    r = run(big.data(), big.data() + big.size());
    if (r.ec == std::errc())
        out.append(big.data(), r.ptr);
    else
        out += "?";
}

void appendAscii(unsigned char c, bool escape, std::string &out)
{
    if (!escape || (c >= 0x20 && c != 0x7f && c != '\\')) {
        out.push_back(char(c));
        return;
    }
    switch (c) {
    case '\n': out += "\\n"; break;
    case '\t': out += "\\t"; break;
    case '\r': out += "\\r"; break;
    case '\\': out += "\\\\"; break;
    default:
        out += "\\x";
        appendHexByte(c, out);
    }
}

} // namespace

bool isValidUtf8(const char *s, std::size_t n)
{
    const auto *u = reinterpret_cast<const unsigned char *>(s);
    for (std::size_t i = 0; i < n;) {
        if (u[i] < 0x80) {
            ++i;
            continue;
        }
        const int len = utf8Length(u + i, n - i);
        if (len == 0)
            return false;
        i += std::size_t(len);
    }
    return true;
}

void appendString(const char *s, std::size_t n, bool escape, std::string &out, FormatOptions::NonUtf8 nonUtf8)
{
    const auto *u = reinterpret_cast<const unsigned char *>(s);
    // A string that is not UTF-8 is taken whole in another encoding: one
    // byte decoded as Latin-1 and the next as UTF-8 would be neither.
    if (nonUtf8 != FormatOptions::NonUtf8::Escape && !isValidUtf8(s, n)) {
        const bool latin1 = nonUtf8 == FormatOptions::NonUtf8::Latin1;
        for (std::size_t i = 0; i < n; ++i) {
            const unsigned char c = u[i];
            if (c < 0x80) {
                appendAscii(c, escape, out);
            } else if (latin1) {
                out.push_back(char(0xc0 | (c >> 6)));
                out.push_back(char(0x80 | (c & 0x3f)));
            } else {
                out.push_back(char(c));
            }
        }
        return;
    }
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = u[i];
        if (c < 0x80) {
            appendAscii(c, escape, out);
            ++i;
            continue;
        }
        const int len = utf8Length(u + i, n - i);
        if (len == 0) {
            out += "\\x";
            appendHexByte(c, out);
            ++i;
            continue;
        }
        out.append(s + i, std::size_t(len));
        i += std::size_t(len);
    }
}

void appendDouble(double v, const FormatOptions &o, std::string &out) { appendFloating(v, o, out); }
void appendFloat(float v, const FormatOptions &o, std::string &out) { appendFloating(v, o, out); }

double roundToFormat(double v, int mantissaBits, int exponentBits)
{
    if (v == 0 || !std::isfinite(v))
        return v;
    int e = 0;
    std::frexp(v, &e); // v = m * 2^e, 0.5 <= |m| < 1
    const int bias = (1 << (exponentBits - 1)) - 1;
    const int emin = 1 - bias;
    const int exp = std::max(e - 1, emin);
    const double quantum = std::ldexp(1.0, exp - mantissaBits);
    const double r = std::nearbyint(v / quantum) * quantum;
    const double maxValue = std::ldexp(2.0 - std::ldexp(1.0, -mantissaBits), bias);
    if (std::fabs(r) > maxValue)
        return std::copysign(std::numeric_limits<double>::infinity(), v);
    return r;
}

void appendNarrowFloat(float v, int mantissaBits, int exponentBits, const FormatOptions &o, std::string &out)
{
    if (o.floatStyle != FormatOptions::FloatStyle::Shortest || !std::isfinite(v) || mantissaBits <= 0
        || exponentBits <= 1) {
        appendFloating(v, o, out);
        return;
    }
    char buf[64];
    for (int p = 1; p <= 9; ++p) {
        const auto r = std::to_chars(buf, buf + sizeof buf, double(v), std::chars_format::general, p);
        double back = 0;
        std::from_chars(buf, r.ptr, back);
        if (roundToFormat(back, mantissaBits, exponentBits) == double(v)) {
            // Those digits, written the plain way when shorter ("65500", not "6.55e+04").
            const auto r2 = std::to_chars(buf, buf + sizeof buf, back);
            out.append(buf, r2.ptr);
            return;
        }
    }
    appendFloating(v, o, out);
}

} // namespace valuetext

namespace {

using Kind = ValueType::Kind;
using rawload::load;
using rawload::loadSigned;
using rawload::loadUnsigned;

// H5T_TIME: kept in the file's byte order, signed.
std::int64_t loadTime(const ValueType &t, const unsigned char *p)
{
    const std::size_t n = std::min<std::size_t>(t.size, 8);
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned char b = t.bigEndian ? p[i] : p[n - 1 - i];
        v = (v << 8) | b;
    }
    if (n < 8 && n > 0 && (v >> (n * 8 - 1)) & 1)
        v |= ~std::uint64_t(0) << (n * 8);
    return std::int64_t(v);
}

void appendHex(std::uint64_t v, std::size_t bytes, std::string &out)
{
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v, 16);
    out += "0x";
    const std::size_t digits = std::size_t(r.ptr - buf);
    if (bytes * 2 > digits)
        out.append(bytes * 2 - digits, '0');
    out.append(buf, r.ptr);
}

template<typename I>
void appendInteger(I v, std::string &out)
{
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

void appendSignedText(std::int64_t v, std::size_t size, const FormatOptions &o, std::string &out)
{
    if (o.hexIntegers) {
        const std::uint64_t mask = size >= 8 ? ~std::uint64_t(0) : ((std::uint64_t(1) << (size * 8)) - 1);
        appendHex(std::uint64_t(v) & mask, 0, out);
    } else {
        appendInteger(v, out);
    }
}

struct Ctx
{
    const FormatOptions &o;
    const OwnedHeap *heap;
};

void appendValue(const ValueType &t, const unsigned char *p, const Ctx &c, std::string &out, bool nested);

void appendFloatValue(const ValueType &t, const unsigned char *p, const FormatOptions &o, std::string &out)
{
    if (t.size == sizeof(float)) {
        const float v = load<float>(p);
        if (t.sourceMantissaBits > 0)
            valuetext::appendNarrowFloat(v, t.sourceMantissaBits, t.sourceExponentBits, o, out);
        else
            valuetext::appendFloat(v, o, out);
    } else if (t.size == sizeof(double)) {
        valuetext::appendDouble(load<double>(p), o, out);
    } else if (t.size == sizeof(long double)) {
        valuetext::appendFloating(load<long double>(p), o, out);
    } else {
        out += "?";
    }
}

double floatNumber(const ValueType &t, const unsigned char *p)
{
    if (t.size == sizeof(float))
        return load<float>(p);
    if (t.size == sizeof(double))
        return load<double>(p);
    if (t.size == sizeof(long double))
        return double(load<long double>(p));
    return std::numeric_limits<double>::quiet_NaN();
}

void appendSequence(const ValueType &base, const unsigned char *p, std::uint64_t n, const Ctx &c, std::string &out)
{
    const std::uint64_t limit = c.o.maxArrayElements > 0 ? std::uint64_t(c.o.maxArrayElements) : n;
    for (std::uint64_t i = 0; i < n; ++i) {
        if (i)
            out += ", ";
        if (i >= limit) {
            out += "\u2026";
            break;
        }
        appendValue(base, p + i * base.size, c, out, true);
    }
}

void appendArrayDim(const ValueType &t, const unsigned char *p, std::size_t dim, const Ctx &c, std::string &out)
{
    const ValueType &base = t.members[0];
    if (dim + 1 >= t.dims.size()) {
        out += '[';
        appendSequence(base, p, t.dims.empty() ? 1 : t.dims[dim], c, out);
        out += ']';
        return;
    }
    std::uint64_t inner = base.size;
    for (std::size_t d = dim + 1; d < t.dims.size(); ++d)
        inner *= t.dims[d];
    const std::uint64_t n = t.dims[dim];
    const std::uint64_t limit = c.o.maxArrayElements > 0 ? std::uint64_t(c.o.maxArrayElements) : n;
    out += '[';
    for (std::uint64_t i = 0; i < n; ++i) {
        if (i)
            out += ", ";
        if (i >= limit) {
            out += "\u2026";
            break;
        }
        appendArrayDim(t, p + i * inner, dim + 1, c, out);
    }
    out += ']';
}

void appendStringValue(const char *s, std::size_t n, const Ctx &c, std::string &out, bool nested)
{
    if (!nested) {
        valuetext::appendString(s, n, c.o.escapeStrings, out, c.o.nonUtf8);
        return;
    }
    // Inside arrays, sequences and compounds strings are quoted and escaped,
    // so that separators within them cannot be mistaken for structure.
    out += '"';
    std::string inner;
    valuetext::appendString(s, n, true, inner, c.o.nonUtf8);
    for (char ch : inner) {
        if (ch == '"')
            out += '\\';
        out += ch;
    }
    out += '"';
}

void appendValue(const ValueType &t, const unsigned char *p, const Ctx &c, std::string &out, bool nested)
{
    switch (t.kind) {
    case Kind::SignedInt: appendSignedText(loadSigned(p, t.size), t.size, c.o, out); return;
    case Kind::UnsignedInt:
        if (c.o.hexIntegers)
            appendHex(loadUnsigned(p, t.size), 0, out);
        else
            appendInteger(loadUnsigned(p, t.size), out);
        return;
    case Kind::Time: appendSignedText(loadTime(t, p), t.size, c.o, out); return;
    case Kind::Float: appendFloatValue(t, p, c.o, out); return;
    case Kind::Complex: {
        appendFloatValue(t.members[0], p + t.members[0].offset, c.o, out);
        const std::size_t at = out.size();
        appendFloatValue(t.members[1], p + t.members[1].offset, c.o, out);
        if (at < out.size() && out[at] != '-' && out[at] != '+')
            out.insert(at, 1, '+');
        out += 'i';
        return;
    }
    case Kind::Bitfield: appendHex(loadUnsigned(p, t.size), t.size, out); return;
    case Kind::FixedString: {
        const char *s = reinterpret_cast<const char *>(p);
        const std::size_t n = t.pad == ValueType::Pad::SpacePad ? t.size : strnlen(s, t.size);
        appendStringValue(s, n, c, out, nested);
        return;
    }
    case Kind::VlenString: {
        const char *s = load<const char *>(p);
        appendStringValue(s ? s : "", s ? std::strlen(s) : 0, c, out, nested);
        return;
    }
    case Kind::Enum: {
        const ValueType &base = t.members[0];
        const std::int64_t key = base.integerAt(p);
        const auto it = std::lower_bound(t.enumValues.begin(), t.enumValues.end(), key);
        if (it != t.enumValues.end() && *it == key) {
            const std::string &name = t.enumNames[std::size_t(it - t.enumValues.begin())];
            valuetext::appendString(name.data(), name.size(), c.o.escapeStrings, out, c.o.nonUtf8);
        } else {
            appendValue(base, p, c, out, nested);
        }
        return;
    }
    case Kind::Compound:
        out += '{';
        for (std::size_t i = 0; i < t.members.size(); ++i) {
            if (i)
                out += ", ";
            appendValue(t.members[i], p + t.members[i].offset, c, out, true);
        }
        out += '}';
        return;
    case Kind::Array: appendArrayDim(t, p, 0, c, out); return;
    case Kind::Vlen: {
        const hvl_t h = load<hvl_t>(p);
        out += '(';
        if (h.p)
            appendSequence(t.members[0], static_cast<const unsigned char *>(h.p), h.len, c, out);
        out += ')';
        return;
    }
    case Kind::Reference: {
        const std::uint32_t idx = load<std::uint32_t>(p);
        if (c.heap && idx < c.heap->strings.size())
            out += c.heap->strings[idx];
        else
            out += "?";
        return;
    }
    case Kind::Opaque:
    case Kind::Unknown:
        if (t.tag == "unsupported-reference") {
            out += "(reference of a newer HDF5 version)";
            return;
        }
        out += "0x";
        for (std::size_t i = 0; i < t.size; ++i)
            valuetext::appendHexByte(p[i], out);
        return;
    }
}

double numberOf(const ValueType &t, const unsigned char *p)
{
    switch (t.kind) {
    case Kind::SignedInt: return double(loadSigned(p, t.size));
    case Kind::UnsignedInt:
    case Kind::Bitfield: return double(loadUnsigned(p, t.size));
    case Kind::Time: return double(loadTime(t, p));
    case Kind::Float: return floatNumber(t, p);
    case Kind::Enum: return numberOf(t.members[0], p);
    default: return std::numeric_limits<double>::quiet_NaN();
    }
}

void flatten(const ValueType &t, std::size_t offset, const std::string &prefix, std::vector<ValueFormatter::Leaf> &out)
{
    for (std::size_t i = 0; i < t.members.size(); ++i) {
        const ValueType &m = t.members[i];
        const std::string path = prefix.empty() ? t.names[i] : prefix + '.' + t.names[i];
        if (m.kind == Kind::Compound)
            flatten(m, offset + m.offset, path, out);
        else
            out.push_back({&m, offset + m.offset, path});
    }
}

void fixOwned(const ValueType &t, const unsigned char *src, unsigned char *dst, OwnedHeap &heap,
              const ValueFormatter::ResolveFn &resolve)
{
    if (!t.outOfLine)
        return;
    switch (t.kind) {
    case Kind::VlenString: {
        const char *s = load<const char *>(src);
        char *copy = nullptr;
        if (s) {
            const std::size_t n = std::strlen(s);
            copy = reinterpret_cast<char *>(heap.allocate(n + 1));
            std::memcpy(copy, s, n + 1);
        }
        std::memcpy(dst, &copy, sizeof copy);
        return;
    }
    case Kind::Vlen: {
        hvl_t h = load<hvl_t>(src);
        const ValueType &base = t.members[0];
        if (h.len && h.p) {
            unsigned char *copy = heap.allocate(h.len * base.size);
            std::memcpy(copy, h.p, h.len * base.size);
            if (base.outOfLine)
                for (std::size_t i = 0; i < h.len; ++i)
                    fixOwned(base, static_cast<const unsigned char *>(h.p) + i * base.size, copy + i * base.size,
                             heap, resolve);
            h.p = copy;
        } else {
            h.len = 0;
            h.p = nullptr;
        }
        std::memcpy(dst, &h, sizeof h);
        return;
    }
    case Kind::Reference: {
        const std::uint32_t idx = std::uint32_t(heap.strings.size());
        heap.strings.push_back(resolve ? resolve(t, src) : std::string("?"));
        std::memset(dst, 0, t.size);
        std::memcpy(dst, &idx, sizeof idx);
        return;
    }
    case Kind::Compound:
    case Kind::Complex:
        for (const ValueType &m : t.members)
            fixOwned(m, src + m.offset, dst + m.offset, heap, resolve);
        return;
    case Kind::Array: {
        const ValueType &base = t.members[0];
        const std::uint64_t n = t.arrayCount();
        for (std::uint64_t i = 0; i < n; ++i)
            fixOwned(base, src + i * base.size, dst + i * base.size, heap, resolve);
        return;
    }
    default: return;
    }
}

} // namespace

std::int64_t ValueType::integerAt(const unsigned char *p) const
{
    return kind == Kind::SignedInt ? loadSigned(p, size) : std::int64_t(loadUnsigned(p, size));
}

ValueFormatter::ValueFormatter(ValueType root) : m_root(std::move(root))
{
    if (m_root.kind == Kind::Compound && !m_root.members.empty())
        flatten(m_root, 0, std::string(), m_leaves);
    else
        m_leaves.push_back({&m_root, 0, std::string()});
}

void ValueFormatter::append(int field, const unsigned char *element, const FormatOptions &options, std::string &out,
                            const OwnedHeap *heap) const
{
    if (field < 0 || field >= int(m_leaves.size()))
        return;
    const Leaf &leaf = m_leaves[std::size_t(field)];
    appendValue(*leaf.type, element + leaf.offset, Ctx{options, heap}, out, false);
}

void ValueFormatter::appendElement(const unsigned char *element, const FormatOptions &options, std::string &out,
                                   const OwnedHeap *heap) const
{
    appendValue(m_root, element, Ctx{options, heap}, out, false);
}

double ValueFormatter::number(int field, const unsigned char *element) const
{
    if (field < 0 || field >= int(m_leaves.size()))
        return std::numeric_limits<double>::quiet_NaN();
    const Leaf &leaf = m_leaves[std::size_t(field)];
    return numberOf(*leaf.type, element + leaf.offset);
}

void ValueFormatter::makeOwned(const unsigned char *src, unsigned char *dst, std::size_t count, OwnedHeap &heap,
                               const ResolveFn &resolve) const
{
    std::memcpy(dst, src, count * m_root.size);
    if (!m_root.outOfLine)
        return;
    for (std::size_t i = 0; i < count; ++i)
        fixOwned(m_root, src + i * m_root.size, dst + i * m_root.size, heap, resolve);
}

} // namespace hs::core
