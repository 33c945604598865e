#include "linesetup.h"

#include "plot/missingvalues.h"
#include "services/attributereader.h"
#include "services/datasetreader.h"
#include "services/dimensionscales.h"

#include <QCoreApplication>

#include <set>

namespace hs::ui {

using namespace hs::core;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hs::ui::LineSeriesSetup", text);
}

// A string attribute's text without the quotes the attribute reader puts around it.
QString attributeText(const std::vector<AttributeInfo> &attrs, const QString &name)
{
    for (const AttributeInfo &a : attrs) {
        if (a.name != name || !a.problem.isEmpty())
            continue;
        QString v = a.value.trimmed();
        if (v.size() >= 2 && v.startsWith(QLatin1Char('"')) && v.endsWith(QLatin1Char('"')))
            v = v.mid(1, v.size() - 2);
        return v;
    }
    return {};
}

QString withUnits(const QString &name, const QString &units)
{
    return units.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, units);
}

} // namespace

Selection LineSeriesSetup::lineOf(const Selection &slice, quint64 column)
{
    Selection line = slice;
    if (slice.resultRank() == 2) {
        DimSlice &s = line.dims()[size_t(slice.datasetDimOf(1))];
        s.start = s.datasetIndex(column);
        s.count = 1;
        s.stride = 1;
        s.block = 1;
        s.dropped = true;
    }
    return line;
}

std::optional<LineSeriesSetup> LineSeriesSetup::moved(const Selection &slice) const
{
    if (series.empty() || !statistics.reader())
        return std::nullopt;
    std::set<int> fields;
    for (const Series &s : series)
        fields.insert(s.field);
    const quint64 columns = slice.resultRank() == 2 ? slice.resultShape()[1] : 1;
    if (omittedSeries > 0 || series.size() != columns * fields.size())
        return std::nullopt;
    LineSeriesSetup out = *this;
    for (Series &s : out.series) {
        const quint64 column = s.resultColumn < 0 ? 0 : quint64(s.resultColumn);
        auto source = core::PlotSource::make(s.source.reader(), lineOf(slice, column), statistics.missing(), s.field,
                                             s.source.values().complexPart());
        if (!source)
            return std::nullopt;
        s.source = source.value();
    }
    auto stats = core::PlotSource::make(statistics.reader(), slice, statistics.missing(), series.front().field,
                                        statistics.values().complexPart());
    if (!stats)
        return std::nullopt;
    out.statistics = stats.value();
    return out;
}

LineSeriesSetup LineSeriesSetup::open(const H5FilePtr &file, const QString &path, const Selection &slice,
                                      ComplexPart part, int maxSeries)
{
    LineSeriesSetup out;
    auto reader = DatasetReader::open(file, path);
    if (!reader) {
        out.message = reader.error().message;
        return out;
    }
    auto missing = MissingValues::read(file, path);
    const MissingValues miss = missing ? missing.value() : MissingValues{};
    const auto &fields = reader.value()->fields();
    const QString name = path.section(QLatin1Char('/'), -1);
    const int d0 = slice.datasetDimOf(0);

    // Fields: every one that makes numbers; the first refusal is the message when none does.
    std::vector<int> fieldIndices;
    QString refusal;
    for (int f = 0; f < int(fields.size()); ++f) {
        auto probe = PlotSource::make(reader.value(), slice, miss, f, part);
        if (probe) {
            fieldIndices.push_back(f);
            out.isComplex = out.isComplex || probe->values().isComplex();
        } else if (refusal.isEmpty()) {
            refusal = probe.error().message;
        }
    }
    if (fieldIndices.empty()) {
        out.message = refusal.isEmpty() ? tr("Not plottable.") : refusal;
        return out;
    }

    // Series: each column of a 2-D slice, each numeric field.
    std::vector<quint64> columns{0};
    bool twoD = slice.resultRank() == 2;
    if (twoD)
        columns.resize(size_t(slice.resultShape()[1]));
    const int d1 = twoD ? slice.datasetDimOf(1) : -1;
    int made = 0;
    for (size_t c = 0; c < columns.size(); ++c) {
        const Selection line = lineOf(slice, c);
        for (int f : fieldIndices) {
            if (made >= maxSeries) {
                ++out.omittedSeries;
                continue;
            }
            auto source = PlotSource::make(reader.value(), line, miss, f, part);
            if (!source)
                continue;
            Series s;
            s.field = f;
            s.resultColumn = twoD ? int(c) : -1;
            QStringList parts;
            if (fields.size() > 1)
                parts << fields[size_t(f)].name;
            if (twoD)
                parts << tr("dim %1 = %2").arg(d1).arg(slice.dims()[size_t(d1)].datasetIndex(c));
            s.name = parts.join(QStringLiteral(", "));
            s.source = std::move(source.value());
            out.series.push_back(std::move(s));
            ++made;
        }
    }
    if (auto stats = PlotSource::make(reader.value(), slice, miss, fieldIndices.front(), part))
        out.statistics = stats.value();

    // The x axis: the dimension scale of the plotted dimension, when it is 1-D and as long.
    out.xLabel = tr("index (dim %1)").arg(d0);
    const QStringList scales = dimensionScalePaths(file, path);
    if (d0 >= 0 && d0 < scales.size() && !scales[d0].isEmpty()) {
        auto scaleReader = DatasetReader::open(file, scales[d0]);
        if (scaleReader && scaleReader.value()->shape().dims.size() == 1
            && scaleReader.value()->shape().dims[0] == slice.datasetShape()[size_t(d0)]) {
            Selection scaleSel = Selection::all(scaleReader.value()->shape().dims);
            scaleSel.dims()[0] = slice.dims()[size_t(d0)];
            auto scaleMissing = MissingValues::read(file, scales[d0]);
            auto scaleSource = PlotSource::make(scaleReader.value(), scaleSel, scaleMissing ? scaleMissing.value() : MissingValues{});
            if (scaleSource) {
                out.scale = scaleSource.value();
                const auto attrs = AttributeReader::list(file, scales[d0]);
                QString scaleName = scales[d0].section(QLatin1Char('/'), -1);
                QString units;
                if (attrs) {
                    const QString long_name = attributeText(attrs.value(), QStringLiteral("long_name"));
                    if (!long_name.isEmpty())
                        scaleName = long_name;
                    units = attributeText(attrs.value(), QStringLiteral("units"));
                }
                out.xLabel = withUnits(scaleName, units);
            }
        }
    }
    const auto attrs = AttributeReader::list(file, path);
    QString yName = name, yUnits;
    if (attrs) {
        const QString long_name = attributeText(attrs.value(), QStringLiteral("long_name"));
        if (!long_name.isEmpty())
            yName = long_name;
        yUnits = attributeText(attrs.value(), QStringLiteral("units"));
    }
    out.yLabel = withUnits(yName, yUnits);
    if (out.isComplex) {
        static const char *partNames[] = {"magnitude", "phase", "real part", "imaginary part"};
        out.yLabel = QStringLiteral("%1 — %2").arg(out.yLabel, tr(partNames[int(part)]));
    }
    return out;
}

} // namespace hs::ui
