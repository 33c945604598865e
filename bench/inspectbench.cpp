// hyperslab_inspectbench: the work behind the inspector panels, side by side
// with the plain HDF5 C loops that do the same, in one run:
//
//  1. Chunk map of a dataset with 250,000 chunks (2000 x 2000 int32, 4 x 4
//     chunks, deflate, three quarters written): StorageInspector::chunkMap
//     (binned to at most 65,536 cells) vs H5Dget_chunk_storage_size for every
//     chunk (one index lookup each; on HDF5 1.10 both H5Dget_chunk_info and
//     H5Dget_chunk_info_by_coord walk the whole index on every call, which
//     makes a full map quadratic).
//  2. Every path to one object in a 200,000-member group:
//     ObjectInspector::findAllPaths vs H5Lvisit comparing link addresses.
//  3. 2,000 attributes of one group: AttributeReader::list (read, formatted)
//     vs H5Aiterate2 + H5Aopen + H5Aread of each.
//
// Prints a table and rewrites the inspectbench section of bench/RESULTS.md.

#include "benchutil.h"
#include "largegroup.h"

#include "services/attributereader.h"
#include "services/h5file.h"
#include "services/objectinspector.h"
#include "services/storageinspector.h"

#ifdef HYPERSLAB_BENCH_HAVE_FIXTURES
#include "fixtures/fixtures.h"
#endif

#include <hdf5.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstring>
#include <functional>
#include <random>

using namespace hs::bench;
using hs::core::H5File;

namespace {

constexpr hsize_t kSide = 2000, kChunk = 4, kWrittenRows = 1500;
constexpr int kAttributes = 2000;

bool writeChunkFile(const QString &path)
{
    const QByteArray p = QFile::encodeName(path);
    const hid_t file = H5Fcreate(p.constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (file < 0)
        return false;
    const hsize_t dims[2] = {kSide, kSide}, chunk[2] = {kChunk, kChunk};
    const hid_t space = H5Screate_simple(2, dims, nullptr);
    const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(dcpl, 2, chunk);
    H5Pset_deflate(dcpl, 1);
    const hid_t ds = H5Dcreate2(file, "/chunks", H5T_STD_I32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    // Values whose compressibility varies across the dataset, so chunk sizes differ.
    std::vector<int> values(size_t(kWrittenRows * kSide));
    std::mt19937 rng(7);
    for (hsize_t r = 0; r < kWrittenRows; ++r)
        for (hsize_t c = 0; c < kSide; ++c)
            values[size_t(r * kSide + c)] = int(rng() % (1u + unsigned((r + c) % 64) * 1000u));
    const hsize_t start[2] = {0, 0}, count[2] = {kWrittenRows, kSide};
    const hid_t mem = H5Screate_simple(2, count, nullptr);
    H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, count, nullptr);
    const bool ok = ds >= 0 && H5Dwrite(ds, H5T_NATIVE_INT, mem, space, H5P_DEFAULT, values.data()) >= 0;
    H5Sclose(mem);
    H5Dclose(ds);
    H5Pclose(dcpl);
    H5Sclose(space);
    H5Fclose(file);
    return ok;
}

bool writeAttributeFile(const QString &path)
{
    const QByteArray p = QFile::encodeName(path);
    const hid_t file = H5Fcreate(p.constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (file < 0)
        return false;
    const hid_t g = H5Gcreate2(file, "/attrs", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const hid_t scalar = H5Screate(H5S_SCALAR);
    const hsize_t eight = 8;
    const hid_t vec = H5Screate_simple(1, &eight, nullptr);
    const hid_t str = H5Tcopy(H5T_C_S1);
    H5Tset_size(str, 32);
    bool ok = g >= 0;
    for (int i = 0; i < kAttributes && ok; ++i) {
        const QByteArray name = QByteArray("attribute_") + QByteArray::number(i);
        hid_t a = -1;
        switch (i % 3) {
        case 0: {
            const double v = i * 0.1;
            a = H5Acreate2(g, name.constData(), H5T_IEEE_F64LE, scalar, H5P_DEFAULT, H5P_DEFAULT);
            ok = a >= 0 && H5Awrite(a, H5T_NATIVE_DOUBLE, &v) >= 0;
            break;
        }
        case 1: {
            int v[8];
            for (int k = 0; k < 8; ++k)
                v[k] = i * 8 + k;
            a = H5Acreate2(g, name.constData(), H5T_STD_I32LE, vec, H5P_DEFAULT, H5P_DEFAULT);
            ok = a >= 0 && H5Awrite(a, H5T_NATIVE_INT, v) >= 0;
            break;
        }
        default: {
            char v[32] = {};
            std::snprintf(v, sizeof v, "value number %d", i);
            a = H5Acreate2(g, name.constData(), str, scalar, H5P_DEFAULT, H5P_DEFAULT);
            ok = a >= 0 && H5Awrite(a, str, v) >= 0;
            break;
        }
        }
        if (a >= 0)
            H5Aclose(a);
    }
    H5Tclose(str);
    H5Sclose(vec);
    H5Sclose(scalar);
    H5Gclose(g);
    H5Fclose(file);
    return ok;
}

// --- raw C loops ------------------------------------------------------------

// Bytes on disk of every allocated chunk, by coordinates.
quint64 rawChunkMap(const QString &path, quint64 *allocated)
{
    const QByteArray p = QFile::encodeName(path);
    const hid_t file = H5Fopen(p.constData(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t ds = H5Dopen2(file, "/chunks", H5P_DEFAULT);
    quint64 bytes = 0, count = 0;
    H5E_BEGIN_TRY
    {
        for (hsize_t r = 0; r < kSide; r += kChunk)
            for (hsize_t c = 0; c < kSide; c += kChunk) {
                const hsize_t offset[2] = {r, c};
                hsize_t size = 0;
                if (H5Dget_chunk_storage_size(ds, offset, &size) >= 0 && size > 0) {
                    bytes += size;
                    ++count;
                }
            }
    }
    H5E_END_TRY;
    H5Dclose(ds);
    H5Fclose(file);
    *allocated = count;
    return bytes;
}

struct VisitTarget
{
#if H5_VERSION_GE(1, 12, 0)
    H5O_token_t token;
#else
    haddr_t address;
#endif
    hid_t file;
    std::vector<std::string> paths;
};

#if H5_VERSION_GE(1, 12, 0)
herr_t visitLink(hid_t, const char *name, const H5L_info2_t *info, void *data)
{
    auto *t = static_cast<VisitTarget *>(data);
    int cmp = 1;
    if (info->type == H5L_TYPE_HARD && H5Otoken_cmp(t->file, &info->u.token, &t->token, &cmp) >= 0 && cmp == 0)
        t->paths.push_back(std::string("/") + name);
    return 0;
}
#else
herr_t visitLink(hid_t, const char *name, const H5L_info_t *info, void *data)
{
    auto *t = static_cast<VisitTarget *>(data);
    if (info->type == H5L_TYPE_HARD && info->u.address == t->address)
        t->paths.push_back(std::string("/") + name);
    return 0;
}
#endif

size_t rawAllPaths(const QString &path, const char *object)
{
    const QByteArray p = QFile::encodeName(path);
    const hid_t file = H5Fopen(p.constData(), H5F_ACC_RDONLY, H5P_DEFAULT);
    VisitTarget t{};
    t.file = file;
#if H5_VERSION_GE(1, 12, 0)
    H5O_info2_t oi;
    H5Oget_info_by_name3(file, object, &oi, H5O_INFO_BASIC, H5P_DEFAULT);
    t.token = oi.token;
    H5Lvisit2(file, H5_INDEX_NAME, H5_ITER_NATIVE, visitLink, &t);
#else
    H5O_info_t oi;
    H5Oget_info_by_name2(file, object, &oi, H5O_INFO_BASIC, H5P_DEFAULT);
    t.address = oi.addr;
    H5Lvisit(file, H5_INDEX_NAME, H5_ITER_NATIVE, visitLink, &t);
#endif
    H5Fclose(file);
    return t.paths.size();
}

herr_t readAttribute(hid_t loc, const char *name, const H5A_info_t *, void *data)
{
    const hid_t a = H5Aopen(loc, name, H5P_DEFAULT);
    const hid_t type = H5Aget_type(a);
    const hid_t mem = H5Tget_native_type(type, H5T_DIR_ASCEND);
    const hid_t space = H5Aget_space(a);
    const hssize_t n = H5Sget_simple_extent_npoints(space);
    std::vector<unsigned char> buf(size_t(n) * H5Tget_size(mem));
    if (H5Aread(a, mem, buf.data()) >= 0)
        ++*static_cast<int *>(data);
    H5Sclose(space);
    H5Tclose(mem);
    H5Tclose(type);
    H5Aclose(a);
    return 0;
}

int rawAttributes(const QString &path)
{
    const QByteArray p = QFile::encodeName(path);
    const hid_t file = H5Fopen(p.constData(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t g = H5Gopen2(file, "/attrs", H5P_DEFAULT);
    int read = 0;
    hsize_t idx = 0;
    H5Aiterate2(g, H5_INDEX_NAME, H5_ITER_INC, &idx, readAttribute, &read);
    H5Gclose(g);
    H5Fclose(file);
    return read;
}

// --- measurement ------------------------------------------------------------

struct Sample
{
    double wall = 0, cpu = 0;
};

Sample timed(const std::function<bool()> &fn, bool *ok)
{
    const double c0 = cpuSeconds();
    const auto t0 = Clock::now();
    *ok = fn() && *ok;
    return {secondsSince(t0), cpuSeconds() - c0};
}

QString ms(double s)
{
    return s < 1 ? QStringLiteral("%1 ms").arg(s * 1000, 0, 'f', 1) : QStringLiteral("%1 s").arg(s, 0, 'f', 3);
}

struct Row
{
    QString what;
    std::vector<Sample> raw, core;
    QString check;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser args;
    args.setApplicationDescription(QStringLiteral("Inspector benchmark: chunk map, all paths, attributes vs raw HDF5 loops."));
    args.addHelpOption();
    args.addOptions({{QStringLiteral("runs"), QStringLiteral("Runs of each measurement (default 5)."), QStringLiteral("N"), QStringLiteral("5")},
                     {QStringLiteral("dir"), QStringLiteral("Folder for the generated files (default: a temporary one)."), QStringLiteral("DIR")},
                     {QStringLiteral("results"), QStringLiteral("Markdown file to update (default bench/RESULTS.md)."), QStringLiteral("F")},
                     {QStringLiteral("no-results"), QStringLiteral("Do not write RESULTS.md.")}});
    args.process(app);
    const int runs = std::max(1, args.value(QStringLiteral("runs")).toInt());
    QTemporaryDir tmp;
    const QDir dir(args.isSet(QStringLiteral("dir")) ? args.value(QStringLiteral("dir")) : tmp.path());
    QDir().mkpath(dir.path());
    QTextStream out(stdout);
    const QString loadBefore = loadAverage();

    const QString chunkFile = dir.filePath(QStringLiteral("chunks.h5"));
    const QString groupFile = dir.filePath(QStringLiteral("large_group.h5"));
    const QString attrFile = dir.filePath(QStringLiteral("attributes.h5"));
    auto t0 = Clock::now();
    if (!QFile::exists(chunkFile) && !writeChunkFile(chunkFile))
        return out << "could not write " << chunkFile << Qt::endl, 1;
    out << "chunk file ready in " << ms(secondsSince(t0)) << Qt::endl;
    t0 = Clock::now();
#ifdef HYPERSLAB_BENCH_HAVE_FIXTURES
    const bool groupOk = QFile::exists(groupFile) || hs::fixtures::writeLargeGroupFile(groupFile, 200000);
#else
    const bool groupOk = QFile::exists(groupFile) || hs::bench::writeLargeGroupFile(groupFile, 200000);
#endif
    if (!groupOk)
        return out << "could not write " << groupFile << Qt::endl, 1;
    out << "group file ready in " << ms(secondsSince(t0)) << Qt::endl;
    if (!QFile::exists(attrFile) && !writeAttributeFile(attrFile))
        return out << "could not write " << attrFile << Qt::endl, 1;

    std::vector<Row> rows(3);
    rows[0].what = QStringLiteral("chunk map, 250,000 chunks (187,500 allocated)");
    rows[1].what = QStringLiteral("all paths to /big/item_1 in 200,000 members");
    rows[2].what = QStringLiteral("2,000 attributes read and formatted");
    bool ok = true;
    quint64 rawAllocated = 0, coreAllocated = 0;
    size_t rawPaths = 0, corePaths = 0;
    int rawAttrs = 0;
    size_t coreAttrs = 0;
    for (int run = 0; run < runs; ++run) {
        rows[0].raw.push_back(timed([&] { rawChunkMap(chunkFile, &rawAllocated); return rawAllocated > 0; }, &ok));
        rows[0].core.push_back(timed([&] {
            auto f = H5File::open(chunkFile);
            if (!f)
                return false;
            auto map = hs::core::StorageInspector::chunkMap(f.value(), QStringLiteral("/chunks"), 0, 1, {0, 0});
            coreAllocated = map ? map->allocated : 0;
            return bool(map);
        }, &ok));
        rows[1].raw.push_back(timed([&] { rawPaths = rawAllPaths(groupFile, "/big/item_1"); return rawPaths > 0; }, &ok));
        rows[1].core.push_back(timed([&] {
            auto f = H5File::open(groupFile);
            if (!f)
                return false;
            auto paths = hs::core::ObjectInspector::findAllPaths(f.value(), QStringLiteral("/big/item_1"));
            corePaths = paths ? size_t(paths->size()) : 0;
            return bool(paths);
        }, &ok));
        rows[2].raw.push_back(timed([&] { rawAttrs = rawAttributes(attrFile); return rawAttrs > 0; }, &ok));
        rows[2].core.push_back(timed([&] {
            auto f = H5File::open(attrFile);
            if (!f)
                return false;
            auto list = hs::core::AttributeReader::list(f.value(), QStringLiteral("/attrs"));
            coreAttrs = list ? list->size() : 0;
            return bool(list);
        }, &ok));
        out << "run " << run + 1 << " of " << runs << " done" << Qt::endl;
    }
    rows[0].check = QStringLiteral("allocated chunks: raw %1, core %2").arg(rawAllocated).arg(coreAllocated);
    rows[1].check = QStringLiteral("paths: raw %1, core %2").arg(rawPaths).arg(corePaths);
    rows[2].check = QStringLiteral("attributes: raw %1, core %2").arg(rawAttrs).arg(coreAttrs);
    const bool same = ok && rawAllocated == coreAllocated && rawPaths == corePaths && size_t(rawAttrs) == coreAttrs;

    QString section;
    QTextStream s(&section);
    s << "## Latest run\n\n"
      << "- Date: " << QDateTime::currentDateTime().toString(Qt::ISODate) << "\n"
      << "- Machine: " << QThread::idealThreadCount() << " CPUs, " << QSysInfo::prettyProductName() << "; load average before / after: "
      << loadBefore << " / " << loadAverage() << " (other builds may share the machine)\n"
      << "- HDF5 " << H5_VERS_MAJOR << '.' << H5_VERS_MINOR << '.' << H5_VERS_RELEASE << ", Qt " << qVersion() << "\n"
      << "- Method: median of " << runs << " runs; each run opens the file anew (HDF5 metadata cache cold, OS page cache warm). "
      << "Core times include H5File::open; raw loops include H5Fopen.\n"
      << "- Checks: " << (same ? "both sides found the same" : "**MISMATCH**") << " (";
    for (size_t i = 0; i < rows.size(); ++i)
        s << (i ? "; " : "") << rows[i].check;
    s << ")\n\n"
      << "| Work | Raw C (median) | Core (median) | Raw CPU | Core CPU | Ratio (wall) | Ratio (CPU) |\n"
      << "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n";
    for (const Row &r : rows) {
        std::vector<double> rw, cw, rc, cc;
        for (const Sample &x : r.raw)
            rw.push_back(x.wall), rc.push_back(x.cpu);
        for (const Sample &x : r.core)
            cw.push_back(x.wall), cc.push_back(x.cpu);
        const double a = median(rw), b = median(cw), ac = median(rc), bc = median(cc);
        s << "| " << r.what << " | " << ms(a) << " | " << ms(b) << " | " << ms(ac) << " | " << ms(bc) << " | "
          << QString::number(a > 0 ? b / a : 0, 'f', 2) << "x | " << QString::number(ac > 0 ? bc / ac : 0, 'f', 2) << "x |\n";
    }
    s << "\nThe core chunk map also bins chunks into at most 65,536 cells and sums their sizes; findAllPaths "
         "takes the library lock per batch of links and can be cancelled between batches; AttributeReader also "
         "formats every value as the grid does.\n";
    s.flush();
    out << section;
    if (!args.isSet(QStringLiteral("no-results"))) {
        const QString results = args.isSet(QStringLiteral("results")) ? args.value(QStringLiteral("results"))
                                                                      : QStringLiteral(HYPERSLAB_BENCH_SOURCE_DIR "/RESULTS.md");
        if (!writeResultsSection(results, QStringLiteral("inspectbench"), QStringLiteral("Inspector benchmark"), section))
            out << "could not write " << results << Qt::endl;
    }
    return same ? 0 : 1;
}
