#pragma once

#include "hyperslabcore_export.h"

#include <QString>
#include <QtGlobal>

#include <vector>

namespace hs::core {

// A datatype as the user sees it; `text` follows h5dump's DDL spelling
// (e.g. "H5T_STD_I32LE", "H5T_STRING { STRSIZE 5; ... }").
struct TypeInfo
{
    QString typeClass; // "integer", "float", "string", "bitfield", "opaque", "compound",
                       // "reference", "enum", "vlen", "array", "time", "unknown"
    quint64 size = 0;  // bytes
    QString order;     // "le", "be", "vax", "none" or "" where it does not apply
    QString text;      // h5dump DDL
    QString brief;     // short form for a tree column: "int32", "float64", "string", ...
};

// The dataspace of a dataset or attribute.
struct HYPERSLABCORE_EXPORT ShapeInfo
{
    enum class Kind { Simple, Scalar, Null };
    Kind kind = Kind::Simple;
    std::vector<quint64> dims;
    std::vector<qint64> maxDims; // -1 means unlimited

    QString text() const;  // "1000 x 20", "scalar", "null"
    quint64 elementCount() const;
};

} // namespace hs::core
