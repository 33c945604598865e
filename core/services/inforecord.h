#pragma once

#include "hyperslabcore_export.h"
#include "model/attributeinfo.h"
#include "model/objectdetails.h"
#include "model/objectsummary.h"
#include "model/storageinfo.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace hs::core {

// What `hyperslab info` prints about one object: the tree's summary plus what
// the inspector panels show (identity, attributes, storage, dimension scales),
// as one JSON object or as readable text.
struct HYPERSLABCORE_EXPORT InfoRecord
{
    ObjectSummary summary;
    QString problem; // about the object itself (cannot be opened, members cannot be listed, missing filter)
    std::optional<ObjectDetails> object;      // resolved objects
    std::optional<StorageInfo> storage;       // datasets
    std::vector<AttributeInfo> attributes;    // with json values
    bool attributesKnown = false;
    QString attributesProblem;                // why the attributes could not be listed

    // path, kind, link {type, target, file, resolved[, problem][, creation_order]},
    // object {token, hard_links}, attributes [{name, type, shape, value[, convention]}],
    // for datasets shape, maxshape, type {class, size, order, text}, filters
    // [{id, name, params, available}], storage {layout, chunks, chunk_bytes,
    // allocated_chunks, logical_size, storage_size, fill_value, filters, ...},
    // dimension_scales (a list of scale paths per dimension); for scales
    // scale_of [{dataset, dimension}]; for datatypes type; for groups members;
    // "problem" when the object is unreadable.
    QJsonObject toJson() const;
    // The same, readably: one header line, then indented "name: value" lines.
    QString toText() const;
};

} // namespace hs::core
