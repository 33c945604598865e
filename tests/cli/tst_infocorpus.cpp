// `hyperslab info FILE --recursive --json` over every data file of the shared
// corpus (/work/shared/corpus, see its README.md): the real binary, one process
// per file, each with a time limit.
//
// For every file: a clean exit (0) with valid JSON Lines, or a clear one-line
// error (exit 1); never a signal, never a hang, never a raw HDF5 error stack.
// Which files fail, and what they must say, is listed below (kOutcomes); every
// other file must succeed.
//
// For the files whose expected output is a whole-file h5dump (.ddl), the set of
// object paths must equal h5dump's, link kinds and targets must agree, and the
// datatype text must equal h5dump's DATATYPE text on one line, apart from the
// listed, explained exceptions (kTypeExceptions, kPathExceptions).

#include "ddlparser.h"
#include "infocheck.h"

#include <hdf5.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace hs::tests;

namespace {

const int kTimeoutMs = 20000;

// --- Which .ddl files describe the whole file ------------------------------
//
// The `expected_command` column of MANIFEST.tsv says how each .ddl was made.
// Compared: plain `h5dump [--enable-error-stack] [-p] [-H] [-B] [-R] [-w157]
// [--sort_by=name --sort_order=ascending] FILE`, which print every object.
struct DdlComparison
{
    const char *file;
    const char *ddl;
};
const DdlComparison kDdlComparisons[] = {
    {"hdf5/h5dump/charsets.h5", "hdf5/h5dump/charsets.ddl"},
    // exits 1 because it cannot read an attribute's dataspace; the object
    // structure it printed ("/" alone) is complete, and info reads no attributes.
    {"hdf5/h5dump/err_attr_dspace.h5", "hdf5/h5dump/err_attr_dspace.ddl"},
    {"hdf5/h5dump/file_space.h5", "hdf5/h5dump/file_space.ddl"},
    // exits 1 because the data cannot be filtered; the structure is complete.
    {"hdf5/h5dump/filter_fail.h5", "hdf5/h5dump/filter_fail.ddl"},
    {"hdf5/h5dump/packedbits.h5", "hdf5/h5dump/packedbits.ddl"},
    {"hdf5/h5dump/tall.h5", "hdf5/h5dump/tall-1.ddl"},
    {"hdf5/h5dump/tarray1.h5", "hdf5/h5dump/tarray1.ddl"},
    {"hdf5/h5dump/tarray4.h5", "hdf5/h5dump/tarray4.ddl"},
    {"hdf5/h5dump/tarray5.h5", "hdf5/h5dump/tarray5.ddl"},
    {"hdf5/h5dump/tarray7.h5", "hdf5/h5dump/tarray7.ddl"},
    {"hdf5/h5dump/tattr2.h5", "hdf5/h5dump/treference.ddl"},
    {"hdf5/h5dump/tattr4_be.h5", "hdf5/h5dump/tattr-4_be.ddl"},
    {"hdf5/h5dump/tattrreg.h5", "hdf5/h5dump/tattrreg.ddl"},
    {"hdf5/h5dump/tbitnopaque.h5", "hdf5/h5dump/tbitnopaque_le.ddl"},
    {"hdf5/h5dump/tcmpdintarray.h5", "hdf5/h5dump/tcmpdintarray.ddl"},
    {"hdf5/h5dump/tcompound.h5", "hdf5/h5dump/tcomp-1.ddl"},
    {"hdf5/h5dump/tcompound_complex2.h5", "hdf5/h5dump/tcompound_complex2.ddl"},
    {"hdf5/h5dump/tdatareg.h5", "hdf5/h5dump/tdatareg.ddl"},
    {"hdf5/h5dump/tdset.h5", "hdf5/h5dump/tdset-1.ddl"},
    {"hdf5/h5dump/tempty.h5", "hdf5/h5dump/tempty.ddl"},
    {"hdf5/h5dump/textlink.h5", "hdf5/h5dump/textlink.ddl"},
    {"hdf5/h5dump/textlinksrc.h5", "hdf5/h5dump/textlinksrc.ddl"},
    {"hdf5/h5dump/tfloat16.h5", "hdf5/h5dump/tfloat16.ddl"},
    {"hdf5/h5dump/tfloat16_be.h5", "hdf5/h5dump/tfloat16_be.ddl"},
    {"hdf5/h5dump/tfvalues.h5", "hdf5/h5dump/tfill.ddl"},
    {"hdf5/h5dump/tgrp_comments.h5", "hdf5/h5dump/tgrp_comments.ddl"},
    {"hdf5/h5dump/tgrpnullspace.h5", "hdf5/h5dump/tgrpnullspace.ddl"},
    {"hdf5/h5dump/thlink.h5", "hdf5/h5dump/thlink-1.ddl"},
    {"hdf5/h5dump/tlarge_objname.h5", "hdf5/h5dump/tlarge_objname.ddl"},
    {"hdf5/h5dump/tldouble.h5", "hdf5/h5dump/tldouble.ddl"},
    {"hdf5/h5dump/tlonglinks.h5", "hdf5/h5dump/tlonglinks.ddl"},
    {"hdf5/h5dump/tloop.h5", "hdf5/h5dump/tloop-1.ddl"},
    {"hdf5/h5dump/tnamed_dtype_attr.h5", "hdf5/h5dump/tnamed_dtype_attr.ddl"},
    {"hdf5/h5dump/tnestedcomp.h5", "hdf5/h5dump/tnestcomp-1.ddl"},
    {"hdf5/h5dump/tnullspace.h5", "hdf5/h5dump/tnullspace.ddl"},
    {"hdf5/h5dump/torderattr.h5", "hdf5/h5dump/torderattr1.ddl"},
    {"hdf5/h5dump/trefer_attr.h5", "hdf5/h5dump/trefer_attrR.ddl"},
    {"hdf5/h5dump/trefer_compat.h5", "hdf5/h5dump/trefer_compatR.ddl"},
    {"hdf5/h5dump/trefer_ext2.h5", "hdf5/h5dump/trefer_extR.ddl"},
    {"hdf5/h5dump/trefer_obj.h5", "hdf5/h5dump/trefer_objR.ddl"},
    {"hdf5/h5dump/trefer_obj_del.h5", "hdf5/h5dump/trefer_obj_delR.ddl"},
    {"hdf5/h5dump/trefer_reg.h5", "hdf5/h5dump/trefer_regR.ddl"},
    {"hdf5/h5dump/tsaf.h5", "hdf5/h5dump/tsaf.ddl"},
    {"hdf5/h5dump/tscalarintsize.h5", "hdf5/h5dump/tscalarintsize.ddl"},
    {"hdf5/h5dump/tslink.h5", "hdf5/h5dump/tslink-1.ddl"},
    {"hdf5/h5dump/tstr.h5", "hdf5/h5dump/tstr-1.ddl"},
    {"hdf5/h5dump/tstr2.h5", "hdf5/h5dump/tstr-2.ddl"},
    {"hdf5/h5dump/tudfilter.h5", "hdf5/h5dump/tudfilter.ddl"},
    {"hdf5/h5dump/tudlink.h5", "hdf5/h5dump/tudlink-1.ddl"},
    {"hdf5/h5dump/tvldtypes2.h5", "hdf5/h5dump/tvldtypes2.ddl"},
    {"hdf5/h5dump/tvldtypes4.h5", "hdf5/h5dump/tvldtypes4.ddl"},
    {"hdf5/h5dump/tvlenstr_array.h5", "hdf5/h5dump/tvlenstr_array.ddl"},
    {"hdf5/h5dump/tvlstr.h5", "hdf5/h5dump/tvlstr.ddl"},
    {"hdf5/h5dump/tvms.h5", "hdf5/h5dump/tvms.ddl"},
    {"hdf5/h5dump/zerodim.h5", "hdf5/h5dump/zerodim.ddl"},
    {"hdf5/h5dump/vds/1_vds.h5", "hdf5/h5dump/vds/tvds-1.ddl"},
    {"hdf5/h5dump/vds/vds-eiger.h5", "hdf5/h5dump/vds/vds_layout-eiger.ddl"},
    // Dumped with the filter plugin loaded; info reads no data, so a missing
    // plugin changes nothing here.
    {"hdf5_plugins/h5ex_d_bitgroom.h5", "hdf5_plugins/h5ex_d_bitgroom.ddl"},
    {"hdf5_plugins/h5ex_d_blosc.h5", "hdf5_plugins/h5ex_d_blosc.ddl"},
    {"hdf5_plugins/h5ex_d_blosc2.h5", "hdf5_plugins/h5ex_d_blosc2.ddl"},
    {"hdf5_plugins/h5ex_d_bshuf.h5", "hdf5_plugins/h5ex_d_bshuf.ddl"},
    {"hdf5_plugins/h5ex_d_bzip2.h5", "hdf5_plugins/h5ex_d_bzip2.ddl"},
    {"hdf5_plugins/h5ex_d_granularbr.h5", "hdf5_plugins/h5ex_d_granularbr.ddl"},
    {"hdf5_plugins/h5ex_d_lz4.h5", "hdf5_plugins/h5ex_d_lz4.ddl"},
    {"hdf5_plugins/h5ex_d_lzf.h5", "hdf5_plugins/h5ex_d_lzf.ddl"},
    {"hdf5_plugins/h5ex_d_mafisc.h5", "hdf5_plugins/h5ex_d_mafisc.ddl"},
    {"hdf5_plugins/h5ex_d_sz.h5", "hdf5_plugins/h5ex_d_sz.ddl"},
    {"hdf5_plugins/h5ex_d_zfp.h5", "hdf5_plugins/h5ex_d_zfp.ddl"},
};

// .ddl files in MANIFEST.tsv that are not a whole-file dump, and why. The test
// fails on a .ddl that is in neither list, so a new corpus file gets decided.
struct NotCompared
{
    const char *ddl;
    const char *why;
};
const NotCompared kDdlNotCompared[] = {
    {"hdf5/h5dump/infinite_loop.ddl", "h5dump must fail on this file: the expected output is empty"},
    {"hdf5/h5dump/tbigdims.ddl", "-d dset4gb: one dataset only"},
    {"hdf5/h5dump/tcompact.ddl", "-d compact: one dataset only"},
    {"hdf5/h5dump/tordergr1.ddl", "--group=1: one group only"},
    {"hdf5/h5dump/tsplit_file.ddl", "--filedriver=split: needs the split driver and both member files"},
    {"hdf5/h5dump/tst_onion_dset_1d.ddl", "--vfd-name onion: HDF5 1.14+ onion driver"},
    {"hdf5/h5stat/h5stat_err_old_fill.ddl", "h5stat output, not h5dump"},
    {"hdf5/h5stat/h5stat_err_old_layout.ddl", "h5stat output, not h5dump"},
    {"hdf5/h5stat/h5stat_tsohm.ddl", "h5stat output, not h5dump"},
};

// --- Known differences from the expected h5dump output ----------------------
//
// The .ddl files were made by HDF5 develop (1.15/2.0); this library is 1.10.8.
// Each entry: file, object path ("*" = every object of the file), why.
struct TypeException
{
    const char *file;
    const char *path;
    const char *why;
};
const TypeException kTypeExceptions[] = {
    // filled in below as differences are understood
    {nullptr, nullptr, nullptr},
};

// Differences from the local h5dump of the same HDF5 release, by what each says.
struct LocalException
{
    const char *h5dumpSays;
    const char *infoSays;
    const char *why;
};
const LocalException kLocalExceptions[] = {
    {"H5T_REFERENCE { UNDEFINED }", "H5T_REFERENCE { H5T_STD_REF }",
     "h5dump 1.10 has no name for HDF5 1.12+ references; info uses the one h5dump 1.12+ prints"},
    {"16-bit little-endian floating-point 16-bit precision", "H5T_IEEE_F16LE",
     "IEEE half precision: predefined (and so named by h5dump) from HDF5 1.14.4; tfloat16.ddl says H5T_IEEE_F16LE"},
    {"16-bit big-endian floating-point 16-bit precision", "H5T_IEEE_F16BE",
     "IEEE half precision: predefined from HDF5 1.14.4; tfloat16_be.ddl says H5T_IEEE_F16BE"},
};

// --- Files that do not succeed, and what they must say ----------------------
enum class Outcome {
    Fails,          // exit 1, one-line error on stderr containing `says`
    SucceedsWithProblem, // exit 0, and some object's link.problem contains `says`
};
struct ExpectedOutcome
{
    const char *file;
    Outcome outcome;
    const char *says;
    const char *why;
};
const ExpectedOutcome kOutcomes[] = {
    // Not HDF5 files at all, or not on their own.
    {"hdf5-json/notahdf5file.h5", Outcome::Fails, "not an HDF5 file", "a text file"},
    {"hdf5/h5repack/h5repack_ext.bin", Outcome::Fails, "not an HDF5 file", "external raw data of h5repack_ext.h5"},
    {"hdf5/h5dump/tst_onion_dset_1d.h5.onion", Outcome::Fails, "not an HDF5 file", "onion VFD history file"},
    {"hdf5/h5dump/tsplit_file-r.h5", Outcome::Fails, "not an HDF5 file", "raw-data half of a split file"},
    {"hdf5/test/multi_file_v16-r.h5", Outcome::Fails, "not an HDF5 file", "raw-data member of a multi file"},
    {"hdf5/h5dump/tsplit_file-m.h5", Outcome::Fails, "multi-file HDF5 set", "metadata half of a split file"},
    {"hdf5/test/multi_file_v16-s.h5", Outcome::Fails, "multi-file HDF5 set", "superblock member of a multi file"},
    // Damaged beyond reading the root group.
    {"hdf5/h5dump/3790_infinite_loop.h5", Outcome::Fails, "damaged", "metadata beyond the end of the file (GH-3790)"},
    {"hdf5/test/cve_2020_10810.h5", Outcome::Fails, "damaged", "fuzzed free-space info message"},
    {"hdf5/test/bad_offset.h5", Outcome::Fails, "damaged", "bad local-heap offset in the root symbol table"},
    {"hdf5/test/corrupt_stab_msg.h5", Outcome::Fails, "damaged", "corrupt root symbol-table message"},
    {"hdfview/bug1523_testfile02_corrupt.h5", Outcome::Fails, "damaged", "root heap beyond the end of the file"},
    // Never closed by its writer: HDF5 refuses it, the SWMR-read retry opens
    // it, and its root object header was never written.
    {"hdf5/misc/h5clear_status_noclose.h5", Outcome::Fails, "still open for writing", "status flags set"},

    // Readable, with objects that are not.
    {"hdfview/tcomplex.h5", Outcome::SucceedsWithProblem, "newer HDF5 version", "H5T_COMPLEX (HDF5 2.0)"},
    {"hdfview/tcomplex_be.h5", Outcome::SucceedsWithProblem, "newer HDF5 version", "H5T_COMPLEX (HDF5 2.0)"},
    {"hdf5/test/tbogus.h5", Outcome::SucceedsWithProblem, "newer HDF5 version",
     "an unknown message marked fail-if-unknown"},
    {"hdf5/test/bad_compound.h5", Outcome::SucceedsWithProblem, "damaged", "committed compound with 0 members"},
    {"hdf5/h5dump/tCVE_2018_11206_fill_old.h5", Outcome::SucceedsWithProblem, "damaged", "fill size exceeds buffer"},
    {"hdf5/h5stat/h5stat_err_old_fill.h5", Outcome::SucceedsWithProblem, "damaged", "fill size exceeds buffer"},
    {"hdf5/h5stat/h5stat_err_old_layout.h5", Outcome::SucceedsWithProblem, "damaged", "layout rank out of range"},
    {"hdf5/h5repack/h5repack_CVE-2018-17432.h5", Outcome::SucceedsWithProblem, "damaged",
     "invalid rank for a scalar dataspace"},
    {"hdf5/h5dump/filter_fail.h5", Outcome::SucceedsWithProblem, "whose plugin is not installed",
     "a test filter (312) never installed"},
    // Links that do not resolve.
    {"hdf5/h5dump/tall.h5", Outcome::SucceedsWithProblem, "\u201csomefile\u201d, does not exist",
     "external link into a file that is absent"},
    // ext_link4 -> textlinktar.h5:group/elink_t2 -> textlinksrc.h5:/ext_link4 is a loop, and h5dump
    // 1.15 says so. Here HDF5 fails one hop earlier: it opens external files with H5F_CLOSE_WEAK and
    // refuses to reopen this file, which H5File opened with H5F_CLOSE_STRONG ("file close degree
    // doesn't match", which HDF5 does not put on the error stack).
    {"hdf5/h5dump/textlinksrc.h5", Outcome::SucceedsWithProblem, "\u201ctextlinksrc.h5\u201d, could not be opened",
     "an external-link loop back into this file"},
    {"hdf5/h5dump/tslink.h5", Outcome::SucceedsWithProblem, "does not exist (dangling link)", "dangling soft link"},
    {"hdf5/h5dump/tudlink.h5", Outcome::SucceedsWithProblem, "user-defined", "user-defined link class 187"},
};

struct ManifestRow
{
    QString path;
    QString expectedOutputs;
    QString h5dumpResult;
    QString command;
};

QString corpusDir()
{
    return QDir::cleanPath(QStringLiteral(HYPERSLAB_CORPUS_DIR));
}

QList<ManifestRow> readManifest()
{
    QList<ManifestRow> rows;
    QFile f(corpusDir() + QStringLiteral("/MANIFEST.tsv"));
    if (!f.open(QIODevice::ReadOnly))
        return rows;
    bool header = true;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (header || line.isEmpty()) {
            header = false;
            continue;
        }
        const QStringList c = line.split(QLatin1Char('\t'));
        if (c.size() < 9)
            continue;
        rows.append({c[0], c[6], c[7], c[8]});
    }
    return rows;
}

QString parentOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

// Whether `path` is an object h5dump prints that info cannot: anonymous
// committed datatypes ("#6632") are reachable from no link.
bool isAnonymous(const QString &path)
{
    // h5dump names them "#" and the object's address ("#6632", 1.12+: "#1:6632");
    // MATLAB's real group "#refs#" is not one of them.
    static const QRegularExpression anonymous(QStringLiteral("^#[0-9:]+$"));
    return anonymous.match(path.section(QLatin1Char('/'), -1)).hasMatch();
}

struct Stats
{
    int files = 0;
    int clean = 0;
    int cleanWithProblems = 0;
    int clearErrors = 0;
    int ddlCompared = 0;
    int pathsCompared = 0;
    int typesCompared = 0;
    int typeExceptionsUsed = 0;
    int localCompared = 0;
    int localPaths = 0;
    int localTypes = 0;
    qint64 slowestMs = 0;
    QString slowest;
};
Stats g_stats;

} // namespace

class TestInfoCorpus : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void manifestIsCovered();
    void corpus_data();
    void corpus();
    void cleanupTestCase();

private:
    QList<ManifestRow> m_rows;
    QHash<QString, QString> m_ddlFor; // data file -> .ddl
    QHash<QString, const ExpectedOutcome *> m_outcomes;

    enum class Reference { CorpusDdl, LocalH5dump };
    void compareWithDdl(const QString &file, const QList<QJsonObject> &objects, const QString &ddlPath);
    void compareWithLocalH5dump(const QString &file, const QList<QJsonObject> &objects);
    void compare(const QString &file, const QList<QJsonObject> &objects, const DdlFile &ddl, const QString &ddlPath,
                 Reference reference);
    QString m_h5dump;        // empty unless its version is the library's
    QString m_h5dumpVersion;
};

void TestInfoCorpus::initTestCase()
{
    if (!QFileInfo::exists(corpusDir() + QStringLiteral("/MANIFEST.tsv")))
        QSKIP("The shared corpus is not present (HYPERSLAB_CORPUS_DIR).");
    QVERIFY2(QFileInfo(QStringLiteral(HYPERSLAB_EXE)).isExecutable(), HYPERSLAB_EXE);
    m_rows = readManifest();
    QVERIFY(m_rows.size() > 200);
    for (const DdlComparison &c : kDdlComparisons)
        m_ddlFor.insert(QString::fromLatin1(c.file), QString::fromLatin1(c.ddl));
    for (const ExpectedOutcome &o : kOutcomes)
        if (o.file)
            m_outcomes.insert(QString::fromLatin1(o.file), &o);

    const QString h5dump = QStandardPaths::findExecutable(QStringLiteral("h5dump"));
    if (!h5dump.isEmpty()) {
        QProcess p;
        p.start(h5dump, {QStringLiteral("--version")});
        p.waitForFinished(10000);
        const QString version = QString::fromUtf8(p.readAllStandardOutput()).trimmed().section(QLatin1Char(' '), -1);
        const QString library = QStringLiteral("%1.%2.%3").arg(H5_VERS_MAJOR).arg(H5_VERS_MINOR).arg(H5_VERS_RELEASE);
        if (version == library) {
            m_h5dump = h5dump;
            m_h5dumpVersion = version;
        } else {
            qInfo("h5dump %s is not HDF5 %s: only the corpus .ddl files are compared", qPrintable(version),
                  qPrintable(library));
        }
    }
}

// Every h5dump .ddl of the manifest is either compared or excluded with a
// reason; every listed file exists.
void TestInfoCorpus::manifestIsCovered()
{
    QSet<QString> decided;
    for (const DdlComparison &c : kDdlComparisons)
        decided.insert(QString::fromLatin1(c.ddl));
    for (const NotCompared &n : kDdlNotCompared)
        decided.insert(QString::fromLatin1(n.ddl));
    QSet<QString> inManifest;
    for (const ManifestRow &r : m_rows) {
        for (const QString &out : r.expectedOutputs.split(QStringLiteral(", "))) {
            if (!out.endsWith(QLatin1String(".ddl")))
                continue;
            inManifest.insert(out);
            QVERIFY2(decided.contains(out), qPrintable(QStringLiteral("%1 (for %2, made by \"%3\") is neither compared "
                                                                      "nor excluded: decide which")
                                                           .arg(out, r.path, r.command)));
        }
    }
    for (const QString &d : std::as_const(decided))
        QVERIFY2(inManifest.contains(d), qPrintable(d + QStringLiteral(" is not in MANIFEST.tsv")));
    for (const ExpectedOutcome &o : kOutcomes)
        if (o.file)
            QVERIFY2(QFileInfo::exists(corpusDir() + QLatin1Char('/') + QLatin1String(o.file)), o.file);
}

void TestInfoCorpus::corpus_data()
{
    QTest::addColumn<QString>("file");
    for (const ManifestRow &r : std::as_const(m_rows))
        QTest::newRow(qPrintable(r.path)) << r.path;
}

void TestInfoCorpus::corpus()
{
    QFETCH(QString, file);
    const QString abs = corpusDir() + QLatin1Char('/') + file;
    ++g_stats.files;

    const InfoRun run = runInfo({abs, QStringLiteral("--recursive"), QStringLiteral("--json")}, kTimeoutMs);
    QVERIFY2(run.started, qPrintable(run.describe()));
    QVERIFY2(!run.timedOut, qPrintable(run.describe()));
    QVERIFY2(!run.crashed, qPrintable(run.describe() + QLatin1Char(' ') + QString::fromUtf8(run.err.left(500))));
    if (run.elapsedMs > g_stats.slowestMs) {
        g_stats.slowestMs = run.elapsedMs;
        g_stats.slowest = file;
    }

    const ExpectedOutcome *expected = m_outcomes.value(file);
    const JsonLines lines = parseJsonLines(run.out);
    QVERIFY2(lines.errors.isEmpty(), qPrintable(lines.errors.join(QLatin1Char('\n'))));

    if (run.exitCode != 0) {
        QCOMPARE(run.exitCode, 1);
        const QString bad = checkOneLineError(run.err);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
        if (!expected || expected->outcome != Outcome::Fails)
            QFAIL(qPrintable(QStringLiteral("unexpected failure: %1").arg(QString::fromUtf8(run.err.trimmed()))));
        if (!QString::fromUtf8(run.err).contains(QString::fromUtf8(expected->says), Qt::CaseInsensitive))
            QFAIL(qPrintable(QStringLiteral("the error should say \"%1\" (%2), it says: %3")
                                 .arg(QString::fromUtf8(expected->says), QLatin1String(expected->why),
                                      QString::fromUtf8(run.err.trimmed()))));
        ++g_stats.clearErrors;
        return;
    }

    // Success: JSON Lines, tree order, every object once.
    const QString noDump = checkNoHdf5Dump(run.err);
    QVERIFY2(noDump.isEmpty(), qPrintable(noDump));
    if (expected && expected->outcome == Outcome::Fails)
        QFAIL(qPrintable(QStringLiteral("expected to fail saying \"%1\" (%2)")
                             .arg(QLatin1String(expected->says), QLatin1String(expected->why))));
    QVERIFY2(!lines.objects.isEmpty(), "no output");
    QCOMPARE(lines.objects.first().value(QLatin1String("path")).toString(), QStringLiteral("/"));
    QHash<QString, QString> kindOf;
    QStringList problems;
    for (const QJsonObject &o : lines.objects) {
        const QString bad = checkInfoObject(o);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
        const QString path = o.value(QLatin1String("path")).toString();
        QVERIFY2(!kindOf.contains(path), qPrintable(path + QStringLiteral(" printed twice")));
        if (path != QLatin1String("/")) {
            const QString parent = parentOf(path);
            QVERIFY2(kindOf.value(parent) == QLatin1String("group"),
                     qPrintable(path + QStringLiteral(" printed before its group")));
        }
        kindOf.insert(path, o.value(QLatin1String("kind")).toString());
        for (const QString &problem : {o.value(QLatin1String("link")).toObject().value(QLatin1String("problem")).toString(),
                                       o.value(QLatin1String("problem")).toString()})
            if (!problem.isEmpty())
                problems << path + QStringLiteral(": ") + problem;
        // A filter this installation lacks must be named in the dataset's problem.
        for (const QJsonValue &fv : o.value(QLatin1String("filters")).toArray()) {
            const QJsonObject fo = fv.toObject();
            if (fo.value(QLatin1String("available")).toBool())
                continue;
            const QString name = fo.value(QLatin1String("name")).toString();
            QVERIFY2(o.value(QLatin1String("problem")).toString().contains(name),
                     qPrintable(QStringLiteral("%1: filter %2 is not available, but the problem does not say so")
                                    .arg(path, name)));
        }
    }
    if (expected && expected->outcome == Outcome::SucceedsWithProblem
        && !problems.join(QLatin1Char('\n')).contains(QString::fromUtf8(expected->says), Qt::CaseInsensitive))
        QFAIL(qPrintable(QStringLiteral("some object should say \"%1\" (%2); problems: %3")
                             .arg(QString::fromUtf8(expected->says), QLatin1String(expected->why),
                                  problems.join(QStringLiteral("; ")))));
    ++g_stats.clean;
    if (!problems.isEmpty())
        ++g_stats.cleanWithProblems;

    // Datasets compressed with third-party filters say which, installed or not.
    if (file.startsWith(QLatin1String("hdf5_plugins/h5ex_d_"))) {
        for (const QJsonObject &o : lines.objects)
            if (o.value(QLatin1String("kind")).toString() == QLatin1String("dataset"))
                QVERIFY2(!o.value(QLatin1String("filters")).toArray().isEmpty(),
                         qPrintable(o.value(QLatin1String("path")).toString() + QStringLiteral(": no filters")));
    }
    // The text form describes the same objects, in the same order.
    {
        const InfoRun text = runInfo({abs, QStringLiteral("--recursive")}, kTimeoutMs);
        QVERIFY2(!text.timedOut && !text.crashed && text.exitCode == 0, qPrintable(QStringLiteral("text form: ") + text.describe()));
        const QString noDumpText = checkNoHdf5Dump(text.err);
        QVERIFY2(noDumpText.isEmpty(), qPrintable(noDumpText));
        QStringList headers;
        for (const QString &line : QString::fromUtf8(text.out).split(QLatin1Char('\n')))
            if (line.startsWith(QLatin1Char('/')))
                headers << line;
        QCOMPARE(headers.size(), lines.objects.size());
    }
    // A Latin-1 name ("0\xB0C"): kept byte for byte, so the dataset opens.
    if (file == QLatin1String("hdfview/bug0365_dset_degree_sign.h5")) {
        QVERIFY2(run.out.contains(R"("path":"/0\udcb0C")"), run.out.constData());
        QVERIFY2(!run.out.contains("problem"), run.out.constData());
    }
    if (m_ddlFor.contains(file))
        compareWithDdl(file, lines.objects, m_ddlFor.value(file));
    if (QTest::currentTestFailed())
        return;
    compareWithLocalH5dump(file, lines.objects);
}

void TestInfoCorpus::compareWithDdl(const QString &file, const QList<QJsonObject> &objects, const QString &ddlPath)
{
    QFile f(corpusDir() + QLatin1Char('/') + ddlPath);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(ddlPath));
    const DdlFile ddl = parseDdl(f.readAll());
    QVERIFY2(ddl.problems.isEmpty(), qPrintable(ddl.problems.join(QLatin1Char('\n'))));
    ++g_stats.ddlCompared;
    compare(file, objects, ddl, ddlPath, Reference::CorpusDdl);
}

// The local h5dump, when it is built from the same HDF5 release as the library
// info uses, describes every file the same way: `h5dump -H` gives the paths and
// types of far more files than the corpus has .ddl for.
void TestInfoCorpus::compareWithLocalH5dump(const QString &file, const QList<QJsonObject> &objects)
{
    if (m_h5dump.isEmpty())
        return;
    const QFileInfo fi(corpusDir() + QLatin1Char('/') + file);
    QProcess p;
    p.setWorkingDirectory(fi.absolutePath());
    p.start(m_h5dump, {QStringLiteral("-H"), fi.fileName()});
    if (!p.waitForFinished(kTimeoutMs)) {
        p.kill();
        p.waitForFinished();
        return;
    }
    // Only clean dumps: a partial one (h5dump stops at the first error) lists fewer objects.
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0 || !p.readAllStandardError().isEmpty())
        return;
    const DdlFile ddl = parseDdl(p.readAllStandardOutput());
    QVERIFY2(ddl.problems.isEmpty(), qPrintable(ddl.problems.join(QLatin1Char('\n'))));
    ++g_stats.localCompared;
    compare(file, objects, ddl, QStringLiteral("h5dump -H (local %1)").arg(m_h5dumpVersion), Reference::LocalH5dump);
}

void TestInfoCorpus::compare(const QString &file, const QList<QJsonObject> &objects, const DdlFile &ddl,
                             const QString &ddlPath, Reference reference)
{
    QSet<QString> expectedPaths;
    for (auto it = ddl.objects.cbegin(); it != ddl.objects.cend(); ++it)
        if (!isAnonymous(it.key()))
            expectedPaths.insert(it.key());
    QHash<QString, QJsonObject> ours;
    for (const QJsonObject &o : objects)
        ours.insert(o.value(QLatin1String("path")).toString(), o);
    const QSet<QString> ourPaths(ours.keyBegin(), ours.keyEnd());

    QStringList missing = QSet<QString>(expectedPaths).subtract(ourPaths).values();
    QStringList extra = QSet<QString>(ourPaths).subtract(expectedPaths).values();
    missing.sort();
    extra.sort();
    QVERIFY2(missing.isEmpty() && extra.isEmpty(),
             qPrintable(QStringLiteral("paths differ from %1: missing %2; extra %3")
                            .arg(ddlPath, missing.join(QStringLiteral(", ")), extra.join(QStringLiteral(", ")))));
    (reference == Reference::CorpusDdl ? g_stats.pathsCompared : g_stats.localPaths) += int(expectedPaths.size());

    QStringList mismatches;
    for (const QString &path : std::as_const(expectedPaths)) {
        const DdlObject &d = ddl.objects[path];
        const QJsonObject o = ours.value(path);
        const QJsonObject link = o.value(QLatin1String("link")).toObject();
        const QString linkType = link.value(QLatin1String("type")).toString();
        const QString kind = o.value(QLatin1String("kind")).toString();
        auto mismatch = [&](const QString &what) { mismatches << QStringLiteral("%1: %2").arg(path, what); };

        if (d.keyword == QLatin1String("SOFTLINK")) {
            if (linkType != QLatin1String("soft") || link.value(QLatin1String("target")).toString() != d.softTarget)
                mismatch(QStringLiteral("h5dump: soft link to \"%1\"").arg(d.softTarget));
            continue;
        }
        if (d.keyword == QLatin1String("EXTERNAL_LINK")) {
            if (linkType != QLatin1String("external") || link.value(QLatin1String("file")).toString() != d.externalFile
                || link.value(QLatin1String("target")).toString() != d.externalPath)
                mismatch(QStringLiteral("h5dump: external link to %1:%2").arg(d.externalFile, d.externalPath));
            continue;
        }
        if (d.keyword == QLatin1String("USERDEFINED_LINK")) {
            if (linkType != QLatin1String("user") || kind != QLatin1String("link"))
                mismatch(QStringLiteral("h5dump: user-defined link"));
            continue;
        }
        const QString expectedKind = d.keyword.toLower();
        if (kind != expectedKind || (path != QLatin1String("/") && linkType != QLatin1String("hard"))) {
            mismatch(QStringLiteral("h5dump: %1 (hard link); info: %2 (%3 link)").arg(expectedKind, kind, linkType));
            continue;
        }
        if (kind != QLatin1String("dataset") && kind != QLatin1String("datatype"))
            continue;

        const QString want = resolvedTypeText(ddl, path);
        if (want.isEmpty())
            continue; // h5dump printed no type (HARDLINK to an object outside the dump)
        const QString got = normalizeDdl(o.value(QLatin1String("type")).toObject().value(QLatin1String("text")).toString());
        ++(reference == Reference::CorpusDdl ? g_stats.typesCompared : g_stats.localTypes);
        if (got == want || (reference == Reference::LocalH5dump && withoutBraceSpacing(got) == withoutBraceSpacing(want)))
            continue;
        bool known = false;
        if (reference == Reference::CorpusDdl) {
            for (const TypeException &e : kTypeExceptions)
                known = known || (e.file && QLatin1String(e.file) == file && (QLatin1String(e.path) == path || QLatin1String(e.path) == "*"));
        } else {
            for (const LocalException &e : kLocalExceptions)
                known = known || (want.contains(QLatin1String(e.h5dumpSays)) && got.contains(QLatin1String(e.infoSays)));
        }
        if (known) {
            ++g_stats.typeExceptionsUsed;
            continue;
        }
        const QString problem = link.value(QLatin1String("problem")).toString();
        mismatch(QStringLiteral("type differs\n    h5dump: %1\n    info:   %2%3")
                     .arg(want, got, problem.isEmpty() ? QString() : QStringLiteral("\n    problem: ") + problem));
    }
    mismatches.sort();
    QVERIFY2(mismatches.isEmpty(), qPrintable(QStringLiteral("differences from %1:\n").arg(ddlPath)
                                              + mismatches.join(QLatin1Char('\n'))));
}

void TestInfoCorpus::cleanupTestCase()
{
    qInfo("corpus: %d files: %d succeeded (%d with objects that do not resolve or cannot be read), "
          "%d failed with a clear error; %d compared with a .ddl (%d paths, %d types); %d compared with the local "
          "h5dump -H (%d paths, %d types); %d known type exceptions used; slowest %s (%lld ms)",
          g_stats.files, g_stats.clean, g_stats.cleanWithProblems, g_stats.clearErrors, g_stats.ddlCompared,
          g_stats.pathsCompared, g_stats.typesCompared, g_stats.localCompared, g_stats.localPaths, g_stats.localTypes,
          g_stats.typeExceptionsUsed, qPrintable(g_stats.slowest), g_stats.slowestMs);
}

QTEST_GUILESS_MAIN(TestInfoCorpus)
#include "tst_infocorpus.moc"
