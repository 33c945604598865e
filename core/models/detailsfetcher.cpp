#include "models/detailsfetcher.h"

#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "models/hierarchynode.h"

#include <QTimer>

namespace hs::core {

void DetailsFetcher::request(HierarchyModel::Node *node)
{
    if (node->detailsRequested || !node->parent)
        return;
    if (node->link.kind != ObjectKind::Dataset && node->link.kind != ObjectKind::Datatype
        && node->link.kind != ObjectKind::Group)
        return;
    node->detailsRequested = true;
    m_pending.append(QPersistentModelIndex(m_model.indexOf(node)));
    if (!m_scheduled) {
        m_scheduled = true;
        QTimer::singleShot(0, &m_model, [this] { dispatch(); });
    }
}

void DetailsFetcher::dispatch()
{
    m_scheduled = false;
    while (!m_pending.isEmpty() && m_inFlight < 2) {
        struct Request
        {
            H5FilePtr file;
            QString path;
        };
        // As in HierarchyModel::startListing: the persistent indexes stay on
        // this thread, owned by the "finished" handler; the job reads paths and
        // posts results by position, and its posts run only while that handler
        // exists. The tickets belong to the model, and this fetcher lives as
        // long as the model does.
        const auto rowsRef = std::make_shared<std::vector<QPersistentModelIndex>>();
        std::vector<Request> batch;
        while (!m_pending.isEmpty() && batch.size() < size_t(DetailsPerJob)) {
            QPersistentModelIndex idx = m_pending.takeFirst();
            HierarchyModel::Node *n = m_model.nodeOf(idx);
            if (!n)
                continue;
            batch.push_back({n->root()->file, m_model.pathOf(n)});
            rowsRef->push_back(idx);
        }
        if (batch.empty())
            return;
        ++m_inFlight;
        const std::vector<QPersistentModelIndex> *rows = rowsRef.get();
        auto job = std::make_unique<FunctionJob>(QStringLiteral("Reading details"), [this, batch, rows](JobContext &ctx) {
            std::vector<Result<ObjectSummary>> results;
            results.reserve(batch.size());
            for (const Request &r : batch) {
                if (ctx.isCancelled())
                    return;
                results.push_back(HierarchyReader(r.file).summarize(r.path));
            }
            ctx.post([this, rows, results = std::move(results)] {
                for (size_t i = 0; i < results.size(); ++i) {
                    const QPersistentModelIndex &idx = (*rows)[i];
                    const Result<ObjectSummary> &summary = results[i];
                    HierarchyModel::Node *n = m_model.nodeOf(idx);
                    if (!n)
                        continue;
                    n->detailsLoaded = true;
                    if (summary.ok() && (summary->shape || summary->type || summary->memberCountKnown)) {
                        HierarchyModel::Node::Details &d = n->details();
                        d.shape = summary->shape;
                        d.type = summary->type;
                        if (summary->memberCountKnown)
                            d.memberCount = qint64(summary->memberCount);
                    }
                    Q_EMIT m_model.dataChanged(idx.sibling(idx.row(), 0),
                                               idx.sibling(idx.row(), HierarchyModel::ColumnCount - 1));
                }
            });
        });
        JobTicket *ticket = JobRunner::instance().start(std::move(job), &m_model);
        QObject::connect(ticket, &JobTicket::finished, &m_model, [this, ticket, rowsRef] {
            Q_UNUSED(rowsRef) // kept alive until the job has ended
            ticket->deleteLater();
            --m_inFlight;
            if (!m_pending.isEmpty())
                dispatch();
        });
    }
}

} // namespace hs::core
