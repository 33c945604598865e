#pragma once

// Internal: turns raw element bytes into text without calling HDF5.
//
// A ValueFormatter is built once per dataset, under the LibraryLock, from the
// HDF5 memory type the values are read into (buildReadPlan, hdf5/readplan.h).
// It keeps a plain C++ description of that type (ValueType: kinds, sizes,
// offsets, enum names, array dims, ...), so formatting needs neither the lock
// nor any HDF5 call and may run on any thread, concurrently.
//
// Values that live outside the element (variable-length data, references) are
// made self-contained right after the read (makeOwned): vlen payloads are
// copied into an OwnedHeap the element bytes then point into, and references
// are resolved to text once (that needs HDF5) and replaced by an index into a
// string table. After that, every element formats from bytes alone.

#include "hdf5/handle.h"
#include "hdf5/readplan.h"
#include "hyperslabcore_export.h"
#include "model/formatoptions.h"
#include "model/typeinfo.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace hs::core {

// A plain description of one memory type (no HDF5 identifiers).
struct ValueType
{
    enum class Kind : std::uint8_t {
        SignedInt,   // native, size 1/2/4/8
        UnsignedInt, // native, size 1/2/4/8
        Float,       // native float/double/long double (size 4/8/sizeof(long double))
        Complex,     // two Floats: members[0] real, members[1] imaginary
        Bitfield,    // native unsigned integer bits, shown as hex
        FixedString,
        VlenString,  // char *
        Enum,        // members[0] is the (integer) base
        Compound,
        Array,       // members[0] is the base; dims
        Vlen,        // hvl_t; members[0] is the base
        Opaque,      // raw bytes, shown as hex
        Reference,   // after makeOwned: a uint32 index into the block's string table
        Time,        // raw integer in the file's byte order
        Unknown,     // raw bytes, shown as hex
    };
    enum class Pad : std::uint8_t { NullTerm, NullPad, SpacePad };

    Kind kind = Kind::Unknown;
    std::size_t size = 0;   // bytes in memory
    std::size_t offset = 0; // within the parent compound
    // Float: mantissa/exponent bits of the stored (file) type when it is
    // narrower than the memory type (float16, bfloat16, FP8): Shortest then
    // means the fewest digits that round-trip to the stored precision.
    int sourceMantissaBits = 0;
    int sourceExponentBits = 0;
    bool bigEndian = false; // Time: order of the raw bytes
    Pad pad = Pad::NullTerm;
    bool utf8 = false;
    std::string tag; // Opaque tag
    std::vector<std::string> names;          // Compound member names
    std::vector<ValueType> members;          // see Kind
    std::vector<std::uint64_t> dims;         // Array
    std::vector<std::int64_t> enumValues;    // Enum, sorted; sign-extended or zero-extended base values
    std::vector<std::string> enumNames;      // parallel to enumValues
    bool outOfLine = false; // this type or a member holds vlen data or references

    // SignedInt/UnsignedInt (an enum's base): the value at `p`, sign- or
    // zero-extended. Shared by the formatter and the plan builder.
    std::int64_t integerAt(const unsigned char *p) const;

    std::uint64_t arrayCount() const
    {
        std::uint64_t n = 1;
        for (std::uint64_t d : dims)
            n *= d;
        return n;
    }
};

// What lives outside the elements of one block: vlen payloads and resolved
// references. Immutable once the block is published.
struct OwnedHeap
{
    std::vector<std::unique_ptr<unsigned char[]>> chunks;
    std::size_t used = 0, capacity = 0, bytes = 0;
    std::vector<std::string> strings; // resolved references

    unsigned char *allocate(std::size_t n);
};

class HYPERSLABCORE_EXPORT ValueFormatter
{
public:
    struct Leaf
    {
        const ValueType *type = nullptr;
        std::size_t offset = 0;
        std::string path; // dotted compound path, "" for the whole element
    };

    explicit ValueFormatter(ValueType root);
    ValueFormatter(const ValueFormatter &) = delete;
    ValueFormatter &operator=(const ValueFormatter &) = delete;

    const ValueType &root() const { return m_root; }
    const std::vector<Leaf> &leaves() const { return m_leaves; }
    int fieldCount() const { return int(m_leaves.size()); }
    std::size_t elementSize() const { return m_root.size; }

    // Appends field `field` of the element at `element` as UTF-8. `heap` is
    // needed only for references (their text lives in heap->strings).
    void append(int field, const unsigned char *element, const FormatOptions &options, std::string &out,
                const OwnedHeap *heap = nullptr) const;
    // The whole element (compounds as "{a, b}").
    void appendElement(const unsigned char *element, const FormatOptions &options, std::string &out,
                       const OwnedHeap *heap = nullptr) const;
    // NaN unless the field is an integer, float, enum, bitfield or time.
    double number(int field, const unsigned char *element) const;

    // Copies `count` elements read by HDF5 from `src` into `dst` (same size),
    // moving out-of-line data into `heap` and replacing references with
    // indices into heap.strings; `resolve` turns a reference (its bytes in the
    // memory type) into text and is the only place that may call HDF5.
    // Only meaningful when root().outOfLine.
    using ResolveFn = std::function<std::string(const ValueType &type, const unsigned char *ref)>;
    void makeOwned(const unsigned char *src, unsigned char *dst, std::size_t count, OwnedHeap &heap,
                   const ResolveFn &resolve) const;

private:
    ValueType m_root;
    std::vector<Leaf> m_leaves;
};

// Text helpers shared with tests.
namespace valuetext {
// Appends `n` bytes of string data: valid UTF-8 as is; a string that is not
// valid UTF-8 as `nonUtf8` says (invalid bytes as \xNN, all of it decoded as
// Latin-1, or its raw bytes); with `escape`, control characters and the
// backslash as \n, \t, \r, \\, \xNN.
HYPERSLABCORE_EXPORT void appendString(const char *s, std::size_t n, bool escape, std::string &out,
                                       FormatOptions::NonUtf8 nonUtf8 = FormatOptions::NonUtf8::Escape);
HYPERSLABCORE_EXPORT bool isValidUtf8(const char *s, std::size_t n);
HYPERSLABCORE_EXPORT void appendDouble(double v, const FormatOptions &o, std::string &out);
HYPERSLABCORE_EXPORT void appendFloat(float v, const FormatOptions &o, std::string &out);
// Shortest text that rounds back to `v` in a binary format with the given
// explicit mantissa and exponent bits (float16: 10, 5; bfloat16: 7, 8).
HYPERSLABCORE_EXPORT void appendNarrowFloat(float v, int mantissaBits, int exponentBits, const FormatOptions &o,
                                            std::string &out);
// `v` rounded to the nearest value of that format (ties to even).
HYPERSLABCORE_EXPORT double roundToFormat(double v, int mantissaBits, int exponentBits);
} // namespace valuetext

} // namespace hs::core
