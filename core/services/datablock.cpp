#include "services/datablock.h"

#include "hdf5/valueformatter.h"

#include <limits>

namespace hs::core {

QString DataBlock::cellText(quint64 row, quint64 col, int field, const FormatOptions &options) const
{
    if (!text.empty()) {
        const quint64 i = (row * cols + col) * quint64(fields) + quint64(field);
        return i < text.size() ? text[i] : QString();
    }
    std::string out;
    appendUtf8(row, col, field, options, out);
    // Numbers (most cells) are ASCII, which Latin-1 converts without UTF-8
    // decoding: ~10% less time per float cell (bench/RESULTS.md, "Dataset
    // grid").
    for (const char ch : out)
        if (static_cast<unsigned char>(ch) >= 0x80)
            return QString::fromUtf8(out.data(), qsizetype(out.size()));
    return QString::fromLatin1(out.data(), qsizetype(out.size()));
}

void DataBlock::appendUtf8(quint64 row, quint64 col, int field, const FormatOptions &options, std::string &out) const
{
    if (row >= rows || col >= cols || field < 0 || field >= fields)
        return;
    if (!text.empty()) {
        const quint64 i = (row * cols + col) * quint64(fields) + quint64(field);
        if (i < text.size())
            out += text[i].toStdString();
        return;
    }
    if (!formatter)
        return;
    const quint64 offset = (row * cols + col) * formatter->elementSize();
    if (offset + formatter->elementSize() > raw.size())
        return;
    formatter->append(field, raw.data() + offset, options, out, heap.get());
}

double DataBlock::number(quint64 row, quint64 col, int field) const
{
    if (!formatter || !text.empty() || row >= rows || col >= cols)
        return std::numeric_limits<double>::quiet_NaN();
    const quint64 offset = (row * cols + col) * formatter->elementSize();
    if (offset + formatter->elementSize() > raw.size())
        return std::numeric_limits<double>::quiet_NaN();
    return formatter->number(field, raw.data() + offset);
}

size_t DataBlock::byteSize() const
{
    size_t n = sizeof(DataBlock) + raw.capacity();
    for (const QString &s : text)
        n += sizeof(QString) + size_t(s.capacity()) * sizeof(QChar);
    if (heap) {
        n += heap->bytes;
        for (const std::string &s : heap->strings)
            n += sizeof(std::string) + s.capacity();
    }
    return n;
}

} // namespace hs::core
