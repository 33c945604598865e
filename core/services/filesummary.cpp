#include "services/filesummary.h"

#include "hdf5/journaldriver.h"

#include "hdf5/compat.h"
#include "hdf5/datasetaccess.h"
#include "hdf5/errorstack.h"
#include "hdf5/headercheck.h"
#include "hdf5/handle.h"
#include "model/names.h"
#include "services/h5file_p.h"

#include <QSet>

#include <algorithm>
#include <deque>

namespace hs::core {

namespace {

// Links one hold of the library lock examines: each may read an object
// header and open a dataset (~20-100 us), so a batch holds the lock for
// about 10 ms and the tree, listing at the same time, hardly waits.
constexpr quint64 LinksPerBatch = 128;

QString libverName(H5F_libver_t v)
{
    switch (v) {
    case H5F_LIBVER_EARLIEST: return QStringLiteral("earliest");
    case H5F_LIBVER_V18: return QStringLiteral("v18");
#if H5_VERSION_GE(1, 10, 0)
    case H5F_LIBVER_V110: return QStringLiteral("v110");
#endif
#if H5_VERSION_GE(1, 12, 0)
    case H5F_LIBVER_V112: return QStringLiteral("v112");
#endif
#if H5_VERSION_GE(1, 14, 0)
    case H5F_LIBVER_V114: return QStringLiteral("v114");
#endif
    default: return QString::number(int(v));
    }
}

QString driverName(hid_t driver)
{
    const struct
    {
        hid_t id;
        const char *name;
    } known[] = {
        {H5FD_SEC2, "sec2"}, {H5FD_CORE, "core (in memory)"}, {H5FD_STDIO, "stdio"},
        {H5FD_FAMILY, "family"}, {H5FD_MULTI, "multi"}, {H5FD_LOG, "log"},
    };
    for (const auto &k : known)
        if (driver == k.id)
            return QString::fromLatin1(k.name);
    if (driver == journaldriver::id()) // how files open for editing are written (hdf5/journaldriver.h)
        return QStringLiteral("sec2, with a save journal (open for editing)");
    return QStringLiteral("other");
}

// Format fields of an open file. Lock held.
void readFormat(hid_t fid, FileSummary &s)
{
    hsize_t size = 0;
    if (H5Fget_filesize(fid, &size) >= 0)
        s.fileSize = size;
    H5F_info2_t info;
    if (H5Fget_info2(fid, &info) >= 0)
        s.superblockVersion = int(info.super.version);
    const hssize_t free = H5Fget_freespace(fid);
    s.freeSpace = free >= 0 ? qint64(free) : -1;
    PropListHandle fcpl(H5Fget_create_plist(fid));
    hsize_t ub = 0;
    if (fcpl && H5Pget_userblock(fcpl.get(), &ub) >= 0)
        s.userBlock = ub;
    PropListHandle fapl(H5Fget_access_plist(fid));
    if (fapl) {
        H5F_libver_t low = H5F_LIBVER_EARLIEST, high = H5F_LIBVER_LATEST;
        if (H5Pget_libver_bounds(fapl.get(), &low, &high) >= 0) {
            s.libverLow = libverName(low);
            s.libverHigh = libverName(high);
        }
        s.driver = driverName(H5Pget_driver(fapl.get()));
    }
    errorstack::clear();
}

QString childPath(const QString &parent, const char *name)
{
    const QString n = names::decode(name);
    return parent == QLatin1String("/") ? QLatin1Char('/') + n : parent + QLatin1Char('/') + n;
}

struct Walk
{
    FileSummary *summary = nullptr;
    GroupCensus *census = nullptr;   // counting one group instead
    const QString *groupPath = nullptr;
    QSet<QByteArray> *seen = nullptr;
    std::deque<QString> *groups = nullptr;
    quint64 examined = 0;            // in this batch
    quint64 budget = 0;              // links left before the cap
    bool unlisted = false;           // a group could not be opened or listed to its end
};

// The dataset `name` in `group`: its logical and stored size. Lock held.
void sizeDataset(hid_t group, const char *name, const QString &path, FileSummary &s)
{
    DatasetHandle ds(openDataset(group, name));
    if (!ds) {
        errorstack::clear();
        return;
    }
    DataspaceHandle space(H5Dget_space(ds.get()));
    DatatypeHandle type(H5Dget_type(ds.get()));
    const hssize_t n = space ? H5Sget_simple_extent_npoints(space.get()) : -1;
    const size_t size = type ? H5Tget_size(type.get()) : 0;
    if (n < 0 || size == 0) {
        errorstack::clear();
        return;
    }
    FileSummary::Dataset d{path, quint64(n) * size, H5Dget_storage_size(ds.get())};
    auto &top = s.largest;
    const auto at = std::find_if(top.begin(), top.end(), [&](const auto &x) { return d.logicalBytes > x.logicalBytes; });
    if (at != top.end() || top.size() < size_t(FileCensus::LargestKept))
        top.insert(at, std::move(d));
    if (top.size() > size_t(FileCensus::LargestKept))
        top.pop_back();
}

herr_t onLink(hid_t group, const char *name, const compat::LinkInfo *info, void *data)
{
    auto *w = static_cast<Walk *>(data);
    if (w->budget == 0)
        return 1;
    --w->budget;
    ++w->examined;
    const bool counting = w->census != nullptr;
    if (counting)
        ++w->census->examined;
    else
        ++w->summary->links;
    switch (info->type) {
    case H5L_TYPE_SOFT: counting ? ++w->census->softLinks : ++w->summary->softLinks; break;
    case H5L_TYPE_EXTERNAL: counting ? ++w->census->externalLinks : ++w->summary->externalLinks; break;
    case H5L_TYPE_HARD: {
        const QByteArray token = compat::hardLinkToken(*info);
        if (!counting) {
            if (w->seen->contains(token))
                break;
            w->seen->insert(token);
        }
        compat::ObjectInfo oi;
        if (compat::objectInfoByName(group, name, &oi) < 0) {
            errorstack::clear();
            break;
        }
        switch (oi.type) {
        case H5O_TYPE_GROUP:
            if (counting) {
                ++w->census->groups;
            } else {
                ++w->summary->groups;
                w->groups->push_back(childPath(*w->groupPath, name));
            }
            break;
        case H5O_TYPE_DATASET:
            if (counting) {
                ++w->census->datasets;
            } else {
                ++w->summary->datasets;
                sizeDataset(group, name, childPath(*w->groupPath, name), *w->summary);
            }
            break;
        case H5O_TYPE_NAMED_DATATYPE: counting ? ++w->census->namedTypes : ++w->summary->namedTypes; break;
        default: break;
        }
        break;
    }
    default: counting ? ++w->census->userLinks : ++w->summary->userLinks; break;
    }
    return w->examined >= LinksPerBatch ? 1 : 0;
}

Error cancelledError()
{
    return Error::make(ErrorCode::Cancelled, QStringLiteral("The summary of the file was cancelled."));
}

// Lists the groups of `queue` in batches (see LinksPerBatch) until they, the
// budget or the caller run out. True when every group was listed whole.
bool walk(const H5FilePtr &file, std::deque<QString> &queue, Walk &w, quint64 cap, const std::atomic_bool *cancel,
          const std::function<void()> &afterBatch)
{
    w.budget = cap;
    while (!queue.empty()) {
        const QString groupPath = std::move(queue.front());
        queue.pop_front();
        GroupHandle group;
        hsize_t idx = 0;
        for (bool done = false; !done;) {
            if (cancel && cancel->load())
                return false;
            if (w.budget == 0)
                return false;
            w.groupPath = &groupPath;
            w.examined = 0;
            {
                LibraryLock lock;
                if (!group) {
                    const QByteArray gp = names::encode(groupPath);
                    group.reset(H5Gopen2(fileId(*file), gp.constData(), H5P_DEFAULT));
                    if (!group) {
                        errorstack::clear(); // an unreadable group: count the rest
                        w.unlisted = true;
                        break;
                    }
                    if (!headercheck::groupProblem(group.get()).isEmpty()) {
                        w.unlisted = true; // damaged index: H5Literate would read outside the file (a crash)
                        break;
                    }
                }
                const herr_t rc = compat::iterateLinks(group.get(), H5_INDEX_NAME, H5_ITER_NATIVE, &idx, onLink, &w);
                if (rc < 0) {
                    errorstack::clear();
                    w.unlisted = true;
                }
                done = rc <= 0;
            }
            if (afterBatch)
                afterBatch();
        }
    }
    return true;
}

} // namespace

Result<FileSummary> FileCensus::summarize(const H5FilePtr &file, quint64 linkCap, const std::atomic_bool *cancel,
                                          const std::function<void(const FileSummary &)> &progress)
{
    if (!file)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("No file is open."));
    FileSummary s;
    QSet<QByteArray> seen;
    {
        LibraryLock lock;
        readFormat(fileId(*file), s);
        compat::ObjectInfo root;
        if (compat::objectInfoByName(fileId(*file), "/", &root) < 0)
            return errorstack::capture(QStringLiteral("read the root group of"), file->displayName());
        seen.insert(compat::objectId(root).token);
        s.groups = 1;
    }
    std::deque<QString> queue{QStringLiteral("/")};
    Walk w;
    w.summary = &s;
    w.seen = &seen;
    w.groups = &queue;
    const bool whole = walk(file, queue, w, linkCap, cancel, [&] {
        if (progress)
            progress(s);
    });
    if (cancel && cancel->load())
        return cancelledError();
    s.complete = whole && queue.empty();
    return s;
}

Result<GroupCensus> FileCensus::countMembers(const H5FilePtr &file, const QString &path, quint64 cap,
                                             const std::atomic_bool *cancel)
{
    if (!file)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("No file is open."));
    GroupCensus c;
    std::deque<QString> queue{path};
    Walk w;
    w.census = &c;
    const bool whole = walk(file, queue, w, cap, cancel, {});
    if (cancel && cancel->load())
        return cancelledError();
    c.unlisted = w.unlisted;
    c.complete = whole && !w.unlisted;
    return c;
}

} // namespace hs::core
