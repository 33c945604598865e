// Decimator: every column's min and max equal a brute-force pass over the
// values written, for 1-D datasets and 1-D slices of 2-D and 3-D ones, over
// whole series and zoomed ranges, with NaN runs, +/-Inf and missing values,
// lengths that are not a multiple of the width and tiles that do not line up
// with columns. Also the points fast path and cancellation.

#include "plotcheck.h"
#include "plotfixture.h"

#include "hdf5/librarylock.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "plot/decimator.h"
#include "services/h5file.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hs::core;
using namespace hs::plottest;

namespace {

constexpr hsize_t kSeries = 100003; // prime: no width divides it
constexpr hsize_t kRows = 300, kCols = 517;
constexpr hsize_t kD0 = 20, kD1 = 31, kD2 = 40;
constexpr double kMissing = -9999;

} // namespace

class TestDecimator : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    H5FilePtr m_file;
    std::vector<double> m_series, m_grid, m_cube;

    // The values of `selection` over `dataset`, from what was written.
    std::vector<double> truth(const QString &dataset, const Selection &sel) const
    {
        const std::vector<double> &all = dataset == QLatin1String("/grid") ? m_grid
                                         : dataset == QLatin1String("/cube") ? m_cube
                                                                             : m_series;
        const std::vector<quint64> &shape = sel.datasetShape();
        const int rd = sel.datasetDimOf(0);
        std::vector<double> out;
        for (quint64 i = 0; i < sel.resultShape()[0]; ++i) {
            quint64 flat = 0;
            for (size_t d = 0; d < shape.size(); ++d) {
                const DimSlice &s = sel.dims()[d];
                flat = flat * shape[d] + (int(d) == rd ? s.datasetIndex(i) : s.start);
            }
            out.push_back(all[flat]);
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("series.h5"));
        m_series = awkwardSeries(kSeries, kMissing);
        m_grid = awkwardSeries(kRows * kCols, kMissing);
        m_cube = awkwardSeries(kD0 * kD1 * kD2, kMissing);
        {
            LibraryLock lock;
            const hid_t f = H5Fcreate(QFile::encodeName(m_path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            QVERIFY(f >= 0);
            DatasetSpec s;
            s.name = "series";
            s.dims = {kSeries};
            s.attributes = {{"_FillValue", kMissing}};
            QVERIFY(writeDataset(f, s, m_series));
            s.name = "chunked"; // the same values, no missing value: -9999 is data here
            s.attributes.clear();
            s.chunk = {1000};
            s.gzip = true;
            QVERIFY(writeDataset(f, s, m_series));
            s.name = "grid";
            s.dims = {kRows, kCols};
            s.chunk = {64, 64};
            QVERIFY(writeDataset(f, s, m_grid));
            s.name = "cube";
            s.dims = {kD0, kD1, kD2};
            s.chunk = {4, 8, 8};
            s.gzip = false;
            QVERIFY(writeDataset(f, s, m_cube));
            H5Fclose(f);
        }
        auto file = H5File::open(m_path);
        QVERIFY(file);
        m_file = file.value();
    }

    void cleanupTestCase()
    {
        JobRunner::instance().waitForIdle();
        m_file.reset();
    }

    void columnsMatchBruteForce_data()
    {
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<QString>("select");
        QTest::addColumn<quint64>("first");
        QTest::addColumn<quint64>("last");
        QTest::addColumn<int>("width");
        QTest::addColumn<quint64>("tile");
        const quint64 all = ~quint64(0);
        QTest::newRow("series, whole, 800 px") << "/series" << "[:]" << quint64(0) << all << 800 << quint64(4096);
        QTest::newRow("series, whole, 1 px") << "/series" << "[:]" << quint64(0) << all << 1 << quint64(1000);
        QTest::newRow("series, whole, 997 px, default tiles") << "/series" << "[:]" << quint64(0) << all << 997
                                                              << quint64(0);
        QTest::newRow("series, zoomed") << "/series" << "[:]" << quint64(12345) << quint64(40000) << 640
                                        << quint64(777);
        QTest::newRow("series, inside the NaN run") << "/series" << "[:]" << quint64(kSeries / 7 + 10)
                                                    << quint64(kSeries / 7 + 5000) << 100 << quint64(333);
        QTest::newRow("series, strided") << "/series" << "[3::7]" << quint64(0) << all << 300 << quint64(1024);
        QTest::newRow("chunked gzip, whole") << "/chunked" << "[:]" << quint64(0) << all << 1280 << quint64(2500);
        QTest::newRow("chunked gzip, zoomed") << "/chunked" << "[:]" << quint64(999) << quint64(50001) << 333
                                              << quint64(1500);
        QTest::newRow("grid, a row") << "/grid" << "[7, :]" << quint64(0) << all << 100 << quint64(64);
        QTest::newRow("grid, a column") << "/grid" << "[:, 13]" << quint64(0) << all << 50 << quint64(100);
        QTest::newRow("grid, last column, zoomed") << "/grid" << "[:, -1]" << quint64(17) << quint64(290) << 60
                                                   << quint64(50);
        QTest::newRow("grid, strided column") << "/grid" << "[::3, 2]" << quint64(0) << all << 40 << quint64(30);
        QTest::newRow("cube, a line") << "/cube" << "[5, :, 17]" << quint64(0) << all << 10 << quint64(7);
        QTest::newRow("cube, last axis") << "/cube" << "[19, 30, :]" << quint64(0) << all << 13 << quint64(9);
    }

    void columnsMatchBruteForce()
    {
        QFETCH(QString, dataset);
        QFETCH(QString, select);
        QFETCH(quint64, first);
        QFETCH(quint64, last);
        QFETCH(int, width);
        QFETCH(quint64, tile);

        auto reader = DatasetReader::open(m_file, dataset);
        QVERIFY(reader);
        auto sel = Selection::parse(select, reader.value()->shape().dims);
        QVERIFY(sel);
        auto source = PlotSource::open(m_file, dataset, sel.value());
        QVERIFY2(source, qPrintable(source ? QString() : source.error().message));
        auto dec = Decimator::create(source.value(), first, last, width);
        QVERIFY(dec);
        if (tile)
            dec.value()->setTileElements(tile);
        const Status st = dec.value()->run();
        QVERIFY2(st, qPrintable(st ? QString() : st.error().message));
        QCOMPARE(dec.value()->done(), dec.value()->total());
        const auto out = dec.value()->takeOutput();

        const std::vector<double> values = truth(dataset, sel.value());
        last = std::min<quint64>(last, values.size());
        QCOMPARE(out->first, first);
        QCOMPARE(out->last, last);
        const quint64 n = last - first;
        QVERIFY(n >= 2 * quint64(width)); // these cases test columns
        QVERIFY(!out->isPoints);
        QCOMPARE(out->columns.size(), size_t(width));
        const bool cf = dataset == QLatin1String("/series");
        quint64 gaps = 0;
        for (int c = 0; c < width; ++c) {
            const quint64 s = first + quint64((unsigned __int128)n * unsigned(c) / unsigned(width));
            const quint64 e = first + quint64((unsigned __int128)n * unsigned(c + 1) / unsigned(width));
            const Decimation::Column &col = out->columns[size_t(c)];
            QCOMPARE(col.first, s);
            QCOMPARE(col.count, e - s);
            double mn = NaN, mx = NaN, fv = NaN, lv = NaN;
            quint64 valid = 0;
            std::uint8_t flags = 0;
            for (quint64 i = s; i < e; ++i) {
                const double x = values[i];
                if (std::isnan(x)) {
                    flags |= Decimation::Column::HasNaN;
                } else if (std::isinf(x)) {
                    flags |= x > 0 ? Decimation::Column::HasPosInf : Decimation::Column::HasNegInf;
                } else if (cf && x == kMissing) {
                    flags |= Decimation::Column::HasMissing;
                } else {
                    if (valid == 0)
                        mn = mx = fv = x;
                    mn = std::min(mn, x);
                    mx = std::max(mx, x);
                    lv = x;
                    ++valid;
                }
            }
            const QString where = QStringLiteral("column %1").arg(c);
            QCOMPARE(col.valid, valid);
            QCOMPARE(int(col.flags), int(flags));
            QCOMPARE(col.isGap(), valid == 0);
            gaps += col.isGap();
            PLOT_COMPARE_EXACT(col.min, mn, where + QStringLiteral(" min"));
            PLOT_COMPARE_EXACT(col.max, mx, where + QStringLiteral(" max"));
            PLOT_COMPARE_EXACT(col.firstValue, fv, where + QStringLiteral(" first"));
            PLOT_COMPARE_EXACT(col.lastValue, lv, where + QStringLiteral(" last"));
        }
        if (QTest::currentDataTag() == QLatin1String("series, inside the NaN run"))
            QCOMPARE(gaps, quint64(width)); // every column a gap
        if (QTest::currentDataTag() == QLatin1String("series, whole, 800 px"))
            QVERIFY(gaps > 50); // the long NaN run
    }

    void fewPointsComeBackAsPoints()
    {
        auto source = PlotSource::open(m_file, QStringLiteral("/series"), Selection::all({kSeries}));
        QVERIFY(source);
        // Around the run of missing values and a NaN: fewer than 2 x width points.
        const quint64 first = kSeries / 3 - 20, last = first + 1000;
        auto dec = Decimator::create(source.value(), first, last, 600);
        QVERIFY(dec);
        dec.value()->setTileElements(128);
        QVERIFY(dec.value()->run());
        const auto out = dec.value()->takeOutput();
        QVERIFY(out->isPoints);
        QVERIFY(out->columns.empty());
        QCOMPARE(out->points.size(), size_t(last - first));
        int missing = 0;
        for (quint64 i = first; i < last; ++i) {
            const double x = m_series[i];
            missing += x == kMissing;
            PLOT_COMPARE_EXACT(out->points[size_t(i - first)], x == kMissing ? NaN : x,
                               QStringLiteral("point %1").arg(i));
        }
        QCOMPARE(missing, 50);
    }

    void rangeIsClampedAndEmptyRangeIsEmpty()
    {
        auto source = PlotSource::open(m_file, QStringLiteral("/series"), Selection::all({kSeries}));
        QVERIFY(source);
        auto dec = Decimator::create(source.value(), kSeries + 5, kSeries + 100, 10);
        QVERIFY(dec);
        QVERIFY(dec.value()->run());
        const auto out = dec.value()->takeOutput();
        QCOMPARE(out->first, kSeries);
        QCOMPARE(out->last, kSeries);
        QVERIFY(out->isPoints);
        QVERIFY(out->points.empty());
    }

    void twoDimensionsAreRefused()
    {
        auto source = PlotSource::open(m_file, QStringLiteral("/grid"), Selection::all({kRows, kCols}));
        QVERIFY(source);
        auto dec = Decimator::create(source.value(), 0, 100, 10);
        QVERIFY(!dec);
        QCOMPARE(dec.error().code, ErrorCode::InvalidArgument);
        QVERIFY(dec.error().message.contains(QLatin1String("one dimension")));
    }

    void absurdWidthsAreRefused()
    {
        auto source = PlotSource::open(m_file, QStringLiteral("/series"), Selection::all({kSeries}));
        QVERIFY(source);
        QVERIFY(!Decimator::create(source.value(), 0, kSeries, 0));
        QVERIFY(!Decimator::create(source.value(), 0, kSeries, Decimation::MaxWidth + 1));
        QVERIFY(Decimator::create(source.value(), 0, kSeries, Decimation::MaxWidth));
    }

    // Cancellation takes effect at the next tile: nothing more is read.
    void cancelStopsAtTheNextTile()
    {
        auto source = PlotSource::open(m_file, QStringLiteral("/chunked"), Selection::all({kSeries}));
        QVERIFY(source);
        auto dec = Decimator::create(source.value(), 0, kSeries, 500);
        QVERIFY(dec);
        dec.value()->setTileElements(1000);
        std::atomic_bool cancel{false};
        int tiles = 0;
        const Status st = dec.value()->run(&cancel, [&](quint64, quint64) {
            if (++tiles == 3)
                cancel = true;
        });
        QVERIFY(!st);
        QCOMPARE(st.error().code, ErrorCode::Cancelled);
        QCOMPARE(tiles, 3);
        QCOMPARE(dec.value()->done(), quint64(3000));
    }

    // The job: a cancel while a tile is being read ends the job after that
    // tile, without a result. The test holds the library lock so that the
    // job is certainly not finished when it is cancelled.
    void jobCancelIsPrompt()
    {
        auto source = PlotSource::open(m_file, QStringLiteral("/chunked"), Selection::all({kSeries}));
        QVERIFY(source);
        auto dec = Decimator::create(source.value(), 0, kSeries, 500);
        QVERIFY(dec);
        dec.value()->setTileElements(1000);
        bool delivered = false;
        QElapsedTimer sinceCancel;
        std::unique_ptr<JobTicket> ticket;
        {
            LibraryLock lock;
            ticket.reset(JobRunner::instance().start(
                std::make_unique<ReductionJob<Decimator>>(std::move(dec).value(),
                                                          [&](Result<std::shared_ptr<const Decimation>>) {
                                                              delivered = true;
                                                          })));
            QTest::qSleep(20); // let it reach the lock (not required for the assertions)
            ticket->cancel();
            sinceCancel.start();
        }
        QSignalSpy finished(ticket.get(), &JobTicket::finished);
        QVERIFY(finished.wait(5000));
        QVERIFY(sinceCancel.elapsed() < 2000);
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(ticket->progressDone() <= 1000);
        QVERIFY(!delivered);
    }

    // Snapshots while the job runs: the columns read so far, final; the rest empty.
    void jobPostsPartialResults()
    {
        auto source = PlotSource::open(m_file, QStringLiteral("/chunked"), Selection::all({kSeries}));
        QVERIFY(source);
        auto dec = Decimator::create(source.value(), 0, kSeries, 300);
        QVERIFY(dec);
        dec.value()->setTileElements(5000);
        std::vector<std::shared_ptr<const Decimation>> partials;
        std::shared_ptr<const Decimation> result;
        std::unique_ptr<JobTicket> ticket(JobRunner::instance().start(std::make_unique<ReductionJob<Decimator>>(
            std::move(dec).value(),
            [&](Result<std::shared_ptr<const Decimation>> r) {
                QVERIFY(r);
                result = r.value();
            },
            [&](std::shared_ptr<const Decimation> p) {
                QVERIFY(!result); // never after the result
                partials.push_back(std::move(p));
            },
            0)));
        QSignalSpy finished(ticket.get(), &JobTicket::finished);
        QVERIFY(finished.wait(10000));
        QVERIFY(result);
        QCOMPARE(result->readUpTo, kSeries);
        QVERIFY(partials.size() >= 10); // 21 tiles, a snapshot after each but the last
        quint64 previous = 0;
        for (const auto &p : partials) {
            QVERIFY(p->readUpTo > previous);
            QVERIFY(p->readUpTo < kSeries);
            previous = p->readUpTo;
            for (size_t c = 0; c < p->columns.size(); ++c) {
                const Decimation::Column &col = p->columns[c], &fin = result->columns[c];
                if (col.first + col.count <= p->readUpTo) {
                    QCOMPARE(col.valid, fin.valid);
                    PLOT_COMPARE_EXACT(col.min, fin.min, QStringLiteral("partial min"));
                    PLOT_COMPARE_EXACT(col.max, fin.max, QStringLiteral("partial max"));
                } else if (col.first >= p->readUpTo) {
                    QCOMPARE(col.valid, quint64(0));
                    QVERIFY(col.isGap());
                }
            }
        }
    }

    // The job delivers the same result as a run on this thread.
    void jobDeliversTheResult()
    {
        auto source = PlotSource::open(m_file, QStringLiteral("/chunked"), Selection::all({kSeries}));
        QVERIFY(source);
        auto dec = Decimator::create(source.value(), 0, kSeries, 300);
        QVERIFY(dec);
        std::shared_ptr<const Decimation> result;
        std::unique_ptr<JobTicket> ticket(JobRunner::instance().start(std::make_unique<ReductionJob<Decimator>>(
            std::move(dec).value(), [&](Result<std::shared_ptr<const Decimation>> r) {
                QVERIFY(r);
                result = r.value();
            })));
        QSignalSpy finished(ticket.get(), &JobTicket::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(result);
        QCOMPARE(result->columns.size(), size_t(300));
        QCOMPARE(ticket->progressDone(), qint64(kSeries));
        double mx = -Inf;
        for (double x : m_series)
            if (std::isfinite(x))
                mx = std::max(mx, x);
        double got = -Inf;
        for (const auto &c : result->columns)
            if (!c.isGap())
                got = std::max(got, c.max);
        QCOMPARE(got, mx);
    }
};

QTEST_GUILESS_MAIN(TestDecimator)
#include "tst_decimator.moc"
