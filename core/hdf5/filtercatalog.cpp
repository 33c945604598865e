#include "hdf5/filtercatalog.h"

#include "model/names.h"

#include <QHash>
#include <QStringList>

#include <cmath>
#include <cstdint>

namespace hs::core::filtercatalog {

namespace {

struct Known
{
    int id;
    const char *shortName;
    const char *displayName;
    const char *debianPackage; // Debian 12 package with a loadable plugin; nullptr when none
};

// Built-in filters and the registered ids of HDF Group's list users meet most.
// Debian packages are the ones whose plugin actually loads: hdf5-plugin-lzf's
// liblzf_filter.so has no H5PLget_plugin_info (HDF5 cannot use it), while
// `bitshuffle` ships working LZF and Bitshuffle plugins.
const Known kKnown[] = {
    {1, "deflate", "Deflate (gzip)", nullptr},
    {2, "shuffle", "Shuffle", nullptr},
    {3, "fletcher32", "Fletcher32 checksum", nullptr},
    {4, "szip", "Szip", nullptr},
    {5, "nbit", "N-bit", nullptr},
    {6, "scaleoffset", "Scale-offset", nullptr},
    {305, "lzo", "LZO", nullptr},
    {307, "bzip2", "bzip2", "hdf5-filter-plugin"},
    {32000, "lzf", "LZF", "bitshuffle"},
    {32001, "blosc", "Blosc", "hdf5-filter-plugin-blosc-serial"},
    {32002, "mafisc", "MAFISC", nullptr},
    {32003, "snappy", "Snappy", nullptr},
    {32004, "lz4", "LZ4", "hdf5-filter-plugin"},
    {32008, "bitshuffle", "Bitshuffle", "bitshuffle"},
    {32013, "zfp", "ZFP", "hdf5-filter-plugin-zfp-serial"},
    {32014, "fpzip", "fpzip", nullptr},
    {32015, "zstd", "Zstandard", nullptr},
    {32017, "sz", "SZ", nullptr},
    {32018, "fcidecomp", "FCIDECOMP", nullptr},
    {32019, "jpeg", "JPEG", nullptr},
    {32020, "vbz", "VBZ", nullptr},
    {32022, "bitgroom", "BitGroom", nullptr},
    {32023, "granularbr", "Granular BitRound", nullptr},
    {32024, "sz3", "SZ3", nullptr},
    {32026, "blosc2", "Blosc2", nullptr},
};

const Known *known(int id)
{
    for (const Known &k : kKnown)
        if (k.id == id)
            return &k;
    return nullptr;
}

QString fileName(const QString &nameInFile)
{
    // "HDF5 lzf filter; see http://..." -> "HDF5 lzf filter"
    return nameInFile.section(QLatin1Char(';'), 0, 0).trimmed();
}

QString n(quint64 v) { return QString::number(v); }

void appendRaw(QStringList &out, const std::vector<unsigned> &v, size_t from)
{
    for (size_t i = from; i < v.size(); ++i)
        out << QStringLiteral("cd[%1] = %2").arg(i).arg(v[i]);
}

QString bytes(quint64 v) { return v == 1 ? QStringLiteral("1 byte") : QStringLiteral("%1 bytes").arg(v); }

// Blosc and Blosc2 number their compressors alike (Blosc2 has no snappy).
QString bloscCompressor(unsigned code)
{
    static const char *const names[] = {"blosclz", "lz4", "lz4hc", "snappy", "zlib", "zstd"};
    return code < 6 ? QString::fromLatin1(names[code]) : QStringLiteral("code %1").arg(code);
}

QString bloscShuffle(unsigned s)
{
    switch (s) {
    case 0: return QStringLiteral("no shuffle");
    case 1: return QStringLiteral("shuffle byte");
    case 2: return QStringLiteral("shuffle bit");
    default: return QStringLiteral("shuffle %1").arg(s);
    }
}

// Blosc (hdf5-blosc): [0] filter revision, [1] Blosc format version,
// [2] element size, [3] chunk bytes, [4] level, [5] shuffle, [6] compressor.
// Blosc2 (hdf5-blosc2) adds [7] rank and [8...] the chunk shape.
QStringList blosc(const std::vector<unsigned> &v, bool two)
{
    QStringList out;
    if (v.size() > 6)
        out << QStringLiteral("compressor ") + bloscCompressor(v[6]);
    if (v.size() > 4)
        out << QStringLiteral("level ") + n(v[4]);
    if (v.size() > 5)
        out << bloscShuffle(v[5]);
    if (v.size() > 2)
        out << QStringLiteral("element size ") + bytes(v[2]);
    if (v.size() > 3)
        out << QStringLiteral("chunk size ") + bytes(v[3]);
    size_t next = 7;
    if (two && v.size() > 7) {
        const size_t rank = v[7];
        QStringList shape;
        for (size_t i = 8; i < v.size() && i < 8 + rank; ++i)
            shape << n(v[i]);
        out << QStringLiteral("block shape ") + shape.join(QStringLiteral(" x "));
        next = 8 + rank;
    }
    appendRaw(out, v, next);
    return out;
}

// Bitshuffle (bshuf_h5filter.c): [0] [1] version, [2] element size,
// [3] block size in elements (0: automatic), [4] 0 none / 2 LZ4 / 3 zstd,
// [5] zstd level.
QStringList bitshuffle(const std::vector<unsigned> &v)
{
    QStringList out;
    if (v.size() > 4) {
        switch (v[4]) {
        case 0: out << QStringLiteral("no compression"); break;
        case 2: out << QStringLiteral("compressor lz4"); break;
        case 3: out << QStringLiteral("compressor zstd"); break;
        default: out << QStringLiteral("compressor code %1").arg(v[4]); break;
        }
        if (v[4] == 3 && v.size() > 5)
            out << QStringLiteral("level ") + n(v[5]);
    }
    if (v.size() > 2)
        out << QStringLiteral("element size ") + bytes(v[2]);
    if (v.size() > 3)
        out << (v[3] == 0 ? QStringLiteral("block size automatic")
                          : QStringLiteral("block size %1 elements").arg(v[3]));
    if (v.size() > 1)
        out << QStringLiteral("bitshuffle %1.%2").arg(v[0]).arg(v[1]);
    appendRaw(out, v, 6);
    return out;
}

// Szip, as HDF5 stores it after set_local: [0] options mask, [1] pixels per
// block, [2] bits per pixel, [3] pixels per scanline.
QStringList szip(const std::vector<unsigned> &v)
{
    QStringList out;
    if (!v.empty()) {
        const unsigned mask = v[0];
        if (mask & H5_SZIP_NN_OPTION_MASK)
            out << QStringLiteral("nearest neighbour coding");
        else if (mask & H5_SZIP_EC_OPTION_MASK)
            out << QStringLiteral("entropy coding");
        if (mask & 16) // H5_SZIP_MSB_OPTION_MASK (not public)
            out << QStringLiteral("MSB first");
        else if (mask & 8) // H5_SZIP_LSB_OPTION_MASK
            out << QStringLiteral("LSB first");
        if (mask & 128) // H5_SZIP_RAW_OPTION_MASK: h5dump's "HEADER RAW"
            out << QStringLiteral("raw (no header)");
    }
    if (v.size() > 1)
        out << QStringLiteral("%1 pixels per block").arg(v[1]);
    if (v.size() > 2)
        out << QStringLiteral("%1 bits per pixel").arg(v[2]);
    if (v.size() > 3)
        out << QStringLiteral("%1 pixels per scanline").arg(v[3]);
    appendRaw(out, v, 4);
    return out;
}

// N-bit (set_local): [0] number of values, [1] nothing to compress, [2]
// elements per chunk, [3] type class (1 atomic, 2 array, 3 compound), then for
// an atomic type [4] size, [5] byte order, [6] precision, [7] offset.
QStringList nbit(const std::vector<unsigned> &v)
{
    QStringList out;
    if (v.size() > 7 && v[3] == 1) {
        out << QStringLiteral("precision %1 bits").arg(v[6]) << QStringLiteral("offset %1 bits").arg(v[7]);
        return out;
    }
    if (v.size() > 3)
        out << (v[3] == 3 ? QStringLiteral("compound type") : v[3] == 2 ? QStringLiteral("array type")
                                                                       : QStringLiteral("type class %1").arg(v[3]))
            << QStringLiteral("%1 parameters").arg(v.size());
    else
        appendRaw(out, v, 0);
    return out;
}

// Scale-offset: [0] 0 float D-scale, 1 float E-scale, 2 integer; [1] the
// factor (decimal digits kept, or minimum bits for integers, 0 = automatic).
// The rest (set_local) describes the type and fill value for the filter itself.
QStringList scaleOffset(const std::vector<unsigned> &v)
{
    QStringList out;
    if (v.empty())
        return out;
    switch (v[0]) {
    case 0:
        out << QStringLiteral("float, D-scale");
        if (v.size() > 1)
            out << QStringLiteral("scale factor %1").arg(qint32(v[1]));
        break;
    case 1:
        out << QStringLiteral("float, E-scale");
        if (v.size() > 1)
            out << QStringLiteral("scale factor %1").arg(qint32(v[1]));
        break;
    case 2:
        out << QStringLiteral("integer");
        if (v.size() > 1)
            out << (v[1] == 0 ? QStringLiteral("minimum bits automatic") : QStringLiteral("minimum bits %1").arg(v[1]));
        break;
    default: appendRaw(out, v, 0); break;
    }
    return out;
}

// Reads the bits of zfp's stream header, which H5Z-ZFP writes into cd[1...]
// (a bit stream of 8-bit words, least significant bit first).
class BitReader
{
public:
    explicit BitReader(std::vector<uint8_t> bytes) : m_bytes(std::move(bytes)) {}
    bool read(int bits, uint64_t &out)
    {
        out = 0;
        for (int i = 0; i < bits; ++i, ++m_pos) {
            if (m_pos / 8 >= m_bytes.size())
                return false;
            out |= uint64_t((m_bytes[m_pos / 8] >> (m_pos % 8)) & 1u) << i;
        }
        return true;
    }

private:
    std::vector<uint8_t> m_bytes;
    size_t m_pos = 0;
};

// H5Z-ZFP stores [0] (zfp version << 16) | (codec << 12) | plugin version,
// and zfp_write_header's output after it: 32-bit magic "zfp" + codec,
// 52 bits of field metadata (type, rank, chunk shape), then the mode, 12 bits
// for the common modes or 64 bits of expert parameters. The words are in the
// writer's byte order, so a big-endian file is tried the other way round.
QStringList zfp(const std::vector<unsigned> &v)
{
    QStringList out;
    if (v.size() < 3) {
        appendRaw(out, v, 0);
        return out;
    }
    for (bool swap : {false, true}) {
        std::vector<uint8_t> raw;
        for (size_t i = 1; i < v.size(); ++i)
            for (int b = 0; b < 4; ++b)
                raw.push_back(uint8_t(v[i] >> (8 * (swap ? 3 - b : b))));
        BitReader r(std::move(raw));
        uint64_t z, f, p, codec, type, dims, mode;
        if (!r.read(8, z) || !r.read(8, f) || !r.read(8, p) || !r.read(8, codec) || z != 'z' || f != 'f' || p != 'p')
            continue;
        if (!r.read(2, type) || !r.read(2, dims))
            continue;
        uint64_t skip;
        if (!r.read(48, skip) || !r.read(12, mode))
            continue;
        const int rank = int(dims) + 1;
        if (mode < 2048) {
            // Fixed rate: maxbits per block of 4^rank values.
            const double rate = double(mode + 1) / double(1u << (2 * rank));
            out << QStringLiteral("fixed rate %1 bits per value").arg(rate);
        } else if (mode < 2176) {
            out << QStringLiteral("fixed precision %1 bits").arg(mode - 2048 + 1);
        } else if (mode == 2176) {
            out << QStringLiteral("reversible (lossless)");
        } else if (mode < 4095) {
            const int minexp = int(mode) - 2177 - 1074;
            out << QStringLiteral("fixed accuracy %1").arg(std::ldexp(1.0, minexp));
        } else {
            uint64_t minbits, maxbits, maxprec, minexp;
            if (!r.read(15, minbits) || !r.read(15, maxbits) || !r.read(7, maxprec) || !r.read(15, minexp))
                continue;
            out << QStringLiteral("expert: min bits %1, max bits %2, max precision %3, min exponent %4")
                       .arg(minbits + 1)
                       .arg(maxbits + 1)
                       .arg(maxprec + 1)
                       .arg(qint64(minexp) - 16495);
        }
        static const char *const types[] = {"int32", "int64", "float32", "float64"};
        out << QStringLiteral("values %1").arg(QLatin1String(types[type & 3]));
        // The zfp version as hex digits: 0x050 for 0.5.0, 0x1010 for 1.0.1.0.
        const unsigned version = v[0] >> 16;
        const int shift = version >= 0x1000 ? 4 : 0;
        out << QStringLiteral("zfp %1.%2.%3")
                   .arg((version >> (8 + shift)) & 0xf)
                   .arg((version >> (4 + shift)) & 0xf)
                   .arg((version >> shift) & 0xf);
        return out;
    }
    appendRaw(out, v, 0);
    return out;
}

} // namespace

QString shortName(int id, const QString &nameInFile)
{
    if (const Known *k = known(id))
        return QString::fromLatin1(k->shortName);
    const QString name = fileName(nameInFile);
    return name.isEmpty() ? QStringLiteral("filter %1").arg(id) : name;
}

QString displayName(int id, const QString &nameInFile)
{
    if (const Known *k = known(id))
        return QString::fromLatin1(k->displayName);
    return shortName(id, nameInFile);
}

QString debianPackage(int id)
{
    const Known *k = known(id);
    return k && k->debianPackage ? QString::fromLatin1(k->debianPackage) : QString();
}

QStringList describeParameters(int id, const std::vector<unsigned> &v)
{
    QStringList out;
    switch (id) {
    case H5Z_FILTER_DEFLATE:
    case 32015: // zstd
        if (!v.empty())
            out << QStringLiteral("level ") + n(v[0]);
        appendRaw(out, v, 1);
        break;
    case H5Z_FILTER_SHUFFLE:
        if (!v.empty())
            out << QStringLiteral("element size ") + bytes(v[0]);
        appendRaw(out, v, 1);
        break;
    case H5Z_FILTER_FLETCHER32: appendRaw(out, v, 0); break;
    case H5Z_FILTER_SZIP: out = szip(v); break;
    case H5Z_FILTER_NBIT: out = nbit(v); break;
    case H5Z_FILTER_SCALEOFFSET: out = scaleOffset(v); break;
    case 307: // bzip2: block size in units of 100 kB
        if (!v.empty())
            out << QStringLiteral("block size %1 (%2 kB)").arg(v[0]).arg(quint64(v[0]) * 100);
        appendRaw(out, v, 1);
        break;
    case 32000: // LZF: [0] filter revision, [1] LZF version (0x105 = 1.5), [2] chunk bytes
        if (v.size() > 2)
            out << QStringLiteral("chunk size ") + bytes(v[2]);
        if (v.size() > 1)
            out << QStringLiteral("LZF %1.%2").arg(v[1] >> 8).arg(v[1] & 0xff);
        appendRaw(out, v, 3);
        break;
    case 32001: out = blosc(v, false); break;
    case 32026: out = blosc(v, true); break;
    case 32004: // LZ4: [0] block size, 0 for the plugin's default (1 GiB)
        if (!v.empty())
            out << (v[0] == 0 ? QStringLiteral("block size default") : QStringLiteral("block size ") + bytes(v[0]));
        appendRaw(out, v, 1);
        break;
    case 32008: out = bitshuffle(v); break;
    case 32013: out = zfp(v); break;
    default: appendRaw(out, v, 0); break;
    }
    if (out.isEmpty() && !v.empty())
        appendRaw(out, v, 0);
    return out;
}

QString installHint(int id)
{
    const Known *k = known(id);
    if (k && id < 256)
        return QStringLiteral("This HDF5 library was built without it.");
    if (k && k->debianPackage)
        return QStringLiteral("On Debian or Ubuntu, install it with: sudo apt install %1")
            .arg(QString::fromLatin1(k->debianPackage));
    if (k)
        return QStringLiteral("Debian has no package for it: get the plugin (for example from the HDF Group\u2019s "
                              "hdf5_plugins, https://github.com/HDFGroup/hdf5_plugins) and set HDF5_PLUGIN_PATH to "
                              "the folder that holds it.");
    return QStringLiteral("Get the plugin from whoever wrote the file and set HDF5_PLUGIN_PATH to the folder that "
                          "holds it.");
}

QString missingPluginAdvice(int id, const QString &nameInFile)
{
    const Known *k = known(id);
    if (k && id < 256)
        return QStringLiteral("The %1 filter (HDF5 filter %2) is not built into this HDF5 library, which cannot "
                              "read data written through it.")
            .arg(QString::fromLatin1(k->displayName))
            .arg(id);
    const QString what = k ? QStringLiteral("The %1 filter plugin (HDF5 filter %2)").arg(QString::fromLatin1(k->displayName)).arg(id)
                           : QStringLiteral("The plugin of the filter \u201c%1\u201d (HDF5 filter %2)")
                                 .arg(shortName(id, nameInFile))
                                 .arg(id);
    return QStringLiteral("%1 is not installed or could not be loaded. %2").arg(what, installHint(id));
}

int idForName(const QString &nameInFile)
{
    const QString name = nameInFile.toLower();
    // Longer names first: "blosc2" before "blosc", "fpzip" and "szip" before "sz".
    static const struct
    {
        const char *word;
        int id;
    } words[] = {
        {"blosc2", 32026}, {"bitshuffle", 32008}, {"bshuf", 32008}, {"blosc", 32001},  {"lzf", 32000},
        {"lz4", 32004},    {"fpzip", 32014},      {"zfp", 32013},   {"bzip2", 307},    {"bz2", 307},
        {"zstandard", 32015}, {"zstd", 32015},    {"lzo", 305},     {"mafisc", 32002}, {"snappy", 32003},
        {"bitgroom", 32022}, {"granular", 32023}, {"jpeg", 32019},  {"sz3", 32024},    {"szip", 4},
        {"deflate", 1},    {"gzip", 1},           {"fletcher", 3},  {"scaleoffset", 6}, {"nbit", 5},
        {"shuffle", 2},
    };
    for (const auto &w : words)
        if (name.contains(QLatin1String(w.word)))
            return w.id;
    if (name == QLatin1String("sz") || name.startsWith(QLatin1String("sz ")))
        return 32017;
    return 0;
}

bool isAvailable(H5Z_filter_t id)
{
    // The caller holds the library lock, which also guards this cache.
    static QHash<int, bool> cache;
    const auto it = cache.constFind(int(id));
    if (it != cache.constEnd())
        return *it;
    const bool available = H5Zfilter_avail(id) > 0;
    H5Eclear2(H5E_DEFAULT);
    cache.insert(int(id), available);
    return available;
}

std::vector<FilterInfo> pipeline(hid_t dcpl)
{
    std::vector<FilterInfo> out;
    const int count = H5Pget_nfilters(dcpl);
    for (int i = 0; i < count; ++i) {
        unsigned flags = 0, config = 0;
        size_t nvalues = 0;
        char name[257] = {};
        // First the number of values, then the values.
        H5Z_filter_t id = H5Pget_filter2(dcpl, unsigned(i), &flags, &nvalues, nullptr, sizeof name, name, &config);
        if (id < 0)
            continue;
        std::vector<unsigned> values(nvalues);
        if (nvalues > 0)
            id = H5Pget_filter2(dcpl, unsigned(i), &flags, &nvalues, values.data(), sizeof name, name, &config);
        FilterInfo f;
        f.id = int(id);
        f.nameInFile = names::decode(name);
        f.values = std::move(values);
        f.name = shortName(f.id, f.nameInFile);
        f.displayName = displayName(f.id, f.nameInFile);
        f.parameters = describeParameters(f.id, f.values);
        f.optional = (flags & H5Z_FLAG_OPTIONAL) != 0;
        f.available = isAvailable(id);
        if (!f.available)
            f.advice = missingPluginAdvice(f.id, f.nameInFile);
        out.push_back(std::move(f));
    }
    H5Eclear2(H5E_DEFAULT);
    return out;
}

} // namespace hs::core::filtercatalog
