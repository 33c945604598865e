#include "edit/attributewriter.h"

#include "hdf5/compat.h"
#include "hdf5/datasetaccess.h"
#include "hdf5/errorstack.h"
#include "model/names.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace hs::core::attributewriter {

namespace {

hid_t nativeInteger(int bytes, bool isSigned)
{
    switch (bytes) {
    case 1: return isSigned ? H5T_NATIVE_INT8 : H5T_NATIVE_UINT8;
    case 2: return isSigned ? H5T_NATIVE_INT16 : H5T_NATIVE_UINT16;
    case 4: return isSigned ? H5T_NATIVE_INT32 : H5T_NATIVE_UINT32;
    default: return isSigned ? H5T_NATIVE_INT64 : H5T_NATIVE_UINT64;
    }
}

hid_t standardInteger(int bytes, bool isSigned)
{
    switch (bytes) {
    case 1: return isSigned ? H5T_STD_I8LE : H5T_STD_U8LE;
    case 2: return isSigned ? H5T_STD_I16LE : H5T_STD_U16LE;
    case 4: return isSigned ? H5T_STD_I32LE : H5T_STD_U32LE;
    default: return isSigned ? H5T_STD_I64LE : H5T_STD_U64LE;
    }
}

DatatypeHandle enumType(const AttributeType &t, hid_t base)
{
    DatatypeHandle e(H5Tenum_create(base));
    if (!e)
        return e;
    for (const auto &[name, value] : t.members) {
        // The value in the base's own size, as H5Tenum_insert reads it.
        QByteArray bytes(8, '\0');
        switch (t.bytes) {
        case 1: { const qint8 v = qint8(value); std::memcpy(bytes.data(), &v, 1); break; }
        case 2: { const qint16 v = qint16(value); std::memcpy(bytes.data(), &v, 2); break; }
        case 4: { const qint32 v = qint32(value); std::memcpy(bytes.data(), &v, 4); break; }
        default: std::memcpy(bytes.data(), &value, 8); break;
        }
        if (H5Tenum_insert(e.get(), names::encode(name).constData(), bytes.constData()) < 0)
            return DatatypeHandle();
    }
    return e;
}

DatatypeHandle stringType(const AttributeType &t)
{
    DatatypeHandle s(H5Tcopy(H5T_C_S1));
    if (!s)
        return s;
    const H5T_str_t pad = t.padding == AttributeType::Padding::NullTerminated ? H5T_STR_NULLTERM
                        : t.padding == AttributeType::Padding::SpacePadded    ? H5T_STR_SPACEPAD
                                                                              : H5T_STR_NULLPAD;
    if (H5Tset_size(s.get(), t.variableLength ? H5T_VARIABLE : size_t(std::max(t.bytes, 1))) < 0
        || H5Tset_cset(s.get(), t.utf8 ? H5T_CSET_UTF8 : H5T_CSET_ASCII) < 0
        || (!t.variableLength && H5Tset_strpad(s.get(), pad) < 0))
        return DatatypeHandle();
    return s;
}

bool isIeee(hid_t type, size_t size)
{
    size_t spos = 0, epos = 0, esize = 0, mpos = 0, msize = 0;
    if (H5Tget_fields(type, &spos, &epos, &esize, &mpos, &msize) < 0)
        return false;
    if (size == 4)
        return spos == 31 && epos == 23 && esize == 8 && mpos == 0 && msize == 23 && H5Tget_offset(type) == 0;
    return spos == 63 && epos == 52 && esize == 11 && mpos == 0 && msize == 52 && H5Tget_offset(type) == 0;
}

Error refuse(QString why) { return Error::make(ErrorCode::Unsupported, std::move(why)); }

} // namespace

ObjectHandle openObject(hid_t file, const QString &path)
{
    const QByteArray p = names::encode(path.isEmpty() ? QStringLiteral("/") : path);
    compat::ObjectInfo info;
    if (compat::objectInfoByName(file, p.constData(), &info) >= 0 && info.type == H5O_TYPE_DATASET)
        return ObjectHandle(openDataset(file, p.constData()));
    return ObjectHandle(H5Oopen(file, p.constData(), H5P_DEFAULT));
}

bool exists(hid_t obj, const QByteArray &name)
{
    return H5Aexists(obj, name.constData()) > 0;
}

DatatypeHandle memoryType(const AttributeType &t)
{
    switch (t.kind) {
    case AttributeType::Kind::Integer: return DatatypeHandle(H5Tcopy(nativeInteger(t.bytes, t.isSigned)));
    case AttributeType::Kind::Float: return DatatypeHandle(H5Tcopy(t.bytes == 4 ? H5T_NATIVE_FLOAT : H5T_NATIVE_DOUBLE));
    case AttributeType::Kind::String: return stringType(t);
    case AttributeType::Kind::Enum:
    case AttributeType::Kind::Boolean: return enumType(t, nativeInteger(t.bytes, t.isSigned));
    }
    return {};
}

DatatypeHandle fileType(const AttributeType &t)
{
    switch (t.kind) {
    case AttributeType::Kind::Integer: return DatatypeHandle(H5Tcopy(standardInteger(t.bytes, t.isSigned)));
    case AttributeType::Kind::Float: return DatatypeHandle(H5Tcopy(t.bytes == 4 ? H5T_IEEE_F32LE : H5T_IEEE_F64LE));
    case AttributeType::Kind::String: return stringType(t);
    case AttributeType::Kind::Enum:
    case AttributeType::Kind::Boolean: return enumType(t, standardInteger(t.bytes, t.isSigned));
    }
    return {};
}

Result<AttributeType> classify(hid_t type)
{
    const H5T_class_t cls = H5Tget_class(type);
    const size_t size = H5Tget_size(type);
    switch (cls) {
    case H5T_INTEGER: {
        if (size != 1 && size != 2 && size != 4 && size != 8)
            return refuse(QStringLiteral("Its %1-byte integers are not a size the editors cover (1, 2, 4 or 8 bytes).").arg(size));
        if (H5Tget_precision(type) != size * 8 || H5Tget_offset(type) != 0)
            return refuse(QStringLiteral("Its integers use only part of their bits, which the editors do not cover."));
        return AttributeType::integer(int(size), H5Tget_sign(type) == H5T_SGN_2);
    }
    case H5T_FLOAT:
        if ((size != 4 && size != 8) || !isIeee(type, size))
            return refuse(QStringLiteral("Only 32- and 64-bit IEEE floats can be edited; this attribute holds %1-bit floats of another layout.").arg(size * 8));
        return AttributeType::floating(int(size));
    case H5T_STRING: {
        const H5T_cset_t cset = H5Tget_cset(type);
        const htri_t vlen = H5Tis_variable_str(type);
        if (vlen < 0)
            return refuse(QStringLiteral("Its string type cannot be read."));
        AttributeType t = AttributeType::string(cset == H5T_CSET_UTF8, vlen ? 0 : int(size));
        if (!vlen) {
            const H5T_str_t pad = H5Tget_strpad(type);
            t.padding = pad == H5T_STR_NULLTERM ? AttributeType::Padding::NullTerminated
                      : pad == H5T_STR_SPACEPAD ? AttributeType::Padding::SpacePadded
                                                : AttributeType::Padding::NullPadded;
        }
        return t;
    }
    case H5T_ENUM: {
        DatatypeHandle base(H5Tget_super(type));
        if (!base)
            return refuse(QStringLiteral("Its enum type cannot be read."));
        auto baseType = classify(base.get());
        if (!baseType || baseType->kind != AttributeType::Kind::Integer)
            return refuse(QStringLiteral("Its enum is not based on an ordinary integer."));
        const int n = H5Tget_nmembers(type);
        if (n < 0)
            return refuse(QStringLiteral("Its enum type cannot be read."));
        std::vector<std::pair<QString, qint64>> members;
        for (int i = 0; i < n; ++i) {
            char *name = H5Tget_member_name(type, unsigned(i));
            // The value in the base's size, converted to a native 64-bit integer of its sign.
            unsigned char raw[8] = {};
            const herr_t got = H5Tget_member_value(type, unsigned(i), raw);
            if (got >= 0)
                H5Tconvert(base.get(), baseType->isSigned ? H5T_NATIVE_INT64 : H5T_NATIVE_UINT64, 1, raw, nullptr, H5P_DEFAULT);
            qint64 value = 0;
            std::memcpy(&value, raw, 8);
            members.emplace_back(names::decode(name), value);
            H5free_memory(name);
            if (got < 0)
                return refuse(QStringLiteral("Its enum type cannot be read."));
        }
        AttributeType t = AttributeType::enumeration(std::move(members), baseType->bytes, baseType->isSigned);
        const AttributeType boolean = AttributeType::boolean();
        const auto &m = t.members;
        const bool isBool = t.bytes == 1 && t.isSigned && m.size() == 2
                         && ((m[0] == boolean.members[0] && m[1] == boolean.members[1])
                             || (m[0] == boolean.members[1] && m[1] == boolean.members[0]));
        if (isBool)
            t = boolean; // h5py's bool
        return t;
    }
    case H5T_COMPOUND: return refuse(QStringLiteral("Attributes of compound type cannot be edited here; rename or delete them instead."));
    case H5T_ARRAY: return refuse(QStringLiteral("Attributes of array type cannot be edited here; rename or delete them instead."));
    case H5T_VLEN: return refuse(QStringLiteral("Attributes holding variable-length sequences cannot be edited here; rename or delete them instead."));
    case H5T_REFERENCE: return refuse(QStringLiteral("Attributes holding references cannot be edited here; rename or delete them instead."));
    case H5T_OPAQUE: return refuse(QStringLiteral("Attributes of opaque type cannot be edited here; rename or delete them instead."));
    case H5T_BITFIELD: return refuse(QStringLiteral("Attributes of bitfield type cannot be edited here; rename or delete them instead."));
    default: return refuse(QStringLiteral("Attributes of this type cannot be edited here; rename or delete them instead."));
    }
}

bool write(hid_t attr, const AttributeType &type, const ParsedValues &values)
{
    DatatypeHandle mem = memoryType(type);
    if (!mem)
        return false;
    if (type.kind == AttributeType::Kind::String && type.variableLength) {
        std::vector<const char *> pointers;
        pointers.reserve(values.strings.size());
        for (const QByteArray &s : values.strings)
            pointers.push_back(s.constData());
        const char *none = "";
        return H5Awrite(attr, mem.get(), pointers.empty() ? static_cast<const void *>(&none) : pointers.data()) >= 0;
    }
    static const char empty[8] = {};
    return H5Awrite(attr, mem.get(), values.fixed.isEmpty() ? empty : values.fixed.constData()) >= 0;
}

Result<ParsedValues> read(hid_t attr, const AttributeType &type, quint64 count)
{
    DatatypeHandle mem = memoryType(type);
    if (!mem)
        return errorstack::capture(QStringLiteral("read the attribute"));
    ParsedValues out;
    out.count = count;
    if (type.kind == AttributeType::Kind::String && type.variableLength) {
        std::vector<char *> pointers(std::max<quint64>(count, 1), nullptr);
        if (H5Aread(attr, mem.get(), pointers.data()) < 0)
            return errorstack::capture(QStringLiteral("read the attribute"));
        for (quint64 i = 0; i < count; ++i)
            out.strings.push_back(pointers[i] ? QByteArray(pointers[i]) : QByteArray());
        DataspaceHandle space(H5Aget_space(attr));
        compat::reclaimVlen(mem.get(), space.get(), pointers.data());
        return out;
    }
    out.fixed = QByteArray(qsizetype(count) * AttributeValueParser::elementSize(type), '\0');
    if (count > 0 && H5Aread(attr, mem.get(), out.fixed.data()) < 0)
        return errorstack::capture(QStringLiteral("read the attribute"));
    return out;
}

QString subject(const QString &objectPath, const QString &fileName)
{
    return QStringLiteral("%1 in %2").arg(names::toEscaped(objectPath), fileName);
}

} // namespace hs::core::attributewriter
