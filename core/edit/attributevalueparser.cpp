#include "edit/attributevalueparser.h"

#include <QLocale>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace hs::core {

namespace {

Error bad(QString message) { return Error::make(ErrorCode::InvalidArgument, std::move(message)); }

// "Value 3 (…)" in a list, the value itself for a scalar.
QString where(bool scalar, qsizetype index, const QString &token)
{
    const QString shown = token.size() > 40 ? token.left(40) + QStringLiteral("\u2026") : token;
    if (scalar)
        return QStringLiteral("\u201c%1\u201d").arg(shown);
    return QStringLiteral("Value %1 (\u201c%2\u201d)").arg(index + 1).arg(shown);
}

template<typename T>
void put(QByteArray &out, T v)
{
    out.append(reinterpret_cast<const char *>(&v), sizeof v);
}

// A native integer of `bytes` bytes, its bits taken from `v`.
void putInteger(QByteArray &out, int bytes, bool isSigned, quint64 bits)
{
    switch (bytes) {
    case 1: isSigned ? put(out, qint8(bits)) : put(out, quint8(bits)); break;
    case 2: isSigned ? put(out, qint16(bits)) : put(out, quint16(bits)); break;
    case 4: isSigned ? put(out, qint32(bits)) : put(out, quint32(bits)); break;
    default: isSigned ? put(out, qint64(bits)) : put(out, quint64(bits)); break;
    }
}

template<typename T>
T get(const char *p)
{
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

QString integerText(const char *p, int bytes, bool isSigned)
{
    switch (bytes) {
    case 1: return isSigned ? QString::number(get<qint8>(p)) : QString::number(get<quint8>(p));
    case 2: return isSigned ? QString::number(get<qint16>(p)) : QString::number(get<quint16>(p));
    case 4: return isSigned ? QString::number(get<qint32>(p)) : QString::number(get<quint32>(p));
    default: return isSigned ? QString::number(get<qint64>(p)) : QString::number(get<quint64>(p));
    }
}

qint64 integerValue(const char *p, int bytes, bool isSigned)
{
    switch (bytes) {
    case 1: return isSigned ? get<qint8>(p) : get<quint8>(p);
    case 2: return isSigned ? get<qint16>(p) : get<quint16>(p);
    case 4: return isSigned ? get<qint32>(p) : qint64(get<quint32>(p));
    default: return get<qint64>(p);
    }
}

// "a 16-bit signed integer", "an 8-bit unsigned integer".
QString withArticle(const QString &text)
{
    return (text.startsWith(u'8') ? QStringLiteral("an ") : QStringLiteral("a ")) + text;
}

// Parses a whole number; false with `why` when it is none or out of range.
bool parseInteger(const QString &token, const AttributeType &t, quint64 &bits, QString &why)
{
    QString s = token.trimmed();
    bool negative = false;
    if (s.startsWith(u'+') || s.startsWith(u'-')) {
        negative = s.startsWith(u'-');
        s = s.mid(1);
    }
    int base = 10;
    if (s.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)) {
        base = 16;
        s = s.mid(2);
    }
    bool ok = !s.isEmpty() && !s.startsWith(u'+') && !s.startsWith(u'-');
    const quint64 magnitude = ok ? s.toULongLong(&ok, base) : 0;
    const auto [lo, hi] = t.range();
    const QString rangeText = QStringLiteral("%1 to %2").arg(lo).arg(hi);
    if (!ok) {
        bool isFloat = false;
        token.trimmed().toDouble(&isFloat);
        why = isFloat ? QStringLiteral("is not a whole number (%1 holds %2)").arg(withArticle(t.text()), rangeText)
                      : QStringLiteral("is not a number");
        return false;
    }
    if (negative) {
        // -magnitude must be >= lo (lo is 0 for unsigned types).
        const quint64 limit = lo < 0 ? quint64(-(lo + 1)) + 1 : 0;
        if (magnitude > limit) {
            why = QStringLiteral("does not fit %1 (%2)").arg(withArticle(t.text()), rangeText);
            return false;
        }
        bits = quint64(0) - magnitude;
        return true;
    }
    if (magnitude > hi) {
        why = QStringLiteral("does not fit %1 (%2)").arg(withArticle(t.text()), rangeText);
        return false;
    }
    bits = magnitude;
    return true;
}

bool parseFloat(const QString &token, int bytes, double &value, QString &why)
{
    const QString s = token.trimmed().toLower();
    if (s == QLatin1String("nan") || s == QLatin1String("+nan") || s == QLatin1String("-nan")) {
        value = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (s == QLatin1String("inf") || s == QLatin1String("+inf") || s == QLatin1String("infinity")) {
        value = std::numeric_limits<double>::infinity();
        return true;
    }
    if (s == QLatin1String("-inf") || s == QLatin1String("-infinity")) {
        value = -std::numeric_limits<double>::infinity();
        return true;
    }
    bool ok = false;
    value = QLocale::c().toDouble(s, &ok);
    if (!ok) {
        why = QStringLiteral("is not a number");
        return false;
    }
    if (bytes == 4 && std::isfinite(value) && std::fabs(value) > double(std::numeric_limits<float>::max())) {
        why = QStringLiteral("does not fit a 32-bit float (at most \u00b13.4028235e+38)");
        return false;
    }
    return true;
}

bool parseEnum(const QString &token, const AttributeType &t, qint64 &value, QString &why)
{
    const QString s = token.trimmed();
    if (t.kind == AttributeType::Kind::Boolean) {
        if (s.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 || s == QLatin1String("1")) {
            value = 1;
            return true;
        }
        if (s.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0 || s == QLatin1String("0")) {
            value = 0;
            return true;
        }
        why = QStringLiteral("is not a boolean (true or false)");
        return false;
    }
    for (const auto &[name, v] : t.members)
        if (name == s) {
            value = v;
            return true;
        }
    int matches = 0;
    for (const auto &[name, v] : t.members)
        if (name.compare(s, Qt::CaseInsensitive) == 0) {
            value = v;
            ++matches;
        }
    if (matches == 1)
        return true;
    bool isNumber = false;
    const qint64 n = s.toLongLong(&isNumber, 0);
    if (isNumber)
        for (const auto &[name, v] : t.members)
            if (v == n) {
                value = v;
                return true;
            }
    why = QStringLiteral("is not one of %1").arg(t.memberNames().join(QStringLiteral(", ")));
    return false;
}

bool parseString(const QString &text, const AttributeType &t, QByteArray &bytes, QString &why)
{
    if (text.contains(QChar(0))) {
        why = QStringLiteral("holds a NUL character, which HDF5 strings cannot");
        return false;
    }
    if (!t.utf8)
        for (QChar c : text)
            if (c.unicode() >= 0x80) {
                why = QStringLiteral("is not ASCII (\u201c%1\u201d): this attribute holds ASCII strings only").arg(c);
                return false;
            }
    bytes = text.toUtf8();
    if (!t.variableLength) {
        const int room = t.padding == AttributeType::Padding::NullTerminated ? t.bytes - 1 : t.bytes;
        if (bytes.size() > room) {
            why = QStringLiteral("is %1 bytes long; this attribute holds at most %2").arg(bytes.size()).arg(room);
            return false;
        }
        bytes.append(QByteArray(t.bytes - bytes.size(), t.padding == AttributeType::Padding::SpacePadded ? ' ' : '\0'));
    }
    return true;
}

QString quoted(const QString &s)
{
    QString out = s;
    out.replace(u'\\', QLatin1String("\\\\"));
    out.replace(u'"', QLatin1String("\\\""));
    return u'"' + out + u'"';
}

template<typename F>
QString shortest(F v)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return QString::fromLatin1(buf, r.ptr - buf);
}

} // namespace

int AttributeValueParser::elementSize(const AttributeType &type)
{
    switch (type.kind) {
    case AttributeType::Kind::Integer:
    case AttributeType::Kind::Float:
    case AttributeType::Kind::Enum: return type.bytes;
    case AttributeType::Kind::Boolean: return 1;
    case AttributeType::Kind::String: return type.variableLength ? 0 : type.bytes;
    }
    return 0;
}

Result<QStringList> AttributeValueParser::splitList(const QString &text, bool strings)
{
    QString s = text.trimmed();
    if (s.startsWith(u'[') && s.endsWith(u']'))
        s = s.mid(1, s.size() - 2).trimmed();
    QStringList out;
    if (s.isEmpty())
        return out;
    qsizetype i = 0;
    while (true) {
        while (i < s.size() && s[i].isSpace())
            ++i;
        QString token;
        if (strings && i < s.size() && s[i] == u'"') {
            ++i;
            bool closed = false;
            while (i < s.size()) {
                if (s[i] == u'\\' && i + 1 < s.size()) {
                    token += s[i + 1];
                    i += 2;
                } else if (s[i] == u'"') {
                    closed = true;
                    ++i;
                    break;
                } else {
                    token += s[i++];
                }
            }
            if (!closed)
                return bad(QStringLiteral("Value %1 opens a quote that is never closed.").arg(out.size() + 1));
            while (i < s.size() && s[i].isSpace())
                ++i;
            if (i < s.size() && s[i] != u',')
                return bad(QStringLiteral("Value %1: text after the closing quote (put a comma between values).").arg(out.size() + 1));
        } else {
            const qsizetype comma = s.indexOf(u',', i);
            token = s.mid(i, comma < 0 ? -1 : comma - i).trimmed();
            i = comma < 0 ? s.size() : comma;
            if (!strings && token.isEmpty())
                return bad(QStringLiteral("Value %1 is empty.").arg(out.size() + 1));
        }
        out << token;
        if (i >= s.size())
            break;
        ++i; // the comma
    }
    return out;
}

Result<ParsedValues> AttributeValueParser::parse(const AttributeType &type, const QString &text, bool scalar)
{
    const bool isString = type.kind == AttributeType::Kind::String;
    QStringList tokens;
    if (scalar) {
        if (!isString && text.trimmed().isEmpty())
            return bad(QStringLiteral("Type a value."));
        tokens << text;
    } else {
        auto split = splitList(text, isString);
        if (!split)
            return split.error();
        tokens = split.value();
    }
    ParsedValues out;
    out.count = quint64(tokens.size());
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QString &tok = tokens[i];
        QString why;
        switch (type.kind) {
        case AttributeType::Kind::Integer: {
            quint64 bits = 0;
            if (!parseInteger(tok, type, bits, why))
                return bad(QStringLiteral("%1 %2.").arg(where(scalar, i, tok.trimmed()), why));
            putInteger(out.fixed, type.bytes, type.isSigned, bits);
            break;
        }
        case AttributeType::Kind::Float: {
            double v = 0;
            if (!parseFloat(tok, type.bytes, v, why))
                return bad(QStringLiteral("%1 %2.").arg(where(scalar, i, tok.trimmed()), why));
            if (type.bytes == 4)
                put(out.fixed, float(v));
            else
                put(out.fixed, v);
            break;
        }
        case AttributeType::Kind::Enum:
        case AttributeType::Kind::Boolean: {
            qint64 v = 0;
            if (!parseEnum(tok, type, v, why))
                return bad(QStringLiteral("%1 %2.").arg(where(scalar, i, tok.trimmed()), why));
            putInteger(out.fixed, elementSize(type), type.isSigned, quint64(v));
            break;
        }
        case AttributeType::Kind::String: {
            QByteArray bytes;
            if (!parseString(tok, type, bytes, why))
                return bad(QStringLiteral("%1 %2.").arg(where(scalar, i, tok), why));
            if (type.variableLength)
                out.strings.push_back(bytes);
            else
                out.fixed += bytes;
            break;
        }
        }
    }
    return out;
}

QString AttributeValueParser::format(const AttributeType &type, const ParsedValues &values, bool scalar)
{
    QStringList parts;
    const int size = elementSize(type);
    for (quint64 i = 0; i < values.count; ++i) {
        const char *p = size > 0 && qsizetype((i + 1) * size) <= values.fixed.size() ? values.fixed.constData() + i * size : nullptr;
        QString text;
        switch (type.kind) {
        case AttributeType::Kind::Integer:
            text = p ? integerText(p, type.bytes, type.isSigned) : QString();
            break;
        case AttributeType::Kind::Float:
            text = !p ? QString() : type.bytes == 4 ? shortest(get<float>(p)) : shortest(get<double>(p));
            break;
        case AttributeType::Kind::Enum:
        case AttributeType::Kind::Boolean: {
            const qint64 v = p ? integerValue(p, size, type.isSigned) : 0;
            text = QString::number(v);
            for (const auto &[name, value] : type.members)
                if (value == v) {
                    text = name;
                    break;
                }
            break;
        }
        case AttributeType::Kind::String: {
            QByteArray bytes;
            if (type.variableLength) {
                bytes = i < values.strings.size() ? values.strings[i] : QByteArray();
            } else if (p) {
                bytes = QByteArray(p, size);
                if (type.padding == AttributeType::Padding::SpacePadded) {
                    while (bytes.endsWith(' '))
                        bytes.chop(1);
                } else if (const qsizetype nul = bytes.indexOf('\0'); nul >= 0) {
                    bytes.truncate(nul);
                }
            }
            text = QString::fromUtf8(bytes);
            if (!scalar)
                text = quoted(text);
            break;
        }
        }
        parts << text;
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace hs::core
