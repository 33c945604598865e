#include "cli/plotcommand.h"

#include "cli/clireport.h"
#include "cli/infocommand.h"
#include "plot/imageplotview.h"
#include "plot/lineplotview.h"
#include "plot/plotsaver.h"
#include "services/datasetreader.h"
#include "services/h5file.h"
#include "services/hierarchyreader.h"
#include "services/pathdiagnosis.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTextStream>

namespace hs::app {

namespace {

const char kUsage[] = "usage: hyperslab plot FILE:/dataset [--select SEL] [--image|--line] [--colormap NAME] [--log] "
                      "[--range LO:HI] [--size WxH] [--dpi N] -o OUT.png|OUT.pdf|OUT.svg";

} // namespace

int runPlotCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Draw a dataset (or a slice of it) as a picture, without a display."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE:/dataset"), QStringLiteral("The file and the dataset's path in it."));
    const QCommandLineOption select({QStringLiteral("s"), QStringLiteral("select")},
                                    QStringLiteral("NumPy-style selection of a 1-D or 2-D slice, e.g. \"[5, :, :]\"."),
                                    QStringLiteral("SEL"));
    const QCommandLineOption image(QStringLiteral("image"), QStringLiteral("Draw a 2-D slice as an image (the default for 2-D)."));
    const QCommandLineOption line(QStringLiteral("line"), QStringLiteral("Draw lines (the default for 1-D)."));
    const QCommandLineOption colormap(QStringLiteral("colormap"),
                                      QStringLiteral("Colour map: %1 (default: viridis, coolwarm for signed data).")
                                          .arg(core::ColorMap::names().join(QStringLiteral(", "))),
                                      QStringLiteral("NAME"));
    const QCommandLineOption log(QStringLiteral("log"), QStringLiteral("Logarithmic colour scale."));
    const QCommandLineOption range(QStringLiteral("range"),
                                   QStringLiteral("Colour range (default: the 1st to 99th percentile)."), QStringLiteral("LO:HI"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Picture size in pixels (default 800x600)."),
                                  QStringLiteral("WxH"), QStringLiteral("800x600"));
    const QCommandLineOption dpi(QStringLiteral("dpi"), QStringLiteral("Resolution of a PNG (default 96)."),
                                 QStringLiteral("N"), QStringLiteral("96"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("The picture to write: .png, .pdf or .svg."), QStringLiteral("OUT"));
    parser.addOptions({select, image, line, colormap, log, range, size, dpi, output});
    if (!parser.parse(args))
        return cli::fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << cli::helpText(parser, QStringLiteral("plot"));
        return 0;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1 || !parser.isSet(output))
        return cli::fail(QString::fromLatin1(kUsage));
    if (parser.isSet(image) && parser.isSet(line))
        return cli::fail(QStringLiteral("Choose --image or --line, not both."));
    const QString outPath = parser.value(output);
    if (!ui::PlotSaver::formatOf(outPath))
        return cli::fail(QStringLiteral("Cannot tell the picture format of %1: name it .png, .pdf or .svg.").arg(outPath));
    if (ui::PlotSaver::formatOf(outPath) == ui::PlotSaver::Format::Svg && !ui::PlotSaver::svgSupported())
        return cli::fail(QStringLiteral("This build cannot write SVG (no Qt SVG); use .png or .pdf."));
    const QRegularExpressionMatch sizeMatch =
        QRegularExpression(QStringLiteral("^(\\d{1,5})[xX](\\d{1,5})$")).match(parser.value(size));
    const int width = sizeMatch.hasMatch() ? sizeMatch.captured(1).toInt() : 0;
    const int height = sizeMatch.hasMatch() ? sizeMatch.captured(2).toInt() : 0;
    if (width < 50 || height < 50 || width > 20000 || height > 20000)
        return cli::fail(QStringLiteral("--size takes WIDTHxHEIGHT in pixels, each 50 to 20000, not '%1'.").arg(parser.value(size)));
    bool dpiOk = false;
    const int dots = parser.value(dpi).toInt(&dpiOk);
    if (!dpiOk || dots < 24 || dots > 1200)
        return cli::fail(QStringLiteral("--dpi takes a number from 24 to 1200, not '%1'.").arg(parser.value(dpi)));
    std::optional<core::ColorMap::Name> mapName;
    if (parser.isSet(colormap)) {
        mapName = core::ColorMap::fromName(parser.value(colormap));
        if (!mapName)
            return cli::fail(QStringLiteral("Unknown colour map '%1'; use %2.")
                                 .arg(parser.value(colormap), core::ColorMap::names().join(QStringLiteral(", "))));
    }
    std::optional<std::pair<double, double>> manual;
    if (parser.isSet(range)) {
        const QStringList parts = parser.value(range).split(QLatin1Char(':'));
        bool a = false, b = false;
        const double lo = parts.size() == 2 ? parts[0].toDouble(&a) : 0, hi = parts.size() == 2 ? parts[1].toDouble(&b) : 0;
        if (!a || !b || !(lo < hi))
            return cli::fail(QStringLiteral("--range takes LOW:HIGH with LOW below HIGH, not '%1'.").arg(parser.value(range)));
        manual = std::make_pair(lo, hi);
    }

    const FileAndPath target = splitFileArgument(pos.first());
    if (!core::H5File::exists(target.file)) {
        const qsizetype colon = target.file.indexOf(QLatin1String(":/"));
        return cli::fail(colon > 0 ? target.file.left(colon) : target.file, {}, QStringLiteral("No such file."));
    }
    if (target.path.isEmpty())
        return cli::fail(target.file, {}, QStringLiteral("Name the dataset to plot, as in %1:/path/to/dataset.").arg(target.file));
    auto file = core::H5File::open(target.file);
    if (!file)
        return cli::fail(target.file, {}, file.error().message);
    const auto summary = core::HierarchyReader(file.value()).summarize(target.path);
    if (!summary)
        return cli::fail(target.file, target.path,
                         core::pathdiagnosis::explainMissing(file.value(), target.path, summary.error()).message);
    if (summary->kind != core::ObjectKind::Dataset)
        return cli::fail(target.file, target.path,
                         QStringLiteral("It is a %1, not a dataset.")
                             .arg(summary->kind == core::ObjectKind::Missing ? QStringLiteral("broken link")
                                                                             : core::kindName(summary->kind)));
    auto reader = core::DatasetReader::open(file.value(), target.path);
    if (!reader)
        return cli::fail(target.file, target.path, reader.error().message);
    const core::ShapeInfo &shape = reader.value()->shape();
    const std::vector<quint64> dims = shape.kind == core::ShapeInfo::Kind::Simple ? shape.dims : std::vector<quint64>{};
    auto selection = parser.isSet(select) ? core::Selection::parse(parser.value(select), dims)
                                          : core::Result<core::Selection>(core::Selection::all(dims));
    if (!selection)
        return cli::fail(target.file, target.path, selection.error().message);

    const int rank = selection->resultRank();
    const ui::ImageMeta meta = ui::ImageMeta::read(file.value(), target.path, selection.value());
    const bool asImage = parser.isSet(image) || (!parser.isSet(line) && (rank == 2 || meta.kind == ui::ImageMeta::Kind::TrueColor));
    if (!asImage) {
        if (rank != 1 && rank != 2)
            return cli::fail(target.file, target.path,
                             QStringLiteral("A line plot needs a 1-D or 2-D slice; this one has %1 dimensions.").arg(rank));
        // The window's line view, at the picture's size (a 2-D slice: each row a series).
        ui::LinePlotView lines;
        lines.setAttribute(Qt::WA_DontShowOnScreen);
        lines.resize(width, height);
        lines.show();
        lines.setSource(file.value(), target.path, selection.value());
        if (!lines.waitUntilComplete(10 * 60 * 1000))
            return cli::fail(target.file, target.path, QStringLiteral("Drawing took longer than ten minutes; gave up."));
        if (!lines.message().isEmpty())
            return cli::fail(target.file, target.path, lines.message());
        const QString lineError = ui::PlotSaver::save(lines.plot(), outPath, QSize(width, height), dots);
        if (!lineError.isEmpty())
            return cli::fail(target.file, target.path, lineError);
        return 0;
    }
    if (rank != 2 && meta.kind != ui::ImageMeta::Kind::TrueColor)
        return cli::fail(target.file, target.path,
                         QStringLiteral("An image needs a 2-D slice; this one has %1 dimension%2 (choose one with --select).")
                             .arg(rank)
                             .arg(rank == 1 ? QString() : QStringLiteral("s")));

    ui::ImagePlotView view;
    view.setControlsVisible(false);
    view.setAttribute(Qt::WA_DontShowOnScreen);
    view.resize(width, height);
    view.show(); // offscreen: lays the view out at the picture's size
    view.setColorMap(mapName);
    view.setLogScale(parser.isSet(log));
    if (manual)
        view.setManualRange(manual->first, manual->second);
    view.setSource(file.value(), target.path, selection.value());
    if (!view.waitUntilComplete(10 * 60 * 1000))
        return cli::fail(target.file, target.path, QStringLiteral("Drawing took longer than ten minutes; gave up."));
    if (!view.message().isEmpty())
        return cli::fail(target.file, target.path, view.message());
    const QString error = ui::PlotSaver::save(view.plot(), outPath, QSize(width, height), dots);
    if (!error.isEmpty())
        return cli::fail(target.file, target.path, error);
    return 0;
}

} // namespace hs::app
