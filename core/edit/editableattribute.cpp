#include "edit/editableattribute.h"

#include "edit/attributewriter.h"
#include "hdf5/errorstack.h"
#include "model/names.h"
#include "services/h5file_p.h"

#include <QLocale>

namespace hs::core {

Result<EditableAttribute> EditableAttribute::read(const H5FilePtr &file, const QString &objectPath, const QString &name)
{
    if (!file)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("No file is open."));
    LibraryLock lock;
    const QString where = attributewriter::subject(objectPath, file->displayName());
    const QByteArray stored = names::encode(name);
    ObjectHandle obj = attributewriter::openObject(fileId(*file), objectPath);
    AttributeHandle attr(obj ? H5Aopen(obj.get(), stored.constData(), H5P_DEFAULT) : H5I_INVALID_HID);
    DatatypeHandle type(attr ? H5Aget_type(attr.get()) : H5I_INVALID_HID);
    DataspaceHandle space(attr ? H5Aget_space(attr.get()) : H5I_INVALID_HID);
    if (!attr || !type || !space)
        return errorstack::capture(QStringLiteral("read attribute %1 of").arg(names::toEscaped(name)), where);
    EditableAttribute out;
    out.name = name;
    const H5S_class_t cls = H5Sget_simple_extent_type(space.get());
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (cls == H5S_NULL || rank < 0) {
        errorstack::clear();
        out.refusal = QStringLiteral("It has no value (an empty dataspace), so there is nothing to edit.");
        return out;
    }
    out.scalar = cls == H5S_SCALAR;
    std::vector<hsize_t> dims(size_t(std::max(rank, 0)));
    if (rank > 0)
        H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    out.count = 1;
    for (hsize_t d : dims) {
        out.dims.push_back(d);
        out.count *= d;
    }
    auto kind = attributewriter::classify(type.get());
    if (!kind) {
        errorstack::clear();
        out.refusal = kind.error().message;
        return out;
    }
    out.type = kind.value();
    if (out.count > MaxElements) {
        errorstack::clear();
        out.refusal = QStringLiteral("It holds %1 values, too many to edit as text here.").arg(QLocale().toString(out.count));
        return out;
    }
    auto values = attributewriter::read(attr.get(), out.type, out.count);
    if (!values) {
        out.refusal = values.error().message;
        return out;
    }
    errorstack::clear();
    out.text = AttributeValueParser::format(out.type, values.value(), out.scalar);
    out.editable = true;
    return out;
}

} // namespace hs::core
