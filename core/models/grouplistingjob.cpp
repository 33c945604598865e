#include "models/grouplistingjob.h"

#include "jobs/jobcontext.h"
#include "model/naturalsort.h"

#include <QHash>

#include <algorithm>
#include <numeric>
#include <utility>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace hs::core {

namespace {

// Gives the memory of a large listing's scratch data (the full link entries,
// the sort keys: hundreds of megabytes for a million members) back to the
// system. glibc keeps freed memory of worker threads' arenas for reuse, and
// the process would look that much larger for the rest of the session.
void releaseFreedMemory()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

// The positions of `entries` in natural name order (stable). Each name's
// NaturalSortKey sits next to its position in one array, so the sort reads
// contiguous records instead of chasing two heap strings per comparison: for
// 200,000 names that is the difference between ~0.5 s and ~0.1 s.
std::vector<int> naturalOrder(const std::vector<LinkEntry> &entries)
{
    struct Keyed
    {
        NaturalSortKey key;
        int index;
    };
    std::vector<Keyed> keyed(entries.size());
    for (size_t i = 0; i < entries.size(); ++i)
        keyed[i] = {NaturalSortKey(entries[i].name), int(i)};
    std::stable_sort(keyed.begin(), keyed.end(), [&](const Keyed &a, const Keyed &b) {
        const int c = NaturalSortKey::compare(a.key, b.key);
        return (c != 0 ? c : naturalCompare(entries[size_t(a.index)].name, entries[size_t(b.index)].name)) < 0;
    });
    std::vector<int> order(keyed.size());
    for (size_t i = 0; i < keyed.size(); ++i)
        order[i] = keyed[i].index;
    return order;
}

} // namespace

GroupListingJob::GroupListingJob(H5FilePtr file, QString groupPath, ChildOrder order, ListingSink sink)
    : m_reader(std::move(file)), m_path(std::move(groupPath)), m_order(order), m_sink(std::move(sink))
{
}

// However the listing ends (done, cancelled, failed, or cancelled because its
// file is being closed: the job holds the file open until it is destroyed),
// the metadata cache goes back to the file's own configuration here.
GroupListingJob::~GroupListingJob()
{
    if (m_fixedCache)
        m_reader.useAdaptiveMetadataCache();
}

QString GroupListingJob::title() const
{
    return QStringLiteral("Listing %1").arg(m_path);
}

void GroupListingJob::sortEntries(std::vector<LinkEntry> &entries, ChildOrder order)
{
    const bool byCreation = order == ChildOrder::CreationOrder
                            && std::all_of(entries.begin(), entries.end(),
                                           [](const LinkEntry &e) { return e.creationOrder >= 0; });
    if (byCreation) {
        std::stable_sort(entries.begin(), entries.end(),
                         [](const LinkEntry &a, const LinkEntry &b) { return a.creationOrder < b.creationOrder; });
    } else {
        const std::vector<int> order = naturalOrder(entries);
        std::vector<LinkEntry> sorted;
        sorted.reserve(entries.size());
        for (int i : order)
            sorted.push_back(std::move(entries[size_t(i)]));
        entries = std::move(sorted);
    }
}

bool GroupListingJob::runStep(JobContext &context)
{
    switch (m_stage) {
    case 0: return firstStep(context);
    case 1: return restStep(context);
    default: return kindStep(context);
    }
}

bool GroupListingJob::firstStep(JobContext &context)
{
    auto batch = m_reader.listLinks(m_path, ChildOrder::Name, 0, FirstBatch, context.cancelFlag());
    if (!batch) {
        if (batch.error().code != ErrorCode::Cancelled)
            context.post([sink = m_sink, e = batch.error()] { sink.failed(e); });
        return false;
    }
    std::vector<LinkEntry> entries = std::move(batch.value().entries);
    m_reader.resolveKinds(m_path, entries);
    sortEntries(entries, m_order);
    if (batch->complete) {
        ListingComplete complete;
        if (m_sink.makeRows)
            complete.rows = m_sink.makeRows(entries, std::vector<bool>(entries.size(), false));
        else
            complete.entries = std::move(entries);
        context.post([sink = m_sink, complete = std::move(complete)]() mutable { sink.complete(std::move(complete)); });
        return false;
    }
    m_cursor = batch->nextCursor;
    m_entries = entries; // the preview, kept to merge its kinds later
    context.post([sink = m_sink, entries = std::move(entries)]() mutable { sink.preview(ListingPreview{std::move(entries)}); });
    m_stage = 1;
    return true;
}

bool GroupListingJob::restStep(JobContext &context)
{
    // Names only: one pass over the whole group, again from the start. HDF5
    // resumes an iteration by walking up to the index anyway, the preview's
    // few links cost nothing to list twice, and the result is one exactly
    // sized vector that is sorted in place: a 200,000-member group needs no
    // second full copy. It still stops promptly on cancel.
    auto batch = m_reader.listLinks(m_path, ChildOrder::Name, 0, std::numeric_limits<quint64>::max(),
                                    context.cancelFlag());
    if (!batch) {
        if (batch.error().code != ErrorCode::Cancelled)
            context.post([sink = m_sink, e = batch.error()] { sink.failed(e); });
        return false;
    }
    std::vector<LinkEntry> all = std::move(batch.value().entries);
    std::vector<LinkEntry> preview = std::move(m_entries);
    m_entries = {};

    // The preview is the first links of the same iteration: put its entries
    // (kinds resolved) in their place, found by name.
    std::vector<int> previewOf; // preview index of all[src], -1 for the rest
    if (!preview.empty()) {
        QHash<QString, int> byName;
        byName.reserve(qsizetype(preview.size()));
        for (size_t i = 0; i < preview.size(); ++i)
            byName.insert(preview[i].name, int(i));
        std::vector<bool> placed(preview.size(), false);
        previewOf.assign(all.size(), -1);
        const size_t scan = std::min<size_t>(all.size(), size_t(std::max<quint64>(m_cursor, preview.size())));
        for (size_t src = 0; src < scan; ++src) {
            const auto it = byName.constFind(all[src].name);
            if (it == byName.constEnd() || placed[size_t(*it)])
                continue;
            placed[size_t(*it)] = true;
            previewOf[src] = *it;
            all[src] = std::move(preview[size_t(*it)]);
        }
        // Only if the group changed under us: keep what the view already shows.
        for (size_t i = 0; i < preview.size(); ++i) {
            if (!placed[i]) {
                previewOf.push_back(int(i));
                all.push_back(std::move(preview[i]));
            }
        }
    }

    std::vector<int> order;
    const bool byCreation = m_order == ChildOrder::CreationOrder
                            && std::all_of(all.begin(), all.end(), [](const LinkEntry &e) { return e.creationOrder >= 0; });
    if (byCreation) {
        order.resize(all.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](int a, int b) { return all[size_t(a)].creationOrder < all[size_t(b)].creationOrder; });
    } else {
        order = naturalOrder(all);
    }

    // What kind resolution needs later, by position in the file's order: the
    // names (shared, not copied), link types and rows of the links whose kind
    // is not known yet.
    std::vector<int> previewRows(preview.size(), -1);
    m_rowOf.assign(all.size(), -1);
    m_names.resize(all.size());
    m_linkTypes.resize(all.size());
    std::vector<int> top; // positions of the first TopRows rows to resolve, by row
    for (size_t row = 0; row < order.size(); ++row) {
        const size_t src = size_t(order[row]);
        const LinkEntry &e = all[src];
        const int p = previewOf.empty() ? -1 : previewOf[src];
        m_rowOf[src] = int(row);
        if (p >= 0) {
            previewRows[size_t(p)] = int(row);
        } else {
            m_names[src] = e.name;
            m_linkTypes[src] = e.linkType;
            if (top.size() < size_t(TopRows))
                top.push_back(int(src));
        }
    }
    // The queue: the top rows first (in row order), then the rest in the
    // file's order.
    m_queue.reserve(all.size() - preview.size());
    m_queue.assign(top.begin(), top.end());
    std::vector<bool> queued(all.size(), false);
    for (int src : top)
        queued[size_t(src)] = true;
    for (size_t src = 0; src < all.size(); ++src)
        if (!queued[src] && (previewOf.empty() || previewOf[src] < 0))
            m_queue.push_back(int(src));
    queued = {};
    top = {};
    previewOf = {};

    // Apply the permutation in place, one cycle at a time.
    for (size_t start = 0; start < order.size(); ++start) {
        if (size_t(order[start]) == start)
            continue;
        LinkEntry held = std::move(all[start]);
        size_t row = start;
        for (;;) {
            const size_t src = size_t(order[row]);
            order[row] = int(row);
            if (src == start) {
                all[row] = std::move(held);
                break;
            }
            all[row] = std::move(all[src]);
            row = src;
        }
    }
    order = {};

    ListingComplete complete;
    if (m_sink.makeRows) {
        std::vector<bool> skip(all.size(), false);
        for (int r : previewRows)
            skip[size_t(r)] = true;
        complete.rows = m_sink.makeRows(all, skip);
        all = {};
        releaseFreedMemory();
    } else {
        complete.entries = std::move(all);
    }
    complete.previewRows = std::move(previewRows);
    if (m_queue.size() >= FixedCacheFrom) {
        // About 20 bytes of metadata cache per member (4 MB for 200,000, as
        // H5File::open starts it; 20 MB for a million, where HDF5's own loop
        // settles), fixed: resolving a million kinds took 1.5x the CPU time
        // of HDF5's own loop with the cache resizing itself, 1.07x fixed.
        const size_t bytes = std::clamp<size_t>(m_queue.size() * 20, size_t(4) << 20, size_t(64) << 20);
        m_reader.useFixedMetadataCache(bytes);
        m_fixedCache = true;
    }
    context.setProgress(0, qint64(m_queue.size()));
    context.post([sink = m_sink, complete = std::move(complete)]() mutable { sink.complete(std::move(complete)); });
    m_stage = 2;
    return !m_queue.empty();
}

bool GroupListingJob::kindStep(JobContext &context)
{
    const size_t begin = m_nextQueued;
    const size_t end = std::min(m_queue.size(), begin + KindBatch);
    if (begin >= end)
        return false;
    std::vector<LinkEntry> toResolve(end - begin);
    for (size_t k = begin; k < end; ++k) {
        const size_t src = size_t(m_queue[k]);
        LinkEntry &e = toResolve[k - begin];
        e.name = std::exchange(m_names[src], QString());
        e.linkType = m_linkTypes[src];
    }
    m_reader.resolveKinds(m_path, toResolve);

    ListingKinds update;
    update.rows.reserve(end - begin);
    update.kinds.reserve(end - begin);
    for (size_t k = begin; k < end; ++k) {
        LinkEntry &e = toResolve[k - begin];
        update.rows.push_back(m_rowOf[size_t(m_queue[k])]);
        update.kinds.emplace_back(e.kind, std::move(e.problem));
    }
    m_nextQueued = end;
    context.setProgress(qint64(end), qint64(m_queue.size()));
    context.post([sink = m_sink, update = std::move(update)]() mutable { sink.kinds(std::move(update)); });
    if (end < m_queue.size())
        return true;
    // Done: let go of the bookkeeping now rather than when the job is deleted.
    m_names = {};
    m_linkTypes = {};
    m_rowOf = {};
    m_queue = {};
    if (m_fixedCache) {
        m_reader.useAdaptiveMetadataCache();
        m_fixedCache = false;
    }
    releaseFreedMemory();
    return false;
}

} // namespace hs::core
