#include "hdf5/typevalidator.h"

#include <limits>
#include <vector>

namespace hs::core::typevalidator {

namespace {

// Far above any real type (HDF5 itself caps an element at 4 GB), low enough
// that sums and products of sizes below cannot overflow.
constexpr size_t kMaxTypeSize = size_t(1) << 32;
constexpr int kMaxDepth = 32;     // nesting of compounds, arrays and vlens
constexpr int kMaxMembers = 1 << 20;

QString check(hid_t type, int depth);

QString checkAtomicBits(hid_t type, size_t size)
{
    const size_t precision = H5Tget_precision(type);
    const int offset = H5Tget_offset(type);
    if (precision == 0 || offset < 0 || precision + size_t(offset) > size * 8)
        return QStringLiteral("its bits lie outside its %1 bytes").arg(size);
    return {};
}

QString checkFloat(hid_t type, size_t size)
{
    if (const QString p = checkAtomicBits(type, size); !p.isEmpty())
        return p;
    size_t spos = 0, epos = 0, esize = 0, mpos = 0, msize = 0;
    if (H5Tget_fields(type, &spos, &epos, &esize, &mpos, &msize) < 0)
        return QStringLiteral("its floating-point layout cannot be read");
    const size_t bits = size * 8;
    if (esize == 0 || esize > 64 || spos >= bits || epos + esize > bits || mpos + msize > bits)
        return QStringLiteral("its floating-point fields lie outside its %1 bytes").arg(size);
    return {};
}

QString checkCompound(hid_t type, size_t size, int depth)
{
    const int n = H5Tget_nmembers(type);
    if (n < 0 || n > kMaxMembers)
        return QStringLiteral("its list of compound members cannot be read");
    for (int i = 0; i < n; ++i) {
        const size_t offset = H5Tget_member_offset(type, unsigned(i));
        DatatypeHandle member(H5Tget_member_type(type, unsigned(i)));
        if (!member)
            return QStringLiteral("member %1 of its compound type cannot be read").arg(i);
        const size_t memberSize = H5Tget_size(member.get());
        if (memberSize == 0 || memberSize > size || offset > size - memberSize)
            return QStringLiteral("member %1 of its compound type (%2 bytes at offset %3) runs past the end of the "
                                  "%4-byte type").arg(i).arg(memberSize).arg(offset).arg(size);
        if (const QString p = check(member.get(), depth + 1); !p.isEmpty())
            return p;
    }
    return {};
}

QString checkArray(hid_t type, size_t size, int depth)
{
    const int rank = H5Tget_array_ndims(type);
    if (rank <= 0 || rank > H5S_MAX_RANK)
        return QStringLiteral("its array type has %1 dimensions").arg(rank);
    std::vector<hsize_t> dims(static_cast<size_t>(rank));
    if (H5Tget_array_dims2(type, dims.data()) < 0)
        return QStringLiteral("the dimensions of its array type cannot be read");
    DatatypeHandle base(H5Tget_super(type));
    if (!base)
        return QStringLiteral("the element type of its array type cannot be read");
    size_t total = H5Tget_size(base.get());
    for (const hsize_t d : dims) {
        if (d == 0 || total > kMaxTypeSize / d)
            return QStringLiteral("its array type is larger than any real type");
        total *= size_t(d);
    }
    if (total != size)
        return QStringLiteral("its array type says %1 bytes but its elements need %2").arg(size).arg(total);
    return check(base.get(), depth + 1);
}

QString check(hid_t type, int depth)
{
    if (depth > kMaxDepth)
        return QStringLiteral("its type is nested more than %1 levels deep").arg(kMaxDepth);
    const H5T_class_t cls = H5Tget_class(type);
    if (cls == H5T_NO_CLASS || cls >= H5T_NCLASSES)
        return QStringLiteral("its type class cannot be read");
    const size_t size = H5Tget_size(type);
    if (size == 0 && !(cls == H5T_STRING && H5Tis_variable_str(type) > 0))
        return QStringLiteral("its type has no size");
    if (size > kMaxTypeSize)
        return QStringLiteral("its type claims %1 bytes per element").arg(size);
    switch (cls) {
    case H5T_INTEGER:
    case H5T_BITFIELD:
        return checkAtomicBits(type, size);
    case H5T_FLOAT:
        return checkFloat(type, size);
    case H5T_COMPOUND:
        return checkCompound(type, size, depth);
    case H5T_ARRAY:
        return checkArray(type, size, depth);
    case H5T_VLEN:
    case H5T_ENUM: {
        DatatypeHandle base(H5Tget_super(type));
        if (!base)
            return QStringLiteral("the base of its type cannot be read");
        if (cls == H5T_ENUM) {
            if (H5Tget_class(base.get()) != H5T_INTEGER || H5Tget_size(base.get()) != size)
                return QStringLiteral("its enumeration is not based on an integer of its size");
            if (H5Tget_nmembers(type) < 0)
                return QStringLiteral("the names of its enumeration cannot be read");
        }
        return check(base.get(), depth + 1);
    }
    default:
        return {};
    }
}

} // namespace

QString problem(hid_t type)
{
    if (type < 0)
        return QStringLiteral("its type cannot be read");
    const QString p = check(type, 0);
    H5Eclear2(H5E_DEFAULT);
    return p;
}

QString spaceProblem(hid_t space)
{
    if (space < 0)
        return QStringLiteral("its shape cannot be read");
    const H5S_class_t cls = H5Sget_simple_extent_type(space);
    if (cls == H5S_SCALAR || cls == H5S_NULL)
        return {};
    const int rank = H5Sget_simple_extent_ndims(space);
    if (cls != H5S_SIMPLE || rank < 0 || rank > H5S_MAX_RANK) {
        H5Eclear2(H5E_DEFAULT);
        return QStringLiteral("its shape cannot be read");
    }
    // HDF5 writes a shape without dimensions as scalar; "simple" with none is
    // damage (and every reader indexes the first dimension of a simple shape).
    if (rank == 0)
        return QStringLiteral("its shape is simple but has no dimensions");
    std::vector<hsize_t> dims(static_cast<size_t>(rank)), maxDims(static_cast<size_t>(rank));
    if (H5Sget_simple_extent_dims(space, dims.data(), maxDims.data()) < 0) {
        H5Eclear2(H5E_DEFAULT);
        return QStringLiteral("its shape cannot be read");
    }
    hsize_t total = 1;
    for (int i = 0; i < rank; ++i) {
        const hsize_t d = dims[size_t(i)];
        if (maxDims[size_t(i)] != H5S_UNLIMITED && maxDims[size_t(i)] < d)
            return QStringLiteral("its shape is larger than its maximum shape");
        if (d != 0 && total > std::numeric_limits<hsize_t>::max() / d)
            return QStringLiteral("its shape has more elements than can be counted");
        total *= d;
    }
    return {};
}

QString attributeProblem(hid_t attr)
{
    DatatypeHandle type(H5Aget_type(attr));
    DataspaceHandle space(H5Aget_space(attr));
    QString p = problem(type.get());
    if (p.isEmpty())
        p = spaceProblem(space.get());
    if (p.isEmpty()) {
        const hssize_t n = H5Sget_simple_extent_npoints(space.get());
        const size_t size = H5Tget_size(type.get());
        if (n < 0 || (n > 0 && size > (size_t(256) << 20) / size_t(n)))
            p = QStringLiteral("its value claims more bytes than an attribute can hold");
    }
    H5Eclear2(H5E_DEFAULT);
    return p;
}

bool attributeMessagesDecode(hid_t loc, const char *name)
{
    const htri_t found = H5Aexists_by_name(loc, name, "\x01hyperslab: no attribute has this name", H5P_DEFAULT);
    if (found >= 0)
        H5Eclear2(H5E_DEFAULT);
    return found >= 0;
}

QString damagedTypeMessage(const QString &problem)
{
    return QStringLiteral("The file is damaged: its datatype cannot be trusted (%1), so its values are not read.")
        .arg(problem);
}

} // namespace hs::core::typevalidator
