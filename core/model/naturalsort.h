#pragma once

#include "hyperslabcore_export.h"

#include <QString>

#include <cstring>

namespace hs::core {

// "Natural" order as file managers use it: runs of digits compare by value, so
// item_2 sorts before item_10; otherwise case-insensitive, ties broken by the
// exact code points so the order is total and stable.
HYPERSLABCORE_EXPORT int naturalCompare(QStringView a, QStringView b);

inline bool naturalLess(const QString &a, const QString &b)
{
    return naturalCompare(a, b) < 0;
}

// A name's start, precomputed for sorting many names: comparing two keys
// touches 24 contiguous bytes instead of two strings scattered over the heap,
// which is what a 200,000-member sort spends its time on.
class HYPERSLABCORE_EXPORT NaturalSortKey
{
public:
    NaturalSortKey() = default;
    explicit NaturalSortKey(QStringView s);

    // The sign of naturalCompare() of the strings the keys were made from, or
    // 0 when the keys cannot tell (long common prefixes, non-ASCII, names that
    // differ only in case or leading zeros): then call naturalCompare().
    static int compare(const NaturalSortKey &a, const NaturalSortKey &b)
    {
        const int c = std::memcmp(a.m_bytes, b.m_bytes, size_t(a.m_size < b.m_size ? a.m_size : b.m_size));
        if (c != 0)
            return c < 0 ? -1 : 1;
        if (a.m_complete && b.m_complete && a.m_size != b.m_size)
            return a.m_size < b.m_size ? -1 : 1;
        return 0;
    }

private:
    static constexpr int Capacity = 22;
    char m_bytes[Capacity] = {};
    quint8 m_size = 0;
    bool m_complete = true; // the whole string is encoded
};

} // namespace hs::core
