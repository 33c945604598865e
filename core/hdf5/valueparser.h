#pragma once

// Text a user types -> the bytes of one value of a dataset's type, the
// inverse of the ValueFormatter (hdf5/valueformatter.h): it works on the same
// plain description of the memory type (ValueType) and writes into the same
// memory layout the grid reads, so what the grid shows parses back to the
// same bytes. No HDF5 call and no lock: usable from the GUI thread.
//
// Top-level strings are taken as typed; inside arrays and compounds strings
// are quoted ("a, b") with the escapes the grid shows (\" \\ \n \t \r \xNN).

#include "hyperslabcore_export.h"

#include <QString>
#include <QStringList>

#include <deque>
#include <memory>
#include <string>

namespace hs::core {

class ValueFormatter;
struct ValueType;

// Bytes of variable-length strings that parsed values point to; kept alive by
// whoever holds the parsed elements until they are written.
struct ParsedStrings
{
    std::deque<std::string> strings; // a deque never moves its elements
};
using ParsedStringsPtr = std::shared_ptr<ParsedStrings>;

class HYPERSLABCORE_EXPORT ValueParser
{
public:
    enum class Editor {
        None,   // not editable (references, sequences, time...): see notEditableReason()
        Text,   // a line edit
        Choice, // one of choices() (enums)
        Boolean // an enum FALSE/TRUE (HDF5's boolean convention): a check box or the two names
    };

    explicit ValueParser(std::shared_ptr<const ValueFormatter> formatter);

    int fieldCount() const;
    std::size_t elementSize() const;
    std::size_t fieldOffset(int field) const;
    std::size_t fieldSize(int field) const;

    Editor editor(int field) const;
    // Empty when the field can be edited; else why not, in words.
    QString notEditableReason(int field) const;
    // Enum member names, in value order (Choice and Boolean).
    QStringList choices(int field) const;
    // What the field accepts, for the editor's tooltip: "an 8-bit unsigned
    // integer (0 to 255)", "a string of at most 16 bytes (ASCII)".
    QString limits(int field) const;

    // Parses `text` into field `field` of the element at `element` (the memory
    // layout of the read plan; the other fields are left alone). Returns an
    // empty string on success, else the message to show at the cell, e.g.
    // "300 does not fit an 8-bit unsigned integer (0 to 255)". Bytes of
    // variable-length strings go to `strings`. On failure the field's bytes
    // are unspecified.
    QString parse(int field, const QString &text, unsigned char *element, ParsedStrings &strings) const;

    // What a type accepts, in words (shared by limits() and messages).
    static QString describe(const ValueType &type);

private:
    std::shared_ptr<const ValueFormatter> m_formatter;
};

} // namespace hs::core
