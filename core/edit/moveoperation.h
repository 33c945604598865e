#pragma once

#include "edit/renameoperation.h"

namespace hs::core {

// Moves the link at `path` into `group`, keeping its name: a RenameOperation
// whose undo step reads "Move /a to /g/a".
class HYPERSLABCORE_EXPORT MoveOperation : public RenameOperation
{
public:
    MoveOperation(const QString &path, const QString &group);
    QString description() const override;
};

} // namespace hs::core
