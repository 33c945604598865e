#include "models/grouplistingjob.h"

#include "jobs/jobcontext.h"
#include "model/naturalsort.h"

#include <algorithm>
#include <numeric>

namespace hs::core {

GroupListingJob::GroupListingJob(H5FilePtr file, QString groupPath, ChildOrder order, ListingSink sink)
    : m_reader(std::move(file)), m_path(std::move(groupPath)), m_order(order), m_sink(std::move(sink))
{
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
        std::stable_sort(entries.begin(), entries.end(),
                         [](const LinkEntry &a, const LinkEntry &b) { return naturalCompare(a.name, b.name) < 0; });
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
        context.post([sink = m_sink, entries = std::move(entries)]() mutable {
            sink.complete(ListingComplete{std::move(entries), {}});
        });
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
    // Names only: one pass over the rest. HDF5 iteration resumes from an index,
    // and for large "dense" groups each resume rebuilds a table of all links,
    // so this is one call; it still stops promptly on cancel.
    auto batch = m_reader.listLinks(m_path, ChildOrder::Name, m_cursor, std::numeric_limits<quint64>::max(),
                                    context.cancelFlag());
    if (!batch) {
        if (batch.error().code != ErrorCode::Cancelled)
            context.post([sink = m_sink, e = batch.error()] { sink.failed(e); });
        return false;
    }
    std::vector<LinkEntry> preview = std::move(m_entries);
    std::vector<LinkEntry> all = std::move(batch.value().entries);
    const size_t previewCount = preview.size();
    // Preview entries go first, so index < previewCount identifies them after sorting.
    all.insert(all.begin(), std::make_move_iterator(preview.begin()), std::make_move_iterator(preview.end()));

    std::vector<int> order(all.size());
    std::iota(order.begin(), order.end(), 0);
    const bool byCreation = m_order == ChildOrder::CreationOrder
                            && std::all_of(all.begin(), all.end(), [](const LinkEntry &e) { return e.creationOrder >= 0; });
    if (byCreation)
        std::stable_sort(order.begin(), order.end(),
                         [&](int a, int b) { return all[size_t(a)].creationOrder < all[size_t(b)].creationOrder; });
    else
        std::stable_sort(order.begin(), order.end(),
                         [&](int a, int b) { return naturalCompare(all[size_t(a)].name, all[size_t(b)].name) < 0; });

    std::vector<LinkEntry> sorted;
    sorted.reserve(all.size());
    std::vector<int> previewRows(previewCount, -1);
    for (size_t row = 0; row < order.size(); ++row) {
        const int src = order[row];
        if (size_t(src) < previewCount)
            previewRows[size_t(src)] = int(row);
        else
            m_unresolved.push_back(int(row));
        sorted.push_back(std::move(all[size_t(src)]));
    }
    m_entries = sorted; // kept for kind resolution (names and link types)
    context.setProgress(0, qint64(m_unresolved.size()));
    context.post([sink = m_sink, sorted = std::move(sorted), previewRows = std::move(previewRows)]() mutable {
        sink.complete(ListingComplete{std::move(sorted), std::move(previewRows)});
    });
    m_stage = 2;
    return !m_unresolved.empty();
}

bool GroupListingJob::kindStep(JobContext &context)
{
    // Rows are resolved top-down, in contiguous runs, so the rows a user sees
    // first get their icons first.
    const size_t begin = m_nextUnresolved;
    const size_t end = std::min(m_unresolved.size(), begin + KindBatch);
    if (begin >= end)
        return false;
    const int firstRow = m_unresolved[begin];
    const int lastRow = m_unresolved[end - 1];
    std::vector<LinkEntry> chunk(m_entries.begin() + firstRow, m_entries.begin() + lastRow + 1);
    std::vector<LinkEntry> toResolve;
    std::vector<size_t> where;
    for (size_t i = 0; i < chunk.size(); ++i) {
        if (chunk[i].kind == ObjectKind::Unknown) {
            toResolve.push_back(chunk[i]);
            where.push_back(i);
        }
    }
    m_reader.resolveKinds(m_path, toResolve);
    for (size_t k = 0; k < where.size(); ++k)
        chunk[where[k]] = std::move(toResolve[k]);

    ListingKinds update;
    update.firstRow = firstRow;
    update.kinds.reserve(chunk.size());
    for (const LinkEntry &e : chunk)
        update.kinds.emplace_back(e.kind, e.problem);
    m_nextUnresolved = end;
    context.setProgress(qint64(end), qint64(m_unresolved.size()));
    context.post([sink = m_sink, update = std::move(update)]() mutable { sink.kinds(std::move(update)); });
    return end < m_unresolved.size();
}

} // namespace hs::core
