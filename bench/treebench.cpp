// hyperslab_treebench: how fast (and how lean) is listing one very large group?
//
// Compares, in one run and on the same file, a plain C loop over H5Literate
// (+ H5Oget_info_by_name for kinds) with core's HierarchyReader and with the
// HierarchyModel the app uses (fetchMore, real JobRunner), and writes the
// figures to bench/RESULTS.md. See bench/README.md.
//
// Every measured run is a fresh child process (this executable with --phase),
// which opens the file anew: HDF5's metadata cache starts cold, the OS page
// cache is warm (the file is read once before the first run), and VmRSS/VmHWM
// describe that run alone.

#include "benchutil.h"
#include "largegroup.h"

#include "jobs/jobrunner.h"
#include "model/naturalsort.h"
#include "models/grouplistingjob.h"
#include "models/hierarchymodel.h"
#include "services/h5file.h"
#include "services/h5file_p.h" // fileId(): the raw loop on a file opened the way core opens it
#include "services/hierarchyreader.h"
#include "hierarchyview.h"
#include "treedecorationproxy.h"

#include <hdf5.h>

#include <malloc.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <limits>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// CPU time of the whole process (every thread), in seconds: less sensitive
// than wall time to other work on the machine.
double processCpu()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

// ---- /proc ------------------------------------------------------------------

// A field of /proc/self/status in kB (VmRSS, VmHWM), -1 if unavailable.
qint64 statusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QString firstMatch(const QString &file, const QString &key)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QString l = QString::fromUtf8(line);
        if (l.startsWith(key))
            return l.section(QLatin1Char(':'), 1).trimmed();
    }
    return {};
}

// ---- child output ------------------------------------------------------------

void out(const char *key, double value)
{
    std::printf("%s %.9g\n", key, value);
}

// Kinds as counted by every phase, for a cross-check.
struct KindCount
{
    qint64 groups = 0, datasets = 0, other = 0, unknown = 0;
    void print() const
    {
        out("groups", double(groups));
        out("datasets", double(datasets));
        out("other", double(other));
        out("unknown", double(unknown));
    }
};

// ---- phase: raw C --------------------------------------------------------------

struct RawState
{
    std::vector<std::string> names;
    std::vector<H5O_type_t> types;
    bool withKinds = false;
    qint64 failures = 0;
};

#if H5_VERSION_GE(1, 12, 0)
herr_t rawOnLink(hid_t group, const char *name, const H5L_info2_t *, void *data)
#else
herr_t rawOnLink(hid_t group, const char *name, const H5L_info_t *, void *data)
#endif
{
    auto *st = static_cast<RawState *>(data);
    st->names.emplace_back(name);
    if (st->withKinds) {
#if H5_VERSION_GE(1, 12, 0)
        H5O_info2_t oi;
        const herr_t rc = H5Oget_info_by_name3(group, name, &oi, H5O_INFO_BASIC, H5P_DEFAULT);
#else
        H5O_info_t oi;
        const herr_t rc = H5Oget_info_by_name2(group, name, &oi, H5O_INFO_BASIC, H5P_DEFAULT);
#endif
        if (rc < 0)
            ++st->failures;
        st->types.push_back(rc < 0 ? H5O_TYPE_UNKNOWN : oi.type);
    }
    return 0;
}

// withCoreAccess: open the file with H5File::open (core's file access
// properties, e.g. its metadata cache size) instead of H5P_DEFAULT.
int runRaw(const QString &path, const QString &groupPath, bool withKinds, bool withCoreAccess)
{
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    const qint64 rss0 = statusKb("VmRSS");
    const QByteArray native = QFile::encodeName(path);
    const QByteArray gp = groupPath.toUtf8();
    hs::core::H5FilePtr coreFile;
    hid_t file = H5I_INVALID_HID;
    if (withCoreAccess) {
        auto opened = hs::core::H5File::open(path);
        if (!opened)
            return 3;
        coreFile = opened.value();
        file = hs::core::fileId(*coreFile);
    } else {
        file = H5Fopen(native.constData(), H5F_ACC_RDONLY, H5P_DEFAULT);
    }
    if (file < 0)
        return 3;

    RawState st;
    st.withKinds = withKinds;
    const double cpu0 = processCpu();
    const auto t0 = Clock::now();
    const hid_t group = H5Gopen2(file, gp.constData(), H5P_DEFAULT);
    hsize_t idx = 0;
#if H5_VERSION_GE(1, 12, 0)
    const herr_t rc = H5Literate2(group, H5_INDEX_NAME, H5_ITER_NATIVE, &idx, rawOnLink, &st);
#else
    const herr_t rc = H5Literate(group, H5_INDEX_NAME, H5_ITER_NATIVE, &idx, rawOnLink, &st);
#endif
    H5Gclose(group);
    const double seconds = secondsSince(t0);
    const double cpu = processCpu() - cpu0;
    const qint64 rss1 = statusKb("VmRSS");
    if (coreFile)
        coreFile.reset();
    else
        H5Fclose(file);
    if (group < 0 || rc < 0)
        return 3;

    out("seconds", seconds);
    out("cpu_seconds", cpu);
    out("members", double(st.names.size()));
    out("failures", double(st.failures));
    out("rss_extra_kb", double(rss1 - rss0));
    out("hwm_extra_kb", double(statusKb("VmHWM") - rss0));
    if (withKinds) {
        KindCount k;
        for (H5O_type_t t : st.types) {
            if (t == H5O_TYPE_GROUP)
                ++k.groups;
            else if (t == H5O_TYPE_DATASET)
                ++k.datasets;
            else
                ++k.other;
        }
        k.print();
    }
    return 0;
}

// ---- phase: core HierarchyReader, no model -----------------------------------

using namespace hs::core;

KindCount countKinds(const std::vector<LinkEntry> &entries)
{
    KindCount k;
    for (const LinkEntry &e : entries) {
        switch (e.kind) {
        case ObjectKind::Group: ++k.groups; break;
        case ObjectKind::Dataset: ++k.datasets; break;
        case ObjectKind::Unknown: ++k.unknown; break;
        default: ++k.other; break;
        }
    }
    return k;
}

int runReader(const QString &path, const QString &groupPath)
{
    const qint64 rss0 = statusKb("VmRSS");
    auto opened = H5File::open(path);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 3;
    }
    HierarchyReader reader(opened.value());

    // The same calls GroupListingJob makes, minus the job and the model: a
    // first batch with kinds, sorted; then all names in one pass, kinds in
    // KindBatch spans in the file's order, and the natural sort.
    const double cpu0 = processCpu();
    auto t0 = Clock::now();
    {
        auto first = reader.listLinks(groupPath, ChildOrder::Name, 0, GroupListingJob::FirstBatch);
        if (!first) {
            std::fprintf(stderr, "%s\n", qPrintable(first.error().message));
            return 3;
        }
        reader.resolveKinds(groupPath, first.value().entries);
        GroupListingJob::sortEntries(first.value().entries, ChildOrder::Name);
    }
    const double firstSeconds = secondsSince(t0);

    t0 = Clock::now();
    auto batch = reader.listLinks(groupPath, ChildOrder::Name, 0, std::numeric_limits<quint64>::max());
    const double listSeconds = secondsSince(t0);
    if (!batch) {
        std::fprintf(stderr, "%s\n", qPrintable(batch.error().message));
        return 3;
    }
    std::vector<LinkEntry> entries = std::move(batch.value().entries);

    // Kinds in the file's order, as the job resolves all but its top rows,
    // with the metadata cache fixed as the job fixes it.
    t0 = Clock::now();
    const std::span<LinkEntry> all(entries);
    const bool fixedCache = all.size() >= GroupListingJob::FixedCacheFrom;
    if (fixedCache)
        reader.useFixedMetadataCache(std::clamp<size_t>(all.size() * 20, size_t(4) << 20, size_t(64) << 20));
    for (size_t i = 0; i < all.size(); i += GroupListingJob::KindBatch)
        reader.resolveKinds(groupPath, all.subspan(i, std::min(GroupListingJob::KindBatch, all.size() - i)));
    if (fixedCache)
        reader.useAdaptiveMetadataCache();
    const double kindSeconds = secondsSince(t0);

    t0 = Clock::now();
    GroupListingJob::sortEntries(entries, ChildOrder::Name);
    const double sortSeconds = secondsSince(t0);

    const double cpu = processCpu() - cpu0;
    const qint64 rss1 = statusKb("VmRSS");
    out("cpu_seconds", cpu);
    out("first_seconds", firstSeconds);
    out("list_seconds", listSeconds);
    out("sort_seconds", sortSeconds);
    out("kinds_seconds", kindSeconds);
    out("seconds", firstSeconds + listSeconds + sortSeconds + kindSeconds);
    out("members", double(entries.size()));
    out("rss_extra_kb", double(rss1 - rss0));
    out("hwm_extra_kb", double(statusKb("VmHWM") - rss0));
    countKinds(entries).print();
    return 0;
}

// ---- phase: the model, as the app drives it ------------------------------------

int runModel(const QString &path, const QString &groupPath)
{
    JobRunner::instance(); // the pool exists before the first measurement
    const qint64 rss0 = statusKb("VmRSS");
    H5FilePtr file;
    {
        auto opened = H5File::open(path);
        if (!opened) {
            std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
            return 3;
        }
        file = opened.value();
    }
    HierarchyModel model;
    const QModelIndex fileIdx = model.addFile(file);

    bool busy = false;
    QObject::connect(&model, &HierarchyModel::busyChanged, [&](bool b) { busy = b; });

    // Reach the group the way the app does (listing its ancestors), untimed.
    QPersistentModelIndex group;
    {
        QEventLoop loop;
        QTimer watchdog;
        watchdog.setSingleShot(true);
        QObject::connect(&watchdog, &QTimer::timeout, &loop, [&] { loop.exit(1); });
        QObject::connect(&model, &HierarchyModel::pathRevealed, &loop,
                         [&](const QModelIndex &idx) { group = idx; });
        QObject::connect(&model, &HierarchyModel::revealFailed, &loop, [&](const QString &, const QString &msg) {
            std::fprintf(stderr, "cannot reach the group: %s\n", qPrintable(msg));
            loop.exit(1);
        });
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (group.isValid() && !busy)
                loop.exit(0);
        });
        poll.start(1);
        watchdog.start(60000);
        model.revealPath(fileIdx, groupPath);
        if (loop.exec() != 0)
            return 3;
    }
    if (!model.canFetchMore(group)) {
        std::fprintf(stderr, "%s is not an unlisted group\n", qPrintable(groupPath));
        return 3;
    }

    double firstRows = -1, listed = -1, kinds = -1;
    qint64 firstRowCount = 0;
    int insertions = 0;
    double maxStall = 0;
    Clock::time_point t0;
    QEventLoop loop;
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, &loop, [&](const QModelIndex &parent, int first, int last) {
        if (parent != group)
            return;
        ++insertions;
        if (firstRows < 0) {
            firstRows = secondsSince(t0);
            firstRowCount = last - first + 1;
        }
    });
    QObject::connect(&model, &HierarchyModel::listingFinished, &loop, [&](const QModelIndex &idx) {
        if (idx == group)
            listed = secondsSince(t0);
    });
    QObject::connect(&model, &HierarchyModel::busyChanged, &loop, [&](bool b) {
        // busy goes false when the listing job's ticket has finished, i.e.
        // after the last batch of kinds was delivered and applied.
        if (!b && kinds < 0) {
            kinds = secondsSince(t0);
            QTimer::singleShot(0, &loop, [&] { loop.exit(0); });
        }
    });
    // How long the GUI thread is kept from its event loop: the largest gap
    // between ticks of a 5 ms timer, less the 5 ms. On a loaded machine that
    // gap includes time the thread was waiting for a core, so the thread's own
    // CPU time over the same gap is recorded too.
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    Clock::time_point lastTick;
    double lastThreadCpu = 0, maxStallCpu = 0;
    const auto threadCpu = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
    };
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        const auto now = Clock::now();
        const double cpuNow = threadCpu();
        maxStall = std::max(maxStall, std::chrono::duration<double>(now - lastTick).count() - 0.005);
        maxStallCpu = std::max(maxStallCpu, cpuNow - lastThreadCpu);
        lastTick = now;
        lastThreadCpu = cpuNow;
    });
    QTimer watchdog;
    watchdog.setSingleShot(true);
    QObject::connect(&watchdog, &QTimer::timeout, &loop, [&] { loop.exit(1); });
    watchdog.start(600000);

    const double cpu0 = processCpu();
    t0 = Clock::now();
    lastTick = t0;
    lastThreadCpu = threadCpu();
    tick.start(5);
    model.fetchMore(group);
    if (loop.exec() != 0) {
        std::fprintf(stderr, "the listing did not finish\n");
        return 3;
    }
    tick.stop();
    const double cpu = processCpu() - cpu0;
    const qint64 rss1 = statusKb("VmRSS");
    const qint64 hwm = statusKb("VmHWM");
    const struct mallinfo2 heap = mallinfo2(); // every arena: in use, and free but kept

    // Check what the view would show: every row, natural order, kinds known.
    const int rows = model.rowCount(group);
    KindCount k;
    QString previous;
    qint64 outOfOrder = 0;
    for (int r = 0; r < rows; ++r) {
        const QModelIndex idx = model.index(r, 0, group);
        switch (ObjectKind(idx.data(HierarchyModel::KindRole).toInt())) {
        case ObjectKind::Group: ++k.groups; break;
        case ObjectKind::Dataset: ++k.datasets; break;
        case ObjectKind::Unknown: ++k.unknown; break;
        default: ++k.other; break;
        }
        const QString name = idx.data(Qt::DisplayRole).toString();
        if (r > 0 && naturalCompare(previous, name) >= 0)
            ++outOfOrder;
        previous = name;
    }

    out("first_rows_seconds", firstRows);
    out("first_row_count", double(firstRowCount));
    out("listed_seconds", listed);
    out("seconds", kinds);
    out("cpu_seconds", cpu);
    out("insertions", insertions);
    out("max_stall_seconds", maxStall);
    out("max_stall_cpu_seconds", maxStallCpu);
    out("members", rows);
    out("out_of_order", double(outOfOrder));
    out("rss_extra_kb", double(rss1 - rss0));
    out("hwm_extra_kb", double(hwm - rss0));
    out("heap_in_use_kb", double(heap.uordblks + heap.hblkhd) / 1024.0);
    out("heap_free_kb", double(heap.fordblks) / 1024.0);
    k.print();

    model.closeFile(fileIdx);
    file.reset();
    QCoreApplication::processEvents();
    out("rss_after_close_extra_kb", double(statusKb("VmRSS") - rss0));
    return 0;
}

// The same listing with the app's tree attached (HierarchyView over the app's
// proxy, shown offscreen at 1600x1000, the group expanded): Qt lays out the
// expanded group again after each inserted slice, so this is the GUI-thread
// step a user sees. Only the longest step (wall, and the thread's own CPU) and
// the total are reported.
int runView(const QString &path, const QString &groupPath)
{
    JobRunner::instance();
    auto opened = H5File::open(path);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 3;
    }
    HierarchyModel model;
    hs::ui::TreeDecorationProxy proxy;
    proxy.setSourceModel(&model);
    hs::ui::HierarchyView view;
    view.setModel(&proxy);
    view.resize(1600, 1000);
    view.show();
    const QModelIndex fileIdx = model.addFile(opened.value());
    bool busy = false;
    QObject::connect(&model, &HierarchyModel::busyChanged, [&](bool b) { busy = b; });

    QPersistentModelIndex group;
    QEventLoop loop;
    const auto waitUntil = [&](const std::function<bool()> &done) {
        QTimer poll, watchdog;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] { if (done()) loop.exit(0); });
        QObject::connect(&watchdog, &QTimer::timeout, &loop, [&] { loop.exit(1); });
        poll.start(1);
        watchdog.start(300000);
        return loop.exec() == 0;
    };
    QObject::connect(&model, &HierarchyModel::pathRevealed, &loop, [&](const QModelIndex &idx) { group = idx; });
    model.revealPath(fileIdx, groupPath);
    if (!waitUntil([&] { return group.isValid() && !busy; }) || !model.canFetchMore(group)) {
        std::fprintf(stderr, "cannot reach the unlisted group %s\n", qPrintable(groupPath));
        return 3;
    }

    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    const auto threadCpu = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
    };
    Clock::time_point lastTick = Clock::now();
    double lastCpu = threadCpu(), maxStall = 0, maxStallCpu = 0;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        const auto now = Clock::now();
        const double cpuNow = threadCpu();
        maxStall = std::max(maxStall, std::chrono::duration<double>(now - lastTick).count() - 0.005);
        maxStallCpu = std::max(maxStallCpu, cpuNow - lastCpu);
        lastTick = now;
        lastCpu = cpuNow;
    });
    const auto t0 = Clock::now();
    lastTick = t0;
    lastCpu = threadCpu();
    tick.start(5);
    bool started = false;
    QObject::connect(&model, &HierarchyModel::busyChanged, &loop, [&](bool b) { started = started || b; });
    view.expand(proxy.mapFromSource(group));
    if (model.canFetchMore(group)) // the view did not fetch on expanding
        model.fetchMore(group);
    // busy goes false once the listing's last slice and kinds are in.
    const bool ok = waitUntil([&] { return started && !busy; });
    tick.stop();
    if (!ok) {
        std::fprintf(stderr, "the listing did not finish\n");
        return 3;
    }
    out("seconds", secondsSince(t0));
    out("members", model.rowCount(group));
    out("view_rows_shown", proxy.rowCount(proxy.mapFromSource(group)));
    out("view_expanded", view.isExpanded(proxy.mapFromSource(group)) ? 1 : 0);
    out("max_stall_seconds", maxStall);
    out("max_stall_cpu_seconds", maxStallCpu);
    return 0;
}

// ---- the driver ---------------------------------------------------------------

struct Samples
{
    QMap<QString, std::vector<double>> values;

    double median(const QString &key) const
    {
        std::vector<double> v = values.value(key);
        if (v.empty())
            return -1;
        std::sort(v.begin(), v.end());
        const size_t n = v.size();
        return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
    double min(const QString &key) const
    {
        const std::vector<double> v = values.value(key);
        return v.empty() ? -1 : *std::min_element(v.begin(), v.end());
    }
    double max(const QString &key) const
    {
        const std::vector<double> v = values.value(key);
        return v.empty() ? -1 : *std::max_element(v.begin(), v.end());
    }
};

bool runChild(const QString &phase, const QString &file, const QString &group, Samples &into)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(QCoreApplication::applicationFilePath(),
            {QStringLiteral("--phase"), phase, QStringLiteral("--file"), file, QStringLiteral("--group"), group});
    if (!p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "phase %s failed (exit %d)\n", qPrintable(phase), p.exitCode());
        return false;
    }
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        const QList<QByteArray> kv = line.trimmed().split(' ');
        if (kv.size() == 2)
            into.values[QString::fromLatin1(kv[0])].push_back(kv[1].toDouble());
    }
    return true;
}

QString fmtSeconds(double s)
{
    if (s < 0)
        return QStringLiteral("n/a");
    if (s < 1)
        return QStringLiteral("%1 ms").arg(s * 1000, 0, 'f', 1);
    return QStringLiteral("%1 s").arg(s, 0, 'f', 3);
}

QString fmtMb(double kb)
{
    return QStringLiteral("%1 MB").arg(kb / 1024.0, 0, 'f', 1);
}

QString fmtRatio(double a, double b)
{
    if (a < 0 || b <= 0)
        return QStringLiteral("");
    return QStringLiteral("%1x").arg(a / b, 0, 'f', 2);
}

struct Row
{
    QString what, median, min, cpu, ratio, target, verdict;
};

QString markdownTable(const std::vector<Row> &rows)
{
    QString s;
    QTextStream t(&s);
    t << "| Measurement | Median | Best | CPU (median) | Ratio | Target | Verdict |\n";
    t << "| --- | ---: | ---: | ---: | ---: | --- | --- |\n";
    for (const Row &r : rows)
        t << "| " << r.what << " | " << r.median << " | " << r.min << " | " << r.cpu << " | " << r.ratio << " | "
          << r.target << " | " << r.verdict << " |\n";
    return s;
}

QString plainTable(const std::vector<Row> &rows)
{
    constexpr int N = 7;
    int w[N] = {};
    for (const Row &r : rows) {
        const QString cells[N] = {r.what, r.median, r.min, r.cpu, r.ratio, r.target, r.verdict};
        for (int i = 0; i < N; ++i)
            w[i] = std::max(w[i], int(cells[i].size()));
    }
    QString s;
    for (const Row &r : rows) {
        const QString cells[N] = {r.what, r.median, r.min, r.cpu, r.ratio, r.target, r.verdict};
        QString line;
        for (int i = 0; i < N; ++i)
            line += (i == 0 ? cells[i].leftJustified(w[i]) : cells[i].rightJustified(w[i])) + QStringLiteral("  ");
        s += line.trimmed() + QLatin1Char('\n');
    }
    return s;
}


// One input: a file, the group to list, and what every phase measured on it.
struct Config
{
    QString label; // "symbol table, 200,000 members"
    QString file, group, input;
    double fileMb = 0;
    int runs = 1;
    QString loadBefore, loadAfter;
    QMap<QString, Samples> samples;
    QStringList problems;
};

const QStringList &phaseNames()
{
    static const QStringList phases = {QStringLiteral("raw-names"), QStringLiteral("raw-kinds"),
                                       QStringLiteral("raw-names-core-access"), QStringLiteral("raw-kinds-core-access"),
                                       QStringLiteral("reader"), QStringLiteral("model")};
    return phases;
}

bool measure(Config &c)
{
    // Warm the OS page cache, so the first run is not the only one paying for disk reads.
    {
        QFile f(c.file);
        if (f.open(QIODevice::ReadOnly))
            while (!f.read(1 << 20).isEmpty()) {
            }
    }
    c.loadBefore = hs::bench::loadAverage();
    // Round-robin, so drift in machine load spreads over every phase alike.
    for (int run = 1; run <= c.runs; ++run) {
        std::printf("  run %d/%d:", run, c.runs);
        for (const QString &phase : phaseNames()) {
            std::printf(" %s", qPrintable(phase));
            std::fflush(stdout);
            if (!runChild(phase, c.file, c.group, c.samples[phase]))
                return false;
        }
        std::printf("\n");
    }
    c.loadAfter = hs::bench::loadAverage();

    const auto S = [](const char *k) { return QString::fromLatin1(k); };
    const Samples &rn = c.samples[S("raw-names")];
    const Samples &rk = c.samples[S("raw-kinds")];
    // Cross-check: every phase saw the same members and kinds.
    const double members = rn.median(S("members"));
    for (const QString &phase : phaseNames()) {
        const Samples &s = c.samples[phase];
        if (s.min(S("members")) != members || s.max(S("members")) != members)
            c.problems << QStringLiteral("member counts differ between phases");
    }
    for (const char *phase : {"raw-kinds-core-access", "reader", "model"}) {
        const Samples &s = c.samples[S(phase)];
        if (s.median(S("groups")) != rk.median(S("groups")) || s.median(S("datasets")) != rk.median(S("datasets")))
            c.problems << QStringLiteral("kinds differ from the raw loop");
        if (s.max(S("unknown")) != 0)
            c.problems << QStringLiteral("kinds left unknown");
    }
    if (c.samples[S("model")].max(S("out_of_order")) != 0)
        c.problems << QStringLiteral("model rows not in natural order");
    c.problems.removeDuplicates();
    return true;
}

// The four targets of the issue, for one input.
struct Verdicts
{
    double first = -1, kinds = -1, rawKinds = -1, kindsCpu = -1, rawKindsCpu = -1;
    double rssOverRaw = 0, hwmOverRaw = 0, rss = 0, hwm = 0, rawRss = 0, rawHwm = 0, stall = -1;
    bool firstOk = false, kindsOk = false, memoryOk = false, stallOk = false;
};

Verdicts verdictsOf(const Config &c)
{
    const auto S = [](const char *k) { return QString::fromLatin1(k); };
    const Samples &rk = c.samples[S("raw-kinds")];
    const Samples &md = c.samples[S("model")];
    Verdicts v;
    v.first = md.median(S("first_rows_seconds"));
    v.kinds = md.median(S("seconds"));
    v.rawKinds = rk.median(S("seconds"));
    v.kindsCpu = md.median(S("cpu_seconds"));
    v.rawKindsCpu = rk.median(S("cpu_seconds"));
    v.rss = md.median(S("rss_extra_kb"));
    v.hwm = md.median(S("hwm_extra_kb"));
    v.rawRss = rk.median(S("rss_extra_kb"));
    v.rawHwm = rk.median(S("hwm_extra_kb"));
    v.rssOverRaw = v.rss - v.rawRss;
    v.hwmOverRaw = v.hwm - v.rawHwm;
    v.stall = md.median(S("max_stall_seconds"));
    v.firstOk = v.first >= 0 && v.first < 0.050;
    v.kindsOk = v.kinds > 0 && v.rawKinds > 0 && v.kinds / v.rawKinds <= 1.5;
    v.memoryOk = v.rssOverRaw < 100 * 1024 && v.hwmOverRaw < 100 * 1024;
    v.stallOk = v.stall >= 0 && v.stall <= 0.050;
    return v;
}

QString verdict(bool ok)
{
    return ok ? QStringLiteral("**pass**") : QStringLiteral("**MISS**");
}

// The detailed table of one input (markdown), also printed as plain text.
QString configSection(const Config &c, bool print)
{
    const auto S = [](const char *k) { return QString::fromLatin1(k); };
    const Samples &rn = c.samples[S("raw-names")];
    const Samples &rk = c.samples[S("raw-kinds")];
    const Samples &rnc = c.samples[S("raw-names-core-access")];
    const Samples &rkc = c.samples[S("raw-kinds-core-access")];
    const Samples &rd = c.samples[S("reader")];
    const Samples &md = c.samples[S("model")];
    const Verdicts v = verdictsOf(c);
    const double rawNames = rn.median(S("seconds"));

    std::vector<Row> rows;
    // The CPU column (whole process, every thread) is shown for whole-phase
    // figures; ratios are of medians, wall time first, then CPU time.
    const auto timeRow = [&](const QString &what, const Samples &s, const char *key, double base = -1,
                             double cpuBase = -1) {
        const bool whole = qstrcmp(key, "seconds") == 0;
        QString ratio = fmtRatio(s.median(S(key)), base);
        if (whole && cpuBase > 0)
            ratio += QStringLiteral(" (CPU %1)").arg(fmtRatio(s.median(S("cpu_seconds")), cpuBase));
        rows.push_back({what, fmtSeconds(s.median(S(key))), fmtSeconds(s.min(S(key))),
                        whole ? fmtSeconds(s.median(S("cpu_seconds"))) : QString(), ratio, {}, {}});
    };
    timeRow(QStringLiteral("raw C: H5Literate, names"), rn, "seconds");
    timeRow(QStringLiteral("raw C: H5Literate + H5Oget_info_by_name2, names + kinds"), rk, "seconds");
    timeRow(QStringLiteral("raw C, file opened by H5File::open (core's access properties): names"), rnc, "seconds");
    timeRow(QStringLiteral("raw C, file opened by H5File::open: names + kinds"), rkc, "seconds");
    timeRow(QStringLiteral("core first batch (200 links + kinds, sorted)"), rd, "first_seconds");
    timeRow(QStringLiteral("core HierarchyReader::listLinks (names)"), rd, "list_seconds", rawNames);
    timeRow(QStringLiteral("core sortEntries (natural order)"), rd, "sort_seconds");
    timeRow(QStringLiteral("core HierarchyReader::resolveKinds (2,000 per call)"), rd, "kinds_seconds");
    timeRow(QStringLiteral("core reader total (first batch + list + sort + kinds)"), rd, "seconds", v.rawKinds, v.rawKindsCpu);
    timeRow(QStringLiteral("model: fetchMore -> first rows inserted"), md, "first_rows_seconds");
    rows.back().target = QStringLiteral("< 50 ms");
    rows.back().verdict = verdict(v.firstOk);
    timeRow(QStringLiteral("model: fetchMore -> listingFinished (all names, all rows inserted)"), md, "listed_seconds", rawNames);
    timeRow(QStringLiteral("model: fetchMore -> all kinds known (job finished)"), md, "seconds", v.rawKinds, v.rawKindsCpu);
    rows.back().target = QStringLiteral("<= 1.5x raw kinds");
    rows.back().verdict = verdict(v.kindsOk);
    timeRow(QStringLiteral("  the same, against the raw loop on a file opened by H5File::open"), md, "seconds",
            rkc.median(S("seconds")), rkc.median(S("cpu_seconds")));
    timeRow(QStringLiteral("model: longest GUI-thread stall during the listing"), md, "max_stall_seconds");
    rows.back().target = QStringLiteral("<= 50 ms");
    rows.back().verdict = verdict(v.stallOk);
    timeRow(QStringLiteral("  the GUI thread's own CPU time in its longest step"), md, "max_stall_cpu_seconds");
    const auto memRow = [&](const QString &what, const Samples &s, const char *key) {
        rows.push_back({what, fmtMb(s.median(S(key))), fmtMb(s.min(S(key))), {}, {}, {}, {}});
    };
    memRow(QStringLiteral("raw names: extra RSS (names + HDF5)"), rn, "rss_extra_kb");
    memRow(QStringLiteral("raw kinds: extra RSS (names + kinds + HDF5)"), rk, "rss_extra_kb");
    memRow(QStringLiteral("raw kinds: extra peak (VmHWM)"), rk, "hwm_extra_kb");
    memRow(QStringLiteral("raw kinds, file opened by H5File::open: extra RSS"), rkc, "rss_extra_kb");
    memRow(QStringLiteral("core reader: extra RSS (entries with kinds)"), rd, "rss_extra_kb");
    memRow(QStringLiteral("model: extra RSS once listed (VmRSS after - before open)"), md, "rss_extra_kb");
    memRow(QStringLiteral("model: extra peak (VmHWM - VmRSS before open)"), md, "hwm_extra_kb");
    rows.push_back({QStringLiteral("model beyond the raw kinds loop: extra RSS / extra peak"), fmtMb(v.rssOverRaw),
                    fmtMb(v.hwmOverRaw), {}, {}, QStringLiteral("< 100 MB"), verdict(v.memoryOk)});
    memRow(QStringLiteral("model: extra RSS after closeFile"), md, "rss_after_close_extra_kb");

    if (print) {
        std::vector<Row> plainRows = rows;
        for (Row &r : plainRows)
            r.verdict.remove(QStringLiteral("**"));
        plainRows.insert(plainRows.begin(), Row{QStringLiteral("measurement"), QStringLiteral("median"), QStringLiteral("best"),
                                                QStringLiteral("cpu"), QStringLiteral("ratio"), QStringLiteral("target"),
                                                QStringLiteral("")});
        std::printf("\n%s", qPrintable(plainTable(plainRows)));
        std::printf("first batch: %.0f rows; model insertions: %.0f\n", md.median(S("first_row_count")),
                    md.median(S("insertions")));
        if (!c.problems.isEmpty())
            std::printf("CHECK FAILED: %s\n\n", qPrintable(c.problems.join(QStringLiteral("; "))));
        else
            std::printf("checks: %.0f members (%.0f groups, %.0f datasets) in every phase, natural order, no unknown kinds\n\n",
                        rn.median(S("members")), rk.median(S("groups")), rk.median(S("datasets")));
    }

    QString text;
    QTextStream t(&text);
    t << "### " << c.label << "\n\n";
    t << "- Input: " << c.input << "; group `" << c.group << "`, " << QString::number(rn.median(S("members")), 'f', 0)
      << " members (" << QString::number(rk.median(S("groups")), 'f', 0) << " groups, "
      << QString::number(rk.median(S("datasets")), 'f', 0) << " datasets), file " << QString::number(c.fileMb, 'f', 1)
      << " MB\n";
    t << "- " << c.runs << (c.runs == 1 ? " run" : " runs (median and best)") << "; load average (1/5/15 min) before / after: "
      << c.loadBefore << " / " << c.loadAfter << "\n";
    if (!c.problems.isEmpty())
        t << "- **Checks failed:** " << c.problems.join(QStringLiteral("; ")) << "\n";
    else
        t << "- Checks: every phase saw the same members and kinds; the model's rows are in natural order with no "
             "kind left unknown. First batch: "
          << QString::number(md.median(S("first_row_count")), 'f', 0) << " rows; the rest inserted in "
          << QString::number(md.median(S("insertions")) - 1, 'f', 0) << " insertions.\n";
    t << "\n" << markdownTable(rows) << "\n";
    return text;
}

bool writeResults(const QString &path, const QString &section)
{
    return hs::bench::writeResultsSection(path, QStringLiteral("treebench"), QStringLiteral("Tree listing benchmark"), section);
}

QString formatLabel(hs::bench::GroupFormat f)
{
    return f == hs::bench::GroupFormat::SymbolTable ? QStringLiteral("symbol table (h5py's default, libver earliest)")
                                                    : QStringLiteral("dense (libver latest)");
}

int drive(const QCommandLineParser &args)
{
    using hs::bench::GroupFormat;
    std::vector<Config> configs;
    const int runs = std::max(1, args.value(QStringLiteral("runs")).toInt());
    const int largeRuns = std::max(1, args.value(QStringLiteral("large-runs")).toInt());
    if (args.isSet(QStringLiteral("file"))) {
        Config c;
        c.file = args.value(QStringLiteral("file"));
        c.group = args.value(QStringLiteral("group"));
        c.label = QStringLiteral("Given file `%1`").arg(QFileInfo(c.file).fileName());
        c.input = QStringLiteral("given: `%1`").arg(QFileInfo(c.file).fileName());
        c.runs = runs;
        configs.push_back(c);
    } else {
        const QString dataDir = args.value(QStringLiteral("data-dir"));
        if (!QDir().mkpath(dataDir)) {
            std::fprintf(stderr, "cannot create %s\n", qPrintable(dataDir));
            return 2;
        }
        std::vector<GroupFormat> formats;
        for (const QString &f : args.value(QStringLiteral("formats")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (f == QLatin1String("symbol-table"))
                formats.push_back(GroupFormat::SymbolTable);
            else if (f == QLatin1String("dense"))
                formats.push_back(GroupFormat::Dense);
            else {
                std::fprintf(stderr, "unknown format %s (symbol-table, dense)\n", qPrintable(f));
                return 2;
            }
        }
        for (const QString &m : args.value(QStringLiteral("members")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const int members = m.toInt();
            if (members <= 0) {
                std::fprintf(stderr, "bad --members %s\n", qPrintable(m));
                return 2;
            }
            for (GroupFormat f : formats) {
                Config c;
                c.group = QStringLiteral("/big");
                c.label = QStringLiteral("%L1 members, %2").arg(members).arg(formatLabel(f));
                // Written once, reused by later runs (the writer's version is in the name).
                c.file = QDir(dataDir).filePath(QStringLiteral("treebench-v1-%1-%2.h5")
                                                    .arg(f == GroupFormat::SymbolTable ? QStringLiteral("symtab")
                                                                                       : QStringLiteral("dense"))
                                                    .arg(members));
                c.runs = members >= 500000 ? largeRuns : runs;
                QString how = QStringLiteral("reused from an earlier run");
                if (!QFile::exists(c.file)) {
                    std::printf("Writing %d members (%s) to %s ...\n", members, qPrintable(formatLabel(f)), qPrintable(c.file));
                    std::fflush(stdout);
                    const auto t0 = Clock::now();
                    if (!hs::bench::writeWideGroupFile(c.file, members, f))
                        return 3;
                    how = QStringLiteral("written in %1").arg(fmtSeconds(secondsSince(t0)));
                }
                c.input = QStringLiteral("`%1`, hs::bench::writeWideGroupFile (%2)").arg(QFileInfo(c.file).fileName(), how);
                configs.push_back(c);
            }
        }
    }

    const QString loadBefore = hs::bench::loadAverage();
    for (Config &c : configs) {
        c.fileMb = double(QFileInfo(c.file).size()) / (1024.0 * 1024.0);
        std::printf("%s:\n", qPrintable(c.label));
        if (!measure(c))
            return 3;
        configSection(c, true);
    }
    const QString loadAfter = hs::bench::loadAverage();

    QString md;
    QTextStream t(&md);
    unsigned maj = 0, min = 0, rel = 0;
    H5get_libversion(&maj, &min, &rel);
    hbool_t threadsafe = 0;
    H5is_library_threadsafe(&threadsafe);
    const double memGb = firstMatch(QStringLiteral("/proc/meminfo"), QStringLiteral("MemTotal")).section(QLatin1Char(' '), 0, 0).toDouble()
                         / (1024.0 * 1024.0);
    t << "## Latest run\n\n";
    t << "- Date: " << QDateTime::currentDateTime().toString(Qt::ISODate) << "\n";
    t << "- Machine: " << QThread::idealThreadCount() << " CPUs (nproc), "
      << firstMatch(QStringLiteral("/proc/cpuinfo"), QStringLiteral("model name")) << ", "
      << QString::number(memGb, 'f', 1) << " GB RAM, " << QSysInfo::prettyProductName() << ", kernel "
      << QSysInfo::kernelVersion() << "\n";
    t << "- Load average (1/5/15 min) at the start / end of the whole run: " << loadBefore << " / " << loadAfter
      << ". The machine is shared with other builds: wall times are inflated by the load, so the CPU column (whole "
         "process, every thread) is given beside them.\n";
    t << "- HDF5 " << maj << "." << min << "." << rel << (threadsafe ? " (thread-safe build)" : "") << ", Qt "
      << qVersion() << " (built against " << QT_VERSION_STR << ")\n";
    t << "- Method: each run is a fresh process that opens the file anew, so HDF5's metadata cache starts cold; the OS "
         "page cache is warm (the file is read once before the first run). Phases run round-robin. Raw and reader "
         "times exclude opening the file and include opening the group. Model times are measured from `fetchMore` "
         "on the group (already revealed, its parent listed) on the GUI thread with the real JobRunner and no view "
         "attached; \"all kinds known\" is `busyChanged(false)`, sent when the listing job's ticket finishes, after "
         "its last batch of kinds was applied. The GUI-thread stall is the largest gap between ticks of a 5 ms timer, "
         "less 5 ms. Memory is VmRSS/VmHWM from /proc/self/status against VmRSS before the file was opened; the memory "
         "target compares the model with the raw names + kinds loop, whose own growth is mostly HDF5's. The \"file "
         "opened by H5File::open\" raw loops run the same C loop on a file opened the way core opens it, to show what "
         "core's file access settings change.\n\n";

    t << "### Targets (from issue 8)\n\n";
    t << "| Input | First rows (< 50 ms) | All kinds vs raw (<= 1.5x) | Model beyond raw kinds: RSS / peak (< 100 MB) | "
         "Longest GUI-thread stall (<= 50 ms) |\n";
    t << "| --- | ---: | ---: | ---: | ---: |\n";
    for (const Config &c : configs) {
        const Verdicts v = verdictsOf(c);
        t << "| " << c.label << (c.problems.isEmpty() ? QString() : QStringLiteral(" (**checks failed**)")) << " | "
          << fmtSeconds(v.first) << " " << verdict(v.firstOk) << " | " << fmtSeconds(v.kinds) << " vs "
          << fmtSeconds(v.rawKinds) << " = " << fmtRatio(v.kinds, v.rawKinds) << " (CPU " << fmtRatio(v.kindsCpu, v.rawKindsCpu)
          << ") " << verdict(v.kindsOk) << " | " << fmtMb(v.rss) << " - " << fmtMb(v.rawRss) << " = " << fmtMb(v.rssOverRaw)
          << " / " << fmtMb(v.hwm) << " - " << fmtMb(v.rawHwm) << " = " << fmtMb(v.hwmOverRaw) << " " << verdict(v.memoryOk)
          << " | " << fmtSeconds(v.stall) << " " << verdict(v.stallOk) << " |\n";
    }
    t << "\n";
    for (const Config &c : configs)
        t << configSection(c, false);
    t << "### Peers, for context (figures quoted in issue 3, 2-core machine, not measured here)\n\n";
    t << "| Tool | Expanding a 200,000-member group | Memory |\n| --- | ---: | ---: |\n";
    t << "| ViTables | 60 s | 3.1 GB |\n";
    t << "| silx view | 32 s | 545 MB |\n";
    t << "| HDF Compass | 1.3 s | 280 MB |\n\n";
    t << "Reproduce: `ninja -C build hyperslab_treebench && build/bin/hyperslab_treebench` (see bench/README.md).\n";

    bool allOk = true;
    for (const Config &c : configs)
        allOk = allOk && c.problems.isEmpty();
    if (args.isSet(QStringLiteral("no-results")))
        return allOk ? 0 : 1;
    const QString resultsPath = args.isSet(QStringLiteral("results"))
                                    ? args.value(QStringLiteral("results"))
                                    : QStringLiteral(HYPERSLAB_BENCH_SOURCE_DIR "/RESULTS.md");
    if (!writeResults(resultsPath, md)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(resultsPath));
        return 3;
    }
    std::printf("wrote %s\n", qPrintable(resultsPath));
    return allOk ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    // The view phase needs widgets (run it with QT_QPA_PLATFORM=offscreen).
    bool viewPhase = false;
    for (int i = 1; i + 1 < argc; ++i)
        viewPhase = viewPhase || (std::string(argv[i]) == "--phase" && std::string(argv[i + 1]) == "view");
    std::unique_ptr<QCoreApplication> appPtr(viewPhase ? new QApplication(argc, argv) : new QCoreApplication(argc, argv));
    QCoreApplication &app = *appPtr;
    QCoreApplication::setApplicationName(QStringLiteral("hyperslab_treebench"));
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Times listing a very large HDF5 group: raw C against Hyperslab's core and model."));
    p.addHelpOption();
    p.addOptions({
        {QStringLiteral("members"), QStringLiteral("Sizes of the generated group, comma-separated (default 200000,1000000)."),
         QStringLiteral("N,..."), QStringLiteral("200000,1000000")},
        {QStringLiteral("formats"), QStringLiteral("Group formats to generate: symbol-table, dense (default both)."),
         QStringLiteral("F,..."), QStringLiteral("symbol-table,dense")},
        {QStringLiteral("data-dir"), QStringLiteral("Where generated files are kept and reused (default: the build's bench-data)."),
         QStringLiteral("DIR"), QStringLiteral(HYPERSLAB_BENCH_DATA_DIR)},
        {QStringLiteral("file"), QStringLiteral("Measure this file instead of generated ones."), QStringLiteral("F")},
        {QStringLiteral("group"), QStringLiteral("The group to list in --file (default /big)."), QStringLiteral("PATH"),
         QStringLiteral("/big")},
        {QStringLiteral("runs"), QStringLiteral("Runs per measurement; medians are reported (default 3)."),
         QStringLiteral("N"), QStringLiteral("3")},
        {QStringLiteral("large-runs"), QStringLiteral("Runs per measurement for groups of 500,000 members or more (default 1)."),
         QStringLiteral("N"), QStringLiteral("1")},
        {QStringLiteral("results"), QStringLiteral("Markdown file to update (default bench/RESULTS.md in the source tree)."),
         QStringLiteral("F")},
        {QStringLiteral("no-results"), QStringLiteral("Print the table only.")},
        {QStringLiteral("phase"), QStringLiteral("Run one measurement (raw-names, raw-kinds, reader, model, view) in this process on --file and print key/value lines (for profiling)."),
         QStringLiteral("NAME")},
    });
    p.process(app);

    const QString phase = p.value(QStringLiteral("phase"));
    if (phase.isEmpty())
        return drive(p);
    const QString file = p.value(QStringLiteral("file")), group = p.value(QStringLiteral("group"));
    if (phase == QLatin1String("raw-names"))
        return runRaw(file, group, false, false);
    if (phase == QLatin1String("raw-kinds"))
        return runRaw(file, group, true, false);
    if (phase == QLatin1String("raw-names-core-access"))
        return runRaw(file, group, false, true);
    if (phase == QLatin1String("raw-kinds-core-access"))
        return runRaw(file, group, true, true);
    if (phase == QLatin1String("reader"))
        return runReader(file, group);
    if (phase == QLatin1String("model"))
        return runModel(file, group);
    if (phase == QLatin1String("view"))
        return runView(file, group);
    std::fprintf(stderr, "unknown phase %s\n", qPrintable(phase));
    return 2;
}
