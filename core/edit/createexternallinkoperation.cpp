#include "edit/createexternallinkoperation.h"

#include "edit/structureedit_p.h"

#include <QFile>

namespace hs::core {

using namespace edit;

CreateExternalLinkOperation::CreateExternalLinkOperation(QString path, QString fileName, QString objectPath)
    : m_path(std::move(path)), m_fileName(std::move(fileName)), m_objectPath(std::move(objectPath))
{
}

QString CreateExternalLinkOperation::description() const
{
    return trEdit("Create external link %1 \u2192 %2:%3").arg(shownPath(m_path), m_fileName, shownPath(m_objectPath));
}

Status CreateExternalLinkOperation::apply(EditContext &context)
{
    const H5File &file = *context.file();
    if (m_fileName.isEmpty() || !m_objectPath.startsWith(QLatin1Char('/')))
        return refused(ErrorCode::InvalidArgument,
                       trEdit("An external link needs a file name and an absolute path in that file (\u201c/\u2026\u201d)."));
    LibraryLock lock;
    if (Status s = requireFreePath(file, m_path); !s)
        return s;
    PropListHandle lcpl = linkCreationList();
    const QByteArray p = nativePath(m_path), o = nativePath(m_objectPath);
    const QByteArray f = QFile::encodeName(m_fileName);
    if (H5Lcreate_external(f.constData(), o.constData(), fileId(file), p.constData(), lcpl.get(), H5P_DEFAULT) < 0)
        return errorstack::capture(QStringLiteral("create the external link"), shownPath(m_path));
    addOnce(context.changes().membersChanged, parentPath(m_path));
    return Ok{};
}

Status CreateExternalLinkOperation::revert(EditContext &context)
{
    const H5File &file = *context.file();
    LibraryLock lock;
    if (Status s = requireLink(file, m_path); !s)
        return s;
    const QByteArray p = nativePath(m_path);
    if (linkValueAt(fileId(file), m_path) != QFile::encodeName(m_fileName) + '\n' + nativePath(m_objectPath))
        return refused(ErrorCode::Internal, trEdit("\u201c%1\u201d in \u201c%2\u201d is no longer the link this step created.")
                                                .arg(shownPath(m_path), file.displayName()));
    if (H5Ldelete(fileId(file), p.constData(), H5P_DEFAULT) < 0)
        return errorstack::capture(QStringLiteral("remove the external link"), shownPath(m_path));
    addOnce(context.changes().membersChanged, parentPath(m_path));
    addOnce(context.changes().removed, m_path);
    return Ok{};
}

} // namespace hs::core
