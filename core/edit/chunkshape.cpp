#include "edit/chunkshape.h"

#include "edit/datasetspec.h"

#include <algorithm>

namespace hs::core {

namespace {
constexpr quint64 MaxUnlimitedExtent = 1024;

quint64 bytesOf(const std::vector<quint64> &chunk, int elementBytes)
{
    quint64 n = quint64(std::max(elementBytes, 1));
    for (quint64 c : chunk)
        n *= c;
    return n;
}
} // namespace

std::vector<quint64> suggestChunkShape(const std::vector<quint64> &shape, const std::vector<quint64> &maxShape,
                                       int elementBytes, quint64 targetBytes)
{
    const size_t rank = shape.size();
    std::vector<quint64> chunk(rank, 1);
    std::vector<bool> unlimited(rank, false);
    for (size_t i = 0; i < rank; ++i) {
        const quint64 max = i < maxShape.size() ? maxShape[i] : shape[i];
        unlimited[i] = max == DatasetSpec::Unlimited;
        if (!unlimited[i])
            // A dimension that may grow to a fixed maximum starts from its
            // current extent, but never above that maximum.
            chunk[i] = std::max<quint64>(1, std::min(shape[i], max));
    }
    // Halve the largest fixed extent until the chunk fits (keeps the aspect).
    while (bytesOf(chunk, elementBytes) > targetBytes) {
        size_t largest = rank;
        for (size_t i = 0; i < rank; ++i)
            if (!unlimited[i] && chunk[i] > 1 && (largest == rank || chunk[i] > chunk[largest]))
                largest = i;
        if (largest == rank)
            break; // one element is already larger than the target
        chunk[largest] = (chunk[largest] + 1) / 2;
    }
    // Grow the unlimited extents in turn while the chunk stays under target.
    bool grew = true;
    while (grew) {
        grew = false;
        for (size_t i = 0; i < rank; ++i) {
            if (!unlimited[i] || chunk[i] >= MaxUnlimitedExtent)
                continue;
            std::vector<quint64> bigger = chunk;
            bigger[i] *= 2;
            if (bytesOf(bigger, elementBytes) <= targetBytes) {
                chunk = std::move(bigger);
                grew = true;
            }
        }
    }
    return chunk;
}

} // namespace hs::core
