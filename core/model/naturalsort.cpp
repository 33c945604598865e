#include "model/naturalsort.h"

namespace hs::core {

int naturalCompare(QStringView a, QStringView b)
{
    qsizetype i = 0, j = 0;
    const qsizetype na = a.size(), nb = b.size();
    int tieBreak = 0;
    while (i < na && j < nb) {
        const QChar ca = a[i], cb = b[j];
        if (ca.isDigit() && cb.isDigit()) {
            // Skip leading zeros, compare run lengths, then digits.
            qsizetype si = i, sj = j;
            while (si < na && a[si] == QLatin1Char('0'))
                ++si;
            while (sj < nb && b[sj] == QLatin1Char('0'))
                ++sj;
            qsizetype ei = si, ej = sj;
            while (ei < na && a[ei].isDigit())
                ++ei;
            while (ej < nb && b[ej].isDigit())
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
        const QChar la = ca.toCaseFolded(), lb = cb.toCaseFolded();
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

} // namespace hs::core
