// ImageReducer: block means and block min/max of 2-D slices equal a
// brute-force pass over the values written: contiguous and gzip-chunked
// datasets, sizes that the pixel grid does not divide, sub-rectangles (zoom),
// a 2-D slice of a 3-D dataset, NaN/Inf/missing values left out, gaps.

#include "plotcheck.h"
#include "plotfixture.h"

#include "hdf5/librarylock.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "plot/imagereducer.h"
#include "services/h5file.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hs::core;
using namespace hs::plottest;

namespace {

constexpr hsize_t kRows = 203, kCols = 317;
constexpr hsize_t kD0 = 6, kD1 = 50, kD2 = 70;
constexpr double kFill = -1;

} // namespace

class TestImageReducer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    H5FilePtr m_file;
    std::vector<double> m_image, m_cube;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("image.h5"));
        m_image.resize(kRows * kCols);
        for (hsize_t r = 0; r < kRows; ++r)
            for (hsize_t c = 0; c < kCols; ++c)
                m_image[r * kCols + c] = double((r * 131 + c * 71) % 1009) - 300.25 + 0.001 * double(c);
        // A block of NaN larger than a pixel, scattered Inf, fill values.
        for (hsize_t r = 40; r < 90; ++r)
            for (hsize_t c = 100; c < 180; ++c)
                m_image[r * kCols + c] = NaN;
        for (hsize_t i = 5; i < m_image.size(); i += 997)
            m_image[i] = (i % 2) ? Inf : -Inf;
        for (hsize_t i = 3; i < m_image.size(); i += 501)
            m_image[i] = kFill;
        m_cube.resize(kD0 * kD1 * kD2);
        for (size_t i = 0; i < m_cube.size(); ++i)
            m_cube[i] = double((i * 7919) % 4099) * 0.5;
        {
            LibraryLock lock;
            const hid_t f = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            QVERIFY(f >= 0);
            DatasetSpec s;
            s.name = "contiguous";
            s.dims = {kRows, kCols};
            s.fill = &kFill;
            QVERIFY(writeDataset(f, s, m_image));
            s.name = "gzip";
            s.chunk = {32, 48};
            s.gzip = true;
            s.fileType = H5T_IEEE_F32LE; // the brute force rounds the values as the file stores them
            QVERIFY(writeDataset(f, s, m_image));
            s.name = "cube";
            s.dims = {kD0, kD1, kD2};
            s.chunk = {2, 16, 16};
            s.fill = nullptr;
            s.fileType = H5T_IEEE_F64LE;
            QVERIFY(writeDataset(f, s, m_cube));
            H5Fclose(f);
        }
        auto file = H5File::open(path);
        QVERIFY(file);
        m_file = file.value();
    }

    void cleanupTestCase()
    {
        JobRunner::instance().waitForIdle();
        m_file.reset();
    }

    void matchesBruteForce_data()
    {
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<QString>("select");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<bool>("minmax");
        QTest::addColumn<QList<quint64>>("rect"); // row0, rows, col0, cols (empty: all)
        QTest::addColumn<quint64>("tile");
        const QList<quint64> all;
        QTest::newRow("contiguous mean 40x30") << "/contiguous" << "[:, :]" << 40 << 30 << false << all << quint64(5000);
        QTest::newRow("contiguous minmax 40x30") << "/contiguous" << "[:, :]" << 40 << 30 << true << all << quint64(5000);
        QTest::newRow("contiguous mean 1x1") << "/contiguous" << "[:, :]" << 1 << 1 << false << all << quint64(0);
        QTest::newRow("contiguous larger than data") << "/contiguous" << "[:, :]" << 1000 << 1000 << true << all
                                                     << quint64(999);
        QTest::newRow("gzip mean 64x64") << "/gzip" << "[:, :]" << 64 << 64 << false << all << quint64(3000);
        QTest::newRow("gzip minmax 17x23") << "/gzip" << "[:, :]" << 17 << 23 << true << all << quint64(1536);
        QTest::newRow("gzip zoom mean") << "/gzip" << "[:, :]" << 20 << 10 << false
                                        << QList<quint64>{33, 101, 57, 150} << quint64(2000);
        QTest::newRow("gzip zoom minmax in the NaN block")
            << "/gzip" << "[:, :]" << 8 << 8 << true << QList<quint64>{45, 30, 110, 40} << quint64(700);
        QTest::newRow("cube slice") << "/cube" << "[3, :, :]" << 9 << 7 << true << all << quint64(256);
        QTest::newRow("cube transposed-axes slice") << "/cube" << "[:, 5, :]" << 5 << 3 << false << all << quint64(100);
        QTest::newRow("strided") << "/contiguous" << "[1::3, ::2]" << 11 << 13 << true << all << quint64(400);
    }

    void matchesBruteForce()
    {
        QFETCH(QString, dataset);
        QFETCH(QString, select);
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(bool, minmax);
        QFETCH(QList<quint64>, rect);
        QFETCH(quint64, tile);

        auto reader = DatasetReader::open(m_file, dataset);
        QVERIFY(reader);
        const std::vector<quint64> shape = reader.value()->shape().dims;
        auto sel = Selection::parse(select, shape);
        QVERIFY(sel);
        auto source = PlotSource::open(m_file, dataset, sel.value());
        QVERIFY2(source, qPrintable(source ? QString() : source.error().message));
        const auto mode = minmax ? ReducedImage::Mode::MinMax : ReducedImage::Mode::Mean;
        auto red = rect.isEmpty()
                       ? ImageReducer::create(source.value(), width, height, mode)
                       : ImageReducer::create(source.value(), width, height, mode, rect[0], rect[1], rect[2], rect[3]);
        QVERIFY(red);
        if (tile)
            red.value()->setTileElements(tile);
        const Status st = red.value()->run();
        QVERIFY2(st, qPrintable(st ? QString() : st.error().message));
        const auto img = red.value()->takeOutput();

        // Brute force from the values written (float32 datasets: rounded as stored).
        const bool f32 = dataset == QLatin1String("/gzip");
        const bool hasFill = dataset != QLatin1String("/cube");
        const std::vector<double> &all = dataset == QLatin1String("/cube") ? m_cube : m_image;
        const std::vector<quint64> rs = sel.value().resultShape();
        auto valueAt = [&](quint64 r, quint64 c) {
            quint64 flat = 0;
            int k = 0;
            for (size_t d = 0; d < shape.size(); ++d) {
                const DimSlice &s = sel.value().dims()[d];
                const quint64 idx = s.dropped ? s.start : s.datasetIndex(k++ == 0 ? r : c);
                flat = flat * shape[d] + idx;
            }
            const double v = all[flat];
            return f32 ? double(float(v)) : v;
        };
        const quint64 row0 = rect.isEmpty() ? 0 : rect[0], col0 = rect.isEmpty() ? 0 : rect[2];
        const quint64 rows = rect.isEmpty() ? rs[0] : rect[1], cols = rect.isEmpty() ? rs[1] : rect[3];
        const quint64 fr = (rows + quint64(height) - 1) / quint64(height), fc = (cols + quint64(width) - 1) / quint64(width);
        QCOMPARE(img->rowFactor, fr);
        QCOMPARE(img->colFactor, fc);
        QCOMPARE(img->outRows, int((rows + fr - 1) / fr));
        QCOMPARE(img->outCols, int((cols + fc - 1) / fc));
        QVERIFY(img->outRows <= height && img->outCols <= width);
        quint64 gaps = 0, nonFinite = 0, missing = 0;
        for (int i = 0; i < img->outRows; ++i) {
            for (int j = 0; j < img->outCols; ++j) {
                double sum = 0, mn = NaN, mx = NaN;
                quint32 valid = 0;
                for (quint64 r = row0 + quint64(i) * fr; r < std::min(row0 + rows, row0 + quint64(i + 1) * fr); ++r) {
                    for (quint64 c = col0 + quint64(j) * fc; c < std::min(col0 + cols, col0 + quint64(j + 1) * fc);
                         ++c) {
                        const double x = valueAt(r, c);
                        if (!std::isfinite(x)) {
                            ++nonFinite;
                            continue;
                        }
                        if (hasFill && x == kFill) {
                            ++missing;
                            continue;
                        }
                        sum += x;
                        mn = valid ? std::min(mn, x) : x;
                        mx = valid ? std::max(mx, x) : x;
                        ++valid;
                    }
                }
                const size_t px = size_t(i) * size_t(img->outCols) + size_t(j);
                const QString where = QStringLiteral("pixel %1,%2").arg(i).arg(j);
                QCOMPARE(img->valid[px], valid);
                gaps += valid == 0;
                if (minmax) {
                    PLOT_COMPARE_EXACT(img->min[px], mn, where + QStringLiteral(" min"));
                    PLOT_COMPARE_EXACT(img->max[px], mx, where + QStringLiteral(" max"));
                } else {
                    // Sums in another order: equal to a few ulps.
                    const double expected = valid ? sum / valid : NaN;
                    if (valid == 0)
                        QVERIFY(std::isnan(img->mean[px]));
                    else
                        QVERIFY2(std::abs(img->mean[px] - expected) <= 1e-12 * std::max(1.0, std::abs(expected)),
                                 qPrintable(where));
                }
            }
        }
        QCOMPARE(img->nonFinite, nonFinite);
        QCOMPARE(img->missing, missing);
        if (QTest::currentDataTag() == QLatin1String("gzip zoom minmax in the NaN block"))
            QVERIFY(gaps > 0);
    }

    void jobDeliversTheImage()
    {
        auto source = PlotSource::open(m_file, QStringLiteral("/gzip"), Selection::all({kRows, kCols}));
        QVERIFY(source);
        auto red = ImageReducer::create(source.value(), 50, 40, ReducedImage::Mode::MinMax);
        QVERIFY(red);
        red.value()->setTileElements(2000);
        std::shared_ptr<const ReducedImage> got;
        std::unique_ptr<JobTicket> ticket(JobRunner::instance().start(std::make_unique<ReductionJob<ImageReducer>>(
            std::move(red).value(), [&](Result<std::shared_ptr<const ReducedImage>> r) {
                QVERIFY(r);
                got = r.value();
            })));
        QSignalSpy finished(ticket.get(), &JobTicket::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(got);
        QCOMPARE(got->outRows, 34); // 203 rows by 6
        QCOMPARE(got->outCols, 46); // 317 columns by 7
        QCOMPARE(ticket->progressDone(), qint64(kRows * kCols));
        QCOMPARE(got->rowsDone, kRows);
    }


    // The part read by the first tile is on screen at once: the first partial
    // result does not wait for the partial interval (here far longer than the job).
    void firstPartialComesAfterTheFirstTile()
    {
        auto source = PlotSource::open(m_file, QStringLiteral("/contiguous"), Selection::all({kRows, kCols}));
        QVERIFY(source);
        auto red = ImageReducer::create(source.value(), 50, 40, ReducedImage::Mode::Mean);
        QVERIFY(red);
        red.value()->setTileElements(kCols * 12);
        int partials = 0;
        quint64 firstRows = 0;
        bool done = false;
        std::unique_ptr<JobTicket> ticket(JobRunner::instance().start(std::make_unique<ReductionJob<ImageReducer>>(
            std::move(red).value(), [&](Result<std::shared_ptr<const ReducedImage>>) { done = true; },
            [&](std::shared_ptr<const ReducedImage> snap) {
                if (partials++ == 0)
                    firstRows = snap->rowsDone;
            },
            60 * 60 * 1000)));
        QTRY_VERIFY(done);
        QCOMPARE(partials, 1);
        QVERIFY(firstRows > 0 && firstRows < kRows);
    }

    void snapshotsFillInRowByRow()
    {
        auto source = PlotSource::open(m_file, QStringLiteral("/contiguous"), Selection::all({kRows, kCols}));
        QVERIFY(source);
        auto red = ImageReducer::create(source.value(), 50, 40, ReducedImage::Mode::Mean);
        QVERIFY(red);
        red.value()->setTileElements(kCols * 12); // 12 whole rows per tile: 2 pixel rows
        QVERIFY(red.value()->step());
        QVERIFY(red.value()->step());
        const auto snap = red.value()->snapshot();
        QCOMPARE(snap->rowsDone, quint64(24));
        QVERIFY(red.value()->run());
        const auto fin = red.value()->takeOutput();
        for (int i = 0; i < snap->outRows; ++i)
            for (int j = 0; j < snap->outCols; ++j) {
                const size_t px = size_t(i) * size_t(snap->outCols) + size_t(j);
                if (quint64(i + 1) * snap->rowFactor <= snap->rowsDone)
                    PLOT_COMPARE_EXACT(snap->mean[px], fin->mean[px], QStringLiteral("pixel %1,%2").arg(i).arg(j));
                else if (quint64(i) * snap->rowFactor >= snap->rowsDone)
                    QCOMPARE(snap->valid[px], quint32(0));
            }
    }

    void oneDimensionIsRefused()
    {
        auto source = PlotSource::open(m_file, QStringLiteral("/contiguous"),
                                       Selection::parse(QStringLiteral("[3, :]"), {kRows, kCols}).value());
        QVERIFY(source);
        auto red = ImageReducer::create(source.value(), 10, 10);
        QVERIFY(!red);
        QVERIFY(red.error().message.contains(QLatin1String("two dimensions")));
        auto image = PlotSource::open(m_file, QStringLiteral("/contiguous"), Selection::all({kRows, kCols}));
        QVERIFY(image);
        QVERIFY(!ImageReducer::create(image.value(), 0, 10));
        QVERIFY(!ImageReducer::create(image.value(), 100000, 100000));
    }
};

QTEST_GUILESS_MAIN(TestImageReducer)
#include "tst_imagereducer.moc"
