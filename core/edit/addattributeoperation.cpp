#include "edit/addattributeoperation.h"

#include "edit/attributevalueparser.h"
#include "edit/attributewriter.h"
#include "hdf5/errorstack.h"
#include "model/names.h"
#include "services/h5file_p.h"

namespace hs::core {

namespace {

// One value repeated `length` times.
ParsedValues repeated(const ParsedValues &one, quint64 length)
{
    ParsedValues out;
    out.count = length;
    for (quint64 i = 0; i < length; ++i) {
        out.fixed += one.fixed;
        if (!one.strings.empty())
            out.strings.push_back(one.strings.front());
    }
    return out;
}

} // namespace

AddAttributeOperation::AddAttributeOperation(QString objectPath, QString name, AttributeType type, bool scalar,
                                             QString valueText, std::optional<quint64> length)
    : m_path(std::move(objectPath)), m_name(std::move(name)), m_type(std::move(type)), m_scalar(scalar),
      m_text(std::move(valueText)), m_length(length)
{
}

QString AddAttributeOperation::description() const
{
    return QStringLiteral("Add attribute %1 to %2").arg(names::toEscaped(m_name), names::toEscaped(m_path));
}

Status AddAttributeOperation::apply(EditContext &context)
{
    const H5File &file = *context.file();
    const QString where = attributewriter::subject(m_path, file.displayName());
    auto fail = [&](const QString &why) {
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("Could not add attribute %1 to %2: %3").arg(names::toEscaped(m_name), where, why));
    };
    if (m_name.isEmpty())
        return fail(QStringLiteral("an attribute needs a name."));
    auto parsed = AttributeValueParser::parse(m_type, m_text, m_scalar);
    if (!parsed)
        return fail(parsed.error().message);
    ParsedValues values = parsed.value();
    if (m_scalar && values.count != 1)
        return fail(QStringLiteral("a scalar holds one value."));
    if (!m_scalar && m_length && values.count != *m_length) {
        if (values.count == 1)
            values = repeated(values, *m_length);
        else
            return fail(QStringLiteral("%1 values are given for %2 elements.").arg(values.count).arg(*m_length));
    }

    LibraryLock lock;
    const QByteArray name = names::encode(m_name);
    ObjectHandle obj = attributewriter::openObject(fileId(file), m_path);
    if (!obj)
        return errorstack::capture(QStringLiteral("add an attribute to"), where);
    if (attributewriter::exists(obj.get(), name)) {
        errorstack::clear();
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("An attribute named %1 already exists on %2.")
                                                           .arg(names::toEscaped(m_name), where));
    }
    DatatypeHandle type = attributewriter::fileType(m_type);
    const hsize_t dims[1] = {hsize_t(values.count)};
    DataspaceHandle space(m_scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, dims, nullptr));
    PropListHandle acpl(H5Pcreate(H5P_ATTRIBUTE_CREATE));
    if (!type || !space || !acpl || H5Pset_char_encoding(acpl.get(), H5T_CSET_UTF8) < 0)
        return errorstack::capture(QStringLiteral("add an attribute to"), where);
    AttributeHandle attr(H5Acreate2(obj.get(), name.constData(), type.get(), space.get(), acpl.get(), H5P_DEFAULT));
    if (!attr)
        return errorstack::capture(QStringLiteral("add attribute %1 to").arg(names::toEscaped(m_name)), where);
    if (!attributewriter::write(attr.get(), m_type, values)) {
        const Error e = errorstack::capture(QStringLiteral("write attribute %1 of").arg(names::toEscaped(m_name)), where);
        attr.reset();
        H5Adelete(obj.get(), name.constData()); // nothing half-made stays
        errorstack::clear();
        return e;
    }
    errorstack::clear();
    context.changes().attributesChanged.push_back(m_path);
    return Ok{};
}

Status AddAttributeOperation::revert(EditContext &context)
{
    const H5File &file = *context.file();
    const QString where = attributewriter::subject(m_path, file.displayName());
    LibraryLock lock;
    ObjectHandle obj = attributewriter::openObject(fileId(file), m_path);
    const QByteArray name = names::encode(m_name);
    if (!obj || H5Adelete(obj.get(), name.constData()) < 0)
        return errorstack::capture(QStringLiteral("remove the added attribute %1 from").arg(names::toEscaped(m_name)), where);
    errorstack::clear();
    context.changes().attributesChanged.push_back(m_path);
    return Ok{};
}

} // namespace hs::core
