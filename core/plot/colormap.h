#pragma once

#include "hyperslabcore_export.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace hs::core {

// A colour map: position 0..1 to an opaque colour as 0xAARRGGBB (QRgb's
// layout, so widgets use the values as they are; core has no QtGui).
// Viridis, magma and cividis are the perceptually uniform maps of matplotlib
// (van der Walt & Smith; Nunez et al. for cividis): their published 256-entry
// tables sampled at 129 points and interpolated linearly, within 1.3/255 of
// the originals. CoolWarm is Moreland's diverging map (33 published
// points), for signed data around a centre. Grey runs black to white.
class HYPERSLABCORE_EXPORT ColorMap
{
public:
    enum class Name : std::uint8_t { Viridis, Magma, Cividis, Grey, CoolWarm };

    explicit ColorMap(Name name = Name::Viridis);
    static QStringList names();                         // "viridis", "magma", ...; the CLI's --colormap
    static std::optional<Name> fromName(const QString &name); // case-insensitive
    QString name() const;
    bool isDiverging() const { return m_name == Name::CoolWarm; }

    // NaN gives the gap colour (transparent: 0x00000000); positions outside
    // 0..1 are clamped.
    std::uint32_t colorAt(double position) const;
    // `n` colours evenly from 0 to 1 (a lookup table for an image).
    std::vector<std::uint32_t> table(int n) const;

    static constexpr std::uint32_t GapColor = 0x00000000u;

private:
    Name m_name;
};

} // namespace hs::core
