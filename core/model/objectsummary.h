#pragma once

#include "model/nodetypes.h"
#include "model/typeinfo.h"

#include <optional>

namespace hs::core {

// Everything the tree's tooltip, the status bar and `hyperslab info` say about one object.
struct ObjectSummary
{
    QString path;            // absolute path inside the file
    LinkEntry link;          // how the parent reaches it (name = last path component)
    ObjectKind kind = ObjectKind::Unknown;
    ObjectId id;
    std::optional<ShapeInfo> shape;  // datasets
    std::optional<TypeInfo> type;    // datasets and committed datatypes
    quint64 memberCount = 0;         // groups
    bool memberCountKnown = false;
};

} // namespace hs::core
