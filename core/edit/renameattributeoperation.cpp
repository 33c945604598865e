#include "edit/renameattributeoperation.h"

#include "edit/attributewriter.h"
#include "hdf5/errorstack.h"
#include "model/names.h"
#include "services/h5file_p.h"

namespace hs::core {

RenameAttributeOperation::RenameAttributeOperation(QString objectPath, QString from, QString to)
    : m_path(std::move(objectPath)), m_from(std::move(from)), m_to(std::move(to))
{
}

QString RenameAttributeOperation::description() const
{
    return QStringLiteral("Rename attribute %1 of %2 to %3")
        .arg(names::toEscaped(m_from), names::toEscaped(m_path), names::toEscaped(m_to));
}

Status RenameAttributeOperation::apply(EditContext &context) { return rename(context, m_from, m_to); }

Status RenameAttributeOperation::revert(EditContext &context) { return rename(context, m_to, m_from); }

Status RenameAttributeOperation::rename(EditContext &context, const QString &from, const QString &to)
{
    const H5File &file = *context.file();
    const QString where = attributewriter::subject(m_path, file.displayName());
    const QString what = QStringLiteral("rename attribute %1 of").arg(names::toEscaped(from));
    if (to.isEmpty() || to == from)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("Could not %1 %2: give it a new name.").arg(what, where));
    LibraryLock lock;
    const QByteArray oldName = names::encode(from);
    const QByteArray newName = names::encode(to);
    ObjectHandle obj = attributewriter::openObject(fileId(file), m_path);
    if (!obj)
        return errorstack::capture(what, where);
    if (attributewriter::exists(obj.get(), newName)) {
        errorstack::clear();
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("An attribute named %1 already exists on %2.").arg(names::toEscaped(to), where));
    }
    if (!attributewriter::exists(obj.get(), oldName)) {
        errorstack::clear();
        return Error::make(ErrorCode::NotFound,
                           QStringLiteral("Could not %1 %2: it has no such attribute.").arg(what, where));
    }
    if (H5Arename(obj.get(), oldName.constData(), newName.constData()) < 0)
        return errorstack::capture(what, where);
    errorstack::clear();
    context.changes().attributesChanged.push_back(m_path);
    return Ok{};
}

} // namespace hs::core
