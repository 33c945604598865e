// What a viewer of a group reads of other objects (core/plugins/objectdescription):
// groups with their attributes and members, datasets with shape and type,
// numeric values of a strided selection as doubles, and clear refusals.
#include "plugins/nexusfixture.h"

#include "plugins/objectdescription.h"
#include "services/h5file.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hs;
namespace fx = hs::test::nexusfx;

class TestObjectDescription : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void describesGroupsWithMembers();
    void describesDatasets();
    void readsStridedNumbers();
    void refusesWhatItCannotRead();
    void resolvesRelativePaths();

private:
    QTemporaryDir m_dir;
    core::H5FilePtr m_h5;
};

void TestObjectDescription::initTestCase()
{
    const QString file = m_dir.filePath(QStringLiteral("nexus.h5"));
    QVERIFY(fx::write(file));
    auto f = core::H5File::open(file);
    QVERIFY(f.ok());
    m_h5 = f.value();
}

void TestObjectDescription::describesGroupsWithMembers()
{
    QStringList members;
    auto g = core::describeObject(m_h5, QStringLiteral("/entry/data"), &members);
    QVERIFY(g.ok());
    QCOMPARE(g->kind, QStringLiteral("group"));
    QCOMPARE(g->attributes.value(QStringLiteral("NX_class")).toString(), QStringLiteral("NXdata"));
    QCOMPARE(g->attributes.value(QStringLiteral("signal")).toString(), QStringLiteral("counts"));
    members.sort();
    QCOMPARE(members, (QStringList{QStringLiteral("counts"), QStringLiteral("counts_errors"), QStringLiteral("x")}));
    // A string-array attribute is a list.
    auto image = core::describeObject(m_h5, QStringLiteral("/entry/image"));
    QVERIFY(image.ok());
    QCOMPARE(image->attributes.value(QStringLiteral("axes")).toStringList(), (QStringList{QStringLiteral("y"), QStringLiteral("x")}));
}

void TestObjectDescription::describesDatasets()
{
    QStringList members;
    auto d = core::describeObject(m_h5, QStringLiteral("/entry/image/frame"), &members);
    QVERIFY(d.ok());
    QCOMPARE(d->kind, QStringLiteral("dataset"));
    QCOMPARE(d->typeClass, QStringLiteral("integer"));
    QCOMPARE(d->shape, (std::vector<quint64>{quint64(fx::kRows), quint64(fx::kCols)}));
    QVERIFY(members.isEmpty());
    QVERIFY(d->head.isEmpty());
    QVERIFY(!core::describeObject(m_h5, QStringLiteral("/entry/nothing")).ok());
}

void TestObjectDescription::readsStridedNumbers()
{
    // frame[r][c] = r * 100 + c: rows 1, 4, 7; columns 2, 7.
    auto v = core::readNumbers(m_h5, QStringLiteral("/entry/image/frame"), {1, 2}, {3, 5}, {3, 2});
    QVERIFY2(v.ok(), qPrintable(v.ok() ? QString() : v.error().message));
    QCOMPARE(*v, (std::vector<double>{102, 107, 402, 407, 702, 707}));
    // float32, 3-D, first index fixed.
    auto c = core::readNumbers(m_h5, QStringLiteral("/entry/cube/data"), {2, 0, 39}, {1, 29, 1}, {1, 2, 1});
    QVERIFY(c.ok());
    QCOMPARE(*c, (std::vector<double>{20039, 22939}));
}

void TestObjectDescription::refusesWhatItCannotRead()
{
    const QString frame = QStringLiteral("/entry/image/frame");
    QVERIFY(!core::readNumbers(m_h5, frame, {0}, {1}, {3}).ok());                  // rank
    QVERIFY(!core::readNumbers(m_h5, frame, {0, 0}, {1, 20}, {1, 3}).ok());        // past the end
    QVERIFY(core::readNumbers(m_h5, frame, {0, 0}, {1, 13}, {1, 3}).ok());         // 0, 13, 26: inside
    auto big = core::readNumbers(m_h5, frame, {0, 0}, {1, 1}, {quint64(fx::kRows), quint64(fx::kCols)}, 100);
    QVERIFY(!big.ok());
    QVERIFY(big.error().message.contains(QStringLiteral("at most 100")));
    QVERIFY(!core::readNumbers(m_h5, QStringLiteral("/entry/data"), {}, {}, {}).ok()); // a group
}

void TestObjectDescription::resolvesRelativePaths()
{
    QCOMPARE(core::resolveObjectPath(QStringLiteral("/entry"), QStringLiteral("data")), QStringLiteral("/entry/data"));
    QCOMPARE(core::resolveObjectPath(QStringLiteral("/"), QStringLiteral("entry")), QStringLiteral("/entry"));
    QCOMPARE(core::resolveObjectPath(QStringLiteral("/entry"), QStringLiteral("/plain")), QStringLiteral("/plain"));
}

QTEST_GUILESS_MAIN(TestObjectDescription)
#include "tst_objectdescription.moc"
