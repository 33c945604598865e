#include "model/naturalsort.h"

namespace hs::core {

namespace {

// QChar::isDigit and QChar::toCaseFolded, with the ASCII answers inline: the
// sort of a large group calls these millions of times, and toCaseFolded is an
// out-of-line call into QtCore. Same results for every input.
inline bool isDigitFast(QChar c)
{
    const char16_t u = c.unicode();
    return u < 0x80 ? (u >= u'0' && u <= u'9') : c.isDigit();
}

inline QChar foldFast(QChar c)
{
    const char16_t u = c.unicode();
    if (u < 0x80)
        return (u >= u'A' && u <= u'Z') ? QChar(char16_t(u + (u'a' - u'A'))) : c;
    return c.toCaseFolded();
}

} // namespace

int naturalCompare(QStringView a, QStringView b)
{
    qsizetype i = 0, j = 0;
    const qsizetype na = a.size(), nb = b.size();
    int tieBreak = 0;
    while (i < na && j < nb) {
        const QChar ca = a[i], cb = b[j];
        if (isDigitFast(ca) && isDigitFast(cb)) {
            // Skip leading zeros, compare run lengths, then digits.
            qsizetype si = i, sj = j;
            while (si < na && a[si] == QLatin1Char('0'))
                ++si;
            while (sj < nb && b[sj] == QLatin1Char('0'))
                ++sj;
            qsizetype ei = si, ej = sj;
            while (ei < na && isDigitFast(a[ei]))
                ++ei;
            while (ej < nb && isDigitFast(b[ej]))
                ++ej;
            const qsizetype la = ei - si, lb = ej - sj;
            if (la != lb)
                return la < lb ? -1 : 1;
            for (qsizetype k = 0; k < la; ++k) {
                if (a[si + k] != b[sj + k])
                    return a[si + k] < b[sj + k] ? -1 : 1;
            }
            // Equal value: fewer leading zeros first, decided only if all else ties.
            if (tieBreak == 0 && (si - i) != (sj - j))
                tieBreak = (si - i) < (sj - j) ? -1 : 1;
            i = ei;
            j = ej;
            continue;
        }
        if (ca == cb) { // neither is a digit here; equal code points fold alike
            ++i;
            ++j;
            continue;
        }
        const QChar la = foldFast(ca), lb = foldFast(cb);
        if (la != lb)
            return la < lb ? -1 : 1;
        if (tieBreak == 0 && ca != cb)
            tieBreak = ca < cb ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < na)
        return 1;
    if (j < nb)
        return -1;
    return tieBreak;
}

// The key encodes the order naturalCompare decides before its tie-break:
// ASCII letters case-folded, one byte each; a digit run as '0' (a marker that
// compares to every non-digit as any digit would), the count of its
// significant digits, then those digits. Byte-wise comparison of two such
// encodings agrees with naturalCompare wherever they differ, and a shorter
// complete encoding that is a prefix of the other means a shorter name. The
// key keeps the first Capacity bytes; it stops early (incomplete) at the first
// non-ASCII character, whose order only naturalCompare knows.
NaturalSortKey::NaturalSortKey(QStringView s)
{
    const qsizetype n = s.size();
    auto put = [this](char c) {
        if (m_size == Capacity) {
            m_complete = false;
            return false;
        }
        m_bytes[m_size++] = c;
        return true;
    };
    for (qsizetype i = 0; i < n;) {
        const char16_t u = s[i].unicode();
        if (u >= 0x80) {
            m_complete = false;
            return;
        }
        if (u >= u'0' && u <= u'9') {
            qsizetype end = i;
            while (end < n && isDigitFast(s[end]))
                ++end;
            qsizetype first = i;
            while (first < end && s[first] == QLatin1Char('0'))
                ++first;
            bool ascii = true;
            for (qsizetype k = i; k < end && ascii; ++k)
                ascii = s[k].unicode() < 0x80;
            if (!ascii || end - first > 255) {
                m_complete = false;
                return;
            }
            if (!put('0') || !put(char(quint8(end - first))))
                return;
            for (qsizetype k = first; k < end; ++k)
                if (!put(char(s[k].unicode())))
                    return;
            i = end;
            continue;
        }
        if (!put(char(foldFast(s[i]).unicode())))
            return;
        ++i;
    }
}

} // namespace hs::core
