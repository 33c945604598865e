#pragma once

// The file the image-plot tests draw (HDF5 C and HL APIs, written at test
// time): numeric images whose every value is known, H5IM images (indexed
// with a palette, RGB interlaced by pixel and by plane), a large chunked
// image for the reduction, dimension scales, and datasets that are no image.

#include <QColor>
#include <QString>

namespace hs::plottest {

// Values of the datasets, so that tests know what each pixel holds.
namespace image {
constexpr int RampRows = 48, RampCols = 64; // /ramp: value = column, NaN at rows 0..3 x cols 0..3
constexpr int QuadRows = 40, QuadCols = 40; // /quadrants: 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right
constexpr int BigRows = 2000, BigCols = 3000; // /big: float32, chunked 250 x 250, value = row + col
constexpr int RgbRows = 16, RgbCols = 24;     // /rgb_pixel, /rgb_plane: colourAt(r, c)
// /gaps: 8 x 8, value = column, except +Inf at (2,2), -Inf at (3,3), _FillValue -9999 at (4,4), NaN at (5,5)
constexpr int IdxRows = 16, IdxCols = 16;     // /indexed: value = (c / 4) % 4 with /palette
constexpr int RgbBigRows = 1200, RgbBigCols = 1600; // /rgb_big: by pixel, colour (r % 256, c % 256, 100)
QColor rgbAt(int r, int c);                   // left third red, middle green, right third blue, darker below
QColor paletteColor(int index);                // the 4 colours of /palette
} // namespace image

// Writes the file; false (with a message on stderr) on failure.
bool writeImageFixture(const QString &fileName);

} // namespace hs::plottest
