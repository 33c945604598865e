#pragma once

#include "hyperslabcore_export.h"

#include <QString>

#include <vector>

namespace hs::core {

// Where a reference leads, parsed from its text as the grid and the
// attributes show it: "/path" (object), "/path @attr" (attribute),
// "/path {(2,2)-(7,7), (3,3)-(5,5)}" (region: blocks, corners inclusive) or
// "/path {(6,9), (2,2)}" (region: points). "NULL" and "(dangling reference)"
// are not targets.
struct HYPERSLABCORE_EXPORT ReferenceTarget
{
    enum class Kind { None, Object, Attribute, RegionBlocks, RegionPoints, RegionAll };
    Kind kind = Kind::None;
    QString path;
    QString attribute;
    // Region: blocks as (start, end) corners, inclusive; points as start == end.
    struct Block
    {
        std::vector<quint64> start, end;
    };
    std::vector<Block> blocks;
    bool truncated = false; // the text ended in "…" (more than were listed)

    bool isValid() const { return kind != Kind::None; }
    bool isRegion() const { return kind == Kind::RegionBlocks || kind == Kind::RegionPoints || kind == Kind::RegionAll; }
    static ReferenceTarget parse(const QString &text);
};

} // namespace hs::core
