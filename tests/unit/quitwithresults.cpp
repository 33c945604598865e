// hyperslab_test_quitwithresults: quits while finished jobs' results are still
// undelivered, as an application closed mid-listing does. QCoreApplication's
// destructor then deletes those posts (and with them the jobs' last state)
// while it holds its event-queue lock. Must exit promptly with status 0.

#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    for (int j = 0; j < 4; ++j) {
        auto job = std::make_unique<hs::core::FunctionJob>(QStringLiteral("posting"), [](hs::core::JobContext &ctx) {
            for (int i = 0; i < 100; ++i)
                ctx.post([] {});
        });
        hs::core::JobRunner::instance().start(std::move(job), &app);
    }
    return hs::core::JobRunner::instance().waitForIdle(30000) ? 0 : 1;
}
