#include "services/objectinspector.h"

#include "hdf5/headercheck.h"
#include "hdf5/crashbreadcrumb.h"
#include "hdf5/compat.h"
#include "hdf5/datasetaccess.h"
#include "hdf5/errorstack.h"
#include "hdf5/handle.h"
#include "model/names.h"
#include "hdf5/typevalidator.h"
#include "model/naturalsort.h"
#include "services/dimensionscales.h"
#include "services/h5file_p.h"

#include <QHash>

#include <algorithm>
#include <deque>
#include <vector>

namespace hs::core {

namespace {

// The link that names `path` in its parent. Lock held.
void readLink(hid_t fid, const char *path, const compat::LinkInfo &li, ObjectDetails &d)
{
    d.linkKnown = true;
    d.linkType = compat::linkType(li.type);
    d.linkCreationOrder = li.corder_valid ? qint64(li.corder) : -1;
    d.linkCharset = li.cset == H5T_CSET_UTF8 ? QStringLiteral("UTF-8") : QStringLiteral("ASCII");
    if (li.type == H5L_TYPE_HARD)
        return;
    if (d.linkType == LinkType::User) {
        d.linkTarget = QStringLiteral("user-defined link class %1").arg(int(li.type));
        return;
    }
    std::vector<char> buf(li.u.val_size + 1, '\0');
    if (H5Lget_val(fid, path, buf.data(), buf.size(), H5P_DEFAULT) < 0) {
        errorstack::clear();
        return;
    }
    if (li.type == H5L_TYPE_SOFT) {
        d.linkTarget = names::decode(buf.data());
        return;
    }
    const char *file = nullptr;
    const char *target = nullptr;
    unsigned flags = 0;
    if (H5Lunpack_elink_val(buf.data(), buf.size(), &flags, &file, &target) >= 0) {
        d.linkTargetFile = names::decode(file);
        d.linkTarget = names::decode(target);
    } else {
        errorstack::clear();
    }
}

QDateTime timeOf(time_t t)
{
    return t > 0 ? QDateTime::fromSecsSinceEpoch(qint64(t), Qt::UTC) : QDateTime();
}

bool tracked(herr_t (*get)(hid_t, unsigned *), hid_t plist)
{
    unsigned flags = 0;
    if (plist < 0 || get(plist, &flags) < 0) {
        errorstack::clear();
        return false;
    }
    return flags & H5P_CRT_ORDER_TRACKED;
}

// Creation-order flags and the committed type. Lock held.
void readObject(hid_t fid, const char *path, ObjectDetails &d)
{
    switch (d.kind) {
    case ObjectKind::Group: {
        GroupHandle g(H5Gopen2(fid, path, H5P_DEFAULT));
        const bool safe = g && headercheck::groupProblem(g.get()).isEmpty(); // damaged index: HDF5 may crash
        PropListHandle gcpl(safe ? H5Gget_create_plist(g.get()) : H5I_INVALID_HID);
        d.tracksLinkCreationOrder = tracked(H5Pget_link_creation_order, gcpl.get());
        d.tracksAttributeCreationOrder = tracked(H5Pget_attr_creation_order, gcpl.get());
        break;
    }
    case ObjectKind::Dataset: {
        DatasetHandle ds(openDataset(fid, path));
        PropListHandle dcpl(ds ? H5Dget_create_plist(ds.get()) : H5I_INVALID_HID);
        d.tracksAttributeCreationOrder = tracked(H5Pget_attr_creation_order, dcpl.get());
        DatatypeHandle type(ds ? H5Dget_type(ds.get()) : H5I_INVALID_HID);
        if (type && H5Tcommitted(type.get()) > 0) {
            d.usesCommittedType = true;
            // Empty for a type committed without a name (H5Tcommit_anon).
            const ssize_t n = H5Iget_name(type.get(), nullptr, 0);
            if (n > 0) {
                QByteArray name(qsizetype(n) + 1, '\0');
                H5Iget_name(type.get(), name.data(), size_t(n) + 1);
                d.committedType = names::decode(name.constData());
            }
        }
        break;
    }
    case ObjectKind::Datatype: {
        DatatypeHandle t(H5Topen2(fid, path, H5P_DEFAULT));
        PropListHandle tcpl(t ? H5Tget_create_plist(t.get()) : H5I_INVALID_HID);
        d.tracksAttributeCreationOrder = tracked(H5Pget_attr_creation_order, tcpl.get());
        break;
    }
    default: break;
    }
    errorstack::clear();
}

QString childPath(const QString &parent, const QString &name)
{
    return parent.endsWith(QLatin1Char('/')) ? parent + name : parent + QLatin1Char('/') + name;
}

// How many links one hold of the library lock examines. Each may read an
// object header (~10-40 us), so a batch holds the lock for well under 0.1 s
// and the tree and the grid keep working during a search of a huge group.
constexpr quint64 kLinksPerBatch = 2048;

struct SearchState
{
    const QString *groupPath = nullptr;
    QByteArray target;
    QHash<QByteArray, bool> *seen = nullptr; // object token -> is a group
    std::deque<QString> *groups = nullptr;   // groups still to list
    QStringList *matches = nullptr;
    const std::atomic_bool *cancel = nullptr;
    quint64 examined = 0; // in this batch
    bool cancelled = false;
};

herr_t onSearchLink(hid_t group, const char *name, const compat::LinkInfo *info, void *data)
{
    auto *st = static_cast<SearchState *>(data);
    if (st->cancel && st->cancel->load(std::memory_order_relaxed)) {
        st->cancelled = true;
        return 1;
    }
    ++st->examined;
    if (info->type == H5L_TYPE_HARD) {
        const QByteArray token = compat::hardLinkToken(*info);
        if (token == st->target)
            st->matches->append(childPath(*st->groupPath, names::decode(name)));
        auto it = st->seen->constFind(token);
        if (it == st->seen->constEnd()) {
            // First sight of this object: read its header once for its kind;
            // every further hard link to it is known by its token alone.
            compat::ObjectInfo oi;
            const bool isGroup = compat::objectInfoByName(group, name, &oi) >= 0 && oi.type == H5O_TYPE_GROUP;
            if (!isGroup)
                errorstack::clear();
            st->seen->insert(token, isGroup);
            if (isGroup)
                st->groups->push_back(childPath(*st->groupPath, names::decode(name)));
        }
    }
    return st->examined >= kLinksPerBatch ? 1 : 0;
}

Error cancelled()
{
    return Error::make(ErrorCode::Cancelled, QStringLiteral("The search for other paths was cancelled."));
}

} // namespace

namespace {

// The dimension-scale functions iterate the object's attributes: not when one
// of them cannot be decoded (hdf5/typevalidator.h says why that may crash).
bool attributesDecode(const H5FilePtr &file, const QString &path)
{
    LibraryLock lock;
    const QByteArray p = names::encode(path);
    if (typevalidator::attributeMessagesDecode(fileId(*file), p.constData()))
        return true;
    errorstack::clear(); // the attribute reader says why
    return false;
}

} // namespace

Result<ObjectDetails> ObjectInspector::inspect(const H5FilePtr &file, const QString &path)
{
    ObjectDetails d;
    d.path = path;
    {
        LibraryLock lock;
        const CrashBreadcrumb::Scope crumb(file->path(), path); // named if the library crashes on it

        const hid_t fid = fileId(*file);
        const QByteArray p = names::encode(path);

        if (path != QLatin1String("/")) {
            compat::LinkInfo li;
            if (compat::linkInfoByName(fid, p.constData(), &li) < 0)
                return errorstack::capture(QStringLiteral("find"), path);
            readLink(fid, p.constData(), li, d);
        }
        if (d.linkType == LinkType::User) {
            d.resolved = false;
            d.kind = ObjectKind::Missing;
            d.problem = QStringLiteral("User-defined links cannot be followed by this HDF5 library.");
            return d;
        }

        compat::ObjectInfo oi;
        if (compat::objectInfoByName(fid, p.constData(), &oi, H5O_INFO_BASIC | H5O_INFO_TIME | H5O_INFO_NUM_ATTRS) < 0) {
            d.resolved = false;
            d.kind = ObjectKind::Missing;
            // Dangling, a loop, a missing or unreadable file, in one sentence.
            d.problem = errorstack::captureCause().message;
            return d;
        }
        d.kind = compat::kindOf(oi.type);
        d.id = compat::objectId(oi);
        d.token = compat::tokenText(fid, oi);
        d.hardLinks = oi.rc;
        d.attributeCount = int(oi.num_attrs);
        // HDF5 stores no times when tracking is off (and a version-1 object
        // header keeps only the modification time): 0 means "not recorded".
        d.accessed = timeOf(oi.atime);
        d.modified = timeOf(oi.mtime);
        d.changed = timeOf(oi.ctime);
        d.created = timeOf(oi.btime);
        d.timesTracked = d.accessed.isValid() || d.modified.isValid() || d.changed.isValid() || d.created.isValid();
        readObject(fid, p.constData(), d);
    }
    // The Dimension Scales convention lives in attributes (DIMENSION_LIST,
    // CLASS, ...): a dataset without any has none, and `info --recursive` on
    // a file of many plain datasets need not open each one again to learn that.
    if (d.kind == ObjectKind::Dataset && d.attributeCount > 0 && attributesDecode(file, path))
        readDimensionScales(file, path, d);
    return d;
}

Result<QStringList> ObjectInspector::findAllPaths(const H5FilePtr &file, const QString &path,
                                                  const std::atomic_bool *cancel,
                                                  const std::function<void(const QString &)> &found,
                                                  const std::function<void(quint64)> &progress)
{
    QHash<QByteArray, bool> seen;
    std::deque<QString> groups{QStringLiteral("/")};
    QStringList all;
    QByteArray target;
    {
        LibraryLock lock;
        const hid_t fid = fileId(*file);
        const QByteArray p = names::encode(path);
        compat::ObjectInfo oi;
        if (compat::objectInfoByName(fid, p.constData(), &oi) < 0)
            return errorstack::capture(QStringLiteral("find"), path);
        target = compat::objectId(oi).token;
        if (compat::objectInfoByName(fid, "/", &oi) < 0)
            return errorstack::capture(QStringLiteral("read the root group of"), file->displayName());
        seen.insert(compat::objectId(oi).token, true);
        if (compat::objectId(oi).token == target)
            all << QStringLiteral("/");
    }
    if (!all.isEmpty() && found)
        found(all.constFirst());

    // Breadth first, so the shortest paths come first; each group is listed
    // once however many hard links lead to it, so hard-link cycles end.
    quint64 examined = 0;
    while (!groups.empty()) {
        const QString groupPath = std::move(groups.front());
        groups.pop_front();
        GroupHandle group;
        hsize_t idx = 0;
        for (bool done = false; !done;) {
            if (cancel && cancel->load())
                return cancelled();
            QStringList matches;
            SearchState st;
            st.groupPath = &groupPath;
            st.target = target;
            st.seen = &seen;
            st.groups = &groups;
            st.matches = &matches;
            st.cancel = cancel;
            {
                LibraryLock lock;
                if (!group) {
                    const QByteArray gp = names::encode(groupPath);
                    group.reset(H5Gopen2(fileId(*file), gp.constData(), H5P_DEFAULT));
                    if (!group) {
                        // An unreadable group (damaged file): search the rest.
                        errorstack::clear();
                        break;
                    }
                }
                // Native order: resuming by index needs no sorted table of the
                // whole group (which a dense group rebuilds on every call in
                // name order).
                const herr_t rc = headercheck::groupProblem(group.get()).isEmpty() // damaged index: HDF5 may crash
                                      ? compat::iterateLinks(group.get(), H5_INDEX_NAME, H5_ITER_NATIVE, &idx, onSearchLink, &st)
                                      : -1;
                if (rc < 0) {
                    errorstack::clear();
                    done = true;
                } else {
                    done = rc == 0;
                }
            }
            if (st.cancelled)
                return cancelled();
            examined += st.examined;
            for (const QString &m : std::as_const(matches)) {
                all << m;
                if (found)
                    found(m);
            }
            if (progress)
                progress(examined);
        }
    }
    if (cancel && cancel->load())
        return cancelled();
    std::sort(all.begin(), all.end(), naturalLess);
    return all;
}

} // namespace hs::core
