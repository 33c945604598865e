#include "imagefixture.h"

#include "plotfixture.h"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <cmath>
#include <cstdio>
#include <vector>

namespace hs::plottest {

namespace image {

QColor rgbAt(int r, int c)
{
    const int level = r < RgbRows / 2 ? 255 : 128;
    if (c < RgbCols / 3)
        return QColor(level, 0, 0);
    if (c < 2 * RgbCols / 3)
        return QColor(0, level, 0);
    return QColor(0, 0, level);
}

QColor paletteColor(int index)
{
    static const QColor colors[] = {QColor(255, 255, 0), QColor(0, 128, 255), QColor(200, 0, 100), QColor(10, 10, 10)};
    return colors[index & 3];
}

} // namespace image

using namespace image;

namespace {

// A DatasetSpec field by field (designated initialisers would leave the
// others to -Wmissing-field-initializers).
DatasetSpec spec(const char *name, std::vector<hsize_t> dims, hid_t type = H5T_IEEE_F64LE, std::vector<hsize_t> chunk = {},
                 std::vector<std::pair<const char *, double>> attributes = {})
{
    DatasetSpec s;
    s.name = name;
    s.dims = std::move(dims);
    s.fileType = type;
    s.chunk = std::move(chunk);
    s.attributes = std::move(attributes);
    return s;
}

bool writeStringDataset(hid_t file)
{
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, 8);
    const hsize_t dims[2] = {4, 4};
    const hid_t space = H5Screate_simple(2, dims, nullptr);
    const hid_t d = H5Dcreate2(file, "strings", type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    std::vector<char> text(16 * 8, 'a');
    const bool ok = d >= 0 && H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, text.data()) >= 0;
    H5Dclose(d);
    H5Sclose(space);
    H5Tclose(type);
    return ok;
}

bool writeScaled(hid_t file)
{
    // /scaled (rows: y in mm, columns: time in s), with dimension scales.
    const hsize_t rows = 20, cols = 30;
    std::vector<double> v(rows * cols);
    for (hsize_t i = 0; i < v.size(); ++i)
        v[i] = std::sin(double(i % cols) / 5.0) * std::cos(double(i / cols) / 4.0);
    bool ok = writeDataset(file, spec("scaled", {rows, cols}), v);
    std::vector<double> y(rows), t(cols);
    for (hsize_t i = 0; i < rows; ++i)
        y[i] = 0.5 * double(i);
    for (hsize_t i = 0; i < cols; ++i)
        t[i] = 10.0 + double(i);
    ok = ok && writeDataset(file, spec("y", {rows}), y) && writeDataset(file, spec("time", {cols}), t);
    const hid_t d = H5Dopen2(file, "scaled", H5P_DEFAULT), ys = H5Dopen2(file, "y", H5P_DEFAULT),
                ts = H5Dopen2(file, "time", H5P_DEFAULT);
    ok = ok && H5DSset_scale(ys, "y") >= 0 && H5DSset_scale(ts, "time") >= 0 && H5DSattach_scale(d, ys, 0) >= 0
         && H5DSattach_scale(d, ts, 1) >= 0 && H5LTset_attribute_string(file, "y", "units", "mm") >= 0
         && H5LTset_attribute_string(file, "time", "units", "s") >= 0
         && H5LTset_attribute_string(file, "scaled", "units", "V") >= 0;
    H5Dclose(d);
    H5Dclose(ys);
    H5Dclose(ts);
    return ok;
}

} // namespace

bool writeImageFixture(const QString &fileName)
{
    const hid_t file = H5Fcreate(fileName.toLocal8Bit().constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (file < 0)
        return false;
    bool ok = true;

    std::vector<double> ramp(size_t(RampRows) * RampCols);
    for (int r = 0; r < RampRows; ++r)
        for (int c = 0; c < RampCols; ++c)
            ramp[size_t(r) * RampCols + c] = (r < 4 && c < 4) ? NaN : double(c);
    ok = ok && writeDataset(file, spec("ramp", {RampRows, RampCols}), ramp);

    std::vector<double> quad(size_t(QuadRows) * QuadCols);
    for (int r = 0; r < QuadRows; ++r)
        for (int c = 0; c < QuadCols; ++c)
            quad[size_t(r) * QuadCols + c] = (r < QuadRows / 2 ? 0 : 2) + (c < QuadCols / 2 ? 0 : 1);
    ok = ok && writeDataset(file, spec("quadrants", {QuadRows, QuadCols}), quad);

    // Signed values around zero; one outlier far above the rest (percentile clipping).
    std::vector<double> signedValues(32 * 32);
    for (int i = 0; i < 32 * 32; ++i)
        signedValues[size_t(i)] = double(i % 32) / 31.0 * 2.0 - 1.0;
    signedValues[5 * 32 + 5] = 1000.0;
    ok = ok && writeDataset(file, spec("signed", {32, 32}), signedValues);

    // Zeros and negatives next to positive values over four decades (log scale).
    std::vector<double> logValues(16 * 16);
    for (int i = 0; i < 16 * 16; ++i)
        logValues[size_t(i)] = std::pow(10.0, double(i % 16) / 15.0 * 4.0);
    for (int c = 0; c < 16; ++c) {
        logValues[size_t(c)] = 0.0;       // row 0: zeros
        logValues[size_t(16 + c)] = -5.0; // row 1: negative
    }
    ok = ok && writeDataset(file, spec("logdata", {16, 16}), logValues);

    std::vector<double> big(size_t(BigRows) * BigCols);
    for (int r = 0; r < BigRows; ++r)
        for (int c = 0; c < BigCols; ++c)
            big[size_t(r) * BigCols + c] = double(r + c);
    ok = ok && writeDataset(file, spec("big", {BigRows, BigCols}, H5T_IEEE_F32LE, {250, 250}), big);

    // Gaps: NaN, +Inf, -Inf and the CF _FillValue among ordinary values.
    std::vector<double> gaps(8 * 8);
    for (int i = 0; i < 64; ++i)
        gaps[size_t(i)] = double(i % 8);
    gaps[2 * 8 + 2] = Inf;
    gaps[3 * 8 + 3] = -Inf;
    gaps[4 * 8 + 4] = -9999;
    gaps[5 * 8 + 5] = NaN;
    ok = ok && writeDataset(file, spec("gaps", {8, 8}, H5T_IEEE_F64LE, {}, {{"_FillValue", -9999}}), gaps);

    ok = ok && writeDataset(file, spec("series", {100}), std::vector<double>(100, 1.0));
    ok = ok && writeStringDataset(file);
    ok = ok && writeScaled(file);

    // H5IM: an indexed image with a 4-colour palette.
    std::vector<unsigned char> idx(size_t(IdxRows) * IdxCols);
    for (int r = 0; r < IdxRows; ++r)
        for (int c = 0; c < IdxCols; ++c)
            idx[size_t(r) * IdxCols + c] = static_cast<unsigned char>((c / 4) % 4);
    unsigned char pal[4 * 3];
    for (int i = 0; i < 4; ++i) {
        pal[i * 3] = static_cast<unsigned char>(paletteColor(i).red());
        pal[i * 3 + 1] = static_cast<unsigned char>(paletteColor(i).green());
        pal[i * 3 + 2] = static_cast<unsigned char>(paletteColor(i).blue());
    }
    const hsize_t palDims[2] = {4, 3};
    ok = ok && H5IMmake_image_8bit(file, "indexed", IdxCols, IdxRows, idx.data()) >= 0
         && H5IMmake_palette(file, "palette", palDims, pal) >= 0 && H5IMlink_palette(file, "indexed", "palette") >= 0;

    // H5IM: RGB, by pixel ([rows][cols][3]) and by plane ([3][rows][cols]).
    std::vector<unsigned char> pixel(size_t(RgbRows) * RgbCols * 3), plane(pixel.size());
    for (int r = 0; r < RgbRows; ++r)
        for (int c = 0; c < RgbCols; ++c) {
            const QColor col = rgbAt(r, c);
            const int rgb[3] = {col.red(), col.green(), col.blue()};
            for (int k = 0; k < 3; ++k) {
                pixel[(size_t(r) * RgbCols + c) * 3 + k] = static_cast<unsigned char>(rgb[k]);
                plane[size_t(k) * RgbRows * RgbCols + size_t(r) * RgbCols + c] = static_cast<unsigned char>(rgb[k]);
            }
        }
    ok = ok && H5IMmake_image_24bit(file, "rgb_pixel", RgbCols, RgbRows, "INTERLACE_PIXEL", pixel.data()) >= 0
         && H5IMmake_image_24bit(file, "rgb_plane", RgbCols, RgbRows, "INTERLACE_PLANE", plane.data()) >= 0;
    std::vector<unsigned char> bigRgb(size_t(RgbBigRows) * RgbBigCols * 3);
    for (int r = 0; r < RgbBigRows; ++r)
        for (int c = 0; c < RgbBigCols; ++c) {
            unsigned char *p = &bigRgb[(size_t(r) * RgbBigCols + c) * 3];
            p[0] = static_cast<unsigned char>(r % 256);
            p[1] = static_cast<unsigned char>(c % 256);
            p[2] = 100;
        }
    ok = ok && H5IMmake_image_24bit(file, "rgb_big", RgbBigCols, RgbBigRows, "INTERLACE_PIXEL", bigRgb.data()) >= 0;
    H5Fclose(file);
    if (!ok)
        std::fprintf(stderr, "writing %s failed\n", fileName.toLocal8Bit().constData());
    return ok;
}

} // namespace hs::plottest
