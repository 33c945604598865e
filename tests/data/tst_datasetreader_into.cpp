// DatasetReader::readInto: the same bytes as readBlock, into the caller's
// buffer, for every layout and selection shape; refusals.

#include "tst_datasetreader.h"

#include <cstring>

using namespace hs::core;
using namespace hs::test::reader;

void TestDatasetReader::readIntoMatchesReadBlock_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("select");
    QTest::newRow("contiguous") << QStringLiteral("/contiguous") << QStringLiteral("[:, :]");
    QTest::newRow("chunked gzip") << QStringLiteral("/chunked") << QStringLiteral("[:, :]");
    QTest::newRow("big-endian, strided") << QStringLiteral("/bigendian") << QStringLiteral("[1::3, ::2]");
    QTest::newRow("compact, a column") << QStringLiteral("/compact") << QStringLiteral("[:, 4]");
    QTest::newRow("4-D, a 2-D slice") << QStringLiteral("/fourd") << QStringLiteral("[1, :, 2, ::2]");
    QTest::newRow("compound") << QStringLiteral("/compound") << QStringLiteral("[:]");
}

void TestDatasetReader::readIntoMatchesReadBlock()
{
    QFETCH(QString, name);
    QFETCH(QString, select);
    auto reader = mustOpen(name);
    QVERIFY(reader);
    auto sel = Selection::parse(select, reader->shape().dims);
    QVERIFY2(sel, qPrintable(sel ? QString() : sel.error().message));
    const std::vector<quint64> shape = sel->resultShape();
    const quint64 rows = shape.empty() ? 1 : shape[0], cols = shape.size() < 2 ? 1 : shape[1];
    const size_t es = reader->elementSize();
    std::vector<unsigned char> buf(size_t(rows * cols) * es + 16, 0xcd);
    // Blocks of 3 x 4 from every position, and the whole.
    for (quint64 r0 = 0; r0 < rows; r0 += 3) {
        for (quint64 c0 = 0; c0 < cols; c0 += 4) {
            auto block = reader->readBlock(*sel, false, r0, 3, c0, 4);
            QVERIFY(block);
            auto got = reader->readInto(*sel, r0, 3, c0, 4, buf.data(), buf.size());
            QVERIFY2(got, qPrintable(got ? QString() : got.error().message));
            QCOMPARE(got->first, (*block)->rows);
            QCOMPARE(got->second, (*block)->cols);
            QVERIFY(std::memcmp(buf.data(), (*block)->raw.data(), (*block)->raw.size()) == 0);
        }
    }
    auto whole = reader->readInto(*sel, 0, rows, 0, cols, buf.data(), buf.size());
    QVERIFY(whole);
    QCOMPARE(whole->first * whole->second, rows * cols);
    // Past the end: nothing read.
    auto past = reader->readInto(*sel, rows, 5, 0, 1, buf.data(), buf.size());
    QVERIFY(past);
    QCOMPARE(past->first, quint64(0));
}

void TestDatasetReader::readIntoRefusals()
{
    unsigned char buf[64];
    auto contiguous = mustOpen(QStringLiteral("/contiguous"));
    QVERIFY(contiguous);
    const Selection all = Selection::all(contiguous->shape().dims);
    auto small = contiguous->readInto(all, 0, 100, 0, 100, buf, sizeof buf); // 40,000 bytes asked
    QVERIFY(!small);
    QCOMPARE(small.error().code, ErrorCode::InvalidArgument);
    auto sequences = mustOpen(QStringLiteral("/sequences"));
    QVERIFY(sequences);
    auto vlen = sequences->readInto(Selection::all(sequences->shape().dims), 0, 1, 0, 1, buf, sizeof buf);
    QVERIFY(!vlen);
    QCOMPARE(vlen.error().code, ErrorCode::InvalidArgument);
}
