// hyperslab_exportbench: CSV export of a 10,000 x 1,000 float64 dataset.
//
// Compares, on one file and in one run:
//   - Hyperslab: CsvExporter::writeFile (what the GUI job and `hyperslab export` run)
//   - h5dump -y -w 0 -o (hdf5-tools), when h5dump is on the PATH
//   - a plain C++ loop: H5Dread of row blocks and std::to_chars, the floor
//     any exporter that writes the same shortest round-trip text can reach
// and checks that Hyperslab's CSV has exactly the loop's bytes (after the header).
// Prints a table and rewrites the exportbench section of bench/RESULTS.md.

#include "benchutil.h"
#include "model/selection.h"
#include "services/csvexporter.h"
#include "services/datasetreader.h"
#include "services/h5file.h"

#include <hdf5.h>
#include <sys/resource.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// User + system CPU seconds of this process and of its waited-for children
// (h5dump): on a busy machine they vary far less than wall time.
double cpuSeconds()
{
    double s = 0;
    for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
        rusage u{};
        getrusage(who, &u);
        s += double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
    }
    return s;
}

bool writeInput(const QString &path, hsize_t rows, hsize_t cols)
{
    const QByteArray p = path.toLocal8Bit();
    const hid_t file = H5Fcreate(p.constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (file < 0)
        return false;
    const hsize_t dims[2] = {rows, cols};
    const hsize_t chunk[2] = {std::min<hsize_t>(rows, 100), cols};
    const hid_t space = H5Screate_simple(2, dims, nullptr);
    const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(dcpl, 2, chunk);
    const hid_t ds = H5Dcreate2(file, "/data", H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    bool ok = ds >= 0;
    // Measurement-like values: full-precision doubles over several magnitudes.
    std::mt19937_64 rng(42);
    std::normal_distribution<double> value(0.0, 1.0);
    std::uniform_int_distribution<int> exponent(-3, 5);
    std::vector<double> buf(size_t(chunk[0] * cols));
    for (hsize_t r0 = 0; ok && r0 < rows; r0 += chunk[0]) {
        const hsize_t n = std::min(chunk[0], rows - r0);
        for (size_t i = 0; i < size_t(n * cols); ++i)
            buf[i] = value(rng) * std::pow(10.0, exponent(rng));
        const hsize_t start[2] = {r0, 0}, count[2] = {n, cols};
        const hid_t fs = H5Dget_space(ds);
        H5Sselect_hyperslab(fs, H5S_SELECT_SET, start, nullptr, count, nullptr);
        const hid_t ms = H5Screate_simple(2, count, nullptr);
        ok = H5Dwrite(ds, H5T_NATIVE_DOUBLE, ms, fs, H5P_DEFAULT, buf.data()) >= 0;
        H5Sclose(ms);
        H5Sclose(fs);
    }
    if (ds >= 0)
        H5Dclose(ds);
    H5Pclose(dcpl);
    H5Sclose(space);
    return H5Fclose(file) >= 0 && ok;
}

// The floor: raw H5Dread of blocks of rows (the exporter's block size) and
// std::to_chars shortest, written in 1 MiB pieces.
bool plainLoop(const QString &input, const QString &output)
{
    const QByteArray in = input.toLocal8Bit(), out = output.toLocal8Bit();
    const hid_t file = H5Fopen(in.constData(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file < 0)
        return false;
    const hid_t ds = H5Dopen2(file, "/data", H5P_DEFAULT);
    const hid_t fs = H5Dget_space(ds);
    hsize_t dims[2];
    H5Sget_simple_extent_dims(fs, dims, nullptr);
    const hsize_t cols = dims[1];
    const hsize_t blockRows = std::max<hsize_t>(1, (size_t(8) << 20) / 8 / cols / 100 * 100);
    std::FILE *f = std::fopen(out.constData(), "wb");
    std::vector<double> buf(size_t(blockRows * cols));
    std::string text;
    text.reserve((size_t(1) << 20) + 4096);
    bool ok = f != nullptr;
    for (hsize_t r0 = 0; ok && r0 < dims[0]; r0 += blockRows) {
        const hsize_t n = std::min(blockRows, dims[0] - r0);
        const hsize_t start[2] = {r0, 0}, count[2] = {n, cols};
        H5Sselect_hyperslab(fs, H5S_SELECT_SET, start, nullptr, count, nullptr);
        const hid_t ms = H5Screate_simple(2, count, nullptr);
        ok = H5Dread(ds, H5T_NATIVE_DOUBLE, ms, fs, H5P_DEFAULT, buf.data()) >= 0;
        H5Sclose(ms);
        char tmp[32];
        for (hsize_t r = 0; ok && r < n; ++r) {
            for (hsize_t c = 0; c < cols; ++c) {
                const auto res = std::to_chars(tmp, tmp + sizeof tmp, buf[size_t(r * cols + c)]);
                text.append(tmp, res.ptr);
                text.push_back(c + 1 < cols ? ',' : '\n');
            }
            if (text.size() >= (size_t(1) << 20)) {
                ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
                text.clear();
            }
        }
    }
    if (ok && !text.empty())
        ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (f)
        ok = std::fclose(f) == 0 && ok;
    H5Sclose(fs);
    H5Dclose(ds);
    H5Fclose(file);
    return ok;
}

bool hyperslab(const QString &input, const QString &output, QString *error)
{
    auto file = hs::core::H5File::open(input);
    if (!file) {
        *error = file.error().message;
        return false;
    }
    auto reader = hs::core::DatasetReader::open(file.value(), QStringLiteral("/data"));
    if (!reader) {
        *error = reader.error().message;
        return false;
    }
    hs::core::CsvExporter exporter(reader.value(), hs::core::Selection::all(reader.value()->shape().dims), {});
    const hs::core::Status st = exporter.writeFile(output);
    if (!st)
        *error = st.error().message;
    return st.ok();
}

bool h5dump(const QString &exe, const QString &input, const QString &output)
{
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice());
    p.start(exe, {QStringLiteral("-y"), QStringLiteral("-w"), QStringLiteral("0"), QStringLiteral("-o"), output,
                  QStringLiteral("-d"), QStringLiteral("/data"), input});
    return p.waitForFinished(-1) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

struct Phase
{
    QString name;
    std::vector<double> seconds, cpu;
    qint64 bytes = 0;
    static double medianOf(std::vector<double> s)
    {
        std::sort(s.begin(), s.end());
        return s.empty() ? 0 : (s.size() % 2 ? s[s.size() / 2] : (s[s.size() / 2 - 1] + s[s.size() / 2]) / 2);
    }
    double median() const { return medianOf(seconds); }
    double medianCpu() const { return medianOf(cpu); }
    double best() const { return seconds.empty() ? 0 : *std::min_element(seconds.begin(), seconds.end()); }
};

// Hyperslab's file minus its header line must equal the loop's file.
bool sameValues(const QString &ours, const QString &loop)
{
    QFile a(ours), b(loop);
    if (!a.open(QIODevice::ReadOnly) || !b.open(QIODevice::ReadOnly))
        return false;
    a.readLine(); // header
    for (;;) {
        const QByteArray x = a.read(1 << 20), y = b.read(1 << 20);
        if (x != y)
            return false;
        if (x.isEmpty())
            return true;
    }
}

bool writeResults(const QString &path, const QString &section)
{
    return hs::bench::writeResultsSection(path, QStringLiteral("exportbench"), QStringLiteral("CSV export benchmark"), section);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser args;
    args.setApplicationDescription(QStringLiteral("CSV export benchmark: Hyperslab vs h5dump vs a plain to_chars loop."));
    args.addHelpOption();
    args.addOptions({
        {QStringLiteral("rows"), QStringLiteral("Rows of the dataset (default 10000)."), QStringLiteral("N"), QStringLiteral("10000")},
        {QStringLiteral("cols"), QStringLiteral("Columns of the dataset (default 1000)."), QStringLiteral("N"), QStringLiteral("1000")},
        {QStringLiteral("runs"), QStringLiteral("Runs of each phase, round-robin (default 3)."), QStringLiteral("N"), QStringLiteral("3")},
        {QStringLiteral("results"), QStringLiteral("Markdown file to update (default bench/RESULTS.md in the source tree)."),
         QStringLiteral("F")},
        {QStringLiteral("no-results"), QStringLiteral("Print the table only.")},
        {QStringLiteral("no-h5dump"), QStringLiteral("Skip h5dump.")},
        {QStringLiteral("file"), QStringLiteral("Use this input (a 2-D float64 /data) instead of writing one."), QStringLiteral("F")},
        {QStringLiteral("write"), QStringLiteral("Write the input here and keep it (for --file later)."), QStringLiteral("F")},
    });
    args.process(app);
    const hsize_t rows = args.value(QStringLiteral("rows")).toULongLong();
    const hsize_t cols = args.value(QStringLiteral("cols")).toULongLong();
    const int runs = std::max(1, args.value(QStringLiteral("runs")).toInt());
    if (rows == 0 || cols == 0)
        return 2;

    QTemporaryDir tmp;
    if (!tmp.isValid())
        return 2;
    // Other work on the machine inflates wall times (not CPU times): say how busy it was.
    QString load = QStringLiteral("unknown");
    {
        QFile f(QStringLiteral("/proc/loadavg"));
        if (f.open(QIODevice::ReadOnly))
            load = QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 0);
    }
    QString input = args.value(QStringLiteral("file"));
    if (input.isEmpty()) {
        input = args.isSet(QStringLiteral("write")) ? args.value(QStringLiteral("write")) : tmp.filePath(QStringLiteral("export_bench.h5"));
        std::printf("Writing %llu x %llu float64 to %s ...\n", (unsigned long long)rows, (unsigned long long)cols, qPrintable(input));
        std::fflush(stdout);
        if (!writeInput(input, rows, cols)) {
            std::fprintf(stderr, "cannot write the input file\n");
            return 3;
        }
    }
    const double rawMB = double(rows * cols * 8) / 1e6;

    const QString h5dumpExe = args.isSet(QStringLiteral("no-h5dump")) ? QString() : QStandardPaths::findExecutable(QStringLiteral("h5dump"));
    std::vector<Phase> phases{{QStringLiteral("Hyperslab CsvExporter"), {}, {}, 0},
                              {QStringLiteral("plain loop (H5Dread + std::to_chars)"), {}, {}, 0}};
    if (!h5dumpExe.isEmpty())
        phases.push_back({QStringLiteral("h5dump -y -w 0 -o"), {}, {}, 0});
    const QString outputs[] = {tmp.filePath(QStringLiteral("ours.csv")), tmp.filePath(QStringLiteral("loop.csv")),
                               tmp.filePath(QStringLiteral("h5dump.txt"))};

    for (int run = 0; run < runs; ++run) {
        for (size_t p = 0; p < phases.size(); ++p) {
            QFile::remove(outputs[p]);
            QString error;
            const double c0 = cpuSeconds();
            const auto t0 = Clock::now();
            bool ok = false;
            switch (p) {
            case 0: ok = hyperslab(input, outputs[0], &error); break;
            case 1: ok = plainLoop(input, outputs[1]); break;
            default: ok = h5dump(h5dumpExe, input, outputs[2]); break;
            }
            const double s = secondsSince(t0);
            const double cpu = cpuSeconds() - c0;
            if (!ok) {
                std::fprintf(stderr, "%s failed %s\n", qPrintable(phases[p].name), qPrintable(error));
                return 4;
            }
            phases[p].seconds.push_back(s);
            phases[p].cpu.push_back(cpu);
            phases[p].bytes = QFileInfo(outputs[p]).size();
            std::printf("  run %d  %-40s %7.3f s  (CPU %.3f s)\n", run + 1, qPrintable(phases[p].name), s, cpu);
            std::fflush(stdout);
        }
    }
    const bool same = sameValues(outputs[0], outputs[1]);
    std::printf("Hyperslab's CSV %s the plain loop's bytes (after its header line).\n", same ? "equals" : "DIFFERS FROM");

    const double ours = phases[0].median(), oursCpu = phases[0].medianCpu();
    QString table = QStringLiteral("| exporter | median wall s | best wall s | median CPU s | input MB/s | output MB | output MB/s "
                                   "| wall vs Hyperslab | CPU vs Hyperslab |\n"
                                   "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const Phase &ph : phases) {
        const double m = ph.median();
        table += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8x | %9x |\n")
                     .arg(ph.name)
                     .arg(m, 0, 'f', 3)
                     .arg(ph.best(), 0, 'f', 3)
                     .arg(ph.medianCpu(), 0, 'f', 3)
                     .arg(rawMB / m, 0, 'f', 1)
                     .arg(double(ph.bytes) / 1e6, 0, 'f', 1)
                     .arg(double(ph.bytes) / 1e6 / m, 0, 'f', 1)
                     .arg(m / ours, 0, 'f', 2)
                     .arg(ph.medianCpu() / oursCpu, 0, 'f', 2);
    }
    QString verdict = QStringLiteral("Hyperslab / plain loop: %1x wall, %2x CPU (target <= 1.3x).")
                          .arg(ours / phases[1].median(), 0, 'f', 2)
                          .arg(oursCpu / phases[1].medianCpu(), 0, 'f', 2);
    if (phases.size() > 2)
        verdict += QStringLiteral(" h5dump / Hyperslab: %1x wall, %2x CPU (target >= 5x).")
                       .arg(phases[2].median() / ours, 0, 'f', 2)
                       .arg(phases[2].medianCpu() / oursCpu, 0, 'f', 2);
    std::printf("\n%s\n%s\n", qPrintable(table), qPrintable(verdict));

    if (!args.isSet(QStringLiteral("no-results"))) {
        const QString section =
            QStringLiteral("Export of a %1 x %2 float64 dataset (%3 MB raw, chunked %4 x %2, random full-precision values) "
                           "to CSV, median of %5 runs, page cache warm, output to the temporary directory. "
                           "Floats are written shortest round-trip (std::to_chars); h5dump writes its own %g text. "
                           "Hyperslab's CSV %6 the plain loop's bytes after its header line.\n\n"
                           "Machine: %7, %8 cores, load average %12 at the start; %9.\n\n%10\n%11\n\n"
                           "Reproduce: `ninja -C build hyperslab_exportbench && build/bin/hyperslab_exportbench`.\n")
                .arg(rows)
                .arg(cols)
                .arg(rawMB, 0, 'f', 0)
                .arg(std::min<hsize_t>(rows, 100))
                .arg(runs)
                .arg(same ? QStringLiteral("equals") : QStringLiteral("differs from"))
                .arg(QSysInfo::prettyProductName())
                .arg(QThread::idealThreadCount())
                .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate))
                .arg(table, verdict, load);
        const QString path = args.isSet(QStringLiteral("results")) ? args.value(QStringLiteral("results"))
                                                                   : QStringLiteral(HYPERSLAB_BENCH_SOURCE_DIR "/RESULTS.md");
        if (!writeResults(path, section)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
            return 5;
        }
        std::printf("wrote %s\n", qPrintable(path));
    }
    return same ? 0 : 1;
}
