#include "services/hierarchyreader.h"

#include "hdf5/headercheck.h"
#include "hdf5/crashbreadcrumb.h"
#include "hdf5/dataspaceshape.h"
#include "hdf5/compat.h"
#include "hdf5/datasetaccess.h"
#include "hdf5/errorstack.h"
#include "hdf5/handle.h"
#include "model/names.h"
#include "hdf5/typedescriber.h"
#include "services/h5file_p.h"
#include "services/pathdiagnosis.h"

namespace hs::core {

namespace {

// Reads soft/external targets of the link `name` at `loc`. Lock held.
void readTarget(hid_t loc, const char *name, H5L_type_t type, size_t valueSize, LinkEntry &e)
{
    if (type == H5L_TYPE_HARD)
        return;
    if (type != H5L_TYPE_SOFT && type != H5L_TYPE_EXTERNAL) {
        e.target = QStringLiteral("user-defined link class %1").arg(int(type));
        return;
    }
    std::vector<char> buf(valueSize + 1, '\0');
    if (H5Lget_val(loc, name, buf.data(), buf.size(), H5P_DEFAULT) < 0) {
        errorstack::clear();
        return;
    }
    if (type == H5L_TYPE_SOFT) {
        e.target = names::decode(buf.data());
        return;
    }
    const char *file = nullptr;
    const char *path = nullptr;
    unsigned flags = 0;
    if (H5Lunpack_elink_val(buf.data(), buf.size(), &flags, &file, &path) >= 0) {
        e.targetFile = names::decode(file);
        e.target = names::decode(path);
    } else {
        errorstack::clear();
    }
}

// The kind of the object whose header is at `address`, read as HDF5 reads an
// object reference (a reference is its address in this format): the header
// only, no name lookup and no opening. Lock held.
bool kindAtAddress(hid_t file, quint64 address, H5O_type_t *type)
{
#if H5_VERSION_GE(1, 12, 0)
    Q_UNUSED(file);
    Q_UNUSED(address);
    Q_UNUSED(type);
    return false;
#else
    hobj_ref_t ref = haddr_t(address);
    return H5Rget_obj_type2(file, H5R_OBJECT, &ref, type) >= 0;
#endif
}

struct IterState
{
    std::vector<LinkEntry> *out; // or
    const HierarchyReader::LinkVisitor *visitor;
    quint64 max;
    const std::atomic_bool *cancel;
    quint64 taken = 0;
    bool cancelled = false;
    bool more = false; // a link after the last one taken exists (seen, not taken)
};

herr_t onLink(hid_t group, const char *name, const compat::LinkInfo *info, void *data)
{
    auto *st = static_cast<IterState *>(data);
    if (st->cancel && st->cancel->load(std::memory_order_relaxed)) {
        st->cancelled = true;
        return 1;
    }
    if (st->taken >= st->max) {
        st->more = true;
        return 1;
    }
    LinkEntry e;
    // Names are bytes; decoded losslessly so the same bytes find the link again.
    e.name = names::decode(name);
    e.linkType = compat::linkType(info->type);
    e.creationOrder = info->corder_valid ? qint64(info->corder) : -1;
    if (info->type != H5L_TYPE_HARD)
        readTarget(group, name, info->type, info->u.val_size, e);
    ++st->taken;
    if (st->visitor && st->visitor->address) {
        quint64 address = HierarchyReader::NoAddress;
#if !H5_VERSION_GE(1, 12, 0)
        if (info->type == H5L_TYPE_HARD)
            address = quint64(info->u.address);
#endif
        st->visitor->address(address);
    }
    if (st->visitor)
        st->visitor->visit(std::move(e));
    else
        st->out->push_back(std::move(e));
    return 0;
}

} // namespace

HierarchyReader::HierarchyReader(H5FilePtr file) : m_file(std::move(file)) {}

QString HierarchyReader::childPath(const QString &parent, const QString &name)
{
    if (parent.endsWith(QLatin1Char('/')))
        return parent + name;
    return parent + QLatin1Char('/') + name;
}

Result<HierarchyReader::Batch> HierarchyReader::listLinks(const QString &groupPath, ChildOrder order, quint64 cursor,
                                                          quint64 maxCount, const std::atomic_bool *cancel) const
{
    return listLinks(groupPath, order, cursor, maxCount, cancel, LinkVisitor{});
}

Result<HierarchyReader::Batch> HierarchyReader::listLinks(const QString &groupPath, ChildOrder order, quint64 cursor,
                                                          quint64 maxCount, const std::atomic_bool *cancel,
                                                          const LinkVisitor &visitor) const
{
    LibraryLock lock;
    const CrashBreadcrumb::Scope crumb(m_file->path(), groupPath); // named if the library crashes on it
    const QByteArray p = names::encode(groupPath);
    GroupHandle group(H5Gopen2(fileId(*m_file), p.constData(), H5P_DEFAULT));
    if (!group)
        return errorstack::capture(QStringLiteral("open the group"), groupPath);
    // A damaged index of members would send HDF5 outside the file (a crash).
    if (const QString bad = headercheck::groupProblem(group.get()); !bad.isEmpty())
        return Error::make(ErrorCode::Corrupt, QStringLiteral("Could not list the members of \u201c%1\u201d. %2").arg(groupPath, bad));

    Batch batch;
    // Reserve exactly what a long listing returns: a whole large group grown
    // by doubling would move every entry ~18 times and leave up to half the
    // vector unused. Not for a short batch: on a symbol-table group (the
    // original format, h5py's default) H5Gget_info counts the links by walking
    // the group's whole B-tree, a quarter of a second for 200,000 members
    // before the first row could show.
    constexpr quint64 CountFrom = 4096;
    H5G_info_t info;
    const bool haveInfo = maxCount >= CountFrom && H5Gget_info(group.get(), &info) >= 0;
    const bool visiting = bool(visitor.visit);
    if (haveInfo) {
        const quint64 expected = std::min<quint64>(maxCount, info.nlinks > cursor ? info.nlinks - cursor : 0);
        if (!visiting)
            batch.entries.reserve(size_t(expected));
        else if (visitor.expect)
            visitor.expect(expected);
    } else {
        errorstack::clear();
    }
    IterState st{&batch.entries, visiting ? &visitor : nullptr, std::max<quint64>(maxCount, 1), cancel};
    hsize_t idx = cursor;
    const H5_index_t index = order == ChildOrder::CreationOrder ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
    const H5_iter_order_t iterOrder = order == ChildOrder::CreationOrder ? H5_ITER_INC : H5_ITER_NATIVE;
    const herr_t rc = compat::iterateLinks(group.get(), index, iterOrder, &idx, onLink, &st);
    if (rc < 0)
        return errorstack::capture(QStringLiteral("list the members of"), groupPath);
    if (st.cancelled)
        return Error::make(ErrorCode::Cancelled, QStringLiteral("Listing was cancelled."));
    // The iteration stops on the link after the last one taken (counted in
    // idx, not taken): that is how a short batch knows whether more follow
    // without counting the group.
    batch.nextCursor = st.more && idx > 0 ? idx - 1 : idx;
    batch.complete = !st.more;
    return batch;
}

void HierarchyReader::resolveKinds(const QString &groupPath, std::span<LinkEntry> entries) const
{
    resolveKinds(groupPath, entries, {});
}

void HierarchyReader::resolveKinds(const QString &groupPath, std::span<LinkEntry> entries,
                                   std::span<const quint64> addresses) const
{
    LibraryLock lock;
    const CrashBreadcrumb::Scope crumb(m_file->path(), groupPath); // named if the library crashes on it

    const QByteArray p = names::encode(groupPath);
    GroupHandle group(H5Gopen2(fileId(*m_file), p.constData(), H5P_DEFAULT));
    if (!group) {
        const Error err = errorstack::capture(QStringLiteral("open the group"), groupPath);
        for (LinkEntry &e : entries) {
            e.kind = ObjectKind::Missing;
            e.problem = err.message;
        }
        return;
    }
    const hid_t fid = fileId(*m_file);
    for (size_t k = 0; k < entries.size(); ++k) {
        LinkEntry &e = entries[k];
        if (e.linkType == LinkType::User) {
            e.kind = ObjectKind::Missing;
            e.problem = QStringLiteral("User-defined links cannot be followed by this HDF5 library.");
            continue;
        }
        if (e.linkType == LinkType::Hard && k < addresses.size() && addresses[k] != NoAddress) {
            H5O_type_t type = H5O_TYPE_UNKNOWN;
            if (kindAtAddress(fid, addresses[k], &type)) {
                e.kind = compat::kindOf(type);
                e.problem.clear();
                continue;
            }
            errorstack::clear(); // by name below, which says why in words
        }
        const QByteArray name = names::encode(e.name);
        compat::ObjectInfo oi;
        if (compat::objectInfoByName(group.get(), name.constData(), &oi) < 0) {
            e.kind = ObjectKind::Missing;
            // Why, in one sentence: dangling (soft or external), loop, missing
            // file, damaged or unsupported target. A hard link the group
            // itself just listed and cannot find is a damaged group.
            const Error cause = errorstack::captureCause();
            e.problem = e.linkType == LinkType::Hard && cause.code == ErrorCode::NotFound
                            ? pathdiagnosis::damagedIndexMessage(groupPath, e.name)
                            : cause.message;
            continue;
        }
        e.kind = compat::kindOf(oi.type);
        e.problem.clear();
    }
}

void HierarchyReader::useFixedMetadataCache(size_t bytes) const
{
    LibraryLock lock;
    const hid_t fid = fileId(*m_file);
    H5AC_cache_config_t mdc;
    mdc.version = H5AC__CURR_CACHE_CONFIG_VERSION;
    if (H5Fget_mdc_config(fid, &mdc) < 0) {
        errorstack::clear();
        return;
    }
    mdc.set_initial_size = true;
    mdc.initial_size = mdc.min_size = mdc.max_size = bytes;
    mdc.incr_mode = H5C_incr__off;
    mdc.flash_incr_mode = H5C_flash_incr__off;
    mdc.decr_mode = H5C_decr__off;
    if (H5Fset_mdc_config(fid, &mdc) < 0)
        errorstack::clear();
}

void HierarchyReader::releaseLibraryMemory()
{
    LibraryLock lock;
    H5garbage_collect();
}

void HierarchyReader::useAdaptiveMetadataCache() const
{
    LibraryLock lock;
    const hid_t fid = fileId(*m_file);
    PropListHandle fapl(H5Fget_access_plist(fid));
    H5AC_cache_config_t mdc;
    mdc.version = H5AC__CURR_CACHE_CONFIG_VERSION;
    if (!fapl || H5Pget_mdc_config(fapl.get(), &mdc) < 0 || H5Fset_mdc_config(fid, &mdc) < 0)
        errorstack::clear();
}

bool HierarchyReader::metadataCacheAsOpened() const
{
    LibraryLock lock;
    const hid_t fid = fileId(*m_file);
    PropListHandle fapl(H5Fget_access_plist(fid));
    H5AC_cache_config_t now, opened;
    now.version = opened.version = H5AC__CURR_CACHE_CONFIG_VERSION;
    if (!fapl || H5Pget_mdc_config(fapl.get(), &opened) < 0 || H5Fget_mdc_config(fid, &now) < 0) {
        errorstack::clear();
        return false;
    }
    return now.incr_mode == opened.incr_mode && now.flash_incr_mode == opened.flash_incr_mode
           && now.decr_mode == opened.decr_mode && now.min_size == opened.min_size && now.max_size == opened.max_size;
}

bool HierarchyReader::tracksCreationOrder(const QString &groupPath) const
{
    LibraryLock lock;
    const QByteArray p = names::encode(groupPath);
    GroupHandle group(H5Gopen2(fileId(*m_file), p.constData(), H5P_DEFAULT));
    if (!group) {
        errorstack::clear();
        return false;
    }
    if (!headercheck::groupProblem(group.get()).isEmpty())
        return false; // its index is damaged: HDF5 may crash reading it
    PropListHandle gcpl(H5Gget_create_plist(group.get()));
    unsigned flags = 0;
    if (H5Pget_link_creation_order(gcpl.get(), &flags) < 0) {
        errorstack::clear();
        return false;
    }
    return (flags & H5P_CRT_ORDER_TRACKED) && (flags & H5P_CRT_ORDER_INDEXED);
}

bool HierarchyReader::linkExists(const QString &path) const
{
    if (path == QLatin1String("/"))
        return true;
    LibraryLock lock;
    const QByteArray p = names::encode(path);
    compat::LinkInfo li;
    const bool ok = compat::linkInfoByName(fileId(*m_file), p.constData(), &li) >= 0;
    if (!ok)
        errorstack::clear();
    return ok;
}

namespace {

} // namespace

Result<ObjectSummary> HierarchyReader::summarize(const QString &path) const
{
    LibraryLock lock;
    const CrashBreadcrumb::Scope crumb(m_file->path(), path); // named if the library crashes on it

    const hid_t fid = fileId(*m_file);
    ObjectSummary s;
    s.path = path;
    const QByteArray p = names::encode(path);

    if (path != QLatin1String("/")) {
        compat::LinkInfo li;
        if (compat::linkInfoByName(fid, p.constData(), &li) < 0)
            return errorstack::capture(QStringLiteral("find"), path);
        s.link.name = path.section(QLatin1Char('/'), -1);
        s.link.linkType = compat::linkType(li.type);
        s.link.creationOrder = li.corder_valid ? qint64(li.corder) : -1;
        readTarget(fid, p.constData(), li.type, li.u.val_size, s.link);
    } else {
        s.link.name = QStringLiteral("/");
    }

    compat::ObjectInfo oi;
    if (s.link.linkType == LinkType::User || compat::objectInfoByName(fid, p.constData(), &oi) < 0) {
        s.kind = ObjectKind::Missing;
        s.link.kind = ObjectKind::Missing;
        s.link.problem = s.link.linkType == LinkType::User
                             ? QStringLiteral("User-defined links cannot be followed.")
                             : errorstack::captureCause().message;
        return s;
    }
    s.kind = compat::kindOf(oi.type);
    s.link.kind = s.kind;
    s.id = compat::objectId(oi);

    switch (s.kind) {
    case ObjectKind::Dataset: {
        DatasetHandle ds(openDataset(fid, p.constData()));
        if (!ds) {
            s.link.problem = errorstack::capture(QStringLiteral("open the dataset"), path).message;
            break;
        }
        DataspaceHandle space(H5Dget_space(ds.get()));
        DatatypeHandle type(H5Dget_type(ds.get()));
        if (space)
            s.shape = dataspaceShape(space.get());
        if (type)
            s.type = typedescriber::describe(type.get());
        errorstack::clear();
        break;
    }
    case ObjectKind::Datatype: {
        DatatypeHandle type(H5Topen2(fid, p.constData(), H5P_DEFAULT));
        if (type)
            s.type = typedescriber::describe(type.get());
        errorstack::clear();
        break;
    }
    case ObjectKind::Group: {
        H5G_info_t gi;
        if (const QString bad = headercheck::groupProblem(fid, p.constData()); !bad.isEmpty())
            s.link.problem = bad; // HDF5 would follow the damaged index out of the file
        else if (H5Gget_info_by_name(fid, p.constData(), &gi, H5P_DEFAULT) >= 0) {
            s.memberCount = gi.nlinks;
            s.memberCountKnown = true;
        }
        errorstack::clear();
        break;
    }
    default: break;
    }
    return s;
}

} // namespace hs::core
