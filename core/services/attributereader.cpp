#include "services/attributereader.h"

namespace hs::core {
// Placeholder: the issue-4 attributes work replaces this file.
Result<std::vector<AttributeInfo>> AttributeReader::list(const H5FilePtr &, const QString &, const Options &)
{
    return Error::make(ErrorCode::Internal, QStringLiteral("Attributes are not implemented yet."));
}
Result<QString> AttributeReader::fullValue(const H5FilePtr &, const QString &, const QString &, const FormatOptions &)
{
    return Error::make(ErrorCode::Internal, QStringLiteral("Attributes are not implemented yet."));
}
bool AttributeReader::tracksCreationOrder(const H5FilePtr &, const QString &) { return false; }
} // namespace hs::core
