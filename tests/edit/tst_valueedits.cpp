// SetValuesOperation and FillOperation through a FileSession: apply, revert,
// apply again with the file's contents compared after each; refusals and
// failures leave the file byte for byte as it was; a cancelled fill too.

#include "edit/filloperation.h"
#include "edit/setvaluesoperation.h"
#include "hdf5/librarylock.h"
#include "services/datasetreader.h"
#include "services/h5file.h"
#include "services/h5file_p.h"
#include "hdf5/datasetaccess.h"
#include "session/filesession.h"

#include <hdf5.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <numeric>
#include <optional>

using namespace hs::core;

namespace {

struct Point
{
    int x;
    double y;
    char name[6];
};

// A file with: /grid (int32 40x30, chunked 8x8, values r*100+c), /line (float32 1000 contiguous),
// /points (compound x, y, name; 5 elements), /names (vlen UTF-8 strings, 4),
// /big (uint16 512x512 chunked 64x64, values (r+c)%65536).
void writeFixture(const QString &path)
{
    LibraryLock lock;
    hid_t f = H5Fcreate(path.toUtf8().constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    {
        hsize_t dims[2] = {40, 30}, chunk[2] = {8, 8};
        hid_t s = H5Screate_simple(2, dims, nullptr);
        hid_t p = H5Pcreate(H5P_DATASET_CREATE);
        H5Pset_chunk(p, 2, chunk);
        H5Pset_deflate(p, 4);
        hid_t d = H5Dcreate2(f, "grid", H5T_STD_I32LE, s, H5P_DEFAULT, p, H5P_DEFAULT);
        std::vector<int> v(40 * 30);
        for (int r = 0; r < 40; ++r)
            for (int c = 0; c < 30; ++c)
                v[size_t(r * 30 + c)] = r * 100 + c;
        H5Dwrite(d, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
        H5Dclose(d);
        H5Pclose(p);
        H5Sclose(s);
    }
    {
        hsize_t n = 1000;
        hid_t s = H5Screate_simple(1, &n, nullptr);
        hid_t d = H5Dcreate2(f, "line", H5T_IEEE_F32BE, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        std::vector<float> v(1000);
        std::iota(v.begin(), v.end(), 0.5f);
        H5Dwrite(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
        H5Dclose(d);
        H5Sclose(s);
    }
    {
        hid_t str = H5Tcopy(H5T_C_S1);
        H5Tset_size(str, 6);
        hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(Point));
        H5Tinsert(t, "x", HOFFSET(Point, x), H5T_NATIVE_INT);
        H5Tinsert(t, "y", HOFFSET(Point, y), H5T_NATIVE_DOUBLE);
        H5Tinsert(t, "name", HOFFSET(Point, name), str);
        hsize_t n = 5;
        hid_t s = H5Screate_simple(1, &n, nullptr);
        hid_t d = H5Dcreate2(f, "points", t, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        Point pts[5] = {{1, 1.5, "a"}, {2, 2.5, "b"}, {3, 3.5, "c"}, {4, 4.5, "d"}, {5, 5.5, "e"}};
        H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, pts);
        H5Dclose(d);
        H5Sclose(s);
        H5Tclose(t);
        H5Tclose(str);
    }
    {
        hid_t t = H5Tcopy(H5T_C_S1);
        H5Tset_size(t, H5T_VARIABLE);
        H5Tset_cset(t, H5T_CSET_UTF8);
        hsize_t n = 4;
        hid_t s = H5Screate_simple(1, &n, nullptr);
        hid_t d = H5Dcreate2(f, "names", t, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        const char *v[4] = {"alpha", "beta", "gamma", "delta"};
        H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, v);
        H5Dclose(d);
        H5Sclose(s);
        H5Tclose(t);
    }
    {
        hsize_t dims[2] = {512, 512}, chunk[2] = {64, 64};
        hid_t s = H5Screate_simple(2, dims, nullptr);
        hid_t p = H5Pcreate(H5P_DATASET_CREATE);
        H5Pset_chunk(p, 2, chunk);
        hid_t d = H5Dcreate2(f, "big", H5T_STD_U16LE, s, H5P_DEFAULT, p, H5P_DEFAULT);
        std::vector<unsigned short> v(512 * 512);
        for (size_t r = 0; r < 512; ++r)
            for (size_t c = 0; c < 512; ++c)
                v[r * 512 + c] = (unsigned short)((r + c) % 65536);
        H5Dwrite(d, H5T_NATIVE_USHORT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
        H5Dclose(d);
        H5Pclose(p);
        H5Sclose(s);
    }
    H5Fclose(f);
}

// Every value of a numeric dataset, read as `memType` (tests only).
template<typename T>
std::vector<T> readAll(const H5FilePtr &file, const char *path, hid_t memType)
{
    LibraryLock lock;
    hid_t d = openDataset(fileId(*file), path);
    if (d < 0) H5Eprint2(H5E_DEFAULT, stderr);
    hid_t s = H5Dget_space(d);
    std::vector<T> v(size_t(H5Sget_simple_extent_npoints(s)));
    H5Dread(d, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    H5Sclose(s);
    H5Dclose(d);
    return v;
}

std::vector<std::string> readNames(const H5FilePtr &file)
{
    LibraryLock lock;
    hid_t d = openDataset(fileId(*file), "names");
    hid_t t = H5Dget_type(d);
    char *v[4] = {};
    H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, v);
    std::vector<std::string> out(v, v + 4);
    hsize_t n = 4;
    hid_t s = H5Screate_simple(1, &n, nullptr);
    H5Dvlen_reclaim(t, s, H5P_DEFAULT, v);
    H5Sclose(s);
    H5Tclose(t);
    H5Dclose(d);
    return out;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

Status run(FileSession &session, std::shared_ptr<EditOperation> op, FileSession::Direction direction)
{
    Status result = Error::make(ErrorCode::Internal, QStringLiteral("not run"));
    session.submit(std::move(op), direction, [&](const Status &s) { result = s; });
    [&] { QVERIFY(session.waitForWrites()); }();
    return result;
}

// Parses one text per cell of `fields` into whole elements (the grid's way).
std::vector<unsigned char> parseAll(const DatasetReaderPtr &reader, const QStringList &texts, int field,
                                    ParsedStrings &strings)
{
    ValueParser p = reader->valueParser();
    std::vector<unsigned char> out(size_t(texts.size()) * p.elementSize());
    for (int i = 0; i < texts.size(); ++i) {
        const QString err = p.parse(field, texts[i], out.data() + size_t(i) * p.elementSize(), strings);
        if (!err.isEmpty())
            qWarning() << err;
    }
    return out;
}

} // namespace

class TestValueEdits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void oneCellApplyRevertApply();
    void pastedBlockStrided();
    void oneFieldOfCompounds();
    void variableLengthStrings();
    void outsideTheDatasetLeavesFileUnchanged();
    void readOnlyLeavesFileUnchanged();
    void fillWholeDatasetUndoRedo();
    void fillOneField();
    void fillCancelledLeavesFileAsItWas();
    void fillMemoryBoundedByPieces();
    void cancelThroughTheSession();
    void scalarDataset();

private:
    QTemporaryDir m_dir;
    QString m_path;
    H5FilePtr m_file;
    std::unique_ptr<FileSession> m_session;
};

void TestValueEdits::init()
{
    m_session.reset();
    m_file.reset();
    m_path = m_dir.filePath(QStringLiteral("edit.h5"));
    writeFixture(m_path);
    auto f = H5File::open(m_path, H5File::Mode::ReadWrite);
    QVERIFY(f.ok());
    m_file = f.value();
    m_session = std::make_unique<FileSession>(m_file);
}

void TestValueEdits::oneCellApplyRevertApply()
{
    auto reader = DatasetReader::open(m_file, QStringLiteral("/grid")).value();
    auto strings = std::make_shared<ParsedStrings>();
    const auto original = readAll<int>(m_file, "grid", H5T_NATIVE_INT);
    ValueBox box{{3, 7}, {}, {1, 1}};
    auto op = std::make_shared<SetValuesOperation>(QStringLiteral("/grid"), box, 1,
                                                   parseAll(reader, {QStringLiteral("-42")}, 0, *strings), std::vector<char>{},
                                                   strings, QStringLiteral("Set /grid[3, 7] to -42"));
    QSignalSpy changed(m_session.get(), &FileSession::valuesChanged);
    QVERIFY(run(*m_session, op, FileSession::Direction::Apply).ok());
    auto after = readAll<int>(m_file, "grid", H5T_NATIVE_INT);
    auto expected = original;
    expected[3 * 30 + 7] = -42;
    QCOMPARE(after, expected);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("/grid"));
    QCOMPARE(changed.at(0).at(1).value<ValueRegion>(), (ValueRegion{{3, 7}, {1, 1}}));
    QVERIFY(run(*m_session, op, FileSession::Direction::Revert).ok());
    QCOMPARE(readAll<int>(m_file, "grid", H5T_NATIVE_INT), original);
    QVERIFY(run(*m_session, op, FileSession::Direction::Apply).ok());
    QCOMPARE(readAll<int>(m_file, "grid", H5T_NATIVE_INT), expected);
}

void TestValueEdits::pastedBlockStrided()
{
    // A 2x3 block pasted into the view [::2, 1::3]: rows 4, 6 and columns 1, 4, 7.
    auto reader = DatasetReader::open(m_file, QStringLiteral("/grid")).value();
    auto strings = std::make_shared<ParsedStrings>();
    const auto original = readAll<int>(m_file, "grid", H5T_NATIVE_INT);
    const QStringList texts = {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                               QStringLiteral("4"), QStringLiteral("5"), QStringLiteral("6")};
    ValueBox box{{4, 1}, {2, 3}, {2, 3}};
    auto op = std::make_shared<SetValuesOperation>(QStringLiteral("/grid"), box, 1, parseAll(reader, texts, 0, *strings),
                                                   std::vector<char>{}, strings, QStringLiteral("Paste"));
    QVERIFY(run(*m_session, op, FileSession::Direction::Apply).ok());
    auto expected = original;
    int k = 1;
    for (int r : {4, 6})
        for (int c : {1, 4, 7})
            expected[size_t(r * 30 + c)] = k++;
    QCOMPARE(readAll<int>(m_file, "grid", H5T_NATIVE_INT), expected);
    QVERIFY(run(*m_session, op, FileSession::Direction::Revert).ok());
    QCOMPARE(readAll<int>(m_file, "grid", H5T_NATIVE_INT), original);
}

void TestValueEdits::oneFieldOfCompounds()
{
    auto reader = DatasetReader::open(m_file, QStringLiteral("/points")).value();
    QCOMPARE(reader->fields().size(), size_t(3));
    auto strings = std::make_shared<ParsedStrings>();
    ValueParser p = reader->valueParser();
    std::vector<unsigned char> elements(2 * p.elementSize(), 0);
    QVERIFY(p.parse(2, QStringLiteral("zz"), elements.data(), *strings).isEmpty());
    QVERIFY(p.parse(2, QStringLiteral("yyyyy"), elements.data() + p.elementSize(), *strings).isEmpty());
    std::vector<char> mask = {0, 0, 1, 0, 0, 1}; // field "name" of elements 1 and 2
    auto op = std::make_shared<SetValuesOperation>(QStringLiteral("/points"), ValueBox{{1}, {}, {2}}, 3, elements, mask,
                                                   strings, QStringLiteral("Set names"));
    QVERIFY(run(*m_session, op, FileSession::Direction::Apply).ok());
    auto read = [&] {
        LibraryLock lock;
        hid_t str = H5Tcopy(H5T_C_S1);
        H5Tset_size(str, 6);
        hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(Point));
        H5Tinsert(t, "x", HOFFSET(Point, x), H5T_NATIVE_INT);
        H5Tinsert(t, "y", HOFFSET(Point, y), H5T_NATIVE_DOUBLE);
        H5Tinsert(t, "name", HOFFSET(Point, name), str);
        hid_t d = openDataset(fileId(*m_file), "points");
        std::vector<Point> pts(5);
        H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, pts.data());
        H5Dclose(d);
        H5Tclose(t);
        H5Tclose(str);
        return pts;
    };
    auto pts = read();
    QCOMPARE(QByteArray(pts[1].name), QByteArray("zz"));
    QCOMPARE(QByteArray(pts[2].name), QByteArray("yyyyy"));
    QCOMPARE(pts[1].x, 2); // the other fields keep their values
    QCOMPARE(pts[2].y, 3.5);
    QCOMPARE(QByteArray(pts[0].name), QByteArray("a"));
    QVERIFY(run(*m_session, op, FileSession::Direction::Revert).ok());
    pts = read();
    QCOMPARE(QByteArray(pts[1].name), QByteArray("b"));
    QCOMPARE(QByteArray(pts[2].name), QByteArray("c"));
    QVERIFY(run(*m_session, op, FileSession::Direction::Apply).ok());
    QCOMPARE(QByteArray(read()[2].name), QByteArray("yyyyy"));
}

void TestValueEdits::variableLengthStrings()
{
    auto reader = DatasetReader::open(m_file, QStringLiteral("/names")).value();
    auto strings = std::make_shared<ParsedStrings>();
    auto op = std::make_shared<SetValuesOperation>(
        QStringLiteral("/names"), ValueBox{{1}, {}, {2}}, 1,
        parseAll(reader, {QStringLiteral("\u03b2\u03b7\u03c4\u03b1"), QStringLiteral("a much longer string than before")}, 0, *strings),
        std::vector<char>{}, strings, QStringLiteral("Set names"));
    QVERIFY(run(*m_session, op, FileSession::Direction::Apply).ok());
    QCOMPARE(readNames(m_file), (std::vector<std::string>{"alpha", "\u03b2\u03b7\u03c4\u03b1", "a much longer string than before", "delta"}));
    QVERIFY(run(*m_session, op, FileSession::Direction::Revert).ok());
    QCOMPARE(readNames(m_file), (std::vector<std::string>{"alpha", "beta", "gamma", "delta"}));
    QVERIFY(run(*m_session, op, FileSession::Direction::Apply).ok());
    QCOMPARE(readNames(m_file)[2], std::string("a much longer string than before"));
}

void TestValueEdits::outsideTheDatasetLeavesFileUnchanged()
{
    QVERIFY(run(*m_session, std::make_shared<SetValuesOperation>(QStringLiteral("/grid"), ValueBox{{0, 0}, {}, {1, 1}}, 1,
                                                                 std::vector<unsigned char>(4, 0), std::vector<char>{}, nullptr,
                                                                 QStringLiteral("warm")), FileSession::Direction::Apply).ok());
    const QByteArray before = fileBytes(m_path);
    auto op = std::make_shared<SetValuesOperation>(QStringLiteral("/grid"), ValueBox{{39, 29}, {}, {2, 1}}, 1,
                                                   std::vector<unsigned char>(8, 0), std::vector<char>{}, nullptr, QStringLiteral("bad"));
    const Status s = run(*m_session, op, FileSession::Direction::Apply);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message.contains(QStringLiteral("[39:41, 29] is outside the dataset")), qPrintable(s.error().message));
    QVERIFY2(s.error().message.contains(QStringLiteral("/grid in edit.h5")), qPrintable(s.error().message));
    auto missing = std::make_shared<SetValuesOperation>(QStringLiteral("/nothing"), ValueBox{{0}, {}, {1}}, 1,
                                                        std::vector<unsigned char>(4, 0), std::vector<char>{}, nullptr, QStringLiteral("bad"));
    QVERIFY(!run(*m_session, missing, FileSession::Direction::Apply).ok());
    auto fill = std::make_shared<FillOperation>(QStringLiteral("/grid"), ValueBox{{0, 0}, {}, {41, 30}},
                                                std::vector<unsigned char>(4, 0), std::vector<char>{}, nullptr, QStringLiteral("bad"));
    QVERIFY(!run(*m_session, fill, FileSession::Direction::Apply).ok());
    QCOMPARE(fileBytes(m_path), before);
}

void TestValueEdits::readOnlyLeavesFileUnchanged()
{
    m_session.reset();
    m_file.reset();
    const QByteArray before = fileBytes(m_path);
    auto f = H5File::open(m_path);
    QVERIFY(f.ok());
    FileSession session(f.value());
    QVERIFY(!session.isEditable());
    auto reader = DatasetReader::open(f.value(), QStringLiteral("/grid")).value();
    auto strings = std::make_shared<ParsedStrings>();
    auto op = std::make_shared<SetValuesOperation>(QStringLiteral("/grid"), ValueBox{{0, 0}, {}, {1, 1}}, 1,
                                                   parseAll(reader, {QStringLiteral("5")}, 0, *strings), std::vector<char>{},
                                                   strings, QStringLiteral("Set"));
    const Status s = run(session, op, FileSession::Direction::Apply);
    QVERIFY(!s.ok());
    QVERIFY(s.error().message.contains(QStringLiteral("read-only")));
    auto fill = std::make_shared<FillOperation>(QStringLiteral("/grid"), ValueBox{{0, 0}, {}, {40, 30}},
                                                std::vector<unsigned char>(4, 0), std::vector<char>{}, nullptr, QStringLiteral("Fill"));
    QVERIFY(!run(session, fill, FileSession::Direction::Apply).ok());
    QCOMPARE(fileBytes(m_path), before);
}

void TestValueEdits::fillWholeDatasetUndoRedo()
{
    auto reader = DatasetReader::open(m_file, QStringLiteral("/big")).value();
    const auto original = readAll<unsigned short>(m_file, "big", H5T_NATIVE_USHORT);
    auto strings = std::make_shared<ParsedStrings>();
    ValueBox box{{10, 20}, {}, {400, 300}}; // not aligned to the 64x64 chunks
    auto op = std::make_shared<FillOperation>(QStringLiteral("/big"), box, parseAll(reader, {QStringLiteral("7")}, 0, *strings),
                                              std::vector<char>{}, strings, QStringLiteral("Fill /big[10:410, 20:320] with 7"));
    QSignalSpy progress(m_session.get(), &FileSession::writeProgress);
    QVERIFY(run(*m_session, op, FileSession::Direction::Apply).ok());
    QVERIFY(!op->undoFilePath().isEmpty());
    QCOMPARE(QFileInfo(op->undoFilePath()).size(), qint64(400 * 300 * 2));
    auto expected = original;
    for (size_t r = 10; r < 410; ++r)
        for (size_t c = 20; c < 320; ++c)
            expected[r * 512 + c] = 7;
    QCOMPARE(readAll<unsigned short>(m_file, "big", H5T_NATIVE_USHORT), expected);
    QVERIFY(op->largestPiece() <= 64 * 64);
    QVERIFY(run(*m_session, op, FileSession::Direction::Revert).ok());
    QCOMPARE(readAll<unsigned short>(m_file, "big", H5T_NATIVE_USHORT), original);
    QVERIFY(run(*m_session, op, FileSession::Direction::Apply).ok());
    QCOMPARE(readAll<unsigned short>(m_file, "big", H5T_NATIVE_USHORT), expected);
    QVERIFY(run(*m_session, op, FileSession::Direction::Revert).ok());
    QCOMPARE(readAll<unsigned short>(m_file, "big", H5T_NATIVE_USHORT), original);
}

void TestValueEdits::fillOneField()
{
    auto reader = DatasetReader::open(m_file, QStringLiteral("/points")).value();
    ValueParser p = reader->valueParser();
    auto strings = std::make_shared<ParsedStrings>();
    std::vector<unsigned char> element(p.elementSize(), 0);
    QVERIFY(p.parse(1, QStringLiteral("-1.25"), element.data(), *strings).isEmpty());
    auto op = std::make_shared<FillOperation>(QStringLiteral("/points"), ValueBox{{0}, {}, {5}}, element,
                                              std::vector<char>{0, 1, 0}, strings, QStringLiteral("Fill y"));
    QVERIFY(run(*m_session, op, FileSession::Direction::Apply).ok());
    const auto ys = readAll<double>(m_file, "line", H5T_NATIVE_DOUBLE); // untouched neighbour
    QCOMPARE(ys[0], 0.5);
    // y of every point is -1.25, x kept.
    auto block = reader->readBlock(Selection::all({5}), false, 0, 5, 0, 1);
    QVERIFY(block.ok());
    FormatOptions o;
    QCOMPARE(block.value()->cellText(4, 0, 1, o), QStringLiteral("-1.25"));
    QCOMPARE(block.value()->cellText(4, 0, 0, o), QStringLiteral("5"));
    QVERIFY(run(*m_session, op, FileSession::Direction::Revert).ok());
    block = reader->readBlock(Selection::all({5}), false, 0, 5, 0, 1);
    QCOMPARE(block.value()->cellText(4, 0, 1, o), QStringLiteral("5.5"));
}

void TestValueEdits::fillCancelledLeavesFileAsItWas()
{
    auto reader = DatasetReader::open(m_file, QStringLiteral("/big")).value();
    const auto original = readAll<unsigned short>(m_file, "big", H5T_NATIVE_USHORT);
    auto strings = std::make_shared<ParsedStrings>();
    FillOperation op(QStringLiteral("/big"), ValueBox{{0, 0}, {}, {512, 512}}, parseAll(reader, {QStringLiteral("9")}, 0, *strings),
                     std::vector<char>{}, strings, QStringLiteral("Fill"));
    std::atomic_bool cancel{false};
    qint64 lastDone = 0;
    EditContext ctx(m_file, &cancel, [&](qint64 done, qint64) {
        lastDone = done;
        if (done >= 5 * 64 * 64)
            cancel = true; // after five of the 64 chunks
    });
    const Status s = op.apply(ctx);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, ErrorCode::Cancelled);
    QCOMPARE(lastDone, qint64(5 * 64 * 64));
    QVERIFY(ctx.changes().valuesChanged.empty());
    QCOMPARE(readAll<unsigned short>(m_file, "big", H5T_NATIVE_USHORT), original);
    QVERIFY(op.undoFilePath().isEmpty()); // the temporary file went with the cancel
}

void TestValueEdits::fillMemoryBoundedByPieces()
{
    // Contiguous 1000 floats with a budget far below the dataset: pieces stay within MaxPieceBytes.
    auto reader = DatasetReader::open(m_file, QStringLiteral("/line")).value();
    auto strings = std::make_shared<ParsedStrings>();
    auto op = std::make_shared<FillOperation>(QStringLiteral("/line"), ValueBox{{0}, {}, {1000}},
                                              parseAll(reader, {QStringLiteral("inf")}, 0, *strings), std::vector<char>{},
                                              strings, QStringLiteral("Fill"));
    QVERIFY(run(*m_session, op, FileSession::Direction::Apply).ok());
    QVERIFY(op->largestPiece() * 4 <= FillOperation::MaxPieceBytes);
    const auto v = readAll<float>(m_file, "line", H5T_NATIVE_FLOAT);
    QVERIFY(std::all_of(v.begin(), v.end(), [](float x) { return std::isinf(x) && x > 0; }));
    QVERIFY(run(*m_session, op, FileSession::Direction::Revert).ok());
    QCOMPARE(readAll<float>(m_file, "line", H5T_NATIVE_FLOAT)[999], 999.5f);
}

void TestValueEdits::cancelThroughTheSession()
{
    // A fill cancelled while it runs on the session's write queue: `done` gets
    // Cancelled (this crashed: the session finished the request through a
    // reference to the request it had just reset), the file is as it was.
    {
        LibraryLock lock;
        hsize_t dims[2] = {2048, 2048}, chunk[2] = {32, 32};
        hid_t s = H5Screate_simple(2, dims, nullptr);
        hid_t p = H5Pcreate(H5P_DATASET_CREATE);
        H5Pset_chunk(p, 2, chunk);
        hid_t d = H5Dcreate2(fileId(*m_file), "large", H5T_STD_I32LE, s, H5P_DEFAULT, p, H5P_DEFAULT);
        std::vector<int> v(2048 * 2048);
        std::iota(v.begin(), v.end(), 0);
        H5Dwrite(d, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
        H5Dclose(d);
        H5Pclose(p);
        H5Sclose(s);
    }
    const auto original = readAll<int>(m_file, "large", H5T_NATIVE_INT);
    auto reader = DatasetReader::open(m_file, QStringLiteral("/large")).value();
    auto strings = std::make_shared<ParsedStrings>();
    auto op = std::make_shared<FillOperation>(QStringLiteral("/large"), ValueBox{{0, 0}, {}, {2048, 2048}},
                                              parseAll(reader, {QStringLiteral("-1")}, 0, *strings), std::vector<char>{},
                                              strings, QStringLiteral("Fill"));
    std::optional<Status> result;
    QSignalSpy started(m_session.get(), &FileSession::writeStarted);
    // The callback owns data, as real callers' do: it must still be there when it runs.
    std::vector<int> owned(1000, 7);
    qint64 sumSeen = -1;
    m_session->submit(op, FileSession::Direction::Apply, [&result, &sumSeen, owned](const Status &s) {
        sumSeen = std::accumulate(owned.begin(), owned.end(), qint64(0));
        result = s;
    });
    QVERIFY(started.wait(5000));
    m_session->cancelCurrentWrite();
    QVERIFY(m_session->waitForWrites());
    QVERIFY(result.has_value());
    QVERIFY(!result->ok());
    QCOMPARE(result->error().code, ErrorCode::Cancelled);
    QCOMPARE(sumSeen, qint64(7000));
    QCOMPARE(readAll<int>(m_file, "large", H5T_NATIVE_INT), original);
}

void TestValueEdits::scalarDataset()
{
    {
        LibraryLock lock;
        hid_t s = H5Screate(H5S_SCALAR);
        hid_t d = H5Dcreate2(fileId(*m_file), "answer", H5T_IEEE_F64LE, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        const double v = 41.5;
        H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &v);
        H5Dclose(d);
        H5Sclose(s);
    }
    auto reader = DatasetReader::open(m_file, QStringLiteral("/answer")).value();
    auto strings = std::make_shared<ParsedStrings>();
    ValueBox box; // a scalar: no dimensions
    QCOMPARE(box.text(), QString());
    auto op = std::make_shared<SetValuesOperation>(QStringLiteral("/answer"), box, 1, parseAll(reader, {QStringLiteral("-inf")}, 0, *strings),
                                                   std::vector<char>{}, strings, QStringLiteral("Set /answer to -inf"));
    QVERIFY(run(*m_session, op, FileSession::Direction::Apply).ok());
    QVERIFY(std::isinf(readAll<double>(m_file, "answer", H5T_NATIVE_DOUBLE)[0]));
    QVERIFY(run(*m_session, op, FileSession::Direction::Revert).ok());
    QCOMPARE(readAll<double>(m_file, "answer", H5T_NATIVE_DOUBLE)[0], 41.5);
    auto fill = std::make_shared<FillOperation>(QStringLiteral("/answer"), box, parseAll(reader, {QStringLiteral("2")}, 0, *strings),
                                                std::vector<char>{}, strings, QStringLiteral("Fill"));
    QVERIFY(run(*m_session, fill, FileSession::Direction::Apply).ok());
    QCOMPARE(readAll<double>(m_file, "answer", H5T_NATIVE_DOUBLE)[0], 2.0);
    QVERIFY(run(*m_session, fill, FileSession::Direction::Revert).ok());
    QCOMPARE(readAll<double>(m_file, "answer", H5T_NATIVE_DOUBLE)[0], 41.5);
}

QTEST_GUILESS_MAIN(TestValueEdits)
#include "tst_valueedits.moc"
