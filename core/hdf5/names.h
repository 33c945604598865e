#pragma once

// Internal: link names and paths between HDF5 (bytes, meant to be UTF-8 but
// any bytes in old files, e.g. Latin-1 "0\xB0C") and QString, without loss.
//
// Valid UTF-8 decodes as UTF-8. Every byte of an invalid sequence becomes the
// lone surrogate U+DC80 + byte, as Python's "surrogateescape" does, and
// encoding maps those back to the byte, so a name read from a file always finds
// the same link again. JSON output shows such bytes as "\udcb0".

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

} // namespace hs::core::names
