#pragma once

#include "hyperslabcore_export.h"
#include "session/editoperation.h"

namespace hs::core {

// Moves (renames) a link within a file: the object stays the same, only the
// path that reaches it changes. Revert moves it back. (Minimal: written for
// Shift-drag in the tree; refuses a name that exists.)
class HYPERSLABCORE_EXPORT MoveObjectOperation final : public EditOperation
{
public:
    MoveObjectOperation(QString from, QString to);

    QString description() const override;
    Status apply(EditContext &context) override;
    Status revert(EditContext &context) override;

private:
    Status move(EditContext &context, const QString &from, const QString &to);
    QString m_from;
    QString m_to;
};

} // namespace hs::core
