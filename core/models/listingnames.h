#pragma once

#include "hyperslabcore_export.h"

#include <QString>
#include <QStringView>

#include <memory>
#include <vector>

namespace hs::core {

// The member names of one group's listing, in one store: UTF-16 code units
// back to back in a few large chunks, each name found by its position in the
// listing. A million names cost their characters plus 6 bytes each (22-26
// bytes for "item_0012345"), against 48 for a QString apiece plus the 24 of
// the QString itself in every holder.
//
// Written by one thread (the listing job), then only read, by any number of
// threads: once a name's view has been handed out the store is never written
// again (append, squeeze), and views stay valid as long as the store lives.
class HYPERSLABCORE_EXPORT ListingNames
{
public:
    ListingNames() = default;
    ListingNames(const ListingNames &) = delete;
    ListingNames &operator=(const ListingNames &) = delete;

    // Appends `name` as the next position. False only if the store is full
    // (4 billion code units or 65,535 chunks: no group gets there).
    bool append(QStringView name);
    QStringView at(size_t position) const;
    size_t size() const { return m_index.size(); }
    bool empty() const { return m_index.empty(); }
    void reserve(size_t names) { m_index.reserve(names); }

    // Gives back the unused tail of the last chunk (a small group's names do
    // not keep a large chunk). Only before any view was handed out: the last
    // chunk moves.
    void squeeze();

    // What the store holds on the heap, for the curious (tests, benchmarks).
    size_t heapBytes() const;

private:
    // A chunk holds names of at most MaxChunkUnits (a longer one gets a chunk
    // of its own), each as a length (one unit, or two if 32768 or more) and
    // its units. Chunks grow from MinChunkUnits to MaxChunkUnits, so a group of
    // ten names does not take 128 KB.
    static constexpr size_t MinChunkUnits = 64;
    static constexpr size_t MaxChunkUnits = size_t(1) << 16;
    struct Chunk
    {
        std::unique_ptr<char16_t[]> units;
        size_t capacity = 0;
        size_t used = 0;
    };
    std::vector<Chunk> m_chunks;
    std::vector<quint32> m_index; // chunk << 16 | offset of the name's length
};

} // namespace hs::core
