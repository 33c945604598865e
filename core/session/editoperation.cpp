#include "session/editoperation.h"

namespace hs::core {

bool ValueRegion::intersects(const ValueRegion &other) const
{
    if (start.size() != other.start.size() || count.size() != start.size() || other.count.size() != start.size())
        return start.empty() && other.start.empty(); // a scalar is one value; ranks that differ never meet
    for (size_t i = 0; i < start.size(); ++i) {
        if (count[i] == 0 || other.count[i] == 0)
            return false;
        if (start[i] >= other.start[i] + other.count[i] || other.start[i] >= start[i] + count[i])
            return false;
    }
    return true;
}

bool ChangeSet::isEmpty() const
{
    return membersChanged.empty() && objectsChanged.empty() && attributesChanged.empty() && valuesChanged.empty()
        && removed.empty() && moved.empty();
}

EditContext::EditContext(H5FilePtr file, const std::atomic_bool *cancel, std::function<void(qint64, qint64)> progress)
    : m_file(std::move(file)), m_cancel(cancel), m_progress(std::move(progress))
{
}

void EditContext::setProgress(qint64 done, qint64 total) const
{
    if (m_progress)
        m_progress(done, total);
}

EditOperation::~EditOperation() = default;

} // namespace hs::core
