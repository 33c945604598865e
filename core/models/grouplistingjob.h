#pragma once

#include "jobs/job.h"
#include "model/nodetypes.h"
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
struct ListingRows;        // the receiver's own rows, made through ListingSink::addRow
struct ListingComplete     // every link, sorted; kinds known only for preview rows
{
    // What the sink's newRows / addRow / arrangeRows made of the links (null
    // without them): by row, null where the preview's row is.
    std::shared_ptr<ListingRows> rows;
    std::vector<int> previewRows; // new row of preview entry i (empty without a preview)
};
struct ListingKinds        // kinds for some rows of the sorted listing
{
    std::vector<int> rows; // row of kinds[i]; not necessarily ascending
    std::vector<std::pair<ObjectKind, QString>> kinds; // kind, problem
};

struct ListingSink
{
    std::function<void(ListingPreview)> preview;
    std::function<void(ListingComplete)> complete;
    std::function<void(ListingKinds)> kinds;
    std::function<void(Error)> failed;
    // Optional; run on the job's thread (never touching anything the
    // receiver's thread uses), so that the receiver's thread only has to
    // insert the rows. The rows are made as the links are read, without a
    // full list of links first: newRows() makes the container, reserveRows
    // (optional) gets the count when it is known, addRow appends one link's
    // row (in the file's order), arrangeRows puts them in the listing's
    // order (row r = the row added r-th in `order`) and drops those marked
    // in `drop` (the links the receiver already has: the preview's).
    std::function<std::shared_ptr<ListingRows>()> newRows;
    std::function<void(ListingRows &rows, quint64 expected)> reserveRows;
    std::function<void(ListingRows &rows, LinkEntry &&entry)> addRow;
    std::function<void(ListingRows &rows, const std::vector<int> &order, const std::vector<bool> &drop)> arrangeRows;
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
    // By position in the file's order: the names (shared with the model's
    // rows; emptied once a kind is known), link types and rows, and the
    // queue of the positions whose kinds are resolved, in that order.
    std::vector<QString> m_names;
    std::vector<LinkType> m_linkTypes;
    std::vector<quint64> m_addresses; // of hard links' objects, by position (HierarchyReader::NoAddress if not known)
    std::vector<int> m_rowOf;
    std::vector<int> m_queue;
    size_t m_nextQueued = 0;
    bool m_fixedCache = false; // the metadata cache is fixed while kinds are resolved
};

} // namespace hs::core
