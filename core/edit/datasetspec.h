#pragma once

// What the New Dataset dialog asks for, as a value core can check without
// HDF5 (problem()) and CreateDatasetOperation turns into a dataset.

#include "hyperslabcore_export.h"
#include "model/error.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace hs::core {

enum class ElementType {
    Int8, Int16, Int32, Int64,
    UInt8, UInt16, UInt32, UInt64,
    Float32, Float64,
    FixedString, // `stringLength` bytes of UTF-8, null-padded
};

enum class DatasetLayout { Contiguous, Chunked, Compact };

struct HYPERSLABCORE_EXPORT DatasetSpec
{
    static constexpr quint64 Unlimited = ~quint64(0);
    // Largest compact dataset: its values live in the object header, whose
    // messages HDF5 keeps under 64 KiB.
    static constexpr quint64 MaxCompactBytes = 64000;

    QString path;
    ElementType type = ElementType::Float64;
    int stringLength = 16; // FixedString only
    std::vector<quint64> shape;    // empty: a scalar
    std::vector<quint64> maxShape; // empty: the same as shape; Unlimited per dimension
    DatasetLayout layout = DatasetLayout::Contiguous;
    std::vector<quint64> chunk;    // Chunked only, one per dimension
    int compression = 0;           // HDF5 filter id (1 = gzip, 32000 = LZF, ...), 0 none
    int compressionLevel = -1;     // for compressors that take one; -1 their default
    bool shuffle = false;
    bool fletcher32 = false;
    QString fillValue; // as typed ("0", "-1.5", "nan", "n/a"); empty: HDF5's default (zeros)

    // Max shape with the empty case spelled out.
    std::vector<quint64> effectiveMaxShape() const;
    bool hasFilters() const { return compression != 0 || shuffle || fletcher32; }
    // Why this cannot be created, in a sentence (empty when it can): shapes
    // that disagree, a layout that cannot hold the max shape or the filters,
    // a chunk shape that does not fit, a fill value that is not of the type.
    // Does not look at the file (the operation checks the name there).
    QString problem() const;
};

// Bytes per element.
HYPERSLABCORE_EXPORT int elementSize(ElementType type, int stringLength = 16);
// "int32", "float64", "string (16 bytes)".
HYPERSLABCORE_EXPORT QString elementTypeName(ElementType type, int stringLength = 16);
HYPERSLABCORE_EXPORT bool isFloat(ElementType type);
HYPERSLABCORE_EXPORT bool isInteger(ElementType type);
// The fill value as the bytes of one element (little-endian, as the dataset
// stores it), or why `text` is not a value of the type (range, syntax).
HYPERSLABCORE_EXPORT Result<QByteArray> encodeElement(ElementType type, int stringLength, const QString &text);
// A shape typed by a person: "100 × 20", "100, 20", "100x20", "100 20";
// "unlimited", "inf", "∞", "*" or "None" for an unlimited extent when
// `allowUnlimited`; "" or "scalar" for a scalar.
HYPERSLABCORE_EXPORT Result<std::vector<quint64>> parseShape(const QString &text, bool allowUnlimited);
// "10 × 20", "scalar"; Unlimited written "∞".
HYPERSLABCORE_EXPORT QString shapeText(const std::vector<quint64> &shape);

} // namespace hs::core
