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

#include "corpusexpectations.h"
#include "ddlparser.h"
#include "infocheck.h"

#include "model/names.h"

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
using namespace hs::tests::corpus;

namespace {

const int kTimeoutMs = 20000;

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
    int localExceptionsUsed = 0;
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
    // A Latin-1 name ("0\xB0C"): kept byte for byte, so the dataset opens, and
    // printed as the ASCII escape that info and export take back.
    if (file == QLatin1String("hdfview/bug0365_dset_degree_sign.h5")) {
        QVERIFY2(run.out.contains(R"("path":"/0\\xB0C")"), run.out.constData());
        QVERIFY2(!run.out.contains("problem"), run.out.constData());
    }
    // Attributes of a newer HDF5 (1.12 references) are unsupported, not damage:
    // the check that attribute messages decode (hdf5/typevalidator.h) keeps
    // HDF5's own reason.
    if (file == QLatin1String("hdf5/hl/test_ds_le_new_ref.h5")) {
        int said = 0;
        for (const QJsonObject &o : lines.objects) {
            const QString p = o.value(QLatin1String("attributes_problem")).toString();
            if (p.isEmpty())
                continue;
            ++said;
            QVERIFY2(p.contains(QLatin1String("newer HDF5")) && !p.contains(QLatin1String("damaged")), qPrintable(p));
        }
        QVERIFY(said > 0);
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
        ours.insert(hs::core::names::fromEscaped(o.value(QLatin1String("path")).toString()), o); // "\xB0" -> the byte
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
            ++(reference == Reference::CorpusDdl ? g_stats.typeExceptionsUsed : g_stats.localExceptionsUsed);
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
          "%d failed with a clear error; %d compared with a .ddl (%d paths, %d types, %d known exceptions); "
          "%d compared with the local h5dump -H (%d paths, %d types, %d known differences); slowest %s (%lld ms)",
          g_stats.files, g_stats.clean, g_stats.cleanWithProblems, g_stats.clearErrors, g_stats.ddlCompared,
          g_stats.pathsCompared, g_stats.typesCompared, g_stats.typeExceptionsUsed, g_stats.localCompared,
          g_stats.localPaths, g_stats.localTypes, g_stats.localExceptionsUsed, qPrintable(g_stats.slowest),
          g_stats.slowestMs);
}

QTEST_GUILESS_MAIN(TestInfoCorpus)
#include "tst_infocorpus.moc"
