#pragma once

// Internal: one spelling for the HDF5 calls whose signatures changed between
// 1.10 (this machine, v1.8 API mapping) and 1.12/1.14 (tokens instead of addresses).

#include "model/nodetypes.h"

#include <hdf5.h>

namespace hs::core::compat {

#if H5_VERSION_GE(1, 12, 0)
using LinkInfo = H5L_info2_t;
using ObjectInfo = H5O_info2_t;
#else
using LinkInfo = H5L_info_t;
using ObjectInfo = H5O_info_t;
#endif

using LinkIterateFn = herr_t (*)(hid_t group, const char *name, const LinkInfo *info, void *data);

inline herr_t iterateLinks(hid_t group, H5_index_t index, H5_iter_order_t order, hsize_t *idx, LinkIterateFn fn, void *data)
{
#if H5_VERSION_GE(1, 12, 0)
    return H5Literate2(group, index, order, idx, fn, data);
#else
    return H5Literate(group, index, order, idx, fn, data);
#endif
}

inline herr_t objectInfoByName(hid_t loc, const char *name, ObjectInfo *info)
{
#if H5_VERSION_GE(1, 12, 0)
    return H5Oget_info_by_name3(loc, name, info, H5O_INFO_BASIC, H5P_DEFAULT);
#else
    return H5Oget_info_by_name2(loc, name, info, H5O_INFO_BASIC, H5P_DEFAULT);
#endif
}

// The same with the fields asked for (H5O_INFO_BASIC | H5O_INFO_TIME | H5O_INFO_NUM_ATTRS).
inline herr_t objectInfoByName(hid_t loc, const char *name, ObjectInfo *info, unsigned fields)
{
#if H5_VERSION_GE(1, 12, 0)
    return H5Oget_info_by_name3(loc, name, info, fields, H5P_DEFAULT);
#else
    return H5Oget_info_by_name2(loc, name, info, fields, H5P_DEFAULT);
#endif
}

inline herr_t objectInfo(hid_t obj, ObjectInfo *info)
{
#if H5_VERSION_GE(1, 12, 0)
    return H5Oget_info3(obj, info, H5O_INFO_BASIC);
#else
    return H5Oget_info2(obj, info, H5O_INFO_BASIC);
#endif
}

inline herr_t linkInfoByName(hid_t loc, const char *name, LinkInfo *info)
{
#if H5_VERSION_GE(1, 12, 0)
    return H5Lget_info2(loc, name, info, H5P_DEFAULT);
#else
    return H5Lget_info(loc, name, info, H5P_DEFAULT);
#endif
}

inline ObjectId objectId(const ObjectInfo &info)
{
    ObjectId id;
    id.fileNumber = info.fileno;
#if H5_VERSION_GE(1, 12, 0)
    id.token = QByteArray(reinterpret_cast<const char *>(&info.token), sizeof info.token);
#else
    id.token = QByteArray(reinterpret_cast<const char *>(&info.addr), sizeof info.addr);
#endif
    return id;
}

// The identity bytes a hard link points at, in the form objectId() uses, so a
// link can be compared with an object without reading the object's header.
inline QByteArray hardLinkToken(const LinkInfo &info)
{
#if H5_VERSION_GE(1, 12, 0)
    return QByteArray(reinterpret_cast<const char *>(&info.u.token), sizeof info.u.token);
#else
    return QByteArray(reinterpret_cast<const char *>(&info.u.address), sizeof info.u.address);
#endif
}

// The object's address (1.10, as "0x4f8") or token (1.12+, as HDF5 spells it) as text.
// `loc` is any identifier in the object's file.
inline QString tokenText(hid_t loc, const ObjectInfo &info)
{
#if H5_VERSION_GE(1, 12, 0)
    char *text = nullptr;
    if (H5Otoken_to_str(loc, &info.token, &text) < 0 || !text)
        return {};
    const QString out = QString::fromLatin1(text);
    H5free_memory(text);
    return out;
#else
    Q_UNUSED(loc)
    return QStringLiteral("0x") + QString::number(quint64(info.addr), 16);
#endif
}

inline ObjectKind kindOf(H5O_type_t type)
{
    switch (type) {
    case H5O_TYPE_GROUP: return ObjectKind::Group;
    case H5O_TYPE_DATASET: return ObjectKind::Dataset;
    case H5O_TYPE_NAMED_DATATYPE: return ObjectKind::Datatype;
    default: return ObjectKind::Missing;
    }
}

inline LinkType linkType(H5L_type_t t)
{
    switch (t) {
    case H5L_TYPE_HARD: return LinkType::Hard;
    case H5L_TYPE_SOFT: return LinkType::Soft;
    case H5L_TYPE_EXTERNAL: return LinkType::External;
    default: return LinkType::User;
    }
}

// Frees the variable-length data HDF5 allocated while reading into `buf`.
inline herr_t reclaimVlen(hid_t memType, hid_t memSpace, void *buf)
{
#if H5_VERSION_GE(1, 12, 0)
    return H5Treclaim(memType, memSpace, H5P_DEFAULT, buf);
#else
    return H5Dvlen_reclaim(memType, memSpace, H5P_DEFAULT, buf);
#endif
}

} // namespace hs::core::compat
