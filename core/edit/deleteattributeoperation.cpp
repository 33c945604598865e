#include "edit/deleteattributeoperation.h"

#include "edit/attributesnapshot.h"
#include "edit/attributewriter.h"
#include "hdf5/errorstack.h"
#include "model/names.h"
#include "services/h5file_p.h"

namespace hs::core {

DeleteAttributeOperation::DeleteAttributeOperation(QString objectPath, QString name)
    : m_path(std::move(objectPath)), m_name(std::move(name))
{
}

DeleteAttributeOperation::~DeleteAttributeOperation() = default;

QString DeleteAttributeOperation::description() const
{
    return QStringLiteral("Delete attribute %1 of %2").arg(names::toEscaped(m_name), names::toEscaped(m_path));
}

Status DeleteAttributeOperation::apply(EditContext &context)
{
    const H5File &file = *context.file();
    const QString where = attributewriter::subject(m_path, file.displayName());
    const QString what = QStringLiteral("delete attribute %1 of").arg(names::toEscaped(m_name));
    LibraryLock lock;
    const QByteArray name = names::encode(m_name);
    ObjectHandle obj = attributewriter::openObject(fileId(file), m_path);
    if (!obj)
        return errorstack::capture(what, where);
    if (!attributewriter::exists(obj.get(), name)) {
        errorstack::clear();
        return Error::make(ErrorCode::NotFound, QStringLiteral("Could not %1 %2: it has no such attribute.").arg(what, where));
    }
    m_before = AttributeSnapshot::capture(obj.get(), name);
    if (!m_before || H5Adelete(obj.get(), name.constData()) < 0)
        return errorstack::capture(what, where);
    errorstack::clear();
    context.changes().attributesChanged.push_back(m_path);
    return Ok{};
}

Status DeleteAttributeOperation::revert(EditContext &context)
{
    const H5File &file = *context.file();
    const QString where = attributewriter::subject(m_path, file.displayName());
    const QString what = QStringLiteral("bring back attribute %1 of").arg(names::toEscaped(m_name));
    if (!m_before)
        return Error::make(ErrorCode::Internal, QStringLiteral("Could not %1 %2: nothing was recorded.").arg(what, where));
    LibraryLock lock;
    const QByteArray name = names::encode(m_name);
    ObjectHandle obj = attributewriter::openObject(fileId(file), m_path);
    if (!obj)
        return errorstack::capture(what, where);
    if (attributewriter::exists(obj.get(), name)) {
        errorstack::clear();
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("An attribute named %1 already exists on %2.").arg(names::toEscaped(m_name), where));
    }
    if (!m_before->recreate(obj.get(), name))
        return errorstack::capture(what, where);
    errorstack::clear();
    context.changes().attributesChanged.push_back(m_path);
    return Ok{};
}

} // namespace hs::core
