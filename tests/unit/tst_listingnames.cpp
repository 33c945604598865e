// ListingNames: a listing's names in one store, each given back exactly as it
// went in (by position, whatever its length or content), with views that stay
// valid while more names are added.

#include "models/listingnames.h"

#include <QTest>

#include <vector>

using namespace hs::core;

class TestListingNames : public QObject
{
    Q_OBJECT

private slots:
    void namesComeBackExactly();
    void viewsStayValidAsTheStoreGrows();
    void smallListingsStaySmall();
    void manyNamesCostLittleEach();
};

void TestListingNames::namesComeBackExactly()
{
    // Lengths around the one- and two-unit length prefixes and the chunk size,
    // an empty name, and names that are not UTF-8 (bytes kept as lone
    // surrogates by names::decode) or not in the BMP.
    const std::vector<QString> names = {
        QStringLiteral("item_2"),
        QString(),
        QString(QChar(char16_t(0xDCB5))) + QStringLiteral("m"),
        QStringLiteral("\U0001F600 smile"),
        QString(0x7FFF, QLatin1Char('a')),
        QString(0x8000, QLatin1Char('b')),
        QString(0xFFFF, QLatin1Char('c')),
        QString(0x10000, QLatin1Char('d')), // longer than a chunk: a chunk of its own
        QString(0x12345, QLatin1Char('e')),
        QStringLiteral("after the long ones"),
    };
    ListingNames store;
    for (const QString &n : names)
        QVERIFY(store.append(n));
    QCOMPARE(store.size(), names.size());
    for (size_t i = 0; i < names.size(); ++i)
        QCOMPARE(store.at(i).toString(), names[i]);
    store.squeeze();
    for (size_t i = 0; i < names.size(); ++i)
        QCOMPARE(store.at(i).toString(), names[i]);
}

void TestListingNames::viewsStayValidAsTheStoreGrows()
{
    ListingNames store;
    QVERIFY(store.append(QStringLiteral("first")));
    const QStringView first = store.at(0);
    for (int i = 0; i < 200000; ++i)
        QVERIFY(store.append(QStringLiteral("member_%1").arg(i)));
    QCOMPARE(first.data(), store.at(0).data()); // not moved
    QCOMPARE(first.toString(), QStringLiteral("first"));
    QCOMPARE(store.at(1).toString(), QStringLiteral("member_0"));
    QCOMPARE(store.at(200000).toString(), QStringLiteral("member_199999"));
}

void TestListingNames::smallListingsStaySmall()
{
    // Most groups have a handful of members, and thousands may be listed.
    ListingNames store;
    for (int i = 0; i < 5; ++i)
        QVERIFY(store.append(QStringLiteral("x%1").arg(i)));
    store.squeeze();
    QVERIFY2(store.heapBytes() < 256, qPrintable(QString::number(store.heapBytes())));
}

void TestListingNames::manyNamesCostLittleEach()
{
    // "item_0012345": 12 units, 24 bytes; the store adds the length and a
    // 4-byte index, and at most one partly used chunk.
    constexpr int N = 300000;
    ListingNames store;
    store.reserve(N);
    for (int i = 0; i < N; ++i)
        QVERIFY(store.append(QStringLiteral("item_%1").arg(i, 7, 10, QLatin1Char('0'))));
    store.squeeze();
    const double perName = double(store.heapBytes()) / N;
    QVERIFY2(perName <= 31.0, qPrintable(QString::number(perName)));
}

QTEST_GUILESS_MAIN(TestListingNames)
#include "tst_listingnames.moc"
