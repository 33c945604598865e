// hyperslab_plotbench: the plot reductions of core/plot on data of the size
// issue 10 names, each against the raw HDF5 read of the same data in the
// same run:
//   - series: min/max decimation (Decimator) of a 10^8-point float64 series
//     (800 MB, contiguous) into 1920 pixel columns, and its statistics
//     (SliceStatistics), vs H5Dread of the same elements in 1 M-element
//     tiles into one reused buffer (the least any bounded-memory reader does)
//     and vs one H5Dread of the whole series.
//   - image: block-mean and block-min/max reduction (ImageReducer) of a
//     4096 x 4096 float32 image, gzip-chunked 256 x 256, to 1600 x 1000, vs
//     H5Dread of the same chunk rows and vs one H5Dread of the whole image.
// Peak memory of each phase: the process's peak RSS (VmHWM, reset through
// /proc/self/clear_refs before each phase) above its RSS at the start of it.
// Files are written once into build/bench-data and reused. The page cache is
// warm (one untimed read first): this measures the work, not the disk.
// Prints a table and rewrites the plotbench section of bench/RESULTS.md.

#include "benchutil.h"
#include "plot/decimator.h"
#include "plot/imagereducer.h"
#include "plot/slicestatistics.h"
#include "services/h5file.h"

#include <hdf5.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

using namespace hs::core;
using namespace hs::bench;

namespace {

constexpr hsize_t kSeries = 100'000'000;
constexpr hsize_t kSide = 4096, kChunk = 256;
constexpr hsize_t kTile = hsize_t(1) << 20;

void resetPeak()
{
    if (FILE *f = std::fopen("/proc/self/clear_refs", "w")) {
        std::fputs("5", f);
        std::fclose(f);
    }
}

bool writeSeries(const QString &path)
{
    const hid_t f = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (f < 0)
        return false;
    const hsize_t n = kSeries;
    const hid_t space = H5Screate_simple(1, &n, nullptr);
    const hid_t d = H5Dcreate2(f, "series", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    std::vector<double> buf(kTile);
    bool ok = d >= 0;
    for (hsize_t at = 0; ok && at < n; at += kTile) {
        const hsize_t count = std::min(kTile, n - at);
        for (hsize_t i = 0; i < count; ++i) {
            const hsize_t k = at + i;
            // A wave with noise, and a NaN gap now and then (a real recorder's dropouts).
            buf[i] = (k / 1000003) % 17 == 5 ? NAN
                                             : std::sin(double(k) * 1e-6) * 100 + double((k * 2654435761u) % 1000) * 0.01;
        }
        const hid_t mem = H5Screate_simple(1, &count, nullptr);
        H5Sselect_hyperslab(space, H5S_SELECT_SET, &at, nullptr, &count, nullptr);
        ok = H5Dwrite(d, H5T_NATIVE_DOUBLE, mem, space, H5P_DEFAULT, buf.data()) >= 0;
        H5Sclose(mem);
    }
    H5Dclose(d);
    H5Sclose(space);
    H5Fclose(f);
    return ok;
}

bool writeImage(const QString &path)
{
    const hid_t f = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (f < 0)
        return false;
    const hsize_t dims[2] = {kSide, kSide}, chunk[2] = {kChunk, kChunk};
    const hid_t space = H5Screate_simple(2, dims, nullptr);
    const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(dcpl, 2, chunk);
    H5Pset_deflate(dcpl, 4);
    const hid_t d = H5Dcreate2(f, "image", H5T_IEEE_F32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    std::vector<float> rows(kChunk * kSide);
    bool ok = d >= 0;
    for (hsize_t r0 = 0; ok && r0 < kSide; r0 += kChunk) {
        for (hsize_t r = 0; r < kChunk; ++r)
            for (hsize_t c = 0; c < kSide; ++c) {
                const double x = double(c) / kSide - 0.5, y = double(r0 + r) / kSide - 0.5;
                rows[r * kSide + c] = float(std::exp(-(x * x + y * y) * 20) * 1000
                                            + double(((r0 + r) * 7919 + c * 104729) % 997) * 0.05);
            }
        const hsize_t start[2] = {r0, 0}, count[2] = {kChunk, kSide};
        const hid_t mem = H5Screate_simple(2, count, nullptr);
        H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, count, nullptr);
        ok = H5Dwrite(d, H5T_NATIVE_FLOAT, mem, space, H5P_DEFAULT, rows.data()) >= 0;
        H5Sclose(mem);
    }
    H5Dclose(d);
    H5Pclose(dcpl);
    H5Sclose(space);
    H5Fclose(f);
    return ok;
}

// H5Dread of `rows` x `cols` tiles (row-major order) into one reused buffer.
void rawTiled(const QString &path, const char *name, hid_t memType, size_t elementSize, hsize_t tileRows,
                hsize_t tileCols, double *checksum)
{
    const hid_t f = H5Fopen(QFile::encodeName(path).constData(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t d = H5Dopen2(f, name, H5P_DEFAULT);
    const hid_t space = H5Dget_space(d);
    const int rank = H5Sget_simple_extent_ndims(space);
    hsize_t dims[2] = {1, 1};
    H5Sget_simple_extent_dims(space, dims, nullptr);
    if (rank == 1) {
        dims[1] = 1;
        tileCols = 1;
    }
    std::vector<unsigned char> buf(size_t(tileRows * tileCols) * elementSize);
    double sum = 0;
    for (hsize_t r = 0; r < dims[0]; r += tileRows)
        for (hsize_t c = 0; c < dims[1]; c += tileCols) {
            const hsize_t start[2] = {r, c}, count[2] = {std::min(tileRows, dims[0] - r), std::min(tileCols, dims[1] - c)};
            H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, count, nullptr);
            const hid_t mem = H5Screate_simple(rank, count, nullptr);
            H5Dread(d, memType, mem, space, H5P_DEFAULT, buf.data());
            H5Sclose(mem);
            sum += double(buf[0]); // keeps the read from being optimised away
        }
    *checksum = sum;
    H5Sclose(space);
    H5Dclose(d);
    H5Fclose(f);
}

void rawWhole(const QString &path, const char *name, hid_t memType, size_t bytes)
{
    const hid_t f = H5Fopen(QFile::encodeName(path).constData(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t d = H5Dopen2(f, name, H5P_DEFAULT);
    std::vector<unsigned char> buf(bytes);
    H5Dread(d, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data());
    H5Dclose(d);
    H5Fclose(f);
}

struct Measure
{
    explicit Measure(QString w) : what(std::move(w)) {}
    QString what;
    std::vector<double> wall, cpu;
    long peakMB = 0;      // largest over the runs, above the RSS at the start
    long peakTotalMB = 0; // the process's peak RSS during it
};

void timeIt(Measure &m, const std::function<void()> &fn)
{
    const long before = statusKb("VmRSS");
    resetPeak();
    const double c0 = cpuSeconds();
    const auto t0 = Clock::now();
    fn();
    m.wall.push_back(secondsSince(t0));
    m.cpu.push_back(cpuSeconds() - c0);
    const long peak = statusKb("VmHWM");
    m.peakMB = std::max(m.peakMB, (peak - before) / 1024);
    m.peakTotalMB = std::max(m.peakTotalMB, peak / 1024);
}

quint64 tileElements = 0; // 0: the reductions' default

template<class R>
void runReduction(Result<std::unique_ptr<R>> r)
{
    if (!r) {
        std::fprintf(stderr, "plotbench: %s\n", qPrintable(r.error().message));
        std::exit(2);
    }
    if (tileElements)
        r.value()->setTileElements(tileElements);
    const Status st = r.value()->run();
    if (!st) {
        std::fprintf(stderr, "plotbench: %s\n", qPrintable(st.error().message));
        std::exit(2);
    }
    (void)r.value()->takeOutput();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser args;
    args.addHelpOption();
    args.addOptions({{QStringLiteral("runs"), QStringLiteral("Timed runs of each (median)."), QStringLiteral("N"),
                      QStringLiteral("3")},
                     {QStringLiteral("phase"), QStringLiteral("series, image or all."), QStringLiteral("P"),
                      QStringLiteral("all")},
                     {QStringLiteral("data-dir"), QStringLiteral("Where the input files are written."),
                      QStringLiteral("DIR"), QStringLiteral(HYPERSLAB_BENCH_DATA_DIR)},
                     {QStringLiteral("results"), QStringLiteral("Markdown file to update (default bench/RESULTS.md)."),
                      QStringLiteral("F")},
                     {QStringLiteral("tile"), QStringLiteral("Elements per reduction tile (default: the reductions')."),
                      QStringLiteral("N"), QStringLiteral("0")},
                     {QStringLiteral("no-results"), QStringLiteral("Do not write RESULTS.md.")}});
    args.process(app);
    const int runs = std::max(1, args.value(QStringLiteral("runs")).toInt());
    const QString phase = args.value(QStringLiteral("phase"));
    const QString dir = args.value(QStringLiteral("data-dir"));
    QDir().mkpath(dir);
    const QString load = loadAverage();
    tileElements = args.value(QStringLiteral("tile")).toULongLong();
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);

    std::vector<Measure> table;
    QString verdict;
    auto ratio = [](const Measure &a, const Measure &b) { return median(a.wall) / median(b.wall); };

    if (phase == QLatin1String("all") || phase == QLatin1String("series")) {
        const QString path = dir + QStringLiteral("/plot-series-v1.h5");
        if (!QFileInfo::exists(path)) {
            std::printf("writing %s (800 MB)...\n", qPrintable(path));
            if (!writeSeries(path))
                return 3;
        }
        double sum = 0;
        rawTiled(path, "series", H5T_NATIVE_DOUBLE, 8, kTile, 1, &sum); // warms the page cache
        auto file = H5File::open(path);
        if (!file)
            return 3;
        Measure raw{QStringLiteral("series: raw H5Dread, 1 M-element tiles")};
        Measure rawSmall{QStringLiteral("series: raw H5Dread, 128 k-element tiles")};
        Measure whole{QStringLiteral("series: raw H5Dread, whole (800 MB buffer)")};
        Measure dec{QStringLiteral("series: Decimator, 1920 columns")};
        Measure zoom{QStringLiteral("series: Decimator, zoom to 1 % (10^6 points)")};
        Measure stats{QStringLiteral("series: SliceStatistics")};
        Measure first{QStringLiteral("series: open + first tile of the decimation (a first snapshot)")};
        for (int i = 0; i < runs; ++i) {
            timeIt(raw, [&] { rawTiled(path, "series", H5T_NATIVE_DOUBLE, 8, kTile, 1, &sum); });
            timeIt(rawSmall, [&] { rawTiled(path, "series", H5T_NATIVE_DOUBLE, 8, kTile / 8, 1, &sum); });
            timeIt(dec, [&] {
                auto src = PlotSource::open(file.value(), QStringLiteral("/series"), Selection::all({kSeries}));
                runReduction(Decimator::create(src.value(), 0, kSeries, 1920));
            });
            timeIt(zoom, [&] {
                auto src = PlotSource::open(file.value(), QStringLiteral("/series"), Selection::all({kSeries}));
                runReduction(Decimator::create(src.value(), kSeries / 2, kSeries / 2 + kSeries / 100, 1920));
            });
            timeIt(first, [&] {
                auto src = PlotSource::open(file.value(), QStringLiteral("/series"), Selection::all({kSeries}));
                auto dec = Decimator::create(src.value(), 0, kSeries, 1920);
                dec.value()->step();
                (void)dec.value()->snapshot();
            });
            timeIt(stats, [&] {
                auto src = PlotSource::open(file.value(), QStringLiteral("/series"), Selection::all({kSeries}));
                runReduction(SliceStatistics::create(src.value()));
            });
            timeIt(whole, [&] { rawWhole(path, "series", H5T_NATIVE_DOUBLE, kSeries * 8); });
        }
        table.insert(table.end(), {raw, rawSmall, whole, dec, first, zoom, stats});
        const Measure &fastest = median(rawSmall.wall) < median(raw.wall) ? rawSmall : raw;
        verdict += QStringLiteral("- Series decimation / the faster raw tiled read: **%1x** wall, %2x CPU (target "
                                  "1.3x); / raw whole read: %3x; peak memory %4 MB above the start, %5 MB in all "
                                  "(target: cache bound + 100 MB).\n")
                       .arg(ratio(dec, fastest), 0, 'f', 2)
                       .arg(median(dec.cpu) / median(fastest.cpu), 0, 'f', 2)
                       .arg(ratio(dec, whole), 0, 'f', 2)
                       .arg(dec.peakMB)
                       .arg(dec.peakTotalMB);
    }
    if (phase == QLatin1String("all") || phase == QLatin1String("image")) {
        const QString path = dir + QStringLiteral("/plot-image-v1.h5");
        if (!QFileInfo::exists(path)) {
            std::printf("writing %s...\n", qPrintable(path));
            if (!writeImage(path))
                return 3;
        }
        double sum = 0;
        rawTiled(path, "image", H5T_NATIVE_FLOAT, 4, kChunk, kSide, &sum);
        auto file = H5File::open(path);
        if (!file)
            return 3;
        Measure raw{QStringLiteral("image: raw H5Dread, 256-row chunk rows")};
        Measure whole{QStringLiteral("image: raw H5Dread, whole (64 MB buffer)")};
        Measure mean{QStringLiteral("image: ImageReducer mean, 1600 x 1000")};
        Measure minmax{QStringLiteral("image: ImageReducer min/max, 1600 x 1000")};
        Measure zoom{QStringLiteral("image: ImageReducer mean, zoom 1000 x 1000 at (1500, 1700)")};
        for (int i = 0; i < runs; ++i) {
            timeIt(raw, [&] { rawTiled(path, "image", H5T_NATIVE_FLOAT, 4, kChunk, kSide, &sum); });
            timeIt(mean, [&] {
                auto src = PlotSource::open(file.value(), QStringLiteral("/image"), Selection::all({kSide, kSide}));
                runReduction(ImageReducer::create(src.value(), 1600, 1000, ReducedImage::Mode::Mean));
            });
            timeIt(minmax, [&] {
                auto src = PlotSource::open(file.value(), QStringLiteral("/image"), Selection::all({kSide, kSide}));
                runReduction(ImageReducer::create(src.value(), 1600, 1000, ReducedImage::Mode::MinMax));
            });
            timeIt(zoom, [&] {
                auto src = PlotSource::open(file.value(), QStringLiteral("/image"), Selection::all({kSide, kSide}));
                runReduction(
                    ImageReducer::create(src.value(), 1600, 1000, ReducedImage::Mode::Mean, 1500, 1000, 1700, 1000));
            });
            timeIt(whole, [&] { rawWhole(path, "image", H5T_NATIVE_FLOAT, kSide * kSide * 4); });
        }
        table.insert(table.end(), {raw, whole, mean, minmax, zoom});
        verdict += QStringLiteral("- Image reduction (mean) / raw chunk-row read: **%1x** wall, %2x CPU, min/max: "
                                  "%3x wall; / raw whole read: %4x; peak memory %5 MB (mean), %6 MB (min/max) above "
                                  "the start, %7 MB in all.\n")
                       .arg(ratio(mean, raw), 0, 'f', 2)
                       .arg(median(mean.cpu) / median(raw.cpu), 0, 'f', 2)
                       .arg(ratio(minmax, raw), 0, 'f', 2)
                       .arg(ratio(mean, whole), 0, 'f', 2)
                       .arg(mean.peakMB)
                       .arg(minmax.peakMB)
                       .arg(std::max(mean.peakTotalMB, minmax.peakTotalMB));
    }

    QString text = QStringLiteral("| what | wall s (median) | CPU s (median) | peak MB above start | peak RSS MB |\n"
                                  "|---|---:|---:|---:|---:|\n");
    for (const Measure &m : table)
        text += QStringLiteral("| %1 | %2 | %3 | %4 | %5 |\n")
                    .arg(m.what)
                    .arg(median(m.wall), 0, 'f', 4)
                    .arg(median(m.cpu), 0, 'f', 4)
                    .arg(m.peakMB)
                    .arg(m.peakTotalMB);
    std::printf("\n%s\n%s\n", qPrintable(text), qPrintable(verdict));

    if (!args.isSet(QStringLiteral("no-results"))) {
        const QString section =
            QStringLiteral("Median of %1 runs, interleaved (raw, reductions, raw whole, then again), in one process, "
                           "page cache warm. Reductions run on the calling thread with Reduction::run (the job "
                           "runs the same steps on a pool thread), tiles of Reduction::DefaultTileElements (128 k elements). "
                           "Peak memory: VmHWM reset before each measurement, minus the RSS at its start.\n\n"
                           "Machine: %2, %3 cores, load average %4 at the start; %5.\n\n%6\n%7\n"
                           "Reproduce: `ninja -C build hyperslab_plotbench && build/bin/hyperslab_plotbench`.\n")
                .arg(runs)
                .arg(QSysInfo::prettyProductName())
                .arg(QThread::idealThreadCount())
                .arg(load, QDateTime::currentDateTimeUtc().toString(Qt::ISODate), text, verdict);
        const QString path = args.isSet(QStringLiteral("results")) ? args.value(QStringLiteral("results"))
                                                                   : QStringLiteral(HYPERSLAB_BENCH_SOURCE_DIR "/RESULTS.md");
        if (!writeResultsSection(path, QStringLiteral("plotbench"), QStringLiteral("Plot reductions"), text.isEmpty() ? QString() : section)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
            return 5;
        }
        std::printf("wrote %s\n", qPrintable(path));
    }
    return 0;
}
