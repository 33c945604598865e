// hyperslab_plotwindowbench: the plots as the window shows them. The real
// LinePlotView and ImagePlotView (offscreen, 1600 x 900) are handed the data
// of hyperslab_plotbench (a 10^8-point float64 series, 800 MB, contiguous; a
// 4096 x 4096 float32 image, gzip-chunked 256 x 256), and we time:
//   - setSource: the GUI-thread call itself;
//   - first plot: from setSource to the first replot that has data in it (the
//     part already read, drawn into the widget), target < 100 ms;
//   - complete: until waitUntilComplete (the whole decimation/reduction drawn);
//   - the longest the event loop went without running (a 1 ms timer's largest
//     gap): what a user would feel as a stall;
//   - the GUI thread's CPU time during it (load-independent; HS_BENCH_GAPS=1
//     prints every event-loop gap over 30 ms);
//   - peak memory: VmHWM (reset before each run) above the RSS at its start;
// against the raw tiled H5Dread of the same data in the same run. The files
// are the ones hyperslab_plotbench writes (--data-dir reuses them). Page
// cache warm. Updates the plotwindowbench section of bench/RESULTS.md.

#include "benchutil.h"
#include "model/selection.h"
#include "plot/imageplotview.h"
#include "plot/lineplotview.h"
#include "services/h5file.h"

#include <hdf5.h>
#include <qcustomplot.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <functional>

using namespace hs;
using namespace hs::bench;

namespace {

constexpr hsize_t kSeries = 100'000'000;
constexpr hsize_t kSide = 4096;

// CPU time of the calling (GUI) thread: what the views cost the event loop,
// whatever else the machine is doing.
double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

void resetPeak()
{
    if (FILE *f = std::fopen("/proc/self/clear_refs", "w")) {
        std::fputs("5", f);
        std::fclose(f);
    }
}

// The raw read the reductions are compared with: tiles into one reused buffer.
double rawTiled(const QString &path, const char *name, hid_t memType, size_t elementSize, hsize_t tileRows, hsize_t tileCols)
{
    const auto t0 = Clock::now();
    const hid_t f = H5Fopen(QFile::encodeName(path).constData(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t d = H5Dopen2(f, name, H5P_DEFAULT);
    const hid_t space = H5Dget_space(d);
    const int rank = H5Sget_simple_extent_ndims(space);
    hsize_t dims[2] = {1, 1};
    H5Sget_simple_extent_dims(space, dims, nullptr);
    if (rank == 1)
        tileCols = 1;
    std::vector<unsigned char> buf(size_t(tileRows * tileCols) * elementSize);
    for (hsize_t r = 0; r < dims[0]; r += tileRows)
        for (hsize_t c = 0; c < (rank == 1 ? 1 : dims[1]); c += tileCols) {
            const hsize_t start[2] = {r, c};
            const hsize_t count[2] = {std::min(tileRows, dims[0] - r), rank == 1 ? 1 : std::min(tileCols, dims[1] - c)};
            H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, count, nullptr);
            const hid_t mem = H5Screate_simple(rank, count, nullptr);
            H5Dread(d, memType, mem, space, H5P_DEFAULT, buf.data());
            H5Sclose(mem);
        }
    H5Sclose(space);
    H5Dclose(d);
    H5Fclose(f);
    return secondsSince(t0);
}

struct Run
{
    double setSource = 0, first = -1, complete = -1, stall = 0, guiCpu = 0;
    long peakMB = 0, peakTotalMB = 0;
    bool ok = false;
};

// Shows `path` of `file` in `view` (LinePlotView or ImagePlotView), timing it.
template <typename View>
Run measure(View &view, const std::function<bool()> &hasData, const core::H5FilePtr &file, const QString &path,
            const core::Selection &sel)
{
    Run r;
    QApplication::processEvents();
    const long before = statusKb("VmRSS");
    resetPeak();
    QElapsedTimer clock;
    // The event loop's longest gap: a 1 ms timer that notes how late it runs.
    QElapsedTimer tick;
    QTimer beat;
    beat.setInterval(1);
    QObject::connect(&beat, &QTimer::timeout, [&] {
        r.stall = std::max(r.stall, tick.nsecsElapsed() / 1e9);
        if (qEnvironmentVariableIsSet("HS_BENCH_GAPS") && tick.nsecsElapsed() > 30'000'000)
            std::printf("  gap %.1f ms ending at %.1f ms\n", tick.nsecsElapsed() / 1e6, clock.nsecsElapsed() / 1e6);
        tick.restart();
    });
    const QMetaObject::Connection c = QObject::connect(view.plot(), &QCustomPlot::afterReplot, [&] {
        if (r.first < 0 && hasData())
            r.first = clock.nsecsElapsed() / 1e9;
    });
    tick.start();
    beat.start();
    const double cpu0 = threadCpuSeconds();
    clock.start();
    view.setSource(file, path, sel);
    r.setSource = clock.nsecsElapsed() / 1e9;
    r.ok = view.waitUntilComplete(10 * 60 * 1000) && view.message().isEmpty();
    r.complete = clock.nsecsElapsed() / 1e9;
    r.guiCpu = threadCpuSeconds() - cpu0;
    beat.stop();
    QObject::disconnect(c);
    const long peak = statusKb("VmHWM");
    r.peakMB = (peak - before) / 1024;
    r.peakTotalMB = peak / 1024;
    return r;
}

QString row(const QString &what, const std::vector<Run> &runs, const std::vector<double> &raw)
{
    std::vector<double> set, first, complete, stall, gui;
    long peak = 0, total = 0;
    for (const Run &r : runs) {
        set.push_back(r.setSource * 1000);
        first.push_back(r.first * 1000);
        complete.push_back(r.complete);
        stall.push_back(r.stall * 1000);
        gui.push_back(r.guiCpu * 1000);
        peak = std::max(peak, r.peakMB);
        total = std::max(total, r.peakTotalMB);
    }
    return QStringLiteral("| %1 | %2 | **%3** | %4 | %5 | %6 | %9 | %7 | %8 |\n")
        .arg(what)
        .arg(median(set), 0, 'f', 1)
        .arg(median(first), 0, 'f', 1)
        .arg(median(complete), 0, 'f', 3)
        .arg(median(raw), 0, 'f', 3)
        .arg(median(stall), 0, 'f', 1)
        .arg(peak)
        .arg(total)
        .arg(median(gui), 0, 'f', 0);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser args;
    args.addHelpOption();
    args.addOptions({{QStringLiteral("runs"), QStringLiteral("Timed runs of each (median)."), QStringLiteral("N"),
                      QStringLiteral("3")},
                     {QStringLiteral("data-dir"), QStringLiteral("Where hyperslab_plotbench wrote its input files."),
                      QStringLiteral("DIR"), QStringLiteral(HYPERSLAB_BENCH_DATA_DIR)},
                     {QStringLiteral("results"), QStringLiteral("Markdown file to update (default bench/RESULTS.md)."),
                      QStringLiteral("F")},
                     {QStringLiteral("no-results"), QStringLiteral("Do not write RESULTS.md.")}});
    args.process(app);
    const int runs = std::max(1, args.value(QStringLiteral("runs")).toInt());
    const QString dir = args.value(QStringLiteral("data-dir"));
    const QString seriesPath = dir + QStringLiteral("/plot-series-v1.h5");
    const QString imagePath = dir + QStringLiteral("/plot-image-v1.h5");
    if (!QFileInfo::exists(seriesPath) || !QFileInfo::exists(imagePath)) {
        std::fprintf(stderr, "no %s or %s: run hyperslab_plotbench first (it writes them), or name its --data-dir\n",
                     qPrintable(seriesPath), qPrintable(imagePath));
        return 3;
    }
    const QString load = loadAverage();
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    // Warm the page cache (untimed).
    rawTiled(seriesPath, "series", H5T_NATIVE_DOUBLE, 8, hsize_t(1) << 20, 1);
    rawTiled(imagePath, "image", H5T_NATIVE_FLOAT, 4, 256, kSide);

    std::vector<Run> lines, images;
    std::vector<double> rawSeries, rawImage;
    bool ok = true;
    for (int i = 0; i < runs; ++i) {
        rawSeries.push_back(rawTiled(seriesPath, "series", H5T_NATIVE_DOUBLE, 8, hsize_t(1) << 20, 1));
        {
            auto file = core::H5File::open(seriesPath);
            if (!file)
                return 3;
            ui::LinePlotView view;
            view.setAttribute(Qt::WA_DontShowOnScreen);
            view.resize(1600, 900);
            view.show();
            auto hasData = [&view] { return view.plot()->graphCount() > 1 && view.plot()->graph(1)->dataCount() > 0; };
            lines.push_back(measure(view, hasData, file.value(), QStringLiteral("/series"), core::Selection::all({kSeries})));
            ok = ok && lines.back().ok;
        }
        rawImage.push_back(rawTiled(imagePath, "image", H5T_NATIVE_FLOAT, 4, 256, kSide));
        {
            auto file = core::H5File::open(imagePath);
            if (!file)
                return 3;
            ui::ImagePlotView view;
            view.setAttribute(Qt::WA_DontShowOnScreen);
            view.resize(1600, 900);
            view.show();
            auto hasData = [&view] { return bool(view.baseImage()); };
            images.push_back(measure(view, hasData, file.value(), QStringLiteral("/image"), core::Selection::all({kSide, kSide})));
            ok = ok && images.back().ok;
        }
        std::printf("run %d: series first %.1f ms complete %.3f s; image first %.1f ms complete %.3f s\n", i + 1,
                    lines.back().first * 1000, lines.back().complete, images.back().first * 1000, images.back().complete);
    }
    if (!ok) {
        std::fprintf(stderr, "a plot did not complete or showed a message\n");
        return 4;
    }

    const QString text =
        QStringLiteral("| view (1600 x 900, offscreen) | setSource ms (GUI thread) | first plot ms | complete s | raw tiled "
                       "read s | longest event-loop gap ms | GUI-thread CPU ms | peak MB above start | peak RSS MB |\n"
                       "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
        + row(QStringLiteral("LinePlotView, 10^8 float64 series"), lines, rawSeries)
        + row(QStringLiteral("ImagePlotView, 4096 x 4096 float32 gzip"), images, rawImage);
    std::printf("\n%s\n", qPrintable(text));
    if (!args.isSet(QStringLiteral("no-results"))) {
        const QString section =
            QStringLiteral("The real views, offscreen, timed from setSource to the first replot with data in it (first "
                           "plot; target < 100 ms) and to waitUntilComplete (the whole series decimated / the image "
                           "reduced, statistics and histogram included), with the raw tiled H5Dread of the same data in "
                           "the same run (1 M elements / 256-row chunk rows). The event-loop gap is the largest lateness "
                           "of a 1 ms timer during it. Median of %1 runs, page cache warm.\n\n"
                           "Machine: %2, %3 cores, load average %4 at the start; %5.\n\n%6\n"
                           "Reproduce: `ninja -C build hyperslab_plotbench hyperslab_plotwindowbench && "
                           "build/bin/hyperslab_plotbench --phase series --runs 1 --no-results` (writes the data once), "
                           "then `build/bin/hyperslab_plotwindowbench`.\n")
                .arg(runs)
                .arg(QSysInfo::prettyProductName())
                .arg(QThread::idealThreadCount())
                .arg(load, QDateTime::currentDateTimeUtc().toString(Qt::ISODate), text);
        const QString path = args.isSet(QStringLiteral("results")) ? args.value(QStringLiteral("results"))
                                                                   : QStringLiteral(HYPERSLAB_BENCH_SOURCE_DIR "/RESULTS.md");
        if (!writeResultsSection(path, QStringLiteral("plotwindowbench"), QStringLiteral("Plots in the window"), section)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
            return 5;
        }
        std::printf("wrote %s\n", qPrintable(path));
    }
    return 0;
}
