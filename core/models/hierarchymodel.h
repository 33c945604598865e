#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "model/objectsummary.h"
#include "services/hierarchyreader.h"

#include <QAbstractItemModel>
#include <QPersistentModelIndex>
#include <QSet>
#include <QStringList>

#include <memory>
#include <optional>

namespace hs::core {

class DetailsFetcher;
class HierarchyReveal;
class JobTicket;
struct ListingPreview;
struct ListingComplete;
struct ListingKinds;
struct ListingRows;
struct ListingLinks;

// The HDF5 hierarchy of every open file, one top-level row per file.
//
// Lazy: a group's members are listed only when a view asks (fetchMore), by a
// background job that delivers a first batch at once and the rest shortly
// after. Details (shape, type, member count) are fetched for the rows a view
// actually shows. Lives in the GUI thread; never blocks it on I/O.
// Looks (icons, fonts, colours) are left to a proxy in widgets/.
class HYPERSLABCORE_EXPORT HierarchyModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, DetailsColumn, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 1, // ObjectKind as int
        LinkTypeRole,                // LinkType as int
        PathRole,                    // path inside the file ("/" for a file row)
        FilePathRole,                // absolute path of the file on disk
        LinkTargetRole,              // soft: path; external: path inside the target file
        LinkFileRole,                // external: target file name
        ProblemRole,                 // why a link does not resolve
        IsFileRole,                  // true for the top-level file rows
        ListStateRole,               // ListState as int
        ShapeRole,                   // "100 x 20" / "scalar" / "null" (datasets, once loaded)
        TypeRole,                    // h5dump type text (datasets, datatypes, once loaded)
        BriefTypeRole,               // "float32", ...
        DetailsLoadedRole,           // bool
        CreationOrderRole,           // qint64, -1 if not tracked
    };
    enum class ListState : quint8 { NotListed, Listing, Partial, Listed, Failed };
    Q_ENUM(ListState)

    // A listed group's rows are built on the listing job's thread and inserted
    // at most this many per step of the GUI thread's event loop (a million rows
    // at once would freeze it for a second). The group is Partial until the
    // last slice is in; then listingFinished.
    static constexpr int SliceRows = 20000;

    explicit HierarchyModel(QObject *parent = nullptr);
    ~HierarchyModel() override;

    // Files
    QModelIndex addFile(H5FilePtr file);
    void closeFile(const QModelIndex &index); // any index inside the file
    int fileCount() const;
    H5FilePtr fileOf(const QModelIndex &index) const;
    QModelIndex fileIndex(int fileRow) const;
    QModelIndex fileIndexFor(const QString &absolutePath) const;

    // Order of members. CreationOrder applies to groups that track it; others
    // stay in natural name order. Changing it re-sorts listed groups in place.
    void setChildOrder(ChildOrder order);
    ChildOrder childOrder() const { return m_order; }

    // Lookup without I/O: the index of `path` if it is already listed.
    QModelIndex indexForPath(const QModelIndex &fileIdx, const QString &path) const;
    // Lists whatever is needed to reach `path`, then emits pathRevealed (or
    // revealFailed). A newer request replaces a pending one.
    void revealPath(const QModelIndex &fileIdx, const QString &path);
    // Starts listing the group at `index` if it is not listed yet (completion, reveal).
    void ensureListed(const QModelIndex &index);
    bool isListingComplete(const QModelIndex &index) const;

    ObjectSummary summaryAt(const QModelIndex &index) const; // what is known without I/O

    // QAbstractItemModel
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    QStringList mimeTypes() const override;

Q_SIGNALS:
    void listingFinished(const QModelIndex &group);
    void listingFailed(const QModelIndex &group, const hs::core::Error &error);
    void pathRevealed(const QModelIndex &index);
    void revealFailed(const QString &path, const QString &message);
    void busyChanged(bool busy);

private:
    // The row tree (models/hierarchynode.h) and the helpers that walk it.
    struct Node;
    struct FileRoot;
    friend class DetailsFetcher;
    friend class HierarchyReveal;
    friend struct ListingRows;

    static std::unique_ptr<Node> makeNode(Node *parent, const LinkEntry &entry, QStringView name, int row);
    static std::shared_ptr<ListingRows> makeRows(Node *parent, const ListingLinks &links, const std::vector<int> &order,
                                                 const std::vector<bool> &drop);
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node, int column = 0) const;
    QString pathOf(const Node *node) const;
    FileRoot *rootOf(const Node *node) const;
    bool isGroupLike(const Node *node) const;

    void startListing(Node *node);
    void applyPreview(const QPersistentModelIndex &group, quint64 generation, ListingPreview preview);
    void applyComplete(const QPersistentModelIndex &group, quint64 generation, ListingComplete complete);
    void applyKinds(const QPersistentModelIndex &group, quint64 generation, ListingKinds kinds);
    void insertSlice(Node *node);
    void finishListing(Node *node);
    void sortChildren(Node *node);

    void requestDetails(Node *node) const;
    void updateBusy();

    // The rows follow the file's session (models/hierarchyrefresh.cpp): a
    // group whose members changed is listed again and only the difference is
    // inserted or removed, so expansion and selection stay where they were.
    void followSession(const H5File *file);
    FileRoot *rootFor(const H5File *file) const;
    Node *nodeAt(const H5File *file, const QString &path) const;
    void refreshMembers(const H5File *file, const QString &groupPath);
    void applyRefresh(const QPersistentModelIndex &group, quint64 generation, quint64 fileGeneration,
                      std::vector<LinkEntry> entries);
    void listAgain(Node *node);
    void removeNode(Node *node);
    void moveNode(const H5File *file, const QString &from, const QString &to);
    void forgetDetails(Node *node);

    std::vector<std::unique_ptr<FileRoot>> m_files;
    ChildOrder m_order = ChildOrder::Name;
    quint64 m_generation = 0;
    int m_activeListings = 0;
    bool m_lastBusy = false;

    // Declared after m_files: gone before the rows they point into.
    std::unique_ptr<DetailsFetcher> m_details;
    std::unique_ptr<HierarchyReveal> m_reveal;
};

} // namespace hs::core

