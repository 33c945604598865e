// ColorMap: the published end points and middles of each map, clamping,
// gaps, names, and that the perceptual maps run from dark to light.

#include "plot/colormap.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace hs::core;

namespace {

int luminance(std::uint32_t c)
{
    return int(0.2126 * ((c >> 16) & 0xff) + 0.7152 * ((c >> 8) & 0xff) + 0.0722 * (c & 0xff));
}

} // namespace

class TestColorMap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knownColours_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("position");
        QTest::addColumn<uint>("rgb");
        // matplotlib's own values (to_hex of the colormap at 0, 0.5 and 1).
        QTest::newRow("viridis 0") << "viridis" << 0.0 << 0xff440154u;
        QTest::newRow("viridis 1") << "viridis" << 1.0 << 0xfffde725u;
        QTest::newRow("viridis 0.5") << "viridis" << 0.5 << 0xff21918cu;
        QTest::newRow("magma 0") << "magma" << 0.0 << 0xff000004u;
        QTest::newRow("magma 1") << "magma" << 1.0 << 0xfffcfdbfu;
        QTest::newRow("cividis 0") << "cividis" << 0.0 << 0xff00224eu;
        QTest::newRow("cividis 1") << "cividis" << 1.0 << 0xfffee838u;
        QTest::newRow("grey 0") << "grey" << 0.0 << 0xff000000u;
        QTest::newRow("grey 1") << "gray" << 1.0 << 0xffffffffu;
        QTest::newRow("coolwarm 0") << "coolwarm" << 0.0 << 0xff3b4cc0u;
        QTest::newRow("coolwarm 1") << "coolwarm" << 1.0 << 0xffb40426u;
        QTest::newRow("clamped below") << "viridis" << -3.0 << 0xff440154u;
        QTest::newRow("clamped above") << "Viridis" << 7.0 << 0xfffde725u;
    }

    void knownColours()
    {
        QFETCH(QString, name);
        QFETCH(double, position);
        QFETCH(uint, rgb);
        const auto n = ColorMap::fromName(name);
        QVERIFY(n);
        const std::uint32_t got = ColorMap(*n).colorAt(position);
        // Within 1 per channel of matplotlib (the table is resampled).
        for (int shift : {0, 8, 16, 24})
            QVERIFY2(std::abs(int((got >> shift) & 0xff) - int((rgb >> shift) & 0xff)) <= 1,
                     qPrintable(QStringLiteral("%1 vs %2").arg(got, 8, 16).arg(rgb, 8, 16)));
    }

    void gapsAreTransparent()
    {
        QCOMPARE(ColorMap().colorAt(std::numeric_limits<double>::quiet_NaN()), ColorMap::GapColor);
        QCOMPARE(ColorMap::GapColor >> 24, 0u);
    }

    void perceptualMapsGetLighter()
    {
        for (auto n : {ColorMap::Name::Viridis, ColorMap::Name::Magma, ColorMap::Name::Cividis, ColorMap::Name::Grey}) {
            const auto t = ColorMap(n).table(64);
            for (size_t i = 1; i < t.size(); ++i)
                QVERIFY2(luminance(t[i]) + 1 >= luminance(t[i - 1]), qPrintable(ColorMap(n).name()));
            QVERIFY(luminance(t.back()) > luminance(t.front()) + 150);
        }
    }

    void divergingMapIsLightInTheMiddle()
    {
        const ColorMap m(ColorMap::Name::CoolWarm);
        QVERIFY(m.isDiverging());
        QVERIFY(!ColorMap(ColorMap::Name::Viridis).isDiverging());
        QVERIFY(luminance(m.colorAt(0.5)) > luminance(m.colorAt(0)) + 50);
        QVERIFY(luminance(m.colorAt(0.5)) > luminance(m.colorAt(1)) + 50);
        QVERIFY((m.colorAt(0) & 0xff) > ((m.colorAt(0) >> 16) & 0xff));  // blue end
        QVERIFY((m.colorAt(1) & 0xff) < ((m.colorAt(1) >> 16) & 0xff));  // red end
    }

    void names()
    {
        const QStringList n = ColorMap::names();
        QCOMPARE(n, (QStringList{QStringLiteral("viridis"), QStringLiteral("magma"), QStringLiteral("cividis"),
                                 QStringLiteral("grey"), QStringLiteral("coolwarm")}));
        for (const QString &s : n)
            QCOMPARE(ColorMap(*ColorMap::fromName(s)).name(), s);
        QVERIFY(!ColorMap::fromName(QStringLiteral("jet")));
    }

    void tableEnds()
    {
        const ColorMap m(ColorMap::Name::Magma);
        const auto t = m.table(256);
        QCOMPARE(t.size(), size_t(256));
        QCOMPARE(t.front(), m.colorAt(0));
        QCOMPARE(t.back(), m.colorAt(1));
        QVERIFY(ColorMap().table(0).empty());
    }
};

QTEST_GUILESS_MAIN(TestColorMap)
#include "tst_colormap.moc"
