#pragma once

// Internal: link names and paths between HDF5 (bytes, meant to be UTF-8 but
// any bytes in old files, e.g. Latin-1 "0\xB0C") and QString, without loss.
//
// Valid UTF-8 decodes as UTF-8. Every byte of an invalid sequence becomes the
// lone surrogate U+DC80 + byte, as Python's "surrogateescape" does, and
// encoding maps those back to the byte, so a name read from a file always finds
// the same link again.
//
// Shown to people (info text and JSON, messages, the crash line) such a byte
// is written "\xB0", so a listed path can be typed or pasted back:
// toEscaped/fromEscaped convert between the two forms. h5dump prints the raw
// bytes; this form is ASCII, hence valid in JSON and on any terminal.

#include <QByteArray>
#include <QString>
#include <QStringDecoder>

#include <cstring>

namespace hs::core::names {

inline QString decode(const char *bytes, qsizetype size)
{
    const QByteArrayView view(bytes, size);
    {
        QStringDecoder strict(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString s = strict(view);
        if (!strict.hasError())
            return s;
    }
    // Slow path: decode valid runs, escape the bytes of invalid sequences.
    QString out;
    qsizetype i = 0;
    auto seqLength = [](unsigned char c) -> int {
        if (c < 0x80) return 1;
        if (c >= 0xC2 && c <= 0xDF) return 2;
        if (c >= 0xE0 && c <= 0xEF) return 3;
        if (c >= 0xF0 && c <= 0xF4) return 4;
        return 0;
    };
    while (i < size) {
        const int n = seqLength(static_cast<unsigned char>(bytes[i]));
        bool ok = n > 0 && i + n <= size;
        for (int k = 1; ok && k < n; ++k)
            ok = (static_cast<unsigned char>(bytes[i + k]) & 0xC0) == 0x80;
        if (ok && n > 1) {
            QStringDecoder strict(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            const QString ch = strict(QByteArrayView(bytes + i, n));
            ok = !strict.hasError();
            if (ok)
                out += ch;
        } else if (ok) {
            out += QLatin1Char(bytes[i]);
        }
        if (!ok) {
            out += QChar(char16_t(0xDC00 + static_cast<unsigned char>(bytes[i])));
            i += 1;
        } else {
            i += n;
        }
    }
    return out;
}

inline QString decode(const char *bytes)
{
    return bytes ? decode(bytes, qsizetype(std::strlen(bytes))) : QString();
}

inline QByteArray encode(const QString &s)
{
    bool escaped = false;
    for (QChar c : s)
        escaped = escaped || (c.unicode() >= 0xDC80 && c.unicode() <= 0xDCFF);
    if (!escaped)
        return s.toUtf8();
    QByteArray out;
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s[i].unicode();
        // A lone low surrogate is an escaped byte; a proper pair never has a low surrogate here
        // without a high one before it.
        const bool lone = u >= 0xDC80 && u <= 0xDCFF && (i == 0 || !s[i - 1].isHighSurrogate());
        if (!lone)
            continue;
        out += QStringView(s).mid(runStart, i - runStart).toUtf8();
        out += char(u - 0xDC00);
        runStart = i + 1;
    }
    out += QStringView(s).mid(runStart).toUtf8();
    return out;
}

namespace detail {
inline bool isEscapedByte(const QString &s, qsizetype i)
{
    const char16_t u = s[i].unicode();
    return u >= 0xDC80 && u <= 0xDCFF && (i == 0 || !s[i - 1].isHighSurrogate());
}
inline int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9') return u - '0';
    if (u >= 'a' && u <= 'f') return u - 'a' + 10;
    if (u >= 'A' && u <= 'F') return u - 'A' + 10;
    return -1;
}
// "\xHH" at i with HH >= 0x80 (the only bytes that are ever escaped): its value, or -1.
inline int escapeAt(const QString &s, qsizetype i)
{
    if (i + 4 > s.size())
        return -1;
    if (s[i] != u'\\' || s[i + 1] != u'x')
        return -1;
    const int hi = hexValue(s[i + 2]), lo = hexValue(s[i + 3]);
    return hi >= 8 && lo >= 0 ? hi * 16 + lo : -1;
}
} // namespace detail

// A decoded name or path as people see it: every byte that is not UTF-8 as
// "\xB5" (upper-case hex), and a backslash that would otherwise read as the
// start of such an escape (followed by "xHH" with HH >= 80, or by another
// backslash) doubled. Any other text comes out unchanged, so ordinary names,
// even with backslashes, look as h5dump prints them.
inline QString toEscaped(const QString &s)
{
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (detail::isEscapedByte(s, i)) {
            const int b = s[i].unicode() - 0xDC00;
            out += QStringLiteral("\\x") + QString::number(b, 16).toUpper();
            continue;
        }
        if (s[i] == u'\\' && (detail::escapeAt(s, i) >= 0 || (i + 1 < s.size() && s[i + 1] == u'\\')))
            out += u'\\';
        out += s[i];
    }
    return out;
}

// The inverse of toEscaped: "\xHH" (HH >= 80) becomes the byte, two backslashes one
// backslash; every other backslash stays as it is.
inline QString fromEscaped(const QString &s)
{
    if (!s.contains(u'\\'))
        return s;
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i] != u'\\') {
            out += s[i];
            continue;
        }
        if (i + 1 < s.size() && s[i + 1] == u'\\') {
            out += u'\\';
            ++i;
            continue;
        }
        if (const int b = detail::escapeAt(s, i); b >= 0) {
            out += QChar(char16_t(0xDC00 + b));
            i += 3;
            continue;
        }
        out += s[i];
    }
    return out;
}

// Free text (a message that quotes a name): only the bytes are escaped, as in
// toEscaped; backslashes are left alone, the text is not meant to be parsed.
inline QString showBytes(const QString &s)
{
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (detail::isEscapedByte(s, i))
            out += QStringLiteral("\\x") + QString::number(s[i].unicode() - 0xDC00, 16).toUpper();
        else
            out += s[i];
    }
    return out;
}

} // namespace hs::core::names
