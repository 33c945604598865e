#include "hdf5/typedescriber.h"

#include "hdf5/handle.h"

#include <QStringList>

namespace hs::core::typedescriber {

namespace {

QString orderSuffix(hid_t type)
{
    switch (H5Tget_order(type)) {
    case H5T_ORDER_BE: return QStringLiteral("BE");
    case H5T_ORDER_LE: return QStringLiteral("LE");
    case H5T_ORDER_VAX: return QStringLiteral("VAX");
    default: return {};
    }
}

QString endianWord(hid_t type)
{
    switch (H5Tget_order(type)) {
    case H5T_ORDER_BE: return QStringLiteral("big-endian");
    case H5T_ORDER_LE: return QStringLiteral("little-endian");
    case H5T_ORDER_VAX: return QStringLiteral("VAX");
    default: return QStringLiteral("unknown-byte-order");
    }
}

QString quoted(const QString &s)
{
    QString out = s;
    out.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    out.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

QString fromHdf5String(char *s)
{
    if (!s)
        return {};
    QString out = QString::fromUtf8(s);
    H5free_memory(s);
    return out;
}

QString integerText(hid_t type)
{
    const size_t size = H5Tget_size(type);
    const bool isSigned = H5Tget_sign(type) == H5T_SGN_2;
    const size_t precision = H5Tget_precision(type);
    const int offset = H5Tget_offset(type);
    const QString order = orderSuffix(type);
    if (precision == size * 8 && offset == 0 && (size == 1 || size == 2 || size == 4 || size == 8) && !order.isEmpty()
        && order != QLatin1String("VAX"))
        return QStringLiteral("H5T_STD_%1%2%3").arg(isSigned ? QLatin1Char('I') : QLatin1Char('U')).arg(size * 8).arg(order);
    return QStringLiteral("%1-bit %2 %3 integer %4-bit precision")
        .arg(size * 8)
        .arg(endianWord(type), isSigned ? QStringLiteral("signed") : QStringLiteral("unsigned"))
        .arg(precision);
}

QString floatText(hid_t type)
{
    const size_t size = H5Tget_size(type);
    const size_t precision = H5Tget_precision(type);
    size_t spos = 0, epos = 0, esize = 0, mpos = 0, msize = 0;
    H5Tget_fields(type, &spos, &epos, &esize, &mpos, &msize);
    const QString order = orderSuffix(type);
    const bool ieeeLayout = precision == size * 8 && H5Tget_offset(type) == 0
                            && ((size == 2 && esize == 5 && msize == 10) || (size == 4 && esize == 8 && msize == 23)
                                || (size == 8 && esize == 11 && msize == 52));
    if (ieeeLayout && (order == QLatin1String("LE") || order == QLatin1String("BE")))
        return QStringLiteral("H5T_IEEE_F%1%2").arg(size * 8).arg(order);
    if (order == QLatin1String("VAX") && (size == 4 || size == 8))
        return QStringLiteral("H5T_VAX_F%1").arg(size * 8);
    return QStringLiteral("%1-bit %2 floating-point %3-bit precision").arg(size * 8).arg(endianWord(type)).arg(precision);
}

QString stringText(hid_t type)
{
    QString size = H5Tis_variable_str(type) > 0 ? QStringLiteral("H5T_VARIABLE")
                                                : QString::number(H5Tget_size(type));
    QString pad;
    switch (H5Tget_strpad(type)) {
    case H5T_STR_NULLTERM: pad = QStringLiteral("H5T_STR_NULLTERM"); break;
    case H5T_STR_NULLPAD: pad = QStringLiteral("H5T_STR_NULLPAD"); break;
    case H5T_STR_SPACEPAD: pad = QStringLiteral("H5T_STR_SPACEPAD"); break;
    default: pad = QStringLiteral("H5T_STR_ERROR"); break;
    }
    const QString cset = H5Tget_cset(type) == H5T_CSET_UTF8 ? QStringLiteral("H5T_CSET_UTF8")
                                                            : QStringLiteral("H5T_CSET_ASCII");
    return QStringLiteral("H5T_STRING { STRSIZE %1; STRPAD %2; CSET %3; CTYPE H5T_C_S1; }").arg(size, pad, cset);
}

QString enumValueText(hid_t base, const unsigned char *raw)
{
    // Enum values are integers of the base type; convert to a wide native integer.
    const bool isSigned = H5Tget_sign(base) == H5T_SGN_2;
    unsigned char buf[16] = {};
    memcpy(buf, raw, std::min<size_t>(H5Tget_size(base), sizeof buf));
    if (isSigned) {
        if (H5Tconvert(base, H5T_NATIVE_LLONG, 1, buf, nullptr, H5P_DEFAULT) < 0)
            return QStringLiteral("?");
        long long v;
        memcpy(&v, buf, sizeof v);
        return QString::number(v);
    }
    if (H5Tconvert(base, H5T_NATIVE_ULLONG, 1, buf, nullptr, H5P_DEFAULT) < 0)
        return QStringLiteral("?");
    unsigned long long v;
    memcpy(&v, buf, sizeof v);
    return QString::number(v);
}

QString enumText(hid_t type)
{
    DatatypeHandle base(H5Tget_super(type));
    QStringList parts;
    parts << QStringLiteral("H5T_ENUM {") << ddlText(base.get()) + QLatin1Char(';');
    const int n = H5Tget_nmembers(type);
    std::vector<unsigned char> raw(std::max<size_t>(H5Tget_size(type), 16));
    for (int i = 0; i < n; ++i) {
        const QString name = fromHdf5String(H5Tget_member_name(type, unsigned(i)));
        H5Tget_member_value(type, unsigned(i), raw.data());
        parts << quoted(name) << enumValueText(base.get(), raw.data()) + QLatin1Char(';');
    }
    parts << QStringLiteral("}");
    return parts.join(QLatin1Char(' '));
}

QString compoundText(hid_t type)
{
    QStringList parts{QStringLiteral("H5T_COMPOUND {")};
    const int n = H5Tget_nmembers(type);
    for (int i = 0; i < n; ++i) {
        DatatypeHandle member(H5Tget_member_type(type, unsigned(i)));
        const QString name = fromHdf5String(H5Tget_member_name(type, unsigned(i)));
        parts << ddlText(member.get()) + QLatin1Char(' ') + quoted(name) + QLatin1Char(';');
    }
    parts << QStringLiteral("}");
    return parts.join(QLatin1Char(' '));
}

QString arrayText(hid_t type)
{
    const int rank = H5Tget_array_ndims(type);
    std::vector<hsize_t> dims(static_cast<size_t>(std::max(rank, 0)));
    if (rank > 0)
        H5Tget_array_dims2(type, dims.data());
    QString shape;
    for (hsize_t d : dims)
        shape += QStringLiteral("[%1]").arg(d);
    DatatypeHandle base(H5Tget_super(type));
    return QStringLiteral("H5T_ARRAY { %1 %2 }").arg(shape, ddlText(base.get()));
}

QString referenceText(hid_t type)
{
    if (H5Tequal(type, H5T_STD_REF_OBJ) > 0)
        return QStringLiteral("H5T_REFERENCE { H5T_STD_REF_OBJECT }");
    if (H5Tequal(type, H5T_STD_REF_DSETREG) > 0)
        return QStringLiteral("H5T_REFERENCE { H5T_STD_REF_DSETREG }");
#if H5_VERSION_GE(1, 12, 0)
    if (H5Tequal(type, H5T_STD_REF) > 0)
        return QStringLiteral("H5T_REFERENCE { H5T_STD_REF }");
    return QStringLiteral("H5T_REFERENCE");
#else
    // The file format knows three reference encodings: object and dataset
    // region (HDF5 1.0) and the one of HDF5 1.12+ that h5dump calls
    // H5T_STD_REF (objects, regions or attributes, possibly in other files).
    // 1.10 decodes the datatype but has no name for the third one.
    return QStringLiteral("H5T_REFERENCE { H5T_STD_REF }");
#endif
}

QString briefText(hid_t type, H5T_class_t cls)
{
    const size_t size = H5Tget_size(type);
    switch (cls) {
    case H5T_INTEGER:
        return QStringLiteral("%1int%2").arg(H5Tget_sign(type) == H5T_SGN_2 ? QString() : QStringLiteral("u")).arg(size * 8);
    case H5T_FLOAT: return QStringLiteral("float%1").arg(size * 8);
    case H5T_STRING:
        return H5Tis_variable_str(type) > 0 ? QStringLiteral("string") : QStringLiteral("string[%1]").arg(size);
    case H5T_BITFIELD: return QStringLiteral("bitfield%1").arg(size * 8);
    case H5T_OPAQUE: return QStringLiteral("opaque[%1]").arg(size);
    case H5T_COMPOUND: return QStringLiteral("compound{%1}").arg(H5Tget_nmembers(type));
    case H5T_REFERENCE: return QStringLiteral("reference");
    case H5T_ENUM: return QStringLiteral("enum");
    case H5T_VLEN: {
        DatatypeHandle base(H5Tget_super(type));
        return QStringLiteral("vlen<%1>").arg(briefText(base.get(), H5Tget_class(base.get())));
    }
    case H5T_ARRAY: {
        DatatypeHandle base(H5Tget_super(type));
        const int rank = H5Tget_array_ndims(type);
        std::vector<hsize_t> dims(static_cast<size_t>(std::max(rank, 0)));
        if (rank > 0)
            H5Tget_array_dims2(type, dims.data());
        QStringList d;
        for (hsize_t x : dims)
            d << QString::number(x);
        return QStringLiteral("%1[%2]").arg(briefText(base.get(), H5Tget_class(base.get())), d.join(QLatin1Char(',')));
    }
    case H5T_TIME: return QStringLiteral("time");
    default: return QStringLiteral("unknown");
    }
}

} // namespace

QString ddlText(hid_t type)
{
    if (type < 0)
        return QStringLiteral("unknown");
    const H5T_class_t cls = H5Tget_class(type);
    switch (cls) {
    case H5T_INTEGER: return integerText(type);
    case H5T_FLOAT: return floatText(type);
    case H5T_TIME: return QStringLiteral("H5T_TIME: not yet implemented");
    case H5T_STRING: return stringText(type);
    case H5T_BITFIELD: {
        const size_t size = H5Tget_size(type);
        return QStringLiteral("H5T_STD_B%1%2").arg(size * 8).arg(orderSuffix(type));
    }
    case H5T_OPAQUE: {
        char *tag = H5Tget_tag(type);
        const QString t = fromHdf5String(tag);
        return QStringLiteral("H5T_OPAQUE { OPAQUE_TAG %1; }").arg(quoted(t));
    }
    case H5T_COMPOUND: return compoundText(type);
    case H5T_REFERENCE: return referenceText(type);
    case H5T_ENUM: return enumText(type);
    case H5T_VLEN: {
        DatatypeHandle base(H5Tget_super(type));
        return QStringLiteral("H5T_VLEN { %1 }").arg(ddlText(base.get()));
    }
    case H5T_ARRAY: return arrayText(type);
    default: return QStringLiteral("unknown type");
    }
}

TypeInfo describe(hid_t type)
{
    TypeInfo info;
    const H5T_class_t cls = H5Tget_class(type);
    static const char *const names[] = {"integer", "float", "time", "string", "bitfield", "opaque",
                                        "compound", "reference", "enum", "vlen", "array"};
    info.typeClass = (cls >= 0 && cls < H5T_NCLASSES) ? QString::fromLatin1(names[cls]) : QStringLiteral("unknown");
    info.size = H5Tget_size(type);
    switch (cls) {
    case H5T_INTEGER:
    case H5T_FLOAT:
    case H5T_TIME:
    case H5T_BITFIELD:
    case H5T_ENUM:
        info.order = orderSuffix(type).toLower();
        break;
    default:
        info.order = QStringLiteral("none");
    }
    if (cls == H5T_STRING && H5Tis_variable_str(type) > 0)
        info.typeClass = QStringLiteral("string");
    info.text = ddlText(type);
    info.brief = briefText(type, cls);
    if (cls == H5T_INTEGER || cls == H5T_FLOAT) {
        const QString o = info.order == QLatin1String("be") ? QStringLiteral(" BE") : QString();
        info.brief += o;
    }
    return info;
}

} // namespace hs::core::typedescriber
