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
    // Strings whose bytes are not UTF-8 (Latin-1 "µ" = 0xB5 in many instrument
    // files): Escape shows each invalid byte as \xb5 (the screen: what is in
    // the file, unambiguously); Latin1 decodes the whole string as Latin-1;
    // Raw keeps the bytes as they are (CSV export, which must carry the text).
    enum class NonUtf8 { Escape, Latin1, Raw };
    NonUtf8 nonUtf8 = NonUtf8::Escape;

    bool operator==(const FormatOptions &) const = default;
};

} // namespace hs::core
