// ValueFormatter: every type class formatted from raw bytes, without HDF5 calls
// (types are described by hand, or built from HDF5 types with buildReadPlan).

#include "hdf5/valueformatter.h"

#include <QtTest>

#include <atomic>
#include <cmath>
#include <cstring>
#include <thread>

Q_DECLARE_METATYPE(hs::core::FormatOptions)

using namespace hs::core;
using Kind = ValueType::Kind;

namespace {

ValueType scalar(Kind kind, size_t size)
{
    ValueType t;
    t.kind = kind;
    t.size = size;
    return t;
}

template<typename T>
QByteArray bytesOf(T v)
{
    return QByteArray(reinterpret_cast<const char *>(&v), sizeof v);
}

QString fmt(const ValueType &t, const QByteArray &bytes, const FormatOptions &o = {}, int field = 0)
{
    ValueFormatter f(t);
    std::string out;
    f.append(field, reinterpret_cast<const unsigned char *>(bytes.constData()), o, out);
    return QString::fromStdString(out);
}

FormatOptions hexOptions()
{
    FormatOptions o;
    o.hexIntegers = true;
    return o;
}

FormatOptions floatOptions(FormatOptions::FloatStyle style, int precision)
{
    FormatOptions o;
    o.floatStyle = style;
    o.floatPrecision = precision;
    return o;
}

// Builds the read plan of an HDF5 type (what DatasetReader does) and formats `bytes`
// given in the plan's memory layout.
std::shared_ptr<const ValueFormatter> planFor(hid_t type, std::vector<TypeInfo> *fieldTypes = nullptr)
{
    LibraryLock lock;
    ReadPlan plan = buildReadPlan(type);
    if (fieldTypes)
        *fieldTypes = plan.fieldTypes;
    return plan.formatter;
}

} // namespace

class TestValueFormatter : public QObject
{
    Q_OBJECT

private slots:
    void scalars_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("size");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<FormatOptions>("options");
        QTest::addColumn<QString>("expected");

        const FormatOptions d;
        auto row = [](const char *name, Kind k, size_t size, QByteArray b, FormatOptions o, const char *e) {
            QTest::newRow(name) << int(k) << int(size) << b << o << QString::fromUtf8(e);
        };
        row("int8 -1", Kind::SignedInt, 1, bytesOf<qint8>(-1), d, "-1");
        row("int8 -1 hex", Kind::SignedInt, 1, bytesOf<qint8>(-1), hexOptions(), "0xff");
        row("int16 -300 hex", Kind::SignedInt, 2, bytesOf<qint16>(-300), hexOptions(), "0xfed4");
        row("int32 min", Kind::SignedInt, 4, bytesOf<qint32>(INT32_MIN), d, "-2147483648");
        row("int64 min", Kind::SignedInt, 8, bytesOf<qint64>(INT64_MIN), d, "-9223372036854775808");
        row("uint8 255", Kind::UnsignedInt, 1, bytesOf<quint8>(255), d, "255");
        row("uint16 hex", Kind::UnsignedInt, 2, bytesOf<quint16>(0xbeef), hexOptions(), "0xbeef");
        row("uint64 max", Kind::UnsignedInt, 8, bytesOf<quint64>(UINT64_MAX), d, "18446744073709551615");
        row("float 0.1 shortest", Kind::Float, 4, bytesOf(0.1f), d, "0.1");
        row("float 1/3", Kind::Float, 4, bytesOf(1.0f / 3), d, "0.33333334");
        row("double 0.1", Kind::Float, 8, bytesOf(0.1), d, "0.1");
        row("double 1e300", Kind::Float, 8, bytesOf(1e300), d, "1e+300");
        row("double -0", Kind::Float, 8, bytesOf(-0.0), d, "-0");
        row("double nan", Kind::Float, 8, bytesOf(std::nan("")), d, "nan");
        row("double -inf", Kind::Float, 8, bytesOf(-HUGE_VAL), d, "-inf");
        row("double general 3", Kind::Float, 8, bytesOf(3.14159), floatOptions(FormatOptions::FloatStyle::General, 3),
            "3.14");
        row("double scientific 2", Kind::Float, 8, bytesOf(3.14159),
            floatOptions(FormatOptions::FloatStyle::Scientific, 2), "3.14e+00");
        row("double fixed 2", Kind::Float, 8, bytesOf(3.14159), floatOptions(FormatOptions::FloatStyle::Fixed, 2),
            "3.14");
        row("float fixed 1", Kind::Float, 4, bytesOf(2.25f), floatOptions(FormatOptions::FloatStyle::Fixed, 1), "2.2");
        row("long double 0.1", Kind::Float, sizeof(long double), bytesOf(0.1L), d, "0.1");
        row("long double 1/3", Kind::Float, sizeof(long double), bytesOf(1.0L / 3), d, "0.33333333333333333334");
        row("bitfield 8", Kind::Bitfield, 1, bytesOf<quint8>(0x0f), d, "0x0f");
        row("bitfield 16", Kind::Bitfield, 2, bytesOf<quint16>(0xffef), d, "0xffef");
        row("bitfield 32", Kind::Bitfield, 4, bytesOf<quint32>(1), d, "0x00000001");
        row("opaque", Kind::Opaque, 3, QByteArray("\x01\x02\xff", 3), d, "0x0102ff");
        row("unknown", Kind::Unknown, 2, QByteArray("\xab\xcd", 2), d, "0xabcd");
    }
    void scalars()
    {
        QFETCH(int, kind);
        QFETCH(int, size);
        QFETCH(QByteArray, bytes);
        QFETCH(FormatOptions, options);
        QFETCH(QString, expected);
        QCOMPARE(fmt(scalar(Kind(kind), size_t(size)), bytes, options), expected);
    }

    void fixedFloatOfHugeValue()
    {
        const QString s = fmt(scalar(Kind::Float, 8), bytesOf(1e300), floatOptions(FormatOptions::FloatStyle::Fixed, 2));
        QCOMPARE(s.size(), 304);
        QVERIFY(s.startsWith(QLatin1String("10000000000000000525")));
        QVERIFY(s.endsWith(QLatin1String(".00")));
    }

    void time()
    {
        ValueType t = scalar(Kind::Time, 4);
        t.bigEndian = true;
        QCOMPARE(fmt(t, QByteArray("\x00\x00\x01\x00", 4)), QStringLiteral("256"));
        QCOMPARE(fmt(t, QByteArray("\xff\xff\xff\xfe", 4)), QStringLiteral("-2"));
        t.bigEndian = false;
        QCOMPARE(fmt(t, QByteArray("\x00\x01\x00\x00", 4)), QStringLiteral("256"));
        ValueFormatter f(t);
        const QByteArray b("\x00\x01\x00\x00", 4);
        QCOMPARE(f.number(0, reinterpret_cast<const unsigned char *>(b.constData())), 256.0);
    }

    void narrowFloats_data()
    {
        QTest::addColumn<float>("value");
        QTest::addColumn<int>("mantissa");
        QTest::addColumn<int>("exponent");
        QTest::addColumn<QString>("expected");
        // Values are exactly representable in the narrow format.
        QTest::newRow("half 0.1") << float(valuetext::roundToFormat(0.1, 10, 5)) << 10 << 5 << QStringLiteral("0.1");
        QTest::newRow("half max") << 65504.0f << 10 << 5 << QStringLiteral("65500");
        QTest::newRow("half 1.5") << 1.5f << 10 << 5 << QStringLiteral("1.5");
        QTest::newRow("half subnormal") << std::ldexp(1.0f, -24) << 10 << 5 << QStringLiteral("6e-08");
        // Shortest that rounds back to the same half (as NumPy prints it), not the exact value.
        QTest::newRow("half -2.0625") << -2.0625f << 10 << 5 << QStringLiteral("-2.062");
        QTest::newRow("bfloat16 1/3") << float(valuetext::roundToFormat(1.0 / 3, 7, 8)) << 7 << 8
                                      << QStringLiteral("0.334");
        QTest::newRow("fp8 e4m3 0.3") << float(valuetext::roundToFormat(0.3, 3, 4)) << 3 << 4
                                      << QStringLiteral("0.3");
    }
    void narrowFloats()
    {
        QFETCH(float, value);
        QFETCH(int, mantissa);
        QFETCH(int, exponent);
        QFETCH(QString, expected);
        ValueType t = scalar(Kind::Float, 4);
        t.sourceMantissaBits = mantissa;
        t.sourceExponentBits = exponent;
        QCOMPARE(fmt(t, bytesOf(value)), expected);
        // Other styles print the float as it is.
        QCOMPARE(fmt(t, bytesOf(value), floatOptions(FormatOptions::FloatStyle::Scientific, 3)),
                 fmt(scalar(Kind::Float, 4), bytesOf(value), floatOptions(FormatOptions::FloatStyle::Scientific, 3)));
    }

    void roundToFormat()
    {
        QCOMPARE(valuetext::roundToFormat(0.1, 10, 5), 0.0999755859375);
        QCOMPARE(valuetext::roundToFormat(65519.0, 10, 5), 65504.0);
        QVERIFY(std::isinf(valuetext::roundToFormat(65520.0, 10, 5)));
        QCOMPARE(valuetext::roundToFormat(1.0 + 1.0 / 2048, 10, 5), 1.0); // tie to even
        QCOMPARE(valuetext::roundToFormat(std::ldexp(1.0, -25) * 1.5, 10, 5), std::ldexp(1.0, -24));
    }

    void strings_data()
    {
        QTest::addColumn<int>("pad");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("escape");
        QTest::addColumn<QString>("expected");
        using P = ValueType::Pad;
        QTest::newRow("nullterm") << int(P::NullTerm) << QByteArray("abc\0def", 8) << false << QStringLiteral("abc");
        QTest::newRow("nullterm full") << int(P::NullTerm) << QByteArray("abcdefgh", 8) << false
                                       << QStringLiteral("abcdefgh");
        QTest::newRow("nullpad") << int(P::NullPad) << QByteArray("ab\0\0\0\0\0\0", 8) << false << QStringLiteral("ab");
        QTest::newRow("spacepad keeps spaces") << int(P::SpacePad) << QByteArray("ab      ", 8) << false
                                               << QStringLiteral("ab      ");
        QTest::newRow("utf8") << int(P::NullTerm) << QByteArray("h\xc3\xa9llo\0\0", 8) << false
                              << QStringLiteral("h\u00e9llo");
        QTest::newRow("control raw") << int(P::NullTerm) << QByteArray("a\nb\tc\x01\0", 8) << false
                                     << QStringLiteral("a\nb\tc\x01");
        QTest::newRow("control escaped") << int(P::NullTerm) << QByteArray("a\nb\tc\x01\\", 8) << true
                                         << QStringLiteral("a\\nb\\tc\\x01\\\\");
        QTest::newRow("invalid utf8") << int(P::NullTerm) << QByteArray("a\xff\xc3(\0\0\0\0", 8) << false
                                      << QStringLiteral("a\\xff\\xc3(");
    }
    void strings()
    {
        QFETCH(int, pad);
        QFETCH(QByteArray, bytes);
        QFETCH(bool, escape);
        QFETCH(QString, expected);
        ValueType t = scalar(Kind::FixedString, size_t(bytes.size()));
        t.pad = ValueType::Pad(pad);
        FormatOptions o;
        o.escapeStrings = escape;
        QCOMPARE(fmt(t, bytes, o), expected);
    }

    void vlenString()
    {
        ValueType t = scalar(Kind::VlenString, sizeof(char *));
        const char *s = "vl\u00e9n";
        QCOMPARE(fmt(t, bytesOf(s)), QStringLiteral("vl\u00e9n"));
        const char *null = nullptr;
        QCOMPARE(fmt(t, bytesOf(null)), QString());
    }

    void vlenSequence()
    {
        ValueType t = scalar(Kind::Vlen, sizeof(hvl_t));
        t.members.push_back(scalar(Kind::SignedInt, 4));
        int values[] = {1, -2, 3, 4, 5};
        hvl_t h{5, values};
        QCOMPARE(fmt(t, bytesOf(h)), QStringLiteral("(1, -2, 3, 4, 5)"));
        FormatOptions o;
        o.maxArrayElements = 2;
        QCOMPARE(fmt(t, bytesOf(h), o), QStringLiteral("(1, -2, \u2026)"));
        hvl_t empty{0, nullptr};
        QCOMPARE(fmt(t, bytesOf(empty)), QStringLiteral("()"));

        // A sequence of strings: quoted, with quotes and controls escaped.
        ValueType s = scalar(Kind::Vlen, sizeof(hvl_t));
        s.members.push_back(scalar(Kind::VlenString, sizeof(char *)));
        const char *strs[] = {"a, b", "say \"hi\"\n"};
        hvl_t hs{2, strs};
        QCOMPARE(fmt(s, bytesOf(hs)), QStringLiteral("(\"a, b\", \"say \\\"hi\\\"\\n\")"));
    }

    void arrays()
    {
        ValueType t = scalar(Kind::Array, 24);
        t.dims = {2, 3};
        t.members.push_back(scalar(Kind::SignedInt, 4));
        const qint32 v[6] = {1, 2, 3, 4, 5, 6};
        const QByteArray b(reinterpret_cast<const char *>(v), sizeof v);
        QCOMPARE(fmt(t, b), QStringLiteral("[[1, 2, 3], [4, 5, 6]]"));
        FormatOptions o;
        o.maxArrayElements = 2;
        QCOMPARE(fmt(t, b, o), QStringLiteral("[[1, 2, \u2026], [4, 5, \u2026]]"));
        o.maxArrayElements = 0; // no limit
        QCOMPARE(fmt(t, b, o), QStringLiteral("[[1, 2, 3], [4, 5, 6]]"));
        o.hexIntegers = true;
        QCOMPARE(fmt(t, b, o), QStringLiteral("[[0x1, 0x2, 0x3], [0x4, 0x5, 0x6]]"));
    }

    void enums()
    {
        // h5py's bool: enum of int8 FALSE=0, TRUE=1.
        const hid_t e = H5Tenum_create(H5T_NATIVE_SCHAR);
        signed char v = 0;
        H5Tenum_insert(e, "FALSE", &v);
        v = 1;
        H5Tenum_insert(e, "TRUE", &v);
        auto f = planFor(e);
        H5Tclose(e);
        QVERIFY(f);
        QCOMPARE(f->root().kind, Kind::Enum);
        std::string out;
        const unsigned char one = 1, five = 5, zero = 0;
        f->append(0, &one, {}, out);
        QCOMPARE(out, std::string("TRUE"));
        out.clear();
        f->append(0, &zero, {}, out);
        QCOMPARE(out, std::string("FALSE"));
        out.clear();
        f->append(0, &five, {}, out);
        QCOMPARE(out, std::string("5")); // unknown value: the number
        QCOMPARE(f->number(0, &one), 1.0);
    }

    void bigEndianEnumBuiltNative()
    {
        const hid_t e = H5Tenum_create(H5T_STD_I16BE);
        short v = 300;
        H5Tconvert(H5T_NATIVE_SHORT, H5T_STD_I16BE, 1, &v, nullptr, H5P_DEFAULT);
        H5Tenum_insert(e, "big", &v);
        auto f = planFor(e);
        H5Tclose(e);
        QCOMPARE(f->elementSize(), size_t(2));
        const short native = 300;
        std::string out;
        f->append(0, reinterpret_cast<const unsigned char *>(&native), {}, out);
        QCOMPARE(out, std::string("big"));
    }

    void nestedCompound()
    {
        // { int32 a; { double x; float y[3]; } b; string(4) s; }
        const hsize_t three = 3;
        const hid_t arr = H5Tarray_create2(H5T_IEEE_F32BE, 1, &three);
        const hid_t inner = H5Tcreate(H5T_COMPOUND, 8 + 12);
        H5Tinsert(inner, "x", 0, H5T_IEEE_F64BE);
        H5Tinsert(inner, "y", 8, arr);
        const hid_t str = H5Tcopy(H5T_C_S1);
        H5Tset_size(str, 4);
        const hid_t outer = H5Tcreate(H5T_COMPOUND, 4 + 20 + 4);
        H5Tinsert(outer, "a", 0, H5T_STD_I32BE);
        H5Tinsert(outer, "b", 4, inner);
        H5Tinsert(outer, "s", 24, str);
        std::vector<TypeInfo> types;
        auto f = planFor(outer, &types);
        H5Tclose(outer);
        H5Tclose(inner);
        H5Tclose(arr);
        H5Tclose(str);
        QVERIFY(f);
        QCOMPARE(f->fieldCount(), 4);
        QCOMPARE(f->leaves()[0].path, std::string("a"));
        QCOMPARE(f->leaves()[1].path, std::string("b.x"));
        QCOMPARE(f->leaves()[2].path, std::string("b.y"));
        QCOMPARE(f->leaves()[3].path, std::string("s"));
        QCOMPARE(types.size(), size_t(4));
        QCOMPARE(types[0].text, QStringLiteral("H5T_STD_I32BE"));
        QCOMPARE(types[2].text, QStringLiteral("H5T_ARRAY { [3] H5T_IEEE_F32BE }"));
        // Memory layout: packed, native.
        QCOMPARE(f->elementSize(), size_t(4 + 8 + 12 + 4));
        QByteArray b;
        b += bytesOf<qint32>(-5);
        b += bytesOf(2.5);
        b += bytesOf(1.0f);
        b += bytesOf(0.5f);
        b += bytesOf(-1.0f);
        b += QByteArray("ab\0\0", 4);
        const auto *p = reinterpret_cast<const unsigned char *>(b.constData());
        auto field = [&](int i) {
            std::string out;
            f->append(i, p, {}, out);
            return out;
        };
        QCOMPARE(field(0), std::string("-5"));
        QCOMPARE(field(1), std::string("2.5"));
        QCOMPARE(field(2), std::string("[1, 0.5, -1]"));
        QCOMPARE(field(3), std::string("ab"));
        std::string whole;
        f->appendElement(p, {}, whole);
        QCOMPARE(whole, std::string("{-5, {2.5, [1, 0.5, -1]}, \"ab\"}"));
        QVERIFY(std::isnan(f->number(3, p)));
        QCOMPARE(f->number(1, p), 2.5);
    }

    void complexCompound_data()
    {
        QTest::addColumn<QByteArray>("re");
        QTest::addColumn<QByteArray>("im");
        QTest::newRow("r/i") << QByteArray("r") << QByteArray("i");
        QTest::newRow("real/imag") << QByteArray("real") << QByteArray("imag");
        QTest::newRow("re/im") << QByteArray("re") << QByteArray("im");
    }
    void complexCompound()
    {
        QFETCH(QByteArray, re);
        QFETCH(QByteArray, im);
        const hid_t c = H5Tcreate(H5T_COMPOUND, 16);
        H5Tinsert(c, re.constData(), 0, H5T_IEEE_F64LE);
        H5Tinsert(c, im.constData(), 8, H5T_IEEE_F64LE);
        auto f = planFor(c);
        H5Tclose(c);
        QCOMPARE(f->root().kind, Kind::Complex);
        QCOMPARE(f->fieldCount(), 1); // one grid column
        const double v[2] = {1.5, 2};
        std::string out;
        f->append(0, reinterpret_cast<const unsigned char *>(v), {}, out);
        QCOMPARE(out, std::string("1.5+2i"));
        const double w[2] = {-1, -0.25};
        out.clear();
        f->append(0, reinterpret_cast<const unsigned char *>(w), {}, out);
        QCOMPARE(out, std::string("-1-0.25i"));
        const double n[2] = {1, std::nan("")};
        out.clear();
        f->append(0, reinterpret_cast<const unsigned char *>(n), {}, out);
        QCOMPARE(out, std::string("1+nani"));
    }

    void notComplex()
    {
        const hid_t c = H5Tcreate(H5T_COMPOUND, 12);
        H5Tinsert(c, "r", 0, H5T_IEEE_F64LE);
        H5Tinsert(c, "i", 8, H5T_IEEE_F32LE); // different widths: an ordinary compound
        auto f = planFor(c);
        H5Tclose(c);
        QCOMPARE(f->root().kind, Kind::Compound);
        QCOMPARE(f->fieldCount(), 2);
    }

    void float16FromHdf5()
    {
        const hid_t h = H5Tcopy(H5T_IEEE_F32LE);
        H5Tset_fields(h, 15, 10, 5, 0, 10);
        H5Tset_offset(h, 0);
        H5Tset_precision(h, 16);
        H5Tset_size(h, 2);
        H5Tset_ebias(h, 15);
        auto f = planFor(h);
        H5Tclose(h);
        QCOMPARE(f->root().kind, Kind::Float);
        QCOMPARE(f->root().size, sizeof(float));
        QCOMPARE(f->root().sourceMantissaBits, 10);
        QCOMPARE(f->root().sourceExponentBits, 5);
    }

    void threadsFormatConcurrently()
    {
        ValueType t = scalar(Kind::Float, 8);
        ValueFormatter f(t);
        std::atomic_int bad = 0;
        auto work = [&] {
            for (int i = 0; i < 20000; ++i) {
                const double v = i * 0.25;
                std::string out;
                f.append(0, reinterpret_cast<const unsigned char *>(&v), {}, out);
                if (std::stod(out) != v)
                    ++bad;
            }
        };
        std::thread a(work), b(work);
        a.join();
        b.join();
        QCOMPARE(bad.load(), 0);
    }
};


QTEST_GUILESS_MAIN(TestValueFormatter)
#include "tst_valueformatter.moc"
