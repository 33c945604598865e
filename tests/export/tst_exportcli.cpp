// `hyperslab export` end to end: the real binary, run with QProcess.

#include "exportfixture.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include <hdf5.h>

#include <cstdio>
#include <unistd.h>

namespace fx = hs::test::exportfx;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out, err;
};

} // namespace

class TestExportCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void toStdout();
    void select();
    void options_data();
    void options();
    void floats();
    void compoundAndStrings();
    void toFile();
    void higherRanks();
    void nonUtf8Strings();
    void errors_data();
    void errors();
    void errorKeepsExistingFile();
    void fileNameNotUtf8();
    void datasetNameNotUtf8();
    void help();

private:
    Run run(const QStringList &args);
    QString ds(const char *path) const { return m_file + QString::fromLatin1(path); }

    QTemporaryDir m_dir;
    QString m_file;
};

Run TestExportCli::run(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(HYPERSLAB_EXE), QStringList{QStringLiteral("export")} + args);
    Run r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void TestExportCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(QStringLiteral("cli.h5"));
    QVERIFY(fx::write(m_file));
}

void TestExportCli::toStdout()
{
    const Run r = run({ds(":/ints")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.err.isEmpty());
    const auto t = fx::parseCsv(r.out.toStdString());
    QCOMPARE(int(t.size()), fx::kIntRows + 1);
    QCOMPARE(t[0][0], std::string("ints[0]"));
    for (int i = 0; i < fx::kIntRows; ++i)
        for (int j = 0; j < fx::kIntCols; ++j)
            QCOMPARE(t[size_t(i) + 1][size_t(j)], std::to_string(fx::intValue(i, j)));
}

void TestExportCli::select()
{
    const Run r = run({ds(":/cube"), QStringLiteral("--select"), QStringLiteral("[1, ::2, 4:]"), QStringLiteral("--index")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("dim1,cube[4],cube[5]\n0,104,105\n2,124,125\n4,144,145\n"));
}

void TestExportCli::options_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("expected");
    const QString sel = QStringLiteral("--select=[1:3, 1:3]");
    QTest::newRow("default") << QStringList{sel} << QByteArray("ints[1],ints[2]\n-15,-8\n13,20\n");
    QTest::newRow("no header") << QStringList{sel, QStringLiteral("--no-header")} << QByteArray("-15,-8\n13,20\n");
    QTest::newRow("tab") << QStringList{sel, QStringLiteral("--delimiter"), QStringLiteral("tab")}
                         << QByteArray("ints[1]\tints[2]\n-15\t-8\n13\t20\n");
    QTest::newRow("backslash t") << QStringList{sel, QStringLiteral("-d"), QStringLiteral("\\t"), QStringLiteral("--no-header")}
                                 << QByteArray("-15\t-8\n13\t20\n");
    QTest::newRow("semicolon") << QStringList{sel, QStringLiteral("--delimiter=;"), QStringLiteral("--no-header")}
                               << QByteArray("-15;-8\n13;20\n");
    QTest::newRow("index") << QStringList{sel, QStringLiteral("--index")} << QByteArray("dim0,ints[1],ints[2]\n1,-15,-8\n2,13,20\n");
    QTest::newRow("crlf") << QStringList{sel, QStringLiteral("--crlf"), QStringLiteral("--no-header")} << QByteArray("-15,-8\r\n13,20\r\n");
    QTest::newRow("hex") << QStringList{QStringLiteral("--select=[1, 3]"), QStringLiteral("--hex"), QStringLiteral("--no-header")}
                         << QByteArray("0xffffffff\n");
}

void TestExportCli::options()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, expected);
    const Run r = run(QStringList{ds(":/ints")} + args);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, expected);
}

void TestExportCli::floats()
{
    const Run r = run({ds(":/floats"), QStringLiteral("--no-header")});
    QCOMPARE(r.exitCode, 0);
    const auto t = fx::parseCsv(r.out.toStdString());
    const auto expected = fx::doubles();
    QCOMPARE(t.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        const double v = std::strtod(t[i][0].c_str(), nullptr);
        if (std::isnan(expected[i]))
            QVERIFY(std::isnan(v));
        else
            QVERIFY2(std::memcmp(&v, &expected[i], sizeof v) == 0, t[i][0].c_str());
    }
    const Run fixed = run({ds(":/floats"), QStringLiteral("--select=:2"), QStringLiteral("--no-header"),
                           QStringLiteral("--float"), QStringLiteral("fixed"), QStringLiteral("--precision"), QStringLiteral("4")});
    QCOMPARE(fixed.exitCode, 0);
    QCOMPARE(fixed.out, QByteArray("0.1000\n0.3333\n"));
}

void TestExportCli::compoundAndStrings()
{
    const Run r = run({ds(":/compound"), QStringLiteral("--select=[1:4]")});
    QCOMPARE(r.exitCode, 0);
    const auto t = fx::parseCsv(r.out.toStdString());
    QCOMPARE(t.size(), size_t(4));
    QCOMPARE(t[0], (std::vector<std::string>{"id", "x", "name", "pos.a", "pos.b"}));
    const auto names = fx::strings();
    for (int i = 1; i <= 3; ++i)
        QCOMPARE(t[size_t(i)][2], names[size_t(i)]);
}

void TestExportCli::toFile()
{
    const QString out = m_dir.filePath(QStringLiteral("out.csv"));
    const Run r = run({ds(":/u64"), QStringLiteral("-o"), out});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.isEmpty());
    QVERIFY(r.err.isEmpty());
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("u64\n0\n1\n9007199254740993\n9223372036854775808\n18446744073709551615\n"));
    // The same bytes as standard output.
    f.seek(0);
    QCOMPARE(f.readAll(), run({ds(":/u64")}).out);
    f.close();
    QVERIFY(QFile::remove(out));
}

void TestExportCli::higherRanks()
{
    const QString sel = QStringLiteral("--select=[1::2, ::3, 4:]");
    Run r = run({ds(":/cube"), sel});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("dim0,dim1,cube[4],cube[5]\n1,0,104,105\n1,3,134,135\n3,0,304,305\n3,3,334,335\n"));
    r = run({ds(":/cube"), sel, QStringLiteral("--layout"), QStringLiteral("slices"), QStringLiteral("--index")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("\"cube[1, 0:5:3, 4:6]\"\ndim1,cube[4],cube[5]\n0,104,105\n3,134,135\n"
                               "\n\"cube[3, 0:5:3, 4:6]\"\ndim1,cube[4],cube[5]\n0,304,305\n3,334,335\n"));
    // The whole cube, as NumPy's reshape(-1, 6).
    r = run({ds(":/cube"), QStringLiteral("--no-header")});
    QCOMPARE(r.exitCode, 0);
    const auto t = fx::parseCsv(r.out.toStdString());
    QCOMPARE(t.size(), size_t(20));
    QCOMPARE(t[7], (std::vector<std::string>{"1", "2", "120", "121", "122", "123", "124", "125"}));
}

void TestExportCli::nonUtf8Strings()
{
    Run r = run({ds(":/latin1"), QStringLiteral("--no-header")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("5 \u00b5m\ncaf\u00e9\nplain\n\u00b5\u00b5\n"));
    r = run({ds(":/latin1"), QStringLiteral("--no-header"), QStringLiteral("--strings"), QStringLiteral("raw")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("5 \xb5m\ncaf\xe9\nplain\n\xb5\xb5\n"));
}

void TestExportCli::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    const QString missing = m_dir.filePath(QStringLiteral("missing.h5"));
    QTest::newRow("no such file") << QStringList{missing + QStringLiteral(":/x")} << QStringLiteral("No such file");
    QTest::newRow("not hdf5") << QStringList{QStringLiteral(HYPERSLAB_EXE) + QStringLiteral(":/x")} << QStringLiteral("not an HDF5 file");
    QTest::newRow("no dataset") << QStringList{m_file} << QStringLiteral("Name the dataset");
    QTest::newRow("bad path") << QStringList{ds(":/nope")} << QStringLiteral("/nope");
    QTest::newRow("group") << QStringList{ds(":/group")} << QStringLiteral("not a dataset");
    QTest::newRow("bad selection") << QStringList{ds(":/ints"), QStringLiteral("--select=[9, :]")} << QStringLiteral("out of range");
    QTest::newRow("garbage selection") << QStringList{ds(":/ints"), QStringLiteral("--select=[a]")} << QStringLiteral("'a'");
    QTest::newRow("bad layout") << QStringList{ds(":/cube"), QStringLiteral("--layout=table")} << QStringLiteral("table");
    QTest::newRow("bad strings") << QStringList{ds(":/latin1"), QStringLiteral("--strings=utf16")} << QStringLiteral("utf16");
    QTest::newRow("bad delimiter") << QStringList{ds(":/ints"), QStringLiteral("--delimiter=\"")} << QStringLiteral("delimiter");
    QTest::newRow("bad float") << QStringList{ds(":/ints"), QStringLiteral("--float=pretty")} << QStringLiteral("pretty");
    QTest::newRow("bad precision") << QStringList{ds(":/ints"), QStringLiteral("--precision=x")} << QStringLiteral("precision");
    QTest::newRow("unknown option") << QStringList{ds(":/ints"), QStringLiteral("--frobnicate")} << QStringLiteral("frobnicate");
    QTest::newRow("two files") << QStringList{ds(":/ints"), ds(":/u64")} << QStringLiteral("usage");
    QTest::newRow("output is input") << QStringList{ds(":/ints"), QStringLiteral("-o"), m_file} << QStringLiteral("HDF5 file being read");
    QTest::newRow("unwritable output") << QStringList{ds(":/ints"), QStringLiteral("-o"), m_dir.filePath(QStringLiteral("no/dir/x.csv"))}
                                       << QStringLiteral("Cannot write");
}

void TestExportCli::errors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.isEmpty(), r.out.constData());
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.startsWith(QLatin1String("hyperslab: ")), qPrintable(err));
    QVERIFY2(err.count(QLatin1Char('\n')) == 1 && err.endsWith(QLatin1Char('\n')), qPrintable(err)); // one line
    QVERIFY2(err.contains(mentions), qPrintable(err));
    // Nothing but the input was written.
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("cli.h5")});
}

// A file named in Latin-1 ("caf\xe9.h5"): its name reaches the command with
// the byte as U+FFFD, and export said "No such file." It is exported, named
// by the very bytes (passed through a shell: QProcess would encode U+FFFD).
void TestExportCli::fileNameNotUtf8()
{
    const QByteArray raw = QFile::encodeName(m_dir.path()) + "/caf\xe9.h5";
    QVERIFY(QFile::copy(m_file, m_dir.filePath(QStringLiteral("plain.h5"))));
    QCOMPARE(::rename(QFile::encodeName(m_dir.filePath(QStringLiteral("plain.h5"))).constData(), raw.constData()), 0);
    QProcess p;
    p.setProcessEnvironment(QProcessEnvironment::systemEnvironment());
    p.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("exec \"$0\" export \"$1\"\"$(printf '\\351')\"\".h5:/ints\""),
                                       QStringLiteral(HYPERSLAB_EXE), m_dir.filePath(QStringLiteral("caf"))});
    QVERIFY(p.waitForFinished(60000));
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, err.constData());
    QCOMPARE(p.readAllStandardOutput(), run({ds(":/ints")}).out);
    ::unlink(raw.constData());
}

// A dataset named in Latin-1 ("0\xB0C", as old instrument files name them):
// the header line carried "0?C". It follows --strings as the values do:
// Latin-1 decoded by default, the raw byte with --strings raw.
void TestExportCli::datasetNameNotUtf8()
{
    const QString path = m_dir.filePath(QStringLiteral("latin1_name.h5"));
    {
        const hid_t file = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        QVERIFY(file >= 0);
        const hsize_t n = 2;
        const hid_t space = H5Screate_simple(1, &n, nullptr);
        const hid_t ds = H5Dcreate2(file, "0\xB0" "C", H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        const int values[2] = {1, 2};
        QVERIFY(ds >= 0 && H5Dwrite(ds, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values) >= 0);
        H5Dclose(ds);
        H5Sclose(space);
        H5Fclose(file);
    }
    Run r = run({path + QStringLiteral(":/0\\xB0C")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("0\xC2\xB0" "C\n1\n2\n"));
    r = run({path + QStringLiteral(":/0\\xB0C"), QStringLiteral("--strings"), QStringLiteral("raw")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("0\xB0" "C\n1\n2\n"));
}

void TestExportCli::errorKeepsExistingFile()
{
    const QString out = m_dir.filePath(QStringLiteral("keep.csv"));
    {
        QFile f(out);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("old");
    }
    const Run r = run({ds(":/cube"), QStringLiteral("--delimiter=\""), QStringLiteral("-o"), out});
    QCOMPARE(r.exitCode, 1);
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("old"));
    f.close();
    QVERIFY(QFile::remove(out));
}

void TestExportCli::help()
{
    const Run r = run({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("--select"));
    QVERIFY(r.out.contains("--delimiter"));
    QVERIFY(r.out.contains("--layout"));
    QVERIFY(r.out.contains("--strings"));
}

QTEST_GUILESS_MAIN(TestExportCli)
#include "tst_exportcli.moc"
