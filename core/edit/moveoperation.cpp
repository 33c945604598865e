#include "edit/moveoperation.h"

#include "edit/structurepaths.h"

#include <QCoreApplication>

namespace hs::core {

MoveOperation::MoveOperation(const QString &path, const QString &group)
    : RenameOperation(path, edit::joinPath(group, edit::baseName(path)))
{
}

QString MoveOperation::description() const
{
    return QCoreApplication::translate("hs::core::edit", "Move %1 to %2").arg(edit::shownPath(from()), edit::shownPath(to()));
}

} // namespace hs::core
