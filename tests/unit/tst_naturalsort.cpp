// naturalCompare: the order the tree, `info` and completion show members in.

#include "model/naturalsort.h"

#include <QStringList>
#include <QTest>

#include <algorithm>

using hs::core::naturalCompare;
using hs::core::naturalLess;

namespace {

int sign(int v)
{
    return (v > 0) - (v < 0);
}

} // namespace

class TestNaturalSort : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pairs_data();
    void pairs();
    void sortsLikeAFileManager();
    void totalOrder();
};

void TestNaturalSort::pairs_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("expected"); // sign of naturalCompare(a, b)

    // Digit runs compare by value.
    QTest::newRow("2 < 10") << QStringLiteral("item_2") << QStringLiteral("item_10") << -1;
    QTest::newRow("9 < 10") << QStringLiteral("item_9") << QStringLiteral("item_10") << -1;
    QTest::newRow("100 > 99") << QStringLiteral("item_100") << QStringLiteral("item_99") << 1;
    QTest::newRow("equal") << QStringLiteral("item_10") << QStringLiteral("item_10") << 0;
    QTest::newRow("empty") << QString() << QString() << 0;
    QTest::newRow("empty first") << QString() << QStringLiteral("a") << -1;
    QTest::newRow("prefix first") << QStringLiteral("item") << QStringLiteral("item_0") << -1;
    QTest::newRow("several runs") << QStringLiteral("run2_frame10") << QStringLiteral("run2_frame9") << 1;
    QTest::newRow("first run decides") << QStringLiteral("run10_frame1") << QStringLiteral("run9_frame99") << 1;
    QTest::newRow("digits before letters") << QStringLiteral("a1") << QStringLiteral("ab") << -1;
    QTest::newRow("beyond 64 bits")
        << QStringLiteral("n123456789012345678901234567890") << QStringLiteral("n123456789012345678901234567891") << -1;
    QTest::newRow("longer number is larger")
        << QStringLiteral("n99999999999999999999") << QStringLiteral("n100000000000000000000") << -1;

    // Leading zeros: same value compares equal in value, the shorter spelling first.
    QTest::newRow("007 == 7 by value, 7 first") << QStringLiteral("x7") << QStringLiteral("x007") << -1;
    QTest::newRow("007 < 8") << QStringLiteral("x007") << QStringLiteral("x8") << -1;
    QTest::newRow("010 > 9") << QStringLiteral("x010") << QStringLiteral("x9") << 1;
    QTest::newRow("zeros") << QStringLiteral("0") << QStringLiteral("00") << -1;
    QTest::newRow("value before zeros") << QStringLiteral("x01_b") << QStringLiteral("x1_a") << 1;

    // Case-insensitive first; case only breaks ties.
    QTest::newRow("a < B") << QStringLiteral("alpha") << QStringLiteral("Beta") << -1;
    QTest::newRow("B > a") << QStringLiteral("Beta") << QStringLiteral("alpha") << 1;
    QTest::newRow("case tie: upper first") << QStringLiteral("Data") << QStringLiteral("data") << -1;
    QTest::newRow("case tie is last resort") << QStringLiteral("Data_2") << QStringLiteral("data_10") << -1;

    // Unicode: compared by case-folded code points, never equal unless identical.
    QTest::newRow("umlaut case") << QStringLiteral("\u00c4rger") << QStringLiteral("\u00e4rger") << -1;
    QTest::newRow("umlaut vs z") << QStringLiteral("zebra") << QStringLiteral("\u00e4rger") << -1;
    QTest::newRow("greek digits")
        << QStringLiteral("\u03b1\u03b2_2") << QStringLiteral("\u03b1\u03b2_10") << -1;
    QTest::newRow("greek case") << QStringLiteral("\u0394elta") << QStringLiteral("\u03b4elta") << -1;
    QTest::newRow("cjk") << QStringLiteral("\u6e29\u5ea6_2") << QStringLiteral("\u6e29\u5ea6_11") << -1;
    QTest::newRow("emoji differs") << QStringLiteral("x\U0001F600") << QStringLiteral("x\U0001F601") << -1;
}

void TestNaturalSort::pairs()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, expected);
    QCOMPARE(sign(naturalCompare(a, b)), expected);
    QCOMPARE(sign(naturalCompare(b, a)), -expected);
    QCOMPARE(naturalLess(a, b), expected < 0);
}

void TestNaturalSort::sortsLikeAFileManager()
{
    QStringList names = {QStringLiteral("item_10"), QStringLiteral("Item_3"), QStringLiteral("item_2"),
                         QStringLiteral("item_1"),  QStringLiteral("item_02"), QStringLiteral("image"),
                         QStringLiteral("item_100"), QStringLiteral("ITEM_2")};
    std::sort(names.begin(), names.end(), naturalLess);
    const QStringList expected = {QStringLiteral("image"),  QStringLiteral("item_1"),  QStringLiteral("ITEM_2"),
                                  QStringLiteral("item_2"), QStringLiteral("item_02"), QStringLiteral("Item_3"),
                                  QStringLiteral("item_10"), QStringLiteral("item_100")};
    QCOMPARE(names, expected);
}

// A strict weak order that is also total (ties only for identical strings):
// sorting is deterministic whatever the input order. Checked over every
// string of up to three characters from an alphabet mixing case, digits,
// zeros, separators and non-ASCII letters.
void TestNaturalSort::totalOrder()
{
    const QString alphabet = QStringLiteral("aA0 1_9\u00e9\u00c9");
    QStringList all = {QString()};
    QStringList previous = {QString()};
    for (int len = 1; len <= 3; ++len) {
        QStringList next;
        for (const QString &p : previous)
            for (QChar c : alphabet)
                next << p + c;
        all += next;
        previous = next;
    }
    QCOMPARE(all.size(), qsizetype(1 + 9 + 81 + 729));

    std::sort(all.begin(), all.end(), naturalLess);
    // Everything before a string compares less than it, everything after greater:
    // together with antisymmetry this proves a consistent total order.
    for (qsizetype i = 0; i < all.size(); ++i) {
        QCOMPARE(naturalCompare(all[i], all[i]), 0);
        for (qsizetype j = i + 1; j < all.size(); ++j) {
            const int ab = naturalCompare(all[i], all[j]);
            const int ba = naturalCompare(all[j], all[i]);
            if (ab >= 0 || ba <= 0)
                QFAIL(qPrintable(QStringLiteral("order broken: \"%1\" (pos %2) vs \"%3\" (pos %4): %5 / %6")
                                     .arg(all[i]).arg(i).arg(all[j]).arg(j).arg(ab).arg(ba)));
        }
    }
}

QTEST_GUILESS_MAIN(TestNaturalSort)
#include "tst_naturalsort.moc"
