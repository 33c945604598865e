// An acknowledged edit is on disk: a child process applies edits through core
// (FileSession's write queue) and reports each one the session acknowledged;
// the test kills it with SIGKILL at random moments (fixed seed) and checks that
// the file opens with the HDF5 library, can be walked whole, and holds every
// acknowledged edit.

#include "durabilityedit.h"

#include "hdf5/journaldriver.h"
#include "services/h5file.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <hdf5.h>

#include <csignal>
#include <sys/types.h>

class TestEditDurability : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedAtRandomMoments();
    void completesWhenLeftAlone();

private:
    QList<int> runDriver(const QString &file, int count, int killAfterAcks, int extraMicros, bool *killed);
    // Empty when the file opens and every object in it opens; else what failed.
    static QString walkProblem(const QString &file);
};

namespace {
constexpr int Edits = 120;

herr_t visitOne(hid_t obj, const char *name, const H5O_info_t *, void *)
{
    // Opening every object reads its header: a torn header fails here.
    const hid_t o = H5Oopen(obj, name, H5P_DEFAULT);
    if (o < 0)
        return -1;
    H5Oclose(o);
    return 0;
}
} // namespace

QList<int> TestEditDurability::runDriver(const QString &file, int count, int killAfterAcks, int extraMicros, bool *killed)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(QStringLiteral(HYPERSLAB_EDITDRIVER), {file, QString::number(count)});
    if (!p.waitForStarted())
        return {};
    QList<int> acks;
    QByteArray pending;
    *killed = false;
    while (p.state() != QProcess::NotRunning || p.bytesAvailable() > 0) {
        if (p.bytesAvailable() == 0)
            p.waitForReadyRead(100);
        pending += p.readAllStandardOutput();
        int nl;
        while ((nl = pending.indexOf('\n')) >= 0) {
            const QByteArray line = pending.left(nl);
            pending.remove(0, nl + 1);
            if (line.startsWith("ack "))
                acks << line.mid(4).toInt();
        }
        if (!*killed && killAfterAcks >= 0 && acks.size() >= killAfterAcks) {
            if (extraMicros > 0)
                QThread::usleep(ulong(extraMicros)); // a random moment inside a later edit
            ::kill(pid_t(p.processId()), SIGKILL);
            *killed = true;
        }
        if (p.state() == QProcess::NotRunning && p.bytesAvailable() == 0)
            break;
    }
    p.waitForFinished();
    // Acknowledgements already written before the kill are still in the pipe.
    pending += p.readAllStandardOutput();
    for (const QByteArray &line : pending.split('\n'))
        if (line.startsWith("ack "))
            acks << line.mid(4).toInt();
    return acks;
}

QString TestEditDurability::walkProblem(const QString &file)
{
    const hid_t f = H5Fopen(QFile::encodeName(file).constData(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (f < 0) {
        QFile::copy(file, QDir::temp().filePath(QStringLiteral("durability-failed.h5")));
        return QStringLiteral("the file does not open (kept as durability-failed.h5 in the temp folder)");
    }
    const herr_t r = H5Ovisit(f, H5_INDEX_NAME, H5_ITER_NATIVE, visitOne, nullptr);
    H5Fclose(f);
    if (r < 0) {
        QFile::copy(file, QDir::temp().filePath(QStringLiteral("durability-failed.h5")));
        return QStringLiteral("an object in it does not open (kept as durability-failed.h5 in the temp folder)");
    }
    return {};
}

void TestEditDurability::killedAtRandomMoments()
{
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    QTemporaryDir dir;
    QRandomGenerator rng(20261206); // fixed seed: the same moments every run
    int killedRuns = 0, journaled = 0;
    for (int round = 0; round < 24; ++round) {
        const QString file = dir.filePath(QStringLiteral("durable%1.h5").arg(round));
        QVERIFY(hs::test::writeDurabilityFile(file, Edits));
        const int after = 1 + int(rng.bounded(Edits - 20));
        const int micros = int(rng.bounded(3000));
        bool killed = false;
        const QList<int> acks = runDriver(file, Edits, after, micros, &killed);
        QVERIFY2(acks.size() >= after, qPrintable(QStringLiteral("round %1: %2 acks").arg(round).arg(acks.size())));
        killedRuns += killed ? 1 : 0;
        // Killed while writing the file itself: the journal beside it completes
        // that save when Hyperslab next opens the file (before that, the file may
        // be torn — HDF5 has no atomic flush). Otherwise the file must open as is.
        if (QFile::exists(hs::core::journaldriver::journalPath(file))) {
            ++journaled;
            auto reopened = hs::core::H5File::open(file);
            QVERIFY2(reopened.ok(), qPrintable(reopened.ok() ? QString() : reopened.error().message));
            QVERIFY(!QFile::exists(hs::core::journaldriver::journalPath(file)));
        }
        const QString problem = walkProblem(file);
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("round %1, killed after %2 acks: %3").arg(round).arg(acks.size()).arg(problem)));
        for (int n : acks) {
            QString why;
            QVERIFY2(hs::test::hasDurabilityEdit(file, n, &why),
                     qPrintable(QStringLiteral("round %1 (killed after %2 acks): acknowledged edit %3 lost: %4")
                                    .arg(round)
                                    .arg(acks.size())
                                    .arg(n)
                                    .arg(why)));
        }
    }
    QVERIFY(killedRuns >= 20); // the kills really happened mid-series
    qInfo("%d of %d kills left a save journal that the next open completed", journaled, killedRuns);
}

void TestEditDurability::completesWhenLeftAlone()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("all.h5"));
    QVERIFY(hs::test::writeDurabilityFile(file, 20));
    bool killed = false;
    const QList<int> acks = runDriver(file, 20, -1, 0, &killed);
    QCOMPARE(acks.size(), 20);
    for (int n = 0; n < 20; ++n) {
        QString why;
        QVERIFY2(hs::test::hasDurabilityEdit(file, n, &why), qPrintable(why));
    }
}

QTEST_GUILESS_MAIN(TestEditDurability)
#include "tst_editdurability.moc"
