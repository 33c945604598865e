#include "edit/setsoftlinktargetoperation.h"

#include "edit/structureedit_p.h"

namespace hs::core {

using namespace edit;

SetSoftLinkTargetOperation::SetSoftLinkTargetOperation(QString path, QString target)
    : m_path(std::move(path)), m_target(std::move(target))
{
}

QString SetSoftLinkTargetOperation::description() const
{
    return trEdit("Point %1 to %2").arg(shownPath(m_path), shownPath(m_target));
}

Status SetSoftLinkTargetOperation::retarget(EditContext &context, const QString &target, QString *previous)
{
    const H5File &file = *context.file();
    if (target.isEmpty())
        return refused(ErrorCode::InvalidArgument, trEdit("A soft link needs a target path."));
    LibraryLock lock;
    if (Status s = requireLink(file, m_path); !s)
        return s;
    const hid_t fid = fileId(file);
    const QByteArray p = nativePath(m_path);
    compat::LinkInfo link{};
    if (compat::linkInfoByName(fid, p.constData(), &link) < 0)
        return errorstack::capture(QStringLiteral("read the link"), shownPath(m_path));
    if (link.type != H5L_TYPE_SOFT)
        return refused(ErrorCode::InvalidArgument,
                       trEdit("\u201c%1\u201d in \u201c%2\u201d is not a soft link.").arg(shownPath(m_path), file.displayName()));
    QByteArray old(qsizetype(link.u.val_size), '\0');
    if (H5Lget_val(fid, p.constData(), old.data(), old.size(), H5P_DEFAULT) < 0)
        return errorstack::capture(QStringLiteral("read the link"), shownPath(m_path));
    old = QByteArray(old.constData()); // up to the terminating null
    PropListHandle lcpl = linkCreationList();
    const QByteArray t = nativePath(target);
    if (H5Ldelete(fid, p.constData(), H5P_DEFAULT) < 0)
        return errorstack::capture(QStringLiteral("change the link"), shownPath(m_path));
    if (H5Lcreate_soft(t.constData(), fid, p.constData(), lcpl.get(), H5P_DEFAULT) < 0) {
        Error e = errorstack::capture(QStringLiteral("change the link"), shownPath(m_path));
        H5Lcreate_soft(old.constData(), fid, p.constData(), lcpl.get(), H5P_DEFAULT);
        errorstack::clear();
        return e;
    }
    if (previous)
        *previous = names::decode(old.constData(), old.size());
    addOnce(context.changes().objectsChanged, m_path);
    addOnce(context.changes().membersChanged, parentPath(m_path));
    return Ok{};
}

Status SetSoftLinkTargetOperation::apply(EditContext &context)
{
    return retarget(context, m_target, &m_previous);
}

Status SetSoftLinkTargetOperation::revert(EditContext &context)
{
    return retarget(context, m_previous, nullptr);
}

} // namespace hs::core
