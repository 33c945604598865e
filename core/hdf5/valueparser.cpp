#include "hdf5/valueparser.h"

#include "hdf5/valueformatter.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

namespace hs::core {

namespace {

using Kind = ValueType::Kind;

QString q(const std::string &s) { return QString::fromStdString(s); }
QString quoted(const std::string &s) { return QStringLiteral("\u201c%1\u201d").arg(q(s)); }

std::string trimmed(std::string_view s)
{
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a])))
        ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1])))
        --b;
    return std::string(s.substr(a, b - a));
}

std::string lower(std::string s)
{
    for (char &c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool isBooleanEnum(const ValueType &t)
{
    if (t.kind != Kind::Enum || t.enumNames.size() != 2)
        return false;
    return lower(t.enumNames[0]) == "false" && lower(t.enumNames[1]) == "true" && t.enumValues[0] == 0
           && t.enumValues[1] == 1;
}

// "an 8-bit", "a 16-bit".
QString bitsArticle(std::size_t bytes)
{
    return QStringLiteral("%1 %2-bit").arg(bytes == 1 ? QStringLiteral("an") : QStringLiteral("a")).arg(bytes * 8);
}

QString intRange(const ValueType &t)
{
    const int bits = int(t.size * 8);
    if (t.kind == Kind::SignedInt) {
        const std::int64_t hi = bits >= 64 ? std::numeric_limits<std::int64_t>::max() : (std::int64_t(1) << (bits - 1)) - 1;
        return QStringLiteral("%1 to %2").arg(-hi - 1).arg(hi);
    }
    const std::uint64_t hi = bits >= 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << bits) - 1;
    return QStringLiteral("0 to %1").arg(hi);
}

std::size_t maxStringBytes(const ValueType &t)
{
    return t.pad == ValueType::Pad::NullTerm && t.size > 0 ? t.size - 1 : t.size;
}

bool isAscii(const std::string &s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// A cursor over UTF-8 text; `nested` values end at , ] } or ).
struct Parser
{
    std::string_view s;
    std::size_t pos = 0;
    ParsedStrings &strings;
    QString error;

    bool fail(QString message)
    {
        if (error.isEmpty())
            error = std::move(message);
        return false;
    }
    void skipSpace()
    {
        while (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos])))
            ++pos;
    }
    bool eat(char c)
    {
        skipSpace();
        if (pos < s.size() && s[pos] == c) {
            ++pos;
            return true;
        }
        return false;
    }
    // The text of one scalar inside a structure: up to the next separator.
    std::string token()
    {
        skipSpace();
        const std::size_t a = pos;
        while (pos < s.size() && s[pos] != ',' && s[pos] != ']' && s[pos] != '}')
            ++pos;
        return trimmed(s.substr(a, pos - a));
    }
    // A quoted string with the formatter's escapes.
    bool quotedString(std::string &out)
    {
        skipSpace();
        if (pos >= s.size() || s[pos] != '"')
            return fail(QStringLiteral("strings inside brackets or braces are written in double quotes"));
        ++pos;
        while (pos < s.size() && s[pos] != '"') {
            char c = s[pos++];
            if (c == '\\' && pos < s.size()) {
                const char e = s[pos++];
                switch (e) {
                case 'n': c = '\n'; break;
                case 't': c = '\t'; break;
                case 'r': c = '\r'; break;
                case 'x': {
                    unsigned v = 0;
                    if (pos + 2 > s.size() || std::from_chars(s.data() + pos, s.data() + pos + 2, v, 16).ptr != s.data() + pos + 2)
                        return fail(QStringLiteral("\\x must be followed by two hex digits"));
                    pos += 2;
                    c = char(v);
                    break;
                }
                default: c = e; break;
                }
            }
            out += c;
        }
        if (pos >= s.size())
            return fail(QStringLiteral("a quoted string is not closed"));
        ++pos;
        return true;
    }

    bool value(const ValueType &t, unsigned char *p, bool nested)
    {
        switch (t.kind) {
        case Kind::Array: return array(t, p, 0);
        case Kind::Compound: return compound(t, p);
        case Kind::FixedString:
        case Kind::VlenString: {
            std::string text;
            if (nested) {
                if (!quotedString(text))
                    return false;
            } else {
                text = std::string(s.substr(pos));
                pos = s.size();
            }
            return string(t, text, p);
        }
        default: break;
        }
        std::string text;
        if (nested) {
            text = token();
        } else {
            text = trimmed(s.substr(pos));
            pos = s.size();
        }
        return scalar(t, text, p);
    }

    bool scalar(const ValueType &t, const std::string &text, unsigned char *p)
    {
        if (text.empty())
            return fail(QStringLiteral("No value given: type %1.").arg(ValueParser::describe(t)));
        switch (t.kind) {
        case Kind::SignedInt:
        case Kind::UnsignedInt:
        case Kind::Bitfield: return integer(t, text, p);
        case Kind::Float: return floating(t, text, p);
        case Kind::Complex: return complex(t, text, p);
        case Kind::Enum: return enumeration(t, text, p);
        case Kind::Opaque: return opaque(t, text, p);
        default:
            return fail(QStringLiteral("Values of this type (%1) cannot be edited here.").arg(ValueParser::describe(t)));
        }
    }

    bool integer(const ValueType &t, const std::string &text, unsigned char *p)
    {
        const bool isSigned = t.kind == Kind::SignedInt;
        const int bits = int(t.size * 8);
        const std::uint64_t umask = bits >= 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << bits) - 1;
        const auto notFit = [&] {
            return fail(QStringLiteral("%1 does not fit %2").arg(q(text), ValueParser::describe(t)));
        };
        std::string_view v = text;
        bool negative = false;
        if (!v.empty() && (v[0] == '-' || v[0] == '+')) {
            negative = v[0] == '-';
            v.remove_prefix(1);
        }
        std::uint64_t u = 0;
        const bool hex = v.size() > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X');
        if (hex)
            v.remove_prefix(2);
        const auto r = std::from_chars(v.data(), v.data() + v.size(), u, hex ? 16 : 10);
        if (r.ec == std::errc::result_out_of_range)
            return notFit();
        if (r.ec != std::errc() || r.ptr != v.data() + v.size() || v.empty()) {
            // "3.0" or "1e3" for an integer: accept when it is a whole number.
            double d = 0;
            const auto rd = std::from_chars(text.data() + (text[0] == '+'), text.data() + text.size(), d);
            if (rd.ec != std::errc() || rd.ptr != text.data() + text.size() || !std::isfinite(d))
                return fail(QStringLiteral("%1 is not a whole number: type %2").arg(quoted(text), ValueParser::describe(t)));
            if (d != std::floor(d))
                return fail(QStringLiteral("%1 is not a whole number: type %2").arg(q(text), ValueParser::describe(t)));
            if (std::fabs(d) >= 18446744073709551616.0)
                return notFit();
            negative = d < 0;
            u = std::uint64_t(std::fabs(d));
        }
        std::uint64_t bitsOut = 0;
        if (hex && !negative) {
            // A bit pattern as the grid shows it in hex (two's complement for signed).
            if (u > umask)
                return notFit();
            bitsOut = u;
        } else if (isSigned) {
            const std::uint64_t limit = std::uint64_t(1) << (bits - 1); // |min|
            if (negative ? u > limit : u > limit - 1)
                return notFit();
            bitsOut = negative ? (~u + 1) & umask : u;
        } else {
            if ((negative && u != 0) || u > umask)
                return notFit();
            bitsOut = u;
        }
        switch (t.size) {
        case 1: { const auto x = std::uint8_t(bitsOut); std::memcpy(p, &x, 1); break; }
        case 2: { const auto x = std::uint16_t(bitsOut); std::memcpy(p, &x, 2); break; }
        case 4: { const auto x = std::uint32_t(bitsOut); std::memcpy(p, &x, 4); break; }
        default: std::memcpy(p, &bitsOut, 8); break;
        }
        return true;
    }

    // nan, inf, -inf, infinity (any case) or a decimal number.
    static bool toDouble(const std::string &text, long double &out)
    {
        std::string l = lower(text);
        bool neg = false;
        std::string_view v = l;
        if (!v.empty() && (v[0] == '-' || v[0] == '+')) {
            neg = v[0] == '-';
            v.remove_prefix(1);
        }
        if (v == "nan") {
            out = neg ? -std::numeric_limits<long double>::quiet_NaN() : std::numeric_limits<long double>::quiet_NaN();
            return true;
        }
        if (v == "inf" || v == "infinity") {
            out = neg ? -std::numeric_limits<long double>::infinity() : std::numeric_limits<long double>::infinity();
            return true;
        }
        if (v.empty() || !(std::isdigit(static_cast<unsigned char>(v[0])) || v[0] == '.'))
            return false;
        double d = 0;
        const auto r = std::from_chars(v.data(), v.data() + v.size(), d);
        if (r.ptr != v.data() + v.size())
            return false;
        if (r.ec == std::errc::result_out_of_range) {
            // Too large (or too small) for a double: long double or the error message decides.
            char *end = nullptr;
            const std::string copy(v);
            out = std::strtold(copy.c_str(), &end);
            if (neg)
                out = -out;
            return end == copy.c_str() + copy.size();
        }
        if (r.ec != std::errc())
            return false;
        out = neg ? -d : d;
        return true;
    }

    bool floating(const ValueType &t, const std::string &text, unsigned char *p)
    {
        long double v = 0;
        if (!toDouble(text, v))
            return fail(QStringLiteral("%1 is not a number: type %2 (also nan, inf, -inf)")
                            .arg(quoted(text), ValueParser::describe(t)));
        const bool finite = std::isfinite(v);
        if (t.size == sizeof(float)) {
            double d = double(v);
            if (t.sourceMantissaBits > 0) // float16, bfloat16...: rounded as the file stores it
                d = valuetext::roundToFormat(d, t.sourceMantissaBits, t.sourceExponentBits);
            if (finite && (std::isinf(d) || std::fabs(d) > double(std::numeric_limits<float>::max())))
                return fail(QStringLiteral("%1 does not fit %2").arg(q(text), ValueParser::describe(t)));
            const float f = float(d);
            std::memcpy(p, &f, sizeof f);
            return true;
        }
        if (t.size == sizeof(double)) {
            if (finite && std::fabs(v) > (long double)std::numeric_limits<double>::max())
                return fail(QStringLiteral("%1 does not fit %2").arg(q(text), ValueParser::describe(t)));
            const double d = double(v);
            std::memcpy(p, &d, sizeof d);
            return true;
        }
        if (t.size == sizeof(long double)) {
            std::memcpy(p, &v, sizeof v);
            return true;
        }
        return fail(QStringLiteral("Values of this type (%1) cannot be edited here.").arg(ValueParser::describe(t)));
    }

    // "1+2i", "1-2j", "(1+2j)", "3" (real), "2j" (imaginary).
    bool complex(const ValueType &t, const std::string &text, unsigned char *p)
    {
        std::string v = trimmed(text);
        if (v.size() >= 2 && v.front() == '(' && v.back() == ')')
            v = trimmed(std::string_view(v).substr(1, v.size() - 2));
        std::string re = v, im = "0";
        if (!v.empty() && (v.back() == 'i' || v.back() == 'j' || v.back() == 'I' || v.back() == 'J')) {
            const std::string body = v.substr(0, v.size() - 1);
            std::size_t split = std::string::npos;
            for (std::size_t i = body.size(); i-- > 1;) {
                if ((body[i] == '+' || body[i] == '-') && body[i - 1] != 'e' && body[i - 1] != 'E') {
                    split = i;
                    break;
                }
            }
            if (split == std::string::npos) {
                re.assign(1, '0');
                im = body.empty() || body == "+" || body == "-" ? body + "1" : body;
            } else {
                re = trimmed(std::string_view(body).substr(0, split));
                im = trimmed(std::string_view(body).substr(split));
                if (im == "+" || im == "-")
                    im += "1";
                if (im.size() > 1 && im[0] == '+')
                    im.erase(0, 1);
            }
        }
        long double a = 0, b = 0;
        if (!toDouble(re, a) || !toDouble(im, b))
            return fail(QStringLiteral("%1 is not a complex number: type %2, written like 1.5-2i or 3+0.5j")
                            .arg(quoted(text), ValueParser::describe(t)));
        Parser inner{re, 0, strings, {}};
        if (!inner.floating(t.members[0], re, p + t.members[0].offset)
            || !inner.floating(t.members[1], im, p + t.members[1].offset))
            return fail(QStringLiteral("%1 does not fit %2").arg(q(text), ValueParser::describe(t)));
        return true;
    }

    bool enumeration(const ValueType &t, const std::string &text, unsigned char *p)
    {
        const ValueType &base = t.members[0];
        std::optional<std::int64_t> key;
        for (std::size_t i = 0; i < t.enumNames.size() && !key; ++i)
            if (t.enumNames[i] == text)
                key = t.enumValues[i];
        if (!key) { // a name in another case, when only one matches
            int matches = 0;
            for (std::size_t i = 0; i < t.enumNames.size(); ++i)
                if (lower(t.enumNames[i]) == lower(text)) {
                    key = t.enumValues[i];
                    ++matches;
                }
            if (matches > 1)
                key.reset();
        }
        if (!key && isBooleanEnum(t)) {
            const std::string l = lower(text);
            if (l == "1" || l == "yes" || l == "on")
                key = 1;
            else if (l == "0" || l == "no" || l == "off")
                key = 0;
        }
        if (!key) { // the member's number
            std::int64_t n = 0;
            const auto r = std::from_chars(text.data(), text.data() + text.size(), n);
            if (r.ec == std::errc() && r.ptr == text.data() + text.size()
                && std::binary_search(t.enumValues.begin(), t.enumValues.end(), n))
                key = n;
        }
        if (!key) {
            QStringList names;
            for (const std::string &n : t.enumNames)
                names << q(n);
            return fail(QStringLiteral("%1 is not one of this enum's names: %2")
                            .arg(quoted(text), names.join(QStringLiteral(", "))));
        }
        const std::uint64_t bits = std::uint64_t(*key);
        switch (base.size) {
        case 1: { const auto x = std::uint8_t(bits); std::memcpy(p, &x, 1); break; }
        case 2: { const auto x = std::uint16_t(bits); std::memcpy(p, &x, 2); break; }
        case 4: { const auto x = std::uint32_t(bits); std::memcpy(p, &x, 4); break; }
        default: std::memcpy(p, &bits, 8); break;
        }
        return true;
    }

    bool opaque(const ValueType &t, const std::string &text, unsigned char *p)
    {
        std::string_view v = text;
        if (v.size() >= 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X'))
            v.remove_prefix(2);
        if (v.size() != t.size * 2)
            return fail(QStringLiteral("%1 is not %2: write 0x and %3 hex digits")
                            .arg(quoted(text), ValueParser::describe(t)).arg(t.size * 2));
        for (std::size_t i = 0; i < t.size; ++i) {
            unsigned b = 0;
            if (std::from_chars(v.data() + 2 * i, v.data() + 2 * i + 2, b, 16).ptr != v.data() + 2 * i + 2)
                return fail(QStringLiteral("%1 is not written in hex digits").arg(quoted(text)));
            p[i] = static_cast<unsigned char>(b);
        }
        return true;
    }

    bool string(const ValueType &t, const std::string &text, unsigned char *p)
    {
        if (!t.utf8 && !isAscii(text))
            return fail(QStringLiteral("%1 has characters that are not ASCII; this string type holds ASCII only")
                            .arg(quoted(text)));
        if (text.find('\0') != std::string::npos && t.kind == Kind::VlenString)
            return fail(QStringLiteral("A variable-length string cannot hold a zero byte (\\x00)."));
        if (t.kind == Kind::VlenString) {
            strings.strings.push_back(text);
            const char *c = strings.strings.back().c_str();
            std::memcpy(p, &c, sizeof c);
            return true;
        }
        const std::size_t limit = maxStringBytes(t);
        if (text.size() > limit)
            return fail(QStringLiteral("%1 is %2 bytes long; this string type holds at most %3 bytes (%4)")
                            .arg(quoted(text.size() > 40 ? text.substr(0, 37) + "..." : text))
                            .arg(text.size())
                            .arg(limit)
                            .arg(t.utf8 ? QStringLiteral("UTF-8") : QStringLiteral("ASCII")));
        std::memset(p, t.pad == ValueType::Pad::SpacePad ? ' ' : 0, t.size);
        std::memcpy(p, text.data(), text.size());
        return true;
    }

    bool array(const ValueType &t, unsigned char *p, std::size_t dim)
    {
        const ValueType &base = t.members[0];
        const std::uint64_t n = t.dims.empty() ? 1 : t.dims[dim];
        std::uint64_t inner = base.size;
        for (std::size_t d = dim + 1; d < t.dims.size(); ++d)
            inner *= t.dims[d];
        if (!eat('['))
            return fail(QStringLiteral("An array value is written in brackets, like [1, 2, 3] (%1)")
                            .arg(ValueParser::describe(t)));
        for (std::uint64_t i = 0; i < n; ++i) {
            if (i > 0 && !eat(','))
                return fail(QStringLiteral("This array holds %1 values in each row; fewer were given").arg(n));
            const bool last = dim + 1 >= t.dims.size();
            if (!(last ? value(base, p + i * inner, true) : array(t, p + i * inner, dim + 1)))
                return false;
        }
        if (!eat(']'))
            return fail(QStringLiteral("This array holds %1 values in each row; more were given").arg(n));
        return true;
    }

    bool compound(const ValueType &t, unsigned char *p)
    {
        if (!eat('{'))
            return fail(QStringLiteral("A compound value is written in braces, like {1, \"a\"}"));
        for (std::size_t i = 0; i < t.members.size(); ++i) {
            if (i > 0 && !eat(','))
                return fail(QStringLiteral("This compound has %1 fields; fewer were given").arg(t.members.size()));
            if (!value(t.members[i], p + t.members[i].offset, true))
                return false;
        }
        if (!eat('}'))
            return fail(QStringLiteral("This compound has %1 fields; more were given").arg(t.members.size()));
        return true;
    }
};

QString notEditable(const ValueType &t)
{
    switch (t.kind) {
    case Kind::Reference: return QStringLiteral("References cannot be edited here.");
    case Kind::Vlen: return QStringLiteral("Variable-length sequences cannot be edited here.");
    case Kind::Time: return QStringLiteral("Time values cannot be edited here.");
    case Kind::Unknown: return QStringLiteral("Values of this type cannot be edited here.");
    case Kind::Array:
    case Kind::Compound:
        for (const ValueType &m : t.members)
            if (QString why = notEditable(m); !why.isEmpty())
                return why;
        return {};
    case Kind::Float:
        return t.size == sizeof(float) || t.size == sizeof(double) || t.size == sizeof(long double)
                   ? QString()
                   : QStringLiteral("Floats of this size cannot be edited here.");
    default: return {};
    }
}

} // namespace

ValueParser::ValueParser(std::shared_ptr<const ValueFormatter> formatter) : m_formatter(std::move(formatter)) {}

int ValueParser::fieldCount() const { return m_formatter->fieldCount(); }
std::size_t ValueParser::elementSize() const { return m_formatter->elementSize(); }
std::size_t ValueParser::fieldOffset(int field) const { return m_formatter->leaves()[std::size_t(field)].offset; }
std::size_t ValueParser::fieldSize(int field) const { return m_formatter->leaves()[std::size_t(field)].type->size; }

ValueParser::Editor ValueParser::editor(int field) const
{
    if (field < 0 || field >= fieldCount())
        return Editor::None;
    const ValueType &t = *m_formatter->leaves()[std::size_t(field)].type;
    if (!notEditable(t).isEmpty())
        return Editor::None;
    if (isBooleanEnum(t))
        return Editor::Boolean;
    return t.kind == Kind::Enum ? Editor::Choice : Editor::Text;
}

QString ValueParser::notEditableReason(int field) const
{
    if (field < 0 || field >= fieldCount())
        return QStringLiteral("There is no such field.");
    return notEditable(*m_formatter->leaves()[std::size_t(field)].type);
}

QStringList ValueParser::choices(int field) const
{
    QStringList out;
    if (field < 0 || field >= fieldCount())
        return out;
    const ValueType &t = *m_formatter->leaves()[std::size_t(field)].type;
    for (const std::string &n : t.enumNames)
        out << q(n);
    return out;
}

QString ValueParser::limits(int field) const
{
    if (field < 0 || field >= fieldCount())
        return {};
    return describe(*m_formatter->leaves()[std::size_t(field)].type);
}

QString ValueParser::describe(const ValueType &t)
{
    switch (t.kind) {
    case Kind::SignedInt: return QStringLiteral("%1 signed integer (%2)").arg(bitsArticle(t.size), intRange(t));
    case Kind::UnsignedInt: return QStringLiteral("%1 unsigned integer (%2)").arg(bitsArticle(t.size), intRange(t));
    case Kind::Bitfield: return QStringLiteral("%1 bitfield (0x0 to 0x%2)").arg(bitsArticle(t.size)).arg(QString(t.size * 2, QLatin1Char('f')));
    case Kind::Float:
        if (t.sourceMantissaBits == 10 && t.sourceExponentBits == 5)
            return QStringLiteral("a 16-bit float (largest \u00b165504; also nan, inf, -inf)");
        if (t.sourceMantissaBits > 0)
            return QStringLiteral("a narrow float (%1-bit mantissa, %2-bit exponent)").arg(t.sourceMantissaBits).arg(t.sourceExponentBits);
        if (t.size == sizeof(float))
            return QStringLiteral("a 32-bit float (largest \u00b13.4028235e+38)");
        return t.size == sizeof(double) ? QStringLiteral("a 64-bit float") : QStringLiteral("an extended-precision float");
    case Kind::Complex: return QStringLiteral("a complex number of two %1-bit floats").arg(t.members[0].size * 8);
    case Kind::FixedString:
        return QStringLiteral("a string of at most %1 bytes (%2)").arg(maxStringBytes(t)).arg(t.utf8 ? QStringLiteral("UTF-8") : QStringLiteral("ASCII"));
    case Kind::VlenString: return QStringLiteral("a string of any length (%1)").arg(t.utf8 ? QStringLiteral("UTF-8") : QStringLiteral("ASCII"));
    case Kind::Enum: {
        QStringList names;
        for (const std::string &n : t.enumNames)
            names << q(n);
        return isBooleanEnum(t) ? QStringLiteral("a boolean (FALSE or TRUE)") : QStringLiteral("one of %1").arg(names.join(QStringLiteral(", ")));
    }
    case Kind::Opaque: return QStringLiteral("%1 opaque bytes").arg(t.size);
    case Kind::Array: {
        QStringList dims;
        for (std::uint64_t d : t.dims)
            dims << QString::number(d);
        return QStringLiteral("an array [%1] of %2").arg(dims.join(QStringLiteral(" x ")), describe(t.members[0]));
    }
    case Kind::Compound: return QStringLiteral("a compound of %1 fields").arg(t.members.size());
    default: return QStringLiteral("a value of an uneditable type");
    }
}

QString ValueParser::parse(int field, const QString &text, unsigned char *element, ParsedStrings &strings) const
{
    if (field < 0 || field >= fieldCount())
        return QStringLiteral("There is no such field.");
    const ValueFormatter::Leaf &leaf = m_formatter->leaves()[std::size_t(field)];
    if (QString why = notEditable(*leaf.type); !why.isEmpty())
        return why;
    const std::string utf8 = text.toStdString();
    Parser p{utf8, 0, strings, {}};
    if (!p.value(*leaf.type, element + leaf.offset, false))
        return p.error;
    p.skipSpace();
    if (p.pos != utf8.size())
        return QStringLiteral("Unexpected text after the value: %1").arg(quoted(utf8.substr(p.pos)));
    return {};
}

} // namespace hs::core
