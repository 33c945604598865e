#include "models/hierarchymodel.h"

#include "jobs/jobrunner.h"
#include "models/detailsfetcher.h"
#include "models/freedmemory.h"
#include "models/grouplistingjob.h"
#include "models/hierarchynode.h"
#include "models/hierarchyreveal.h"
#include "model/names.h"

#include <QMimeData>
#include <QUrl>

namespace hs::core {

HierarchyModel::HierarchyModel(QObject *parent)
    : QAbstractItemModel(parent), m_details(std::make_unique<DetailsFetcher>(*this)),
      m_reveal(std::make_unique<HierarchyReveal>(*this))
{
    qRegisterMetaType<hs::core::Error>();
}

HierarchyModel::~HierarchyModel() = default;

// ---- files ----------------------------------------------------------------

QModelIndex HierarchyModel::addFile(H5FilePtr file)
{
    const int row = int(m_files.size());
    beginInsertRows({}, row, row);
    auto root = std::make_unique<FileRoot>();
    root->file = std::move(file);
    root->row = row;
    root->name = root->file->displayName();
    root->link.setName(root->name);
    root->link.kind = ObjectKind::Group;
    const H5File *key = root->file.get();
    m_files.push_back(std::move(root));
    endInsertRows();
    followSession(key); // if the file has a session (the app makes one per open file)
    return index(row, 0);
}

void HierarchyModel::closeFile(const QModelIndex &idx)
{
    Node *node = nodeOf(idx);
    if (!node)
        return;
    FileRoot *root = node->root();
    const int row = root->row;
    m_reveal->dropFile(idx);
    beginRemoveRows({}, row, row);
    m_files.erase(m_files.begin() + row);
    for (size_t i = size_t(row); i < m_files.size(); ++i)
        m_files[i]->row = int(i);
    endRemoveRows();
    releaseFreedMemory(); // the rows of a large file would otherwise stay with the process
    updateBusy();
}

int HierarchyModel::fileCount() const
{
    return int(m_files.size());
}

H5FilePtr HierarchyModel::fileOf(const QModelIndex &idx) const
{
    Node *node = nodeOf(idx);
    return node ? node->root()->file : nullptr;
}

QModelIndex HierarchyModel::fileIndex(int fileRow) const
{
    return index(fileRow, 0);
}

QModelIndex HierarchyModel::fileIndexFor(const QString &absolutePath) const
{
    for (const auto &f : m_files)
        if (f->file->path() == absolutePath)
            return indexOf(f.get());
    return {};
}

// ---- structure --------------------------------------------------------------

HierarchyModel::Node *HierarchyModel::nodeOf(const QModelIndex &idx) const
{
    if (!idx.isValid() || idx.model() != this)
        return nullptr;
    return static_cast<Node *>(idx.internalPointer());
}

QModelIndex HierarchyModel::indexOf(const Node *node, int column) const
{
    if (!node)
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

HierarchyModel::FileRoot *HierarchyModel::rootOf(const Node *node) const
{
    return node ? node->root() : nullptr;
}

QString HierarchyModel::pathOf(const Node *node) const
{
    return node ? node->path() : QStringLiteral("/");
}

bool HierarchyModel::isGroupLike(const Node *node) const
{
    return node && (!node->parent || node->link.kind == ObjectKind::Group);
}

QModelIndex HierarchyModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid()) {
        if (size_t(row) >= m_files.size())
            return {};
        return createIndex(row, column, static_cast<Node *>(m_files[size_t(row)].get()));
    }
    Node *p = nodeOf(parent);
    if (!p || parent.column() != 0 || size_t(row) >= p->children().size())
        return {};
    return createIndex(row, column, p->children()[size_t(row)].get());
}

QModelIndex HierarchyModel::parent(const QModelIndex &child) const
{
    Node *node = nodeOf(child);
    if (!node || !node->parent)
        return {};
    return indexOf(node->parent);
}

int HierarchyModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_files.size());
    if (parent.column() != 0)
        return 0;
    Node *node = nodeOf(parent);
    return node ? int(node->children().size()) : 0;
}

int HierarchyModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool HierarchyModel::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return !m_files.empty();
    if (parent.column() != 0)
        return false;
    Node *node = nodeOf(parent);
    if (!isGroupLike(node))
        return false;
    if (node->state == ListState::Listed || node->state == ListState::Failed)
        return !node->children().empty();
    // Details (read for the rows on screen) may already say the group is empty.
    return node->memberCount() != 0;
}

bool HierarchyModel::canFetchMore(const QModelIndex &parent) const
{
    Node *node = nodeOf(parent);
    return parent.column() == 0 && isGroupLike(node) && node->state == ListState::NotListed;
}

void HierarchyModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        startListing(nodeOf(parent));
}

void HierarchyModel::ensureListed(const QModelIndex &idx)
{
    Node *node = nodeOf(idx.siblingAtColumn(0));
    if (node && (isGroupLike(node) || node->link.kind == ObjectKind::Unknown) && node->state == ListState::NotListed)
        startListing(node);
}

bool HierarchyModel::isListingComplete(const QModelIndex &idx) const
{
    Node *node = nodeOf(idx);
    return node && node->state == ListState::Listed;
}

// ---- listing ----------------------------------------------------------------

void HierarchyModel::startListing(Node *node)
{
    node->state = ListState::Listing;
    node->listing().generation = ++m_generation;
    const quint64 gen = node->generation();
    // The group's persistent index is owned by the "finished" handler below,
    // on this thread. The job only gets a pointer to it: a QPersistentModelIndex
    // destroyed on a pool thread would edit this model's index table there.
    // The sink runs on this (GUI) thread and only while the ticket lives (so
    // does the handler); the ticket is owned by this model, so `this` outlives
    // every call.
    const auto groupRef = std::make_shared<const QPersistentModelIndex>(indexOf(node));
    const QPersistentModelIndex *groupPtr = groupRef.get();
    ListingSink sink;
    sink.preview = [this, groupPtr, gen](ListingPreview p) { applyPreview(*groupPtr, gen, std::move(p)); };
    sink.complete = [this, groupPtr, gen](ListingComplete c) { applyComplete(*groupPtr, gen, std::move(c)); };
    sink.kinds = [this, groupPtr, gen](ListingKinds k) { applyKinds(*groupPtr, gen, std::move(k)); };
    // Runs on the job's thread: the node and its file are only pointed to by
    // the new rows, never read there (they may be gone by then; the rows are
    // dropped with the stale result).
    sink.makeRows = [node](const ListingLinks &links, const std::vector<int> &order, const std::vector<bool> &drop) {
        return makeRows(node, links, order, drop);
    };
    sink.failed = [this, groupPtr, gen](Error e) {
        const QPersistentModelIndex &group = *groupPtr;
        Node *n = nodeOf(group);
        if (!n || n->generation() != gen)
            return;
        n->state = ListState::Failed;
        n->link.setProblem(e.message);
        Q_EMIT dataChanged(group, group);
        Q_EMIT listingFailed(group, e);
        m_reveal->fail(e.message);
    };

    auto job = std::make_unique<GroupListingJob>(node->root()->file, pathOf(node), m_order, std::move(sink));
    JobTicket *ticket = JobRunner::instance().start(std::move(job), this);
    node->listing().job = ticket;
    ++m_activeListings;
    // Counted down when the ticket goes, however it goes (finished, or deleted
    // with its node when the file is closed or the group is listed again).
    connect(ticket, &QObject::destroyed, this, [this] {
        --m_activeListings;
        updateBusy();
    });
    connect(ticket, &JobTicket::finished, this, [this, ticket, groupRef, gen] {
        ticket->deleteLater();
        const QPersistentModelIndex &group = *groupRef;
        Node *n = nodeOf(group);
        if (!n || n->generation() != gen)
            return;
        n->listing().job.clear();
        if (n->listing().kindsPending) {
            // Arrows for members found to be groups: views cache hasChildren per
            // row and refresh it on a layout change.
            n->listing().kindsPending = false;
            Q_EMIT layoutAboutToBeChanged({group});
            Q_EMIT layoutChanged({group});
        }
    });
    updateBusy();
}

void HierarchyModel::updateBusy()
{
    const bool busy = m_activeListings > 0;
    if (busy != m_lastBusy) {
        m_lastBusy = busy;
        Q_EMIT busyChanged(busy);
    }
}

// ---- ordering ---------------------------------------------------------------

void HierarchyModel::setChildOrder(ChildOrder order)
{
    if (order == m_order)
        return;
    m_order = order;
    // A group whose listing job still runs gets rows (and later kinds, by row)
    // in the old order: list it again in the new one instead of re-sorting.
    std::vector<Node *> relist;
    std::vector<Node *> stack;
    for (auto &f : m_files)
        stack.push_back(f.get());
    while (!stack.empty()) {
        Node *n = stack.back();
        stack.pop_back();
        if (n->hasJob() || n->pending()) {
            relist.push_back(n); // its descendants go with its rows
            continue;
        }
        for (auto &c : n->children())
            stack.push_back(c.get());
    }
    for (Node *n : relist) {
        Node::Listing &listing = n->listing();
        delete listing.job.data();
        listing.pending.reset();
        if (!listing.children.empty()) {
            beginRemoveRows(indexOf(n), 0, int(listing.children.size()) - 1);
            listing.children.clear();
            endRemoveRows();
        }
        listing.names.clear();
        n->state = ListState::NotListed;
        startListing(n);
    }
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList persistent = persistentIndexList();
    for (auto &f : m_files)
        sortChildren(f.get());
    QModelIndexList to;
    for (const QModelIndex &p : persistent) {
        Node *n = nodeOf(p);
        to << createIndex(n->row, p.column(), n);
    }
    changePersistentIndexList(persistent, to);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void HierarchyModel::sortChildren(Node *node)
{
    if (node->children().empty())
        return;
    Node::Rows &children = node->listing().children;
    std::vector<LinkEntry> keys;
    keys.reserve(children.size());
    for (auto &c : children) {
        keys.push_back(c->link.entry());
    }
    // Sort the nodes by the same rule the listing job uses.
    std::vector<int> order(children.size());
    for (size_t i = 0; i < order.size(); ++i) {
        order[i] = int(i);
        keys[i].target = QString::number(i); // carry the original position through the sort
    }
    GroupListingJob::sortEntries(keys, m_order);
    std::vector<std::unique_ptr<Node>> sorted;
    sorted.reserve(keys.size());
    for (const LinkEntry &k : keys)
        sorted.push_back(std::move(children[size_t(k.target.toInt())]));
    children = std::move(sorted);
    for (size_t r = 0; r < children.size(); ++r) {
        children[r]->row = int(r);
        sortChildren(children[r].get());
    }
}

// ---- lookup and reveal ------------------------------------------------------

QModelIndex HierarchyModel::indexForPath(const QModelIndex &fileIdx, const QString &path) const
{
    Node *node = nodeOf(fileIdx);
    if (!node)
        return {};
    node = node->root();
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &name : parts) {
        node = node->childNamed(name);
        if (!node)
            return {};
    }
    return indexOf(node);
}

void HierarchyModel::revealPath(const QModelIndex &fileIdx, const QString &path)
{
    m_reveal->start(fileIdx, path);
}

// ---- details ----------------------------------------------------------------

void HierarchyModel::requestDetails(Node *node) const
{
    m_details->request(node);
}

ObjectSummary HierarchyModel::summaryAt(const QModelIndex &idx) const
{
    ObjectSummary s;
    Node *node = nodeOf(idx);
    if (!node)
        return s;
    s.path = pathOf(node);
    s.link = node->link.entry();
    s.kind = node->parent ? node->link.kind : ObjectKind::Group;
    s.shape = node->shape();
    s.type = node->type();
    s.memberCount = node->memberCount() < 0 ? 0 : quint64(node->memberCount());
    s.memberCountKnown = node->memberCount() >= 0 || node->state == ListState::Listed;
    if (node->state == ListState::Listed)
        s.memberCount = node->children().size();
    if (!node->detailsLoaded)
        requestDetails(node);
    return s;
}

// ---- data -------------------------------------------------------------------

QVariant HierarchyModel::data(const QModelIndex &idx, int role) const
{
    Node *node = nodeOf(idx);
    if (!node)
        return {};
    const bool isFile = !node->parent;
    const RowLink &link = node->link;

    switch (role) {
    case Qt::DisplayRole:
        if (idx.column() == NameColumn)
            return names::toEscaped(link.name()); // a byte that is not UTF-8 as "\xB5", as the path bar shows it
        if (isFile)
            return node->root()->file->isReadOnly() ? QStringLiteral("read-only") : QStringLiteral("read-write");
        if (!node->detailsLoaded)
            requestDetails(node);
        return node->detailsText();
    case Qt::ToolTipRole: return node->toolTip();
    case KindRole: return int(isFile ? ObjectKind::Group : link.kind);
    case LinkTypeRole: return int(link.linkType);
    case PathRole: return pathOf(node);
    case FilePathRole: return node->root()->file->path();
    case LinkTargetRole: return link.target();
    case LinkFileRole: return link.targetFile();
    case ProblemRole: return link.problem();
    case IsFileRole: return isFile;
    case ListStateRole: return int(node->state);
    case ShapeRole:
        if (!node->detailsLoaded)
            requestDetails(node);
        return node->shape() ? QVariant(node->shape()->text()) : QVariant();
    case TypeRole: return node->type() ? QVariant(node->type()->text) : QVariant();
    case BriefTypeRole: return node->type() ? QVariant(node->type()->brief) : QVariant();
    case DetailsLoadedRole: return node->detailsLoaded;
    case CreationOrderRole: return link.creationOrder;
    default: return {};
    }
}

QVariant HierarchyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? QStringLiteral("Name") : QStringLiteral("Details");
}

Qt::ItemFlags HierarchyModel::flags(const QModelIndex &idx) const
{
    Node *node = nodeOf(idx);
    if (!node)
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (node->parent)
        f |= Qt::ItemIsDragEnabled;
    // Rows known not to be groups never get members: saying so spares a view
    // a persistent-index lookup per row each time it lays out a large group.
    // Groups, external links and rows whose kind is not known yet may.
    const ObjectKind kind = node->link.kind;
    if (node->parent && node->link.linkType != LinkType::External
        && (kind == ObjectKind::Dataset || kind == ObjectKind::Datatype || kind == ObjectKind::Missing))
        f |= Qt::ItemNeverHasChildren;
    return f;
}

QStringList HierarchyModel::mimeTypes() const
{
    return {QStringLiteral("application/x-hyperslab-objects"), QStringLiteral("text/plain")};
}

QMimeData *HierarchyModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList refs;
    QStringList paths;
    for (const QModelIndex &i : indexes) {
        if (i.column() != 0)
            continue;
        Node *n = nodeOf(i);
        if (!n)
            continue;
        refs << n->root()->file->path() + QLatin1Char('\t') + pathOf(n);
        // FILE:/path, as the command line takes it: what another program or window gets.
        paths << n->root()->file->path() + QLatin1Char(':') + pathOf(n);
    }
    auto *mime = new QMimeData;
    mime->setData(QStringLiteral("application/x-hyperslab-objects"), refs.join(QLatin1Char('\n')).toUtf8());
    mime->setText(paths.join(QLatin1Char('\n')));
    return mime;
}

} // namespace hs::core
