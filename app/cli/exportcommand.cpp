#include "cli/exportcommand.h"

#include "cli/clireport.h"
#include "cli/infocommand.h"
#include "services/csvexporter.h"
#include "services/datasetreader.h"
#include "services/h5file.h"
#include "services/hierarchyreader.h"
#include "services/pathdiagnosis.h"
#include "plugins/datasetexportsource.h"
#include "plugins/pluginregistry.h"

#include "hyperslab/exporterinterface.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>

namespace hs::app {

namespace {

const char kUsage[] = "usage: hyperslab export FILE:/dataset [--format csv|NAME] [--select TEXT] [-o OUT.csv] [--delimiter C] "
                      "[--no-header] [--index] [--float shortest|fixed|scientific|general] [--precision N] "
                      "[--layout lines|slices] [--strings latin1|raw]";

// "tab", "\t", "comma", ... or the characters themselves.
QString delimiterFrom(const QString &arg)
{
    const QString a = arg.toLower();
    if (a == QLatin1String("tab") || a == QLatin1String("\\t"))
        return QStringLiteral("\t");
    if (a == QLatin1String("comma"))
        return QStringLiteral(",");
    if (a == QLatin1String("semicolon"))
        return QStringLiteral(";");
    if (a == QLatin1String("space"))
        return QStringLiteral(" ");
    if (a == QLatin1String("pipe"))
        return QStringLiteral("|");
    return arg;
}

} // namespace

int runExportCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Write a selection of a dataset as CSV."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE:/dataset"), QStringLiteral("The file and the dataset's path in it."));
    const QCommandLineOption select({QStringLiteral("s"), QStringLiteral("select")},
                                    QStringLiteral("NumPy-style selection, e.g. \"[5, :, 0:100:2]\" (default: everything)."),
                                    QStringLiteral("TEXT"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write to this file (default: standard output)."), QStringLiteral("OUT.csv"));
    const QCommandLineOption delimiter({QStringLiteral("d"), QStringLiteral("delimiter")},
                                       QStringLiteral("Field separator: a character, or tab, comma, semicolon, space, pipe (default: comma)."),
                                       QStringLiteral("C"), QStringLiteral(","));
    const QCommandLineOption noHeader(QStringLiteral("no-header"), QStringLiteral("Leave out the line of column names."));
    const QCommandLineOption index(QStringLiteral("index"), QStringLiteral("Start each line with the dataset index of the row."));
    const QCommandLineOption crlf(QStringLiteral("crlf"), QStringLiteral("End lines with CR LF (RFC 4180) instead of LF."));
    const QCommandLineOption floatStyle(QStringLiteral("float"),
                                        QStringLiteral("Float format: shortest (round-trips exactly; default), fixed, scientific, general."),
                                        QStringLiteral("STYLE"), QStringLiteral("shortest"));
    const QCommandLineOption precision(QStringLiteral("precision"),
                                       QStringLiteral("Digits for fixed, scientific and general (default 6)."),
                                       QStringLiteral("N"), QStringLiteral("6"));
    const QCommandLineOption hex(QStringLiteral("hex"), QStringLiteral("Write integers as hexadecimal."));
    const QCommandLineOption layout(QStringLiteral("layout"),
                                    QStringLiteral("More than two dimensions: lines (one line per combination of the leading "
                                                   "indices, those indices first; default) or slices (the 2-D slices over the "
                                                   "last two dimensions one after another, separated by a blank line)."),
                                    QStringLiteral("FORM"), QStringLiteral("lines"));
    const QCommandLineOption strings(QStringLiteral("strings"),
                                     QStringLiteral("Strings that are not UTF-8: latin1 (decode them as Latin-1; default) "
                                                    "or raw (write their bytes as they are)."),
                                     QStringLiteral("HOW"), QStringLiteral("latin1"));
    const QCommandLineOption format({QStringLiteral("f"), QStringLiteral("format")},
                                    QStringLiteral("csv (default), or the format of an exporter plugin: npy, json, ... "
                                                   "(hyperslab plugins lists them). The CSV options apply to csv only."),
                                    QStringLiteral("NAME"), QStringLiteral("csv"));
    parser.addOptions({format, select, output, delimiter, noHeader, index, crlf, floatStyle, precision, hex, layout, strings});
    if (!parser.parse(args))
        return cli::fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << cli::helpText(parser, QStringLiteral("export"));
        return 0;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1)
        return cli::fail(QString::fromLatin1(kUsage));

    core::CsvOptions options;
    options.delimiter = delimiterFrom(parser.value(delimiter));
    options.header = !parser.isSet(noHeader);
    options.indexColumns = parser.isSet(index);
    options.crlf = parser.isSet(crlf);
    options.format.hexIntegers = parser.isSet(hex);
    const QString style = parser.value(floatStyle).toLower();
    using FS = core::FormatOptions::FloatStyle;
    if (style == QLatin1String("shortest"))
        options.format.floatStyle = FS::Shortest;
    else if (style == QLatin1String("fixed"))
        options.format.floatStyle = FS::Fixed;
    else if (style == QLatin1String("scientific"))
        options.format.floatStyle = FS::Scientific;
    else if (style == QLatin1String("general"))
        options.format.floatStyle = FS::General;
    else
        return cli::fail(QStringLiteral("Unknown float format '%1'; use shortest, fixed, scientific or general.").arg(style));
    const QString form = parser.value(layout).toLower();
    if (form == QLatin1String("lines"))
        options.ndLayout = core::CsvOptions::NdLayout::Lines;
    else if (form == QLatin1String("slices"))
        options.ndLayout = core::CsvOptions::NdLayout::Slices;
    else
        return cli::fail(QStringLiteral("Unknown layout '%1'; use lines or slices.").arg(form));
    const QString bytes = parser.value(strings).toLower();
    if (bytes == QLatin1String("latin1") || bytes == QLatin1String("latin-1"))
        options.nonUtf8Strings = core::FormatOptions::NonUtf8::Latin1;
    else if (bytes == QLatin1String("raw"))
        options.nonUtf8Strings = core::FormatOptions::NonUtf8::Raw;
    else
        return cli::fail(QStringLiteral("Unknown --strings '%1'; use latin1 or raw.").arg(bytes));
    bool precisionOk = false;
    options.format.floatPrecision = parser.value(precision).toInt(&precisionOk);
    if (!precisionOk || options.format.floatPrecision < 0 || options.format.floatPrecision > 99)
        return cli::fail(QStringLiteral("--precision takes a number of digits from 0 to 99, not '%1'.").arg(parser.value(precision)));

    const FileAndPath target = splitFileArgument(pos.first());
    if (!core::H5File::exists(target.file)) {
        const qsizetype colon = target.file.indexOf(QLatin1String(":/"));
        return cli::fail(colon > 0 ? target.file.left(colon) : target.file, {}, QStringLiteral("No such file."));
    }
    if (target.path.isEmpty())
        return cli::fail(target.file, {}, QStringLiteral("Name the dataset to export, as in %1:/path/to/dataset.").arg(target.file));
    const QString outPath = parser.value(output);
    if (!outPath.isEmpty() && QFileInfo(outPath).exists()
        && QFileInfo(outPath).canonicalFilePath() == QFileInfo(target.file).canonicalFilePath())
        return cli::fail(target.file, target.path,
                         QStringLiteral("The output %1 is the HDF5 file being read; choose another file name.").arg(outPath));

    auto file = core::H5File::open(target.file);
    if (!file)
        return cli::fail(target.file, {}, file.error().message);
    // Say what the object is when it is not a dataset (the reader would only say it failed).
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

    const QString formatName = parser.value(format).toLower();
    if (formatName != QLatin1String("csv")) {
        hyperslab::ExporterInterface *plugin = core::PluginRegistry::instance().exporter(formatName);
        if (!plugin) {
            QStringList names{QStringLiteral("csv")};
            for (hyperslab::ExporterInterface *e : core::PluginRegistry::instance().exporters())
                names << e->formatName();
            return cli::fail(QStringLiteral("Unknown format '%1'; use %2 (hyperslab plugins lists the exporters).")
                                 .arg(formatName, names.join(QStringLiteral(", "))));
        }
        core::DatasetExportSource source(reader.value(), selection.value());
        if (outPath.isEmpty()) {
            const QString why = plugin->unsupportedReason(source);
            if (!why.isEmpty())
                return cli::fail(target.file, target.path, why);
            QFile out;
            QString error;
            if (!out.open(stdout, QIODevice::WriteOnly))
                return cli::fail(target.file, target.path, QStringLiteral("Cannot write to standard output."));
            const bool ok = plugin->write(source, out, &error);
            out.flush();
            return ok ? 0 : cli::fail(target.file, target.path, error);
        }
        const core::Status written = core::runExporter(*plugin, source, outPath);
        return written ? 0 : cli::fail(target.file, target.path, written.error().message);
    }

    core::CsvExporter exporter(reader.value(), selection.value(), options);
    core::Status st = exporter.validate();
    if (st) {
        if (outPath.isEmpty()) {
            QFile out;
            if (!out.open(stdout, QIODevice::WriteOnly))
                return cli::fail(target.file, target.path, QStringLiteral("Cannot write to standard output."));
            st = exporter.write(out);
            out.flush();
        } else {
            st = exporter.writeFile(outPath);
        }
    }
    if (!st)
        return cli::fail(target.file, target.path, st.error().message);
    return 0;
}

} // namespace hs::app
