#pragma once

#include "hyperslabcore_export.h"

#include <QString>

namespace hs::core {

// "Natural" order as file managers use it: runs of digits compare by value, so
// item_2 sorts before item_10; otherwise case-insensitive, ties broken by the
// exact code points so the order is total and stable.
HYPERSLABCORE_EXPORT int naturalCompare(QStringView a, QStringView b);

inline bool naturalLess(const QString &a, const QString &b)
{
    return naturalCompare(a, b) < 0;
}

} // namespace hs::core
