#pragma once

#include "model/selection.h"
#include "services/h5file.h"

#include <QRectF>
#include <QRgb>
#include <QString>

#include <array>
#include <optional>
#include <vector>

namespace hs::ui {

// What a 2-D slice needs besides its numbers to be drawn as an image: whether
// the dataset is an HDF5 Image (the H5IM convention: CLASS=IMAGE, indexed with
// a PALETTE, or IMAGE_TRUECOLOR RGB interlaced by pixel or by plane), and the
// dimension scales of the two shown dimensions (name, units and values).
// Reads attributes and the small datasets they point to (palette; scales of
// at most MaxScaleValues values) through core services; cheap, GUI thread.
struct ImageMeta
{
    enum class Kind { Plain, Indexed, TrueColor };
    Kind kind = Kind::Plain;
    bool planeInterlace = false; // TrueColor: [3][rows][cols]; else [rows][cols][3]
    std::vector<QRgb> palette;   // Indexed: colour of value i
    // [0]: rows (the vertical axis), [1]: columns. Empty label/values: the index.
    std::array<QString, 2> axisLabel;  // "name (units)"
    std::array<QString, 2> axisName, axisUnits;
    QString valueLabel; // the dataset's name, with its `units`
    std::array<std::vector<double>, 2> axisValues; // value of each result index

    static constexpr quint64 MaxScaleValues = quint64(1) << 20;

    // The dataset index of image cell (row, col) of `slice` (an RGB image: of its first channel).
    std::vector<quint64> datasetIndex(const core::Selection &slice, quint64 row, quint64 col) const;
    // The cells of `selected` (dataset indices) as image rows (y) and columns
    // (x), first to last inclusive; nullopt when nothing of it is in the image's dimensions.
    std::optional<QRectF> cellsRect(const core::Selection &slice, const core::Selection &selected) const;

    static ImageMeta read(const core::H5FilePtr &file, const QString &path, const core::Selection &slice);
    // The attribute text without h5dump's quotes ("IMAGE" -> IMAGE).
    static QString unquoted(QString text);
};

} // namespace hs::ui
