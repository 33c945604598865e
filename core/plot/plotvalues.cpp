#include "plot/plotvalues.h"

#include "hdf5/valueformatter.h"

#include <cmath>
#include <complex>
#include <cstring>

namespace hs::core {

namespace {

using Kind = ValueType::Kind;
using Source = PlotValues::Source;

template<typename T>
void convertPlain(const unsigned char *p, std::size_t stride, std::size_t n, double *out)
{
    for (std::size_t i = 0; i < n; ++i, p += stride) {
        T v;
        std::memcpy(&v, p, sizeof v);
        out[i] = double(v);
    }
}

template<typename T>
void convertComplex(const unsigned char *p, std::size_t stride, std::size_t n, ComplexPart part, double *out)
{
    for (std::size_t i = 0; i < n; ++i, p += stride) {
        T re, im;
        std::memcpy(&re, p, sizeof re);
        std::memcpy(&im, p + sizeof(T), sizeof im);
        switch (part) {
        case ComplexPart::Magnitude: out[i] = double(std::hypot(re, im)); break;
        case ComplexPart::Phase: out[i] = double(std::atan2(im, re)); break;
        case ComplexPart::Real: out[i] = double(re); break;
        case ComplexPart::Imaginary: out[i] = double(im); break;
        }
    }
}

bool integerSource(const ValueType &t, bool isSigned, Source &s)
{
    switch (t.size) {
    case 1: s = isSigned ? Source::I8 : Source::U8; return true;
    case 2: s = isSigned ? Source::I16 : Source::U16; return true;
    case 4: s = isSigned ? Source::I32 : Source::U32; return true;
    case 8: s = isSigned ? Source::I64 : Source::U64; return true;
    default: return false;
    }
}

bool floatSource(std::size_t size, bool complex, Source &s)
{
    if (size == sizeof(float))
        s = complex ? Source::C32 : Source::F32;
    else if (size == sizeof(double))
        s = complex ? Source::C64 : Source::F64;
    else if (size == sizeof(long double))
        s = complex ? Source::C80 : Source::F80;
    else
        return false;
    return true;
}

} // namespace

Result<PlotValues> PlotValues::make(const ValueFormatter &formatter, int field, const TypeInfo &fileType,
                                    ComplexPart part)
{
    const auto &leaves = formatter.leaves();
    if (field < 0 || field >= int(leaves.size()))
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("The dataset has no field %1.").arg(field));
    const ValueFormatter::Leaf &leaf = leaves[std::size_t(field)];
    const ValueType &t = *leaf.type;
    PlotValues v;
    v.m_offset = leaf.offset;
    v.m_stride = formatter.elementSize();
    v.m_part = part;
    bool ok = false;
    switch (t.kind) {
    case Kind::SignedInt: ok = integerSource(t, true, v.m_source); break;
    case Kind::UnsignedInt:
    case Kind::Bitfield: ok = integerSource(t, false, v.m_source); break;
    case Kind::Enum: // booleans (h5py writes them as an enum) and enums plot as their integer value
        ok = !t.members.empty()
             && integerSource(t.members[0], t.members[0].kind == Kind::SignedInt, v.m_source);
        break;
    case Kind::Float: ok = floatSource(t.size, false, v.m_source); break;
    case Kind::Complex:
        ok = t.members.size() == 2 && t.members[1].offset == t.members[0].size
             && floatSource(t.members[0].size, true, v.m_source);
        break;
    default: break;
    }
    if (!ok) {
        const QString name = fileType.brief.isEmpty() ? fileType.text : fileType.brief;
        return Error::make(ErrorCode::Unsupported,
                           QStringLiteral("Not plottable: %1.").arg(name.isEmpty() ? QStringLiteral("this type") : name));
    }
    return v;
}

bool PlotValues::isComplex() const
{
    return m_source == Source::C32 || m_source == Source::C64 || m_source == Source::C80;
}

void PlotValues::convert(const unsigned char *raw, std::size_t n, double *out) const
{
    const unsigned char *p = raw + m_offset;
    const std::size_t s = m_stride;
    switch (m_source) {
    case Source::I8: convertPlain<std::int8_t>(p, s, n, out); break;
    case Source::I16: convertPlain<std::int16_t>(p, s, n, out); break;
    case Source::I32: convertPlain<std::int32_t>(p, s, n, out); break;
    case Source::I64: convertPlain<std::int64_t>(p, s, n, out); break;
    case Source::U8: convertPlain<std::uint8_t>(p, s, n, out); break;
    case Source::U16: convertPlain<std::uint16_t>(p, s, n, out); break;
    case Source::U32: convertPlain<std::uint32_t>(p, s, n, out); break;
    case Source::U64: convertPlain<std::uint64_t>(p, s, n, out); break;
    case Source::F32: convertPlain<float>(p, s, n, out); break;
    case Source::F64: convertPlain<double>(p, s, n, out); break;
    case Source::F80: convertPlain<long double>(p, s, n, out); break;
    case Source::C32: convertComplex<float>(p, s, n, m_part, out); break;
    case Source::C64: convertComplex<double>(p, s, n, m_part, out); break;
    case Source::C80: convertComplex<long double>(p, s, n, m_part, out); break;
    }
}

const double *PlotValues::view(const unsigned char *raw, std::size_t count, std::vector<double> &scratch) const
{
    // Element buffers come from operator new (aligned for any scalar), so
    // native doubles can be used in place: the common case costs no copy.
    if (m_source == Source::F64 && m_stride == sizeof(double) && m_offset == 0
        && reinterpret_cast<std::uintptr_t>(raw) % alignof(double) == 0)
        return reinterpret_cast<const double *>(raw);
    scratch.resize(count);
    convert(raw, count, scratch.data());
    return scratch.data();
}

} // namespace hs::core
