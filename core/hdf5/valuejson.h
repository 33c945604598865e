#pragma once

// Internal: a value as JSON for `hyperslab info --json`, from the same raw
// bytes and ValueType the formatter uses: integers and floats as numbers
// (non-finite as "nan", "inf", "-inf"), strings as strings, compounds as
// objects, arrays and vlen sequences as arrays, enums by name, references as
// their resolved text, opaque and unknown bytes as hex strings.

#include "hdf5/valueformatter.h"

#include <QJsonValue>

#include <vector>

namespace hs::core::valuejson {

// One element.
HYPERSLABCORE_EXPORT QJsonValue element(const ValueType &type, const unsigned char *element,
                                        const OwnedHeap *heap = nullptr);
// `count` elements laid out with `shape` (row-major): a scalar for an empty
// shape, nested arrays otherwise.
HYPERSLABCORE_EXPORT QJsonValue elements(const ValueType &type, const unsigned char *data,
                                         const std::vector<quint64> &shape, const OwnedHeap *heap = nullptr);

} // namespace hs::core::valuejson
