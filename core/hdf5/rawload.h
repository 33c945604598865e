#pragma once

// Internal: reading native values out of element bytes that may not be
// aligned (compound members, packed memory types). Shared by the formatter
// and the JSON writer, which decode the same bytes.

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace hs::core::rawload {

template<typename T>
T load(const unsigned char *p)
{
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

// A native integer of `size` bytes (1, 2, 4 or 8), sign- or zero-extended.
inline std::int64_t loadSigned(const unsigned char *p, std::size_t size)
{
    switch (size) {
    case 1: return load<std::int8_t>(p);
    case 2: return load<std::int16_t>(p);
    case 4: return load<std::int32_t>(p);
    default: return load<std::int64_t>(p);
    }
}

inline std::uint64_t loadUnsigned(const unsigned char *p, std::size_t size)
{
    switch (size) {
    case 1: return load<std::uint8_t>(p);
    case 2: return load<std::uint16_t>(p);
    case 4: return load<std::uint32_t>(p);
    default: return load<std::uint64_t>(p);
    }
}

} // namespace hs::core::rawload
