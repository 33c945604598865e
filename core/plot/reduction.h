#pragma once

#include "hyperslabcore_export.h"
#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "model/error.h"

#include <QElapsedTimer>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace hs::core {

// A reduction of a slice (decimation, image reduction, statistics) computed
// tile by tile: each step() reads one bounded, chunk-aligned tile (one
// LibraryLock hold, inside DatasetReader::readBlock) and folds it into a
// result whose size does not depend on the slice's. Memory: one tile plus the
// result. Not thread-safe: one thread steps it (a job's pool thread, or the
// caller's with run()).
class HYPERSLABCORE_EXPORT Reduction
{
public:
    virtual ~Reduction();
    virtual QString title() const = 0;
    // Reads and folds in the next tile. True while more steps remain; false
    // when the result is complete or the reduction failed (error()).
    virtual bool step() = 0;

    // Progress in elements read (done <= total).
    quint64 done() const { return m_done; }
    quint64 total() const { return m_total; }
    const std::optional<Error> &error() const { return m_error; }

    // Every step on the calling thread (tests, the command line). The flag is
    // checked between tiles: a set flag ends with ErrorCode::Cancelled.
    Status run(const std::atomic_bool *cancel = nullptr,
               const std::function<void(quint64 done, quint64 total)> &progress = {});

    // Elements per tile (about; tiles are rounded to whole chunks). Tests
    // make it small to exercise tile boundaries.
    void setTileElements(quint64 n) { m_tileElements = n > 0 ? n : 1; }
    quint64 tileElements() const { return m_tileElements; }

    // 128 k elements: 1 MB as doubles, so a tile is still in the core's L2
    // cache when it is folded in right after the read (with 8 MB tiles the
    // fold re-read every tile from memory: decimating a 10^8 series took 1.5x
    // the raw read instead of 1.2x, bench/RESULTS.md "Plot reductions"); a
    // cancel takes effect within a millisecond or so.
    static constexpr quint64 DefaultTileElements = quint64(1) << 17;

protected:
    bool fail(Error e)
    {
        m_error = std::move(e);
        return false;
    }
    quint64 m_done = 0;
    quint64 m_total = 0;
    quint64 m_tileElements = DefaultTileElements;

private:
    std::optional<Error> m_error;
};

// The one job that runs any Reduction R (which has `using Output = ...;` and
// `std::shared_ptr<const Output> takeOutput()`): one tile per runStep, so a
// cancel takes effect between tiles; progress in elements. `done` runs on the
// ticket's thread with the immutable result or the error, exactly once unless
// the job is cancelled (then never; the ticket's finished(true) says so).
// With `partial` (for reductions with `snapshot()`), the result so far is
// posted at most every `partialMs` while the job runs, so that a plot can
// show the part already read at once and fill in the rest.
template<class R>
class ReductionJob final : public Job
{
public:
    using Output = typename R::Output;
    using Done = std::function<void(Result<std::shared_ptr<const Output>>)>;
    using Partial = std::function<void(std::shared_ptr<const Output>)>;

    ReductionJob(std::unique_ptr<R> reduction, Done done, Partial partial = {}, int partialMs = 100)
        : m_reduction(std::move(reduction)), m_done(std::move(done)), m_partial(std::move(partial)),
          m_partialMs(partialMs)
    {
    }
    QString title() const override { return m_reduction->title(); }
    bool runStep(JobContext &context) override
    {
        if (!m_sincePartial.isValid())
            m_sincePartial.start();
        const bool more = m_reduction->step();
        context.setProgress(qint64(m_reduction->done()), qint64(m_reduction->total()));
        if (more) {
            if constexpr (requires(R &r) { r.snapshot(); }) {
                // The first tile's part at once (the first plot on screen), then one per interval.
                if (m_partial && (!m_posted || m_sincePartial.elapsed() >= m_partialMs)) {
                    m_posted = true;
                    m_sincePartial.restart();
                    context.post([partial = m_partial, snap = m_reduction->snapshot()] { partial(snap); });
                }
            }
            return true;
        }
        Result<std::shared_ptr<const Output>> result =
            m_reduction->error() ? Result<std::shared_ptr<const Output>>(*m_reduction->error())
                                 : Result<std::shared_ptr<const Output>>(m_reduction->takeOutput());
        context.post([done = m_done, result = std::move(result)] { done(result); });
        return false;
    }

private:
    std::unique_ptr<R> m_reduction;
    Done m_done;
    Partial m_partial;
    int m_partialMs;
    QElapsedTimer m_sincePartial;
    bool m_posted = false;
};

} // namespace hs::core
