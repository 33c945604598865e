#include "edit/objectcopier.h"

// ObjectCopier, part two: attributes, and the object references inside them
// when a copy goes to another file.

#include "hdf5/datasetaccess.h"
#include "hdf5/compat.h"
#include "hdf5/errorstack.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstring>

namespace hs::core {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("hs::core::ObjectCopier", text); }

} // namespace

// Whether `object` (a dataset's values, or any attribute) holds references:
// H5Ocopy to another file keeps their raw addresses unless told to map them.
bool ObjectCopier::holdsReferences(hid_t object)
{
    if (H5Iget_type(object) == H5I_DATASET) {
        DatatypeHandle type(H5Dget_type(object));
        if (type && H5Tdetect_class(type.get(), H5T_REFERENCE) > 0)
            return true;
    }
    compat::ObjectInfo info{};
#if H5_VERSION_GE(1, 12, 0)
    if (H5Oget_info3(object, &info, H5O_INFO_NUM_ATTRS) < 0)
#else
    if (H5Oget_info2(object, &info, H5O_INFO_NUM_ATTRS) < 0)
#endif
        return false;
    for (hsize_t i = 0; i < info.num_attrs; ++i) {
        AttributeHandle attr(H5Aopen_by_idx(object, ".", H5_INDEX_NAME, H5_ITER_INC, i, H5P_DEFAULT, H5P_DEFAULT));
        DatatypeHandle type(attr ? H5Aget_type(attr.get()) : H5I_INVALID_HID);
        if (type && H5Tdetect_class(type.get(), H5T_REFERENCE) > 0)
            return true;
    }
    errorstack::clear();
    return false;
}

Status ObjectCopier::copyAttributes(hid_t source, hid_t destination, const QString &sourcePath)
{
    LibraryLock lock; // attributes are small: one step for all of an object's
    compat::ObjectInfo info{};
#if H5_VERSION_GE(1, 12, 0)
    if (H5Oget_info3(source, &info, H5O_INFO_NUM_ATTRS) < 0)
#else
    if (H5Oget_info2(source, &info, H5O_INFO_NUM_ATTRS) < 0)
#endif
        return library(tr("read the attributes of"), sourcePath);
    const hsize_t count = info.num_attrs;
    if (count == 0)
        return Ok{};
    // Creation order where the object tracks it, so the copy lists them alike.
    H5_index_t index = H5_INDEX_CRT_ORDER;
    {
        AttributeHandle probe(H5Aopen_by_idx(source, ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, 0, H5P_DEFAULT, H5P_DEFAULT));
        if (!probe) {
            errorstack::clear();
            index = H5_INDEX_NAME;
        }
    }
    for (hsize_t i = 0; i < count; ++i) {
        AttributeHandle attr(H5Aopen_by_idx(source, ".", index, H5_ITER_INC, i, H5P_DEFAULT, H5P_DEFAULT));
        if (!attr)
            return library(tr("read the attributes of"), sourcePath);
        const ssize_t nameSize = H5Aget_name(attr.get(), 0, nullptr);
        QByteArray name(qsizetype(std::max<ssize_t>(nameSize, 0)) + 1, '\0');
        H5Aget_name(attr.get(), size_t(name.size()), name.data());
        name.chop(1);
        DatatypeHandle fileType(H5Aget_type(attr.get()));
        DatatypeHandle type(H5Tcopy(fileType.get())); // a committed type becomes the attribute's own
        DataspaceHandle space(H5Aget_space(attr.get()));
        PropListHandle acpl(H5Aget_create_plist(attr.get()));
        if (!type || !space || !acpl)
            return library(tr("read the attributes of"), sourcePath);
        if (!m_sameFile && H5Tdetect_class(type.get(), H5T_REFERENCE) > 0) {
            // Written at the end, once what the references name has a copy.
            m_deferred.push_back(Deferred{ObjectHandle(openObject(source, ".")),
                                          ObjectHandle(openObject(destination, ".")), name});
            continue;
        }
        const hssize_t points = H5Sget_select_npoints(space.get());
        const size_t bytes = H5Tget_size(type.get()) * size_t(std::max<hssize_t>(points, 0));
        std::vector<char> value(std::max<size_t>(bytes, 1));
        const bool hasValue = points > 0 && H5Sget_simple_extent_type(space.get()) != H5S_NULL;
        if (hasValue && H5Aread(attr.get(), type.get(), value.data()) < 0)
            return library(tr("read the attribute %1 of").arg(QString::fromUtf8(name)), sourcePath);
        AttributeHandle copy(H5Acreate2(destination, name.constData(), type.get(), space.get(), acpl.get(), H5P_DEFAULT));
        const bool written = copy && (!hasValue || H5Awrite(copy.get(), type.get(), value.data()) >= 0);
        const bool variable = H5Tdetect_class(type.get(), H5T_VLEN) > 0 || H5Tis_variable_str(type.get()) > 0;
        if (hasValue && variable)
            H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, value.data());
        if (!written)
            return library(tr("copy the attribute %1 of").arg(QString::fromUtf8(name)), sourcePath);
    }
    return Ok{};
}

void ObjectCopier::deferReferenceAttributes(hid_t source, hid_t destination)
{
    compat::ObjectInfo info{};
#if H5_VERSION_GE(1, 12, 0)
    H5Oget_info3(source, &info, H5O_INFO_NUM_ATTRS);
#else
    H5Oget_info2(source, &info, H5O_INFO_NUM_ATTRS);
#endif
    for (hsize_t i = 0; i < info.num_attrs; ++i) {
        AttributeHandle attr(H5Aopen_by_idx(source, ".", H5_INDEX_NAME, H5_ITER_INC, i, H5P_DEFAULT, H5P_DEFAULT));
        DatatypeHandle type(attr ? H5Aget_type(attr.get()) : H5I_INVALID_HID);
        if (!type || H5Tdetect_class(type.get(), H5T_REFERENCE) <= 0)
            continue;
        const ssize_t size = H5Aget_name(attr.get(), 0, nullptr);
        QByteArray name(qsizetype(std::max<ssize_t>(size, 0)) + 1, '\0');
        H5Aget_name(attr.get(), size_t(name.size()), name.data());
        name.chop(1);
        m_deferred.push_back(Deferred{ObjectHandle(openObject(source, ".")),
                                      ObjectHandle(openObject(destination, ".")), name});
    }
    errorstack::clear();
}

namespace {

// Rewrites the object references in `count` values of `type` at `data` (the
// memory form of the file type) through `map`; region references and
// references to objects not copied become null.
void translateReferences(hid_t type, char *data, size_t count, const std::map<haddr_t, haddr_t> &map)
{
    const size_t size = H5Tget_size(type);
    switch (H5Tget_class(type)) {
    case H5T_REFERENCE:
        for (size_t i = 0; i < count; ++i) {
            char *at = data + i * size;
#if !H5_VERSION_GE(1, 12, 0)
            if (H5Tequal(type, H5T_STD_REF_OBJ) > 0) {
                haddr_t addr = 0;
                std::memcpy(&addr, at, sizeof addr);
                const auto found = map.find(addr);
                addr = found == map.end() ? 0 : found->second;
                std::memcpy(at, &addr, sizeof addr);
                continue;
            }
#endif
            std::memset(at, 0, size);
        }
        break;
    case H5T_VLEN: {
        DatatypeHandle base(H5Tget_super(type));
        for (size_t i = 0; i < count; ++i) {
            hvl_t v{};
            std::memcpy(&v, data + i * size, sizeof v);
            if (v.p)
                translateReferences(base.get(), static_cast<char *>(v.p), v.len, map);
        }
        break;
    }
    case H5T_ARRAY: {
        DatatypeHandle base(H5Tget_super(type));
        const size_t n = size / std::max<size_t>(H5Tget_size(base.get()), 1);
        for (size_t i = 0; i < count; ++i)
            translateReferences(base.get(), data + i * size, n, map);
        break;
    }
    case H5T_COMPOUND: {
        const int members = H5Tget_nmembers(type);
        for (int m = 0; m < members; ++m) {
            DatatypeHandle member(H5Tget_member_type(type, unsigned(m)));
            if (H5Tdetect_class(member.get(), H5T_REFERENCE) <= 0)
                continue;
            const size_t offset = H5Tget_member_offset(type, unsigned(m));
            for (size_t i = 0; i < count; ++i)
                translateReferences(member.get(), data + i * size + offset, 1, map);
        }
        break;
    }
    default:
        break;
    }
}

} // namespace

Status ObjectCopier::finishDeferred()
{
    std::vector<Deferred> deferred = std::move(m_deferred);
    m_deferred.clear();
    for (Deferred &d : deferred) {
        if (isCancelled())
            return cancelled();
        LibraryLock lock;
        const QString what = tr("copy the attribute %1").arg(QString::fromUtf8(d.name));
        AttributeHandle attr(H5Aopen(d.source.get(), d.name.constData(), H5P_DEFAULT));
        DatatypeHandle fileType(attr ? H5Aget_type(attr.get()) : H5I_INVALID_HID);
        DatatypeHandle type(fileType ? H5Tcopy(fileType.get()) : H5I_INVALID_HID);
        DataspaceHandle space(attr ? H5Aget_space(attr.get()) : H5I_INVALID_HID);
        PropListHandle acpl(attr ? H5Aget_create_plist(attr.get()) : H5I_INVALID_HID);
        if (!type || !space || !acpl)
            return library(what, {});
        const hssize_t points = H5Sget_select_npoints(space.get());
        const bool hasValue = points > 0 && H5Sget_simple_extent_type(space.get()) != H5S_NULL;
        std::vector<char> value(std::max<size_t>(H5Tget_size(type.get()) * size_t(std::max<hssize_t>(points, 0)), 1));
        if (hasValue && H5Aread(attr.get(), type.get(), value.data()) < 0)
            return library(what, {});
        if (hasValue)
            translateReferences(type.get(), value.data(), size_t(points), m_addresses);
        if (H5Aexists(d.destination.get(), d.name.constData()) > 0)
            H5Adelete(d.destination.get(), d.name.constData());
        AttributeHandle copy(H5Acreate2(d.destination.get(), d.name.constData(), type.get(), space.get(), acpl.get(), H5P_DEFAULT));
        const bool written = copy && (!hasValue || H5Awrite(copy.get(), type.get(), value.data()) >= 0);
        if (hasValue && H5Tdetect_class(type.get(), H5T_VLEN) > 0)
            H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, value.data());
        if (!written)
            return library(what, {});
    }
    return Ok{};
}

} // namespace hs::core
