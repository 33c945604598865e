#pragma once

#include "hyperslabcore_export.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>

namespace hs::core {

// State shared between a running job (pool thread) and its ticket (owner's thread).
// (Exported so that a test can run a job's steps by hand with a JobContext.)
class JobTicket;
struct HYPERSLABCORE_EXPORT JobState
{
    JobState();
    ~JobState();
    std::atomic_bool cancelRequested{false};
    std::atomic<qint64> done{0};
    std::atomic<qint64> total{0};
    std::atomic_bool finished{false};
    // Lives in the owner's thread as long as either side holds the state, so
    // the worker always has a live target to queue results on.
    QObject *relay = nullptr;
    // Touched only on the owner's thread: results are dropped once it is null.
    QPointer<JobTicket> ticket;
};

// The owner's handle on a job. Lives in the thread that started the job (the GUI
// thread in the app); every signal arrives there. Destroying the ticket cancels
// the job, and results the job still posts are dropped.
class HYPERSLABCORE_EXPORT JobTicket : public QObject
{
    Q_OBJECT
public:
    explicit JobTicket(std::shared_ptr<JobState> state, QString title, QObject *parent = nullptr);
    ~JobTicket() override;

    QString title() const { return m_title; }
    void cancel();
    bool isCancelRequested() const;
    bool isFinished() const;
    qint64 progressDone() const;
    qint64 progressTotal() const;

Q_SIGNALS:
    // total 0 means "unknown". Coalesced: at most a few per second reach the owner.
    void progressChanged(qint64 done, qint64 total);
    // Exactly once, after every result the job posted has been delivered.
    void finished(bool cancelled);

private:
    friend class JobRunner;
    friend class JobContext;
    std::shared_ptr<JobState> m_state;
    QString m_title;
};

} // namespace hs::core
