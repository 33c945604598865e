#include "edit/compressioncatalog.h"

#include "hdf5/errorstack.h"
#include "hdf5/filtercatalog.h"
#include "hdf5/librarylock.h"

#include <QCoreApplication>

#include <hdf5.h>

namespace hs::core::compressioncatalog {

namespace {
constexpr int Gzip = H5Z_FILTER_DEFLATE;
constexpr int Lzf = 32000;
constexpr int Blosc = 32001;
constexpr int Lz4 = 32004;
constexpr int Bitshuffle = 32008;
constexpr int Zfp = 32013;
constexpr int Bzip2 = 307;

QString tr(const char *s)
{
    return QCoreApplication::translate("hs::core::compressioncatalog", s);
}
} // namespace

std::vector<CompressionChoice> all()
{
    return {
        {Gzip, QStringLiteral("gzip"), true, 0, 9, 4, tr("Built into HDF5; every tool can read it.")},
        {Lzf, QStringLiteral("LZF"), false, 0, 0, 0, tr("Fast, modest ratio (h5py's LZF plugin).")},
        {Lz4, QStringLiteral("LZ4"), false, 0, 0, 0, tr("Very fast, modest ratio.")},
        {Bitshuffle, QStringLiteral("Bitshuffle + LZ4"), false, 0, 0, 0,
         tr("Bit-level shuffle then LZ4: good on numbers that vary slowly.")},
        {Blosc, QStringLiteral("Blosc (LZ4, byte shuffle)"), true, 0, 9, 5, tr("Fast, multi-threaded.")},
        {Bzip2, QStringLiteral("bzip2"), true, 1, 9, 9, tr("Slow, high ratio.")},
        {Zfp, QStringLiteral("ZFP (lossless)"), false, 0, 0, 0,
         tr("For 32- and 64-bit numbers in 1 to 4 dimensions; reversible mode, no loss.")},
    };
}

std::optional<CompressionChoice> find(int id)
{
    for (const CompressionChoice &c : all())
        if (c.id == id)
            return c;
    return std::nullopt;
}

bool isAvailable(int id)
{
    LibraryLock lock;
    if (!filtercatalog::isAvailable(H5Z_filter_t(id)))
        return false;
    // Some plugins are built decode-only.
    unsigned config = 0;
    const bool encodes = H5Zget_filter_info(H5Z_filter_t(id), &config) >= 0 && (config & H5Z_FILTER_CONFIG_ENCODE_ENABLED);
    errorstack::clear();
    return encodes;
}

std::vector<CompressionChoice> available()
{
    std::vector<CompressionChoice> out;
    for (const CompressionChoice &c : all())
        if (isAvailable(c.id))
            out.push_back(c);
    return out;
}

std::vector<unsigned> clientData(int id, int level, ElementType type)
{
    const std::optional<CompressionChoice> c = find(id);
    const unsigned lv = unsigned(c && c->hasLevel && level >= 0 ? level : (c ? c->defaultLevel : 0));
    switch (id) {
    case Gzip:
    case Bzip2:
        return {lv};
    case Blosc:
        // The first four are filled in by the plugin (versions, type size,
        // chunk bytes); then level, shuffle (1 = byte), compressor (1 = LZ4).
        return {0, 0, 0, 0, lv, 1, 1};
    case Bitshuffle:
        // Three set by the plugin, block size (0: automatic), 2 = LZ4.
        return {0, 0, 0, 0, 2};
    case Zfp:
        // H5Z-ZFP's generic interface: mode 5 is reversible (lossless).
        Q_UNUSED(type)
        return {5, 0, 0, 0};
    default:
        return {};
    }
}

QString typeProblem(int id, ElementType type, int chunkRank)
{
    if (id == Zfp) {
        const bool fits = type == ElementType::Float32 || type == ElementType::Float64 || type == ElementType::Int32
            || type == ElementType::Int64;
        if (!fits)
            return tr("ZFP compresses only 32- and 64-bit numbers (float32, float64, int32, int64).");
        if (chunkRank < 1 || chunkRank > 4)
            return tr("ZFP compresses datasets of 1 to 4 dimensions.");
    }
    return {};
}

} // namespace hs::core::compressioncatalog
