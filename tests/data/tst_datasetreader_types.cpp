// DatasetReader: values of every type class as text, fields of compounds,
// blocks that own their data, names that are not UTF-8.

#include "model/names.h"
#include "tst_datasetreader.h"

using namespace hs::core;
using namespace hs::test::reader;

void TestDatasetReader::values_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<QString>("expected"); // every cell, then field, joined by " | "
    auto row = [](const char *tag, const char *name, QStringList fields, const char *expected) {
        QTest::newRow(tag) << QString::fromLatin1(name) << fields << QString::fromUtf8(expected);
    };
    row("nested compound with array", "/compound",
        {QStringLiteral("id"), QStringLiteral("pos.x"), QStringLiteral("pos.y"), QStringLiteral("name")},
        "1 | 0.5 | [1, 2, 3] | one | 2 | -1.25 | [4, 5, 6] | two | 3 | 0.001 | [7, 8, 9] | three");
    row("complex", "/complex", {QString()}, "1.5+2i | -0.5-3i");
    row("long double", "/longdouble", {QString()}, "0.1 | -1e+100");
    row("vlen utf-8 strings", "/vlstrings", {QString()}, "alpha | gr\u00fc\u00dfe |  | line\nbreak");
    row("null-padded", "/nullpad", {QString()}, "ab | abcde |  | x");
    row("space-padded", "/spacepad", {QString()}, "ab    | abcde |       | x y  ");
    row("vlen sequences", "/sequences", {QString()}, "(1, 2, 3) | (-4) | () | (1, 2)");
    row("enum bool", "/bools", {QString()}, "TRUE | FALSE | 7");
    row("bitfield big-endian", "/bitfield", {QString()}, "0x0001 | 0xffef | 0x8000");
    row("opaque", "/opaque", {QString()}, "0x010203 | 0xaabbcc | 0x0000ff");
    row("float16 big-endian", "/float16be", {QString()}, "1.5 | 65500 | -0.1");
    row("object references", "/objrefs", {QString()}, "/group1 | /contiguous | NULL");
    row("region references", "/regionrefs", {QString()},
        "/contiguous {(2,2)-(7,7), (20,1)-(20,3)} | /contiguous {(6,9), (2,2), (0,4)} | NULL");
    row("compound with vlen string and reference", "/mixed", {QStringLiteral("label"), QStringLiteral("ref")},
        "first | /group1 |  | NULL");
}

void TestDatasetReader::values()
{
    QFETCH(QString, name);
    QFETCH(QStringList, fields);
    QFETCH(QString, expected);
    auto reader = mustOpen(name);
    QVERIFY(reader);
    QStringList names;
    for (const FieldInfo &f : reader->fields())
        names << f.name;
    QCOMPARE(names, fields);
    const qint64 before = openHdf5ObjectCount();
    QCOMPARE(QString::fromStdString(readAllText(*reader, Selection::all(reader->shape().dims))), expected);
    QCOMPARE(openHdf5ObjectCount(), before);
}

void TestDatasetReader::fieldTypes()
{
    auto reader = mustOpen(QStringLiteral("/compound"));
    QCOMPARE(reader->fields().size(), size_t(4));
    QCOMPARE(reader->fields()[0].type.text, QStringLiteral("H5T_STD_I32BE"));
    QCOMPARE(reader->fields()[2].type.text, QStringLiteral("H5T_ARRAY { [3] H5T_STD_I16BE }"));
    auto opaque = mustOpen(QStringLiteral("/opaque"));
    QVERIFY(opaque->fields()[0].type.text.contains(QLatin1String("three bytes")));
}

void TestDatasetReader::blocksOwnTheirData()
{
    // Out-of-line values stay valid after the reader (and the file) are gone.
    DataBlockPtr b;
    {
        auto reader = mustOpen(QStringLiteral("/vlstrings"));
        auto r = reader->readBlock(Selection::all(reader->shape().dims), false, 0, 4, 0, 1);
        QVERIFY(r);
        b = *r;
    }
    QCOMPARE(cell(b, 1, 0), QStringLiteral("gr\u00fc\u00dfe"));
    FormatOptions esc;
    esc.escapeStrings = true;
    QCOMPARE(cell(b, 3, 0, 0, esc), QStringLiteral("line\\nbreak"));
}

// A link name that is not UTF-8 (Latin-1 "°", byte 0xB0, as old Windows
// tools write it) opens in the grid under the name the tree shows.
void TestDatasetReader::nonUtf8Name()
{
    const QString path = m_dir.filePath(QStringLiteral("latin1.h5"));
    {
        LibraryLock lock;
        const hid_t f = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        const hid_t s = simpleSpace({3});
        const int values[3] = {7, 8, 9};
        write(f, "temp_\xb0" "C", H5T_STD_I32LE, s, H5P_DEFAULT, H5T_NATIVE_INT, values);
        H5Sclose(s);
        H5Fclose(f);
    }
    auto file = H5File::open(path);
    QVERIFY(file);
    const QString name = hs::core::names::decode("/temp_\xb0" "C");
    QVERIFY(name.startsWith(QLatin1String("/temp_")));
    auto reader = DatasetReader::open(*file, name);
    QVERIFY2(reader, reader ? "" : qPrintable(reader.error().message));
    auto block = (*reader)->readBlock(Selection::all((*reader)->shape().dims), false, 0, 3, 0, 1);
    QVERIFY(block);
    QCOMPARE(cell(*block, 2, 0), QStringLiteral("9"));
}
