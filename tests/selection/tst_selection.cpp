// Selection: the NumPy-style text shared by the grid, the export dialog and the CLI.

#include "model/selection.h"

#include <QTest>

using hs::core::DimSlice;
using hs::core::ErrorCode;
using hs::core::Selection;

using Shape = std::vector<quint64>;
using Dims = std::vector<DimSlice>;
Q_DECLARE_METATYPE(Shape)
Q_DECLARE_METATYPE(Dims)

namespace {

DimSlice idx(quint64 i) { return DimSlice{i, 1, 1, 1, true}; }
DimSlice sl(quint64 start, quint64 count, quint64 stride = 1) { return DimSlice{start, stride, count, 1, false}; }

constexpr quint64 kMax = 9223372036854775807ull; // 2^63-1

} // namespace

class TestSelection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseGood_data();
    void parseGood();
    void parseBad_data();
    void parseBad();
    void all();
    void resultShape();
    void datasetDimOf();
    void roundTripProgrammatic();
    void narrowed();
    void datasetIndexAndBack();
};

void TestSelection::parseGood_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Shape>("shape");
    QTest::addColumn<Dims>("dims");
    QTest::addColumn<QString>("canonical");

    const Shape s3{10, 20, 200};
    QTest::newRow("header example") << "[5, :, 0:100:2]" << s3 << Dims{idx(5), sl(0, 20), sl(0, 50, 2)} << "[5, :, 0:100:2]";
    QTest::newRow("ellipsis last") << "[..., -1]" << s3 << Dims{sl(0, 10), sl(0, 20), idx(199)} << "[:, :, 199]";
    QTest::newRow("ellipsis first") << "[..., 3, 4]" << s3 << Dims{sl(0, 10), idx(3), idx(4)} << "[:, 3, 4]";
    QTest::newRow("ellipsis middle") << "[1, ..., 4]" << s3 << Dims{idx(1), sl(0, 20), idx(4)} << "[1, :, 4]";
    QTest::newRow("ellipsis empty") << "[1, 2, ..., 3]" << s3 << Dims{idx(1), idx(2), idx(3)} << "[1, 2, 3]";
    QTest::newRow("ellipsis alone") << "[...]" << s3 << Dims{sl(0, 10), sl(0, 20), sl(0, 200)} << "[:, :, :]";
    QTest::newRow("step only") << "[::10]" << Shape{95} << Dims{sl(0, 10, 10)} << "[0:95:10]";
    QTest::newRow("column") << "[:, 3]" << Shape{7, 5} << Dims{sl(0, 7), idx(3)} << "[:, 3]";
    QTest::newRow("implicit trailing") << "[2]" << Shape{7, 5} << Dims{idx(2), sl(0, 5)} << "[2, :]";
    QTest::newRow("empty brackets") << "[]" << Shape{7, 5} << Dims{sl(0, 7), sl(0, 5)} << "[:, :]";
    QTest::newRow("scalar brackets") << "[]" << Shape{} << Dims{} << "[]";
    QTest::newRow("scalar empty") << "" << Shape{} << Dims{} << "[]";
    QTest::newRow("scalar blank") << "   " << Shape{} << Dims{} << "[]";
    QTest::newRow("scalar ellipsis") << "[...]" << Shape{} << Dims{} << "[]";
    QTest::newRow("no brackets") << "5, 1:3" << Shape{10, 10} << Dims{idx(5), sl(1, 2)} << "[5, 1:3]";
    QTest::newRow("whitespace") << "  [ 5 ,1 : 3 : 1 ]  " << Shape{10, 10} << Dims{idx(5), sl(1, 2)} << "[5, 1:3]";
    QTest::newRow("tabs") << "[\t5\t,\t:\t]" << Shape{10, 10} << Dims{idx(5), sl(0, 10)} << "[5, :]";
    QTest::newRow("trailing comma") << "[5,]" << Shape{10, 10} << Dims{idx(5), sl(0, 10)} << "[5, :]";
    QTest::newRow("negative index") << "[-1, -10]" << Shape{10, 10} << Dims{idx(9), idx(0)} << "[9, 0]";
    QTest::newRow("plus sign") << "[+3]" << Shape{10} << Dims{idx(3)} << "[3]";
    QTest::newRow("negative bounds") << "[-3:]" << Shape{10} << Dims{sl(7, 3)} << "[7:10]";
    QTest::newRow("negative stop") << "[:-1]" << Shape{10} << Dims{sl(0, 9)} << "[0:9]";
    QTest::newRow("clamp stop") << "[5:1000]" << Shape{10} << Dims{sl(5, 5)} << "[5:10]";
    QTest::newRow("clamp start") << "[-1000:3]" << Shape{10} << Dims{sl(0, 3)} << "[0:3]";
    QTest::newRow("full explicit") << "[0:10]" << Shape{10} << Dims{sl(0, 10)} << "[:]";
    QTest::newRow("full step 1") << "[::1]" << Shape{10} << Dims{sl(0, 10)} << "[:]";
    QTest::newRow("empty slice") << "[5:5]" << Shape{10} << Dims{sl(5, 0)} << "[5:5]";
    QTest::newRow("reversed bounds") << "[7:2]" << Shape{10} << Dims{sl(7, 0)} << "[7:7]";
    QTest::newRow("start past end") << "[20:30]" << Shape{10} << Dims{sl(10, 0)} << "[10:10]";
    QTest::newRow("empty with step") << "[5:3:2]" << Shape{10} << Dims{sl(5, 0, 2)} << "[5:5:2]";
    QTest::newRow("step rounds up") << "[1:8:3]" << Shape{10} << Dims{sl(1, 3, 3)} << "[1:10:3]";
    QTest::newRow("step tight") << "[1:8:3]" << Shape{100} << Dims{sl(1, 3, 3)} << "[1:10:3]";
    QTest::newRow("huge step") << "[::9223372036854775807]" << Shape{10} << Dims{sl(0, 1, kMax)} << "[0:10:9223372036854775807]";
    QTest::newRow("huge bounds") << "[9223372036854775807:]" << Shape{10} << Dims{sl(10, 0)} << "[10:10]";
    QTest::newRow("huge negative") << "[-9223372036854775807:]" << Shape{10} << Dims{sl(0, 10)} << "[:]";
    QTest::newRow("large dimension") << "[-1]" << Shape{kMax} << Dims{idx(kMax - 1)} << "[9223372036854775806]";
    QTest::newRow("empty dimension") << "[:]" << Shape{0} << Dims{sl(0, 0)} << "[:]";
    QTest::newRow("empty dimension slice") << "[2:5]" << Shape{0} << Dims{sl(0, 0)} << "[:]";
}

void TestSelection::parseGood()
{
    QFETCH(QString, text);
    QFETCH(Shape, shape);
    QFETCH(Dims, dims);
    QFETCH(QString, canonical);

    const auto sel = Selection::parse(text, shape);
    QVERIFY2(sel.ok(), qPrintable(sel.ok() ? QString() : sel.error().message));
    QCOMPARE(sel->datasetShape(), shape);
    QCOMPARE(sel->dims().size(), dims.size());
    for (size_t i = 0; i < dims.size(); ++i) {
        const DimSlice &a = sel->dims()[i], &e = dims[i];
        QVERIFY2(a == e, qPrintable(QStringLiteral("dim %1: got start %2 stride %3 count %4 dropped %5")
                                        .arg(i).arg(a.start).arg(a.stride).arg(a.count).arg(a.dropped)));
    }
    QCOMPARE(sel->toText(), canonical);

    // The canonical text parses back to the same selection, and is a fixed point.
    const auto again = Selection::parse(sel->toText(), shape);
    QVERIFY(again.ok());
    QVERIFY(again.value() == sel.value());
    QCOMPARE(again->toText(), canonical);
}

void TestSelection::parseBad_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Shape>("shape");
    // Every one of these must appear in the message (it names the offending part).
    QTest::addColumn<QStringList>("mentions");

    const Shape s2{10, 20};
    QTest::newRow("zero step") << "[0:10:0]" << s2 << QStringList{"0:10:0", "step 0", "size 10"};
    QTest::newRow("negative step") << "[:, ::-1]" << s2 << QStringList{"::-1", "backwards", "dimension 1", "size 20"};
    QTest::newRow("index too big") << "[10]" << s2 << QStringList{"10", "out of range", "dimension 0", "size 10"};
    QTest::newRow("index too small") << "[:, -21]" << s2 << QStringList{"-21", "out of range", "dimension 1", "size 20"};
    QTest::newRow("index on empty") << "[0]" << Shape{0} << QStringList{"out of range", "size 0"};
    QTest::newRow("too many") << "[1, 2, 3]" << s2 << QStringList{"3 indices", "2 dimensions", "10 x 20"};
    QTest::newRow("too many with ellipsis") << "[1, ..., 2, 3]" << s2 << QStringList{"3 indices", "2 dimensions"};
    QTest::newRow("scalar index") << "[0]" << Shape{} << QStringList{"1 index", "scalar"};
    QTest::newRow("two ellipses") << "[..., 1, ...]" << s2 << QStringList{"'...'", "2 times"};
    QTest::newRow("garbage") << "[abc]" << s2 << QStringList{"'abc'", "item 1", "size 10"};
    QTest::newRow("garbage second") << "[1, x:2]" << s2 << QStringList{"'x:2'", "start 'x'", "size 20"};
    QTest::newRow("float") << "[1.5]" << s2 << QStringList{"'1.5'"};
    QTest::newRow("three colons") << "[1:2:3:4]" << s2 << QStringList{"'1:2:3:4'", "two colons"};
    QTest::newRow("empty item") << "[1,,2]" << s2 << QStringList{"nothing at item 2", "size 20"};
    QTest::newRow("lone comma") << "[,]" << s2 << QStringList{"nothing at item 1"};
    QTest::newRow("open bracket") << "[1, 2" << s2 << QStringList{"brackets"};
    QTest::newRow("close bracket") << "1, 2]" << s2 << QStringList{"brackets"};
    QTest::newRow("nested") << "[[1], 2]" << s2 << QStringList{"brackets"};
    QTest::newRow("overflow") << "[99999999999999999999]" << s2 << QStringList{"'99999999999999999999'", "too large"};
    QTest::newRow("overflow in slice") << "[:9223372036854775808]" << s2 << QStringList{"9223372036854775808", "too large"};
    QTest::newRow("sign only") << "[-]" << s2 << QStringList{"'-'"};
    QTest::newRow("ellipsis dots") << "[....]" << s2 << QStringList{"'....'"};
}

void TestSelection::parseBad()
{
    QFETCH(QString, text);
    QFETCH(Shape, shape);
    QFETCH(QStringList, mentions);

    const auto sel = Selection::parse(text, shape);
    QVERIFY2(!sel.ok(), qPrintable(sel.ok() ? sel->toText() : QString()));
    QCOMPARE(sel.error().code, ErrorCode::InvalidArgument);
    const QString msg = sel.error().message;
    for (const QString &m : mentions)
        QVERIFY2(msg.contains(m), qPrintable(QStringLiteral("'%1' not in: %2").arg(m, msg)));
    QVERIFY2(!msg.contains(QLatin1Char('\n')), qPrintable(msg));
    QVERIFY2(msg.endsWith(QLatin1Char('.')), qPrintable(msg));
}

void TestSelection::all()
{
    const Selection s = Selection::all({4, 0, 3});
    QCOMPARE(s.toText(), QStringLiteral("[:, :, :]"));
    QCOMPARE(s.resultRank(), 3);
    QCOMPARE(s.elementCount(), 0u);
    QCOMPARE(s.resultShape(), (Shape{4, 0, 3}));
    QVERIFY(Selection::parse(QStringLiteral(":,:,:"), {4, 0, 3}).value() == s);

    const Selection scalar = Selection::all({});
    QCOMPARE(scalar.resultRank(), 0);
    QCOMPARE(scalar.elementCount(), 1u);
    QCOMPARE(scalar.toText(), QStringLiteral("[]"));
}

void TestSelection::resultShape()
{
    const auto s = Selection::parse(QStringLiteral("[5, :, 0:100:2]"), {10, 20, 200});
    QVERIFY(s.ok());
    QCOMPARE(s->resultRank(), 2);
    QCOMPARE(s->resultShape(), (Shape{20, 50}));
    QCOMPARE(s->elementCount(), 1000u);

    const auto point = Selection::parse(QStringLiteral("[1, 2, 3]"), {10, 20, 200});
    QVERIFY(point.ok());
    QCOMPARE(point->resultRank(), 0);
    QCOMPARE(point->resultShape(), Shape{});
    QCOMPARE(point->elementCount(), 1u);
}

void TestSelection::datasetDimOf()
{
    const auto s = Selection::parse(QStringLiteral("[5, :, 3, ::2]"), {10, 20, 30, 40});
    QVERIFY(s.ok());
    QCOMPARE(s->datasetDimOf(0), 1);
    QCOMPARE(s->datasetDimOf(1), 3);
    QCOMPARE(s->datasetDimOf(2), -1);
}

void TestSelection::roundTripProgrammatic()
{
    // Selections built by the grid (not parsed) still print text that parses back.
    Selection s = Selection::all({100, 50});
    s.dims()[0] = DimSlice{10, 7, 5, 1, false};  // 10, 17, ..., 38
    s.dims()[1] = DimSlice{49, 3, 1, 1, false}; // the last column, stride irrelevant
    const auto back = Selection::parse(s.toText(), {100, 50});
    QVERIFY2(back.ok(), qPrintable(s.toText()));
    QCOMPARE(back->toText(), s.toText());
    QCOMPARE(back->dims()[0], s.dims()[0]);
    QCOMPARE(back->dims()[1].start, 49u);
    QCOMPARE(back->dims()[1].count, 1u);
}

void TestSelection::narrowed()
{
    const Selection view = Selection::parse(QStringLiteral("[2, 10:90:4, :]"), {5, 100, 30}).value();
    // Grid cells rows 3..5, columns 7..8 of the 20 x 30 view.
    const Selection cells = view.narrowed(0, 3, 3).narrowed(1, 7, 2);
    QCOMPARE(cells.toText(), QStringLiteral("[2, 22:34:4, 7:9]"));
    QCOMPARE(cells.resultShape(), (Shape{3, 2}));
    QCOMPARE(Selection::parse(cells.toText(), {5, 100, 30}).value(), cells);
    // Clamped to the selection; a dimension that is not in the result is left alone.
    QCOMPARE(view.narrowed(0, 18, 100).toText(), QStringLiteral("[2, 82:90:4, :]"));
    QCOMPARE(view.narrowed(0, 50, 1).resultShape(), (Shape{0, 30}));
    QCOMPARE(view.narrowed(2, 0, 1), view);
}

void TestSelection::datasetIndexAndBack()
{
    // [3::1000] of 10000: positions 0..6 are dataset indices 3, 1003, ... 6003.
    DimSlice s{3, 1000, 7, 1, false};
    QCOMPARE(s.datasetIndex(0), quint64(3));
    QCOMPARE(s.datasetIndex(6), quint64(6003));
    QCOMPARE(s.positionOf(3), quint64(0));
    QCOMPARE(s.positionOf(2003), quint64(2));
    QCOMPARE(s.positionOf(2500), quint64(2)); // not selected: the one before
    QCOMPARE(s.positionOf(0), quint64(0));    // before the first
    QCOMPARE(s.positionOf(9999), quint64(6)); // after the last
    // HDF5 blocks (region references): blocks of 2 every 5 from 1.
    DimSlice b{1, 5, 3, 2, false};
    QCOMPARE(b.datasetIndex(3), quint64(7));
    QCOMPARE(b.positionOf(7), quint64(3));
    QCOMPARE(b.positionOf(9), quint64(3)); // between blocks: the last of the block before
    for (quint64 i = 0; i < 6; ++i)
        QCOMPARE(b.positionOf(b.datasetIndex(i)), i);
}

QTEST_GUILESS_MAIN(TestSelection)
#include "tst_selection.moc"
