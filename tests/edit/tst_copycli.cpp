// `hyperslab copy` end to end: the real binary, run with QProcess.

#include "copyfixture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace hs::test;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCopy(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(HYPERSLAB_EXE), QStringList{QStringLiteral("copy")} + args);
    p.waitForFinished(120000);
    Run r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

struct Check
{
    explicit Check(const QString &path) : id(H5Fopen(QFile::encodeName(path).constData(), H5F_ACC_RDONLY, H5P_DEFAULT)) {}
    ~Check() { H5Fclose(id); }
    hid_t id;
};

} // namespace

class TestCopyCli : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_source;
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_source = path("source.h5");
        writeCopySource(m_source);
    }

    void groupToAnotherFileKeepsEverything()
    {
        const QString dest = path("dest.h5");
        writeEmptyFile(dest);
        const Run r = runCopy({m_source + QStringLiteral(":/g"), dest + QStringLiteral(":/copy")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.err.isEmpty());
        QCOMPARE(r.out, QString());
        Check c(dest);
        QCOMPARE(readInts(c.id, "/copy/d")[42], 42);
        QCOMPARE(readStringAttribute(c.id, "/copy", "note"), QByteArray("a note"));
        QCOMPARE(linkType(c.id, "/copy/soft"), H5L_TYPE_SOFT);
        QCOMPARE(address(c.id, "/copy/hard2"), address(c.id, "/copy/d"));
    }

    void chunkedDatasetKeepsLayoutAndFilters_newFile()
    {
        const QString dest = path("new.h5"); // does not exist: created
        const Run r = runCopy({m_source + QStringLiteral(":/big"), dest});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        Check c(dest);
        Check s(m_source);
        QCOMPARE(readFloats(c.id, "/big"), readFloats(s.id, "/big"));
        hid_t d = H5Dopen2(c.id, "/big", H5P_DEFAULT);
        hid_t dcpl = H5Dget_create_plist(d);
        hsize_t chunk[2] = {};
        QCOMPARE(H5Pget_layout(dcpl), H5D_CHUNKED);
        H5Pget_chunk(dcpl, 2, chunk);
        QCOMPARE(chunk[0], hsize_t(100));
        QCOMPARE(H5Pget_nfilters(dcpl), 2);
        H5Pclose(dcpl);
        H5Dclose(d);
        QCOMPARE(readStringAttribute(c.id, "/big", "units"), QByteArray("K"));
    }

    void expandLinks()
    {
        const QString dest = path("expand.h5");
        writeEmptyFile(dest);
        const Run r = runCopy({m_source + QStringLiteral(":/g"), dest + QStringLiteral(":/"), QStringLiteral("--links"),
                               QStringLiteral("expand")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        Check c(dest);
        QCOMPARE(linkType(c.id, "/g/soft"), H5L_TYPE_HARD);
        QCOMPARE(readFloats(c.id, "/g/soft"), (std::vector<float>{1, 2, 3}));
    }

    void withinOneFile()
    {
        const QString file = path("within.h5");
        QFile::copy(m_source, file);
        const Run r = runCopy({file + QStringLiteral(":/g/sub"), file + QStringLiteral(":/sub_copy")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        Check c(file);
        QCOMPARE(readDoubles(c.id, "/sub_copy/deep")[4], 2.0);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("src");
        QTest::addColumn<QString>("dst");
        QTest::addColumn<QString>("message");
        QTest::newRow("name exists") << QStringLiteral(":/g") << QStringLiteral(":/existing")
                                     << QStringLiteral("exists.h5:/existing: An object of that name exists; nothing was copied (try /existing_2).");
        QTest::newRow("missing source") << QStringLiteral(":/nothing") << QStringLiteral(":/x") << QStringLiteral("source.h5:/nothing: ");
        QTest::newRow("missing parent") << QStringLiteral(":/g") << QStringLiteral(":/no/x")
                                        << QStringLiteral("exists.h5:/no: There is no group of that name to copy into.");
        QTest::newRow("bad links") << QStringLiteral(":/g") << QStringLiteral(":/y") << QStringLiteral("Unknown --links");
    }
    void refusals()
    {
        QFETCH(QString, src);
        QFETCH(QString, dst);
        QFETCH(QString, message);
        const QString dest = path("exists.h5");
        writeEmptyFile(dest, true);
        const QByteArray before = fileBytes(dest);
        QStringList args{m_source + src, dest + dst};
        if (QByteArray(QTest::currentDataTag()) == "bad links")
            args << QStringLiteral("--links=sideways");
        const Run r = runCopy(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(QStringLiteral("hyperslab: ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1); // one line
        QCOMPARE(fileBytes(dest), before);            // untouched, byte for byte
    }

    void interruptLeavesNoPartialObject()
    {
        const QString big = path("dense.h5");
        writeDenseFile(big, 384);
        const QString dest = path("interrupted.h5");
        writeEmptyFile(dest);
        const qint64 emptySize = QFileInfo(dest).size();
        QProcess p;
        p.start(QStringLiteral(HYPERSLAB_EXE), {QStringLiteral("copy"), big + QStringLiteral(":/dense"), dest + QStringLiteral(":/d")});
        QVERIFY(p.waitForStarted());
        // Interrupt once the copy is writing chunks (the file has grown), well before its end.
        QElapsedTimer t;
        t.start();
        while (QFileInfo(dest).size() < emptySize + (4 << 20) && p.state() == QProcess::Running && t.elapsed() < 60000)
            QTest::qSleep(2);
        QVERIFY2(p.state() == QProcess::Running, "the copy ended before it could be interrupted");
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 130);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QLatin1String("Interrupted; nothing was copied.")));
        Check c(dest);
        QVERIFY(!linkExists(c.id, "/d"));
        H5G_info_t info{};
        H5Gget_info(c.id, &info);
        QCOMPARE(info.nlinks, hsize_t(0));
        QFile::remove(big);
    }
};

QTEST_GUILESS_MAIN(TestCopyCli)
#include "tst_copycli.moc"
