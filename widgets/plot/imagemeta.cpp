#include "plot/imagemeta.h"

#include "plot/plotsource.h"
#include "services/attributereader.h"
#include "services/dimensionscales.h"

#include <QHash>

namespace hs::ui {

namespace {

struct Attrs
{
    QHash<QString, QString> text;       // name -> unquoted value
    QHash<QString, QString> reference;  // name -> first referenced path
};

Attrs attributesOf(const core::H5FilePtr &file, const QString &path)
{
    Attrs a;
    core::AttributeReader::Options options;
    options.maxElements = 4;
    auto list = core::AttributeReader::list(file, path, options);
    if (!list)
        return a;
    for (const core::AttributeInfo &info : list.value()) {
        a.text.insert(info.name, ImageMeta::unquoted(info.value));
        if (!info.references.isEmpty())
            a.reference.insert(info.name, info.references.first().section(QLatin1Char(' '), 0, 0));
    }
    return a;
}

// Every value of a small dataset (a palette, a scale) as doubles, row-major.
std::vector<double> readSmall(const core::H5FilePtr &file, const QString &path, quint64 *rows = nullptr,
                              quint64 *cols = nullptr)
{
    auto reader = core::DatasetReader::open(file, path);
    if (!reader || reader.value()->shape().kind != core::ShapeInfo::Kind::Simple)
        return {};
    const std::vector<quint64> dims = reader.value()->shape().dims;
    if (dims.empty() || dims.size() > 2)
        return {};
    quint64 n = 1;
    for (quint64 d : dims)
        n *= d;
    if (n == 0 || n > ImageMeta::MaxScaleValues)
        return {};
    auto source = core::PlotSource::make(reader.value(), core::Selection::all(dims), {});
    if (!source)
        return {};
    const quint64 r = dims[0], c = dims.size() == 2 ? dims[1] : 1;
    core::PlotTile tile;
    if (!source->read(0, r, 0, c, tile))
        return {};
    if (rows)
        *rows = r;
    if (cols)
        *cols = c;
    return std::vector<double>(tile.values, tile.values + n);
}

} // namespace

QString ImageMeta::unquoted(QString text)
{
    text = text.trimmed();
    if (text.size() >= 2 && text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"')))
        text = text.mid(1, text.size() - 2);
    return text;
}

std::vector<quint64> ImageMeta::datasetIndex(const core::Selection &slice, quint64 row, quint64 col) const
{
    if (kind == Kind::TrueColor)
        return planeInterlace ? std::vector<quint64>{0, row, col} : std::vector<quint64>{row, col, 0};
    std::vector<quint64> index;
    int r = 0;
    for (const core::DimSlice &d : slice.dims()) {
        if (d.dropped) {
            index.push_back(d.start);
            continue;
        }
        index.push_back(d.datasetIndex(r == 0 ? row : col));
        ++r;
    }
    return index;
}

std::optional<QRectF> ImageMeta::cellsRect(const core::Selection &slice, const core::Selection &selected) const
{
    const bool rgb = kind == Kind::TrueColor;
    const int dims[2] = {rgb ? (planeInterlace ? 1 : 0) : slice.datasetDimOf(0),
                         rgb ? (planeInterlace ? 2 : 1) : slice.datasetDimOf(1)};
    if (dims[0] < 0 || dims[1] < 0 || selected.dims().size() != slice.datasetShape().size())
        return std::nullopt;
    double lo[2], hi[2];
    for (int axis = 0; axis < 2; ++axis) {
        const core::DimSlice &s = selected.dims()[size_t(dims[axis])];
        if (s.count == 0)
            return std::nullopt;
        const quint64 first = s.start, last = s.datasetIndex(s.count * s.block - 1);
        const core::DimSlice &mine = slice.dims()[size_t(dims[axis])];
        lo[axis] = double(rgb ? first : mine.positionOf(first));
        hi[axis] = double(rgb ? last : mine.positionOf(last));
    }
    return QRectF(QPointF(lo[1], lo[0]), QPointF(hi[1], hi[0]));
}

ImageMeta ImageMeta::read(const core::H5FilePtr &file, const QString &path, const core::Selection &slice)
{
    ImageMeta meta;
    const Attrs attrs = attributesOf(file, path);
    const QString units = attrs.text.value(QStringLiteral("units"));
    meta.valueLabel = path.section(QLatin1Char('/'), -1);
    if (!units.isEmpty())
        meta.valueLabel += QStringLiteral(" (%1)").arg(units);
    if (attrs.text.value(QStringLiteral("CLASS")) == QLatin1String("IMAGE")) {
        const QString sub = attrs.text.value(QStringLiteral("IMAGE_SUBCLASS"));
        const int rank = int(slice.datasetShape().size());
        if (sub == QLatin1String("IMAGE_TRUECOLOR") && rank == 3) {
            meta.kind = Kind::TrueColor;
            meta.planeInterlace = attrs.text.value(QStringLiteral("INTERLACE_MODE")) == QLatin1String("INTERLACE_PLANE");
        } else if (attrs.reference.contains(QStringLiteral("PALETTE"))) {
            quint64 rows = 0, cols = 0;
            const std::vector<double> pal = readSmall(file, attrs.reference.value(QStringLiteral("PALETTE")), &rows, &cols);
            if (cols == 3 && rows > 0) {
                meta.kind = Kind::Indexed;
                for (quint64 i = 0; i < rows; ++i)
                    meta.palette.push_back(qRgb(int(pal[i * 3]), int(pal[i * 3 + 1]), int(pal[i * 3 + 2])));
            }
        }
    }
    // Axes: the scales of the dataset dimensions behind result dimensions 0 and 1.
    if (meta.kind == Kind::TrueColor || slice.resultRank() != 2)
        return meta;
    const QStringList scales = core::dimensionScalePaths(file, path);
    for (int axis = 0; axis < 2; ++axis) {
        const int d = slice.datasetDimOf(axis);
        if (d < 0 || d >= scales.size() || scales.at(d).isEmpty())
            continue;
        const QString scale = scales.at(d);
        const Attrs sa = attributesOf(file, scale);
        QString name = sa.text.value(QStringLiteral("long_name"));
        if (name.isEmpty())
            name = sa.text.value(QStringLiteral("NAME"));
        if (name.isEmpty() || name.startsWith(QLatin1String("This is a netCDF dimension")))
            name = scale.section(QLatin1Char('/'), -1);
        const QString units = sa.text.value(QStringLiteral("units"));
        meta.axisLabel[axis] = units.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, units);
        meta.axisName[axis] = name;
        meta.axisUnits[axis] = units;
        const std::vector<double> values = readSmall(file, scale);
        const core::DimSlice &ds = slice.dims()[d];
        if (values.size() != slice.datasetShape()[d])
            continue;
        std::vector<double> &out = meta.axisValues[axis];
        out.reserve(ds.count * ds.block);
        for (quint64 i = 0; i < ds.count * ds.block; ++i)
            out.push_back(values[ds.datasetIndex(i)]);
    }
    return meta;
}

} // namespace hs::ui
