#pragma once

// Hyperslab plugin SDK: plain value types a plugin sees. Header-only, Qt only:
// plugins never see HDF5 identifiers and need not link Hyperslab's core.

#include <QByteArray>
#include <QString>
#include <QVariantMap>
#include <QtGlobal>

#include <vector>

namespace hyperslab {

// Version of the interfaces below; part of every interface IID. A plugin built
// against another version is refused at load time, with the reason listed.
inline constexpr int PluginInterfaceVersion = 1;

// One object as the tree shows it.
struct ObjectInfo
{
    QString file;      // path of the HDF5 file
    QString path;      // "/group/dataset"
    QString kind;      // "dataset", "group", "datatype"
    QString typeClass; // "integer", "float", "string", "opaque", "compound", ... ("" for groups)
    quint64 typeSize = 0;  // bytes per element
    bool isSigned = false; // integers
    QString typeText;      // as h5dump spells it
    std::vector<quint64> shape; // empty for a scalar
    bool scalar = false;
    // Attributes by name, values as `hyperslab info --json` writes them
    // (numbers, strings, lists).
    QVariantMap attributes;
    // The first bytes of the values, for recognising a format by signature:
    // up to 64 bytes of 1-byte elements, or the first string (up to 4 KiB,
    // UTF-8) of a string dataset. Empty otherwise.
    QByteArray head;

    quint64 elementCount() const
    {
        quint64 n = 1;
        for (quint64 d : shape)
            n *= d;
        return n;
    }
};

// The in-memory layout of one element as a plugin reads it (host byte
// order), close to a NumPy dtype.
struct ElementLayout
{
    enum class Kind {
        SignedInt,   // size 1/2/4/8
        UnsignedInt, // size 1/2/4/8 (also bitfields)
        Float,       // size 4/8 or long double
        Complex,     // members[0] real, members[1] imaginary (Floats)
        FixedString, // size bytes, NUL-padded or NUL-terminated
        VlenString,  // a `const char *` (valid until the next read)
        Enum,        // members[0] is the integer base; names/values
        Compound,    // names, members (with offsets)
        Array,       // members[0] base, dims
        Opaque,      // size raw bytes
        Other,       // references, vlen sequences, time: no fixed layout
    };
    Kind kind = Kind::Other;
    quint64 size = 0;
    quint64 offset = 0; // within the parent compound
    bool utf8 = false;  // strings
    std::vector<QString> names;           // Compound members, Enum names
    std::vector<qint64> enumValues;       // Enum, parallel to names
    std::vector<ElementLayout> members;   // see Kind
    std::vector<quint64> dims;            // Array
};

} // namespace hyperslab
