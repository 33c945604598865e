#include "models/grouplistingjob.h"
#include "models/freedmemory.h"

#include "jobs/jobcontext.h"
#include "model/naturalsort.h"

#include <QHash>

#include <algorithm>
#include <limits>
#include <numeric>
#include <utility>

namespace hs::core {

namespace {

// The positions 0..count-1 in natural order of name(position) (stable). Each
// name's NaturalSortKey sits next to its position in one array, so the sort
// reads contiguous records instead of chasing two heap strings per
// comparison: for 200,000 names that is the difference between ~0.5 s and
// ~0.1 s. The keys (28 bytes a name) are freed before this returns.
template<typename NameAt>
std::vector<int> naturalOrder(size_t count, const NameAt &name)
{
    struct Keyed
    {
        NaturalSortKey key;
        int index;
    };
    std::vector<Keyed> keyed(count);
    for (size_t i = 0; i < count; ++i)
        keyed[i] = {NaturalSortKey(name(i)), int(i)};
    // std::sort with the position as the last tie-break gives stable_sort's
    // order without its buffer (half the array again: 14 MB for a million).
    std::sort(keyed.begin(), keyed.end(), [&](const Keyed &a, const Keyed &b) {
        int c = NaturalSortKey::compare(a.key, b.key);
        if (c == 0)
            c = naturalCompare(name(size_t(a.index)), name(size_t(b.index)));
        return c != 0 ? c < 0 : a.index < b.index;
    });
    std::vector<int> order(keyed.size());
    for (size_t i = 0; i < keyed.size(); ++i)
        order[i] = keyed[i].index;
    return order;
}

} // namespace

void ListingLinks::reserve(size_t count)
{
    names->reserve(count);
    linkTypes.reserve(count);
}

bool ListingLinks::add(LinkEntry &&e)
{
    const size_t position = linkTypes.size();
    if (position >= size_t(std::numeric_limits<int>::max()) || !names->append(e.name))
        return false;
    if (!creationOrders.empty() || e.creationOrder >= 0) {
        if (creationOrders.empty()) { // the first link that has one: none before it had
            creationOrders.reserve(linkTypes.capacity());
            creationOrders.assign(position, -1);
        }
        creationOrders.push_back(e.creationOrder);
    }
    linkTypes.push_back(e.linkType);
    if (e.linkType != LinkType::Hard || e.kind != ObjectKind::Unknown || !e.target.isEmpty() || !e.targetFile.isEmpty()
        || !e.problem.isEmpty()) {
        e.name = QString(); // in the store already
        rare.emplace_back(quint32(position), std::move(e));
    }
    return true;
}

const LinkEntry *ListingLinks::rareEntry(size_t position) const
{
    const auto it = std::lower_bound(rare.begin(), rare.end(), position,
                                     [](const std::pair<quint32, LinkEntry> &r, size_t p) { return r.first < p; });
    return it != rare.end() && it->first == position ? &it->second : nullptr;
}

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
        const std::vector<int> order = naturalOrder(entries.size(), [&](size_t i) { return QStringView(entries[i].name); });
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
        if (m_sink.makeRows) {
            ListingLinks links;
            links.reserve(entries.size());
            for (LinkEntry &e : entries)
                links.add(std::move(e)); // already in order; a store of 200 names is never full
            links.names->squeeze();
            std::vector<int> order(links.size());
            std::iota(order.begin(), order.end(), 0);
            complete.rows = m_sink.makeRows(links, order, std::vector<bool>(order.size(), false));
        }
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
    // resumes an iteration by walking up to the index anyway, and the
    // preview's few links cost nothing to list twice. The links are kept in
    // compact form (ListingLinks: the names in one store, no LinkEntry each)
    // and sorted; only then are the rows made, in their final order, and the
    // sort's keys are gone by then: the names, the keys and the rows are
    // never all alive at once (at a million members each is tens of MB).
    // It still stops promptly on cancel.
    ListingLinks links;
    std::vector<quint64> addresses;
    bool full = false;
    HierarchyReader::LinkVisitor visitor;
    visitor.expect = [&](quint64 count) {
        links.reserve(size_t(count));
        addresses.reserve(size_t(count));
    };
    visitor.visit = [&](LinkEntry &&e) {
        if (addresses.size() == links.size())
            addresses.push_back(HierarchyReader::NoAddress); // not from the listing
        full = full || !links.add(std::move(e));
        if (full)
            addresses.resize(links.size());
    };
    visitor.address = [&](quint64 address) { addresses.push_back(address); };
    auto batch = m_reader.listLinks(m_path, ChildOrder::Name, 0, std::numeric_limits<quint64>::max(),
                                    context.cancelFlag(), visitor);
    if (!batch || full) {
        const Error e = !batch ? batch.error()
                               : Error::make(ErrorCode::Unsupported, QStringLiteral("The group \u201c%1\u201d has too many members to list.").arg(m_path));
        if (e.code != ErrorCode::Cancelled)
            context.post([sink = m_sink, e] { sink.failed(e); });
        return false;
    }
    std::vector<LinkEntry> preview = std::move(m_entries);
    m_entries = {};

    // The preview is the first links of the same iteration: its rows are the
    // ones the receiver has already (kinds resolved), found by name.
    const size_t listed = links.size();
    std::vector<int> previewOf; // preview index of position src, -1 for the rest
    if (!preview.empty()) {
        QHash<QString, int> byName;
        byName.reserve(qsizetype(preview.size()));
        for (size_t i = 0; i < preview.size(); ++i)
            byName.insert(preview[i].name, int(i));
        std::vector<bool> placed(preview.size(), false);
        previewOf.assign(listed, -1);
        const size_t scan = std::min<size_t>(listed, size_t(std::max<quint64>(m_cursor, preview.size())));
        for (size_t src = 0; src < scan; ++src) {
            const auto it = byName.constFind(links.names->at(src).toString());
            if (it == byName.constEnd() || placed[size_t(*it)])
                continue;
            placed[size_t(*it)] = true;
            previewOf[src] = *it;
        }
        // Only if the group changed under us: keep what the view already shows.
        for (size_t i = 0; i < preview.size(); ++i) {
            if (!placed[i] && links.add(LinkEntry(preview[i]))) { // a row that is dropped below
                previewOf.push_back(int(i));
                addresses.push_back(HierarchyReader::NoAddress);
            }
        }
    }

    if (links.size() - std::min(links.size(), preview.size()) >= FixedCacheFrom) {
        // A small metadata cache, fixed, for the kinds. Kinds are read by
        // address (see kindStep): each member's object header is read once
        // and never again, and the group's index is not searched, so caching
        // does not save reads. But HDF5 1.10 keeps every cached header under
        // its own tag in skip lists whose upkeep grows with the number of
        // entries: with 20 MB, a million kinds took 10.5 s (1.9x HDF5's own
        // loop), with 1 MB 6.1 s, with 256 KB 4.7 s (0.85x). Other jobs
        // reading the file meanwhile (the grid) still have room for a
        // dataset's index nodes; the file's own configuration comes back when
        // kinds are done. Fixed now, before the sort and the rows: what the
        // cache held after iterating the group (50 MB at a million members)
        // is given back before they take their memory.
        m_reader.useFixedMetadataCache(FixedCacheBytes);
        m_fixedCache = true;
        // The cache shrinks when it next loads something: one member's kind
        // (a header the listing did not read), resolved now and again later.
        const auto unread = std::find_if(addresses.begin(), addresses.end(),
                                         [](quint64 a) { return a != HierarchyReader::NoAddress; });
        if (unread != addresses.end()) {
            const size_t position = size_t(unread - addresses.begin());
            LinkEntry one;
            one.name = links.names->at(position).toString();
            one.linkType = links.linkTypes[position];
            m_reader.resolveKinds(m_path, std::span(&one, 1), std::span(&*unread, 1));
        }
        HierarchyReader::releaseLibraryMemory(); // what the cache let go, from HDF5's free lists
        releaseFreedMemory();
    }

    std::vector<int> order;
    const bool byCreation = m_order == ChildOrder::CreationOrder && !links.creationOrders.empty()
                            && std::all_of(links.creationOrders.begin(), links.creationOrders.end(),
                                           [](qint64 c) { return c >= 0; });
    if (byCreation) {
        order.resize(links.size());
        std::iota(order.begin(), order.end(), 0);
        const std::vector<qint64> &creation = links.creationOrders;
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return creation[size_t(a)] < creation[size_t(b)]; });
    } else {
        const ListingNames &names = *links.names;
        order = naturalOrder(links.size(), [&](size_t i) { return names.at(i); });
    }

    // What kind resolution needs later, by position in the file's order: the
    // rows, and the queue of positions (the preview's kinds are known).
    const size_t count = links.size();
    std::vector<int> previewRows(preview.size(), -1);
    std::vector<bool> drop(count, false);
    m_rowOf.assign(count, -1);
    std::vector<int> top; // positions of the first TopRows rows to resolve, by row
    for (size_t row = 0; row < order.size(); ++row) {
        const size_t src = size_t(order[row]);
        const int p = previewOf.empty() ? -1 : previewOf[src];
        m_rowOf[src] = int(row);
        if (p >= 0) {
            previewRows[size_t(p)] = int(row);
            drop[row] = true;
        } else if (top.size() < size_t(TopRows)) {
            top.push_back(int(src));
        }
    }
    // The queue: the top rows first (in row order), then the rest in the
    // file's order.
    m_queue.reserve(count - preview.size());
    m_queue.assign(top.begin(), top.end());
    std::vector<bool> queued(count, false);
    for (int src : top)
        queued[size_t(src)] = true;
    for (size_t src = 0; src < count; ++src)
        if (!queued[src] && (previewOf.empty() || previewOf[src] < 0))
            m_queue.push_back(int(src));
    queued = {};
    top = {};
    previewOf = {};
    preview = {};

    ListingComplete complete;
    links.names->squeeze(); // the rows point into it from here on: never written again
    if (m_sink.makeRows)
        complete.rows = m_sink.makeRows(links, order, drop);
    order = {};
    drop = {};
    m_names = std::move(links.names);
    m_linkTypes = std::move(links.linkTypes);
    m_addresses = std::move(addresses);
    links = {};
    releaseFreedMemory();
    complete.previewRows = std::move(previewRows);
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
    std::vector<quint64> addresses(end - begin);
    for (size_t k = begin; k < end; ++k) {
        const size_t src = size_t(m_queue[k]);
        LinkEntry &e = toResolve[k - begin];
        e.name = m_names->at(src).toString();
        e.linkType = m_linkTypes[src];
        addresses[k - begin] = m_addresses[src];
    }
    // By the addresses the listing saw: HDF5's own loop looks every member
    // up by name inside its iteration; after it, by name, each lookup
    // searched the group's index again (in a dense group, a read of the
    // fractal heap block holding the link), most of the cost.
    m_reader.resolveKinds(m_path, toResolve, addresses);

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
    m_names.reset();
    m_linkTypes = {};
    m_addresses = {};
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
