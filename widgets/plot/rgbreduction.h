#pragma once

#include "plot/imagereducer.h"

#include <QImage>

#include <array>
#include <memory>

namespace hs::ui {

// The three channels of an RGB image (H5IM IMAGE_TRUECOLOR), each a 2-D
// selection of the 3-D dataset, reduced one after the other by ImageReducer
// (block mean): a true-colour image of any size costs one tile and three
// screen-sized results. Runs in a core::ReductionJob.
struct RgbImage
{
    std::array<std::shared_ptr<const core::ReducedImage>, 3> channel;
    // The picture: 8-bit channels as they are, wider ones scaled to the
    // brightest value; a pixel with no value is black.
    QImage toImage() const;
};

class RgbReduction final : public core::Reduction
{
public:
    using Output = RgbImage;
    // `channels`: the 2-D selections of red, green and blue; the rectangle as ImageReducer's.
    static core::Result<std::unique_ptr<RgbReduction>> create(const std::array<core::PlotSource, 3> &channels,
                                                              int width, int height, quint64 row0 = 0,
                                                              quint64 rows = ~quint64(0), quint64 col0 = 0,
                                                              quint64 cols = ~quint64(0));
    QString title() const override;
    bool step() override;
    std::shared_ptr<const RgbImage> takeOutput() { return std::move(m_out); }

private:
    RgbReduction() = default;
    std::array<std::unique_ptr<core::ImageReducer>, 3> m_reducers;
    int m_current = 0;
    std::shared_ptr<RgbImage> m_out = std::make_shared<RgbImage>();
};

} // namespace hs::ui
