// FileCensus (issue 8): the format fields and the census of a file the
// Overview shows for its root, checked against HDF5's own recursive visits,
// and the cap that turns the counts into lower bounds.

#include "services/filesummary.h"
#include "services/h5file.h"
#include "inspectutil.h"
#include "fixtures/fixtures_damaged.h"
#include "unit/testutil.h"

#include <QTemporaryDir>
#include <QtTest>

#include <hdf5.h>

using namespace hs::core;
using hs::test::openFixture;

namespace {

struct Truth
{
    quint64 groups = 0, datasets = 0, types = 0, links = 0, soft = 0, external = 0;
};

herr_t onObject(hid_t, const char *, const H5O_info_t *info, void *data)
{
    auto *t = static_cast<Truth *>(data);
    if (info->type == H5O_TYPE_GROUP)
        ++t->groups;
    else if (info->type == H5O_TYPE_DATASET)
        ++t->datasets;
    else if (info->type == H5O_TYPE_NAMED_DATATYPE)
        ++t->types;
    return 0;
}

herr_t onLink(hid_t, const char *, const H5L_info_t *info, void *data)
{
    auto *t = static_cast<Truth *>(data);
    ++t->links;
    if (info->type == H5L_TYPE_SOFT)
        ++t->soft;
    else if (info->type == H5L_TYPE_EXTERNAL)
        ++t->external;
    return 0;
}

// What HDF5's own recursive visits count, on a file id of their own.
Truth truthOf(const char *name)
{
    Truth t;
    const hid_t fid = H5Fopen(QFile::encodeName(hs::test::fixture(name)).constData(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (fid < 0)
        return t;
    H5Ovisit2(fid, H5_INDEX_NAME, H5_ITER_NATIVE, onObject, &t, H5O_INFO_BASIC);
    H5Lvisit(fid, H5_INDEX_NAME, H5_ITER_NATIVE, onLink, &t);
    H5Fclose(fid);
    return t;
}

} // namespace

class TestFileCensus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { HS_REQUIRE_FIXTURES(); }

    void countsAgreeWithHdf5sOwnVisit_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *n : {hs::fixtures::ObjectsFileName, hs::fixtures::ExampleFileName, hs::fixtures::StorageFileName,
                              hs::fixtures::AttributesFileName})
            QTest::newRow(n) << QString::fromLatin1(n);
    }
    void countsAgreeWithHdf5sOwnVisit()
    {
        QFETCH(QString, name);
        const QByteArray n = name.toLatin1();
        const H5FilePtr file = openFixture(n.constData());
        QVERIFY(file);
        const auto s = FileCensus::summarize(file);
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        const Truth t = truthOf(n.constData());
        QVERIFY(s->complete);
        QCOMPARE(s->groups, t.groups);
        QCOMPARE(s->datasets, t.datasets);
        QCOMPARE(s->namedTypes, t.types);
        QCOMPARE(s->softLinks, t.soft);
        QCOMPARE(s->externalLinks, t.external);
        QVERIFY(s->links >= t.links); // H5Lvisit lists a group reached twice once; we count every link met
        QCOMPARE(s->fileSize, quint64(QFileInfo(hs::test::fixture(n.constData())).size()));
        QCOMPARE(s->driver, QStringLiteral("sec2"));
        QVERIFY(s->freeSpace >= 0);
    }

    void formatOfTheFile()
    {
        const auto latest = FileCensus::summarize(openFixture(hs::fixtures::ObjectsFileName)); // libver latest
        QVERIFY(latest.ok());
        QCOMPARE(latest->superblockVersion, 3);
        const auto plain = FileCensus::summarize(openFixture(hs::fixtures::ExampleFileName));
        QVERIFY(plain.ok());
        QCOMPARE(plain->superblockVersion, 0);
        QCOMPARE(plain->userBlock, quint64(0));
        QVERIFY(!plain->libverLow.isEmpty() && !plain->libverHigh.isEmpty());
        const auto ub = FileCensus::summarize(openFixture(hs::fixtures::UserBlockFileName));
        QVERIFY(ub.ok());
        QCOMPARE(ub->userBlock, quint64(512));
    }

    void largestDatasetsFirst()
    {
        const auto s = FileCensus::summarize(openFixture(hs::fixtures::StorageFileName));
        QVERIFY(s.ok());
        QCOMPARE(int(s->largest.size()), FileCensus::LargestKept);
        QCOMPARE(s->largest.front().path, QStringLiteral("/chunked"));
        QCOMPARE(s->largest.front().logicalBytes, quint64(1000 * 800 * 4));
        QVERIFY(s->largest.front().storedBytes > 0);
        for (size_t i = 1; i < s->largest.size(); ++i)
            QVERIFY(s->largest[i - 1].logicalBytes >= s->largest[i].logicalBytes);
    }

    void aCapMakesLowerBounds()
    {
        const auto s = FileCensus::summarize(openFixture(hs::fixtures::LargeGroupFileName), 1000);
        QVERIFY(s.ok());
        QVERIFY(!s->complete);
        QCOMPARE(s->links, quint64(1000));
        QVERIFY(s->datasets > 0 && s->groups > 1);
        std::atomic_bool cancel{true};
        const auto c = FileCensus::summarize(openFixture(hs::fixtures::LargeGroupFileName), 1000, &cancel);
        QVERIFY(!c.ok());
    }

    void membersOfOneGroupByKind()
    {
        const H5FilePtr file = openFixture(hs::fixtures::ObjectsFileName);
        const auto c = FileCensus::countMembers(file, QStringLiteral("/shortcuts"));
        QVERIFY(c.ok());
        QVERIFY(c->complete);
        QCOMPARE(c->datasets, quint64(1));      // temp_alias
        QCOMPARE(c->softLinks, quint64(2));     // latest, broken
        QCOMPARE(c->externalLinks, quint64(3)); // elsewhere, self, gone
        const auto big = FileCensus::countMembers(openFixture(hs::fixtures::LargeGroupFileName), QStringLiteral("/big"), 100);
        QVERIFY(big.ok());
        QVERIFY(!big->complete);
        QCOMPARE(big->groups + big->datasets, quint64(100));
    }

    // A group whose members cannot be listed (damaged link info) is not "an
    // empty group": the census says it could not list it (the Overview of a
    // damaged file's root said "none (an empty group)" beside the error), and
    // does not ask HDF5 to list it (H5Literate crashed reading outside the file).
    void anUnlistableGroupIsNotEmpty()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("damaged_link_info.h5"));
        QVERIFY(hs::fixtures::writeDamagedLinkInfoFile(path));
        auto opened = H5File::open(path);
        QVERIFY(opened.ok());
        const auto c = FileCensus::countMembers(*opened, QStringLiteral("/tracked"));
        QVERIFY(c.ok());
        QCOMPARE(c->examined, quint64(0));
        QVERIFY(c->unlisted);
        QVERIFY(!c->complete);
        const auto intact = FileCensus::countMembers(*opened, QStringLiteral("/zlast"));
        QVERIFY(intact.ok());
        QVERIFY(!intact->unlisted);
        QVERIFY(intact->complete);
        // The root's summary walks into /tracked too (H5Literate crashed there).
        const auto whole = FileCensus::summarize(*opened);
        QVERIFY(whole.ok());
        QVERIFY(whole->groups >= 3); // /, /tracked, /zlast
    }
};

QTEST_GUILESS_MAIN(TestFileCensus)
#include "tst_filecensus.moc"
