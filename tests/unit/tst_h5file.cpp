// H5File::open: what users see when a file opens, and when it does not.

#include "testutil.h"

#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "services/h5file.h"
#include "services/h5file_p.h"
#include "services/hierarchyreader.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/file.h>
#include <fcntl.h>
#include <unistd.h>

using namespace hs::core;

Q_DECLARE_METATYPE(hs::core::ErrorCode)

namespace {

unsigned intentOf(const H5File &file)
{
    LibraryLock lock;
    unsigned intent = 0;
    H5Fget_intent(fileId(file), &intent);
    return intent;
}

// Messages are for scientists: the HDF5 vocabulary belongs in `detail`. The
// file's own name (which may well contain "h5f...") is left out of the check.
void verifyPlainMessage(const Error &e, const QString &path)
{
    QVERIFY2(!e.message.isEmpty(), "an error needs a message");
    QString text = e.message;
    text.remove(path).remove(QFileInfo(path).fileName());
    for (const char *jargon : {"H5F", "H5E", "H5D", "H5G", "H5P", "HDF5-DIAG", "#000"})
        QVERIFY2(!text.contains(QLatin1String(jargon)),
                 qPrintable(QStringLiteral("message contains \"%1\": %2").arg(QLatin1String(jargon), e.message)));
    for (const char *jargon : {"major", "minor", "errno"})
        QVERIFY2(!text.contains(QLatin1String(jargon), Qt::CaseInsensitive),
                 qPrintable(QStringLiteral("message contains \"%1\": %2").arg(QLatin1String(jargon), e.message)));
}

bool copyFile(const QString &from, const QString &to)
{
    QFile::remove(to);
    return QFile::copy(from, to) && QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner);
}

// Whether some process holds a lock on `path` that conflicts with a shared one,
// as HDF5's own read-only open would ask for.
bool sharedLockRefused(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd < 0)
        return false;
    const bool refused = ::flock(fd, LOCK_SH | LOCK_NB) != 0;
    if (!refused)
        ::flock(fd, LOCK_UN);
    ::close(fd);
    return refused;
}

// Runs the helper that keeps `path` open for writing; returns once it has it open.
class LockHolder
{
public:
    explicit LockHolder(const QString &path, bool swmr = false)
    {
        QStringList args{path};
        if (swmr)
            args << QStringLiteral("--swmr");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("HDF5_USE_FILE_LOCKING"));
        m_process.setProcessEnvironment(env);
        m_process.start(QStringLiteral(HYPERSLAB_LOCKHOLDER), args);
    }
    ~LockHolder()
    {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
    }
    bool waitUntilReady()
    {
        if (!m_process.waitForStarted(10000))
            return false;
        while (!m_process.canReadLine()) {
            if (!m_process.waitForReadyRead(10000))
                return false;
        }
        return m_process.readLine().trimmed() == "ready";
    }

private:
    QProcess m_process;
};

} // namespace

class TestH5File : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void opensReadOnlyByDefault();
    void opensReadWriteWhenAsked();
    void notHdf5_data();
    void notHdf5();
    void truncated_data();
    void truncated();
    void missingFile();
    void nameNotUtf8();
    void directory();
    void noReadPermission();
    void userBlock();
    void closingReleasesEveryIdentifier();
    void lockedByAnotherProcess();
    void latestFormatOpenForWriteElsewhere();
    void swmrWriterElsewhere();

private:
    QTemporaryDir m_tmp;
    QString tmpPath(const QString &name) const { return m_tmp.filePath(name); }
};

void TestH5File::initTestCase()
{
    HS_REQUIRE_FIXTURES();
    QVERIFY(m_tmp.isValid());
    // The lock tests need HDF5's default (locking on).
    qunsetenv("HDF5_USE_FILE_LOCKING");
}

void TestH5File::opensReadOnlyByDefault()
{
    const QString path = hs::test::fixture(hs::fixtures::ExampleFileName);
    auto file = H5File::open(path);
    QVERIFY2(file.ok(), qPrintable(file.ok() ? QString() : file.error().message));
    QVERIFY((*file)->isReadOnly());
    QCOMPARE(intentOf(**file) & (H5F_ACC_RDWR), 0u);
    QCOMPARE((*file)->path(), QFileInfo(path).absoluteFilePath());
    QCOMPARE((*file)->displayName(), QStringLiteral("example.h5"));
    QVERIFY((*file)->openNote().isEmpty());
}

void TestH5File::opensReadWriteWhenAsked()
{
    const QString path = tmpPath(QStringLiteral("rw.h5"));
    QVERIFY(copyFile(hs::test::fixture(hs::fixtures::ExampleFileName), path));
    auto file = H5File::open(path, H5File::Mode::ReadWrite);
    QVERIFY2(file.ok(), qPrintable(file.ok() ? QString() : file.error().message));
    QVERIFY(!(*file)->isReadOnly());
    QVERIFY(intentOf(**file) & H5F_ACC_RDWR);
}

void TestH5File::notHdf5_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("text") << QByteArray("temperature,pressure\n293.1,1013\n");
    QTest::newRow("empty") << QByteArray();
    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    png += QByteArray(4096, '\x7f');
    QTest::newRow("png") << png;
    QByteArray noise(64 * 1024, '\0');
    QRandomGenerator rng(42);
    for (char &c : noise)
        c = char(rng.bounded(256));
    QTest::newRow("noise") << noise;
}

void TestH5File::notHdf5()
{
    QFETCH(QByteArray, content);
    const QString path = tmpPath(QStringLiteral("not_hdf5_%1.dat").arg(QString::fromLatin1(QTest::currentDataTag())));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    auto file = H5File::open(path);
    QVERIFY(!file.ok());
    QCOMPARE(file.error().code, ErrorCode::NotHdf5);
    verifyPlainMessage(file.error(), path);
    QVERIFY2(file.error().message.contains(QFileInfo(path).fileName()), qPrintable(file.error().message));
}

void TestH5File::truncated_data()
{
    QTest::addColumn<QString>("fixtureName");
    using namespace hs::fixtures;
    for (const char *n : {ExampleFileName, LinksFileName, DeepFileName, CreationOrderFileName, UserBlockFileName})
        QTest::newRow(n) << QString::fromLatin1(n);
}

void TestH5File::truncated()
{
    QFETCH(QString, fixtureName);
    const QString path = tmpPath(QStringLiteral("half_") + fixtureName);
    QVERIFY(copyFile(hs::test::fixture(fixtureName.toLatin1().constData()), path));
    QFile f(path);
    QVERIFY(f.resize(f.size() / 2));

    auto file = H5File::open(path);
    QVERIFY(!file.ok());
    const Error &e = file.error();
    QVERIFY2(e.code == ErrorCode::Truncated || e.code == ErrorCode::Corrupt,
             qPrintable(QStringLiteral("code %1: %2").arg(int(e.code)).arg(e.message)));
    verifyPlainMessage(e, path);
    QVERIFY2(e.message.contains(QLatin1String("truncated"), Qt::CaseInsensitive)
                 || e.message.contains(QLatin1String("damaged"), Qt::CaseInsensitive),
             qPrintable(e.message));
    QVERIFY(!e.detail.isEmpty()); // the HDF5 stack, for "Details..."
}

void TestH5File::missingFile()
{
    const QString path = tmpPath(QStringLiteral("does_not_exist.h5"));
    auto file = H5File::open(path);
    QVERIFY(!file.ok());
    QCOMPARE(file.error().code, ErrorCode::NotFound);
    verifyPlainMessage(file.error(), path);
    QVERIFY(file.error().message.contains(QStringLiteral("does_not_exist.h5")));
}

// A Latin-1 name ("caf\xe9.h5", as many instrument files are called) reaches
// Hyperslab decoded, its bad byte as U+FFFD, which no longer names the file:
// it was reported as "does not exist". The file is found by its decoded name.
void TestH5File::nameNotUtf8()
{
    const QByteArray dir = QFile::encodeName(m_tmp.path());
    const QByteArray raw = dir + "/caf\xe9.h5";
    QVERIFY(copyFile(hs::test::fixture(hs::fixtures::ExampleFileName), tmpPath(QStringLiteral("plain.h5"))));
    QCOMPARE(::rename(QFile::encodeName(tmpPath(QStringLiteral("plain.h5"))).constData(), raw.constData()), 0);
    const QString decoded = QFile::decodeName(raw);
    QVERIFY(decoded.contains(QChar(0xFFFD)));
    {
        auto file = H5File::open(decoded);
        QVERIFY2(file.ok(), qPrintable(file.ok() ? QString() : file.error().message));
        QVERIFY((*file)->isReadOnly());
    }

    // Still "does not exist" when no entry decodes to that name.
    auto missing = H5File::open(QFile::decodeName(dir + "/gar\xe7on.h5"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    ::unlink(raw.constData());
}

void TestH5File::directory()
{
    const QString path = m_tmp.path();
    auto file = H5File::open(path);
    QVERIFY(!file.ok());
    QCOMPARE(file.error().code, ErrorCode::InvalidArgument);
    verifyPlainMessage(file.error(), path);
    QVERIFY2(file.error().message.contains(QLatin1String("folder")), qPrintable(file.error().message));
}

void TestH5File::noReadPermission()
{
    const QString path = tmpPath(QStringLiteral("secret.h5"));
    QVERIFY(copyFile(hs::test::fixture(hs::fixtures::ExampleFileName), path));
    QVERIFY(QFile::setPermissions(path, QFile::Permissions()));
    {
        QFile probe(path);
        if (probe.open(QIODevice::ReadOnly))
            QSKIP("This user can read files without read permission (root): nothing to test.");
    }
    auto file = H5File::open(path);
    QVERIFY(!file.ok());
    QCOMPARE(file.error().code, ErrorCode::PermissionDenied);
    verifyPlainMessage(file.error(), path);
}

void TestH5File::userBlock()
{
    auto file = H5File::open(hs::test::fixture(hs::fixtures::UserBlockFileName));
    QVERIFY2(file.ok(), qPrintable(file.ok() ? QString() : file.error().message));
    auto summary = HierarchyReader(*file).summarize(QStringLiteral("/values"));
    QVERIFY(summary.ok());
    QCOMPARE(summary->kind, ObjectKind::Dataset);
    QVERIFY(summary->shape.has_value());
    QCOMPARE(summary->shape->dims, std::vector<quint64>{4});
}

void TestH5File::closingReleasesEveryIdentifier()
{
    QVERIFY(JobRunner::instance().waitForIdle(30000));
    const qint64 baseline = openHdf5ObjectCount();
    {
        auto opened = H5File::open(hs::test::fixture(hs::fixtures::LinksFileName));
        QVERIFY(opened.ok());
        H5FilePtr file = *opened;
        QVERIFY(openHdf5ObjectCount() > baseline);

        HierarchyReader reader(file);
        auto root = reader.listLinks(QStringLiteral("/"), ChildOrder::Name, 0, 1000);
        QVERIFY(root.ok());
        reader.resolveKinds(QStringLiteral("/"), root.value().entries); // follows the external links too
        QVERIFY(reader.summarize(QStringLiteral("/shapes/two_d_unlimited")).ok());
        QVERIFY(reader.summarize(QStringLiteral("/external_dataset")).ok());

        // A job holding the file as well: the file stays open until it is done.
        auto job = std::make_unique<FunctionJob>(QStringLiteral("summaries"), [file](JobContext &) {
            HierarchyReader r(file);
            r.summarize(QStringLiteral("/typed"));
            r.summarize(QStringLiteral("/types/celsius"));
        });
        std::unique_ptr<JobTicket> ticket(JobRunner::instance().start(std::move(job)));
        QSignalSpy finished(ticket.get(), &JobTicket::finished);
        QVERIFY(finished.wait(30000));
    }
    QVERIFY(JobRunner::instance().waitForIdle(30000));
    QCOMPARE(openHdf5ObjectCount(), baseline);
}

void TestH5File::lockedByAnotherProcess()
{
    // A classic-format file (superblock 0, no "open for write" flag), held open
    // for writing by another process.
    const QString path = tmpPath(QStringLiteral("locked.h5"));
    QVERIFY(copyFile(hs::test::fixture(hs::fixtures::ExampleFileName), path));
    LockHolder holder(path);
    QVERIFY(holder.waitUntilReady());
    // HDF5 >= 1.10.7 locks files it opens (flock); a writer's lock is exclusive.
    QVERIFY2(sharedLockRefused(path), "the writer holds no lock: did HDF5 stop locking files?");

    {
        auto file = H5File::open(path);
        QVERIFY2(file.ok(), qPrintable(file.ok() ? QString() : file.error().message));
        QVERIFY((*file)->isReadOnly());
        QVERIFY2((*file)->openNote().contains(QLatin1String("lock")), qPrintable((*file)->openNote()));
        auto summary = HierarchyReader(*file).summarize(QStringLiteral("/experiment/run_001/temperature"));
        QVERIFY(summary.ok());
        QCOMPARE(summary->kind, ObjectKind::Dataset);
    }

    // Read-write cannot be granted while another program writes.
    auto rw = H5File::open(path, H5File::Mode::ReadWrite);
    QVERIFY(!rw.ok());
    QCOMPARE(rw.error().code, ErrorCode::Locked);
    verifyPlainMessage(rw.error(), path);
}

void TestH5File::latestFormatOpenForWriteElsewhere()
{
    // Latest-format files also carry an "open for write" mark in the superblock,
    // so they cannot be read beside a (non-SWMR) writer even without locking.
    // The user is told the file is locked by another program: true, and unlike
    // the "still marked open" advice (h5clear) harmless while the writer runs.
    const QString path = tmpPath(QStringLiteral("latest_locked.h5"));
    QVERIFY(hs::fixtures::writeLargeGroupFile(path, 50));
    LockHolder holder(path);
    QVERIFY(holder.waitUntilReady());
    QVERIFY(sharedLockRefused(path));

    auto file = H5File::open(path);
    QVERIFY(!file.ok());
    QCOMPARE(file.error().code, ErrorCode::Locked);
    verifyPlainMessage(file.error(), path);
}

void TestH5File::swmrWriterElsewhere()
{
    const QString path = tmpPath(QStringLiteral("swmr.h5"));
    QVERIFY(hs::fixtures::writeLargeGroupFile(path, 50));
    LockHolder holder(path, true);
    QVERIFY(holder.waitUntilReady());

    auto file = H5File::open(path);
    QVERIFY2(file.ok(), qPrintable(file.ok() ? QString() : file.error().message));
    QVERIFY2((*file)->openNote().contains(QLatin1String("SWMR")), qPrintable((*file)->openNote()));
    auto big = HierarchyReader(*file).listLinks(QStringLiteral("/big"), ChildOrder::Name, 0, 1000);
    QVERIFY(big.ok());
    QCOMPARE(big->entries.size(), size_t(50));
}

QTEST_GUILESS_MAIN(TestH5File)
#include "tst_h5file.moc"
