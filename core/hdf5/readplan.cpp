#include "hdf5/readplan.h"

#include "hdf5/typedescriber.h"
#include "hdf5/typevalidator.h"
#include "hdf5/valueformatter.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace hs::core {

// Every function here calls HDF5: the caller holds the LibraryLock.
namespace {

using Kind = ValueType::Kind;

std::string takeName(char *s)
{
    std::string out = s ? s : "";
    if (s)
        H5free_memory(s);
    return out;
}

bool isComplexPair(const ValueType &t)
{
    if (t.members.size() != 2 || t.members[0].kind != Kind::Float || t.members[1].kind != Kind::Float
        || t.members[0].size != t.members[1].size)
        return false;
    auto lower = [](std::string s) {
        for (char &ch : s)
            ch = char(std::tolower(static_cast<unsigned char>(ch)));
        return s;
    };
    const std::string a = lower(t.names[0]), b = lower(t.names[1]);
    return (a == "r" && b == "i") || (a == "re" && b == "im") || (a == "real" && b == "imag")
           || (a == "real" && b == "imaginary");
}

struct Builder
{
    QString error;
    bool hasVlen = false;

    // Fills `vt` and returns the memory type for file type `ft`.
    DatatypeHandle build(hid_t ft, ValueType &vt)
    {
        const H5T_class_t cls = H5Tget_class(ft);
        switch (cls) {
        case H5T_INTEGER:
        case H5T_BITFIELD: {
            DatatypeHandle mt(H5Tget_native_type(ft, H5T_DIR_ASCEND));
            const std::size_t size = mt ? H5Tget_size(mt.get()) : 0;
            if (!mt || (size != 1 && size != 2 && size != 4 && size != 8))
                return raw(ft, vt, Kind::Unknown);
            vt.size = size;
            vt.kind = cls == H5T_BITFIELD ? Kind::Bitfield
                      : H5Tget_sign(mt.get()) == H5T_SGN_2 ? Kind::SignedInt
                                                           : Kind::UnsignedInt;
            return mt;
        }
        case H5T_FLOAT: return buildFloat(ft, vt);
        case H5T_TIME: {
            DatatypeHandle mt = raw(ft, vt, Kind::Time);
            vt.bigEndian = H5Tget_order(ft) == H5T_ORDER_BE;
            return mt;
        }
        case H5T_STRING: {
            vt.utf8 = H5Tget_cset(ft) == H5T_CSET_UTF8;
            if (H5Tis_variable_str(ft) > 0) {
                DatatypeHandle mt(H5Tcopy(H5T_C_S1));
                H5Tset_size(mt.get(), H5T_VARIABLE);
                H5Tset_cset(mt.get(), H5Tget_cset(ft));
                vt.kind = Kind::VlenString;
                vt.size = sizeof(char *);
                vt.outOfLine = true;
                hasVlen = true;
                return mt;
            }
            switch (H5Tget_strpad(ft)) {
            case H5T_STR_NULLPAD: vt.pad = ValueType::Pad::NullPad; break;
            case H5T_STR_SPACEPAD: vt.pad = ValueType::Pad::SpacePad; break;
            default: vt.pad = ValueType::Pad::NullTerm; break;
            }
            return raw(ft, vt, Kind::FixedString);
        }
        case H5T_OPAQUE: {
            vt.tag = takeName(H5Tget_tag(ft));
            return raw(ft, vt, Kind::Opaque);
        }
        case H5T_ENUM: return buildEnum(ft, vt);
        case H5T_COMPOUND: return buildCompound(ft, vt);
        case H5T_ARRAY: {
            const int rank = H5Tget_array_ndims(ft);
            std::vector<hsize_t> dims(std::size_t(std::max(rank, 0)));
            if (rank < 0 || (rank > 0 && H5Tget_array_dims2(ft, dims.data()) < 0))
                return fail("cannot read the dimensions of an array type");
            DatatypeHandle base(H5Tget_super(ft));
            vt.members.resize(1);
            DatatypeHandle baseMem = build(base.get(), vt.members[0]);
            if (!baseMem)
                return {};
            DatatypeHandle mt(H5Tarray_create2(baseMem.get(), unsigned(rank), dims.data()));
            if (!mt)
                return fail("cannot make an array memory type");
            vt.kind = Kind::Array;
            vt.dims.assign(dims.begin(), dims.end());
            vt.size = H5Tget_size(mt.get());
            vt.outOfLine = vt.members[0].outOfLine;
            return mt;
        }
        case H5T_VLEN: {
            DatatypeHandle base(H5Tget_super(ft));
            vt.members.resize(1);
            DatatypeHandle baseMem = build(base.get(), vt.members[0]);
            if (!baseMem)
                return {};
            DatatypeHandle mt(H5Tvlen_create(baseMem.get()));
            if (!mt)
                return fail("cannot make a variable-length memory type");
            vt.kind = Kind::Vlen;
            vt.size = sizeof(hvl_t);
            vt.outOfLine = true;
            hasVlen = true;
            return mt;
        }
        case H5T_REFERENCE: return buildReference(ft, vt);
        default: return raw(ft, vt, Kind::Unknown);
        }
    }

    DatatypeHandle fail(const char *why)
    {
        if (error.isEmpty())
            error = QString::fromLatin1(why);
        return {};
    }

    // The file type as is (no conversion): strings, opaque, time, unknown.
    DatatypeHandle raw(hid_t ft, ValueType &vt, Kind kind)
    {
        DatatypeHandle mt(H5Tcopy(ft));
        vt.kind = kind;
        vt.size = H5Tget_size(ft);
        return mt;
    }

    DatatypeHandle buildFloat(hid_t ft, ValueType &vt)
    {
        DatatypeHandle mt(H5Tget_native_type(ft, H5T_DIR_ASCEND));
        std::size_t size = mt ? H5Tget_size(mt.get()) : 0;
        if (!mt || (size != sizeof(float) && size != sizeof(double) && size != sizeof(long double))) {
            // HDF5 converts between any two float layouts; pick the widest we can print.
            mt.reset(H5Tcopy(H5Tget_size(ft) <= 8 ? H5T_NATIVE_DOUBLE : H5T_NATIVE_LDOUBLE));
            size = H5Tget_size(mt.get());
        }
        vt.kind = Kind::Float;
        vt.size = size;
        std::size_t spos = 0, epos = 0, esize = 0, mpos = 0, msize = 0;
        if (size == sizeof(float) && H5Tget_fields(ft, &spos, &epos, &esize, &mpos, &msize) >= 0 && msize < 23
            && esize <= 8) {
            vt.sourceMantissaBits = int(msize);
            vt.sourceExponentBits = int(esize);
        }
        return mt;
    }

    DatatypeHandle buildEnum(hid_t ft, ValueType &vt)
    {
        DatatypeHandle mt(H5Tget_native_type(ft, H5T_DIR_ASCEND));
        if (!mt)
            return fail("cannot make an enum memory type");
        DatatypeHandle base(H5Tget_super(mt.get()));
        vt.members.resize(1);
        ValueType &b = vt.members[0];
        b.size = H5Tget_size(base.get());
        b.kind = H5Tget_sign(base.get()) == H5T_SGN_2 ? Kind::SignedInt : Kind::UnsignedInt;
        if (b.size != 1 && b.size != 2 && b.size != 4 && b.size != 8)
            return fail("unsupported enum base size");
        vt.kind = Kind::Enum;
        vt.size = H5Tget_size(mt.get());
        const int n = H5Tget_nmembers(mt.get());
        std::vector<std::pair<std::int64_t, std::string>> entries;
        unsigned char buf[16];
        for (int i = 0; i < n; ++i) {
            std::memset(buf, 0, sizeof buf);
            if (H5Tget_member_value(mt.get(), unsigned(i), buf) < 0)
                continue;
            entries.emplace_back(b.integerAt(buf), takeName(H5Tget_member_name(mt.get(), unsigned(i))));
        }
        std::stable_sort(entries.begin(), entries.end(), [](const auto &x, const auto &y) { return x.first < y.first; });
        for (auto &e : entries) {
            if (!vt.enumValues.empty() && vt.enumValues.back() == e.first)
                continue;
            vt.enumValues.push_back(e.first);
            vt.enumNames.push_back(std::move(e.second));
        }
        return mt;
    }

    DatatypeHandle buildCompound(hid_t ft, ValueType &vt)
    {
        const int n = H5Tget_nmembers(ft);
        if (n <= 0)
            return fail("a compound type without members");
        std::vector<DatatypeHandle> mems;
        vt.members.resize(std::size_t(n));
        vt.names.resize(std::size_t(n));
        std::size_t offset = 0;
        for (int i = 0; i < n; ++i) {
            ValueType &m = vt.members[std::size_t(i)];
            vt.names[std::size_t(i)] = takeName(H5Tget_member_name(ft, unsigned(i)));
            DatatypeHandle mft(H5Tget_member_type(ft, unsigned(i)));
            DatatypeHandle mmt = mft ? build(mft.get(), m) : DatatypeHandle();
            if (!mmt)
                return fail("cannot make a compound member memory type");
            m.offset = offset;
            offset += m.size;
            vt.outOfLine = vt.outOfLine || m.outOfLine;
            mems.push_back(std::move(mmt));
        }
        DatatypeHandle mt(H5Tcreate(H5T_COMPOUND, std::max<std::size_t>(offset, 1)));
        for (int i = 0; i < n; ++i) {
            const std::size_t k = std::size_t(i);
            // Member names are unique in a valid compound; H5Tinsert refuses duplicates.
            if (H5Tinsert(mt.get(), vt.names[k].c_str(), vt.members[k].offset, mems[k].get()) < 0)
                return fail("cannot make a compound memory type");
        }
        vt.kind = isComplexPair(vt) ? Kind::Complex : Kind::Compound;
        vt.size = std::max<std::size_t>(offset, 1);
        return mt;
    }

    DatatypeHandle buildReference(hid_t ft, ValueType &vt)
    {
        vt.kind = Kind::Reference;
        vt.outOfLine = true;
#if H5_VERSION_GE(1, 12, 0)
        if (H5Tequal(ft, H5T_STD_REF_OBJ) > 0)
            vt.tag = "object";
        else if (H5Tequal(ft, H5T_STD_REF_DSETREG) > 0)
            vt.tag = "region";
        else
            vt.tag = "reference";
        DatatypeHandle mt(H5Tcopy(H5T_STD_REF));
        vt.size = sizeof(H5R_ref_t);
        hasVlen = true; // H5R_ref_t owns memory: H5Treclaim frees it
        return mt;
#else
        if (H5Tequal(ft, H5T_STD_REF_OBJ) > 0) {
            vt.tag = "object";
            vt.size = sizeof(hobj_ref_t);
            return DatatypeHandle(H5Tcopy(H5T_STD_REF_OBJ));
        }
        if (H5Tequal(ft, H5T_STD_REF_DSETREG) > 0) {
            vt.tag = "region";
            vt.size = sizeof(hdset_reg_ref_t);
            return DatatypeHandle(H5Tcopy(H5T_STD_REF_DSETREG));
        }
        // A new-style (HDF5 1.12+) reference: this library cannot decode it.
        vt.outOfLine = false;
        DatatypeHandle mt = raw(ft, vt, Kind::Unknown);
        vt.tag = "unsupported-reference";
        return mt;
#endif
    }
};

void fieldTypes(hid_t ft, const ValueType &vt, std::vector<TypeInfo> &out)
{
    if (vt.kind != Kind::Compound) {
        out.push_back(typedescriber::describe(ft));
        return;
    }
    for (std::size_t i = 0; i < vt.members.size(); ++i) {
        DatatypeHandle m(H5Tget_member_type(ft, unsigned(i)));
        if (vt.members[i].kind == Kind::Compound)
            fieldTypes(m.get(), vt.members[i], out);
        else
            out.push_back(typedescriber::describe(m.get()));
    }
}

} // namespace

ReadPlan buildReadPlan(hid_t fileType, QString *error)
{
    ReadPlan plan;
    plan.damagedType = typevalidator::problem(fileType);
    if (!plan.damagedType.isEmpty()) {
        if (error)
            *error = plan.damagedType;
        return plan;
    }
    Builder b;
    ValueType root;
    DatatypeHandle mt = b.build(fileType, root);
    if (!mt) {
        if (error)
            *error = b.error.isEmpty() ? QStringLiteral("unsupported datatype") : b.error;
        return plan;
    }
    plan.memType = std::move(mt);
    plan.hasVlen = b.hasVlen;
    auto formatter = std::make_shared<ValueFormatter>(std::move(root));
    if (formatter->root().kind == Kind::Compound)
        fieldTypes(fileType, formatter->root(), plan.fieldTypes);
    else
        plan.fieldTypes.push_back(typedescriber::describe(fileType));
    plan.formatter = std::move(formatter);
    return plan;
}
} // namespace hs::core
