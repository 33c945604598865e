#pragma once

#include "hyperslabcore_export.h"
#include "session/editoperation.h"

namespace hs::core {

// Gives the link at `from` the path `to` (H5Lmove: the same object, soft or
// external link, under a new name or in another group of the same file).
// A `to` that exists, a missing parent group, or a group moved into itself is
// refused. Revert moves it back.
class HYPERSLABCORE_EXPORT RenameOperation : public EditOperation
{
public:
    RenameOperation(QString from, QString to);
    QString description() const override;
    Status apply(EditContext &context) override;
    Status revert(EditContext &context) override;
    const QString &from() const { return m_from; }
    const QString &to() const { return m_to; }

private:
    Status move(EditContext &context, const QString &from, const QString &to) const;
    QString m_from;
    QString m_to;
};

} // namespace hs::core
