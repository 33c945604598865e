#include "edit/createsoftlinkoperation.h"

#include "edit/structureedit_p.h"

namespace hs::core {

using namespace edit;

CreateSoftLinkOperation::CreateSoftLinkOperation(QString path, QString target)
    : m_path(std::move(path)), m_target(std::move(target))
{
}

QString CreateSoftLinkOperation::description() const
{
    return trEdit("Create soft link %1 \u2192 %2").arg(shownPath(m_path), shownPath(m_target));
}

Status CreateSoftLinkOperation::apply(EditContext &context)
{
    const H5File &file = *context.file();
    if (m_target.isEmpty())
        return refused(ErrorCode::InvalidArgument, trEdit("A soft link needs a target path."));
    LibraryLock lock;
    if (Status s = requireFreePath(file, m_path); !s)
        return s;
    PropListHandle lcpl = linkCreationList();
    const QByteArray p = nativePath(m_path), t = nativePath(m_target);
    if (H5Lcreate_soft(t.constData(), fileId(file), p.constData(), lcpl.get(), H5P_DEFAULT) < 0)
        return errorstack::capture(QStringLiteral("create the soft link"), shownPath(m_path));
    addOnce(context.changes().membersChanged, parentPath(m_path));
    return Ok{};
}

Status CreateSoftLinkOperation::revert(EditContext &context)
{
    const H5File &file = *context.file();
    LibraryLock lock;
    if (Status s = requireLink(file, m_path); !s)
        return s;
    const QByteArray p = nativePath(m_path);
    if (linkValueAt(fileId(file), m_path) != nativePath(m_target))
        return refused(ErrorCode::Internal, trEdit("\u201c%1\u201d in \u201c%2\u201d is no longer the link this step created.")
                                                .arg(shownPath(m_path), file.displayName()));
    if (H5Ldelete(fileId(file), p.constData(), H5P_DEFAULT) < 0)
        return errorstack::capture(QStringLiteral("remove the soft link"), shownPath(m_path));
    addOnce(context.changes().membersChanged, parentPath(m_path));
    addOnce(context.changes().removed, m_path);
    return Ok{};
}

} // namespace hs::core
