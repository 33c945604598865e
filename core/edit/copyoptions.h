#pragma once

namespace hs::core {

// What a copy does with the soft and external links inside what it copies.
enum class CopyLinks {
    Keep,   // copied as links, pointing where they pointed
    Expand, // replaced by a copy of the object they point to (dangling ones stay links)
};

} // namespace hs::core
