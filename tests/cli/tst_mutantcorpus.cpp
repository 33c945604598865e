// Every file of the shared corpus, and a few hundred damaged copies this test
// makes of them (truncations, bit flips, zeroed blocks; fixed seed), through
// `hyperslab info --recursive --json` and `hyperslab export` in child
// processes: no signal, no hang, and exactly one clear line on stderr for each
// failure (issue 8).
//
// A signal death is accepted only for a mutant listed in kKnownLibraryCrashes
// (a crash inside HDF5 that nothing can check beforehand), and only when the
// fatal-signal handler printed its line naming the object.

#include "infocheck.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace hs::tests;

namespace {

constexpr quint32 kSeed = 20261206;
constexpr int kMutants = 600;
constexpr qint64 kMaxSourceBytes = 96 * 1024; // mutants of small files: mostly metadata, quick to read
constexpr quint64 kMaxExportElements = 20000;
constexpr int kInfoTimeoutMs = 30000;
constexpr int kExportTimeoutMs = 20000;

// Mutants on which HDF5 1.10.8 itself crashes, keyed "source|mutation", with
// why nothing can be checked before the call. Each crash found that could be
// checked is checked instead (core/hdf5/typevalidator.h: damaged types, shapes
// and attribute lists).
struct KnownCrash
{
    const char *key;
    const char *why;
};
constexpr KnownCrash kKnownLibraryCrashes[] = {
    {"hdfview/CompoundOfArrayOfVlenString.h5|flip@13449.4 flip@5073.2 flip@2895.7",
     "H5HG_read copies a global-heap object into the buffer H5T__conv_vlen sized from the variable-length "
     "descriptor, without comparing the two sizes: a flipped size overruns it. The descriptors and the heap are "
     "raw file bytes no HDF5 call shows before the read that crashes."},
};

bool isKnownLibraryCrash(const QString &key)
{
    for (const KnownCrash &k : kKnownLibraryCrashes)
        if (*k.key && key == QLatin1String(k.key))
            return true;
    return false;
}

bool isHdf5(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    static const QByteArray signature("\x89HDF\r\n\x1a\n", 8);
    for (qint64 at : {0, 512, 1024, 2048, 4096}) {
        if (!f.seek(at))
            return false;
        if (f.read(8) == signature)
            return true;
    }
    return false;
}

struct Source
{
    QString relative;
    QString path;
    qint64 size = 0;
    QStringList datasets; // small datasets info listed, escaped as printed
};

} // namespace

class TestMutantCorpus : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void corpusAndMutants();

private:
    // Runs info and export on `file`; appends what is wrong to m_failures.
    // Returns the small datasets listed (for the mutants of an intact file).
    QStringList check(const QString &file, const QString &key, const QStringList &exportPaths);
    void fail(const QString &key, const QString &what) { m_failures << key + QStringLiteral(": ") + what; }
    bool acceptable(const InfoRun &run, const QString &key, const QString &what);

    QList<Source> m_sources;
    QTemporaryDir m_dir;
    QStringList m_failures;
    int m_runs = 0, m_failedCleanly = 0, m_knownCrashes = 0;
};

void TestMutantCorpus::initTestCase()
{
    const QString corpus = QStringLiteral(HYPERSLAB_CORPUS_DIR);
    if (!QFileInfo::exists(corpus))
        QSKIP("the shared corpus is not next to the project");
    QVERIFY(m_dir.isValid());
    // A read that never ends is reported by the commands' stall watchdog
    // (app/cli/stallwatchdog.h) well inside the time limits below.
    qputenv("HYPERSLAB_STALL_SECONDS", "8");
    QDirIterator it(corpus, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (isHdf5(path))
            m_sources.append({QDir(corpus).relativeFilePath(path), path, QFileInfo(path).size(), {}});
    }
    std::sort(m_sources.begin(), m_sources.end(), [](const Source &a, const Source &b) { return a.relative < b.relative; });
    QVERIFY2(m_sources.size() > 100, qPrintable(QString::number(m_sources.size())));
}

bool TestMutantCorpus::acceptable(const InfoRun &run, const QString &key, const QString &what)
{
    ++m_runs;
    if (!run.started) {
        fail(key, what + QStringLiteral(": did not start"));
        return false;
    }
    if (run.timedOut) {
        fail(key, what + QStringLiteral(": ") + run.describe());
        return false;
    }
    if (run.crashed) {
        const bool named = run.err.contains("hyperslab: stopped while reading ");
        if (named && isKnownLibraryCrash(key)) {
            ++m_knownCrashes;
            return false;
        }
        fail(key, what + QStringLiteral(": crashed") + (named ? QStringLiteral(" (named: ") : QStringLiteral(" (no line: "))
                      + QString::fromUtf8(run.err.trimmed().right(300)) + QLatin1Char(')'));
        return false;
    }
    if (run.exitCode != 0) {
        const QString why = checkOneLineError(run.err);
        if (!why.isEmpty())
            fail(key, what + QStringLiteral(": ") + why);
        else
            ++m_failedCleanly;
        return false;
    }
    // Success: nothing on stderr but an open note ("hyperslab: FILE: note: ...").
    for (const QByteArray &line : run.err.trimmed().split('\n'))
        if (!line.isEmpty() && !line.contains(": note: "))
            fail(key, what + QStringLiteral(": succeeded but wrote to stderr: ") + QString::fromUtf8(line.left(300)));
    return true;
}

QStringList TestMutantCorpus::check(const QString &file, const QString &key, const QStringList &exportPaths)
{
    QStringList small;
    const InfoRun info = runInfo({file, QStringLiteral("--recursive"), QStringLiteral("--json")}, kInfoTimeoutMs);
    if (acceptable(info, key, QStringLiteral("info"))) {
        const JsonLines lines = parseJsonLines(info.out);
        if (!lines.errors.isEmpty())
            fail(key, QStringLiteral("info: bad JSON line: ") + lines.errors.first());
        for (const QJsonObject &o : lines.objects) {
            if (o.value(QLatin1String("kind")).toString() != QLatin1String("dataset"))
                continue;
            const QJsonArray shape = o.value(QLatin1String("shape")).toArray();
            quint64 n = 1;
            for (const QJsonValue d : shape)
                n *= quint64(std::max<qint64>(d.toInteger(), 0));
            if (o.value(QLatin1String("shape")).isArray() && shape.size() <= 2 && n <= kMaxExportElements)
                small << o.value(QLatin1String("path")).toString();
        }
    }
    for (const QString &dataset : exportPaths) {
        const InfoRun exported = runHyperslab({QStringLiteral("export"), file + QLatin1Char(':') + dataset}, kExportTimeoutMs);
        acceptable(exported, key, QStringLiteral("export ") + dataset);
    }
    return small;
}

void TestMutantCorpus::corpusAndMutants()
{
    QElapsedTimer timer;
    timer.start();
    // The corpus as it is: every file, and up to two small datasets of each exported.
    for (Source &s : m_sources) {
        const QStringList small = check(s.path, s.relative, {});
        s.datasets = small.mid(0, 2);
        for (const QString &dataset : std::as_const(s.datasets)) {
            const InfoRun exported = runHyperslab({QStringLiteral("export"), s.path + QLatin1Char(':') + dataset}, kExportTimeoutMs);
            acceptable(exported, s.relative, QStringLiteral("export ") + dataset);
        }
    }
    const qint64 corpusMs = timer.elapsed();

    // Damaged copies of the small files.
    QList<const Source *> small;
    for (const Source &s : std::as_const(m_sources))
        if (s.size > 64 && s.size <= kMaxSourceBytes)
            small << &s;
    QVERIFY(!small.isEmpty());
    // To explore beyond the fixed set: HYPERSLAB_MUTANT_SEED and HYPERSLAB_MUTANTS
    // (the known-crash keys are only meaningful for the defaults).
    bool seedSet = false, countSet = false;
    const quint32 seed = quint32(qEnvironmentVariableIntValue("HYPERSLAB_MUTANT_SEED", &seedSet));
    const int count = qEnvironmentVariableIntValue("HYPERSLAB_MUTANTS", &countSet);
    const int mutants = countSet ? count : kMutants;
    QRandomGenerator rng(seedSet ? seed : kSeed);
    const QString mutantPath = m_dir.filePath(QStringLiteral("mutant.h5"));
    for (int i = 0; i < mutants; ++i) {
        const Source &s = *small[int(rng.bounded(quint32(small.size())))];
        QFile in(s.path);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray bytes = in.readAll();
        // Metadata sits mostly near the start of small files: aim there half the time.
        auto position = [&] {
            const qint64 span = rng.bounded(2) ? std::min<qint64>(bytes.size(), 4096) : bytes.size();
            return qint64(rng.bounded(quint32(span)));
        };
        QString mutation;
        switch (i % 3) {
        case 0: { // bit flips
            const int flips = 1 + int(rng.bounded(3));
            for (int k = 0; k < flips; ++k) {
                const qint64 at = position();
                const int bit = int(rng.bounded(8));
                bytes[at] = char(bytes[at] ^ (1 << bit));
                mutation += QStringLiteral("flip@%1.%2 ").arg(at).arg(bit);
            }
            break;
        }
        case 1: { // a zeroed block
            const qint64 at = position();
            const qint64 length = std::min<qint64>(qint64(8) << (2 * rng.bounded(4)), bytes.size() - at); // 8 .. 512
            std::fill(bytes.begin() + at, bytes.begin() + at + length, '\0');
            mutation = QStringLiteral("zero@%1+%2").arg(at).arg(length);
            break;
        }
        default: { // truncated
            const qint64 length = qint64(rng.bounded(quint32(bytes.size())));
            bytes.truncate(length);
            mutation = QStringLiteral("truncate@%1").arg(length);
            break;
        }
        }
        QFile out(mutantPath);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(out.write(bytes), bytes.size());
        out.close();
        const qsizetype before = m_failures.size();
        check(mutantPath, s.relative + QLatin1Char('|') + mutation.trimmed(), s.datasets.mid(0, 1));
        // To look at a failure: HYPERSLAB_KEEP_MUTANTS=DIR keeps the mutants that failed.
        if (m_failures.size() > before && qEnvironmentVariableIsSet("HYPERSLAB_KEEP_MUTANTS"))
            QFile::copy(mutantPath, QDir(qEnvironmentVariable("HYPERSLAB_KEEP_MUTANTS")).filePath(QStringLiteral("mutant_%1.h5").arg(i)));
    }
    qInfo("%lld corpus files in %lld ms, %d mutants in %lld ms: %d runs, %d failed with one clear line, %d known "
          "library crashes",
          qint64(m_sources.size()), corpusMs, mutants, timer.elapsed() - corpusMs, m_runs, m_failedCleanly, m_knownCrashes);
    for (const QString &f : std::as_const(m_failures)) // one message each: QTest cuts long ones
        qWarning("%s", qPrintable(f));
    QVERIFY2(m_failures.isEmpty(), qPrintable(QStringLiteral("%1 problems (listed above)").arg(m_failures.size())));
}

QTEST_GUILESS_MAIN(TestMutantCorpus)
#include "tst_mutantcorpus.moc"
