#include "services/objectinspector.h"

namespace hs::core {
// Placeholder: the issue-4 links work replaces this file.
Result<ObjectDetails> ObjectInspector::inspect(const H5FilePtr &, const QString &)
{
    return Error::make(ErrorCode::Internal, QStringLiteral("Object details are not implemented yet."));
}
Result<QStringList> ObjectInspector::findAllPaths(const H5FilePtr &, const QString &, const std::atomic_bool *,
                                                  const std::function<void(const QString &)> &,
                                                  const std::function<void(quint64)> &)
{
    return Error::make(ErrorCode::Internal, QStringLiteral("Path search is not implemented yet."));
}
} // namespace hs::core
