#pragma once

#include "hyperslabcore_export.h"

#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace hs::core {

// The attribute types the editors cover, described without HDF5 types (the
// widgets build and show them): integers of 8 to 64 bits, IEEE floats of 32 or
// 64 bits, fixed or variable-length strings (ASCII or UTF-8), enums and
// booleans (h5py's convention: an 8-bit signed enum FALSE = 0, TRUE = 1).
struct HYPERSLABCORE_EXPORT AttributeType
{
    enum class Kind { Integer, Float, String, Enum, Boolean };
    enum class Padding { NullTerminated, NullPadded, SpacePadded };

    Kind kind = Kind::Integer;
    int bytes = 4;          // integer and enum base size (1, 2, 4, 8); float size (4, 8); fixed string length
    bool isSigned = true;   // integers and the enum's base
    bool variableLength = false; // strings
    bool utf8 = true;       // strings: UTF-8, else ASCII
    Padding padding = Padding::NullPadded; // fixed-length strings (h5py writes null-padded)
    std::vector<std::pair<QString, qint64>> members; // enums: name and value, in the type's order

    static AttributeType integer(int bytes, bool isSigned);
    static AttributeType floating(int bytes);
    static AttributeType string(bool utf8, int fixedLength = 0); // 0: variable length
    static AttributeType enumeration(std::vector<std::pair<QString, qint64>> members, int bytes = 1, bool isSigned = true);
    static AttributeType boolean();

    // In words: "32-bit signed integer", "64-bit float", "variable-length UTF-8 string",
    // "fixed-length ASCII string of 16 bytes", "enum (8-bit signed) RED = 0, GREEN = 1", "boolean".
    QString text() const;
    // The member names of an enum or boolean, in order.
    QStringList memberNames() const;
    // The smallest and largest value an integer (or enum base) of this size and sign holds.
    std::pair<qint64, quint64> range() const;

    bool operator==(const AttributeType &) const = default;
};

} // namespace hs::core
