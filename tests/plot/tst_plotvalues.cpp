// PlotValues: every plottable type read from a file becomes the expected
// number (all integer sizes and signs, both byte orders, float16/32/64,
// booleans and enums, bitfields, complex as each part, a compound's fields);
// other types are refused with "Not plottable: <type>".

#include "plotfixture.h"

#include "hdf5/librarylock.h"
#include "plot/plotsource.h"
#include "services/h5file.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <complex>

using namespace hs::core;
using namespace hs::plottest;

namespace {

template<typename T>
void write(hid_t f, const char *name, hid_t fileType, hid_t memType, const std::vector<T> &v)
{
    const hsize_t n = v.size();
    const hid_t s = H5Screate_simple(1, &n, nullptr);
    const hid_t d = H5Dcreate2(f, name, fileType, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(d, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    H5Dclose(d);
    H5Sclose(s);
}

hid_t complexType(hid_t part)
{
    const size_t sz = H5Tget_size(part);
    const hid_t t = H5Tcreate(H5T_COMPOUND, 2 * sz);
    H5Tinsert(t, "r", 0, part);
    H5Tinsert(t, "i", sz, part);
    return t;
}

struct Pair
{
    qint32 x;
    double y;
};

struct Named
{
    const char *name;
    double value;
};

void writeAll(hid_t f)
{
    write<qint8>(f, "i8", H5T_STD_I8LE, H5T_NATIVE_INT8, {-128, 0, 127});
    write<quint8>(f, "u8", H5T_STD_U8LE, H5T_NATIVE_UINT8, {0, 200, 255});
    write<qint16>(f, "i16be", H5T_STD_I16BE, H5T_NATIVE_INT16, {-32768, -1, 32767});
    write<quint16>(f, "u16", H5T_STD_U16LE, H5T_NATIVE_UINT16, {0, 1, 65535});
    write<qint32>(f, "i32", H5T_STD_I32LE, H5T_NATIVE_INT32, {-2147483647 - 1, 5, 2147483647});
    write<quint32>(f, "u32be", H5T_STD_U32BE, H5T_NATIVE_UINT32, {0, 7, 4294967295u});
    write<qint64>(f, "i64", H5T_STD_I64LE, H5T_NATIVE_INT64, {std::numeric_limits<qint64>::min(), -3, 1ll << 53});
    write<quint64>(f, "u64", H5T_STD_U64LE, H5T_NATIVE_UINT64, {0, 42, std::numeric_limits<quint64>::max()});
    write<float>(f, "f32be", H5T_IEEE_F32BE, H5T_NATIVE_FLOAT, {-1.5f, 3.25e-20f, float(NaN)});
    write<double>(f, "f64", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, {1e300, -0.0, -Inf});
    {
        const hid_t h = halfType();
        write<float>(f, "f16", h, H5T_NATIVE_FLOAT, {1.5f, 65504.0f, -0.0999755859375f});
        H5Tclose(h);
    }
    {
        const hid_t e = H5Tenum_create(H5T_NATIVE_INT8);
        qint8 v = 0;
        H5Tenum_insert(e, "FALSE", &v);
        v = 1;
        H5Tenum_insert(e, "TRUE", &v);
        write<qint8>(f, "bool", e, e, {1, 0, 1});
        H5Tclose(e);
        const hid_t c = H5Tenum_create(H5T_STD_U16LE);
        quint16 w = 10;
        H5Tenum_insert(c, "RED", &w);
        w = 300;
        H5Tenum_insert(c, "BLUE", &w);
        const hid_t cm = H5Tenum_create(H5T_NATIVE_UINT16);
        w = 10;
        H5Tenum_insert(cm, "RED", &w);
        w = 300;
        H5Tenum_insert(cm, "BLUE", &w);
        write<quint16>(f, "colour", c, cm, {300, 10, 10});
        H5Tclose(cm);
        H5Tclose(c);
    }
    write<quint16>(f, "bits", H5T_STD_B16LE, H5T_NATIVE_B16, {0x8001, 0, 3});
    {
        const hid_t c64 = complexType(H5T_IEEE_F32LE), m64 = complexType(H5T_NATIVE_FLOAT);
        write<std::complex<float>>(f, "c64", c64, m64, {{3, 4}, {0, -2}, {-1, 0}});
        const hid_t c128 = complexType(H5T_IEEE_F64BE), m128 = complexType(H5T_NATIVE_DOUBLE);
        write<std::complex<double>>(f, "c128", c128, m128, {{3, 4}, {0, -2}, {-1, 0}});
        for (hid_t t : {c64, m64, c128, m128})
            H5Tclose(t);
    }
    {
        const hid_t p = H5Tcreate(H5T_COMPOUND, sizeof(Pair));
        H5Tinsert(p, "x", HOFFSET(Pair, x), H5T_NATIVE_INT32);
        H5Tinsert(p, "y", HOFFSET(Pair, y), H5T_NATIVE_DOUBLE);
        write<Pair>(f, "pairs", p, p, {{1, 0.5}, {-2, 1e10}, {3, -7}});
        H5Tclose(p);
    }
    {
        // A field beside a variable-length string: read as a block, not into a buffer.
        const hid_t str = H5Tcopy(H5T_C_S1);
        H5Tset_size(str, H5T_VARIABLE);
        const hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(Named));
        H5Tinsert(t, "name", HOFFSET(Named, name), str);
        H5Tinsert(t, "value", HOFFSET(Named, value), H5T_NATIVE_DOUBLE);
        write<Named>(f, "named", t, t, {{"a", 2.5}, {"bb", -1}, {"", 1e-300}});
        H5Tclose(t);
        H5Tclose(str);
    }
    {
        const hid_t s = H5Tcopy(H5T_C_S1);
        H5Tset_size(s, 4);
        const char text[3][4] = {"abc", "de", "f"};
        const hsize_t n = 3;
        const hid_t sp = H5Screate_simple(1, &n, nullptr);
        const hid_t d = H5Dcreate2(f, "strings", s, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Dwrite(d, s, H5S_ALL, H5S_ALL, H5P_DEFAULT, text);
        H5Dclose(d);
        const hid_t o = H5Tcreate(H5T_OPAQUE, 2);
        H5Tset_tag(o, "two bytes");
        const hid_t d2 = H5Dcreate2(f, "opaque", o, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Dclose(d2);
        H5Tclose(o);
        H5Sclose(sp);
        H5Tclose(s);
    }
}

} // namespace

class TestPlotValues : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    H5FilePtr m_file;

    std::vector<double> readAll(const QString &path, int field = 0, ComplexPart part = ComplexPart::Magnitude)
    {
        auto reader = DatasetReader::open(m_file, path);
        if (!reader)
            return {};
        auto source = PlotSource::open(m_file, path, Selection::all(reader.value()->shape().dims), field, part);
        if (!source)
            return {};
        const quint64 n = reader.value()->shape().dims[0];
        PlotTile tile;
        if (!source->read(0, n, 0, 1, tile) || tile.rows != n)
            return {};
        return std::vector<double>(tile.values, tile.values + n);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("types.h5"));
        {
            LibraryLock lock;
            const hid_t f = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            QVERIFY(f >= 0);
            writeAll(f);
            H5Fclose(f);
        }
        auto file = H5File::open(path);
        QVERIFY(file);
        m_file = file.value();
    }

    void cleanupTestCase() { m_file.reset(); }

    void numbers_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("field");
        QTest::addColumn<int>("part");
        QTest::addColumn<QList<double>>("expected");
        const int m = int(ComplexPart::Magnitude);
        QTest::newRow("int8") << "/i8" << 0 << m << QList<double>{-128, 0, 127};
        QTest::newRow("uint8") << "/u8" << 0 << m << QList<double>{0, 200, 255};
        QTest::newRow("int16 big-endian") << "/i16be" << 0 << m << QList<double>{-32768, -1, 32767};
        QTest::newRow("uint16") << "/u16" << 0 << m << QList<double>{0, 1, 65535};
        QTest::newRow("int32") << "/i32" << 0 << m << QList<double>{-2147483648.0, 5, 2147483647};
        QTest::newRow("uint32 big-endian") << "/u32be" << 0 << m << QList<double>{0, 7, 4294967295.0};
        QTest::newRow("int64") << "/i64" << 0 << m << QList<double>{-9223372036854775808.0, -3, 9007199254740992.0};
        QTest::newRow("uint64") << "/u64" << 0 << m << QList<double>{0, 42, 18446744073709551615.0};
        QTest::newRow("float32 big-endian") << "/f32be" << 0 << m << QList<double>{-1.5, double(3.25e-20f), NaN};
        QTest::newRow("float64") << "/f64" << 0 << m << QList<double>{1e300, -0.0, -Inf};
        QTest::newRow("float16") << "/f16" << 0 << m << QList<double>{1.5, 65504, -0.0999755859375};
        QTest::newRow("boolean") << "/bool" << 0 << m << QList<double>{1, 0, 1};
        QTest::newRow("enum") << "/colour" << 0 << m << QList<double>{300, 10, 10};
        QTest::newRow("bitfield") << "/bits" << 0 << m << QList<double>{0x8001, 0, 3};
        QTest::newRow("complex64 magnitude") << "/c64" << 0 << m << QList<double>{5, 2, 1};
        QTest::newRow("complex64 phase") << "/c64" << 0 << int(ComplexPart::Phase)
                                         << QList<double>{std::atan2(4.0, 3.0), -M_PI / 2, M_PI};
        QTest::newRow("complex64 real") << "/c64" << 0 << int(ComplexPart::Real) << QList<double>{3, 0, -1};
        QTest::newRow("complex64 imaginary") << "/c64" << 0 << int(ComplexPart::Imaginary) << QList<double>{4, -2, 0};
        QTest::newRow("complex128 magnitude") << "/c128" << 0 << m << QList<double>{5, 2, 1};
        QTest::newRow("complex128 imaginary") << "/c128" << 0 << int(ComplexPart::Imaginary)
                                              << QList<double>{4, -2, 0};
        QTest::newRow("compound field x") << "/pairs" << 0 << m << QList<double>{1, -2, 3};
        QTest::newRow("compound field y") << "/pairs" << 1 << m << QList<double>{0.5, 1e10, -7};
        QTest::newRow("field beside a vlen string") << "/named" << 1 << m << QList<double>{2.5, -1, 1e-300};
    }

    void numbers()
    {
        QFETCH(QString, path);
        QFETCH(int, field);
        QFETCH(int, part);
        QFETCH(QList<double>, expected);
        const std::vector<double> got = readAll(path, field, ComplexPart(part));
        QCOMPARE(got.size(), size_t(expected.size()));
        for (int i = 0; i < expected.size(); ++i) {
            const double g = got[size_t(i)], e = expected[i];
            const bool phase = ComplexPart(part) == ComplexPart::Phase;
            QVERIFY2((std::isnan(g) && std::isnan(e)) || (phase ? std::abs(g - e) < 1e-6 : g == e),
                     qPrintable(QStringLiteral("%1: got %2, expected %3").arg(i).arg(g, 0, 'g', 17).arg(e, 0, 'g', 17)));
            if (e == 0 && !phase)
                QCOMPARE(std::signbit(g), std::signbit(e)); // -0.0 stays -0.0
        }
    }

    void notPlottable_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("string") << "/strings";
        QTest::newRow("opaque") << "/opaque";
    }

    void notPlottable()
    {
        QFETCH(QString, path);
        auto source = PlotSource::open(m_file, path, Selection::all({3}));
        QVERIFY(!source);
        QCOMPARE(source.error().code, ErrorCode::Unsupported);
        QVERIFY2(source.error().message.startsWith(QLatin1String("Not plottable: ")),
                 qPrintable(source.error().message));
        QVERIFY(source.error().message.length() > QStringLiteral("Not plottable: .").length());
    }

    void vlenStringFieldIsNotPlottable()
    {
        auto source = PlotSource::open(m_file, QStringLiteral("/named"), Selection::all({3}), 0);
        QVERIFY(!source);
        QVERIFY(source.error().message.startsWith(QLatin1String("Not plottable: string")));
    }

    void fieldOutOfRange()
    {
        auto source = PlotSource::open(m_file, QStringLiteral("/pairs"), Selection::all({3}), 2);
        QVERIFY(!source);
        QCOMPARE(source.error().code, ErrorCode::InvalidArgument);
    }

    void complexHasNoFillValues()
    {
        auto source = PlotSource::open(m_file, QStringLiteral("/c64"), Selection::all({3}));
        QVERIFY(source);
        QVERIFY(source->values().isComplex());
        QVERIFY(source->missing().empty());
    }
};

QTEST_GUILESS_MAIN(TestPlotValues)
#include "tst_plotvalues.moc"
