#include "models/listingnames.h"

#include <algorithm>
#include <cstring>

namespace hs::core {

bool ListingNames::append(QStringView name)
{
    const size_t length = size_t(name.size());
    if (length >= (size_t(1) << 31))
        return false;
    const size_t need = length + (length < 0x8000 ? 1 : 2);
    if (m_chunks.empty() || m_chunks.back().capacity - m_chunks.back().used < need) {
        if (m_chunks.size() >= 0xFFFF)
            return false;
        // Doubling up to MaxChunkUnits; a longer name gets a chunk of its own
        // (its offset is 0, so it still fits the 16 bits of the index).
        const size_t last = m_chunks.empty() ? 0 : m_chunks.back().capacity;
        const size_t capacity = std::max(need, std::clamp(last * 2, MinChunkUnits, MaxChunkUnits));
        Chunk c;
        c.units = std::make_unique_for_overwrite<char16_t[]>(capacity);
        c.capacity = capacity;
        m_chunks.push_back(std::move(c));
    }
    Chunk &c = m_chunks.back();
    m_index.push_back(quint32(m_chunks.size() - 1) << 16 | quint32(c.used));
    char16_t *p = c.units.get() + c.used;
    if (length < 0x8000) {
        *p++ = char16_t(length);
    } else {
        *p++ = char16_t(0x8000 | (length >> 16));
        *p++ = char16_t(length & 0xFFFF);
    }
    if (length)
        std::memcpy(p, name.utf16(), length * sizeof(char16_t));
    c.used += need;
    return true;
}

QStringView ListingNames::at(size_t position) const
{
    const quint32 where = m_index[position];
    const char16_t *p = m_chunks[where >> 16].units.get() + (where & 0xFFFF);
    size_t length = *p++;
    if (length & 0x8000)
        length = (length & 0x7FFF) << 16 | *p++;
    return QStringView(p, qsizetype(length));
}

void ListingNames::squeeze()
{
    m_index.shrink_to_fit();
    if (m_chunks.empty() || m_chunks.back().used == m_chunks.back().capacity)
        return;
    Chunk &c = m_chunks.back();
    auto units = std::make_unique_for_overwrite<char16_t[]>(c.used);
    std::memcpy(units.get(), c.units.get(), c.used * sizeof(char16_t));
    c.units = std::move(units);
    c.capacity = c.used;
}

size_t ListingNames::heapBytes() const
{
    size_t bytes = m_index.capacity() * sizeof(quint32) + m_chunks.capacity() * sizeof(Chunk);
    for (const Chunk &c : m_chunks)
        bytes += c.capacity * sizeof(char16_t);
    return bytes;
}

} // namespace hs::core
