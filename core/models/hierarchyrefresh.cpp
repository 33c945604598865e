// HierarchyModel, continued: the rows follow the file's session. After an edit
// (or its undo) the session says which groups' members changed, which objects
// changed, moved or went; the model lists such a group again in the background
// and inserts or removes only the difference, so the rows that stay keep their
// expansion, selection and details. See hierarchymodel.cpp for the rest.

#include "models/hierarchymodel.h"

#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "models/grouplistingjob.h"
#include "models/hierarchynode.h"
#include "models/listingnames.h"
#include "session/filesession.h"

#include <QHash>

#include <limits>

namespace hs::core {

namespace {

// A row stays when its link is the same link: same name, type and target.
bool sameLink(const RowLink &row, const LinkEntry &e)
{
    return row.nameView() == e.name && row.linkType == e.linkType && row.target() == e.target && row.targetFile() == e.targetFile;
}

QString parentPath(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

} // namespace

void HierarchyModel::followSession(const H5File *file)
{
    FileSession *session = FileSession::of(file);
    if (!session)
        return;
    // `file` is only a key: the row is looked up again on every signal (the
    // file may have been closed in between).
    connect(session, &FileSession::membersChanged, this, [this, file](const QString &g) { refreshMembers(file, g); });
    connect(session, &FileSession::objectChanged, this, [this, file](const QString &p) {
        if (Node *n = nodeAt(file, p))
            forgetDetails(n);
    });
    connect(session, &FileSession::objectRemoved, this, [this, file](const QString &p) {
        if (Node *n = nodeAt(file, p); n && n->parent)
            removeNode(n);
    });
    connect(session, &FileSession::objectMoved, this,
            [this, file](const QString &from, const QString &to) { moveNode(file, from, to); });
    connect(session, &FileSession::modeChanged, this, [this, file] {
        if (FileRoot *root = rootFor(file))
            Q_EMIT dataChanged(indexOf(root, 0), indexOf(root, ColumnCount - 1));
    });
}

HierarchyModel::FileRoot *HierarchyModel::rootFor(const H5File *file) const
{
    for (const auto &f : m_files)
        if (f->file.get() == file)
            return f.get();
    return nullptr;
}

HierarchyModel::Node *HierarchyModel::nodeAt(const H5File *file, const QString &path) const
{
    Node *node = rootFor(file);
    if (!node)
        return nullptr;
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &name : parts) {
        node = node->childNamed(name);
        if (!node)
            return nullptr;
    }
    return node;
}

void HierarchyModel::forgetDetails(Node *node)
{
    // Read again when a view next shows the row.
    node->detailsLoaded = false;
    node->detailsRequested = false;
    if (node->parent)
        node->details() = Node::Details{};
    Q_EMIT dataChanged(indexOf(node, 0), indexOf(node, ColumnCount - 1));
}

void HierarchyModel::listAgain(Node *node)
{
    Node::Listing &listing = node->listing();
    delete listing.job.data();
    listing.pending.reset();
    if (!listing.children.empty()) {
        beginRemoveRows(indexOf(node), 0, int(listing.children.size()) - 1);
        listing.children.clear();
        endRemoveRows();
    }
    node->state = ListState::NotListed;
    startListing(node);
}

void HierarchyModel::refreshMembers(const H5File *file, const QString &groupPath)
{
    Node *node = nodeAt(file, groupPath);
    if (!node || !isGroupLike(node))
        return;
    if (node->parent)
        forgetDetails(node); // its member count
    switch (node->state) {
    case ListState::NotListed:
        return; // listed when a view opens it, as it is then
    case ListState::Listing:
    case ListState::Partial:
        if (node->hasJob() || node->pending()) {
            // A listing under way saw the group before the change or after it:
            // start over rather than merge with rows still to come.
            listAgain(node);
            return;
        }
        break;
    case ListState::Listed:
    case ListState::Failed:
        break;
    }

    if (node->children().size() > size_t(SliceRows)) {
        listAgain(node); // see applyRefresh: too many rows to compare on the GUI thread
        return;
    }

    node->listing().generation = ++m_generation;
    const quint64 gen = node->generation();
    const QPersistentModelIndex group(indexOf(node));
    const H5FilePtr filePtr = node->root()->file;
    const ChildOrder order = m_order;
    const FileSession *session = FileSession::of(filePtr);
    const quint64 fileGen = session ? session->generation() : 0;
    auto job = std::make_unique<FunctionJob>(tr("Listing %1").arg(groupPath), [this, filePtr, groupPath, order, group, gen, fileGen](JobContext &ctx) {
        HierarchyReader reader(filePtr);
        auto batch = reader.listLinks(groupPath, order, 0, std::numeric_limits<quint64>::max(), ctx.cancelFlag());
        if (!batch || ctx.isCancelled())
            return;
        std::vector<LinkEntry> entries = std::move(batch->entries);
        for (size_t i = 0; i < entries.size() && !ctx.isCancelled(); i += GroupListingJob::KindBatch)
            reader.resolveKinds(groupPath, std::span<LinkEntry>(entries).subspan(i, std::min(GroupListingJob::KindBatch, entries.size() - i)));
        GroupListingJob::sortEntries(entries, order);
        ctx.post([this, group, gen, fileGen, entries = std::move(entries)]() mutable {
            applyRefresh(group, gen, fileGen, std::move(entries));
        });
    });
    JobTicket *ticket = JobRunner::instance().start(std::move(job), this);
    connect(ticket, &JobTicket::finished, ticket, &QObject::deleteLater);
}

void HierarchyModel::applyRefresh(const QPersistentModelIndex &group, quint64 generation, quint64 fileGeneration,
                                  std::vector<LinkEntry> entries)
{
    Node *node = nodeOf(group);
    if (!node || node->generation() != generation || node->hasJob() || node->pending())
        return;
    // The listing may have seen a write whose change signals have not reached
    // the rows yet (a rename listed as "gone + new" would drop the renamed
    // row's members before its move arrives): list again once the writes are
    // in and the rows know them.
    if (FileSession *session = FileSession::of(node->root()->file);
        session && (session->pendingWrites() > 0 || session->generation() != fileGeneration)) {
        const H5File *file = node->root()->file.get();
        const QPersistentModelIndex again = group;
        const auto relist = [this, file, again] {
            if (Node *n = nodeOf(again))
                refreshMembers(file, pathOf(n));
        };
        if (session->pendingWrites() > 0)
            connect(session, &FileSession::writeFinished, this, relist, Qt::SingleShotConnection);
        else
            relist();
        return;
    }
    Node::Rows &children = node->listing().children;
    // A group of many rows: comparing them would hold the GUI thread past a
    // frame; list it again instead, a slice at a time (its rows' expansion goes).
    if (children.size() + entries.size() > size_t(SliceRows)) {
        listAgain(node);
        return;
    }

    // Rows whose link is gone (or now names something else) go, in runs.
    QHash<QString, const LinkEntry *> byName;
    byName.reserve(qsizetype(entries.size()));
    for (const LinkEntry &e : entries)
        byName.insert(e.name, &e);
    for (int r = int(children.size()) - 1; r >= 0;) {
        const auto gone = [&](int row) {
            const LinkEntry *e = byName.value(children[size_t(row)]->link.name());
            return !e || !sameLink(children[size_t(row)]->link, *e);
        };
        if (!gone(r)) {
            --r;
            continue;
        }
        int first = r;
        while (first > 0 && gone(first - 1))
            --first;
        beginRemoveRows(group, first, r);
        children.erase(children.begin() + first, children.begin() + r + 1);
        for (size_t i = size_t(first); i < children.size(); ++i)
            children[i]->row = int(i);
        endRemoveRows();
        r = first - 1;
    }

    // The rows that stay are in the listing's order already (same rule), so the
    // new ones are merged in between; if not (an order that changed under the
    // rows), the group is listed from scratch.
    QHash<QString, size_t> rowOf;
    rowOf.reserve(qsizetype(children.size()));
    for (size_t r = 0; r < children.size(); ++r)
        rowOf.insert(children[r]->link.name(), r);
    size_t expected = 0;
    for (const LinkEntry &e : entries) {
        const auto it = rowOf.constFind(e.name);
        if (it == rowOf.constEnd())
            continue;
        if (*it != expected) {
            listAgain(node);
            return;
        }
        ++expected;
    }
    size_t p = 0;
    size_t j = 0;
    while (j < entries.size()) {
        if (p < children.size() && children[p]->link.nameView() == entries[j].name) {
            Node *kept = children[p].get();
            if (kept->link.kind != entries[j].kind || kept->link.problem() != entries[j].problem) {
                kept->link.assign(entries[j]);
                forgetDetails(kept);
            }
            ++p;
            ++j;
            continue;
        }
        size_t end = j;
        while (end < entries.size() && !(p < children.size() && children[p]->link.nameView() == entries[end].name))
            ++end;
        const int count = int(end - j);
        // The new rows' names live in a store of their own, kept with the group's.
        auto names = std::make_shared<ListingNames>();
        for (size_t k = j; k < end; ++k)
            names->append(entries[k].name);
        names->squeeze();
        node->listing().names.push_back(names);
        beginInsertRows(group, int(p), int(p) + count - 1);
        std::vector<std::unique_ptr<Node>> added;
        added.reserve(size_t(count));
        for (size_t k = j; k < end; ++k)
            added.push_back(makeNode(node, entries[k], names->at(k - j), 0));
        children.insert(children.begin() + qsizetype(p), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
        for (size_t i = p; i < children.size(); ++i)
            children[i]->row = int(i);
        endInsertRows();
        p += size_t(count);
        j = end;
    }
    node->state = ListState::Listed;
    Q_EMIT dataChanged(indexOf(node, 0), indexOf(node, ColumnCount - 1)); // the arrow, the member count
    Q_EMIT listingFinished(group);
}

void HierarchyModel::removeNode(Node *node)
{
    Node *parent = node->parent;
    if (parent->pending())
        return; // still being inserted: the listing starts over on membersChanged
    Node::Rows &children = parent->listing().children;
    const int row = node->row;
    beginRemoveRows(indexOf(parent), row, row);
    children.erase(children.begin() + row);
    for (size_t i = size_t(row); i < children.size(); ++i)
        children[i]->row = int(i);
    endRemoveRows();
}

void HierarchyModel::moveNode(const H5File *file, const QString &from, const QString &to)
{
    Node *node = nodeAt(file, from);
    if (!node || !node->parent)
        return;
    Node *target = nodeAt(file, parentPath(to));
    const QString newName = to.section(QLatin1Char('/'), -1);
    // The row itself moves when its new group is listed (and settled): it
    // keeps its members, expansion and selection. Otherwise it goes, and the
    // new group shows it when listed.
    if (!target || !isGroupLike(target) || target->state != ListState::Listed || target->hasJob() || target->pending()
        || node->parent->pending() || target->childNamed(newName)) {
        removeNode(node);
        return;
    }
    // Where the renamed row belongs among the target's rows, by the listing's rule.
    const Node::Rows &rows = target->children();
    std::vector<LinkEntry> keys;
    keys.reserve(rows.size() + 1);
    for (const auto &c : rows)
        if (c.get() != node) {
            keys.push_back(c->link.entry());
            keys.back().target = QString::number(keys.size() - 1);
        }
    LinkEntry moved = node->link.entry();
    moved.name = newName;
    moved.target = QStringLiteral("new");
    keys.push_back(moved);
    GroupListingJob::sortEntries(keys, m_order);
    int dest = 0;
    while (keys[size_t(dest)].target != QLatin1String("new"))
        ++dest;

    Node *source = node->parent;
    const int srcRow = node->row;
    // beginMoveRows counts the destination before the row is taken out.
    const int destRow = source == target && dest >= srcRow ? dest + 1 : dest;
    // The new name lives in a store of the target group's (the source's
    // stores may go with its next listing).
    auto names = std::make_shared<ListingNames>();
    names->append(newName);
    names->squeeze();
    target->listing().names.push_back(names);
    if (source == target && (destRow == srcRow || destRow == srcRow + 1)) {
        node->link.setName(names->at(0));
        Q_EMIT dataChanged(indexOf(node, 0), indexOf(node, ColumnCount - 1));
        return;
    }
    if (!beginMoveRows(indexOf(source), srcRow, srcRow, indexOf(target), destRow)) {
        removeNode(node);
        return;
    }
    Node::Rows &srcRows = source->listing().children;
    std::unique_ptr<Node> owned = std::move(srcRows[size_t(srcRow)]);
    srcRows.erase(srcRows.begin() + srcRow);
    owned->link.setName(names->at(0));
    owned->parent = target;
    Node::Rows &dstRows = target->listing().children;
    dstRows.insert(dstRows.begin() + dest, std::move(owned));
    for (size_t i = 0; i < srcRows.size(); ++i)
        srcRows[i]->row = int(i);
    for (size_t i = 0; i < dstRows.size(); ++i)
        dstRows[i]->row = int(i);
    endMoveRows();
    Node *movedNode = dstRows[size_t(dest)].get();
    Q_EMIT dataChanged(indexOf(movedNode, 0), indexOf(movedNode, ColumnCount - 1));
}

} // namespace hs::core
