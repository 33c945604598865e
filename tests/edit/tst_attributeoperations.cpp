// The attribute edit operations (issue 9): add, set value, rename and delete
// of every type the editors cover, each applied, reverted and applied again
// through a FileSession with the file's attributes compared exactly (type
// with H5Tequal, shape, bytes) after each step; and the refusals (name that
// exists, bad value, unsupported type, read-only file) leaving the file
// byte-for-byte as it was.

#include "attributefixture.h"

#include "edit/addattributeoperation.h"
#include "edit/attributevalueparser.h"
#include "edit/deleteattributeoperation.h"
#include "edit/editableattribute.h"
#include "edit/renameattributeoperation.h"
#include "edit/setattributevalueoperation.h"
#include "hdf5/librarylock.h"
#include "services/h5file.h"
#include "services/h5file_p.h"
#include "session/filesession.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <optional>

using namespace hs::core;
using hs::test::AttributeState;

namespace {

AttributeType typeFor(const QString &tag)
{
    if (tag == u"int8") return AttributeType::integer(1, true);
    if (tag == u"uint8") return AttributeType::integer(1, false);
    if (tag == u"int16") return AttributeType::integer(2, true);
    if (tag == u"uint16") return AttributeType::integer(2, false);
    if (tag == u"int32") return AttributeType::integer(4, true);
    if (tag == u"uint32") return AttributeType::integer(4, false);
    if (tag == u"int64") return AttributeType::integer(8, true);
    if (tag == u"uint64") return AttributeType::integer(8, false);
    if (tag == u"float32") return AttributeType::floating(4);
    if (tag == u"float64") return AttributeType::floating(8);
    if (tag == u"fixascii") return AttributeType::string(false, 8);
    if (tag == u"fixutf8") return AttributeType::string(true, 8);
    if (tag == u"vlenutf8") return AttributeType::string(true);
    if (tag == u"vlenascii") return AttributeType::string(false);
    if (tag == u"enum") return AttributeType::enumeration({{QStringLiteral("LOW"), -1}, {QStringLiteral("HIGH"), 300}}, 2, true);
    if (tag == u"bool") return AttributeType::boolean();
    qFatal("unknown tag");
}

// The stored type a new attribute of `tag` must have, built here with HDF5 alone.
hid_t expectedType(const QString &tag)
{
    auto str = [](size_t size, H5T_cset_t cset) {
        const hid_t t = H5Tcopy(H5T_C_S1);
        H5Tset_size(t, size);
        H5Tset_cset(t, cset);
        if (size != H5T_VARIABLE)
            H5Tset_strpad(t, H5T_STR_NULLPAD);
        return t;
    };
    if (tag == u"int8") return H5Tcopy(H5T_STD_I8LE);
    if (tag == u"uint8") return H5Tcopy(H5T_STD_U8LE);
    if (tag == u"int16") return H5Tcopy(H5T_STD_I16LE);
    if (tag == u"uint16") return H5Tcopy(H5T_STD_U16LE);
    if (tag == u"int32") return H5Tcopy(H5T_STD_I32LE);
    if (tag == u"uint32") return H5Tcopy(H5T_STD_U32LE);
    if (tag == u"int64") return H5Tcopy(H5T_STD_I64LE);
    if (tag == u"uint64") return H5Tcopy(H5T_STD_U64LE);
    if (tag == u"float32") return H5Tcopy(H5T_IEEE_F32LE);
    if (tag == u"float64") return H5Tcopy(H5T_IEEE_F64LE);
    if (tag == u"fixascii") return str(8, H5T_CSET_ASCII);
    if (tag == u"fixutf8") return str(8, H5T_CSET_UTF8);
    if (tag == u"vlenutf8") return str(H5T_VARIABLE, H5T_CSET_UTF8);
    if (tag == u"vlenascii") return str(H5T_VARIABLE, H5T_CSET_ASCII);
    if (tag == u"enum") {
        const hid_t e = H5Tenum_create(H5T_STD_I16LE);
        qint16 v = -1;
        H5Tenum_insert(e, "LOW", &v);
        v = 300;
        H5Tenum_insert(e, "HIGH", &v);
        return e;
    }
    if (tag == u"bool") {
        const hid_t e = H5Tenum_create(H5T_STD_I8LE);
        qint8 v = 0;
        H5Tenum_insert(e, "FALSE", &v);
        v = 1;
        H5Tenum_insert(e, "TRUE", &v);
        return e;
    }
    return H5I_INVALID_HID;
}

using States = std::map<QString, AttributeState>;

} // namespace

class TestAttributeOperations : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    H5FilePtr m_file;
    std::unique_ptr<FileSession> m_session;

    bool openFixture(H5File::Mode mode = H5File::Mode::ReadWrite)
    {
        m_session.reset();
        m_file.reset();
        m_path = m_dir.filePath(QStringLiteral("attrs.h5"));
        if (!hs::test::writeAttributeFixture(m_path))
            return false;
        auto opened = H5File::open(m_path, mode);
        if (!opened)
            return false;
        m_file = opened.value();
        m_session = std::make_unique<FileSession>(m_file);
        return true;
    }

    Status run(const std::shared_ptr<EditOperation> &op, FileSession::Direction direction)
    {
        std::optional<Status> result;
        m_session->submit(op, direction, [&result](const Status &s) { result = s; });
        if (!m_session->waitForWrites() || !result)
            return Error::make(ErrorCode::Internal, QStringLiteral("the write never finished"));
        return *result;
    }
    Status apply(const std::shared_ptr<EditOperation> &op) { return run(op, FileSession::Direction::Apply); }
    Status revert(const std::shared_ptr<EditOperation> &op) { return run(op, FileSession::Direction::Revert); }

    AttributeState state(const char *object, const QString &name)
    {
        LibraryLock lock;
        return hs::test::attributeState(fileId(*m_file), object, name.toUtf8().constData());
    }

    States all()
    {
        States out;
        LibraryLock lock;
        for (const char *object : {"/data/t", "/g"})
            for (const QString &n : hs::test::attributeNames(fileId(*m_file), object))
                out.emplace(QString::fromLatin1(object) + u'@' + n,
                            hs::test::attributeState(fileId(*m_file), object, n.toUtf8().constData()));
        return out;
    }

    static QString difference(const States &a, const States &b)
    {
        QStringList out;
        for (const auto &[k, s] : a)
            if (auto it = b.find(k); it == b.end())
                out << k + QStringLiteral(" missing");
            else if (const QString d = s.differenceFrom(it->second); !d.isEmpty())
                out << k + QStringLiteral(": ") + d;
        for (const auto &[k, s] : b)
            if (a.find(k) == a.end())
                out << k + QStringLiteral(" added");
        return out.join(QStringLiteral("; "));
    }

    QByteArray flushedBytes()
    {
        if (!m_file->isReadOnly()) {
            LibraryLock lock;
            H5Fflush(fileId(*m_file), H5F_SCOPE_GLOBAL);
        }
        QFile f(m_path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QString editableText(const QString &object, const QString &name)
    {
        auto e = EditableAttribute::read(m_file, object, name);
        return e ? (e->editable ? e->text : QStringLiteral("(refused: %1)").arg(e->refusal)) : e.error().message;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void cleanup()
    {
        m_session.reset();
        m_file.reset();
    }

    void parser_data()
    {
        QTest::addColumn<QString>("tag");
        QTest::addColumn<bool>("scalar");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("formatted"); // the text format() gives back; "(refused)": parse() refuses
        QTest::newRow("int8 min") << "int8" << true << "-128" << "-128";
        QTest::newRow("int8 over") << "int8" << true << "128" << "(refused)";
        QTest::newRow("uint8 negative") << "uint8" << true << "-1" << "(refused)";
        QTest::newRow("uint8 hex") << "uint8" << true << "0xff" << "255";
        QTest::newRow("int64 min") << "int64" << true << "-9223372036854775808" << "-9223372036854775808";
        QTest::newRow("uint64 max") << "uint64" << true << "18446744073709551615" << "18446744073709551615";
        QTest::newRow("uint64 over") << "uint64" << true << "18446744073709551616" << "(refused)";
        QTest::newRow("int not whole") << "int32" << true << "1.5" << "(refused)";
        QTest::newRow("int words") << "int32" << true << "abc" << "(refused)";
        QTest::newRow("float32 list") << "float32" << false << "[0.1, -2, nan, inf, -inf]" << "0.1, -2, nan, inf, -inf";
        QTest::newRow("float32 too big") << "float32" << true << "1e39" << "(refused)";
        QTest::newRow("float64 shortest") << "float64" << true << "0.1" << "0.1";
        QTest::newRow("vlen scalar as is") << "vlenutf8" << true << " a, \"b\" " << " a, \"b\" ";
        QTest::newRow("vlen list quoted") << "vlenutf8" << false << "a, \"b, c\", \"q\\\"\"" << "\"a\", \"b, c\", \"q\\\"\"";
        QTest::newRow("vlen list unclosed") << "vlenutf8" << false << "\"a" << "(refused)";
        QTest::newRow("ascii refuses é") << "vlenascii" << true << "\u00e9" << "(refused)";
        QTest::newRow("fixed fits") << "fixascii" << true << "12345678" << "12345678";
        QTest::newRow("fixed too long") << "fixascii" << true << "123456789" << "(refused)";
        QTest::newRow("fixed utf8 bytes") << "fixutf8" << true << "\u00e9\u00e9\u00e9\u00e9\u00e9" << "(refused)";
        QTest::newRow("enum name and value") << "enum" << false << "HIGH, low, -1" << "HIGH, LOW, LOW";
        QTest::newRow("enum unknown") << "enum" << true << "MEDIUM" << "(refused)";
        QTest::newRow("bool words") << "bool" << false << "true, False, 1, 0" << "TRUE, FALSE, TRUE, FALSE";
        QTest::newRow("bool other") << "bool" << true << "maybe" << "(refused)";
        QTest::newRow("empty list") << "int32" << false << "" << "";
        QTest::newRow("empty element") << "int32" << false << "1,,2" << "(refused)";
    }
    void parser()
    {
        QFETCH(QString, tag);
        QFETCH(bool, scalar);
        QFETCH(QString, text);
        QFETCH(QString, formatted);
        const AttributeType type = typeFor(tag);
        auto parsed = AttributeValueParser::parse(type, text, scalar);
        if (formatted == u"(refused)") {
            QVERIFY2(!parsed, qPrintable(tag + QStringLiteral(" accepted ") + text));
            QVERIFY(!parsed.error().message.isEmpty());
            return;
        }
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(AttributeValueParser::format(type, parsed.value(), scalar), formatted);
        // The formatted text parses back to the same values.
        auto again = AttributeValueParser::parse(type, formatted, scalar);
        QVERIFY(again);
        QVERIFY(again.value() == parsed.value());
    }

    void addEachType_data()
    {
        QTest::addColumn<QString>("tag");
        QTest::addColumn<bool>("scalar");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // EditableAttribute text once added
        const QList<std::tuple<const char *, const char *, const char *, const char *, const char *>> rows = {
            {"int8", "-7", "-7", "1, -128, 127", "1, -128, 127"},
            {"uint8", "255", "255", "0, 1, 2", "0, 1, 2"},
            {"int16", "-300", "-300", "1, 2", "1, 2"},
            {"uint16", "65535", "65535", "7", "7"},
            {"int32", "-2147483648", "-2147483648", "5, 6, 7", "5, 6, 7"},
            {"uint32", "4294967295", "4294967295", "1", "1"},
            {"int64", "-1", "-1", "9223372036854775807, 0", "9223372036854775807, 0"},
            {"uint64", "18446744073709551615", "18446744073709551615", "1, 2", "1, 2"},
            {"float32", "0.1", "0.1", "1.5, nan, -inf", "1.5, nan, -inf"},
            {"float64", "6.02214076e23", "6.02214076e+23", "0.1, 0.2", "0.1, 0.2"},
            {"fixascii", "m/s", "m/s", "a, \"b c\"", "\"a\", \"b c\""},
            {"fixutf8", "\u00e9t\u00e9", "\u00e9t\u00e9", "\u00e9, x", "\"\u00e9\", \"x\""},
            {"vlenutf8", "metres per second", "metres per second", "\"x, y\", z", "\"x, y\", \"z\""},
            {"vlenascii", "ascii", "ascii", "a, b", "\"a\", \"b\""},
            {"enum", "HIGH", "HIGH", "LOW, HIGH", "LOW, HIGH"},
            {"bool", "true", "TRUE", "true, false", "TRUE, FALSE"},
        };
        for (const auto &[tag, scalarText, scalarExpected, listText, listExpected] : rows) {
            QTest::addRow("%s scalar", tag) << QString::fromLatin1(tag) << true << QString::fromUtf8(scalarText)
                                           << QString::fromUtf8(scalarExpected);
            QTest::addRow("%s 1-D", tag) << QString::fromLatin1(tag) << false << QString::fromUtf8(listText)
                                        << QString::fromUtf8(listExpected);
        }
    }
    void addEachType()
    {
        QFETCH(QString, tag);
        QFETCH(bool, scalar);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QVERIFY(openFixture());
        const States before = all();
        QSignalSpy changed(m_session.get(), &FileSession::attributesChanged);
        auto op = std::make_shared<AddAttributeOperation>(QStringLiteral("/data/t"), QStringLiteral("new_attr"), typeFor(tag), scalar, text);
        QCOMPARE(op->description(), QStringLiteral("Add attribute new_attr to /data/t"));
        const Status s = apply(op);
        QVERIFY2(s, qPrintable(s ? QString() : s.error().message));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("/data/t"));
        {
            const AttributeState added = state("/data/t", QStringLiteral("new_attr"));
            QVERIFY(added.exists);
            const hid_t want = expectedType(tag);
            QVERIFY2(H5Tequal(added.type, want) > 0, qPrintable(tag));
            H5Tclose(want);
            QCOMPARE(added.spaceClass, scalar ? int(H5S_SCALAR) : int(H5S_SIMPLE));
            QCOMPARE(added.nameCset, int(H5T_CSET_UTF8));
        }
        QCOMPARE(editableText(QStringLiteral("/data/t"), QStringLiteral("new_attr")), expected);
        const States afterApply = all();
        QVERIFY(revert(op));
        QCOMPARE(difference(before, all()), QString());
        QVERIFY(apply(op));
        QCOMPARE(difference(afterApply, all()), QString());
    }

    void addFillsALongerList()
    {
        QVERIFY(openFixture());
        auto op = std::make_shared<AddAttributeOperation>(QStringLiteral("/g"), QStringLiteral("zeros"), typeFor(QStringLiteral("float64")),
                                                          false, QStringLiteral("0"), quint64(4));
        QVERIFY(apply(op));
        QCOMPARE(editableText(QStringLiteral("/g"), QStringLiteral("zeros")), QStringLiteral("0, 0, 0, 0"));
        auto bad = std::make_shared<AddAttributeOperation>(QStringLiteral("/g"), QStringLiteral("two"), typeFor(QStringLiteral("int8")),
                                                           false, QStringLiteral("1, 2"), quint64(3));
        const Status s = apply(bad);
        QVERIFY(!s);
        QVERIFY2(s.error().message.contains(QStringLiteral("2 values are given for 3 elements")), qPrintable(s.error().message));
    }

    void setEachType_data()
    {
        QTest::addColumn<QString>("object");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("before"); // the editable text of the fixture's value
        QTest::addColumn<QString>("after");
        QTest::newRow("int8") << "/data/t" << "i8" << "127" << "-5" << "127";
        QTest::newRow("uint8") << "/data/t" << "u8" << "0" << "200" << "0";
        QTest::newRow("int16 big-endian") << "/data/t" << "i16be" << "-32768" << "-300" << "-32768";
        QTest::newRow("uint16 1-D") << "/data/t" << "u16" << "3, 2, 1" << "1, 2, 65535" << "3, 2, 1";
        QTest::newRow("int32 1-D") << "/data/t" << "i32" << "[10, 20, 30]" << "-1, 0, 7" << "10, 20, 30";
        QTest::newRow("uint32") << "/data/t" << "u32" << "1" << "4000000000" << "1";
        QTest::newRow("int64") << "/data/t" << "i64" << "42" << "-9000000000" << "42";
        QTest::newRow("uint64") << "/data/t" << "u64" << "0" << "18000000000000000000" << "0";
        QTest::newRow("float32 1-D") << "/data/t" << "f32" << "nan, inf, 0.1" << "0.5, -1.25, 3" << "nan, inf, 0.1";
        QTest::newRow("float64") << "/data/t" << "f64" << "-0.001" << "2.5" << "-0.001";
        QTest::newRow("vlen utf8") << "/data/t" << "units" << "km/h \u00b5" << "m/s" << "km/h \u00b5";
        QTest::newRow("vlen utf8 1-D") << "/data/t" << "vlist" << "\"x\", \"\", \"z,\"" << "\"a\", \"b, c\", \"\u00e9t\u00e9\"" << "\"x\", \"\", \"z,\"";
        QTest::newRow("vlen ascii") << "/data/t" << "vascii" << "other" << "ascii" << "other";
        QTest::newRow("fixed nullterm") << "/data/t" << "fixterm" << "1234567" << "abc" << "1234567";
        QTest::newRow("fixed spacepad 1-D") << "/data/t" << "fixspace" << "x, yy, \"z z\"" << "\"ab\", \"cdef\", \"g\"" << "\"x\", \"yy\", \"z z\"";
        QTest::newRow("fixed utf8") << "/data/t" << "fixutf8" << "\u00e9\u00e9\u00e9\u00e9\u00e9" << "\u00e9t\u00e9" << "\u00e9\u00e9\u00e9\u00e9\u00e9";
        QTest::newRow("enum big-endian") << "/data/t" << "color" << "GREEN" << "BLUE" << "GREEN";
        QTest::newRow("bool 1-D") << "/data/t" << "flags" << "false, false, true" << "TRUE, FALSE, TRUE" << "FALSE, FALSE, TRUE";
        QTest::newRow("bool scalar") << "/g" << "flag" << "false" << "TRUE" << "FALSE";
        QTest::newRow("int32 2-D") << "/g" << "matrix" << "6, 5, 4, 3, 2, 1" << "1, 2, 3, 4, 5, 6" << "6, 5, 4, 3, 2, 1";
    }
    void setEachType()
    {
        QFETCH(QString, object);
        QFETCH(QString, name);
        QFETCH(QString, text);
        QFETCH(QString, before);
        QFETCH(QString, after);
        QVERIFY(openFixture());
        auto e = EditableAttribute::read(m_file, object, name);
        QVERIFY(e);
        QVERIFY2(e->editable, qPrintable(e->refusal));
        QCOMPARE(e->text, before);
        const States original = all();
        const AttributeState was = state(object.toUtf8().constData(), name);
        auto op = std::make_shared<SetAttributeValueOperation>(object, name, e->type, e->scalar, text);
        const Status s = apply(op);
        QVERIFY2(s, qPrintable(s ? QString() : s.error().message));
        QCOMPARE(editableText(object, name), after);
        {
            // Same type and shape, new bytes.
            const AttributeState now = state(object.toUtf8().constData(), name);
            QVERIFY(H5Tequal(now.type, was.type) > 0);
            QCOMPARE(now.dims, was.dims);
        }
        const States applied = all();
        QVERIFY(revert(op));
        QCOMPARE(difference(original, all()), QString());
        QCOMPARE(editableText(object, name), before);
        QVERIFY(apply(op));
        QCOMPARE(difference(applied, all()), QString());
    }

    void setDescriptions()
    {
        SetAttributeValueOperation s(QStringLiteral("/data/t"), QStringLiteral("units"), AttributeType::string(true), true, QStringLiteral("m/s"));
        QCOMPARE(s.description(), QStringLiteral("Set attribute units of /data/t to \"m/s\""));
        SetAttributeValueOperation n(QStringLiteral("/x"), QStringLiteral("n"), AttributeType::integer(4, true), false, QStringLiteral("1, 2"));
        QCOMPARE(n.description(), QStringLiteral("Set attribute n of /x to [1, 2]"));
        SetAttributeValueOperation lines(QStringLiteral("/g"), QStringLiteral("note"), AttributeType::string(true), true, QStringLiteral("a\nb"));
        QCOMPARE(lines.description(), QStringLiteral("Set attribute note of /g to \"a\\nb\""));
        QCOMPARE(RenameAttributeOperation(QStringLiteral("/x"), QStringLiteral("a"), QStringLiteral("b")).description(),
                 QStringLiteral("Rename attribute a of /x to b"));
        QCOMPARE(DeleteAttributeOperation(QStringLiteral("/data/t"), QStringLiteral("units")).description(),
                 QStringLiteral("Delete attribute units of /data/t"));
    }

    void setNewLength()
    {
        QVERIFY(openFixture());
        const States original = all();
        auto e = EditableAttribute::read(m_file, QStringLiteral("/data/t"), QStringLiteral("i32"));
        QVERIFY(e && e->editable);
        auto op = std::make_shared<SetAttributeValueOperation>(QStringLiteral("/data/t"), QStringLiteral("i32"), e->type, false,
                                                               QStringLiteral("1, 2, 3, 4, 5"));
        QVERIFY(apply(op));
        QCOMPARE(state("/data/t", QStringLiteral("i32")).dims, std::vector<hsize_t>{5});
        QCOMPARE(editableText(QStringLiteral("/data/t"), QStringLiteral("i32")), QStringLiteral("1, 2, 3, 4, 5"));
        const States applied = all();
        QVERIFY(revert(op));
        QCOMPARE(difference(original, all()), QString());
        QVERIFY(apply(op));
        QCOMPARE(difference(applied, all()), QString());
        // A 2-D attribute keeps its shape: a different count is refused.
        auto m = EditableAttribute::read(m_file, QStringLiteral("/g"), QStringLiteral("matrix"));
        QVERIFY(m && m->editable);
        const QByteArray bytes = flushedBytes();
        const Status s = apply(std::make_shared<SetAttributeValueOperation>(QStringLiteral("/g"), QStringLiteral("matrix"), m->type, false,
                                                                            QStringLiteral("1, 2")));
        QVERIFY(!s);
        QVERIFY2(s.error().message.contains(QStringLiteral("2 values are given; it holds 6")), qPrintable(s.error().message));
        QCOMPARE(flushedBytes(), bytes);
    }

    void deleteEach_data()
    {
        QTest::addColumn<QString>("object");
        QTest::addColumn<QString>("name");
        for (const char *n : {"i8", "u8", "i16be", "u16", "i32", "u32", "i64", "u64", "f32", "f64", "units", "vlist",
                              "vascii", "fixterm", "fixspace", "fixutf8", "color", "flags", "compound"})
            QTest::addRow("/data/t %s", n) << "/data/t" << QString::fromLatin1(n);
        for (const char *n : {"flag", "committed", "ragged", "empty", "matrix", "note"})
            QTest::addRow("/g %s", n) << "/g" << QString::fromLatin1(n);
    }
    void deleteEach()
    {
        QFETCH(QString, object);
        QFETCH(QString, name);
        QVERIFY(openFixture());
        const States original = all();
        const QByteArray obj = object.toUtf8();
        QVERIFY(state(obj.constData(), name).exists);
        auto op = std::make_shared<DeleteAttributeOperation>(object, name);
        const Status s = apply(op);
        QVERIFY2(s, qPrintable(s ? QString() : s.error().message));
        QVERIFY(!state(obj.constData(), name).exists);
        const States deleted = all();
        QVERIFY(revert(op));
        QCOMPARE(difference(original, all()), QString());
        if (name == u"committed")
            QVERIFY(state(obj.constData(), name).committed); // shares the named type again
        QVERIFY(apply(op));
        QCOMPARE(difference(deleted, all()), QString());
        QVERIFY(revert(op));
        QCOMPARE(difference(original, all()), QString());
    }

    void renameEach_data() { deleteEach_data(); }
    void renameEach()
    {
        QFETCH(QString, object);
        QFETCH(QString, name);
        QVERIFY(openFixture());
        const States original = all();
        const QByteArray obj = object.toUtf8();
        const AttributeState was = state(obj.constData(), name);
        const QString to = name + QStringLiteral("_renamed \u00b5");
        auto op = std::make_shared<RenameAttributeOperation>(object, name, to);
        const Status s = apply(op);
        QVERIFY2(s, qPrintable(s ? QString() : s.error().message));
        QVERIFY(!state(obj.constData(), name).exists);
        // The same attribute under the new name: type, shape, bytes, name encoding.
        QCOMPARE(state(obj.constData(), to).differenceFrom(was), QString());
        const States renamed = all();
        QVERIFY(revert(op));
        QCOMPARE(difference(original, all()), QString());
        QVERIFY(apply(op));
        QCOMPARE(difference(renamed, all()), QString());
    }

    void nameExistsRefused()
    {
        QVERIFY(openFixture());
        const QByteArray bytes = flushedBytes();
        Status s = apply(std::make_shared<AddAttributeOperation>(QStringLiteral("/data/t"), QStringLiteral("units"),
                                                                 AttributeType::string(true), true, QStringLiteral("x")));
        QVERIFY(!s);
        QVERIFY2(s.error().message.startsWith(QStringLiteral("An attribute named units already exists on /data/t")),
                 qPrintable(s.error().message));
        QVERIFY(s.error().message.contains(QStringLiteral("attrs.h5")));
        QCOMPARE(flushedBytes(), bytes);
        s = apply(std::make_shared<RenameAttributeOperation>(QStringLiteral("/data/t"), QStringLiteral("i8"), QStringLiteral("u8")));
        QVERIFY(!s);
        QVERIFY2(s.error().message.startsWith(QStringLiteral("An attribute named u8 already exists on /data/t")),
                 qPrintable(s.error().message));
        QCOMPARE(flushedBytes(), bytes);
    }

    void badValueRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("int8 range") << "i8" << "300" << "does not fit an 8-bit signed integer (-128 to 127)";
        QTest::newRow("uint8 negative") << "u8" << "-1" << "does not fit an 8-bit unsigned integer";
        QTest::newRow("not a number") << "f64" << "fast" << "is not a number";
        QTest::newRow("list element") << "i32" << "1, x, 3" << "Value 2";
        QTest::newRow("enum member") << "color" << "PURPLE" << "is not one of RED, GREEN, BLUE";
        QTest::newRow("fixed too long") << "fixterm" << "12345678" << "holds at most 7";
        QTest::newRow("ascii") << "vascii" << "caf\u00e9" << "ASCII";
    }
    void badValueRefused()
    {
        QFETCH(QString, name);
        QFETCH(QString, text);
        QFETCH(QString, message);
        QVERIFY(openFixture());
        auto e = EditableAttribute::read(m_file, QStringLiteral("/data/t"), name);
        QVERIFY(e && e->editable);
        const QByteArray bytes = flushedBytes();
        const Status s = apply(std::make_shared<SetAttributeValueOperation>(QStringLiteral("/data/t"), name, e->type, e->scalar, text));
        QVERIFY(!s);
        QVERIFY2(s.error().message.contains(message), qPrintable(s.error().message));
        QVERIFY2(s.error().message.contains(QStringLiteral("/data/t in attrs.h5")), qPrintable(s.error().message));
        QCOMPARE(flushedBytes(), bytes);
        // The same text for a new attribute of that type is refused as well.
        const Status a = apply(std::make_shared<AddAttributeOperation>(QStringLiteral("/data/t"), QStringLiteral("fresh"), e->type, e->scalar, text));
        QVERIFY(!a);
        QVERIFY2(a.error().message.contains(message), qPrintable(a.error().message));
        QCOMPARE(flushedBytes(), bytes);
    }

    void unsupportedTypesSayWhy()
    {
        QVERIFY(openFixture());
        for (const auto &[object, name, why] : {std::tuple{"/data/t", "compound", "compound"}, std::tuple{"/g", "ragged", "variable-length sequences"},
                                               std::tuple{"/g", "empty", "no value"}}) {
            auto e = EditableAttribute::read(m_file, QString::fromLatin1(object), QString::fromLatin1(name));
            QVERIFY(e);
            QVERIFY(!e->editable);
            QVERIFY2(e->refusal.contains(QString::fromLatin1(why)), qPrintable(e->refusal));
        }
        const QByteArray bytes = flushedBytes();
        const Status s = apply(std::make_shared<SetAttributeValueOperation>(QStringLiteral("/data/t"), QStringLiteral("compound"),
                                                                            AttributeType::integer(4, true), false, QStringLiteral("1, 2, 3")));
        QVERIFY(!s);
        QVERIFY2(s.error().message.contains(QStringLiteral("compound")), qPrintable(s.error().message));
        // A type that no longer matches what the editor read is refused.
        const Status t = apply(std::make_shared<SetAttributeValueOperation>(QStringLiteral("/data/t"), QStringLiteral("i8"),
                                                                            AttributeType::integer(4, true), true, QStringLiteral("1")));
        QVERIFY(!t);
        QVERIFY2(t.error().message.contains(QStringLiteral("changed since")), qPrintable(t.error().message));
        QCOMPARE(flushedBytes(), bytes);
    }

    void readOnlyRefused()
    {
        QVERIFY(openFixture(H5File::Mode::ReadOnly));
        QVERIFY(!m_session->isEditable());
        const QByteArray bytes = flushedBytes();
        const std::vector<std::shared_ptr<EditOperation>> ops = {
            std::make_shared<AddAttributeOperation>(QStringLiteral("/data/t"), QStringLiteral("x"), AttributeType::integer(4, true), true, QStringLiteral("1")),
            std::make_shared<SetAttributeValueOperation>(QStringLiteral("/data/t"), QStringLiteral("i8"), AttributeType::integer(1, true), true, QStringLiteral("1")),
            std::make_shared<RenameAttributeOperation>(QStringLiteral("/data/t"), QStringLiteral("i8"), QStringLiteral("j8")),
            std::make_shared<DeleteAttributeOperation>(QStringLiteral("/data/t"), QStringLiteral("i8")),
        };
        for (const auto &op : ops) {
            const Status s = apply(op);
            QVERIFY(!s);
            QCOMPARE(s.error().code, ErrorCode::PermissionDenied);
        }
        m_session.reset();
        m_file.reset();
        QFile f(m_path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), bytes);
    }

    void undoRedoSeries()
    {
        // Several edits on one attribute, undone in reverse order and redone.
        QVERIFY(openFixture());
        const States s0 = all();
        auto e = EditableAttribute::read(m_file, QStringLiteral("/data/t"), QStringLiteral("units"));
        QVERIFY(e && e->editable);
        std::vector<std::shared_ptr<EditOperation>> ops = {
            std::make_shared<SetAttributeValueOperation>(QStringLiteral("/data/t"), QStringLiteral("units"), e->type, true, QStringLiteral("K")),
            std::make_shared<RenameAttributeOperation>(QStringLiteral("/data/t"), QStringLiteral("units"), QStringLiteral("unit")),
            std::make_shared<AddAttributeOperation>(QStringLiteral("/data/t"), QStringLiteral("units"), AttributeType::integer(4, true), true, QStringLiteral("3")),
            std::make_shared<DeleteAttributeOperation>(QStringLiteral("/data/t"), QStringLiteral("unit")),
        };
        std::vector<States> after;
        for (const auto &op : ops) {
            QVERIFY(apply(op));
            after.push_back(all());
        }
        for (size_t i = ops.size(); i-- > 0;) {
            QVERIFY(revert(ops[i]));
            QCOMPARE(difference(i == 0 ? s0 : after[i - 1], all()), QString());
        }
        for (size_t i = 0; i < ops.size(); ++i) {
            QVERIFY(apply(ops[i]));
            QCOMPARE(difference(after[i], all()), QString());
        }
    }
};

QTEST_GUILESS_MAIN(TestAttributeOperations)
#include "tst_attributeoperations.moc"
