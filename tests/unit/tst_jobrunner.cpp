// JobRunner, JobTicket, JobContext: the contract every panel's background work relies on.

#include "testutil.h"

#include "hdf5/librarylock.h"
#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "services/h5file.h"
#include "services/hierarchyreader.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <mutex>

using namespace hs::core;

namespace {

// A job made of steps, each a lambda call: returns true while more remain.
class StepJob final : public Job
{
public:
    explicit StepJob(std::function<bool(JobContext &)> step, std::atomic_bool *destroyed = nullptr)
        : m_step(std::move(step)), m_destroyed(destroyed)
    {
    }
    ~StepJob() override
    {
        if (m_destroyed)
            m_destroyed->store(true);
    }
    QString title() const override { return QStringLiteral("test job"); }
    bool runStep(JobContext &context) override { return m_step(context); }

private:
    std::function<bool(JobContext &)> m_step;
    std::atomic_bool *m_destroyed;
};

JobTicket *start(std::function<bool(JobContext &)> step, QObject *owner, std::atomic_bool *destroyed = nullptr)
{
    return JobRunner::instance().start(std::make_unique<StepJob>(std::move(step), destroyed), owner);
}

// Empty when equal; otherwise the first difference.
QString differences(const std::vector<LinkEntry> &a, const std::vector<LinkEntry> &b)
{
    if (a.size() != b.size())
        return QStringLiteral("%1 entries instead of %2").arg(a.size()).arg(b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].name != b[i].name || a[i].linkType != b[i].linkType || a[i].kind != b[i].kind
            || a[i].target != b[i].target || a[i].targetFile != b[i].targetFile || a[i].problem != b[i].problem)
            return QStringLiteral("%1: kind %2 \"%3\", expected %4 \"%5\"")
                .arg(a[i].name)
                .arg(int(a[i].kind))
                .arg(a[i].problem)
                .arg(int(b[i].kind))
                .arg(b[i].problem);
    }
    return {};
}

bool sameSummary(const ObjectSummary &a, const ObjectSummary &b)
{
    // HDF5 numbers each opening of a file: an object reached through an
    // external link gets a new fileNumber whenever the target file is reopened.
    const bool sameId = a.link.linkType == LinkType::External ? a.id.token == b.id.token : a.id == b.id;
    return a.kind == b.kind && sameId && a.shape.has_value() == b.shape.has_value()
           && (!a.shape || a.shape->text() == b.shape->text()) && a.type.has_value() == b.type.has_value()
           && (!a.type || a.type->text == b.type->text) && a.memberCount == b.memberCount
           && a.link.problem == b.link.problem;
}

} // namespace

class TestJobRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void libraryLockIsMutuallyExclusive();
    void cancelStopsBetweenSteps();
    void deletingTheTicketCancelsAndDropsResults();
    void resultsArriveInOrderBeforeFinished();
    void progressIsCoalesced();
    void concurrentReadersAgree();
    void quittingWithUndeliveredResults();

private:
    QObject m_owner; // owns the tickets of each test
};

void TestJobRunner::initTestCase()
{
    HS_REQUIRE_FIXTURES();
}

void TestJobRunner::cleanup()
{
    qDeleteAll(m_owner.children()); // cancels whatever a failed test left running
    QVERIFY(JobRunner::instance().waitForIdle(30000));
    QCoreApplication::sendPostedEvents();
}

void TestJobRunner::libraryLockIsMutuallyExclusive()
{
    constexpr int Jobs = 8;
    constexpr int Steps = 40;
    std::atomic_int inside{0};
    std::atomic_int violations{0};
    std::atomic_int started{0};
    std::mutex threadsMutex;
    QSet<Qt::HANDLE> threads;

    QList<JobTicket *> tickets;
    for (int j = 0; j < Jobs; ++j) {
        auto step = std::make_shared<int>(0);
        tickets << start(
            [&, step](JobContext &) {
                if (*step == 0) {
                    {
                        std::lock_guard guard(threadsMutex);
                        threads.insert(QThread::currentThreadId());
                    }
                    // Wait (bounded) until a second job runs, so the lock is really contended.
                    started.fetch_add(1);
                    const QDeadlineTimer deadline(10000);
                    while (started.load() < 2 && !deadline.hasExpired())
                        QThread::yieldCurrentThread();
                }
                {
                    LibraryLock lock;
                    LibraryLock again; // recursive on the same thread
                    if (!LibraryLock::isHeldByCurrentThread())
                        violations.fetch_add(1);
                    if (inside.fetch_add(1) != 0)
                        violations.fetch_add(1);
                    for (int k = 0; k < 50; ++k)
                        QThread::yieldCurrentThread(); // give another thread the chance to barge in
                    inside.fetch_sub(1);
                }
                return ++*step < Steps;
            },
            &m_owner);
    }
    QList<std::shared_ptr<QSignalSpy>> spies;
    for (JobTicket *t : tickets)
        spies << std::make_shared<QSignalSpy>(t, &JobTicket::finished);
    for (const auto &spy : spies) {
        QTRY_COMPARE_WITH_TIMEOUT(spy->count(), 1, 60000);
        QCOMPARE(spy->at(0).at(0).toBool(), false);
    }
    QCOMPARE(violations.load(), 0);
    QVERIFY2(threads.size() > 1, "the jobs never ran on more than one thread: the test proves nothing");
    QVERIFY(!LibraryLock::isHeldByCurrentThread());
}

void TestJobRunner::cancelStopsBetweenSteps()
{
    std::atomic_int steps{0};
    std::atomic_bool destroyed{false};
    JobTicket *ticket = start(
        [&](JobContext &) {
            steps.fetch_add(1);
            QThread::yieldCurrentThread();
            return true; // forever, unless cancelled
        },
        &m_owner, &destroyed);
    QSignalSpy finished(ticket, &JobTicket::finished);
    QTRY_VERIFY(steps.load() > 3);
    QVERIFY(!ticket->isCancelRequested());
    ticket->cancel();
    QVERIFY(ticket->isCancelRequested());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QVERIFY(ticket->isFinished());
    QVERIFY(destroyed.load()); // the job (and whatever it held) is gone before "finished"
    const int after = steps.load();
    QVERIFY(JobRunner::instance().waitForIdle(30000));
    QCoreApplication::processEvents();
    QCOMPARE(steps.load(), after);
    QCOMPARE(finished.count(), 1);
}

void TestJobRunner::deletingTheTicketCancelsAndDropsResults()
{
    int delivered = 0;
    std::atomic_bool destroyed{false};
    auto *ticket = start(
        [&delivered](JobContext &ctx) {
            ctx.post([&delivered] { ++delivered; });
            QThread::yieldCurrentThread();
            return true; // forever, unless cancelled
        },
        nullptr, &destroyed);
    bool finishedSeen = false;
    connect(ticket, &JobTicket::finished, this, [&] { finishedSeen = true; });
    QTRY_VERIFY(delivered >= 3);

    delete ticket;
    const int atDelete = delivered;
    QVERIFY(JobRunner::instance().waitForIdle(30000)); // a job that would run forever has ended
    QVERIFY(destroyed.load());
    // Whatever it posted before noticing is dropped, "finished" included.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCOMPARE(delivered, atDelete);
    QVERIFY(!finishedSeen);
}

void TestJobRunner::resultsArriveInOrderBeforeFinished()
{
    constexpr int Total = 5000;
    constexpr int PerStep = 100;
    QList<int> received;
    auto next = std::make_shared<int>(0);
    JobTicket *ticket = start(
        [&received, next](JobContext &ctx) {
            for (int k = 0; k < PerStep; ++k) {
                const int value = (*next)++;
                ctx.post([&received, value] { received << value; });
            }
            return *next < Total;
        },
        &m_owner);
    qsizetype receivedAtFinish = -1;
    int finishedCount = 0;
    connect(ticket, &JobTicket::finished, this, [&](bool cancelled) {
        QVERIFY(!cancelled);
        ++finishedCount;
        receivedAtFinish = received.size();
    });
    QTRY_COMPARE_WITH_TIMEOUT(finishedCount, 1, 30000);
    QCOMPARE(receivedAtFinish, qsizetype(Total));
    for (int i = 0; i < Total; ++i)
        QCOMPARE(received.at(i), i);
    QVERIFY(JobRunner::instance().waitForIdle(30000));
    QCoreApplication::processEvents();
    QCOMPARE(finishedCount, 1);
}

void TestJobRunner::progressIsCoalesced()
{
    constexpr qint64 Total = 200000;
    JobTicket *ticket = start(
        [](JobContext &ctx) {
            for (qint64 i = 1; i <= Total; ++i)
                ctx.setProgress(i, Total);
            return false;
        },
        &m_owner);
    QSignalSpy progress(ticket, &JobTicket::progressChanged);
    QSignalSpy finished(ticket, &JobTicket::finished);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    // Every update is not a signal: a flood of queued events would starve the GUI.
    QVERIFY2(progress.count() >= 1, "the final progress must arrive");
    QVERIFY2(progress.count() < Total / 100, qPrintable(QString::number(progress.count())));
    // The last one says "done", and arrives before "finished".
    QCOMPARE(progress.constLast().at(0).toLongLong(), Total);
    QCOMPARE(progress.constLast().at(1).toLongLong(), Total);
    QCOMPARE(ticket->progressDone(), Total);
    QCOMPARE(ticket->progressTotal(), Total);
}

void TestJobRunner::concurrentReadersAgree()
{
    auto opened = H5File::open(hs::test::fixture(hs::fixtures::LinksFileName));
    QVERIFY(opened.ok());
    const H5FilePtr file = *opened;
    auto openedBig = H5File::open(hs::test::fixture(hs::fixtures::LargeGroupFileName));
    QVERIFY(openedBig.ok());
    const H5FilePtr big = *openedBig;

    // The answers, computed on this thread alone.
    const QStringList groups = {QStringLiteral("/"), QStringLiteral("/shapes"), QStringLiteral("/cycle/child"),
                                QStringLiteral("/external_group")};
    const QStringList paths = {QStringLiteral("/shapes/two_d_unlimited"), QStringLiteral("/typed"),
                               QStringLiteral("/types/celsius"), QStringLiteral("/loop_a"),
                               QStringLiteral("/external_dataset"), QStringLiteral("/cycle/child/up"),
                               QStringLiteral("/dangling_external")};
    std::vector<std::vector<LinkEntry>> expectedLists;
    std::vector<ObjectSummary> expectedSummaries;
    {
        HierarchyReader reader(file);
        for (const QString &g : groups) {
            auto b = reader.listLinks(g, ChildOrder::Name, 0, 1000);
            QVERIFY(b.ok());
            reader.resolveKinds(g, b.value().entries);
            expectedLists.push_back(b->entries);
        }
        for (const QString &p : paths) {
            auto s = reader.summarize(p);
            QVERIFY(s.ok());
            expectedSummaries.push_back(*s);
        }
    }

    constexpr int Jobs = 6;
    constexpr int Rounds = 15;
    std::atomic_int mismatches{0};
    std::atomic_int bigCounts{0};
    std::mutex whatMutex;
    QStringList what; // the first few mismatches, for the failure message
    auto mismatch = [&](const QString &where, const QString &detail) {
        mismatches.fetch_add(1);
        std::lock_guard guard(whatMutex);
        if (what.size() < 5)
            what << where + QStringLiteral(": ") + detail;
    };
    QList<std::shared_ptr<QSignalSpy>> spies;
    for (int j = 0; j < Jobs; ++j) {
        auto round = std::make_shared<int>(0);
        JobTicket *t = start(
            [&, j, round](JobContext &) {
                HierarchyReader reader(file);
                // Different jobs walk the lists in different orders.
                const int g = (*round + j) % int(groups.size());
                auto b = reader.listLinks(groups[g], ChildOrder::Name, 0, 1000);
                if (!b.ok()) {
                    mismatch(groups[g], b.error().message);
                } else {
                    reader.resolveKinds(groups[g], b.value().entries);
                    const QString diff = differences(b->entries, expectedLists[size_t(g)]);
                    if (!diff.isEmpty())
                        mismatch(groups[g], diff);
                }
                const int p = (*round * 3 + j) % int(paths.size());
                auto s = reader.summarize(paths[p]);
                if (!s.ok())
                    mismatch(paths[p], s.error().message);
                else if (!sameSummary(*s, expectedSummaries[size_t(p)]))
                    mismatch(paths[p], s->link.problem);
                if (j < 2 && *round == 0) {
                    // Two jobs also list a 200,000-member group in batches meanwhile.
                    HierarchyReader r(big);
                    quint64 cursor = 0, count = 0;
                    for (;;) {
                        auto batch = r.listLinks(QStringLiteral("/big"), ChildOrder::Name, cursor, 25000);
                        if (!batch.ok())
                            break;
                        count += batch->entries.size();
                        cursor = batch->nextCursor;
                        if (batch->complete)
                            break;
                    }
                    if (count == 200000)
                        bigCounts.fetch_add(1);
                }
                return ++*round < Rounds;
            },
            &m_owner);
        spies << std::make_shared<QSignalSpy>(t, &JobTicket::finished);
    }
    for (const auto &spy : spies)
        QTRY_COMPARE_WITH_TIMEOUT(spy->count(), 1, 60000);
    QVERIFY2(mismatches.load() == 0, qPrintable(what.join(QLatin1Char('\n'))));
    QCOMPARE(bigCounts.load(), 2);
}

void TestJobRunner::quittingWithUndeliveredResults()
{
    // Closing the application while results are still queued must not hang.
    QProcess process;
    process.start(QStringLiteral(HYPERSLAB_QUITWITHRESULTS), QStringList());
    QVERIFY(process.waitForStarted(10000));
    const bool exited = process.waitForFinished(30000);
    if (!exited) {
        process.kill();
        process.waitForFinished(10000);
    }
    QVERIFY2(exited, "the application hung on exit");
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestJobRunner)
#include "tst_jobrunner.moc"
