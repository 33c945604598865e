#include "edit/setattributevalueoperation.h"

#include "edit/attributesnapshot.h"
#include "edit/attributevalueparser.h"
#include "edit/attributewriter.h"
#include "hdf5/errorstack.h"
#include "model/names.h"
#include "services/h5file_p.h"

namespace hs::core {

SetAttributeValueOperation::SetAttributeValueOperation(QString objectPath, QString name, AttributeType type, bool scalar,
                                                       QString valueText)
    : m_path(std::move(objectPath)), m_name(std::move(name)), m_type(std::move(type)), m_scalar(scalar),
      m_text(std::move(valueText))
{
}

SetAttributeValueOperation::~SetAttributeValueOperation() = default;

QString SetAttributeValueOperation::description() const
{
    QString value = m_text.trimmed();
    if (m_type.kind == AttributeType::Kind::String && m_scalar)
        value = QStringLiteral("\"%1\"").arg(m_text);
    else if (!m_scalar && !value.startsWith(u'['))
        value = QStringLiteral("[%1]").arg(value);
    value.replace(u'\n', QStringLiteral("\\n")); // one line in the history
    if (value.size() > 60)
        value = value.left(59) + QStringLiteral("\u2026");
    return QStringLiteral("Set attribute %1 of %2 to %3").arg(names::toEscaped(m_name), names::toEscaped(m_path), value);
}

Status SetAttributeValueOperation::apply(EditContext &context)
{
    const H5File &file = *context.file();
    const QString where = attributewriter::subject(m_path, file.displayName());
    const QString what = QStringLiteral("set attribute %1 of").arg(names::toEscaped(m_name));
    auto fail = [&](const QString &why) {
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("Could not %1 %2: %3").arg(what, where, why));
    };
    auto parsed = AttributeValueParser::parse(m_type, m_text, m_scalar);
    if (!parsed)
        return fail(parsed.error().message);
    const ParsedValues &values = parsed.value();

    LibraryLock lock;
    const QByteArray name = names::encode(m_name);
    ObjectHandle obj = attributewriter::openObject(fileId(file), m_path);
    AttributeHandle attr(obj ? H5Aopen(obj.get(), name.constData(), H5P_DEFAULT) : H5I_INVALID_HID);
    DatatypeHandle type(attr ? H5Aget_type(attr.get()) : H5I_INVALID_HID);
    DataspaceHandle space(attr ? H5Aget_space(attr.get()) : H5I_INVALID_HID);
    if (!attr || !type || !space)
        return errorstack::capture(what, where);
    auto current = attributewriter::classify(type.get());
    if (!current)
        return fail(current.error().message);
    const int rank = H5Sget_simple_extent_ndims(space.get());
    const H5S_class_t spaceClass = H5Sget_simple_extent_type(space.get());
    const hssize_t count = H5Sget_simple_extent_npoints(space.get());
    if (current.value() != m_type || (spaceClass == H5S_SCALAR) != m_scalar || spaceClass == H5S_NULL || rank < 0 || count < 0) {
        errorstack::clear();
        return fail(QStringLiteral("its type or shape changed since the value was read; select it again."));
    }
    const bool sameCount = quint64(count) == values.count;
    if (!sameCount && rank != 1)
        return fail(QStringLiteral("%1 values are given; it holds %2.").arg(values.count).arg(count));

    m_before = AttributeSnapshot::capture(obj.get(), name);
    if (!m_before)
        return errorstack::capture(what, where);
    m_remade = !sameCount;
    if (sameCount) {
        if (!attributewriter::write(attr.get(), m_type, values)) {
            const Error e = errorstack::capture(what, where);
            m_before->rewrite(attr.get()); // a failed write may have changed part of it
            errorstack::clear();
            return e;
        }
        errorstack::clear();
        context.changes().attributesChanged.push_back(m_path);
        return Ok{};
    }
    // A new length: the attribute is made again (it takes the next place in
    // the creation order), with the same type and name encoding.
    PropListHandle acpl(H5Aget_create_plist(attr.get()));
    attr.reset();
    const hsize_t dims[1] = {hsize_t(values.count)};
    DataspaceHandle newSpace(H5Screate_simple(1, dims, nullptr));
    if (!acpl || !newSpace || H5Adelete(obj.get(), name.constData()) < 0)
        return errorstack::capture(what, where);
    AttributeHandle remade(H5Acreate2(obj.get(), name.constData(), type.get(), newSpace.get(), acpl.get(), H5P_DEFAULT));
    if (!remade || !attributewriter::write(remade.get(), m_type, values)) {
        const Error e = errorstack::capture(what, where);
        remade.reset();
        if (H5Aexists(obj.get(), name.constData()) > 0)
            H5Adelete(obj.get(), name.constData());
        m_before->recreate(obj.get(), name);
        errorstack::clear();
        return e;
    }
    errorstack::clear();
    context.changes().attributesChanged.push_back(m_path);
    return Ok{};
}

Status SetAttributeValueOperation::revert(EditContext &context)
{
    const H5File &file = *context.file();
    const QString where = attributewriter::subject(m_path, file.displayName());
    const QString what = QStringLiteral("restore the value of attribute %1 of").arg(names::toEscaped(m_name));
    if (!m_before)
        return Error::make(ErrorCode::Internal, QStringLiteral("Could not %1 %2: nothing was recorded.").arg(what, where));
    LibraryLock lock;
    const QByteArray name = names::encode(m_name);
    ObjectHandle obj = attributewriter::openObject(fileId(file), m_path);
    if (!obj)
        return errorstack::capture(what, where);
    if (m_remade) {
        // The value as applied, to put back should the old one not go in.
        const std::unique_ptr<AttributeSnapshot> applied = AttributeSnapshot::capture(obj.get(), name);
        if (!applied || H5Adelete(obj.get(), name.constData()) < 0)
            return errorstack::capture(what, where);
        if (!m_before->recreate(obj.get(), name)) {
            const Error e = errorstack::capture(what, where);
            applied->recreate(obj.get(), name);
            errorstack::clear();
            return e;
        }
    } else {
        AttributeHandle attr(H5Aopen(obj.get(), name.constData(), H5P_DEFAULT));
        if (!attr || !m_before->rewrite(attr.get()))
            return errorstack::capture(what, where);
    }
    errorstack::clear();
    context.changes().attributesChanged.push_back(m_path);
    return Ok{};
}

} // namespace hs::core
