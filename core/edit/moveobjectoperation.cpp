#include "edit/moveobjectoperation.h"

#include "edit/copyobjectoperation.h"
#include "hdf5/errorstack.h"
#include "hdf5/names.h"
#include "services/h5file_p.h"

#include <QCoreApplication>

namespace hs::core {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("hs::core::MoveObjectOperation", text); }
} // namespace

MoveObjectOperation::MoveObjectOperation(QString from, QString to) : m_from(std::move(from)), m_to(std::move(to)) {}

QString MoveObjectOperation::description() const
{
    return tr("Move %1 to %2").arg(names::toEscaped(m_from), names::toEscaped(m_to));
}

Status MoveObjectOperation::apply(EditContext &context) { return move(context, m_from, m_to); }

Status MoveObjectOperation::revert(EditContext &context) { return move(context, m_to, m_from); }

Status MoveObjectOperation::move(EditContext &context, const QString &from, const QString &to)
{
    const H5File &file = *context.file();
    const QString subject = file.displayName() + QLatin1Char(':') + from;
    if (to == from || to.startsWith(from + QLatin1Char('/')))
        return Error::make(ErrorCode::InvalidArgument, tr("%1 cannot be moved into itself.").arg(subject));
    if (CopyObjectOperation::exists(context.file(), to))
        return Error::make(ErrorCode::InvalidArgument,
                           tr("%1 already has an object named “%2”; nothing was moved.").arg(file.displayName(), to));
    LibraryLock lock;
    if (H5Lmove(fileId(file), names::encode(from).constData(), fileId(file), names::encode(to).constData(), H5P_DEFAULT,
                H5P_DEFAULT)
        < 0)
        return errorstack::capture(tr("move"), subject);
    context.changes().moved.emplace_back(from, to);
    context.changes().membersChanged.push_back(CopyObjectOperation::parentOf(from));
    if (CopyObjectOperation::parentOf(to) != CopyObjectOperation::parentOf(from))
        context.changes().membersChanged.push_back(CopyObjectOperation::parentOf(to));
    return Ok{};
}

} // namespace hs::core
