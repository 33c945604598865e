#include "hdf5/headercheck.h"

#include "hdf5/compat.h"
#include "hdf5/handle.h"
#include "model/names.h"

#include <QFile>

#include <cstring>
#include <vector>

namespace hs::core::headercheck {

namespace {

constexpr quint16 kLinkInfoMessage = 0x0002;
constexpr quint16 kLinkMessage = 0x0006;
constexpr quint16 kContinuationMessage = 0x0010;
constexpr quint64 kUndefined = ~quint64(0);
constexpr int kMaxChunks = 64;

quint64 le(const char *p, int bytes)
{
    quint64 v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | quint8(p[i]);
    return v;
}

quint64 addressOf(const compat::ObjectInfo &oi)
{
#if H5_VERSION_GE(1, 12, 0)
    // The native connector's token holds the address, little-endian.
    return le(reinterpret_cast<const char *>(&oi.token), 8);
#else
    return quint64(oi.addr);
#endif
}

QString check(hid_t anyInFile, quint64 header);

// A link message of a compact group (version 1). HDF5 1.10 hands the value of
// an external link to the link class without looking at its length: one whose
// value is empty or has no terminators is read from a null or short buffer (a
// crash in H5G_link_to_info). Empty when fine, or when HDF5 itself will
// refuse the message.
QString linkProblem(const char *body, qsizetype length)
{
    if (length < 4 || quint8(body[0]) != 1)
        return {};
    const quint8 flags = quint8(body[1]);
    qsizetype p = 2;
    const int type = (flags & 0x08) ? quint8(body[p++]) : 0;
    p += (flags & 0x04) ? 8 : 0;
    p += (flags & 0x10) ? 1 : 0;
    const int sizeBytes = 1 << (flags & 3);
    if (p + sizeBytes > length)
        return {};
    const quint64 nameLength = le(body + p, sizeBytes);
    p += sizeBytes;
    if (nameLength > quint64(length - p))
        return {};
    const QString name = names::toEscaped(names::decode(body + p, qsizetype(nameLength)));
    p += qsizetype(nameLength);
    // Only external links (class 64) have a query function in HDF5 1.10;
    // other user-defined classes may have empty values.
    if (type != 64 || p + 2 > length)
        return {};
    const qsizetype valueLength = qsizetype(le(body + p, 2));
    const char *value = body + p + 2;
    bool bad = valueLength == 0 || p + 2 + valueLength > length;
    if (!bad) { // flags, file name, NUL, object path, NUL
        const QByteArrayView v(value + 1, valueLength - 1);
        const qsizetype first = v.indexOf('\0');
        bad = (quint8(value[0]) >> 4) != 0 || first < 0 || v.indexOf('\0', first + 1) < 0;
    }
    return bad ? QStringLiteral("The file is damaged: the value of its link \u201c%1\u201d cannot be decoded.").arg(name)
               : QString();
}

} // namespace

QString groupProblem(hid_t group)
{
    compat::ObjectInfo oi;
    if (H5Iget_type(group) != H5I_GROUP || compat::objectInfo(group, &oi) < 0) {
        H5Eclear2(H5E_DEFAULT);
        return {};
    }
    return check(group, addressOf(oi));
}

QString groupProblem(hid_t loc, const char *path)
{
    compat::ObjectInfo oi;
    if (compat::objectInfoByName(loc, path, &oi) < 0 || oi.type != H5O_TYPE_GROUP) {
        H5Eclear2(H5E_DEFAULT);
        return {};
    }
    return check(loc, addressOf(oi));
}

namespace {

QString check(hid_t anyInFile, quint64 header)
{
    const hid_t file = H5Iget_file_id(anyInFile);
    PropListHandle fcpl(file >= 0 ? H5Fget_create_plist(file) : H5I_INVALID_HID);
    size_t addressSize = 0, lengthSize = 0;
    hsize_t userBlock = 0;
    char name[4096] = {};
    const bool known = fcpl && H5Pget_sizes(fcpl.get(), &addressSize, &lengthSize) >= 0
                       && H5Pget_userblock(fcpl.get(), &userBlock) >= 0
                       && H5Fget_name(file, name, sizeof name) > 0;
    if (file >= 0)
        H5Fclose(file); // the identifier H5Iget_file_id gave, not the file
    H5Eclear2(H5E_DEFAULT);
    if (!known || addressSize != 8 || lengthSize != 8)
        return {};
    const QString filePath = QFile::decodeName(name);
    QFile f(filePath);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const quint64 size = quint64(f.size());
    const quint64 base = userBlock;
    auto read = [&](quint64 at, quint64 length) -> QByteArray {
        if (at >= size || length > size - at || length > (quint64(1) << 20) || !f.seek(qint64(at)))
            return {};
        return f.read(qint64(length));
    };
    const QByteArray prefix = read(base + header, 16);
    if (prefix.size() != 16 || prefix[0] != 1) // version 2 ("OHDR") is checksummed
        return {};
    struct Chunk
    {
        quint64 at, length;
    };
    std::vector<Chunk> chunks{{base + header + 16, le(prefix.constData() + 8, 4)}};
    auto inside = [&](quint64 address) { return address == kUndefined || address < size - base; };
    for (size_t c = 0; c < chunks.size() && c < size_t(kMaxChunks); ++c) {
        const QByteArray data = read(chunks[c].at, chunks[c].length);
        if (data.isEmpty())
            return {}; // HDF5 reports an unreadable header itself
        qsizetype p = 0;
        while (p + 8 <= data.size()) {
            const quint16 type = quint16(le(data.constData() + p, 2));
            const qsizetype length = qsizetype(le(data.constData() + p + 2, 2));
            const char *body = data.constData() + p + 8;
            if (p + 8 + length > data.size())
                break;
            if (type == kContinuationMessage && length >= 16)
                chunks.push_back({base + le(body, 8), le(body + 8, 8)});
            if (type == kLinkMessage) {
                if (const QString bad = linkProblem(body, length); !bad.isEmpty())
                    return bad;
            }
            if (type == kLinkInfoMessage && length >= 18) {
                const quint8 flags = quint8(body[1]);
                qsizetype at = 2 + ((flags & 1) ? 8 : 0);
                const int addresses = (flags & 2) ? 3 : 2; // heap, name index, creation-order index
                for (int i = 0; i < addresses && at + 8 <= length; ++i, at += 8)
                    if (!inside(le(body + at, 8)))
                        return QStringLiteral("The file is damaged: the index of this group's members points outside "
                                              "the file.");
            }
            p += 8 + length;
        }
    }
    return {};
}

} // namespace

} // namespace hs::core::headercheck
