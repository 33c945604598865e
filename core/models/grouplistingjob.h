#pragma once

#include "jobs/job.h"
#include "model/nodetypes.h"
#include "services/hierarchyreader.h"

#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace hs::core {

// What the listing job publishes, in order. Each is an immutable snapshot the
// model swaps in on its own thread.
struct ListingPreview      // the first few links, kinds resolved, already sorted
{
    std::vector<LinkEntry> entries;
};
struct ListingComplete     // every link, sorted; kinds known only for preview rows
{
    std::vector<LinkEntry> entries;
    std::vector<int> previewRows; // new row of preview entry i (empty without a preview)
};
struct ListingKinds        // kinds for rows [firstRow, firstRow + entries.size())
{
    int firstRow = 0;
    std::vector<std::pair<ObjectKind, QString>> kinds; // kind, problem
};

struct ListingSink
{
    std::function<void(ListingPreview)> preview;
    std::function<void(ListingComplete)> complete;
    std::function<void(ListingKinds)> kinds;
    std::function<void(Error)> failed;
};

// Lists one group in bounded steps: a small first batch (so the first rows show
// at once however large the group is), then every name in one pass, then the
// kinds in batches. Sorting happens here, off the GUI thread.
class HYPERSLABCORE_EXPORT GroupListingJob final : public Job
{
public:
    static constexpr quint64 FirstBatch = 200;
    static constexpr size_t KindBatch = 2000;

    GroupListingJob(H5FilePtr file, QString groupPath, ChildOrder order, ListingSink sink);
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
    // While kinds are resolved, by row of the sorted listing: the names (shared
    // with the model's rows) and link types of unresolved rows, the kinds of
    // the preview rows, and which rows are still of Unknown kind (ascending).
    std::vector<QString> m_names;
    std::vector<LinkType> m_linkTypes;
    std::map<int, std::pair<ObjectKind, QString>> m_known;
    std::vector<int> m_unresolved;
    size_t m_nextUnresolved = 0;
};

} // namespace hs::core
