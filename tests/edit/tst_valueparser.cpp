// ValueParser: typed text -> element bytes for every type the grid edits,
// with limits in words; and round trips with what the formatter shows.

#include "hdf5/librarylock.h"
#include "hdf5/readplan.h"
#include "hdf5/valueformatter.h"
#include "hdf5/valueparser.h"

#include <QtTest>

#include <cmath>
#include <cstring>

using namespace hs::core;

namespace {

// The read plan's formatter of an HDF5 type (what DatasetReader builds).
std::shared_ptr<const ValueFormatter> formatterOf(hid_t type)
{
    LibraryLock lock;
    QString error;
    ReadPlan plan = buildReadPlan(type, &error);
    H5Tclose(type);
    return plan.formatter;
}

hid_t copyOf(hid_t t) { return H5Tcopy(t); }

hid_t fixedString(size_t size, bool utf8, H5T_str_t pad = H5T_STR_NULLPAD)
{
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, size);
    H5Tset_cset(t, utf8 ? H5T_CSET_UTF8 : H5T_CSET_ASCII);
    H5Tset_strpad(t, pad);
    return t;
}

hid_t vlenString(bool utf8)
{
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, H5T_VARIABLE);
    H5Tset_cset(t, utf8 ? H5T_CSET_UTF8 : H5T_CSET_ASCII);
    return t;
}

hid_t enumType(const std::vector<std::pair<const char *, int>> &members, hid_t base = H5T_NATIVE_INT8)
{
    hid_t t = H5Tenum_create(base);
    for (const auto &[name, v] : members) {
        long long value = v;
        // H5Tenum_insert takes a value of the base type.
        unsigned char buf[8];
        const size_t size = H5Tget_size(base);
        std::memcpy(buf, &value, size);
        H5Tenum_insert(t, name, buf);
    }
    return t;
}

hid_t float16()
{
    hid_t t = H5Tcopy(H5T_IEEE_F32LE);
    H5Tset_fields(t, 15, 10, 5, 0, 10);
    H5Tset_precision(t, 16);
    H5Tset_size(t, 2);
    H5Tset_ebias(t, 15);
    return t;
}

hid_t complexType(hid_t part)
{
    const size_t s = H5Tget_size(part);
    hid_t t = H5Tcreate(H5T_COMPOUND, 2 * s);
    H5Tinsert(t, "r", 0, part);
    H5Tinsert(t, "i", s, part);
    return t;
}

struct Parsed
{
    QString error;
    QByteArray bytes;   // the whole element
    QString formatted;  // the field formatted back
};

Parsed parse(const std::shared_ptr<const ValueFormatter> &f, const QString &text, int field = 0)
{
    ValueParser p(f);
    Parsed out;
    out.bytes = QByteArray(int(f->elementSize()), '\0');
    ParsedStrings strings;
    out.error = p.parse(field, text, reinterpret_cast<unsigned char *>(out.bytes.data()), strings);
    if (out.error.isEmpty()) {
        std::string s;
        f->append(field, reinterpret_cast<const unsigned char *>(out.bytes.constData()), FormatOptions{}, s);
        out.formatted = QString::fromStdString(s);
    }
    return out;
}

} // namespace

class TestValueParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void integers_data();
    void integers();
    void floats_data();
    void floats();
    void float16Limits();
    void complexNumbers_data();
    void complexNumbers();
    void booleansAndEnums();
    void fixedStrings();
    void variableStrings();
    void compoundFieldsOneByOne();
    void arrays();
    void notEditable();
    void limitsInWords();
};

void TestValueParser::integers_data()
{
    QTest::addColumn<int>("which"); // index into the type list below
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("shown"); // "" when refused
    QTest::addColumn<QString>("error"); // a part of the message

    // 0 u8, 1 i8, 2 u16, 3 i16, 4 u32, 5 i32, 6 u64, 7 i64
    QTest::newRow("u8 max") << 0 << "255" << "255" << "";
    QTest::newRow("u8 300") << 0 << "300" << "" << "300 does not fit an 8-bit unsigned integer (0 to 255)";
    QTest::newRow("u8 -1") << 0 << "-1" << "" << "-1 does not fit an 8-bit unsigned integer (0 to 255)";
    QTest::newRow("u8 hex") << 0 << "0xff" << "255" << "";
    QTest::newRow("i8 min") << 1 << "-128" << "-128" << "";
    QTest::newRow("i8 128") << 1 << "128" << "" << "128 does not fit an 8-bit signed integer (-128 to 127)";
    QTest::newRow("i8 -129") << 1 << "-129" << "" << "(-128 to 127)";
    QTest::newRow("i8 hex pattern") << 1 << "0xff" << "-1" << "";
    QTest::newRow("u16 max") << 2 << "65535" << "65535" << "";
    QTest::newRow("u16 65536") << 2 << "65536" << "" << "does not fit a 16-bit unsigned integer (0 to 65535)";
    QTest::newRow("i16 -32768") << 3 << "-32768" << "-32768" << "";
    QTest::newRow("i16 32768") << 3 << "32768" << "" << "(-32768 to 32767)";
    QTest::newRow("u32 max") << 4 << "4294967295" << "4294967295" << "";
    QTest::newRow("u32 over") << 4 << "4294967296" << "" << "(0 to 4294967295)";
    QTest::newRow("i32 spaces") << 5 << "  -7 " << "-7" << "";
    QTest::newRow("i32 whole float") << 5 << "3.0" << "3" << "";
    QTest::newRow("i32 1e3") << 5 << "1e3" << "1000" << "";
    QTest::newRow("i32 fraction") << 5 << "2.5" << "" << "2.5 is not a whole number";
    QTest::newRow("i32 word") << 5 << "abc" << "" << "\u201cabc\u201d is not a whole number";
    QTest::newRow("i32 empty") << 5 << "" << "" << "No value given";
    QTest::newRow("u64 max") << 6 << "18446744073709551615" << "18446744073709551615" << "";
    QTest::newRow("u64 over") << 6 << "18446744073709551616" << "" << "does not fit a 64-bit unsigned integer";
    QTest::newRow("i64 min") << 7 << "-9223372036854775808" << "-9223372036854775808" << "";
    QTest::newRow("i64 over") << 7 << "9223372036854775808" << "" << "(-9223372036854775808 to 9223372036854775807)";
    QTest::newRow("trailing text") << 5 << "12 apples" << "" << "is not a whole number";
}

void TestValueParser::integers()
{
    QFETCH(int, which);
    QFETCH(QString, text);
    QFETCH(QString, shown);
    QFETCH(QString, error);
    const hid_t types[] = {H5T_STD_U8LE, H5T_STD_I8LE, H5T_STD_U16BE, H5T_STD_I16LE,
                           H5T_STD_U32LE, H5T_STD_I32BE, H5T_STD_U64LE, H5T_STD_I64LE};
    const Parsed p = parse(formatterOf(copyOf(types[which])), text);
    if (shown.isEmpty()) {
        QVERIFY2(p.error.contains(error), qPrintable(p.error));
    } else {
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QCOMPARE(p.formatted, shown);
    }
}

void TestValueParser::floats_data()
{
    QTest::addColumn<bool>("isDouble");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<QString>("error");
    QTest::newRow("f32 2.5") << false << "2.5" << "2.5" << "";
    QTest::newRow("f32 0.1 round trip") << false << "0.1" << "0.1" << "";
    QTest::newRow("f32 nan") << false << "nan" << "nan" << "";
    QTest::newRow("f32 NaN") << false << "NaN" << "nan" << "";
    QTest::newRow("f32 inf") << false << "inf" << "inf" << "";
    QTest::newRow("f32 -inf") << false << "-inf" << "-inf" << "";
    QTest::newRow("f32 1e39") << false << "1e39" << "" << "1e39 does not fit a 32-bit float";
    QTest::newRow("f32 word") << false << "pi" << "" << "\u201cpi\u201d is not a number";
    QTest::newRow("f64 1e300") << true << "1e300" << "1e+300" << "";
    QTest::newRow("f64 1e400") << true << "1e400" << "" << "does not fit a 64-bit float";
    QTest::newRow("f64 -0.5") << true << "-0.5" << "-0.5" << "";
    QTest::newRow("f64 +3") << true << "+3" << "3" << "";
    QTest::newRow("f64 .5") << true << ".5" << "0.5" << "";
    QTest::newRow("f64 comma") << true << "1,5" << "" << "is not a number";
}

void TestValueParser::floats()
{
    QFETCH(bool, isDouble);
    QFETCH(QString, text);
    QFETCH(QString, shown);
    QFETCH(QString, error);
    const Parsed p = parse(formatterOf(copyOf(isDouble ? H5T_IEEE_F64BE : H5T_IEEE_F32LE)), text);
    if (shown.isEmpty()) {
        QVERIFY2(p.error.contains(error), qPrintable(p.error));
    } else {
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QCOMPARE(p.formatted, shown);
    }
}

void TestValueParser::float16Limits()
{
    auto f = formatterOf(float16());
    // The grid shows the largest float16 as 65500 (the shortest text that rounds to it); both parse to it.
    QCOMPARE(parse(f, QStringLiteral("65504")).formatted, QStringLiteral("65500"));
    float largest = 0;
    std::memcpy(&largest, parse(f, QStringLiteral("65500")).bytes.constData(), 4);
    QCOMPARE(largest, 65504.0f);
    QCOMPARE(parse(f, QStringLiteral("0.1")).formatted, QStringLiteral("0.1")); // rounded to half precision, shown shortest
    float stored = 0;
    std::memcpy(&stored, parse(f, QStringLiteral("0.1")).bytes.constData(), 4);
    QCOMPARE(stored, 0.0999755859375f); // the nearest float16
    QVERIFY(parse(f, QStringLiteral("70000")).error.contains(QStringLiteral("does not fit a 16-bit float (largest \u00b165504")));
    QCOMPARE(parse(f, QStringLiteral("-inf")).formatted, QStringLiteral("-inf"));
}

void TestValueParser::complexNumbers_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("shown");
    QTest::newRow("a+bi") << "1+2i" << "1+2i";
    QTest::newRow("a-bj") << "1.5-2j" << "1.5-2i";
    QTest::newRow("parens") << "(3+0.5j)" << "3+0.5i";
    QTest::newRow("real only") << "4" << "4+0i";
    QTest::newRow("imaginary only") << "2j" << "0+2i";
    QTest::newRow("exponent") << "1e-3+2e+2i" << "0.001+200i";
    QTest::newRow("nan") << "nan+infj" << "nan+infi";
    QTest::newRow("bad") << "1+xj" << "";
}

void TestValueParser::complexNumbers()
{
    QFETCH(QString, text);
    QFETCH(QString, shown);
    const Parsed p = parse(formatterOf(complexType(H5T_NATIVE_DOUBLE)), text);
    if (shown.isEmpty()) {
        QVERIFY2(p.error.contains(QStringLiteral("is not a complex number")), qPrintable(p.error));
    } else {
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QCOMPARE(p.formatted, shown);
    }
}

void TestValueParser::booleansAndEnums()
{
    auto b = formatterOf(enumType({{"FALSE", 0}, {"TRUE", 1}}));
    ValueParser bp(b);
    QCOMPARE(bp.editor(0), ValueParser::Editor::Boolean);
    QCOMPARE(bp.choices(0), QStringList({QStringLiteral("FALSE"), QStringLiteral("TRUE")}));
    QCOMPARE(parse(b, QStringLiteral("TRUE")).formatted, QStringLiteral("TRUE"));
    QCOMPARE(parse(b, QStringLiteral("false")).formatted, QStringLiteral("FALSE"));
    QCOMPARE(parse(b, QStringLiteral("1")).formatted, QStringLiteral("TRUE"));
    QCOMPARE(parse(b, QStringLiteral("no")).formatted, QStringLiteral("FALSE"));
    QVERIFY(parse(b, QStringLiteral("maybe")).error.contains(QStringLiteral("not one of this enum's names: FALSE, TRUE")));

    auto e = formatterOf(enumType({{"RED", 0}, {"GREEN", 5}, {"BLUE", -3}}, H5T_NATIVE_INT16));
    ValueParser ep(e);
    QCOMPARE(ep.editor(0), ValueParser::Editor::Choice);
    QCOMPARE(ep.choices(0), QStringList({QStringLiteral("BLUE"), QStringLiteral("RED"), QStringLiteral("GREEN")}));
    QCOMPARE(parse(e, QStringLiteral("GREEN")).formatted, QStringLiteral("GREEN"));
    QCOMPARE(parse(e, QStringLiteral("blue")).formatted, QStringLiteral("BLUE"));
    QCOMPARE(parse(e, QStringLiteral("5")).formatted, QStringLiteral("GREEN")); // a member's number
    const QString bad = parse(e, QStringLiteral("4")).error;
    QVERIFY2(bad.contains(QStringLiteral("\u201c4\u201d is not one of this enum's names: BLUE, RED, GREEN")), qPrintable(bad));
}

void TestValueParser::fixedStrings()
{
    auto ascii = formatterOf(fixedString(5, false));
    QCOMPARE(parse(ascii, QStringLiteral("abcde")).formatted, QStringLiteral("abcde"));
    QCOMPARE(parse(ascii, QStringLiteral("ab")).bytes, QByteArray("ab\0\0\0", 5));
    QVERIFY(parse(ascii, QStringLiteral("abcdef")).error.contains(
        QStringLiteral("is 6 bytes long; this string type holds at most 5 bytes (ASCII)")));
    QVERIFY(parse(ascii, QStringLiteral("\u00e9t\u00e9")).error.contains(QStringLiteral("not ASCII")));

    auto padded = formatterOf(fixedString(5, true));
    QCOMPARE(parse(padded, QStringLiteral("\u00e9t\u00e9")).formatted, QStringLiteral("\u00e9t\u00e9")); // 5 bytes in UTF-8
    auto utf8 = formatterOf(fixedString(5, true, H5T_STR_NULLTERM));
    QVERIFY(parse(utf8, QStringLiteral("\u00e9t\u00e9")).error.contains(QStringLiteral("is 5 bytes long; this string type holds at most 4 bytes (UTF-8)")));
    // Null-terminated: one byte goes to the terminator.
    QVERIFY(parse(utf8, QStringLiteral("abcde")).error.contains(QStringLiteral("at most 4 bytes (UTF-8)")));
    QVERIFY(parse(utf8, QStringLiteral("\u00e9\u00e9\u00e9")).error.contains(QStringLiteral("is 6 bytes long")));

    auto spaced = formatterOf(fixedString(4, false, H5T_STR_SPACEPAD));
    QCOMPARE(parse(spaced, QStringLiteral("ab")).bytes, QByteArray("ab  "));
}

void TestValueParser::variableStrings()
{
    auto f = formatterOf(vlenString(true));
    ValueParser p(f);
    QByteArray element(int(f->elementSize()), '\0');
    ParsedStrings strings;
    QVERIFY(p.parse(0, QStringLiteral("a long \u00fcmlaut string, any length"), reinterpret_cast<unsigned char *>(element.data()), strings).isEmpty());
    const char *s = nullptr;
    std::memcpy(&s, element.constData(), sizeof s);
    QCOMPARE(QString::fromUtf8(s), QStringLiteral("a long \u00fcmlaut string, any length"));
    QCOMPARE(p.limits(0), QStringLiteral("a string of any length (UTF-8)"));
    auto a = formatterOf(vlenString(false));
    QVERIFY(parse(a, QStringLiteral("\u00fc")).error.contains(QStringLiteral("ASCII only")));
}

void TestValueParser::compoundFieldsOneByOne()
{
    hid_t str = fixedString(8, false);
    hid_t t = H5Tcreate(H5T_COMPOUND, 4 + 8 + 1);
    H5Tinsert(t, "x", 0, H5T_STD_I32LE);
    H5Tinsert(t, "name", 4, str);
    H5Tinsert(t, "flag", 12, H5T_STD_U8LE);
    H5Tclose(str);
    auto f = formatterOf(t);
    QCOMPARE(f->fieldCount(), 3);
    ValueParser p(f);
    QByteArray element(int(f->elementSize()), '\0');
    ParsedStrings strings;
    auto *e = reinterpret_cast<unsigned char *>(element.data());
    QVERIFY(p.parse(0, QStringLiteral("-12"), e, strings).isEmpty());
    QVERIFY(p.parse(1, QStringLiteral("probe"), e, strings).isEmpty());
    QVERIFY(p.parse(2, QStringLiteral("7"), e, strings).isEmpty());
    std::string out;
    f->appendElement(e, FormatOptions{}, out);
    QCOMPARE(QString::fromStdString(out), QStringLiteral("{-12, \"probe\", 7}"));
    // One field refused leaves the others alone.
    QVERIFY(p.parse(2, QStringLiteral("256"), e, strings).contains(QStringLiteral("8-bit unsigned")));
    out.clear();
    f->append(0, e, FormatOptions{}, out);
    QCOMPARE(QString::fromStdString(out), QStringLiteral("-12"));
}

void TestValueParser::arrays()
{
    const hsize_t dims[] = {2, 3};
    auto f = formatterOf(H5Tarray_create2(H5T_NATIVE_INT16, 2, dims));
    QCOMPARE(parse(f, QStringLiteral("[[1, 2, 3], [4, 5, -6]]")).formatted, QStringLiteral("[[1, 2, 3], [4, 5, -6]]"));
    QVERIFY(parse(f, QStringLiteral("[[1, 2], [4, 5, 6]]")).error.contains(QStringLiteral("holds 3 values in each row; fewer")));
    QVERIFY(parse(f, QStringLiteral("[[1, 2, 3, 4], [4, 5, 6]]")).error.contains(QStringLiteral("more were given")));
    QVERIFY(parse(f, QStringLiteral("[[1, 2, 3], [4, 5, 70000]]")).error.contains(QStringLiteral("70000 does not fit a 16-bit signed integer")));
    QVERIFY(parse(f, QStringLiteral("1, 2, 3")).error.contains(QStringLiteral("in brackets")));

    const hsize_t n = 2;
    hid_t s = vlenString(false);
    auto strs = formatterOf(H5Tarray_create2(s, 1, &n));
    H5Tclose(s);
    // Strings inside brackets are quoted, as the grid shows them; separators inside quotes stay text.
    QCOMPARE(parse(strs, QStringLiteral("[\"a, b\", \"say \\\"hi\\\"\"]")).formatted, QStringLiteral("[\"a, b\", \"say \\\"hi\\\"\"]"));
    QVERIFY(parse(strs, QStringLiteral("[a, b]")).error.contains(QStringLiteral("double quotes")));
}

void TestValueParser::notEditable()
{
    auto r = formatterOf(H5Tcopy(H5T_STD_REF_OBJ));
    ValueParser p(r);
    QCOMPARE(p.editor(0), ValueParser::Editor::None);
    QCOMPARE(p.notEditableReason(0), QStringLiteral("References cannot be edited here."));
    auto v = formatterOf(H5Tvlen_create(H5T_NATIVE_INT));
    QCOMPARE(ValueParser(v).notEditableReason(0), QStringLiteral("Variable-length sequences cannot be edited here."));
    QVERIFY(!parse(v, QStringLiteral("(1, 2)")).error.isEmpty());
}

void TestValueParser::limitsInWords()
{
    QCOMPARE(ValueParser(formatterOf(copyOf(H5T_STD_U8LE))).limits(0), QStringLiteral("an 8-bit unsigned integer (0 to 255)"));
    QCOMPARE(ValueParser(formatterOf(copyOf(H5T_STD_I32LE))).limits(0), QStringLiteral("a 32-bit signed integer (-2147483648 to 2147483647)"));
    QCOMPARE(ValueParser(formatterOf(fixedString(16, false))).limits(0), QStringLiteral("a string of at most 16 bytes (ASCII)"));
    QCOMPARE(ValueParser(formatterOf(float16())).limits(0), QStringLiteral("a 16-bit float (largest \u00b165504; also nan, inf, -inf)"));
}

QTEST_GUILESS_MAIN(TestValueParser)
#include "tst_valueparser.moc"
