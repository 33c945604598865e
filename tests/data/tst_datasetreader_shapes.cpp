// DatasetReader: every layout, ranks from scalar to 4-D, blocks past the end
// and selections outside the dataset.

#include "tst_datasetreader.h"

using namespace hs::core;
using namespace hs::test::reader;

// Every layout, read in 8 x 5 blocks (crossing chunk edges), plain and transposed.
void TestDatasetReader::layouts_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<quint64>("rows");
    QTest::addColumn<quint64>("cols");
    QTest::newRow("contiguous") << QStringLiteral("/contiguous") << quint64(kRows) << quint64(kCols);
    QTest::newRow("chunked gzip shuffle fletcher32") << QStringLiteral("/chunked") << quint64(kRows) << quint64(kCols);
    QTest::newRow("big-endian") << QStringLiteral("/bigendian") << quint64(kRows) << quint64(kCols);
    QTest::newRow("compact") << QStringLiteral("/compact") << quint64(5) << quint64(6);
}

void TestDatasetReader::layouts()
{
    QFETCH(QString, name);
    QFETCH(quint64, rows);
    QFETCH(quint64, cols);
    auto reader = mustOpen(name);
    QVERIFY(reader);
    QCOMPARE(reader->shape().dims, (std::vector<quint64>{rows, cols}));
    QCOMPARE(reader->fields().size(), size_t(1));
    QCOMPARE(reader->elementSize(), sizeof(int));
    const Selection all = Selection::all(reader->shape().dims);
    for (const bool transposed : {false, true}) {
        const quint64 R = transposed ? cols : rows, C = transposed ? rows : cols;
        for (quint64 r0 = 0; r0 < R; r0 += 8) {
            for (quint64 c0 = 0; c0 < C; c0 += 5) {
                auto block = reader->readBlock(all, transposed, r0, 8, c0, 5);
                QVERIFY2(block, qPrintable(block ? QString() : block.error().message));
                const DataBlockPtr &b = *block;
                QCOMPARE(b->rows, std::min<quint64>(8, R - r0)); // the far end is clamped
                QCOMPARE(b->cols, std::min<quint64>(5, C - c0));
                for (quint64 r = 0; r < b->rows; ++r)
                    for (quint64 c = 0; c < b->cols; ++c) {
                        const quint64 dr = transposed ? c0 + c : r0 + r, dc = transposed ? r0 + r : c0 + c;
                        QCOMPARE(cell(b, r, c), QString::number(valueAt(dr, dc)));
                        QCOMPARE(b->number(r, c, 0), double(valueAt(dr, dc)));
                    }
            }
        }
    }
    if (name == QLatin1String("/chunked"))
        QCOMPARE(reader->chunkShape(), (std::vector<quint64>{10, 7}));
    else
        QVERIFY(reader->chunkShape().empty());
}

void TestDatasetReader::blockPastTheEnd()
{
    auto reader = mustOpen(QStringLiteral("/contiguous"));
    const Selection all = Selection::all(reader->shape().dims);
    auto b = reader->readBlock(all, false, kRows, 10, 0, 10);
    QVERIFY(b);
    QCOMPARE((*b)->rows, quint64(0));
    auto last = reader->readBlock(all, false, kRows - 1, 100, kCols - 1, 100);
    QVERIFY(last);
    QCOMPARE((*last)->rows, quint64(1));
    QCOMPARE((*last)->cols, quint64(1));
    QCOMPARE(cell(*last, 0, 0), QString::number(valueAt(kRows - 1, kCols - 1)));
    QCOMPARE((*last)->byteSize() >= sizeof(int), true);
}

void TestDatasetReader::hexOption()
{
    auto reader = mustOpen(QStringLiteral("/bigendian"));
    auto b = reader->readBlock(Selection::all(reader->shape().dims), false, 0, 1, 0, 2);
    QVERIFY(b);
    FormatOptions hex;
    hex.hexIntegers = true;
    QCOMPARE(cell(*b, 0, 0, 0, hex), QStringLiteral("0x0")); // 0 * -1
    QCOMPARE(cell(*b, 0, 1, 0, hex), QStringLiteral("0x1"));
}

void TestDatasetReader::fillValue()
{
    auto reader = mustOpen(QStringLiteral("/filled"));
    auto b = reader->readBlock(Selection::all(reader->shape().dims), false, 2, 4, 2, 4);
    QVERIFY(b);
    QCOMPARE(cell(*b, 0, 0), QStringLiteral("1"));  // (2,2): written
    QCOMPARE(cell(*b, 1, 1), QStringLiteral("1"));  // (3,3)
    QCOMPARE(cell(*b, 2, 2), QStringLiteral("-7")); // (4,4): never written
    QCOMPARE(cell(*b, 0, 3), QStringLiteral("-7")); // (2,5)
}

void TestDatasetReader::scalarAndNull()
{
    auto scalar = mustOpen(QStringLiteral("/scalar"));
    QCOMPARE(scalar->shape().kind, ShapeInfo::Kind::Scalar);
    auto b = scalar->readBlock(Selection::all({}), false, 0, 10, 0, 10);
    QVERIFY(b);
    QCOMPARE((*b)->rows, quint64(1));
    QCOMPARE((*b)->cols, quint64(1));
    QCOMPARE(cell(*b, 0, 0), QStringLiteral("3.25"));

    auto null = mustOpen(QStringLiteral("/null"));
    QCOMPARE(null->shape().kind, ShapeInfo::Kind::Null);
    auto e = null->readBlock(Selection::all({}), false, 0, 1, 0, 1);
    QVERIFY(!e);
    QCOMPARE(e.error().message, QStringLiteral("This dataset has no data (null dataspace)."));
}

void TestDatasetReader::fourDimensional()
{
    auto reader = mustOpen(QStringLiteral("/fourd"));
    // [1, :, 2, ::2]
    Selection sel = Selection::all(reader->shape().dims);
    sel.dims()[0] = DimSlice{1, 1, 1, 1, true};
    sel.dims()[2] = DimSlice{2, 1, 1, 1, true};
    sel.dims()[3] = DimSlice{0, 2, 3, 1, false};
    auto b = reader->readBlock(sel, false, 0, 10, 0, 10);
    QVERIFY(b);
    QCOMPARE((*b)->rows, quint64(4));
    QCOMPARE((*b)->cols, quint64(3));
    for (quint64 r = 0; r < 4; ++r)
        for (quint64 c = 0; c < 3; ++c)
            QCOMPARE(cell(*b, r, c), QString::number(1000 + r * 100 + 20 + c * 2));
    // Transposed, from an offset: rows run over the last dimension.
    auto t = reader->readBlock(sel, true, 1, 2, 1, 3);
    QVERIFY(t);
    QCOMPARE((*t)->rows, quint64(2));
    QCOMPARE((*t)->cols, quint64(3));
    for (quint64 r = 0; r < 2; ++r)
        for (quint64 c = 0; c < 3; ++c)
            QCOMPARE(cell(*t, r, c), QString::number(1000 + (c + 1) * 100 + 20 + (r + 1) * 2));
    // Strided in two dimensions, starting in the middle: [2, 1::2, 1:5:3, 4]
    Selection s2 = Selection::all(reader->shape().dims);
    s2.dims()[0] = DimSlice{2, 1, 1, 1, true};
    s2.dims()[1] = DimSlice{1, 2, 2, 1, false};
    s2.dims()[2] = DimSlice{1, 3, 2, 1, false};
    s2.dims()[3] = DimSlice{4, 1, 1, 1, true};
    auto s = reader->readBlock(s2, false, 0, 5, 0, 5);
    QVERIFY(s);
    QCOMPARE(cell(*s, 0, 0), QStringLiteral("2114"));
    QCOMPARE(cell(*s, 0, 1), QStringLiteral("2144"));
    QCOMPARE(cell(*s, 1, 0), QStringLiteral("2314"));
    QCOMPARE(cell(*s, 1, 1), QStringLiteral("2344"));
    // Three result dimensions cannot be shown as a table.
    Selection three = Selection::all(reader->shape().dims);
    three.dims()[0].dropped = true;
    three.dims()[0].count = 1;
    auto e = reader->readBlock(three, false, 0, 1, 0, 1);
    QVERIFY(!e);
    QCOMPARE(e.error().code, ErrorCode::InvalidArgument);
}

void TestDatasetReader::oneDimensional()
{
    auto reader = mustOpen(QStringLiteral("/line"));
    Selection sel = Selection::all(reader->shape().dims);
    auto b = reader->readBlock(sel, false, 15, 10, 0, 3);
    QVERIFY(b);
    QCOMPARE((*b)->rows, quint64(5));
    QCOMPARE((*b)->cols, quint64(1));
    QCOMPARE(cell(*b, 4, 0), QStringLiteral("19"));
    auto t = reader->readBlock(sel, true, 0, 3, 15, 10);
    QVERIFY(t);
    QCOMPARE((*t)->rows, quint64(1));
    QCOMPARE((*t)->cols, quint64(5));
    QCOMPARE(cell(*t, 0, 0), QStringLiteral("15"));
}

// HDF5 blocks (block > 1): elements 1,2, 5,6, 9,10 of 0..19; read rows 1..4.
void TestDatasetReader::hyperslabBlocks()
{
    auto reader = mustOpen(QStringLiteral("/line"));
    Selection sel = Selection::all(reader->shape().dims);
    sel.dims()[0] = DimSlice{1, 4, 3, 2, false};
    auto b = reader->readBlock(sel, false, 1, 4, 0, 1);
    QVERIFY(b);
    QCOMPARE((*b)->rows, quint64(4));
    QStringList got;
    for (quint64 r = 0; r < 4; ++r)
        got << cell(*b, r, 0);
    QCOMPARE(got, (QStringList{QStringLiteral("2"), QStringLiteral("5"), QStringLiteral("6"), QStringLiteral("9")}));
}

void TestDatasetReader::selectionOutside()
{
    auto reader = mustOpen(QStringLiteral("/line"));
    Selection sel = Selection::all(reader->shape().dims);
    sel.dims()[0] = DimSlice{15, 2, 5, 1, false};
    auto e = reader->readBlock(sel, false, 0, 1, 0, 1);
    QVERIFY(!e);
    QCOMPARE(e.error().code, ErrorCode::InvalidArgument);
}
