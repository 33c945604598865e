#include "hdf5/stringattribute.h"

#include "hdf5/compat.h"
#include "model/names.h"

#include <cstring>
#include <vector>

namespace hs::core::stringattribute {

namespace {

// Bounds on what a bookkeeping attribute may claim; a damaged file can claim
// anything.
constexpr size_t MaxStringBytes = size_t(1) << 16;
constexpr hssize_t MaxElements = hssize_t(1) << 20;

} // namespace

AttributeHandle openAttribute(hid_t obj, const char *name)
{
    if (H5Aexists(obj, name) <= 0)
        return {};
    return AttributeHandle(H5Aopen(obj, name, H5P_DEFAULT));
}

// Elements of a scalar or simple dataspace, -1 for a null one or a count past
// the bound. Lock held.
hssize_t elementCount(hid_t space)
{
    switch (H5Sget_simple_extent_type(space)) {
    case H5S_SCALAR: return 1;
    case H5S_SIMPLE: {
        const hssize_t n = H5Sget_simple_extent_npoints(space);
        return n >= 0 && n <= MaxElements ? n : -1;
    }
    default: return -1;
    }
}

// Every string of a string attribute (fixed or variable length, any padding,
// any shape); nothing when the attribute is missing or not made of strings.
// Lock held.
std::optional<QStringList> readStrings(hid_t obj, const char *name)
{
    AttributeHandle attr = openAttribute(obj, name);
    if (!attr)
        return std::nullopt;
    DatatypeHandle fileType(H5Aget_type(attr.get()));
    DataspaceHandle space(H5Aget_space(attr.get()));
    if (!fileType || !space || H5Tget_class(fileType.get()) != H5T_STRING)
        return std::nullopt;
    const hssize_t n = elementCount(space.get());
    const htri_t variable = H5Tis_variable_str(fileType.get());
    if (n < 0 || variable < 0)
        return std::nullopt;
    // Same character set as the file: HDF5 does not convert between ASCII
    // and UTF-8 strings.
    DatatypeHandle memType(H5Tcopy(H5T_C_S1));
    if (!memType || H5Tset_cset(memType.get(), H5Tget_cset(fileType.get())) < 0)
        return std::nullopt;
    QStringList out;
    if (variable > 0) {
        if (H5Tset_size(memType.get(), H5T_VARIABLE) < 0)
            return std::nullopt;
        std::vector<char *> strings(size_t(n), nullptr);
        if (H5Aread(attr.get(), memType.get(), strings.data()) < 0)
            return std::nullopt;
        for (const char *s : strings)
            out << (s ? names::decode(s, qsizetype(::strnlen(s, MaxStringBytes))) : QString());
        compat::reclaimVlen(memType.get(), space.get(), strings.data());
        return out;
    }
    const size_t size = H5Tget_size(fileType.get());
    if (size == 0 || size > MaxStringBytes || H5Tset_size(memType.get(), size) < 0
        || H5Tset_strpad(memType.get(), H5T_STR_NULLPAD) < 0)
        return std::nullopt;
    // NULLPAD in memory: the text is followed by zero bytes or fills the
    // element, whatever the file's padding; space padding is trimmed below.
    const bool spacePadded = H5Tget_strpad(fileType.get()) == H5T_STR_SPACEPAD;
    std::vector<char> buf(size * size_t(n), '\0');
    if (H5Aread(attr.get(), memType.get(), buf.data()) < 0)
        return std::nullopt;
    for (hssize_t i = 0; i < n; ++i) {
        const char *s = buf.data() + size_t(i) * size;
        qsizetype len = qsizetype(::strnlen(s, size));
        while (spacePadded && len > 0 && s[len - 1] == ' ')
            --len;
        out << names::decode(s, len);
    }
    return out;
}

// The single string of a string attribute, empty if it is not one.
QString readString(hid_t obj, const char *name)
{
    const std::optional<QStringList> s = readStrings(obj, name);
    return s && s->size() == 1 ? s->constFirst() : QString();
}

} // namespace hs::core::stringattribute
