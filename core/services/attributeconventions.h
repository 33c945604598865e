#pragma once

// Internal: attributes that a convention uses for its own bookkeeping
// (HDF5 Dimension Scales, netCDF-4, PyTables, HDF5 Image, MATLAB v7.3), recognised by name
// and, where a name is shared (CLASS, NAME, VERSION, TITLE), by the object's
// CLASS. Each gets a short tag and one sentence saying what it means on this
// object, with references spelled as paths, so the panel can mark the row and
// explain it instead of leaving raw bookkeeping to decode.

#include "model/attributeinfo.h"

#include <QJsonValue>

#include <vector>

namespace hs::core::attributeconventions {

enum class ObjectKind { Group, Dataset, Datatype };

// Whether an attribute of this name may belong to a convention (its value is
// then decoded for annotate()).
bool isCandidate(const QString &name);

// Sets `convention` and `explanation` of the attributes of one object.
// `values` is parallel to `attributes`: the JSON value of each candidate
// (Undefined for the others and for values too large to decode).
void annotate(std::vector<AttributeInfo> &attributes, const std::vector<QJsonValue> &values, ObjectKind kind);

} // namespace hs::core::attributeconventions
