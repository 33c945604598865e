#pragma once

#include "edit/copyoptions.h"
#include "hyperslabcore_export.h"
#include "jobs/job.h"
#include "model/error.h"
#include "services/h5file.h"

#include <functional>

namespace hs::core {

// Save a Copy As: writes a whole file (or one group of it, which becomes the
// new file's root) to a new file, compacted: only what is reachable is
// written, so the space of deleted objects is not. Written under a temporary
// name beside the target and renamed over it at the end, so a cancelled or
// failed save leaves no file (and an existing target as it was).
class HYPERSLABCORE_EXPORT SaveCopyJob final : public Job
{
public:
    using Done = std::function<void(const Status &)>;
    // `done` runs on the ticket's thread (not at all when the ticket is gone).
    SaveCopyJob(H5FilePtr source, QString groupPath, QString outputPath, Done done = {});

    QString title() const override;
    bool runStep(JobContext &context) override;

    // The whole save on the calling thread (the job's step, the CLI, tests).
    static Status save(const H5FilePtr &source, const QString &groupPath, const QString &outputPath,
                       const std::atomic_bool *cancel, const std::function<void(qint64, qint64)> &progress = {});

private:
    H5FilePtr m_source;
    QString m_groupPath;
    QString m_outputPath;
    Done m_done;
};

} // namespace hs::core
