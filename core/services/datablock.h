#pragma once

#include "hyperslabcore_export.h"
#include "model/formatoptions.h"

#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace hs::core {

class ValueFormatter;
struct OwnedHeap;

// A rectangle of values read from a dataset: rows x cols elements of the 2-D
// result of a selection, each element split into `fields` columns (the leaves
// of a compound type; 1 otherwise). Immutable once published, so any thread
// may format from it without the library lock.
//
// Every type keeps its raw bytes (in the native memory type) and is formatted
// on demand, so any FormatOptions apply to every block. Values that live
// outside the element (variable-length data, references) are made
// self-contained when read: vlen payloads are copied into `heap` (raw points
// into it) and HDF5's memory is freed; references are resolved to text once
// (raw then holds an index into heap's string table).
class HYPERSLABCORE_EXPORT DataBlock
{
public:
    quint64 row0 = 0, col0 = 0; // position in the result
    quint64 rows = 0, cols = 0;
    int fields = 1;

    // Value of element (row, col) of this block (relative), field `field`.
    QString cellText(quint64 row, quint64 col, int field, const FormatOptions &options) const;
    // The same, appended to `out` as UTF-8 (CSV export; no QString churn).
    void appendUtf8(quint64 row, quint64 col, int field, const FormatOptions &options, std::string &out) const;
    // Numeric value for plotting/statistics; NaN when the field is not numeric.
    double number(quint64 row, quint64 col, int field) const;
    // Memory held, for the cache bound.
    size_t byteSize() const;

    // Filled by the reader.
    std::shared_ptr<const ValueFormatter> formatter;
    std::vector<unsigned char> raw;   // rows*cols*elementSize, row-major, when text is empty
    std::vector<QString> text;        // rows*cols*fields, row-major, for preformatted types
                                      // (the reader leaves it empty: see above)
    std::shared_ptr<const OwnedHeap> heap; // out-of-line data raw points into (may be null)
};

using DataBlockPtr = std::shared_ptr<const DataBlock>;

} // namespace hs::core
