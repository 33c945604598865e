#pragma once

#include "hyperslabcore_export.h"

#include <QString>

#include <functional>

namespace hs::core {

class JobContext;

// A unit of long library work, split into bounded steps. The runner calls
// runStep() on a pool thread until it returns false or the job is cancelled;
// each step takes the LibraryLock itself, for as short as it can.
class HYPERSLABCORE_EXPORT Job
{
public:
    virtual ~Job();
    virtual QString title() const = 0;
    // Does one step. Returns true while more steps remain.
    virtual bool runStep(JobContext &context) = 0;
};

// A job made of a lambda, for small one-step work.
class HYPERSLABCORE_EXPORT FunctionJob final : public Job
{
public:
    FunctionJob(QString title, std::function<void(JobContext &)> fn);
    QString title() const override { return m_title; }
    bool runStep(JobContext &context) override;

private:
    QString m_title;
    std::function<void(JobContext &)> m_fn;
};

} // namespace hs::core
