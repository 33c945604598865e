#pragma once

#include "jobs/job.h"
#include "model/nodetypes.h"
#include "models/listingnames.h"
#include "services/hierarchyreader.h"

#include <functional>
#include <memory>
#include <vector>

namespace hs::core {

// What the listing job publishes, in order. Each is an immutable snapshot the
// model swaps in on its own thread.
struct ListingPreview      // the first few links, kinds resolved, already sorted
{
    std::vector<LinkEntry> entries;
};
struct ListingRows;        // the receiver's own rows, made through ListingSink::makeRows
struct ListingComplete     // every link, sorted; kinds known only for preview rows
{
    // What the sink's makeRows made of the links (null without it): by row,
    // null where the preview's row is.
    std::shared_ptr<ListingRows> rows;
    std::vector<int> previewRows; // new row of preview entry i (empty without a preview)
};
struct ListingKinds        // kinds for some rows of the sorted listing
{
    std::vector<int> rows; // row of kinds[i]; not necessarily ascending
    std::vector<std::pair<ObjectKind, QString>> kinds; // kind, problem
};

// Every link of one listing in compact form, by position in the file's
// order: names in one shared store, a byte for the link type, creation
// indexes only if the group tracks them, and whole entries only for the few
// links that are not plain hard links (targets, problems). About 31 bytes a
// member for a 12-character name (39 if the group tracks creation order),
// instead of a LinkEntry's 112 plus 48 for its name.
struct HYPERSLABCORE_EXPORT ListingLinks
{
    std::shared_ptr<ListingNames> names = std::make_shared<ListingNames>();
    std::vector<LinkType> linkTypes;
    std::vector<qint64> creationOrders; // empty while no link has one
    std::vector<std::pair<quint32, LinkEntry>> rare; // by ascending position; names left empty

    size_t size() const { return linkTypes.size(); }
    void reserve(size_t count);
    bool add(LinkEntry &&entry); // false if the name store is full
    qint64 creationOrder(size_t position) const
    {
        return creationOrders.empty() ? -1 : creationOrders[position];
    }
    const LinkEntry *rareEntry(size_t position) const; // null for a plain hard link
};

struct ListingSink
{
    std::function<void(ListingPreview)> preview;
    std::function<void(ListingComplete)> complete;
    std::function<void(ListingKinds)> kinds;
    std::function<void(Error)> failed;
    // Optional; run on the job's thread (never touching anything the
    // receiver's thread uses), so that the receiver's thread only has to
    // insert the rows. Called once the listing is sorted (the sort's keys
    // already freed): row r is the link at position order[r] of `links`,
    // none where drop[r] (the links the receiver already has: the preview's).
    // The rows may keep `links.names` (shared, never written again).
    std::function<std::shared_ptr<ListingRows>(const ListingLinks &links, const std::vector<int> &order,
                                               const std::vector<bool> &drop)>
        makeRows;
};

// Lists one group in bounded steps: a small first batch (so the first rows show
// at once however large the group is), then every name in one pass, then the
// kinds in batches: first those of the top rows (what a view shows first), then
// the rest in the order the file stores the links, which keeps HDF5's lookups
// by name local (2-3x faster on large groups than in name order). Sorting
// happens here, off the GUI thread.
class HYPERSLABCORE_EXPORT GroupListingJob final : public Job
{
public:
    static constexpr quint64 FirstBatch = 200;
    static constexpr size_t KindBatch = 2000;
    static constexpr int TopRows = 2000; // rows whose kinds come first, in row order
    static constexpr size_t FixedCacheFrom = 50000; // kinds to resolve; see restStep
    static constexpr size_t FixedCacheBytes = size_t(256) << 10; // the metadata cache meanwhile

    GroupListingJob(H5FilePtr file, QString groupPath, ChildOrder order, ListingSink sink);
    ~GroupListingJob() override;
    QString title() const override;
    bool runStep(JobContext &context) override;

    static void sortEntries(std::vector<LinkEntry> &entries, ChildOrder order);

private:
    bool firstStep(JobContext &context);
    bool restStep(JobContext &context);
    bool kindStep(JobContext &context);

    HierarchyReader m_reader;
    QString m_path;
    ChildOrder m_order;
    ListingSink m_sink;
    int m_stage = 0;
    quint64 m_cursor = 0;
    std::vector<LinkEntry> m_entries; // the preview, until the full listing
    // By position in the file's order, while kinds are resolved: the names
    // (shared with the model's rows) and link types, the object addresses,
    // the rows, and the queue of the positions whose kinds are resolved, in
    // that order.
    std::shared_ptr<const ListingNames> m_names;
    std::vector<LinkType> m_linkTypes;
    std::vector<quint64> m_addresses; // of hard links' objects, by position (HierarchyReader::NoAddress if not known)
    std::vector<int> m_rowOf;
    std::vector<int> m_queue;
    size_t m_nextQueued = 0;
    bool m_fixedCache = false; // the metadata cache is fixed while kinds are resolved
};

} // namespace hs::core
