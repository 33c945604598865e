// model/names.h: names that are not UTF-8 are shown as "\xB5" and that text is
// taken back, without changing any name that is not ambiguous.

#include "model/names.h"

#include <QTest>

using namespace hs::core;

class TestNames : public QObject
{
    Q_OBJECT

private slots:
    void escapedFormRoundTrips_data();
    void escapedFormRoundTrips();
    void messagesShowOnlyTheBytes();
};

void TestNames::escapedFormRoundTrips_data()
{
    QTest::addColumn<QByteArray>("bytes");   // the name as stored in the file
    QTest::addColumn<QString>("escaped");    // as info prints it
    QTest::newRow("ascii") << QByteArray("/a/b c") << QStringLiteral("/a/b c");
    QTest::newRow("utf-8") << QByteArray("/\xC2\xB5m") << QStringLiteral("/\u00B5m");
    QTest::newRow("latin-1") << QByteArray("/temp_\xB5m/0\xB0" "C") << QStringLiteral("/temp_\\xB5m/0\\xB0C");
    QTest::newRow("backslash as h5dump shows it") << QByteArray("/back\\slash") << QStringLiteral("/back\\slash");
    QTest::newRow("trailing backslash") << QByteArray("/a\\") << QStringLiteral("/a\\");
    QTest::newRow("literal escape text") << QByteArray("/lit\\xB5") << QStringLiteral("/lit\\\\xB5");
    QTest::newRow("two backslashes") << QByteArray("/a\\\\b") << QStringLiteral("/a\\\\\\b");
    QTest::newRow("ascii hex is not an escape") << QByteArray("/\\x41") << QStringLiteral("/\\x41");
    QTest::newRow("byte then backslash") << QByteArray("/\xFF\\") << QStringLiteral("/\\xFF\\");
    QTest::newRow("truncated utf-8") << QByteArray("/\xE2\x82") << QStringLiteral("/\\xE2\\x82");
}

void TestNames::escapedFormRoundTrips()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, escaped);
    const QString decoded = names::decode(bytes.constData(), bytes.size());
    QCOMPARE(names::toEscaped(decoded), escaped);
    QCOMPARE(names::encode(names::fromEscaped(escaped)), bytes);
    // Lowercase hex is accepted too.
    QCOMPARE(names::encode(names::fromEscaped(escaped.toLower())).toLower(), bytes.toLower());
}

void TestNames::messagesShowOnlyTheBytes()
{
    const QString name = names::decode("a\\b\xB5");
    QCOMPARE(names::showBytes(QStringLiteral("No member \u201c%1\u201d.").arg(name)),
             QStringLiteral("No member \u201ca\\b\\xB5\u201d."));
}

QTEST_GUILESS_MAIN(TestNames)
#include "tst_names.moc"
