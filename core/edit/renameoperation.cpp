#include "edit/renameoperation.h"

#include "edit/structureedit_p.h"

namespace hs::core {

using namespace edit;

RenameOperation::RenameOperation(QString from, QString to) : m_from(std::move(from)), m_to(std::move(to)) {}

QString RenameOperation::description() const
{
    return trEdit("Rename %1 to %2").arg(shownPath(m_from), shownPath(m_to));
}

Status RenameOperation::move(EditContext &context, const QString &from, const QString &to) const
{
    const H5File &file = *context.file();
    LibraryLock lock;
    if (Status s = requireLink(file, from); !s)
        return s;
    if (from == to)
        return refused(ErrorCode::InvalidArgument, trEdit("\u201c%1\u201d already has that name.").arg(shownPath(from)));
    if (to.startsWith(from + QLatin1Char('/')))
        return refused(ErrorCode::InvalidArgument,
                       trEdit("\u201c%1\u201d cannot be moved into itself (\u201c%2\u201d).").arg(shownPath(from), shownPath(to)));
    if (Status s = requireFreePath(file, to); !s)
        return s;
    const hid_t fid = fileId(file);
    PropListHandle lcpl = linkCreationList();
    const QByteArray src = nativePath(from), dst = nativePath(to);
    if (H5Lmove(fid, src.constData(), fid, dst.constData(), lcpl.get(), H5P_DEFAULT) < 0)
        return errorstack::capture(QStringLiteral("move"), shownPath(from));
    ChangeSet &changes = context.changes();
    changes.moved.emplace_back(from, to);
    addOnce(changes.membersChanged, parentPath(from));
    addOnce(changes.membersChanged, parentPath(to));
    return Ok{};
}

Status RenameOperation::apply(EditContext &context)
{
    return move(context, m_from, m_to);
}

Status RenameOperation::revert(EditContext &context)
{
    return move(context, m_to, m_from);
}

} // namespace hs::core
