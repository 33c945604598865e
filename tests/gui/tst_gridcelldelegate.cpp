// GridCellDelegate paints what QStyledItemDelegate paints, pixel for pixel
// (alignment, elision, selection colours, active and inactive windows), and
// CellTextLayout lays text out glyph for glyph as Qt's shaping does.

#include "celltextlayout.h"
#include "datagridview.h"
#include "datasetpanel.h"
#include "gridcelldelegate.h"
#include "gridfixtures.h"
#include "jobs/jobrunner.h"
#include "models/datasettablemodel.h"
#include "services/datasetreader.h"
#include "services/h5file.h"

#include <QApplication>
#include <QDir>
#include <QFontMetrics>
#include <QHeaderView>
#include <QPainter>
#include <QStandardItemModel>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextLayout>

#include <charconv>
#include <random>

using namespace hs;
using ui::CellTextLayout;
using ui::GridCellDelegate;

namespace {

// Text as the value formatter writes it for every type class, and a few that
// must be shaped (the layout refuses them).
QStringList samples()
{
    QStringList s = {
        // integers, hex, bitfields, times
        QStringLiteral("0"), QStringLiteral("-1"), QStringLiteral("42"), QStringLiteral("2147483647"),
        QStringLiteral("-9223372036854775808"), QStringLiteral("18446744073709551615"), QStringLiteral("0x7fffffff"),
        QStringLiteral("0xDEADBEEF"), QStringLiteral("0b10110011"), QStringLiteral("1700000000"),
        // floats
        QStringLiteral("nan"), QStringLiteral("-inf"), QStringLiteral("inf"), QStringLiteral("1e-07"),
        QStringLiteral("6.02214076e+23"), QStringLiteral("-0.0001234"), QStringLiteral("3.4028235e+38"),
        QStringLiteral("0.034482758620689655"), QStringLiteral("100.01234"),
        // complex, arrays, sequences, compounds shown whole
        QStringLiteral("1.5+2.25j"), QStringLiteral("-0.5-1e-10j"), QStringLiteral("[1, 2, 3]"),
        QStringLiteral("[0.5, 1.5, 2.5, \u2026]"), QStringLiteral("{1, 2, 3, 4}"), QStringLiteral("{}"),
        QStringLiteral("(1, 2.5, \"abc\")"),
        // strings, enums, opaque, references, placeholders
        QStringLiteral("hello world"), QStringLiteral("Temperature (K)"), QStringLiteral("RED"),
        QStringLiteral("a,b;c|d\\e"), QStringLiteral("\\xb5s"), QStringLiteral("0a:0b:0c:ff"),
        QStringLiteral("/group/dataset"), QStringLiteral("/group/dataset {(0,0)-(1,2)}"), QStringLiteral("\u2026"),
        QStringLiteral("  leading spaces"), QStringLiteral("WAVAWAVA Toyota LT Yo"), QStringLiteral("fi fl ffi"),
        // one character, wider than a very narrow column: never elided, clipped
        QStringLiteral("W"), QStringLiteral("@"), QStringLiteral("%"), QStringLiteral("f"),
    };
    QString ascii;
    for (char16_t c = 0x20; c < 0x7f; ++c)
        ascii += QChar(c);
    s << ascii.mid(1); // every printable character (not starting with the space)
    // Random floats and doubles, shortest round-trip, as the grid shows them.
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> mant(-10, 10);
    std::uniform_int_distribution<int> exp(-40, 40);
    for (int i = 0; i < 300; ++i) {
        char buf[64];
        const double v = mant(rng) * std::pow(10.0, exp(rng));
        auto r = i % 2 ? std::to_chars(buf, buf + sizeof buf, float(v)) : std::to_chars(buf, buf + sizeof buf, v);
        s << QString::fromLatin1(buf, r.ptr - buf);
    }
    return s;
}

// Made only of characters of decimal numbers: every font must lay these out
// here (hexadecimal 'ff' is a ligature in DejaVu Sans, so it is shaped).
bool numeric(const QString &s)
{
    for (QChar c : s)
        if (!QStringLiteral("0123456789.-+e").contains(c))
            return false;
    return true;
}

struct QtLine
{
    QList<QGlyphRun> runs;
    qreal natural = 0;
    qreal advance = 0;
};

QtLine shapeLikeQt(const QString &text, const QFont &font)
{
    QtLine l;
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::ManualWrap);
    layout.setTextOption(option);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    line.setLineWidth(100000);
    layout.endLayout();
    l.runs = layout.glyphRuns();
    l.natural = line.naturalTextWidth();
    l.advance = line.horizontalAdvance();
    return l;
}

// Ours against Qt's glyphs and positions for the text of the last layout.
void compareWithQt(CellTextLayout &layout, const QString &shown)
{
    const QtLine qt = shapeLikeQt(shown, layout.font());
    const std::vector<QPointF> pos = layout.positions();
    if (shown.isEmpty()) {
        QCOMPARE(layout.glyphCount(), 0);
        return;
    }
    QCOMPARE(qt.runs.size(), 1);
    const QList<quint32> idx = qt.runs.front().glyphIndexes();
    const QList<QPointF> qpos = qt.runs.front().positions();
    QCOMPARE(layout.glyphCount(), int(idx.size()));
    for (int i = 0; i < idx.size(); ++i) {
        QCOMPARE(pos[size_t(i)].x(), qpos[i].x() - qpos[0].x());
        QCOMPARE(qpos[i].y(), qpos[0].y());
    }
    // Glyph indexes are not exposed by the layout; drawing both proves them.
    QImage a(600, 40, QImage::Format_ARGB32_Premultiplied), b = a;
    a.fill(Qt::white);
    b.fill(Qt::white);
    {
        QPainter p(&a);
        layout.draw(&p, QPointF(3, 25));
    }
    {
        QPainter p(&b);
        p.setFont(layout.font());
        p.drawText(QPointF(3, 25), shown);
    }
    QVERIFY2(a == b, qPrintable(shown));
}

// Where two paintings differ (saved beside each other for a look), or "".
QString differences(const QImage &ours, const QImage &styled)
{
    QRect where;
    for (int y = 0; y < ours.height(); ++y)
        for (int x = 0; x < ours.width(); ++x)
            if (ours.pixel(x, y) != styled.pixel(x, y))
                where |= QRect(x, y, 1, 1);
    if (where.isNull())
        return {};
    const QString path = QDir::temp().filePath(QStringLiteral("tst_gridcelldelegate-%1.png"));
    ours.save(path.arg(QStringLiteral("ours")));
    styled.save(path.arg(QStringLiteral("styled")));
    return QStringLiteral("the delegate paints other pixels than QStyledItemDelegate in (%1,%2 %3x%4); see %5")
        .arg(where.x())
        .arg(where.y())
        .arg(where.width())
        .arg(where.height())
        .arg(path.arg(QStringLiteral("*")));
}

} // namespace

class TestGridCellDelegate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void layoutMatchesQtShaping()
    {
        for (const QFont &font : {QApplication::font(), QFont(QStringLiteral("Monospace"), 11), QFont(QStringLiteral("Serif"), 14)}) {
            CellTextLayout layout(font);
            QVERIFY(layout.isValid());
            int accepted = 0;
            for (const QString &s : samples()) {
                if (!layout.layout(s)) {
                    QVERIFY2(!numeric(s), qPrintable(QStringLiteral("refused: ") + s));
                    continue;
                }
                ++accepted;
                QCOMPARE(layout.text(), s);
                const QtLine qt = shapeLikeQt(s, font);
                QCOMPARE(qreal(layout.width()) / CellTextLayout::Unit, qt.advance);
                QCOMPARE(qreal(layout.naturalWidth()) / CellTextLayout::Unit, qt.natural);
                compareWithQt(layout, s);
            }
            QVERIFY(accepted > 300);
        }
    }

    void elisionMatchesFontMetrics()
    {
        const QFont font = QApplication::font();
        const QFontMetrics fm(font);
        CellTextLayout layout(font);
        int elided = 0;
        for (const QString &s : samples()) {
            if (!layout.layout(s))
                continue;
            const int natural = int(layout.width() / CellTextLayout::Unit) + 2;
            for (int w = 0; w <= natural; w += (s.size() > 40 ? 7 : 1)) {
                QVERIFY(layout.layoutElided(s, w));
                const QString expected = fm.elidedText(s, Qt::ElideRight, w);
                QCOMPARE(layout.text(), expected);
                elided += expected != s;
                compareWithQt(layout, expected);
            }
        }
        QVERIFY(elided > 1000);
    }

    void refusesWhatNeedsShaping()
    {
        CellTextLayout layout(QApplication::font());
        QVERIFY(!layout.layout(QStringLiteral("5 \u00b5s")));
        QVERIFY(!layout.layout(QStringLiteral("a\u2028b"))); // a line break as the delegate shows it
        QVERIFY(!layout.layout(QStringLiteral("trailing ")));
        QVERIFY(!layout.layout(QStringLiteral("\u0645\u0631\u062d\u0628\u0627")));
        QVERIFY(!layout.layout(QStringLiteral("\u26a0")));
        QVERIFY(!layout.layout(QStringLiteral("tab\there")));
        QVERIFY(layout.layout(QStringLiteral("12.5")));
        QVERIFY(layout.layout(QString()));
        QCOMPARE(layout.glyphCount(), 0);
    }

    void paintsLikeStyledDelegate_data()
    {
        QTest::addColumn<int>("columnWidth");
        QTest::addColumn<bool>("active");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<bool>("focus");
        QTest::addColumn<qreal>("pixelRatio");
        QTest::addColumn<QString>("style");
        const QString fusion = QStringLiteral("Fusion");
        QTest::newRow("wide, active") << 160 << true << true << false << 1.0 << fusion;
        QTest::newRow("narrow: elided") << 46 << true << true << false << 1.0 << fusion;
        QTest::newRow("very narrow") << 9 << true << true << false << 1.0 << fusion;
        QTest::newRow("inactive window") << 110 << false << true << false << 1.0 << fusion;
        QTest::newRow("disabled") << 110 << true << false << false << 1.0 << fusion;
        QTest::newRow("focus on the current cell") << 70 << true << true << true << 1.0 << fusion;
        QTest::newRow("high-dpi screen (2x)") << 70 << true << true << false << 2.0 << fusion;
        QTest::newRow("high-dpi screen (1.5x)") << 70 << true << true << false << 1.5 << fusion;
        QTest::newRow("Windows style") << 70 << true << true << false << 1.0 << QStringLiteral("Windows");
        QTest::newRow("Windows style, inactive") << 46 << false << true << false << 1.0 << QStringLiteral("Windows");
    }

    void paintsLikeStyledDelegate()
    {
        QFETCH(int, columnWidth);
        QFETCH(bool, active);
        QFETCH(bool, enabled);
        QFETCH(bool, focus);
        QFETCH(qreal, pixelRatio);
        QFETCH(QString, style);
        std::unique_ptr<QStyle> viewStyle(QStyleFactory::create(style));
        QVERIFY(viewStyle);
        const QStringList texts = samples();
        QStandardItemModel model(24, 6);
        const Qt::Alignment aligns[] = {Qt::AlignRight | Qt::AlignVCenter, Qt::AlignLeft | Qt::AlignVCenter,
                                        Qt::AlignHCenter | Qt::AlignVCenter, Qt::AlignRight | Qt::AlignTop,
                                        Qt::AlignLeft | Qt::AlignBottom, Qt::AlignCenter};
        for (int r = 0; r < model.rowCount(); ++r)
            for (int c = 0; c < model.columnCount(); ++c) {
                auto *item = new QStandardItem(texts[(r * 7 + c * 13) % texts.size()]);
                if (r == 3)
                    item->setText(QStringLiteral("5 \u00b5s")); // shaped by the style
                if (r == 4)
                    item->setText(QString()); // empty
                item->setData(QVariant::fromValue(aligns[c]), Qt::TextAlignmentRole);
                if (r == 5) // an alignment as a plain int, as many models give it
                    item->setData(int(aligns[(c + 1) % 6]), Qt::TextAlignmentRole);
                if (r == 6 && c == 1) // looks from the model: the style draws those
                    item->setData(QColor(Qt::darkRed), Qt::ForegroundRole);
                if (r == 6 && c == 2)
                    item->setData(QColor(Qt::yellow), Qt::BackgroundRole);
                if (r == 6 && c == 3) {
                    QFont bold = QApplication::font();
                    bold.setBold(true);
                    item->setData(bold, Qt::FontRole);
                }
                if (r == 6 && c == 4)
                    item->setCheckState(Qt::Checked);
                if (r == 7) { // other scripts and symbols: shaped by Qt, once; two lines: the style's
                    const QString other[] = {QStringLiteral("\u6e29\u5ea6 (\u00b0C)"), QStringLiteral("\u0645\u0631\u062d\u0628\u0627 1"),
                                             QStringLiteral("\u26a0 failed"), QStringLiteral("\u00dcn\u00efc\u00f6d\u00e9 caf\u00e9 na\u00efve"),
                                             QStringLiteral("x\u2028y"), QStringLiteral("tab\there")};
                    item->setText(other[c]);
                }
                model.setItem(r, c, item);
            }
        QTableView view;
        view.setStyle(viewStyle.get());
        view.setModel(&model);
        view.setWordWrap(false);
        view.horizontalHeader()->setDefaultSectionSize(columnWidth);
        view.verticalHeader()->setDefaultSectionSize(view.fontMetrics().height() + 6);
        view.setEnabled(enabled);
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        if (active) {
            view.activateWindow();
            QTRY_VERIFY(view.isActiveWindow());
        } else {
            QWidget other;
            other.show();
            other.activateWindow();
            QTRY_VERIFY(!view.isActiveWindow());
        }
        QItemSelection sel(model.index(1, 1), model.index(6, 3));
        sel.select(model.index(10, 0), model.index(12, 5));
        view.selectionModel()->select(sel, QItemSelectionModel::ClearAndSelect);
        view.selectionModel()->setCurrentIndex(model.index(2, 2), QItemSelectionModel::NoUpdate);
        if (focus)
            view.setFocus();
        else
            view.clearFocus();

        auto *fast = new GridCellDelegate(&view);
        // As the screen would show it, in device pixels.
        auto paint = [&] {
            QWidget *vp = view.viewport();
            QImage image((QSizeF(vp->size()) * pixelRatio).toSize(), QImage::Format_ARGB32_Premultiplied);
            image.setDevicePixelRatio(pixelRatio);
            image.fill(Qt::transparent);
            vp->render(&image);
            return image;
        };
        const QImage styled = paint();
        view.setItemDelegate(fast);
        const QImage ours = paint();
        QCOMPARE(ours.size(), styled.size());
        QVERIFY2(ours == styled, qPrintable(differences(ours, styled)));
        if (style != QLatin1String("Fusion")) { // not checked to match: everything goes to the style
            QCOMPARE(fast->fastCells(), quint64(0));
            return;
        }
        QVERIFY(fast->fastCells() > 50);
        QVERIFY(fast->shapedCells() >= quint64(model.columnCount()) + 4); // the µs row and the other scripts
        QVERIFY(fast->styledCells() >= 6); // the model's looks, a line break, a tab
        // What the model says is what was laid out: the display role, elided.
        if (active && enabled && !focus && columnWidth < 60)
            QVERIFY(fast->fastCells() > 100);
    }

    // One cell at a time on a canvas larger than it: what reaches past the
    // cell (a character wider than a narrow column) is clipped as the style
    // clips it, whatever the alignment.
    void narrowCellsClipLikeTheStyle()
    {
        QStandardItemModel model(1, 1);
        QTableView view; // the widget the option names (its style)
        view.setModel(&model);
        GridCellDelegate fast;
        QStyledItemDelegate styled;
        for (const QString &text : {QStringLiteral("W"), QStringLiteral("@"), QStringLiteral("12345678"), QStringLiteral("\u2026"),
                                    QStringLiteral("\u6e29"), QStringLiteral("\u26a0 \u00b5s")})
            for (Qt::Alignment align : {Qt::AlignLeft | Qt::AlignVCenter, Qt::AlignRight | Qt::AlignVCenter, Qt::AlignHCenter | Qt::AlignTop})
                for (int width : {1, 4, 7, 9, 12}) {
                    model.setData(model.index(0, 0), text);
                    model.setData(model.index(0, 0), QVariant::fromValue(align), Qt::TextAlignmentRole);
                    QStyleOptionViewItem option;
                    option.initFrom(&view);
                    option.widget = &view;
                    option.font = view.font();
                    option.fontMetrics = QFontMetrics(option.font);
                    option.displayAlignment = Qt::AlignLeft | Qt::AlignVCenter;
                    option.textElideMode = Qt::ElideRight;
                    option.rect = QRect(40, 10, width, 8); // also shorter than a line
                    auto paint = [&](QAbstractItemDelegate &d) {
                        QImage image(100, 40, QImage::Format_ARGB32_Premultiplied);
                        image.fill(Qt::white);
                        QPainter p(&image);
                        d.paint(&p, option, model.index(0, 0));
                        return image;
                    };
                    const QImage a = paint(fast), b = paint(styled);
                    QVERIFY2(a == b, qPrintable(QStringLiteral("%1 in %2 px: %3").arg(text).arg(width).arg(differences(a, b))));
                }
        QVERIFY(fast.fastCells() > 0);
        QVERIFY(fast.shapedCells() > 0);
    }

    void gridOfTheDatasetsPaintsLikeStyledDelegate()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("grid.h5"));
        QVERIFY(gridtests::writeGridFile(path));
        auto file = core::H5File::open(path);
        QVERIFY(file.ok());
        // Floats, integers, a compound of int, float and string, scaled headers.
        for (const char *name : {"/matrix", "/cube", "/table", "/scaled"}) {
            auto reader = core::DatasetReader::open(file.value(), QString::fromLatin1(name));
            QVERIFY(reader.ok());
            // As the app shows it: N-D data as a 2-D slice.
            ui::DatasetPanel panel(reader.value(), QStringLiteral("grid.h5"));
            panel.resize(700, 500);
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            ui::DataGridView &grid = *panel.grid();
            core::DatasetTableModel &model = *panel.model();
            grid.setCurrentCell(2, 1);
            grid.setCurrentCell(4, 2, true);
            QTRY_VERIFY_WITH_TIMEOUT(model.index(0, 0).data(core::DatasetTableModel::LoadedRole).toBool()
                                         && model.index(model.rowCount() - 1, model.columnCount() - 1)
                                                .data(core::DatasetTableModel::LoadedRole)
                                                .toBool(),
                                     5000);
            core::JobRunner::instance().waitForIdle();
            QCoreApplication::processEvents();
            QTableView *table = grid.tableView();
            auto *fast = qobject_cast<GridCellDelegate *>(table->itemDelegate());
            QVERIFY(fast);
            const QImage ours = table->viewport()->grab().toImage();
            QVERIFY(fast->fastCells() > 0);
            QStyledItemDelegate styledDelegate;
            table->setItemDelegate(&styledDelegate);
            const QImage styled = table->viewport()->grab().toImage();
            table->setItemDelegate(fast);
            QVERIFY2(ours == styled, qPrintable(QString::fromLatin1(name) + QStringLiteral(": ") + differences(ours, styled)));
        }
    }
};

QTEST_MAIN(TestGridCellDelegate)
#include "tst_gridcelldelegate.moc"
