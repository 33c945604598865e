// The attributes of every corpus file whose expected h5dump output (.ddl)
// prints attributes: AttributeReader must list the same attributes of every
// object, in the same order, with the same datatype and dataspace texts and,
// where h5dump printed DATA, the same values element by element (floats to the
// digits h5dump printed, references as the target path). Files h5dump itself
// failed on are skipped with the reason. Set HYPERSLAB_CORPUS_VERBOSE=1 to
// print every comparison.

#include "corpusmanifest.h"
#include "ddlattributes.h"
#include "ddlparser.h"
#include "hdf5/valueformatter.h"
#include "services/attributereader.h"

#include <QtTest>

#include <hdf5.h>

using namespace hs::core;
using namespace hs::tests;

namespace {

QString spaceText(const ShapeInfo &s)
{
    switch (s.kind) {
    case ShapeInfo::Kind::Scalar: return QStringLiteral("SCALAR");
    case ShapeInfo::Kind::Null: return QStringLiteral("NULL");
    case ShapeInfo::Kind::Simple: break;
    }
    QStringList dims, maxDims;
    for (quint64 d : s.dims)
        dims << QString::number(d);
    for (qint64 m : s.maxDims)
        maxDims << (m < 0 ? QStringLiteral("H5S_UNLIMITED") : QString::number(m));
    return QStringLiteral("SIMPLE { ( %1 ) / ( %2 ) }").arg(dims.join(QStringLiteral(", ")), maxDims.join(QStringLiteral(", ")));
}

QStringList leafTexts(const QList<DdlLeaf> &leaves)
{
    QStringList out;
    for (const DdlLeaf &l : leaves)
        out << (l.kind == DdlLeaf::Kind::String ? QLatin1Char('"') + QString::fromUtf8(l.text) + QLatin1Char('"')
                                                : QString::fromUtf8(l.text));
    return out;
}

// Our values as leaves: the full value text, except references, whose texts
// (which hold ", " inside regions) come from the JSON value.
QList<DdlLeaf> ourLeaves(const H5FilePtr &file, const QString &object, const AttributeInfo &a, QString &problem)
{
    if (a.type.text.startsWith(QLatin1String("H5T_REFERENCE"))) {
        QList<DdlLeaf> out;
        std::function<void(const QJsonValue &)> walk = [&](const QJsonValue &v) {
            if (v.isArray())
                for (const QJsonValue &e : v.toArray())
                    walk(e);
            else
                out.append({DdlLeaf::Kind::Reference, v.toString().toUtf8()});
        };
        walk(a.json);
        return out;
    }
    auto full = AttributeReader::fullValue(file, object, a.name);
    if (!full) {
        problem = full.error().message;
        return {};
    }
    return valueLeaves(full.value().toUtf8());
}

} // namespace

class TestCorpusAttributes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFileInfo::exists(corpusRoot() + QStringLiteral("/MANIFEST.tsv")))
            QSKIP("The shared corpus is not here.");
    }

    // The comparison rules themselves, on h5dump's and our spellings.
    void leaves()
    {
        const QList<DdlLeaf> h5dump = valueLeaves(
            "{ 1, 2.5 }, [ 3, 4 ], \"a\\\"b\\000\", de:ad:be:ef, RED, 0x07, nan, -inf, 3.14159, "
            "DATASET 1400 \"/x\", GROUP \"f.h5/g\", \"Gr\\37777777703\\37777777674\"");
        const QList<DdlLeaf> ours =
            valueLeaves("{1, 2.5}, [3, 4], \"a\\\"b\", 0xdeadbeef, RED, 7, nan, -inf, 3.141592653589793, /x, /g, "
                        "\"Gr\\xc3\\xbc\"");
        QCOMPARE(ours.size(), h5dump.size());
        for (qsizetype i = 0; i < ours.size(); ++i)
            QVERIFY2(leafMatches(ours[i], h5dump[i]), qPrintable(QString::fromUtf8(ours[i].text)));
        QVERIFY(!leafMatches({DdlLeaf::Kind::Word, "3.15"}, {DdlLeaf::Kind::Word, "3.14159"}));
        QVERIFY(!leafMatches({DdlLeaf::Kind::Word, "8"}, {DdlLeaf::Kind::Word, "0x07"}));
        QVERIFY(!leafMatches({DdlLeaf::Kind::String, "1"}, {DdlLeaf::Kind::Word, "1"}));
        QCOMPARE(leafTexts(valueLeaves("1.5-2i, 0+1e-05i")), QStringList({"1.5", "-2", "0", "1e-05"}));
    }

    void files_data()
    {
        QTest::addColumn<QString>("data");
        QTest::addColumn<QString>("ddl");
        QTest::addColumn<QString>("h5dumpResult");
        const auto rows = corpusDdlFiles();
        for (auto it = rows.begin(); it != rows.end(); ++it) {
            QFile f(corpusRoot() + QLatin1Char('/') + it.key());
            if (f.open(QIODevice::ReadOnly) && f.readAll().contains("ATTRIBUTE \""))
                QTest::newRow(qPrintable(it.key())) << it->data << it.key() << it->h5dumpResult;
        }
    }

    void files()
    {
        QFETCH(QString, data);
        QFETCH(QString, ddl);
        QFETCH(QString, h5dumpResult);
        if (h5dumpResult.startsWith(QLatin1String("FAIL")))
            QSKIP(qPrintable(QStringLiteral("h5dump itself failed on this file: %1").arg(h5dumpResult)));
        QFile f(corpusRoot() + QLatin1Char('/') + ddl);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        const DdlFile structure = parseDdl(text);
        const DdlAttributes expected = parseDdlAttributes(text);
        QVERIFY2(expected.problems.isEmpty(), qPrintable(expected.problems.join(QLatin1Char('\n'))));
        if (expected.byObject.isEmpty())
            QSKIP("No object has attributes here: ATTRIBUTE appears only inside the values of attribute references.");
        auto file = H5File::open(corpusRoot() + QLatin1Char('/') + data);
        QVERIFY2(file, qPrintable(file ? QString() : file.error().message));

        const bool verbose = qEnvironmentVariableIsSet("HYPERSLAB_CORPUS_VERBOSE");
        QStringList mismatches;
        int compared = 0, values = 0;
        for (auto it = expected.byObject.begin(); it != expected.byObject.end(); ++it) {
            const QString &object = it.key();
            AttributeReader::Options options;
            options.json = true;
            auto listed = AttributeReader::list(file.value(), object, options);
            if (!listed) {
                mismatches << QStringLiteral("%1: %2").arg(object, listed.error().message);
                continue;
            }
            QStringList ourNames, theirNames;
            for (const AttributeInfo &a : listed.value())
                ourNames << a.name;
            for (const DdlAttribute &a : it.value())
                theirNames << a.name;
            if (ourNames != theirNames) {
                mismatches << QStringLiteral("%1: attributes %2, h5dump %3")
                                  .arg(object, ourNames.join(QLatin1Char(',')), theirNames.join(QLatin1Char(',')));
                continue;
            }
            for (qsizetype i = 0; i < theirNames.size(); ++i) {
                const AttributeInfo &ours = listed.value()[size_t(i)];
                const DdlAttribute &theirs = it.value()[i];
                const QString where = QStringLiteral("%1 @%2").arg(object, ours.name);
                ++compared;
                QString theirType = theirs.typeText;
                if (theirType.startsWith(QLatin1Char('"'))) // a committed type, printed by its path
                    theirType = resolvedTypeText(structure, theirType.mid(1, theirType.size() - 2));
                if (withoutBraceSpacing(ours.type.text) != withoutBraceSpacing(theirType))
                    mismatches << QStringLiteral("%1: type %2, h5dump %3").arg(where, ours.type.text, theirType);
                if (normalizeDdl(spaceText(ours.shape)) != theirs.spaceText)
                    mismatches << QStringLiteral("%1: dataspace %2, h5dump %3")
                                      .arg(where, spaceText(ours.shape), theirs.spaceText);
                if (!ours.problem.isEmpty()) {
                    mismatches << QStringLiteral("%1: %2").arg(where, ours.problem);
                    continue;
                }
                if (!theirs.hasData)
                    continue; // h5dump -H
#if !H5_VERSION_GE(1, 12, 0)
                // HDF5 1.10 has no API to decode the references HDF5 1.12+ writes
                // (H5T_STD_REF); the value says so instead of a path.
                if (theirType == QLatin1String("H5T_REFERENCE { H5T_STD_REF }")) {
                    if (ours.value.contains(QLatin1String("(reference of a newer HDF5 version)")))
                        continue;
                    mismatches << QStringLiteral("%1: 1.12+ references shown as %2").arg(where, ours.value);
                    continue;
                }
#endif
                QString problem;
                QList<DdlLeaf> mine = ourLeaves(file.value(), object, ours, problem);
                if (!problem.isEmpty()) {
                    mismatches << QStringLiteral("%1: %2").arg(where, problem);
                    continue;
                }
                ++values;
                // Half floats show as the shortest text that reads back to the
                // same float16 ("2.062" is 2.0625), h5dump prints every digit:
                // compare the stored values.
                if (ours.type.text.startsWith(QLatin1String("H5T_IEEE_F16"))) {
                    for (DdlLeaf &l : mine) {
                        bool ok = false;
                        const double v = l.text.toDouble(&ok);
                        if (ok)
                            l.text = QByteArray::number(valuetext::roundToFormat(v, 10, 5), 'g', 17);
                    }
                }
                if (verbose)
                    qInfo().noquote() << where << leafTexts(mine).join(QStringLiteral(" | ")) << "<->"
                                      << leafTexts(theirs.leaves).join(QStringLiteral(" | "));
                if (mine.size() != theirs.leaves.size()) {
                    mismatches << QStringLiteral("%1: %2 values, h5dump %3 (%4 / %5)")
                                      .arg(where)
                                      .arg(mine.size())
                                      .arg(theirs.leaves.size())
                                      .arg(leafTexts(mine).mid(0, 8).join(QStringLiteral(" | ")),
                                           leafTexts(theirs.leaves).mid(0, 8).join(QStringLiteral(" | ")));
                    continue;
                }
                for (qsizetype k = 0; k < mine.size(); ++k) {
                    if (!leafMatches(mine[k], theirs.leaves[k])) {
                        mismatches << QStringLiteral("%1: value %2 is %3, h5dump %4")
                                          .arg(where)
                                          .arg(k)
                                          .arg(QString::fromUtf8(mine[k].text), QString::fromUtf8(theirs.leaves[k].text));
                        break;
                    }
                }
            }
        }
        if (verbose)
            qInfo() << ddl << compared << "attributes," << values << "values compared";
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(QLatin1Char('\n'))));
        QVERIFY(compared > 0);
    }
};

QTEST_GUILESS_MAIN(TestCorpusAttributes)
#include "tst_corpusattributes.moc"
