// HierarchyModel, continued: a group's listing results arriving from its
// GroupListingJob (the first rows, the complete listing inserted a slice at a
// time, the kinds). See hierarchymodel.cpp for the rest of the model.

#include "models/hierarchymodel.h"

#include "models/grouplistingjob.h"
#include "models/hierarchynode.h"
#include "models/hierarchyreveal.h"
#include "models/listingnames.h"

#include <QTimer>

#include <algorithm>
#include <limits>
#include <numeric>

namespace hs::core {

std::unique_ptr<HierarchyModel::Node> HierarchyModel::makeNode(Node *parent, const LinkEntry &entry, QStringView name, int row)
{
    // A million rows cost a million of these: keep an eye on the size.
    static_assert(sizeof(void *) != 8 || sizeof(Node) <= 56);
    auto n = std::make_unique<Node>();
    n->parent = parent;
    n->row = row;
    n->link.assign(entry);
    n->link.setName(name);
    return n;
}

void HierarchyModel::applyPreview(const QPersistentModelIndex &group, quint64 generation, ListingPreview preview)
{
    Node *node = nodeOf(group);
    if (!node || node->generation() != generation || preview.entries.empty())
        return;
    Node::Rows &children = node->listing().children;
    Q_ASSERT(children.empty());
    auto names = std::make_shared<ListingNames>();
    for (const LinkEntry &e : preview.entries)
        names->append(e.name); // a few hundred: never full
    names->squeeze();
    node->listing().names.push_back(names);
    beginInsertRows(group, 0, int(preview.entries.size()) - 1);
    children.reserve(preview.entries.size());
    for (const LinkEntry &e : preview.entries)
        children.push_back(makeNode(node, e, names->at(children.size()), int(children.size())));
    node->state = ListState::Partial;
    endInsertRows();
    m_reveal->advance();
}

std::shared_ptr<ListingRows> HierarchyModel::makeRows(Node *parent, const ListingLinks &links, const std::vector<int> &order,
                                                      const std::vector<bool> &drop)
{
    // On the listing job's thread: `parent` is only stored, never read.
    auto rows = std::make_shared<ListingRows>();
    rows->names = links.names;
    rows->rows.resize(order.size());
    LinkEntry scratch; // a plain hard link, kind unknown: most rows
    for (size_t r = 0; r < order.size(); ++r) {
        if (drop[r])
            continue;
        const size_t src = size_t(order[r]);
        const LinkEntry *e = links.rareEntry(src);
        if (!e) {
            scratch.linkType = links.linkTypes[src];
            scratch.creationOrder = links.creationOrder(src);
            e = &scratch;
        }
        rows->rows[r] = makeNode(parent, *e, links.names->at(src), int(r));
    }
    return rows;
}

void HierarchyModel::applyComplete(const QPersistentModelIndex &group, quint64 generation, ListingComplete complete)
{
    Node *node = nodeOf(group);
    if (!node || node->generation() != generation)
        return;
    Node::Rows &children = node->listing().children;
    std::shared_ptr<ListingRows> rows = std::move(complete.rows);
    Q_ASSERT(rows); // the sink made them (startListing)
    const std::vector<int> &previewRows = complete.previewRows;
    Q_ASSERT(previewRows.size() == children.size());

    // The preview's rows keep their place among the new ones: the preview was
    // sorted by the same rule, so its rows normally stand in the order of their
    // final rows already and the rest is only inserted around them. If not
    // (the group changed in between), one layout change over those few rows.
    if (!std::is_sorted(previewRows.begin(), previewRows.end())) {
        Q_EMIT layoutAboutToBeChanged({group}, QAbstractItemModel::VerticalSortHint);
        std::vector<int> byFinal(previewRows.size());
        std::iota(byFinal.begin(), byFinal.end(), 0);
        std::sort(byFinal.begin(), byFinal.end(), [&](int a, int b) { return previewRows[size_t(a)] < previewRows[size_t(b)]; });
        std::vector<std::unique_ptr<Node>> sorted;
        sorted.reserve(byFinal.size());
        for (int i : byFinal)
            sorted.push_back(std::move(children[size_t(i)]));
        children = std::move(sorted);
        QModelIndexList from, to;
        const QModelIndexList persistent = persistentIndexList();
        for (size_t r = 0; r < children.size(); ++r)
            children[r]->row = int(r);
        for (const QModelIndex &p : persistent) {
            Node *n = nodeOf(p);
            if (n && n->parent == node) {
                from << p;
                to << createIndex(n->row, p.column(), n);
            }
        }
        changePersistentIndexList(from, to);
        Q_EMIT layoutChanged({group}, QAbstractItemModel::VerticalSortHint);
    }
    for (int r : previewRows)
        Q_ASSERT(!rows->rows[size_t(r)]);
    node->listing().names.push_back(rows->names);
    rows->next = 0;
    children.reserve(rows->rows.size()); // inserts in slices would grow it by doubling
    node->listing().pending = std::move(rows);
    insertSlice(node);
}

void HierarchyModel::insertSlice(Node *node)
{
    // A handler of rowsInserted may close the file or list the group again
    // (a new order): then this node, or its pending rows, are gone.
    Node::Listing &listing = node->listing();
    const std::shared_ptr<ListingRows> keep = listing.pending;
    Node::Rows &children = listing.children;
    ListingRows &p = *keep;
    const QPersistentModelIndex group(indexOf(node));
    const quint64 gen = node->generation();
    const auto stillOurs = [&] { return nodeOf(group) == node && node->generation() == gen && node->pending() == keep.get(); };
    size_t budget = size_t(SliceRows);
    while (budget > 0 && p.next < p.rows.size()) {
        if (!p.rows[p.next]) {
            // A preview row: the model has it at this row already.
            Q_ASSERT(p.next < children.size() && size_t(children[p.next]->row) == p.next);
            ++p.next;
            continue;
        }
        size_t end = p.next;
        while (end < p.rows.size() && p.rows[end] && end - p.next < budget)
            ++end;
        beginInsertRows(group, int(p.next), int(end) - 1);
        children.insert(children.begin() + qsizetype(p.next), std::make_move_iterator(p.rows.begin() + qsizetype(p.next)),
                              std::make_move_iterator(p.rows.begin() + qsizetype(end)));
        // Preview rows after the gap moved down (a few hundred at most).
        for (size_t r = end; r < children.size(); ++r)
            children[r]->row = int(r);
        if (node->state == ListState::Listing)
            node->state = ListState::Partial;
        budget -= end - p.next;
        p.next = end;
        endInsertRows();
        if (!stillOurs())
            return;
    }
    if (p.next < p.rows.size()) {
        // The next slice after the event loop has had its turn (paint, input).
        QTimer::singleShot(0, this, [this, g = group, gen] {
            Node *n = nodeOf(g);
            if (n && n->generation() == gen && n->pending())
                insertSlice(n);
        });
        m_reveal->advance();
        return;
    }
    listing.pending.reset();
    finishListing(node);
}

void HierarchyModel::finishListing(Node *node)
{
    const QModelIndex group = indexOf(node);
    node->state = ListState::Listed;
    if (node->children().empty())
        Q_EMIT dataChanged(group, group); // the expansion arrow goes away
    Q_EMIT listingFinished(group);
    m_reveal->advance();
}

void HierarchyModel::applyKinds(const QPersistentModelIndex &group, quint64 generation, ListingKinds update)
{
    Node *node = nodeOf(group);
    if (!node || node->generation() != generation || update.kinds.empty())
        return;
    // Rows still waiting to be inserted get their kind without a signal.
    const ListingRows *pending = node->pending();
    const size_t inserted = pending ? pending->next : node->children().size();
    std::vector<int> changed; // inserted rows whose kind was set
    changed.reserve(update.rows.size());
    for (size_t i = 0; i < update.rows.size(); ++i) {
        const size_t r = size_t(update.rows[i]);
        Node *child = nullptr;
        if (r < inserted) {
            child = node->children()[r].get();
            changed.push_back(int(r));
        } else if (pending && r < pending->rows.size()) {
            child = pending->rows[r].get();
        }
        if (!child)
            continue;
        auto &[kind, problem] = update.kinds[i];
        if (child->link.kind == ObjectKind::Unknown && kind == ObjectKind::Group)
            node->listing().kindsPending = true;
        child->link.kind = kind;
        child->link.setProblem(std::move(problem));
    }
    // One signal per run of adjacent rows, not one over the span: the rows
    // come in the file's order, scattered over the group, and QTreeView
    // measures every row of a changed span again (30 s for a million rows).
    std::sort(changed.begin(), changed.end());
    for (size_t i = 0; i < changed.size();) {
        size_t j = i + 1;
        while (j < changed.size() && changed[j] == changed[j - 1] + 1)
            ++j;
        Q_EMIT dataChanged(index(changed[i], 0, group), index(changed[j - 1], ColumnCount - 1, group));
        i = j;
    }
    m_reveal->advance();
}

} // namespace hs::core
