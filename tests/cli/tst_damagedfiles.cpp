// `hyperslab info` and `hyperslab export` on damaged files of the shapes found
// in the wild (issue 8), on names that are not UTF-8, and the command line
// itself without a display. Each fixture is written at test time.

#include "fixtures/fixtures_damaged.h"
#include "infocheck.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace hs::tests;
namespace fx = hs::fixtures;

class TestDamagedFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void overrunCompoundAttributeIsNotRead();
    void overrunCompoundDatasetIsNotExported();
    void rankZeroAttributeIsNotRead();
    void undecodableAttributeIsNotIterated();
    void libraryCrashNamesTheObjectAndKeepsWhatWasDescribed();
    void linkInfoAddressOutsideTheFileIsNotFollowed();
    void emptyExternalLinkValueIsNotFollowed();
    void swmrMarkedDamagedFileDoesNotHang();
    void flippedSuperblockAddressIsDamage_data();
    void flippedSuperblockAddressIsDamage();
    void unfindableListedMemberIsADamagedGroup();
    void latin1NamesRoundTrip();
    void everyErrorNamesFileAndObject_data();
    void everyErrorNamesFileAndObject();
    void helpAndVersionWithoutDisplay_data();
    void helpAndVersionWithoutDisplay();

private:
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    static QJsonObject record(const JsonLines &lines, const QString &objectPath);

    QTemporaryDir m_dir;
};

QJsonObject TestDamagedFiles::record(const JsonLines &lines, const QString &objectPath)
{
    for (const QJsonObject &o : lines.objects)
        if (o.value(QLatin1String("path")).toString() == objectPath)
            return o;
    return {};
}

void TestDamagedFiles::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(fx::writeOverrunCompoundFile(path("overrun.h5")));
    QVERIFY(fx::writeSwmrMarkedDamagedFile(path("swmr_damaged.h5")));
    QVERIFY(fx::writeFlippedSuperblockFile(path("sb_eof.h5"), fx::SuperblockField::EndOfFileAddress));
    QVERIFY(fx::writeFlippedSuperblockFile(path("sb_base.h5"), fx::SuperblockField::BaseAddress));
    QVERIFY(fx::writeBrokenNameIndexFile(path("broken_index.h5")));
    QVERIFY(fx::writeLatin1NamesFile(path("latin1.h5")));
    QVERIFY(fx::writeRankZeroAttributeFile(path("rank_zero.h5")));
    QVERIFY(fx::writeUndecodableAttributeFile(path("undecodable_attribute.h5")));
    QVERIFY(fx::writeOverlongHeapObjectFile(path("overlong_heap_object.h5")));
    QVERIFY(fx::writeDamagedLinkInfoFile(path("damaged_link_info.h5")));
    QVERIFY(fx::writeDamagedExternalLinkFile(path("damaged_external_link.h5")));
}

// REFERENCE_LIST's `dimension` member claims 536,870,916 bytes of a 16-byte
// compound: HDF5 1.10 writes past its buffer converting it. It must not be read.
void TestDamagedFiles::overrunCompoundAttributeIsNotRead()
{
    const InfoRun run = runInfo({path("overrun.h5"), QStringLiteral("--recursive"), QStringLiteral("--json")});
    QVERIFY2(!run.timedOut && !run.crashed && run.exitCode == 0, qPrintable(run.describe() + QString::fromUtf8(run.err)));
    const JsonLines lines = parseJsonLines(run.out);
    QVERIFY2(lines.errors.isEmpty(), qPrintable(lines.errors.join(QLatin1Char('\n'))));
    const QJsonObject x = record(lines, QStringLiteral("/x"));
    QVERIFY2(!x.isEmpty(), run.out.constData());
    QJsonObject refList;
    for (const QJsonValue a : x.value(QLatin1String("attributes")).toArray())
        if (a.toObject().value(QLatin1String("name")).toString() == QLatin1String("REFERENCE_LIST"))
            refList = a.toObject();
    QVERIFY2(!refList.isEmpty(), run.out.constData());
    QVERIFY2(refList.value(QLatin1String("value")).isNull(), run.out.constData());
    const QString problem = refList.value(QLatin1String("problem")).toString();
    QVERIFY2(problem.contains(QLatin1String("damaged")) && problem.contains(QLatin1String("536870916")), qPrintable(problem));
    // Nor is it read for the scale's users.
    QCOMPARE(x.value(QLatin1String("scale_of")).toArray().size(), 0);
    // The intact parts of the file read as usual.
    QVERIFY(!record(lines, QStringLiteral("/good")).isEmpty());
}

void TestDamagedFiles::overrunCompoundDatasetIsNotExported()
{
    const InfoRun bad = runHyperslab({QStringLiteral("export"), path("overrun.h5") + QStringLiteral(":/table")});
    QVERIFY2(!bad.timedOut && !bad.crashed && bad.exitCode == 1, qPrintable(bad.describe()));
    QVERIFY2(bad.out.isEmpty(), bad.out.constData());
    const QString one = checkOneLineError(bad.err);
    QVERIFY2(one.isEmpty(), qPrintable(one));
    QVERIFY2(bad.err.contains(":/table: ") && bad.err.contains("damaged"), bad.err.constData());

    // info says so on the dataset itself.
    const InfoRun info = runInfo({path("overrun.h5") + QStringLiteral(":/table"), QStringLiteral("--json")});
    QVERIFY2(info.exitCode == 0 && !info.crashed, qPrintable(info.describe()));
    const QString problem = record(parseJsonLines(info.out), QStringLiteral("/table")).value(QLatin1String("problem")).toString();
    QVERIFY2(problem.contains(QLatin1String("damaged")) && problem.contains(QLatin1String("536870916")), info.out.constData());

    const InfoRun good = runHyperslab({QStringLiteral("export"), path("overrun.h5") + QStringLiteral(":/good"),
                                       QStringLiteral("--no-header")});
    QVERIFY2(good.exitCode == 0 && !good.crashed, qPrintable(good.describe() + QString::fromUtf8(good.err)));
    QCOMPARE(good.out, QByteArray("1\n2\n3\n"));
}

// A dense attribute whose dataspace says "simple" with no dimensions: HDF5
// reads it as one element; it must be reported, not formatted.
void TestDamagedFiles::rankZeroAttributeIsNotRead()
{
    const InfoRun run = runInfo({path("rank_zero.h5"), QStringLiteral("--recursive"), QStringLiteral("--json")});
    QVERIFY2(!run.timedOut && !run.crashed && run.exitCode == 0, qPrintable(run.describe() + QString::fromUtf8(run.err)));
    const QJsonObject grp = record(parseJsonLines(run.out), QStringLiteral("/grp"));
    const QJsonArray attributes = grp.value(QLatin1String("attributes")).toArray();
    QCOMPARE(attributes.size(), 12);
    for (const QJsonValue a : attributes) {
        const QJsonObject o = a.toObject();
        const bool damaged = o.value(QLatin1String("name")).toString() == QLatin1String("attr_05");
        QVERIFY2(o.contains(QLatin1String("problem")) == damaged, qPrintable(QJsonDocument(o).toJson()));
        if (damaged)
            QVERIFY2(o.value(QLatin1String("problem")).toString().contains(QLatin1String("damaged")),
                     qPrintable(QJsonDocument(o).toJson()));
    }
}

// One attribute message that cannot be decoded: HDF5 1.10's attribute table
// (H5Aiterate2, every H5DS function) then closes entries it never filled.
// Checked first, and said once for the object.
void TestDamagedFiles::undecodableAttributeIsNotIterated()
{
    const InfoRun run = runInfo({path("undecodable_attribute.h5"), QStringLiteral("--recursive"), QStringLiteral("--json")});
    QVERIFY2(!run.timedOut && !run.crashed && run.exitCode == 0, qPrintable(run.describe() + QString::fromUtf8(run.err)));
    const QJsonObject table = record(parseJsonLines(run.out), QStringLiteral("/table"));
    QVERIFY2(!table.isEmpty(), run.out.constData());
    const QString problem = table.value(QLatin1String("attributes_problem")).toString();
    QVERIFY2(problem.contains(QStringLiteral("\u201c/table\u201d")) && problem.contains(QLatin1String("damaged")),
             qPrintable(problem));
    QVERIFY2(table.value(QLatin1String("shape")).toArray().size() == 1, run.out.constData()); // the rest is described
}

// HDF5 itself crashes reading /z's attribute (a heap object that claims
// 256 MB). The objects before it are already on standard output, and the one
// line on standard error names /z.
void TestDamagedFiles::libraryCrashNamesTheObjectAndKeepsWhatWasDescribed()
{
    const QString file = path("overlong_heap_object.h5");
    const InfoRun run = runInfo({file, QStringLiteral("--recursive"), QStringLiteral("--json")});
    QVERIFY2(!run.timedOut && run.crashed, qPrintable(run.describe()));
    const JsonLines lines = parseJsonLines(run.out);
    QVERIFY2(lines.errors.isEmpty(), qPrintable(lines.errors.join(QLatin1Char('\n'))));
    QStringList described;
    for (const QJsonObject &o : lines.objects)
        described << o.value(QLatin1String("path")).toString();
    QCOMPARE(described, (QStringList{QStringLiteral("/"), QStringLiteral("/a"), QStringLiteral("/b")}));
    QCOMPARE(QString::fromUtf8(run.err),
             QStringLiteral("hyperslab: stopped while reading /z in %1: this is a fault in the HDF5 library triggered by "
                            "that object\n").arg(QFileInfo(file).absoluteFilePath()));
}

// A flipped bit in a group's link info message (version-1 header, no
// checksum) makes its fractal-heap address point far outside the file; HDF5
// 1.10 follows it (crash in H5Gget_info_by_name). Checked from the bytes first.
void TestDamagedFiles::linkInfoAddressOutsideTheFileIsNotFollowed()
{
    const QString file = path("damaged_link_info.h5");
    const InfoRun run = runInfo({file, QStringLiteral("--recursive"), QStringLiteral("--json")});
    QVERIFY2(!run.timedOut && !run.crashed && run.exitCode == 0, qPrintable(run.describe() + QString::fromUtf8(run.err)));
    const JsonLines lines = parseJsonLines(run.out);
    const QString problem = record(lines, QStringLiteral("/tracked")).value(QLatin1String("problem")).toString();
    QVERIFY2(problem.contains(QLatin1String("damaged")) && problem.contains(QLatin1String("outside the file")),
             run.out.constData());
    QVERIFY(!record(lines, QStringLiteral("/zlast")).isEmpty());
    // Asked about directly: one line naming it.
    const InfoRun direct = runInfo({file + QStringLiteral(":/tracked")});
    QVERIFY2(!direct.crashed && direct.exitCode == 1, qPrintable(direct.describe()));
    QVERIFY2(checkOneLineError(direct.err).isEmpty(), direct.err.constData());
    QVERIFY2(direct.err.startsWith("hyperslab: " + file.toUtf8() + ":/tracked: "), direct.err.constData());
}

// An external link whose value is empty: HDF5 1.10 reads it from a null
// buffer while listing the group. The group is reported damaged instead.
void TestDamagedFiles::emptyExternalLinkValueIsNotFollowed()
{
    const InfoRun run = runInfo({path("damaged_external_link.h5"), QStringLiteral("--recursive"), QStringLiteral("--json")});
    QVERIFY2(!run.timedOut && !run.crashed && run.exitCode == 0, qPrintable(run.describe() + QString::fromUtf8(run.err)));
    const JsonLines lines = parseJsonLines(run.out);
    const QString problem = record(lines, QStringLiteral("/g")).value(QLatin1String("problem")).toString();
    QVERIFY2(problem.contains(QLatin1String("damaged")) && problem.contains(QLatin1String("outside")), run.out.constData());
    QVERIFY(!record(lines, QStringLiteral("/zlast")).isEmpty());
}

// A file still marked open by a (crashed) SWMR writer is read in SWMR mode,
// where HDF5 retries a bad checksum with doubling sleeps: 100 times by
// default, which never ends. It must end, with a message.
void TestDamagedFiles::swmrMarkedDamagedFileDoesNotHang()
{
    const InfoRun run = runInfo({path("swmr_damaged.h5"), QStringLiteral("--recursive"), QStringLiteral("--json")}, 30000);
    QVERIFY2(!run.timedOut, qPrintable(run.describe()));
    QVERIFY2(!run.crashed, qPrintable(run.describe()));
    QVERIFY2(run.elapsedMs < 15000, qPrintable(run.describe()));
    if (run.exitCode != 0) {
        const QString one = checkOneLineError(run.err);
        QVERIFY2(one.isEmpty(), qPrintable(one));
    } else {
        const JsonLines lines = parseJsonLines(run.out);
        const QJsonObject damaged = record(lines, QStringLiteral("/damaged"));
        QVERIFY2(!damaged.isEmpty(), run.out.constData());
        QVERIFY2(run.out.contains("damaged"), run.out.constData());
    }
}

void TestDamagedFiles::flippedSuperblockAddressIsDamage_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("end-of-file address") << QStringLiteral("sb_eof.h5");
    QTest::newRow("base address") << QStringLiteral("sb_base.h5");
}

// One flipped bit makes the address huge, which HDF5 reports the way it
// reports a member of a multi-file set; the driver information (none here)
// decides.
void TestDamagedFiles::flippedSuperblockAddressIsDamage()
{
    QFETCH(QString, file);
    const InfoRun run = runInfo({m_dir.filePath(file)});
    QVERIFY2(!run.crashed && run.exitCode == 1, qPrintable(run.describe()));
    const QString one = checkOneLineError(run.err);
    QVERIFY2(one.isEmpty(), qPrintable(one));
    QVERIFY2(run.err.contains("damaged"), run.err.constData());
    QVERIFY2(!run.err.contains("multi"), run.err.constData());
}

// /g lists zzzzzz_3, whose name in the heap no longer matches the group's
// sorted index: not a broken link, a damaged group.
void TestDamagedFiles::unfindableListedMemberIsADamagedGroup()
{
    const InfoRun run = runInfo({path("broken_index.h5"), QStringLiteral("--recursive"), QStringLiteral("--json")});
    QVERIFY2(!run.crashed && run.exitCode == 0, qPrintable(run.describe() + QString::fromUtf8(run.err)));
    const JsonLines lines = parseJsonLines(run.out);
    const QJsonObject member = record(lines, QStringLiteral("/g/zzzzzz_3"));
    QVERIFY2(!member.isEmpty(), run.out.constData());
    const QString problem = member.value(QLatin1String("link")).toObject().value(QLatin1String("problem")).toString();
    QVERIFY2(problem.contains(QStringLiteral("group \u201c/g\u201d is damaged")), qPrintable(problem));
    QVERIFY(!record(lines, QStringLiteral("/g/member_4")).isEmpty());

    for (const QString &command : {QStringLiteral("info"), QStringLiteral("export")}) {
        const InfoRun direct = runHyperslab({command, path("broken_index.h5") + QStringLiteral(":/g/zzzzzz_3")});
        QVERIFY2(!direct.crashed && direct.exitCode == 1, qPrintable(command + direct.describe()));
        QVERIFY2(checkOneLineError(direct.err).isEmpty(), direct.err.constData());
        QVERIFY2(direct.err.contains("group \xE2\x80\x9C/g\xE2\x80\x9D is damaged"), direct.err.constData());
        QVERIFY2(!direct.err.contains("broken link"), direct.err.constData());
    }
}

// Names that are not UTF-8 are listed as "\xB5"; that exact text is accepted
// back by export (and info). A real backslash before "xB5" is doubled.
void TestDamagedFiles::latin1NamesRoundTrip()
{
    const QString file = path("latin1.h5");
    const InfoRun run = runInfo({file, QStringLiteral("--recursive"), QStringLiteral("--json")});
    QVERIFY2(!run.crashed && run.exitCode == 0, qPrintable(run.describe() + QString::fromUtf8(run.err)));
    const JsonLines lines = parseJsonLines(run.out);
    QMap<QString, QByteArray> expected{{QStringLiteral("/temp_\\xB5m/0\\xB0C"), "1\n2\n3\n"},
                                       {QStringLiteral("/temp_\\xB5m/lit\\\\xB5"), "4\n5\n6\n"},
                                       {QStringLiteral("/back\\slash"), "7\n8\n9\n"}};
    QStringList datasets;
    for (const QJsonObject &o : lines.objects) {
        const QString p = o.value(QLatin1String("path")).toString();
        for (QChar c : p)
            QVERIFY2(c.unicode() >= 0x20 && c.unicode() < 0x7F, qPrintable(p)); // plain ASCII, no U+FFFD
        if (o.value(QLatin1String("kind")).toString() == QLatin1String("dataset"))
            datasets << p;
    }
    datasets.sort();
    QStringList want = expected.keys();
    want.sort();
    QCOMPARE(datasets, want);
    for (const QString &p : std::as_const(datasets)) {
        const InfoRun exported = runHyperslab({QStringLiteral("export"), file + QLatin1Char(':') + p, QStringLiteral("--no-header")});
        QVERIFY2(exported.exitCode == 0, qPrintable(p + QLatin1Char(' ') + QString::fromUtf8(exported.err)));
        QCOMPARE(exported.out, expected.value(p));
        const InfoRun described = runInfo({file + QLatin1Char(':') + p, QStringLiteral("--json")});
        QVERIFY2(described.exitCode == 0, qPrintable(p + QLatin1Char(' ') + QString::fromUtf8(described.err)));
        QCOMPARE(record(parseJsonLines(described.out), p).value(QLatin1String("kind")).toString(), QStringLiteral("dataset"));
    }
    // The text form prints the same paths.
    const InfoRun text = runInfo({file, QStringLiteral("--recursive")});
    for (const QString &p : std::as_const(datasets))
        QVERIFY2(QString::fromUtf8(text.out).contains(QLatin1Char('\n') + p + QStringLiteral("  (dataset)")),
                 qPrintable(p + QLatin1Char('\n') + QString::fromUtf8(text.out)));
}

void TestDamagedFiles::everyErrorNamesFileAndObject_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("prefix"); // after "hyperslab: "
    const QString latin1 = path("latin1.h5");
    const QString overrun = path("overrun.h5");
    QTest::newRow("info: missing object") << QStringList{QStringLiteral("info"), latin1 + QStringLiteral(":/nothing")}
                                          << latin1 + QStringLiteral(":/nothing: ");
    QTest::newRow("export: missing object") << QStringList{QStringLiteral("export"), latin1 + QStringLiteral(":/nothing")}
                                            << latin1 + QStringLiteral(":/nothing: ");
    QTest::newRow("export: a group") << QStringList{QStringLiteral("export"), latin1 + QStringLiteral(":/temp_\\xB5m")}
                                     << latin1 + QStringLiteral(":/temp_\\xB5m: ");
    QTest::newRow("export: bad selection") << QStringList{QStringLiteral("export"), overrun + QStringLiteral(":/good"),
                                                          QStringLiteral("--select"), QStringLiteral("[7]")}
                                           << overrun + QStringLiteral(":/good: ");
    QTest::newRow("export: damaged type") << QStringList{QStringLiteral("export"), overrun + QStringLiteral(":/table")}
                                          << overrun + QStringLiteral(":/table: ");
    QTest::newRow("info: damaged file") << QStringList{QStringLiteral("info"), path("sb_eof.h5")}
                                        << path("sb_eof.h5") + QStringLiteral(": ");
}

// One style for every error line: "hyperslab: FILE:/object: message".
void TestDamagedFiles::everyErrorNamesFileAndObject()
{
    QFETCH(QStringList, args);
    QFETCH(QString, prefix);
    const InfoRun run = runHyperslab(args);
    QVERIFY2(!run.crashed && run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(checkOneLineError(run.err).isEmpty(), run.err.constData());
    QVERIFY2(QString::fromUtf8(run.err).startsWith(QStringLiteral("hyperslab: ") + prefix), run.err.constData());
}

void TestDamagedFiles::helpAndVersionWithoutDisplay_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("start");
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")} << QStringLiteral("Usage: hyperslab [options]");
    QTest::newRow("-h") << QStringList{QStringLiteral("-h")} << QStringLiteral("Usage: hyperslab [options]");
    QTest::newRow("--version") << QStringList{QStringLiteral("--version")} << QStringLiteral("Hyperslab ");
    QTest::newRow("info --help") << QStringList{QStringLiteral("info"), QStringLiteral("--help")}
                                 << QStringLiteral("Usage: hyperslab info [options]");
    QTest::newRow("export --help") << QStringList{QStringLiteral("export"), QStringLiteral("--help")}
                                   << QStringLiteral("Usage: hyperslab export [options]");
}

// Text only: no display may be needed, and the usage names the command, not
// the path the binary was started by.
void TestDamagedFiles::helpAndVersionWithoutDisplay()
{
    QFETCH(QStringList, args);
    QFETCH(QString, start);
    const InfoRun run = runHyperslab(args, 20000, {QStringLiteral("DISPLAY"), QStringLiteral("WAYLAND_DISPLAY"),
                                                   QStringLiteral("QT_QPA_PLATFORM")});
    QVERIFY2(!run.crashed && run.exitCode == 0, qPrintable(run.describe() + QString::fromUtf8(run.err)));
    QVERIFY2(QString::fromUtf8(run.out).startsWith(start), run.out.constData());
    QVERIFY2(!run.out.contains(QFileInfo(QStringLiteral(HYPERSLAB_EXE)).absolutePath().toUtf8()), run.out.constData());
    QVERIFY2(run.err.isEmpty(), run.err.constData());
}

QTEST_GUILESS_MAIN(TestDamagedFiles)
#include "tst_damagedfiles.moc"
