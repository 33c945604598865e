#pragma once

#include <QtGlobal>

namespace hs::core {

// How values are turned into text (grid, clipboard, CSV export).
struct FormatOptions
{
    enum class FloatStyle { Shortest, General, Scientific, Fixed };
    bool hexIntegers = false;     // integers and bitfields as 0x...
    FloatStyle floatStyle = FloatStyle::Shortest; // Shortest: fewest digits that round-trip
    int floatPrecision = 6;       // digits for General/Scientific/Fixed
    bool escapeStrings = false;   // show control characters as \n, \t, \x01 ...
    int maxArrayElements = 64;    // arrays/vlen sequences longer than this end with "…" (0 = no limit)

    bool operator==(const FormatOptions &) const = default;
};

} // namespace hs::core
