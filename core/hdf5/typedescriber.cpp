#include "hdf5/typedescriber.h"

#include "hdf5/handle.h"
#include "model/names.h"

#include <QStringList>

#include <algorithm>
#include <cstring>
#include <utility>

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

// h5dump's words for the byte order of types it has no name for; none for one-byte types.
QString orderWords(hid_t type)
{
    if (H5Tget_size(type) <= 1)
        return {};
    switch (H5Tget_order(type)) {
    case H5T_ORDER_LE: return QStringLiteral(" little-endian");
    case H5T_ORDER_BE: return QStringLiteral(" big-endian");
    case H5T_ORDER_VAX: return QStringLiteral(" mixed-endian");
    default: return QStringLiteral(" unknown-byte-order");
    }
}

// Names are printed as they are, between double quotes, as h5dump does (no
// escaping: a name may hold a quote or a line break).
QString quoted(const QString &s)
{
    return QLatin1Char('"') + s + QLatin1Char('"');
}

QString fromHdf5String(char *s)
{
    if (!s)
        return {};
    QString out = names::decode(s);
    H5free_memory(s);
    return out;
}

// The first predefined type `type` equals, by name; empty if none.
template<size_t N>
QString predefinedName(hid_t type, const std::pair<hid_t, const char *> (&candidates)[N])
{
    for (const auto &[id, name] : candidates)
        if (H5Tequal(type, id) > 0)
            return QString::fromLatin1(name);
    return {};
}

QString integerText(hid_t type)
{
    const std::pair<hid_t, const char *> named[] = {
        {H5T_STD_I8BE, "H5T_STD_I8BE"},   {H5T_STD_I8LE, "H5T_STD_I8LE"},   {H5T_STD_I16BE, "H5T_STD_I16BE"},
        {H5T_STD_I16LE, "H5T_STD_I16LE"}, {H5T_STD_I32BE, "H5T_STD_I32BE"}, {H5T_STD_I32LE, "H5T_STD_I32LE"},
        {H5T_STD_I64BE, "H5T_STD_I64BE"}, {H5T_STD_I64LE, "H5T_STD_I64LE"}, {H5T_STD_U8BE, "H5T_STD_U8BE"},
        {H5T_STD_U8LE, "H5T_STD_U8LE"},   {H5T_STD_U16BE, "H5T_STD_U16BE"}, {H5T_STD_U16LE, "H5T_STD_U16LE"},
        {H5T_STD_U32BE, "H5T_STD_U32BE"}, {H5T_STD_U32LE, "H5T_STD_U32LE"}, {H5T_STD_U64BE, "H5T_STD_U64BE"},
        {H5T_STD_U64LE, "H5T_STD_U64LE"},
    };
    if (QString name = predefinedName(type, named); !name.isEmpty())
        return name;
    // e.g. n-bit data: "32-bit little-endian integer 17-bit precision" (signed says nothing).
    const H5T_sign_t sign = H5Tget_sign(type);
    const QString signWord = sign == H5T_SGN_2 ? QString()
                             : sign == H5T_SGN_NONE ? QStringLiteral(" unsigned")
                                                    : QStringLiteral(" unknown-sign");
    return QStringLiteral("%1-bit%2%3 integer %4-bit precision")
        .arg(H5Tget_size(type) * 8)
        .arg(orderWords(type), signWord)
        .arg(H5Tget_precision(type));
}

// IEEE 754 half precision in byte order `order`, which HDF5 before 1.14.4 does not predefine.
bool isIeeeHalf(hid_t type, H5T_order_t order)
{
    if (H5Tget_size(type) != 2 || H5Tget_order(type) != order || H5Tget_precision(type) != 16 || H5Tget_offset(type) != 0)
        return false;
    size_t spos = 0, epos = 0, esize = 0, mpos = 0, msize = 0;
    if (H5Tget_fields(type, &spos, &epos, &esize, &mpos, &msize) < 0)
        return false;
    H5T_pad_t lsb = H5T_PAD_ERROR, msb = H5T_PAD_ERROR;
    H5Tget_pad(type, &lsb, &msb);
    return spos == 15 && epos == 10 && esize == 5 && mpos == 0 && msize == 10 && H5Tget_ebias(type) == 15
           && H5Tget_norm(type) == H5T_NORM_IMPLIED && H5Tget_inpad(type) == H5T_PAD_ZERO && lsb == H5T_PAD_ZERO
           && msb == H5T_PAD_ZERO;
}

QString floatText(hid_t type)
{
    const std::pair<hid_t, const char *> named[] = {
        {H5T_IEEE_F32BE, "H5T_IEEE_F32BE"}, {H5T_IEEE_F32LE, "H5T_IEEE_F32LE"}, {H5T_IEEE_F64BE, "H5T_IEEE_F64BE"},
        {H5T_IEEE_F64LE, "H5T_IEEE_F64LE"}, {H5T_VAX_F32, "H5T_VAX_F32"},       {H5T_VAX_F64, "H5T_VAX_F64"},
    };
    if (QString name = predefinedName(type, named); !name.isEmpty())
        return name;
    // Named by h5dump from HDF5 1.14.4 on (the .ddl of the corpus say so); 1.10
    // prints "16-bit little-endian floating-point 16-bit precision".
    if (isIeeeHalf(type, H5T_ORDER_LE))
        return QStringLiteral("H5T_IEEE_F16LE");
    if (isIeeeHalf(type, H5T_ORDER_BE))
        return QStringLiteral("H5T_IEEE_F16BE");
    return QStringLiteral("%1-bit%2 floating-point %3-bit precision")
        .arg(H5Tget_size(type) * 8)
        .arg(orderWords(type))
        .arg(H5Tget_precision(type));
}

QString stringText(hid_t type)
{
    const bool variable = H5Tis_variable_str(type) > 0;
    const size_t size = H5Tget_size(type);
    const H5T_str_t pad = H5Tget_strpad(type);
    const H5T_cset_t cset = H5Tget_cset(type);
    QString padText;
    switch (pad) {
    case H5T_STR_NULLTERM: padText = QStringLiteral("H5T_STR_NULLTERM"); break;
    case H5T_STR_NULLPAD: padText = QStringLiteral("H5T_STR_NULLPAD"); break;
    case H5T_STR_SPACEPAD: padText = QStringLiteral("H5T_STR_SPACEPAD"); break;
    case H5T_STR_ERROR: padText = QStringLiteral("H5T_STR_ERROR"); break;
    default: padText = QStringLiteral("H5T_STR_UNKNOWN"); break;
    }
    QString csetText;
    switch (cset) {
    case H5T_CSET_ASCII: csetText = QStringLiteral("H5T_CSET_ASCII"); break;
    case H5T_CSET_UTF8: csetText = QStringLiteral("H5T_CSET_UTF8"); break;
    case H5T_CSET_ERROR: csetText = QStringLiteral("H5T_CSET_ERROR"); break;
    default: csetText = QStringLiteral("H5T_CSET_UNKNOWN"); break;
    }
    // The character type, found as h5dump finds it: the C or Fortran string
    // type with this size, padding and character set, in either byte order.
    auto sameAs = [&](hid_t base) {
        DatatypeHandle t(H5Tcopy(base));
        H5Tset_size(t.get(), variable ? H5T_VARIABLE : size);
        H5Tset_cset(t.get(), cset);
        H5Tset_strpad(t.get(), pad);
        if (H5Tequal(type, t.get()) > 0)
            return true;
        const H5T_order_t order = H5Tget_order(type);
        if (order == H5T_ORDER_LE || order == H5T_ORDER_BE) {
            H5Tset_order(t.get(), order);
            return H5Tequal(type, t.get()) > 0;
        }
        return false;
    };
    const QString ctype = sameAs(H5T_C_S1)         ? QStringLiteral("H5T_C_S1")
                          : sameAs(H5T_FORTRAN_S1) ? QStringLiteral("H5T_FORTRAN_S1")
                                                   : QStringLiteral("unknown_one_character_type");
    return QStringLiteral("H5T_STRING { STRSIZE %1; STRPAD %2; CSET %3; CTYPE %4; }")
        .arg(variable ? QStringLiteral("H5T_VARIABLE") : QString::number(size), padText, csetText, ctype);
}

QString enumValueText(hid_t enumType, hid_t base, const unsigned char *raw)
{
    const size_t size = H5Tget_size(base);
    if (size > sizeof(long long)) {
        // Wider than any native integer: the bytes, as h5dump shows them.
        QString hex = QStringLiteral("0x");
        for (size_t i = 0; i < size; ++i)
            hex += QStringLiteral("%1").arg(raw[i], 2, 16, QLatin1Char('0'));
        return hex;
    }
    unsigned char buf[sizeof(long long)] = {};
    memcpy(buf, raw, size);
    if (H5Tget_sign(enumType) == H5T_SGN_NONE) {
        if (H5Tconvert(base, H5T_NATIVE_ULLONG, 1, buf, nullptr, H5P_DEFAULT) < 0)
            return QStringLiteral("?");
        unsigned long long v;
        memcpy(&v, buf, sizeof v);
        return QString::number(v);
    }
    if (H5Tconvert(base, H5T_NATIVE_LLONG, 1, buf, nullptr, H5P_DEFAULT) < 0)
        return QStringLiteral("?");
    long long v;
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
        std::fill(raw.begin(), raw.end(), 0);
        H5Tget_member_value(type, unsigned(i), raw.data());
        parts << quoted(name) << enumValueText(type, base.get(), raw.data()) + QLatin1Char(';');
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

QString bitfieldText(hid_t type)
{
    const std::pair<hid_t, const char *> named[] = {
        {H5T_STD_B8BE, "H5T_STD_B8BE"},   {H5T_STD_B8LE, "H5T_STD_B8LE"},   {H5T_STD_B16BE, "H5T_STD_B16BE"},
        {H5T_STD_B16LE, "H5T_STD_B16LE"}, {H5T_STD_B32BE, "H5T_STD_B32BE"}, {H5T_STD_B32LE, "H5T_STD_B32LE"},
        {H5T_STD_B64BE, "H5T_STD_B64BE"}, {H5T_STD_B64LE, "H5T_STD_B64LE"},
    };
    const QString name = predefinedName(type, named);
    return name.isEmpty() ? QStringLiteral("undefined bitfield") : name;
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
    // 1.10 decodes the datatype but has no name for the third one (its
    // h5dump prints "UNDEFINED").
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
        return QStringLiteral("unknown datatype");
    const H5T_class_t cls = H5Tget_class(type);
    switch (cls) {
    case H5T_INTEGER: return integerText(type);
    case H5T_FLOAT: return floatText(type);
    case H5T_TIME: return QStringLiteral("H5T_TIME: not yet implemented");
    case H5T_STRING: return stringText(type);
    case H5T_BITFIELD: return bitfieldText(type);
    case H5T_OPAQUE: return QStringLiteral("H5T_OPAQUE { OPAQUE_TAG %1; }").arg(quoted(fromHdf5String(H5Tget_tag(type))));
    case H5T_COMPOUND: return compoundText(type);
    case H5T_REFERENCE: return referenceText(type);
    case H5T_ENUM: return enumText(type);
    case H5T_VLEN: {
        DatatypeHandle base(H5Tget_super(type));
        return QStringLiteral("H5T_VLEN { %1 }").arg(ddlText(base.get()));
    }
    case H5T_ARRAY: return arrayText(type);
    default: return QStringLiteral("unknown datatype");
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
