// TilePager and DatasetTableModel under concurrency, QtCore only, so the
// ThreadSanitizer build runs it (scripts/test.sh, tsan_tests): tiles read on
// pool threads while the GUI thread scrolls, replaces views, evicts, drops
// stale results and destroys pagers with reads in flight. Values are checked,
// so a result delivered to the wrong view or tile fails here, not only under TSan.

#include "jobs/jobrunner.h"
#include "model/selection.h"
#include "models/datasettablemodel.h"
#include "models/tilepager.h"
#include "services/datasetreader.h"
#include "services/h5file.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <hdf5.h>

#include <vector>

using namespace hs::core;

namespace {

constexpr hsize_t MatrixRows = 1000, MatrixCols = 300;

int matrixValue(quint64 r, quint64 c)
{
    return int(r * 1000 + c);
}

bool writeFile(const QString &path)
{
    const hid_t f = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (f < 0)
        return false;
    bool ok = true;
    {
        // Nothing written: every tile is the fill value, read fast.
        const hsize_t dims[2] = {hsize_t(1) << 40, hsize_t(1) << 20};
        const hsize_t chunk[2] = {256, 256};
        const hid_t space = H5Screate_simple(2, dims, nullptr);
        const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
        H5Pset_chunk(dcpl, 2, chunk);
        const int fill = 42;
        H5Pset_fill_value(dcpl, H5T_NATIVE_INT, &fill);
        const hid_t d = H5Dcreate2(f, "huge", H5T_STD_I32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
        ok = ok && d >= 0;
        H5Dclose(d);
        H5Pclose(dcpl);
        H5Sclose(space);
    }
    {
        // Small chunks: many tiles for a few screens.
        const hsize_t dims[2] = {MatrixRows, MatrixCols};
        const hsize_t chunk[2] = {40, 40};
        std::vector<int> v(MatrixRows * MatrixCols);
        for (hsize_t r = 0; r < MatrixRows; ++r)
            for (hsize_t c = 0; c < MatrixCols; ++c)
                v[r * MatrixCols + c] = matrixValue(r, c);
        const hid_t space = H5Screate_simple(2, dims, nullptr);
        const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
        H5Pset_chunk(dcpl, 2, chunk);
        const hid_t d = H5Dcreate2(f, "matrix", H5T_STD_I32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
        ok = ok && d >= 0 && H5Dwrite(d, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) >= 0;
        H5Dclose(d);
        H5Pclose(dcpl);
        H5Sclose(space);
    }
    for (const auto &[name, n] : {std::pair{"rowscale", MatrixRows}, std::pair{"colscale", MatrixCols}}) {
        // 1-D labels for the rows and columns: value = 10 x index.
        std::vector<int> v(n);
        for (hsize_t i = 0; i < n; ++i)
            v[i] = int(10 * i);
        const hsize_t dims[1] = {n};
        const hsize_t chunk[1] = {16};
        const hid_t space = H5Screate_simple(1, dims, nullptr);
        const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
        H5Pset_chunk(dcpl, 1, chunk);
        const hid_t d = H5Dcreate2(f, name, H5T_STD_I32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
        ok = ok && d >= 0 && H5Dwrite(d, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) >= 0;
        H5Dclose(d);
        H5Pclose(dcpl);
        H5Sclose(space);
    }
    return H5Fclose(f) >= 0 && ok;
}

bool idle(const TilePager &p)
{
    return p.inFlightCount() == 0 && p.queuedCount() == 0;
}

// Element (r, c) of a [r0::rs, c0::cs] view of /matrix.
QString stridedText(quint64 r, quint64 c, quint64 rs, quint64 cs)
{
    return QString::number(matrixValue(r * rs, c * cs));
}

} // namespace

class TestTilePager : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    H5FilePtr m_file;

    DatasetReaderPtr reader(const QString &path)
    {
        auto r = DatasetReader::open(m_file, path);
        if (!r)
            qWarning() << r.error().message;
        return r ? r.value() : nullptr;
    }

    static Selection strided(quint64 rs, quint64 cs)
    {
        Selection s = Selection::all({MatrixRows, MatrixCols});
        s.dims()[0].stride = rs;
        s.dims()[0].count = (MatrixRows + rs - 1) / rs;
        s.dims()[1].stride = cs;
        s.dims()[1].count = (MatrixCols + cs - 1) / cs;
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("tiles.h5"));
        QVERIFY(writeFile(path));
        auto f = H5File::open(path);
        QVERIFY(f.ok());
        m_file = f.value();
    }

    void cleanup()
    {
        // Nothing of one test may still run into the next.
        QVERIFY(JobRunner::instance().waitForIdle(30000));
        QCoreApplication::processEvents();
    }

    void cleanupTestCase()
    {
        m_file.reset();
    }

    void scrollingWhileTilesArriveShowsTheRightValues()
    {
        DatasetTableModel model(reader(QStringLiteral("/matrix")));
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setView(Selection::all({MatrixRows, MatrixCols}), false);
        // Scroll down and right in steps faster than the reads: every request
        // replaces the queue while reads of the previous ones are in flight.
        for (quint64 step = 0; step < 60; ++step) {
            model.setWindow(step * 15, (step * 4) % MatrixCols, 30, 12);
            if (step % 7 == 0)
                QCoreApplication::processEvents(); // let some results land between requests
        }
        QTRY_VERIFY_WITH_TIMEOUT(idle(*model.pager()), 30000);
        for (int r = 0; r < model.rowCount(); ++r)
            for (int c = 0; c < model.columnCount(); ++c) {
                const quint64 row = model.topRow() + quint64(r), col = model.leftColumn() + quint64(c);
                QVERIFY2(model.isLoaded(row, col), qPrintable(QStringLiteral("(%1, %2) not loaded").arg(row).arg(col)));
                QCOMPARE(model.cellText(row, col), QString::number(matrixValue(row, col)));
            }
    }

    void resultsOfAReplacedViewAreDropped()
    {
        TilePager pager(reader(QStringLiteral("/matrix")));
        QSignalSpy arrived(&pager, &TilePager::blockArrived);
        // Alternate views faster than the reads; results of every view but the
        // last carry an old generation and must not enter the cache.
        const quint64 strides[][2] = {{1, 1}, {3, 2}, {1, 1}, {7, 5}, {2, 3}};
        for (int round = 0; round < 8; ++round)
            for (const auto &s : strides) {
                pager.setView(strided(s[0], s[1]), false);
                pager.request(0, 50, 0, 20);
                if (round % 3 == 0)
                    QCoreApplication::processEvents();
            }
        QTRY_VERIFY_WITH_TIMEOUT(idle(pager), 30000);
        QVERIFY(!arrived.isEmpty());
        // The last view is [::2, ::3]: every cached cell holds that view's value.
        for (quint64 r = 0; r < 50; ++r)
            for (quint64 c = 0; c < 20; ++c) {
                const DataBlockPtr b = pager.blockAt(r, c);
                QVERIFY2(b, qPrintable(QStringLiteral("(%1, %2)").arg(r).arg(c)));
                QCOMPARE(b->cellText(r - b->row0, c - b->col0, 0, {}), stridedText(r, c, 2, 3));
            }
    }

    void cacheStaysBoundedWhileEvictingUnderLoad()
    {
        TilePager pager(reader(QStringLiteral("/huge")));
        pager.setCacheLimit(1u << 20); // a few 256x256 int32 tiles
        pager.setView(Selection::all({quint64(1) << 40, quint64(1) << 20}), false);
        size_t worst = 0;
        connect(&pager, &TilePager::blockArrived, this, [&] { worst = std::max(worst, pager.cachedBytes()); });
        for (quint64 i = 0; i < 40; ++i) {
            pager.request(i * 997 * pager.tileRows(), 60, (i % 5) * pager.tileCols(), 30);
            if (i % 4 == 0)
                QCoreApplication::processEvents();
        }
        const quint64 lastRow = 39 * 997 * pager.tileRows(), lastCol = 4 * pager.tileCols();
        QTRY_VERIFY_WITH_TIMEOUT(idle(pager), 30000);
        QVERIFY(worst > 0);
        QVERIFY2(worst <= pager.cacheLimit(), qPrintable(QStringLiteral("%1 > %2").arg(worst).arg(pager.cacheLimit())));
        const DataBlockPtr b = pager.blockAt(lastRow, lastCol);
        QVERIFY(b);
        QCOMPARE(b->cellText(0, 0, 0, {}), QStringLiteral("42"));
    }

    void pagersSharingOneReaderReadConcurrently()
    {
        // Two grids of one dataset (DatasetReader is shared and thread-safe):
        // up to four reads at once on one dataset handle.
        const DatasetReaderPtr shared = reader(QStringLiteral("/matrix"));
        TilePager plain(shared), transposed(shared);
        plain.setView(Selection::all({MatrixRows, MatrixCols}), false);
        transposed.setView(Selection::all({MatrixRows, MatrixCols}), true);
        for (quint64 i = 0; i < 10; ++i) {
            plain.request(i * 90, 90, 0, MatrixCols);
            transposed.request(0, MatrixCols, i * 90, 90);
            QCoreApplication::processEvents();
        }
        QTRY_VERIFY_WITH_TIMEOUT(idle(plain) && idle(transposed), 30000);
        for (quint64 r = 810; r < 900; r += 7)
            for (quint64 c = 0; c < MatrixCols; c += 13) {
                const DataBlockPtr a = plain.blockAt(r, c), b = transposed.blockAt(c, r);
                QVERIFY(a && b);
                QCOMPARE(a->cellText(r - a->row0, c - a->col0, 0, {}), QString::number(matrixValue(r, c)));
                QCOMPARE(b->cellText(c - b->row0, r - b->col0, 0, {}), QString::number(matrixValue(r, c)));
            }
    }

    void destroyingPagersWithReadsInFlightIsSafe()
    {
        // Each pager goes while its reads run: their results must be dropped,
        // never delivered to a deleted pager.
        for (int i = 0; i < 20; ++i) {
            auto *pager = new TilePager(reader(QStringLiteral("/matrix")));
            QSignalSpy arrived(pager, &TilePager::blockArrived);
            pager->setView(Selection::all({MatrixRows, MatrixCols}), i % 2 == 1);
            pager->request(quint64(i % 5) * 40, 80, 0, 120);
            QVERIFY(pager->inFlightCount() > 0);
            if (i % 3 == 0)
                QCoreApplication::processEvents();
            delete pager;
        }
        QVERIFY(JobRunner::instance().waitForIdle(30000));
        QCoreApplication::processEvents(); // late posts reach the relays and are dropped
        QCOMPARE(JobRunner::instance().activeJobCount(), 0);
    }

    void scalePagersReplacedWhileLoading()
    {
        DatasetTableModel model(reader(QStringLiteral("/matrix")));
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const std::vector<DatasetReaderPtr> scales{reader(QStringLiteral("/rowscale")), reader(QStringLiteral("/colscale"))};
        model.setView(Selection::all({MatrixRows, MatrixCols}), false);
        // Every setView and setDimensionScales deletes the scale pagers, whose
        // reads are in flight, and makes new ones.
        for (int i = 0; i < 12; ++i) {
            model.setDimensionScales(scales);
            model.setWindow(quint64(i) * 37, quint64(i) * 11, 25, 10);
            model.setView(i % 2 ? strided(2, 1) : Selection::all({MatrixRows, MatrixCols}), i % 4 == 3);
            if (i % 5 == 0)
                QCoreApplication::processEvents();
        }
        model.setView(Selection::all({MatrixRows, MatrixCols}), false);
        model.setDimensionScales(scales);
        model.setWindow(500, 100, 25, 10);
        QVERIFY(model.rowsHaveScale() && model.columnsHaveScale());
        QTRY_COMPARE_WITH_TIMEOUT(model.headerData(0, Qt::Vertical).toString(), QStringLiteral("5000"), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(model.headerData(9, Qt::Horizontal).toString(), QStringLiteral("1090"), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(idle(*model.pager()), 30000);
        QCOMPARE(model.cellText(500, 100), QString::number(matrixValue(500, 100)));
    }
};

QTEST_GUILESS_MAIN(TestTilePager)
#include "tst_tilepager.moc"
