// suggestChunkShape (core/edit/chunkshape.h) and the checks of DatasetSpec and
// encodeElement (core/edit/datasetspec.h) the New Dataset dialog relies on.

#include "edit/chunkshape.h"
#include "edit/datasetspec.h"

#include <QTest>

using namespace hs::core;
using Shape = std::vector<quint64>;
Q_DECLARE_METATYPE(Shape)

namespace {
constexpr quint64 U = DatasetSpec::Unlimited;
}

class TestChunkShape : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void suggest_data()
    {
        QTest::addColumn<Shape>("shape");
        QTest::addColumn<Shape>("maxShape");
        QTest::addColumn<int>("elementBytes");
        QTest::addColumn<Shape>("expected");
        QTest::newRow("small: whole dataset") << Shape{10, 10} << Shape{10, 10} << 8 << Shape{10, 10};
        QTest::newRow("8 MB square: halved to 1 MB") << Shape{1000, 1000} << Shape{} << 8 << Shape{250, 500};
        QTest::newRow("3-D bytes keep the aspect") << Shape{100, 200, 300} << Shape{} << 1 << Shape{100, 100, 75};
        QTest::newRow("empty unlimited 1-D: 1024") << Shape{0} << Shape{U} << 8 << Shape{1024};
        QTest::newRow("unlimited rows of 1000: under 1 MiB") << Shape{0, 1000} << Shape{U, 1000} << 4 << Shape{256, 1000};
        QTest::newRow("unlimited large rows stay 1") << Shape{5, 1 << 20} << Shape{U, 1 << 20} << 8 << Shape{1, 131072};
        QTest::newRow("growable to fixed max") << Shape{0, 10} << Shape{100, 10} << 8 << Shape{1, 10};
        QTest::newRow("huge element: one") << Shape{10} << Shape{} << (4 << 20) << Shape{1};
        QTest::newRow("scalar: none") << Shape{} << Shape{} << 8 << Shape{};
    }
    void suggest()
    {
        QFETCH(Shape, shape);
        QFETCH(Shape, maxShape);
        QFETCH(int, elementBytes);
        QFETCH(Shape, expected);
        const Shape chunk = suggestChunkShape(shape, maxShape.empty() ? shape : maxShape, elementBytes);
        QCOMPARE(chunk, expected);
    }

    // Every suggestion is a valid chunk shape for the spec it was made for.
    void suggestionsAreValid()
    {
        const std::vector<std::pair<Shape, Shape>> cases = {
            {{7}, {U}}, {{3, 0}, {3, U}}, {{1 << 20}, {}}, {{17, 33, 65, 129}, {}}, {{0, 0}, {U, U}}, {{2, 5}, {40, 5}}};
        for (const auto &[shape, max] : cases) {
            DatasetSpec spec;
            spec.path = QStringLiteral("/x");
            spec.shape = shape;
            spec.maxShape = max;
            spec.layout = DatasetLayout::Chunked;
            spec.chunk = suggestChunkShape(shape, spec.effectiveMaxShape(), 8);
            QVERIFY2(spec.problem().isEmpty(), qPrintable(spec.problem()));
            quint64 bytes = 8;
            for (quint64 c : spec.chunk)
                bytes *= c;
            QVERIFY(bytes <= (quint64(1) << 20));
        }
    }

    void problems_data()
    {
        QTest::addColumn<int>("layout");
        QTest::addColumn<Shape>("shape");
        QTest::addColumn<Shape>("maxShape");
        QTest::addColumn<Shape>("chunk");
        QTest::addColumn<int>("compression");
        QTest::addColumn<QString>("expected"); // part of the message; empty: fine
        const int C = int(DatasetLayout::Contiguous), K = int(DatasetLayout::Chunked), P = int(DatasetLayout::Compact);
        QTest::newRow("fine contiguous") << C << Shape{3} << Shape{} << Shape{} << 0 << "";
        QTest::newRow("fine chunked gzip") << K << Shape{3} << Shape{U} << Shape{3} << 1 << "";
        QTest::newRow("max below shape") << K << Shape{3} << Shape{2} << Shape{1} << 0 << "smaller than the shape";
        QTest::newRow("rank mismatch") << K << Shape{3} << Shape{3, 3} << Shape{1} << 0 << "max shape has 2";
        QTest::newRow("contiguous grows") << C << Shape{3} << Shape{U} << Shape{} << 0 << "cannot grow";
        QTest::newRow("contiguous filters") << C << Shape{3} << Shape{} << Shape{} << 1 << "need the chunked layout";
        QTest::newRow("compact too big") << P << Shape{100000} << Shape{} << Shape{} << 0 << "at most 64000 bytes";
        QTest::newRow("chunk zero") << K << Shape{3} << Shape{} << Shape{0} << 0 << "at least 1";
        QTest::newRow("chunk above max") << K << Shape{3} << Shape{} << Shape{4} << 0 << "larger than the max shape";
        QTest::newRow("scalar chunked") << K << Shape{} << Shape{} << Shape{} << 0 << "scalar cannot be chunked";
        QTest::newRow("unknown filter") << K << Shape{3} << Shape{} << Shape{3} << 12345 << "cannot set up HDF5 filter";
        QTest::newRow("zfp 5-D") << K << Shape{2, 2, 2, 2, 2} << Shape{} << Shape{1, 1, 1, 1, 1} << 32013 << "1 to 4 dimensions";
    }
    void problems()
    {
        QFETCH(int, layout);
        QFETCH(Shape, shape);
        QFETCH(Shape, maxShape);
        QFETCH(Shape, chunk);
        QFETCH(int, compression);
        QFETCH(QString, expected);
        DatasetSpec spec;
        spec.path = QStringLiteral("/x");
        spec.layout = DatasetLayout(layout);
        spec.shape = shape;
        spec.maxShape = maxShape;
        spec.chunk = chunk;
        spec.compression = compression;
        const QString problem = spec.problem();
        if (expected.isEmpty())
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        else
            QVERIFY2(problem.contains(expected), qPrintable(problem));
    }

    void encode()
    {
        QCOMPARE(*encodeElement(ElementType::Int16, 0, QStringLiteral("-2")), QByteArray("\xfe\xff", 2));
        QCOMPARE(*encodeElement(ElementType::UInt8, 0, QStringLiteral("255")), QByteArray("\xff", 1));
        QVERIFY(!encodeElement(ElementType::UInt8, 0, QStringLiteral("256")));
        QVERIFY(!encodeElement(ElementType::UInt32, 0, QStringLiteral("-1")));
        QVERIFY(!encodeElement(ElementType::Int32, 0, QStringLiteral("1.5")));
        QVERIFY(!encodeElement(ElementType::Float32, 0, QStringLiteral("1e39")));
        QVERIFY(encodeElement(ElementType::Float32, 0, QStringLiteral("-inf")).ok());
        QCOMPARE(*encodeElement(ElementType::Float64, 0, QStringLiteral("1")), QByteArray("\0\0\0\0\0\0\xf0\x3f", 8));
        QCOMPARE(*encodeElement(ElementType::FixedString, 4, QStringLiteral("ab")), QByteArray("ab\0\0", 4));
        QVERIFY(!encodeElement(ElementType::FixedString, 2, QStringLiteral("\u00e9\u00e9")));
        QCOMPARE(*parseShape(QStringLiteral("100 \u00d7 20"), false), (Shape{100, 20}));
        QCOMPARE(*parseShape(QStringLiteral("(100, 20)"), false), (Shape{100, 20}));
        QCOMPARE(*parseShape(QStringLiteral("4x5"), false), (Shape{4, 5}));
        QCOMPARE(*parseShape(QStringLiteral("unlimited, 5"), true), (Shape{U, 5}));
        QCOMPARE(*parseShape(QStringLiteral("\u221e \u00d7 5"), true), (Shape{U, 5}));
        QCOMPARE(*parseShape(QStringLiteral(""), false), Shape{});
        QVERIFY(!parseShape(QStringLiteral("unlimited"), false));
        QVERIFY(!parseShape(QStringLiteral("10 \u00d7 -2"), false));
        QVERIFY(!parseShape(QStringLiteral("ten"), false));
        QCOMPARE(shapeText({10, 20}), QStringLiteral("10 \u00d7 20"));
        QCOMPARE(shapeText({U, 5}), QStringLiteral("\u221e \u00d7 5"));
    }
};

QTEST_GUILESS_MAIN(TestChunkShape)
#include "tst_chunkshape.moc"
