#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "model/typeinfo.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hs::core {

class ValueFormatter;

// Which number a complex value plots as.
enum class ComplexPart : std::uint8_t { Magnitude, Phase, Real, Imaginary };

// How one field of a dataset's elements becomes a number on a plot: every
// integer and float size (float16 and other narrow floats arrive widened by
// HDF5's conversion to float), bitfields, booleans and enums (their integer
// value), complex (a pair of floats, as ComplexPart says). Other types are not
// plottable. No HDF5 call: works on the bytes DatasetReader::readBlock
// returns, so any thread may use it.
class HYPERSLABCORE_EXPORT PlotValues
{
public:
    PlotValues() = default;

    // `formatter` describes the memory type the reader reads into; `fileType`
    // is the field's file type, for the message when it is not plottable
    // ("Not plottable: string.").
    static Result<PlotValues> make(const ValueFormatter &formatter, int field, const TypeInfo &fileType,
                                   ComplexPart part = ComplexPart::Magnitude);

    // Converts `count` elements starting at `raw` (elementSize() apart).
    void convert(const unsigned char *raw, std::size_t count, double *out) const;
    double valueAt(const unsigned char *element) const
    {
        double v;
        convert(element, 1, &v);
        return v;
    }
    // The values of `count` elements at `raw`: `raw` itself when the elements
    // are native doubles (nothing copied), else converted into `scratch`.
    const double *view(const unsigned char *raw, std::size_t count, std::vector<double> &scratch) const;

    std::size_t elementSize() const { return m_stride; }
    bool isComplex() const;
    ComplexPart complexPart() const { return m_part; }
    // Whether a value's identity is meaningful for fill-value checks (not
    // for derived values such as a complex magnitude).
    bool comparesWithFillValues() const { return !isComplex(); }

    enum class Source : std::uint8_t { I8, I16, I32, I64, U8, U16, U32, U64, F32, F64, F80, C32, C64, C80 };
    Source source() const { return m_source; }

private:
    Source m_source = Source::F64;
    ComplexPart m_part = ComplexPart::Magnitude;
    std::size_t m_offset = 0; // of the field in the element
    std::size_t m_stride = 8; // element size
};

} // namespace hs::core
