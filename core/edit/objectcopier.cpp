#include "edit/objectcopier.h"

#include "hdf5/datasetaccess.h"
#include "hdf5/compat.h"
#include "hdf5/errorstack.h"
#include "model/names.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstring>

namespace hs::core {

namespace {

// Below this many stored bytes a dataset goes through one H5Ocopy: short
// enough to be one step, and H5Ocopy is the reference for what a copy keeps.
constexpr qint64 kChunkCopyThreshold = 4 << 20;

QString tr(const char *text) { return QCoreApplication::translate("hs::core::ObjectCopier", text); }

QString childPath(const QString &parent, const QByteArray &name)
{
    const QString n = names::decode(name.constData(), name.size());
    return parent.endsWith(QLatin1Char('/')) ? parent + n : parent + QLatin1Char('/') + n;
}

// A link creation list that stores `name` as UTF-8 when it is not ASCII.
PropListHandle linkCreation(const QByteArray &name)
{
    PropListHandle lcpl(H5Pcreate(H5P_LINK_CREATE));
    const bool ascii = std::all_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (lcpl && !ascii)
        H5Pset_char_encoding(lcpl.get(), H5T_CSET_UTF8);
    return lcpl;
}

ObjectCopier::Key keyOf(hid_t object)
{
    compat::ObjectInfo info{};
    if (compat::objectInfo(object, &info) < 0)
        return {};
    const ObjectId id = compat::objectId(info);
    return {id.fileNumber, id.token};
}

struct LinkItem
{
    QByteArray name;
    H5L_type_t type;
};

herr_t collectLink(hid_t, const char *name, const compat::LinkInfo *info, void *data)
{
    static_cast<std::vector<LinkItem> *>(data)->push_back(LinkItem{QByteArray(name), info->type});
    return 0;
}

herr_t countStored(hid_t object, const char *name, const compat::ObjectInfo *info, void *data)
{
    auto *acc = static_cast<std::pair<qint64, qint64> *>(data); // bytes, objects left
    if (--acc->second <= 0)
        return 1;
    if (info->type == H5O_TYPE_DATASET) {
        DatasetHandle d(openDataset(object, name));
        if (d)
            acc->first += qint64(H5Dget_storage_size(d.get()));
    }
    return 0;
}

} // namespace

ObjectCopier::ObjectCopier(CopyLinks links, const std::atomic_bool *cancel, Progress progress)
    : m_links(links), m_cancel(cancel), m_progress(std::move(progress))
{
}

qint64 ObjectCopier::storedBytes(hid_t object, qint64 maxObjects)
{
    LibraryLock lock;
    if (H5Iget_type(object) == H5I_DATASET)
        return qint64(H5Dget_storage_size(object));
    if (H5Iget_type(object) != H5I_GROUP)
        return 0;
    std::pair<qint64, qint64> acc{0, maxObjects};
#if H5_VERSION_GE(1, 12, 0)
    H5Ovisit3(object, H5_INDEX_NAME, H5_ITER_INC, countStored, &acc, H5O_INFO_BASIC);
#else
    H5Ovisit2(object, H5_INDEX_NAME, H5_ITER_INC, countStored, &acc, H5O_INFO_BASIC);
#endif
    errorstack::clear();
    return acc.first;
}

Status ObjectCopier::library(const QString &action, const QString &subject) const
{
    return errorstack::capture(action, subject);
}

Status ObjectCopier::cancelled() const
{
    return Error::make(ErrorCode::Cancelled, tr("Cancelled; nothing was copied."));
}

void ObjectCopier::advance(qint64 bytes)
{
    m_done += bytes;
    if (m_progress)
        m_progress(std::min(m_done, m_total), m_total);
}

Status ObjectCopier::copyObject(hid_t sourceFile, const QString &sourcePath, hid_t destinationFile,
                                const QString &destinationPath, const QString &sourceName,
                                const QString &destinationName)
{
    m_copies.clear();
    m_destinationFile = destinationFile;
    const QString where = destinationName + QLatin1Char(':') + destinationPath;
    const qsizetype slash = destinationPath.lastIndexOf(QLatin1Char('/'));
    const QString parentPath = slash <= 0 ? QStringLiteral("/") : destinationPath.left(slash);
    const QByteArray name = names::encode(destinationPath.mid(slash + 1));
    if (slash < 0 || name.isEmpty() || name == "." || name == "..")
        return Error::make(ErrorCode::InvalidArgument,
                           tr("“%1” is not a path for a new object; write it as /group/name.").arg(destinationPath));

    ObjectHandle source;
    GroupHandle parent;
    {
        LibraryLock lock;
        source = ObjectHandle(openObject(sourceFile, names::encode(sourcePath).constData()));
        if (!source)
            return library(tr("open"), sourceName + QLatin1Char(':') + sourcePath);
        const H5I_type_t kind = H5Iget_type(source.get());
        if (kind != H5I_GROUP && kind != H5I_DATASET && kind != H5I_DATATYPE)
            return Error::make(ErrorCode::Unsupported, tr("Only groups, datasets and named datatypes can be copied."));
        compat::ObjectInfo a{}, b{};
        m_sameFile = compat::objectInfoByName(sourceFile, "/", &a) >= 0 && compat::objectInfoByName(destinationFile, "/", &b) >= 0
                     && a.fileno == b.fileno;
        m_sourceFileno = a.fileno;
        m_addresses.clear();
        m_deferred.clear();
        parent = GroupHandle(H5Gopen2(destinationFile, names::encode(parentPath).constData(), H5P_DEFAULT));
        if (!parent) {
            errorstack::clear();
            return Error::make(ErrorCode::NotFound, tr("There is no group %1 in %2 to copy into.").arg(parentPath, destinationName));
        }
        const htri_t exists = H5Lexists(parent.get(), name.constData(), H5P_DEFAULT);
        if (exists != 0) {
            errorstack::clear();
            return Error::make(ErrorCode::InvalidArgument,
                               tr("%1 already has an object named “%2”; nothing was copied. Choose another name.")
                                   .arg(destinationName, destinationPath));
        }
    }
    m_total = storedBytes(source.get());
    m_done = 0;
    advance(0);

    // Build the copy unlinked, then link it: the one step that makes it visible.
    m_needsLibraryCopy = false;
    Status s = copyInto(source.get(), parent.get(), name, sourcePath);
    if (s.ok() && !m_deferred.empty()) {
        s = finishDeferred();
        if (!s.ok()) { // the copy is linked already: take it away again
            LibraryLock lock;
            H5Ldelete(parent.get(), name.constData(), H5P_DEFAULT);
            errorstack::clear();
        }
    }
    if (!s.ok() && m_needsLibraryCopy && !isCancelled()) {
        // Values that are references, to another file: H5Ocopy translates them.
        m_copies.clear();
        m_deferred.clear();
        LibraryLock lock;
        PropListHandle ocpypl(H5Pcreate(H5P_OBJECT_COPY));
        // References to objects outside the copy bring those along (unlinked), so they stay valid.
        unsigned flags = H5O_COPY_EXPAND_REFERENCE_FLAG;
        if (m_links == CopyLinks::Expand)
            flags |= H5O_COPY_EXPAND_SOFT_LINK_FLAG | H5O_COPY_EXPAND_EXT_LINK_FLAG;
        H5Pset_copy_object(ocpypl.get(), flags);
        PropListHandle lcpl = linkCreation(name);
        if (H5Ocopy(source.get(), ".", parent.get(), name.constData(), ocpypl.get(), lcpl.get()) < 0) {
            s = library(tr("copy"), sourceName + QLatin1Char(':') + sourcePath);
            if (H5Lexists(parent.get(), name.constData(), H5P_DEFAULT) > 0)
                H5Ldelete(parent.get(), name.constData(), H5P_DEFAULT);
            errorstack::clear();
        } else {
            s = Ok{};
        }
    }
    m_copies.clear();
    m_deferred.clear();
    if (!s.ok() && s.error().code != ErrorCode::Cancelled && !s.error().message.contains(where))
        return Error::make(s.error().code, tr("%1 (copying %2 to %3)").arg(s.error().message, sourceName + QLatin1Char(':') + sourcePath, where),
                           s.error().detail);
    return s;
}

Status ObjectCopier::copyContents(hid_t sourceGroup, hid_t destinationGroup, const QString &sourceName)
{
    m_copies.clear();
    m_sameFile = false;
    m_addresses.clear();
    m_deferred.clear();
    {
        LibraryLock lock;
        m_destinationFile = H5Iget_file_id(destinationGroup);
        H5Idec_ref(m_destinationFile); // the group keeps the file open
        compat::ObjectInfo a{};
        compat::objectInfo(sourceGroup, &a);
        m_sourceFileno = a.fileno;
        remember(sourceGroup, destinationGroup);
    }
    m_total = storedBytes(sourceGroup);
    m_done = 0;
    advance(0);
    Status s = copyAttributes(sourceGroup, destinationGroup, sourceName);
    if (s.ok())
        s = copyMembers(sourceGroup, destinationGroup, sourceName);
    if (s.ok())
        s = finishDeferred();
    m_copies.clear();
    m_deferred.clear();
    if (!s.ok() && m_needsLibraryCopy)
        return Error::make(ErrorCode::Unsupported,
                           tr("A dataset in %1 holds references as values, which only a copy in one piece can carry to another file.").arg(sourceName));
    return s;
}

Status ObjectCopier::copyContentsAtOnce(hid_t sourceGroup, hid_t destinationGroup, const QString &sourceName)
{
    if (isCancelled())
        return cancelled();
    const char *staging = "__hyperslab_save_copy";
    std::vector<LinkItem> links;
    {
        LibraryLock lock;
        PropListHandle ocpypl(H5Pcreate(H5P_OBJECT_COPY));
        H5Pset_copy_object(ocpypl.get(), H5O_COPY_EXPAND_REFERENCE_FLAG);
        if (H5Ocopy(sourceGroup, ".", destinationGroup, staging, ocpypl.get(), H5P_DEFAULT) < 0)
            return library(tr("copy"), sourceName);
        GroupHandle copy(H5Gopen2(destinationGroup, staging, H5P_DEFAULT));
        PropListHandle gcpl(H5Gget_create_plist(copy.get()));
        unsigned order = 0;
        H5Pget_link_creation_order(gcpl.get(), &order);
        hsize_t idx = 0;
        if (!copy
            || compat::iterateLinks(copy.get(), (order & H5P_CRT_ORDER_INDEXED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME,
                                    H5_ITER_INC, &idx, collectLink, &links)
                   < 0)
            return library(tr("copy"), sourceName);
        for (const LinkItem &link : links)
            if (H5Lmove(copy.get(), link.name.constData(), destinationGroup, link.name.constData(), H5P_DEFAULT, H5P_DEFAULT) < 0)
                return library(tr("copy"), sourceName);
        // Its attributes' references name objects of this file now: copied as they are.
        m_sameFile = true;
        m_needsLibraryCopy = false;
        if (Status s = copyAttributes(copy.get(), destinationGroup, sourceName); !s.ok())
            return s;
        copy.reset();
        if (H5Ldelete(destinationGroup, staging, H5P_DEFAULT) < 0)
            return library(tr("copy"), sourceName);
    }
    m_done = m_total = 1;
    advance(0);
    return Ok{};
}

Status ObjectCopier::copyInto(hid_t source, hid_t destinationGroup, const QByteArray &name, const QString &sourcePath)
{
    if (isCancelled())
        return cancelled();
    H5I_type_t kind;
    bool chunked = false;
    {
        LibraryLock lock;
        kind = H5Iget_type(source);
        chunked = kind == H5I_DATASET && chunkCopyFits(source);
    }
    if (kind == H5I_GROUP) {
        GroupHandle group;
        {
            LibraryLock lock;
            PropListHandle gcpl(H5Gget_create_plist(source));
            group = GroupHandle(H5Gcreate_anon(m_destinationFile, gcpl.get(), H5P_DEFAULT));
            if (!group)
                return library(tr("create the copy of"), sourcePath);
            remember(source, group.get());
            // Before its members: a member that links back to it finds it.
            const Key key = keyOf(source);
            if (!key.second.isEmpty())
                m_copies[key] = ObjectHandle(openObject(group.get(), "."));
        }
        Status s = copyAttributes(source, group.get(), sourcePath);
        if (s.ok())
            s = copyMembers(source, group.get(), sourcePath);
        if (!s.ok())
            return s; // the unlinked group and all below it are freed when closed
        LibraryLock lock;
        PropListHandle lcpl = linkCreation(name);
        if (H5Olink(group.get(), destinationGroup, name.constData(), lcpl.get(), H5P_DEFAULT) < 0)
            return library(tr("link the copy of"), sourcePath);
        return Ok{};
    }
    if (chunked) {
        auto copy = copyChunked(source, m_destinationFile, sourcePath);
        if (!copy.ok())
            return copy.error();
        {
            LibraryLock lock;
            remember(source, copy.value().get());
        }
        Status s = copyAttributes(source, copy.value().get(), sourcePath);
        if (!s.ok())
            return s;
        LibraryLock lock;
        const Key key = keyOf(source);
        PropListHandle lcpl = linkCreation(name);
        if (H5Olink(copy.value().get(), destinationGroup, name.constData(), lcpl.get(), H5P_DEFAULT) < 0)
            return library(tr("link the copy of"), sourcePath);
        if (!key.second.isEmpty())
            m_copies[key] = std::move(copy.value());
        return Ok{};
    }
    // Small datasets and named datatypes: one H5Ocopy, itself one short step.
    LibraryLock lock;
    if (!m_sameFile && kind == H5I_DATASET) {
        DatatypeHandle type(H5Dget_type(source));
        if (type && H5Tdetect_class(type.get(), H5T_REFERENCE) > 0) {
            // Values that are references: only H5Ocopy (expanding them) carries those.
            m_needsLibraryCopy = true;
            return Error::make(ErrorCode::Unsupported, tr("%1 holds references.").arg(sourcePath));
        }
    }
    const qint64 bytes = kind == H5I_DATASET ? qint64(H5Dget_storage_size(source)) : 0;
    PropListHandle ocpypl(H5Pcreate(H5P_OBJECT_COPY));
    PropListHandle lcpl = linkCreation(name);
    if (H5Ocopy(source, ".", destinationGroup, name.constData(), ocpypl.get(), lcpl.get()) < 0)
        return library(tr("copy"), sourcePath);
    const Key key = keyOf(source);
    ObjectHandle made(openObject(destinationGroup, name.constData()));
    remember(source, made.get());
    if (!m_sameFile && holdsReferences(source))
        deferReferenceAttributes(source, made.get()); // H5Ocopy kept their raw addresses
    compat::ObjectInfo info{};
    if (!key.second.isEmpty() && compat::objectInfo(source, &info) >= 0 && info.rc > 1)
        m_copies[key] = std::move(made);
    advance(bytes);
    return Ok{};
}

void ObjectCopier::remember(hid_t source, hid_t destination)
{
    if (m_sameFile)
        return;
#if !H5_VERSION_GE(1, 12, 0)
    compat::ObjectInfo from{}, to{};
    if (compat::objectInfo(source, &from) >= 0 && compat::objectInfo(destination, &to) >= 0 && from.fileno == m_sourceFileno)
        m_addresses[from.addr] = to.addr;
#endif
    errorstack::clear();
}

Status ObjectCopier::copyMembers(hid_t sourceGroup, hid_t destinationGroup, const QString &sourcePath)
{
    std::vector<LinkItem> links;
    {
        LibraryLock lock;
        // In creation order where the group tracks it, so the copy's order is the same.
        PropListHandle gcpl(H5Gget_create_plist(sourceGroup));
        unsigned order = 0;
        if (gcpl)
            H5Pget_link_creation_order(gcpl.get(), &order);
        const H5_index_t index = (order & H5P_CRT_ORDER_INDEXED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
        hsize_t idx = 0;
        if (compat::iterateLinks(sourceGroup, index, H5_ITER_INC, &idx, collectLink, &links) < 0)
            return library(tr("list the members of"), sourcePath);
    }
    for (const LinkItem &link : links) {
        if (isCancelled())
            return cancelled();
        const QString path = childPath(sourcePath, link.name);
        const char *name = link.name.constData();
        bool asObject = link.type == H5L_TYPE_HARD;
        if (!asObject) {
            LibraryLock lock;
            if (m_links == CopyLinks::Expand && (link.type == H5L_TYPE_SOFT || link.type == H5L_TYPE_EXTERNAL)) {
                // Copy what it points to; a dangling link stays a link.
                asObject = H5Oexists_by_name(sourceGroup, name, H5P_DEFAULT) > 0;
                errorstack::clear();
            }
            if (!asObject) {
                PropListHandle lcpl = linkCreation(link.name);
                herr_t made = 0;
                if (link.type == H5L_TYPE_SOFT || link.type == H5L_TYPE_EXTERNAL) {
                    compat::LinkInfo info{};
                    if (compat::linkInfoByName(sourceGroup, name, &info) < 0)
                        return library(tr("read the link"), path);
                    std::vector<char> value(std::max<size_t>(info.u.val_size, 1));
                    if (H5Lget_val(sourceGroup, name, value.data(), value.size(), H5P_DEFAULT) < 0)
                        return library(tr("read the link"), path);
                    if (link.type == H5L_TYPE_SOFT) {
                        made = H5Lcreate_soft(value.data(), destinationGroup, name, lcpl.get(), H5P_DEFAULT);
                    } else {
                        unsigned flags = 0;
                        const char *file = nullptr;
                        const char *object = nullptr;
                        if (H5Lunpack_elink_val(value.data(), value.size(), &flags, &file, &object) < 0)
                            return library(tr("read the link"), path);
                        made = H5Lcreate_external(file, object, destinationGroup, name, lcpl.get(), H5P_DEFAULT);
                    }
                } else if (m_sameFile) {
                    made = H5Lcopy(sourceGroup, name, destinationGroup, name, lcpl.get(), H5P_DEFAULT);
                } else {
                    continue; // a user-defined link means nothing in another file
                }
                if (made < 0)
                    return library(tr("copy the link"), path);
                continue;
            }
        }
        ObjectHandle object;
        {
            LibraryLock lock;
            object = ObjectHandle(openObject(sourceGroup, name));
            if (!object)
                return library(tr("open"), path);
            const auto seen = m_copies.find(keyOf(object.get()));
            if (seen != m_copies.end()) {
                // Another path to an object already copied: the copy shares it too.
                PropListHandle lcpl = linkCreation(link.name);
                if (H5Olink(seen->second.get(), destinationGroup, name, lcpl.get(), H5P_DEFAULT) < 0)
                    return library(tr("link the copy of"), path);
                continue;
            }
        }
        Status s = copyInto(object.get(), destinationGroup, link.name, path);
        if (!s.ok())
            return s;
    }
    return Ok{};
}

bool ObjectCopier::chunkCopyFits(hid_t dataset) const
{
    // Lock held by the caller.
    PropListHandle dcpl(H5Dget_create_plist(dataset));
    if (!dcpl || H5Pget_layout(dcpl.get()) != H5D_CHUNKED)
        return false;
    if (qint64(H5Dget_storage_size(dataset)) < kChunkCopyThreshold)
        return false;
    {
        // A sparse dataset (few chunks written in a large grid) would make
        // the walk over the grid's places slow, and HDF5 1.10 has no cheap
        // way to list only the written chunks: H5Ocopy walks its index.
        DataspaceHandle space(H5Dget_space(dataset));
        const int rank = H5Sget_simple_extent_ndims(space.get());
        std::vector<hsize_t> dims(size_t(std::max(rank, 1)), 0), chunk(size_t(std::max(rank, 1)), 1);
        H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
        H5Pget_chunk(dcpl.get(), rank, chunk.data());
        double grid = 1;
        for (int d = 0; d < rank; ++d)
            grid *= double((dims[size_t(d)] + chunk[size_t(d)] - 1) / chunk[size_t(d)]);
        hsize_t stored = 0;
        if (H5Dget_num_chunks(dataset, space.get(), &stored) < 0 || grid > 4.0 * double(stored) + 4096) {
            errorstack::clear();
            return false;
        }
    }
    DatatypeHandle type(H5Dget_type(dataset));
    // Variable-length data and references live outside the chunks (or name
    // objects of this file): only H5Ocopy knows how to carry them.
    const bool plain = type && H5Tcommitted(type.get()) == 0 && H5Tdetect_class(type.get(), H5T_VLEN) == 0
                       && H5Tdetect_class(type.get(), H5T_REFERENCE) == 0
                       && (H5Tget_class(type.get()) != H5T_STRING || H5Tis_variable_str(type.get()) == 0);
    errorstack::clear();
    if (!plain)
        return false;
    // A filter whose plugin is missing cannot be set on a new dataset;
    // H5Ocopy copies such chunks without it.
    const int filters = H5Pget_nfilters(dcpl.get());
    for (int i = 0; i < filters; ++i) {
        unsigned flags = 0, config = 0;
        size_t nvalues = 0;
        const H5Z_filter_t id = H5Pget_filter2(dcpl.get(), unsigned(i), &flags, &nvalues, nullptr, 0, nullptr, &config);
        if (id < 0 || H5Zfilter_avail(id) <= 0) {
            errorstack::clear();
            return false;
        }
    }
    return true;
}

Result<ObjectHandle> ObjectCopier::copyChunked(hid_t source, hid_t destinationFile, const QString &sourcePath)
{
    ObjectHandle copy;
    std::vector<hsize_t> dims, chunk;
    int rank = 0;
    {
        LibraryLock lock;
        PropListHandle dcpl(H5Dget_create_plist(source));
        DatatypeHandle type(H5Dget_type(source));
        DataspaceHandle space(H5Dget_space(source));
        if (!dcpl || !type || !space)
            return library(tr("read"), sourcePath).error();
        rank = H5Sget_simple_extent_ndims(space.get());
        dims.assign(size_t(std::max(rank, 1)), 0);
        chunk.assign(size_t(std::max(rank, 1)), 1);
        H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
        H5Pget_chunk(dcpl.get(), rank, chunk.data());
        copy = ObjectHandle(H5Dcreate_anon(destinationFile, type.get(), space.get(), dcpl.get(), H5P_DEFAULT));
        if (!copy)
            return library(tr("create the copy of"), sourcePath).error();
        // Sparse datasets never come here (chunkCopyFits): the places of the
        // chunk grid are walked in order, and every one is looked up.
    }
    std::vector<hsize_t> offset(size_t(std::max(rank, 1)), 0);
    auto copyOne = [&](const hsize_t *at, hsize_t size, unsigned mask) -> Status {
        LibraryLock lock;
        m_buffer.resize(size_t(size));
        uint32_t filters = mask;
        if (H5Dread_chunk(source, H5P_DEFAULT, at, &filters, m_buffer.data()) < 0)
            return library(tr("read a chunk of"), sourcePath);
        if (H5Dwrite_chunk(copy.get(), H5P_DEFAULT, filters, at, size_t(size), m_buffer.data()) < 0)
            return library(tr("write a chunk of the copy of"), sourcePath);
        return Ok{};
    };
    for (int d = 0; d < rank; ++d)
        if (dims[size_t(d)] == 0)
            return copy; // no chunks
    while (true) {
        if (isCancelled())
            return cancelled().error();
        unsigned mask = 0;
        haddr_t addr = HADDR_UNDEF;
        hsize_t size = 0;
        {
            LibraryLock lock;
            if (H5Dget_chunk_info_by_coord(source, offset.data(), &mask, &addr, &size) < 0)
                return library(tr("read a chunk of"), sourcePath).error();
        }
        if (addr != HADDR_UNDEF && size > 0) {
            if (Status s = copyOne(offset.data(), size, mask); !s.ok())
                return s.error();
            advance(qint64(size));
        }
        // Next chunk in row-major order (the order chunks are usually stored in).
        int d = rank - 1;
        for (; d >= 0; --d) {
            offset[size_t(d)] += chunk[size_t(d)];
            if (offset[size_t(d)] < dims[size_t(d)])
                break;
            offset[size_t(d)] = 0;
        }
        if (d < 0)
            break;
    }
    return copy;
}

} // namespace hs::core
