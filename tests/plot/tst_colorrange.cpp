// ColorRange: linear and log ranges from statistics, histograms, samples and
// by hand; log scales with zeros and negative values clip at the smallest
// positive value and say so; percentile clipping.

#include "plot/colorrange.h"
#include "plot/histogram.h"
#include "plot/slicestatistics.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace hs::core;

class TestColorRange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linearFromStatistics()
    {
        Statistics s;
        const double v[] = {-2, 0, 3, 8, std::numeric_limits<double>::quiet_NaN()};
        s.add(v, 5);
        const ColorRange r = ColorRange::fromStatistics(s, ColorRange::Scale::Linear);
        QVERIFY(r.isValid());
        QCOMPARE(r.lower(), -2.0);
        QCOMPARE(r.upper(), 8.0);
        QVERIFY(r.note().isEmpty());
        QCOMPARE(r.position(-2), 0.0);
        QCOMPARE(r.position(3), 0.5);
        QCOMPARE(r.position(8), 1.0);
        QCOMPARE(r.position(100), 1.0);
        QCOMPARE(r.position(-100), 0.0);
        QVERIFY(std::isnan(r.position(std::numeric_limits<double>::quiet_NaN())));
        QVERIFY(std::isnan(r.position(std::numeric_limits<double>::infinity())));
    }

    void logWithZerosAndNegativesClipsAndSaysSo()
    {
        Statistics s;
        const double v[] = {-5, 0, 0, 0.01, 1, 100};
        s.add(v, 6);
        const ColorRange r = ColorRange::fromStatistics(s, ColorRange::Scale::Log);
        QVERIFY(r.isValid());
        QCOMPARE(r.scale(), ColorRange::Scale::Log);
        QCOMPARE(r.lower(), 0.01);
        QCOMPARE(r.upper(), 100.0);
        QVERIFY2(r.note().contains(QLatin1String("3 values at or below zero")), qPrintable(r.note()));
        QVERIFY(r.note().contains(QLatin1String("0.01")));
        QCOMPARE(r.position(0.01), 0.0);
        QVERIFY(std::abs(r.position(1) - 0.5) < 1e-12);
        QCOMPARE(r.position(0), 0.0);
        QCOMPARE(r.position(-5), 0.0);
    }

    void logWithNoPositiveValueFallsBackToLinear()
    {
        Statistics s;
        const double v[] = {-5, -1, 0};
        s.add(v, 3);
        const ColorRange r = ColorRange::fromStatistics(s, ColorRange::Scale::Log);
        QVERIFY(r.isValid());
        QCOMPARE(r.scale(), ColorRange::Scale::Linear);
        QVERIFY(r.note().contains(QLatin1String("linear")));
        QCOMPARE(r.lower(), -5.0);
        QCOMPARE(r.upper(), 0.0);
    }

    void logOfPositiveDataHasNoNote()
    {
        Statistics s;
        const double v[] = {1, 10, 1000};
        s.add(v, 3);
        const ColorRange r = ColorRange::fromStatistics(s, ColorRange::Scale::Log);
        QVERIFY(r.note().isEmpty());
        QVERIFY(std::abs(r.position(10) - 1.0 / 3) < 1e-12);
    }

    void manualRange()
    {
        const ColorRange r = ColorRange::manual(10, -10, ColorRange::Scale::Linear);
        QCOMPARE(r.lower(), -10.0);
        QCOMPARE(r.upper(), 10.0);
        QCOMPARE(r.position(0), 0.5);
        const ColorRange l = ColorRange::manual(0, 1000, ColorRange::Scale::Log, 0.5);
        QCOMPARE(l.lower(), 0.5);
        QVERIFY(!l.note().isEmpty());
        const ColorRange u = ColorRange::manual(-1, 1000, ColorRange::Scale::Log);
        QCOMPARE(u.lower(), 1000 / 1e6); // nothing known about the data: six decades
    }

    void singleValueIsWidened()
    {
        Statistics s;
        const double v[] = {4, 4};
        s.add(v, 2);
        const ColorRange r = ColorRange::fromStatistics(s, ColorRange::Scale::Linear);
        QVERIFY(r.lower() < 4 && r.upper() > 4);
        QCOMPARE(r.position(4), 0.5);
        QVERIFY(!ColorRange::fromStatistics(Statistics(), ColorRange::Scale::Linear).isValid());
    }

    void percentileClippingFromAHistogram()
    {
        // 10,000 values 0..9999 and a few huge outliers: 1-99 % ignores them.
        std::vector<double> v;
        for (int i = 0; i < 10000; ++i)
            v.push_back(i);
        for (int i = 0; i < 20; ++i)
            v.push_back(1e9);
        Histogram h(10000, 0, 1e9);
        h.add(v.data(), v.size());
        const ColorRange r = ColorRange::fromHistogram(h, 1, 99, ColorRange::Scale::Linear);
        // Bins of 1e5: the 1 % and 99 % points (100 and 9,900) fall in the first bin.
        QVERIFY(r.upper() <= 1e5);
        QVERIFY(r.lower() >= 0);
        // With finer bins over the bulk the answer is close to exact.
        Histogram fine(1000, 0, 10000);
        fine.add(v.data(), v.size());
        const ColorRange f = ColorRange::fromHistogram(fine, 1, 99, ColorRange::Scale::Linear);
        QVERIFY2(std::abs(f.lower() - 100.2) < 10, qPrintable(QString::number(f.lower())));
        QVERIFY2(std::abs(f.upper() - 9900) < 200, qPrintable(QString::number(f.upper())));
    }

    void percentileClippingFromASample()
    {
        std::vector<double> v;
        for (int i = 0; i <= 100; ++i)
            v.push_back(i);
        v.push_back(std::numeric_limits<double>::quiet_NaN());
        v.push_back(std::numeric_limits<double>::infinity());
        const ColorRange r = ColorRange::fromSample(v, 1, 99, ColorRange::Scale::Linear);
        QCOMPARE(r.lower(), 1.0);
        QCOMPARE(r.upper(), 99.0);
        const ColorRange all = ColorRange::fromSample(v, 0, 100, ColorRange::Scale::Linear);
        QCOMPARE(all.lower(), 0.0);
        QCOMPARE(all.upper(), 100.0);
        // Log: percentiles of the positive values, and the zero is reported.
        const ColorRange l = ColorRange::fromSample(v, 0, 100, ColorRange::Scale::Log);
        QCOMPARE(l.lower(), 1.0);
        QCOMPARE(l.upper(), 100.0);
        QVERIFY(l.note().contains(QLatin1String("1 values at or below zero")));
    }

    void logHistogramPercentiles()
    {
        std::vector<double> v{0, 0, -1};
        for (int e = 0; e < 1000; ++e)
            v.push_back(std::pow(10.0, e / 100.0)); // 1 .. ~1e10, even in log
        Histogram h(500, 1, v.back(), true);
        h.add(v.data(), v.size());
        QCOMPARE(h.below(), quint64(3));
        const ColorRange r = ColorRange::fromHistogram(h, 5, 95, ColorRange::Scale::Log);
        QVERIFY(r.isValid());
        QVERIFY(r.lower() > 1 && r.lower() < 10);
        QVERIFY(r.upper() > 1e9 && r.upper() < 1e10);
    }
};

QTEST_GUILESS_MAIN(TestColorRange)
#include "tst_colorrange.moc"
