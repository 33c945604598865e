#include "edit/creategroupoperation.h"

#include "edit/structureedit_p.h"

namespace hs::core {

using namespace edit;

CreateGroupOperation::CreateGroupOperation(QString path) : m_path(std::move(path)) {}

QString CreateGroupOperation::description() const
{
    return trEdit("Create group %1").arg(shownPath(m_path));
}

Status CreateGroupOperation::apply(EditContext &context)
{
    const H5File &file = *context.file();
    LibraryLock lock;
    if (Status s = requireFreePath(file, m_path); !s)
        return s;
    const hid_t fid = fileId(file);
    const QByteArray parent = nativePath(parentPath(m_path));
    // Follow the parent's habit of recording creation order, so the new group
    // sorts the way its siblings do.
    PropListHandle gcpl(H5Pcreate(H5P_GROUP_CREATE));
    {
        GroupHandle p(H5Gopen2(fid, parent.constData(), H5P_DEFAULT));
        PropListHandle parentGcpl(p.valid() ? H5Gget_create_plist(p.get()) : H5I_INVALID_HID);
        unsigned flags = 0;
        if (parentGcpl.valid() && H5Pget_link_creation_order(parentGcpl.get(), &flags) >= 0 && flags != 0)
            H5Pset_link_creation_order(gcpl.get(), flags);
        errorstack::clear();
    }
    PropListHandle lcpl = linkCreationList();
    const QByteArray p = nativePath(m_path);
    GroupHandle g(H5Gcreate2(fid, p.constData(), lcpl.get(), gcpl.get(), H5P_DEFAULT));
    if (!g.valid())
        return errorstack::capture(QStringLiteral("create the group"), shownPath(m_path));
    compat::ObjectInfo info{};
    if (compat::objectInfo(g.get(), &info) >= 0)
        m_created = compat::objectId(info).token;
    errorstack::clear();
    addOnce(context.changes().membersChanged, parentPath(m_path));
    return Ok{};
}

Status CreateGroupOperation::revert(EditContext &context)
{
    const H5File &file = *context.file();
    LibraryLock lock;
    if (Status s = requireLink(file, m_path); !s)
        return s;
    const hid_t fid = fileId(file);
    // Only the group this operation made: anything else at that path now was
    // put there by something this undo step does not own.
    if (hardLinkTokenAt(fid, m_path) != m_created)
        return refused(ErrorCode::Internal, trEdit("\u201c%1\u201d in \u201c%2\u201d is no longer the group this step created.")
                                                .arg(shownPath(m_path), file.displayName()));
    const QByteArray p = nativePath(m_path);
    if (H5Ldelete(fid, p.constData(), H5P_DEFAULT) < 0)
        return errorstack::capture(QStringLiteral("remove the group"), shownPath(m_path));
    addOnce(context.changes().membersChanged, parentPath(m_path));
    addOnce(context.changes().removed, m_path);
    return Ok{};
}

} // namespace hs::core
