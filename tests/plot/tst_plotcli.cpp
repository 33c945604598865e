// `hyperslab plot` end to end: the real binary, run with QProcess on the
// offscreen platform; the pictures are read back and looked at.

#include "imagefixture.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace hs::plottest;

namespace {

struct Run
{
    int exitCode = -1;
    QString err;
};

Run plot(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(HYPERSLAB_EXE), QStringList{QStringLiteral("plot")} + args);
    p.waitForFinished(120000);
    Run r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.err = QString::fromLocal8Bit(p.readAllStandardError());
    return r;
}

// Centre of the pixels within `tol` of `color`, and how many there are.
QPointF centreOf(const QImage &img, QColor color, int tol, int *count)
{
    double sx = 0, sy = 0;
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) {
            const QColor c = img.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) <= tol && std::abs(c.green() - color.green()) <= tol
                && std::abs(c.blue() - color.blue()) <= tol) {
                sx += x;
                sy += y;
                ++n;
            }
        }
    *count = n;
    return n ? QPointF(sx / n, sy / n) : QPointF();
}

// Pixels within `tol` of `color`.
int countOf(const QImage &img, QColor color, int tol)
{
    int n = 0;
    centreOf(img, color, tol, &n);
    return n;
}

} // namespace

class TestPlotCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_file;

    QString out(const QString &name) const { return m_dir.filePath(name); }
    QString target(const QString &path) const { return m_file + QLatin1Char(':') + path; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(QStringLiteral("images.h5"));
        QVERIFY(writeImageFixture(m_file));
    }

    void pngHasSizeAndColors()
    {
        const QString png = out(QStringLiteral("quad.png"));
        const Run r = plot({target(QStringLiteral("/quadrants")), QStringLiteral("--colormap"), QStringLiteral("grey"),
                            QStringLiteral("--range"), QStringLiteral("0:3"), QStringLiteral("--size"),
                            QStringLiteral("640x480"), QStringLiteral("-o"), png});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QImage img(png);
        QVERIFY(!img.isNull());
        QCOMPARE(img.size(), QSize(640, 480));
        // Grey map over 0..3: the quadrants are black, 1/3 grey, 2/3 grey and white.
        int black = 0, dark = 0, light = 0;
        const QPointF b = centreOf(img, QColor(0, 0, 0), 2, &black);
        const QPointF d = centreOf(img, QColor(85, 85, 85), 4, &dark);
        const QPointF l = centreOf(img, QColor(170, 170, 170), 4, &light);
        QVERIFY2(black > 5000 && dark > 5000 && light > 5000,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(black).arg(dark).arg(light)));
        QVERIFY(d.x() > b.x() + 50 && std::abs(d.y() - b.y()) < 10);  // value 1: right of 0
        QVERIFY(l.y() > b.y() + 50 && std::abs(l.x() - b.x()) < 10);  // value 2: below 0
    }

    void pdfAndSvg()
    {
        const QString pdf = out(QStringLiteral("ramp.pdf")), svg = out(QStringLiteral("ramp.svg"));
        Run r = plot({target(QStringLiteral("/ramp")), QStringLiteral("-o"), pdf});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5) == "%PDF-");
        QVERIFY(f.size() > 2000);
        r = plot({target(QStringLiteral("/ramp")), QStringLiteral("--log"), QStringLiteral("-o"), svg});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile s(svg);
        QVERIFY(s.open(QIODevice::ReadOnly));
        const QByteArray text = s.readAll();
        QVERIFY(text.contains("<svg") && text.contains("<image")); // the colour map is an embedded picture
    }

    void rgbPng()
    {
        const QString png = out(QStringLiteral("rgb.png"));
        const Run r = plot({target(QStringLiteral("/rgb_plane")), QStringLiteral("--size"), QStringLiteral("400x300"),
                            QStringLiteral("-o"), png});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QImage img(png);
        int red = 0, blue = 0;
        const QPointF pr = centreOf(img, QColor(255, 0, 0), 2, &red);
        const QPointF pb = centreOf(img, QColor(0, 0, 128), 2, &blue);
        QVERIFY(red > 1000 && blue > 1000);
        QVERIFY(pb.x() > pr.x() + 50 && pb.y() > pr.y() + 20);
    }


    // --line: the window's LinePlotView drawn offscreen. The first series is
    // blue (0072B2), the second vermillion (D55E00): each must be on the picture.
    void lineOneD()
    {
        const QString png = out(QStringLiteral("line.png"));
        const Run r = plot({target(QStringLiteral("/big")), QStringLiteral("--select"), QStringLiteral("[7, :]"),
                            QStringLiteral("--line"), QStringLiteral("--size"), QStringLiteral("500x300"),
                            QStringLiteral("-o"), png});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        QImage img(png);
        QVERIFY(!img.isNull());
        QCOMPARE(img.size(), QSize(500, 300));
        // Row 7 of /big rises from 7 to 3006: a diagonal line of the first series' colour.
        int n = 0;
        const QPointF c = centreOf(img, QColor(0x00, 0x72, 0xB2), 40, &n);
        QVERIFY2(n > 200, qPrintable(QString::number(n)));
        QVERIFY(c.x() > 150 && c.x() < 350 && c.y() > 50 && c.y() < 250);
        QCOMPARE(countOf(img, QColor(0xD5, 0x5E, 0x00), 40), 0);
    }

    void lineTwoDSliceIsSeries()
    {
        const QString png = out(QStringLiteral("lines2d.png"));
        // Two columns of /quadrants (0 then 2 down the rows; 1 then 3 for the right half).
        const Run r = plot({target(QStringLiteral("/quadrants")), QStringLiteral("--select"), QStringLiteral("[:, 19:21]"),
                            QStringLiteral("--line"), QStringLiteral("--size"), QStringLiteral("600x400"),
                            QStringLiteral("-o"), png});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QImage img(png);
        QCOMPARE(img.size(), QSize(600, 400));
        int first = 0, second = 0;
        const QPointF a = centreOf(img, QColor(0x00, 0x72, 0xB2), 40, &first);
        const QPointF b = centreOf(img, QColor(0xD5, 0x5E, 0x00), 40, &second);
        QVERIFY2(first > 100 && second > 100, qPrintable(QStringLiteral("%1 %2").arg(first).arg(second)));
        // Column 20 (1, then 3) runs one above column 19 (0, then 2) all along.
        QVERIFY2(b.y() < a.y() - 20, qPrintable(QStringLiteral("%1 %2").arg(a.y()).arg(b.y())));
    }

    void linePdf()
    {
        const QString pdf = out(QStringLiteral("line.pdf"));
        const Run r = plot({target(QStringLiteral("/series")), QStringLiteral("-o"), pdf});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5) == "%PDF-");
    }

    void errorsAreOneLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("contains");
        QTest::newRow("bad selection") << QStringList{QStringLiteral("/ramp"), QStringLiteral("--select"), QStringLiteral("[0:2, 99]")}
                                       << QStringLiteral("/ramp: ");
        QTest::newRow("not plottable") << QStringList{QStringLiteral("/strings")} << QStringLiteral("Not plottable");
        QTest::newRow("1-D as image") << QStringList{QStringLiteral("/series"), QStringLiteral("--image")}
                                      << QStringLiteral("2-D");
        QTest::newRow("missing") << QStringList{QStringLiteral("/nothing")} << QStringLiteral("/nothing: ");
        QTest::newRow("bad colormap") << QStringList{QStringLiteral("/ramp"), QStringLiteral("--colormap"), QStringLiteral("jet")}
                                      << QStringLiteral("jet");
        QTest::newRow("bad range") << QStringList{QStringLiteral("/ramp"), QStringLiteral("--range"), QStringLiteral("5:1")}
                                   << QStringLiteral("--range");
        QTest::newRow("line not plottable") << QStringList{QStringLiteral("/strings"), QStringLiteral("--line")}
                                            << QStringLiteral("Not plottable");
        QTest::newRow("line and image") << QStringList{QStringLiteral("/ramp"), QStringLiteral("--line"), QStringLiteral("--image")}
                                        << QStringLiteral("--line");
        QTest::newRow("line bad selection") << QStringList{QStringLiteral("/ramp"), QStringLiteral("--line"), QStringLiteral("--select"),
                                                           QStringLiteral("[0, 999]")}
                                            << QStringLiteral("/ramp: ");
        QTest::newRow("line missing") << QStringList{QStringLiteral("/nothing"), QStringLiteral("--line")} << QStringLiteral("/nothing: ");
    }
    void errorsAreOneLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, contains);
        const QString png = out(QStringLiteral("never.png"));
        QStringList full{target(args.takeFirst())};
        full << args << QStringLiteral("-o") << png;
        const Run r = plot(full);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(QLatin1String("hyperslab: ")), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY2(r.err.contains(contains), qPrintable(r.err));
        QVERIFY(!QFile::exists(png));
    }
};

QTEST_MAIN(TestPlotCli)
#include "tst_plotcli.moc"
