#include "plot/reduction.h"

namespace hs::core {

Reduction::~Reduction() = default;

Status Reduction::run(const std::atomic_bool *cancel, const std::function<void(quint64, quint64)> &progress)
{
    for (;;) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return Error::make(ErrorCode::Cancelled, QStringLiteral("Cancelled."));
        const bool more = step();
        if (progress)
            progress(m_done, m_total);
        if (!more)
            break;
    }
    if (m_error)
        return *m_error;
    return Ok{};
}

} // namespace hs::core
