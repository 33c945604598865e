#include "services/fileopener.h"

#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"

namespace hs::core {

FileOpener::FileOpener(QObject *parent) : QObject(parent) {}

void FileOpener::open(const QString &path, const QString &objectPath, H5File::Mode mode)
{
    ++m_pending;
    auto job = std::make_unique<FunctionJob>(QStringLiteral("Opening %1").arg(path), [this, path, objectPath, mode](JobContext &ctx) {
        auto result = H5File::open(path, mode);
        ctx.post([this, path, objectPath, result = std::move(result)] {
            --m_pending;
            if (result)
                Q_EMIT opened(result.value(), objectPath);
            else
                Q_EMIT failed(path, result.error());
        });
    });
    JobTicket *ticket = JobRunner::instance().start(std::move(job), this);
    connect(ticket, &JobTicket::finished, ticket, &QObject::deleteLater);
}

} // namespace hs::core
