#pragma once

#include "edit/attributetype.h"
#include "hyperslabcore_export.h"
#include "model/error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace hs::core {

// Values of an attribute in memory, ready to write: `count` elements in the
// native layout of the type (integers and enums: native integers of the
// type's size and sign; floats: float or double; booleans: int8; fixed-length
// strings: `bytes` bytes each, padded), or, for variable-length strings, one
// byte string per element (UTF-8 or ASCII, no NUL).
struct HYPERSLABCORE_EXPORT ParsedValues
{
    quint64 count = 0;
    QByteArray fixed;
    std::vector<QByteArray> strings;
    bool operator==(const ParsedValues &) const = default;
};

// Text to attribute values and back, with no HDF5 in sight, so the dialogs
// can check a value as it is typed.
//
// The text of a scalar is one value; a string's text is taken as it is
// (no quotes needed). The text of a list (1-D, or any shape given in
// row-major order) is its values separated by commas, optionally inside
// [ ]; a string element may be double-quoted, with \" and \\ inside, and
// must be when it holds a comma, a quote or spaces at its ends.
// Integers: decimal or 0x hex, range-checked for the size and sign. Floats:
// decimal, also nan, inf, -inf. Enums: a member's name (or its value).
// Booleans: true / false / 1 / 0 (any case).
class HYPERSLABCORE_EXPORT AttributeValueParser
{
public:
    static Result<ParsedValues> parse(const AttributeType &type, const QString &text, bool scalar);
    // The text parse() turns back into `values` (what an editor starts with).
    static QString format(const AttributeType &type, const ParsedValues &values, bool scalar);
    // The bytes one element takes in ParsedValues::fixed (0 for variable-length strings).
    static int elementSize(const AttributeType &type);
    // The elements of a list, unquoted; an unbalanced quote is an error.
    static Result<QStringList> splitList(const QString &text, bool strings);
};

} // namespace hs::core
