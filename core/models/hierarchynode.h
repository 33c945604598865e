#pragma once

// Internal to HierarchyModel and its helpers (DetailsFetcher, HierarchyReveal):
// the tree of rows behind the model's indexes. Lives in the GUI thread.

#include "jobs/jobticket.h"
#include "models/hierarchymodel.h"

#include <QPointer>

#include <memory>
#include <vector>

namespace hs::core {

// A LinkEntry as a row keeps it: the strings that only soft, external and
// broken links have live behind a pointer (48 bytes instead of 112).
struct RowLink
{
    QString name;
    qint64 creationOrder = -1;
    LinkType linkType = LinkType::Hard;
    ObjectKind kind = ObjectKind::Unknown;

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

    RowLink &operator=(LinkEntry &&e)
    {
        name = std::move(e.name);
        creationOrder = e.creationOrder;
        linkType = e.linkType;
        kind = e.kind;
        if (!e.target.isEmpty() || !e.targetFile.isEmpty() || !e.problem.isEmpty())
            m_rare = std::make_unique<Rare>(Rare{std::move(e.target), std::move(e.targetFile), std::move(e.problem)});
        else
            m_rare.reset();
        return *this;
    }
    LinkEntry entry() const
    {
        LinkEntry e;
        e.name = name;
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
    std::unique_ptr<Rare> m_rare;
};

// One per member of every listed group (200,000 for a large group), so kept
// small: details that only rows a view showed ever get live behind pointers.
struct HierarchyModel::Node
{
    Node *parent = nullptr;
    FileRoot *root = nullptr;
    int row = 0;
    ListState state = ListState::NotListed;
    RowLink link;
    std::vector<std::unique_ptr<Node>> children;
    quint64 generation = 0;
    QPointer<JobTicket> job;
    qint64 memberCount = -1;
    bool kindsPending = false;
    bool detailsRequested = false;
    bool detailsLoaded = false;
    std::unique_ptr<const ShapeInfo> shape;
    std::unique_ptr<const TypeInfo> type;
    // A listed group's rows not inserted yet (inserted a slice at a time).
    std::shared_ptr<ListingRows> pending;

    QString path() const; // "/" for a file row
    Node *childNamed(const QString &name) const; // among the rows listed so far
    QString detailsText() const; // the Details column of a member row
    QString toolTip() const;

    ~Node()
    {
        delete job.data(); // cancels the listing; its results are dropped
    }
};

// The rows of a group's complete listing, by row of the sorted listing, built
// on the listing job's thread (ListingSink::makeRows) and inserted by the model
// a slice at a time. Null where the model already has the row (the preview).
// Once handed to the model, only its thread touches it.
struct ListingRows
{
    std::vector<std::unique_ptr<HierarchyModel::Node>> rows;
    size_t next = 0; // rows [0, next) are in the model, at the same row numbers
};

struct HierarchyModel::FileRoot
{
    H5FilePtr file;
    Node node;
};

} // namespace hs::core
