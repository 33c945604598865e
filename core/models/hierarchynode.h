#pragma once

// Internal to HierarchyModel and its helpers (DetailsFetcher, HierarchyReveal):
// the tree of rows behind the model's indexes. Lives in the GUI thread.

#include "jobs/jobticket.h"
#include "models/hierarchymodel.h"
#include "models/listingnames.h"

#include <QPointer>

#include <memory>
#include <optional>
#include <vector>

namespace hs::core {

// A LinkEntry as a row keeps it (32 bytes instead of 112): the name is a
// view into a name store its group's listing keeps (ListingNames; a file's
// row points into its FileRoot), and the strings that only soft, external
// and broken links have live behind a pointer.
struct RowLink
{
    qint64 creationOrder = -1;

    QStringView nameView() const { return QStringView(m_name, qsizetype(m_nameSize)); }
    QString name() const { return nameView().toString(); }
    // `name` must outlive the row: a view into its group's ListingNames.
    void setName(QStringView name)
    {
        m_name = name.utf16();
        m_nameSize = quint32(name.size());
    }

    const QString &target() const { return m_rare ? m_rare->target : empty(); }
    const QString &targetFile() const { return m_rare ? m_rare->targetFile : empty(); }
    const QString &problem() const { return m_rare ? m_rare->problem : empty(); }
    void setProblem(QString problem)
    {
        if (m_rare)
            m_rare->problem = std::move(problem);
        else if (!problem.isEmpty())
            m_rare = std::make_unique<Rare>(Rare{{}, {}, std::move(problem)});
    }

    // Everything but the name (see setName).
    void assign(const LinkEntry &e)
    {
        creationOrder = e.creationOrder;
        linkType = e.linkType;
        kind = e.kind;
        if (!e.target.isEmpty() || !e.targetFile.isEmpty() || !e.problem.isEmpty())
            m_rare = std::make_unique<Rare>(Rare{e.target, e.targetFile, e.problem});
        else
            m_rare.reset();
    }
    LinkEntry entry() const
    {
        LinkEntry e;
        e.name = name();
        e.linkType = linkType;
        e.kind = kind;
        e.target = target();
        e.targetFile = targetFile();
        e.problem = problem();
        e.creationOrder = creationOrder;
        return e;
    }

private:
    struct Rare
    {
        QString target, targetFile, problem;
    };
    static const QString &empty()
    {
        static const QString none;
        return none;
    }
    const char16_t *m_name = nullptr;
    std::unique_ptr<Rare> m_rare;
    quint32 m_nameSize = 0;

public: // after the private members, to share their last 8 bytes
    LinkType linkType = LinkType::Hard;
    ObjectKind kind = ObjectKind::Unknown;
};

// One per member of every listed group (a million for a large group), so kept
// small (56 bytes, a 64-byte block from malloc): what only listed groups need,
// and details that only rows a view showed ever get, live behind one pointer,
// and the file is found from the top row (root()).
struct HierarchyModel::Node
{
    using Rows = std::vector<std::unique_ptr<Node>>;
    struct Listing
    {
        // The stores the rows' names point into (the preview's, the complete
        // listing's), declared before the rows: they go after them.
        std::vector<std::shared_ptr<const ListingNames>> names;
        Rows children;
        quint64 generation = 0;
        QPointer<JobTicket> job;
        // The rows of a complete listing not inserted yet (a slice at a time).
        std::shared_ptr<ListingRows> pending;
        bool kindsPending = false;
        ~Listing()
        {
            delete job.data(); // cancels the listing; its results are dropped
        }
    };
    struct Details
    {
        std::optional<ShapeInfo> shape;
        std::optional<TypeInfo> type;
        qint64 memberCount = -1;
    };

    Node *parent = nullptr; // null for a file's row (a FileRoot)
    int row = 0;
    ListState state = ListState::NotListed;
    bool detailsRequested = false;
    bool detailsLoaded = false;
    RowLink link;

    FileRoot *root() const; // the file this row is in (walks up to its row)

    const Rows &children() const { return m_extra ? m_extra->listing.children : noRows(); }
    Listing &listing() { return extra().listing; } // created on first use
    quint64 generation() const { return m_extra ? m_extra->listing.generation : 0; }
    ListingRows *pending() const { return m_extra ? m_extra->listing.pending.get() : nullptr; }
    bool hasJob() const { return m_extra && m_extra->listing.job; }

    const std::optional<ShapeInfo> &shape() const { return m_extra ? m_extra->details.shape : noShape(); }
    const std::optional<TypeInfo> &type() const { return m_extra ? m_extra->details.type : noType(); }
    qint64 memberCount() const { return m_extra ? m_extra->details.memberCount : -1; }
    Details &details() { return extra().details; } // created on first use

    QString path() const; // "/" for a file row
    Node *childNamed(const QString &name) const; // among the rows listed so far
    QString detailsText() const; // the Details column of a member row
    QString toolTip() const;

private:
    static const Rows &noRows()
    {
        static const Rows none;
        return none;
    }
    static const std::optional<ShapeInfo> &noShape()
    {
        static const std::optional<ShapeInfo> none;
        return none;
    }
    static const std::optional<TypeInfo> &noType()
    {
        static const std::optional<TypeInfo> none;
        return none;
    }
    // Only for groups listed and rows whose details were read: a few hundred
    // rows, against a million that need neither.
    struct Extra
    {
        Listing listing;
        Details details;
    };
    Extra &extra()
    {
        if (!m_extra)
            m_extra = std::make_unique<Extra>();
        return *m_extra;
    }
    std::unique_ptr<Extra> m_extra;
};

// The rows of a group's complete listing, by row of the sorted listing, built
// on the listing job's thread (ListingSink::addRow) and inserted by the model
// a slice at a time. Null where the model already has the row (the preview).
// Once handed to the model, only its thread touches it.
struct ListingRows
{
    std::shared_ptr<const ListingNames> names; // the rows' names point into it
    std::vector<std::unique_ptr<HierarchyModel::Node>> rows;
    size_t next = 0; // rows [0, next) are in the model, at the same row numbers
};

// A file's row: the top of its tree.
struct HierarchyModel::FileRoot : HierarchyModel::Node
{
    H5FilePtr file;
    QString name; // what link.name() views
};

inline HierarchyModel::FileRoot *HierarchyModel::Node::root() const
{
    const Node *n = this;
    while (n->parent)
        n = n->parent;
    return static_cast<FileRoot *>(const_cast<Node *>(n));
}

} // namespace hs::core
