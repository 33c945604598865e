// SliceStatistics, Statistics, Histogram and MissingValues: statistics of
// whole slices against a brute-force pass (long double, two passes),
// including NaN/Inf, the HDF5 fill value and CF _FillValue/missing_value,
// a large offset that defeats a naive sum of squares, and histograms (linear
// and log) against direct binning.

#include "plotcheck.h"
#include "plotfixture.h"

#include "hdf5/librarylock.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "plot/slicestatistics.h"
#include "services/h5file.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hs::core;
using namespace hs::plottest;

namespace {

constexpr hsize_t kN = 54321;
constexpr hsize_t kRows = 130, kCols = 211;

struct Expected
{
    quint64 valid = 0, nan = 0, posInf = 0, negInf = 0, missing = 0, nonPositive = 0;
    double min = NaN, max = NaN, minPositive = NaN;
    long double mean = 0, variance = 0;
};

Expected bruteForce(const std::vector<double> &v, const std::vector<double> &missing)
{
    Expected e;
    std::vector<double> ok;
    for (double x : v) {
        if (std::isnan(x))
            ++e.nan;
        else if (std::isinf(x))
            ++(x > 0 ? e.posInf : e.negInf);
        else if (std::find(missing.begin(), missing.end(), x) != missing.end())
            ++e.missing;
        else
            ok.push_back(x);
    }
    e.valid = ok.size();
    long double sum = 0;
    for (double x : ok) {
        e.min = std::isnan(e.min) ? x : std::min(e.min, x);
        e.max = std::isnan(e.max) ? x : std::max(e.max, x);
        if (x > 0)
            e.minPositive = std::isnan(e.minPositive) ? x : std::min(e.minPositive, x);
        else
            ++e.nonPositive;
        sum += x;
    }
    e.mean = sum / ok.size();
    long double m2 = 0;
    for (double x : ok)
        m2 += (x - e.mean) * (x - e.mean);
    e.variance = m2 / ok.size();
    return e;
}

} // namespace

class TestSliceStatistics : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    H5FilePtr m_file;
    std::vector<double> m_cf, m_offset, m_grid, m_plain;

    std::shared_ptr<const SliceSummary> summarize(const QString &dataset, const QString &select,
                                                  HistogramOptions histogram = {}, quint64 tile = 0)
    {
        auto reader = DatasetReader::open(m_file, dataset);
        if (!reader)
            return nullptr;
        auto sel = Selection::parse(select, reader.value()->shape().dims);
        auto source = PlotSource::open(m_file, dataset, sel.value());
        if (!source)
            return nullptr;
        auto stats = SliceStatistics::create(source.value(), histogram);
        if (!stats)
            return nullptr;
        if (tile)
            stats.value()->setTileElements(tile);
        if (!stats.value()->run())
            return nullptr;
        return stats.value()->takeOutput();
    }

    void compare(const Statistics &s, const Expected &e, quint64 count)
    {
        QCOMPARE(s.count, count);
        QCOMPARE(s.valid, e.valid);
        QCOMPARE(s.nan, e.nan);
        QCOMPARE(s.posInf, e.posInf);
        QCOMPARE(s.negInf, e.negInf);
        QCOMPARE(s.missing, e.missing);
        QCOMPARE(s.nonPositive, e.nonPositive);
        PLOT_COMPARE_EXACT(s.min, e.min, QStringLiteral("min"));
        PLOT_COMPARE_EXACT(s.max, e.max, QStringLiteral("max"));
        PLOT_COMPARE_EXACT(s.minPositive, e.minPositive, QStringLiteral("smallest positive"));
        const double mean = double(e.mean), sd = double(std::sqrt(e.variance));
        QVERIFY2(std::abs(s.mean - mean) <= 1e-13 * std::max(1.0, std::abs(mean)),
                 qPrintable(QStringLiteral("mean %1 vs %2").arg(s.mean, 0, 'g', 17).arg(mean, 0, 'g', 17)));
        QVERIFY2(std::abs(s.standardDeviation() - sd) <= 1e-9 * sd,
                 qPrintable(QStringLiteral("sd %1 vs %2").arg(s.standardDeviation(), 0, 'g', 17).arg(sd, 0, 'g', 17)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("stats.h5"));
        m_cf = awkwardSeries(kN, -999);
        for (size_t i = 17; i < kN; i += 4001)
            m_cf[i] = 1e20; // missing_value
        m_offset.resize(kN);
        for (size_t i = 0; i < kN; ++i) // mean 1e9, sd ~0.3: a sum of squares loses every digit
            m_offset[i] = 1e9 + double(i % 11) * 0.1;
        m_grid.resize(kRows * kCols);
        for (size_t i = 0; i < m_grid.size(); ++i)
            m_grid[i] = double(int(i * 37 % 1000) - 500);
        m_plain.resize(1000);
        for (size_t i = 0; i < m_plain.size(); ++i)
            m_plain[i] = double(i % 3); // zeros: the default fill value 0 is data
        {
            LibraryLock lock;
            const hid_t f = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            QVERIFY(f >= 0);
            DatasetSpec s;
            s.name = "cf";
            s.dims = {kN};
            s.chunk = {4096};
            s.fileType = H5T_IEEE_F64LE;
            s.attributes = {{"_FillValue", -999}, {"missing_value", 1e20}};
            QVERIFY(writeDataset(f, s, m_cf));
            s = DatasetSpec{};
            s.name = "offset";
            s.dims = {kN};
            QVERIFY(writeDataset(f, s, m_offset));
            s.name = "grid";
            s.dims = {kRows, kCols};
            s.chunk = {16, 32};
            s.fileType = H5T_STD_I16LE;
            const double fill = 7;
            s.fill = &fill;
            QVERIFY(writeDataset(f, s, m_grid));
            s = DatasetSpec{};
            s.name = "plain";
            s.dims = {1000};
            s.fileType = H5T_STD_I32LE;
            QVERIFY(writeDataset(f, s, m_plain));
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

    void missingValuesAreRead()
    {
        auto cf = MissingValues::read(m_file, QStringLiteral("/cf"));
        QVERIFY(cf);
        QCOMPARE(cf->values, (std::vector<double>{-999, 1e20}));
        QCOMPARE(cf->sources, (QStringList{QStringLiteral("_FillValue"), QStringLiteral("missing_value")}));
        auto grid = MissingValues::read(m_file, QStringLiteral("/grid"));
        QVERIFY(grid);
        QCOMPARE(grid->values, std::vector<double>{7});
        QCOMPARE(grid->sources, QStringList{QStringLiteral("fill value")});
        auto plain = MissingValues::read(m_file, QStringLiteral("/plain"));
        QVERIFY(plain);
        QVERIFY(plain->empty()); // HDF5's default fill value (0) is not a missing value
        QVERIFY(!MissingValues::read(m_file, QStringLiteral("/nope")));
    }

    void cfSeries()
    {
        const auto out = summarize(QStringLiteral("/cf"), QStringLiteral("[:]"), {}, 5000);
        QVERIFY(out);
        compare(out->statistics, bruteForce(m_cf, {-999, 1e20}), kN);
        QVERIFY(out->statistics.missing > 50);
        QVERIFY(out->statistics.nan > 1000);
        QCOMPARE(out->statistics.posInf, quint64(1));
        QCOMPARE(out->statistics.negInf, quint64(1));
        QVERIFY(!out->histogram);
    }

    void largeOffsetIsStable()
    {
        const auto out = summarize(QStringLiteral("/offset"), QStringLiteral("[:]"));
        QVERIFY(out);
        compare(out->statistics, bruteForce(m_offset, {}), kN);
    }

    void gridWithFillValue()
    {
        const auto out = summarize(QStringLiteral("/grid"), QStringLiteral("[:, :]"), {}, 1000);
        QVERIFY(out);
        compare(out->statistics, bruteForce(m_grid, {7}), kRows * kCols);
        QVERIFY(out->statistics.missing > 0);
    }

    void sliceOfGrid()
    {
        const auto out = summarize(QStringLiteral("/grid"), QStringLiteral("[3::5, 100:150]"), {}, 64);
        QVERIFY(out);
        std::vector<double> v;
        for (hsize_t r = 3; r < kRows; r += 5)
            for (hsize_t c = 100; c < 150; ++c)
                v.push_back(m_grid[r * kCols + c]);
        compare(out->statistics, bruteForce(v, {7}), v.size());
    }

    void zerosAreDataWithoutAFillValue()
    {
        const auto out = summarize(QStringLiteral("/plain"), QStringLiteral("[:]"));
        QVERIFY(out);
        compare(out->statistics, bruteForce(m_plain, {}), 1000);
        QCOMPARE(out->statistics.missing, quint64(0));
        QCOMPARE(out->statistics.nonPositive, quint64(334));
    }

    void mergeEqualsOnePass()
    {
        Statistics whole, parts;
        whole.add(m_cf.data(), m_cf.size(), {});
        for (size_t at = 0; at < m_cf.size(); at += 7777) {
            Statistics p;
            p.add(m_cf.data() + at, std::min<size_t>(7777, m_cf.size() - at));
            parts.merge(p);
        }
        QCOMPARE(parts.count, whole.count);
        QCOMPARE(parts.valid, whole.valid);
        QCOMPARE(parts.nan, whole.nan);
        QCOMPARE(parts.min, whole.min);
        QCOMPARE(parts.max, whole.max);
        QVERIFY(std::abs(parts.mean - whole.mean) < 1e-12 * std::abs(whole.mean));
        QVERIFY(std::abs(parts.m2 - whole.m2) < 1e-10 * whole.m2);
    }

    void histogramOverTheDataRange()
    {
        HistogramOptions h;
        h.bins = 37;
        const auto out = summarize(QStringLiteral("/grid"), QStringLiteral("[:, :]"), h, 999);
        QVERIFY(out);
        QVERIFY(out->histogram);
        const Histogram &hist = *out->histogram;
        QCOMPARE(hist.bins(), 37);
        QCOMPARE(hist.lower(), out->statistics.min);
        QCOMPARE(hist.upper(), out->statistics.max);
        std::vector<quint64> expected(37, 0);
        for (double x : m_grid) {
            if (x == 7)
                continue;
            const double t = (x - hist.lower()) / (hist.upper() - hist.lower()) * 37;
            ++expected[size_t(std::clamp(int(t), 0, 36))];
        }
        QCOMPARE(hist.counts(), expected);
        QCOMPARE(hist.below() + hist.above(), quint64(0));
        QCOMPARE(hist.total(), out->statistics.valid);
    }

    void logHistogramCountsNonPositiveBelow()
    {
        HistogramOptions h;
        h.bins = 20;
        h.log = true;
        const auto out = summarize(QStringLiteral("/grid"), QStringLiteral("[:, :]"), h);
        QVERIFY(out);
        const Histogram &hist = *out->histogram;
        QVERIFY(hist.isLog());
        QCOMPARE(hist.lower(), out->statistics.minPositive);
        QCOMPARE(hist.below(), out->statistics.nonPositive);
        QCOMPARE(hist.total(), out->statistics.valid);
        // Each log bin holds the values between its bounds.
        std::vector<quint64> expected(20, 0);
        for (double x : m_grid)
            if (x > 0 && x != 7)
                ++expected[size_t(hist.binOf(x))];
        QCOMPARE(hist.counts(), expected);
        for (int b = 0; b < 20; ++b)
            QVERIFY(hist.binLower(b) < hist.binUpper(b));
        QVERIFY(std::abs(hist.binUpper(19) - hist.upper()) < 1e-9 * hist.upper());
    }

    void histogramWithAGivenRangeIsOnePass()
    {
        HistogramOptions h;
        h.bins = 10;
        h.range = std::pair{-100.0, 100.0};
        auto source = PlotSource::open(m_file, QStringLiteral("/grid"), Selection::all({kRows, kCols}));
        QVERIFY(source);
        auto stats = SliceStatistics::create(source.value(), h);
        QVERIFY(stats);
        QCOMPARE(stats.value()->total(), kRows * kCols);
        QVERIFY(stats.value()->run());
        const auto out = stats.value()->takeOutput();
        quint64 below = 0, above = 0;
        for (double x : m_grid) {
            if (x == 7)
                continue;
            below += x < -100;
            above += x > 100;
        }
        QCOMPARE(out->histogram->below(), below);
        QCOMPARE(out->histogram->above(), above);
    }

    // The job delivers what a run on this thread gives, or the error.
    void jobDeliversTheSummary()
    {
        HistogramOptions h;
        h.bins = 16;
        auto source = PlotSource::open(m_file, QStringLiteral("/grid"), Selection::all({kRows, kCols}));
        QVERIFY(source);
        auto stats = SliceStatistics::create(source.value(), h);
        QVERIFY(stats);
        std::shared_ptr<const SliceSummary> got;
        std::unique_ptr<JobTicket> ticket(JobRunner::instance().start(std::make_unique<ReductionJob<SliceStatistics>>(
            std::move(stats).value(), [&](Result<std::shared_ptr<const SliceSummary>> r) {
                QVERIFY(r);
                got = r.value();
            })));
        QSignalSpy finished(ticket.get(), &JobTicket::finished);
        QVERIFY(finished.wait(10000));
        QVERIFY(got);
        const auto direct = summarize(QStringLiteral("/grid"), QStringLiteral("[:, :]"), h);
        QVERIFY(direct);
        QCOMPARE(got->statistics.valid, direct->statistics.valid);
        QCOMPARE(got->statistics.mean, direct->statistics.mean);
        QCOMPARE(got->histogram->counts(), direct->histogram->counts());
        QCOMPARE(ticket->progressDone(), ticket->progressTotal());
        QCOMPARE(ticket->progressTotal(), qint64(2 * kRows * kCols)); // two passes: statistics, then the bins
    }

    void jobDeliversErrors()
    {
        // A selection that reaches past the dataset (made by hand, not parsed).
        Selection sel = Selection::all({kN});
        sel.dims()[0].start = kN - 10;
        sel.dims()[0].count = 100;
        auto reader = DatasetReader::open(m_file, QStringLiteral("/offset"));
        QVERIFY(reader);
        auto source = PlotSource::make(reader.value(), sel, {});
        QVERIFY(source);
        auto stats = SliceStatistics::create(source.value());
        QVERIFY(stats);
        std::optional<Error> error;
        std::unique_ptr<JobTicket> ticket(JobRunner::instance().start(std::make_unique<ReductionJob<SliceStatistics>>(
            std::move(stats).value(), [&](Result<std::shared_ptr<const SliceSummary>> r) {
                QVERIFY(!r);
                error = r.error();
            })));
        QSignalSpy finished(ticket.get(), &JobTicket::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::InvalidArgument);
        QVERIFY2(error->message.contains(QLatin1String("outside")), qPrintable(error->message));
    }

    void histogramQuantiles()
    {
        Histogram h(100, 0, 10000);
        std::vector<double> v(10000);
        for (size_t i = 0; i < v.size(); ++i)
            v[i] = double(i);
        h.add(v.data(), v.size());
        QVERIFY(std::abs(h.quantile(0.01) - 100) <= 100); // within a bin
        QVERIFY(std::abs(h.quantile(0.99) - 9900) <= 100);
        QCOMPARE(h.quantile(0), 0.0);
        QCOMPARE(h.quantile(1), 10000.0);
        QVERIFY(std::isnan(Histogram(10, 0, 1).quantile(0.5)));
    }
};

QTEST_GUILESS_MAIN(TestSliceStatistics)
#include "tst_slicestatistics.moc"
