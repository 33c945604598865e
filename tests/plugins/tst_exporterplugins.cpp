// The NumPy and JSON exporter plugins (loaded from the build's plugin folder)
// on a file written at test time: .npy headers and data, read back by this
// test and, when Debian's python3-numpy is there, by numpy.load; JSON nesting
// and values; cancel; and `hyperslab export --format npy|json`.
#include "plugins/pluginfixture.h"

#include "npyformat.h"
#include "plugins/datasetexportsource.h"
#include "plugins/pluginregistry.h"
#include "services/datasetreader.h"
#include "services/h5file.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace hs;
namespace fx = hs::test::pluginfx;

class TestExporterPlugins : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void npyHeaderAndData_data();
    void npyHeaderAndData();
    void npyRecordsHaveStructuredDtype();
    void npyDescrPadsGapsBetweenFields();
    void npyRefusesVariableLengthStrings();
    void numpyLoadsWhatWasWritten_data();
    void numpyLoadsWhatWasWritten();
    void jsonNestsAndWritesValuesAsInfo();
    void cancelLeavesNoFile();
    void exportCommandFormats();

private:
    core::DatasetReaderPtr reader(const QString &path);
    // Exports `path` (with a selection text) in `format`; the file's bytes.
    QByteArray exportTo(const QString &format, const QString &path, const QString &select = {});
    QTemporaryDir m_dir;
    QString m_file;
    core::PluginRegistry m_plugins;
    core::H5FilePtr m_h5;
};

void TestExporterPlugins::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(QStringLiteral("plugins.h5"));
    QVERIFY(fx::write(m_file, QByteArray("\x89PNG\r\n\x1a\n not decoded here", 26)));
    m_plugins.loadFrom({QStringLiteral(HS_PLUGIN_DIR)});
    QVERIFY(m_plugins.exporter(QStringLiteral("npy")));
    QVERIFY(m_plugins.exporter(QStringLiteral("json")));
    auto f = core::H5File::open(m_file);
    QVERIFY(f);
    m_h5 = f.value();
}

core::DatasetReaderPtr TestExporterPlugins::reader(const QString &path)
{
    auto r = core::DatasetReader::open(m_h5, path);
    return r ? r.value() : nullptr;
}

QByteArray TestExporterPlugins::exportTo(const QString &format, const QString &path, const QString &select)
{
    auto r = reader(path);
    if (!r)
        return {};
    auto sel = select.isEmpty() ? core::Result<core::Selection>(core::Selection::all(r->shape().dims))
                                : core::Selection::parse(select, r->shape().dims);
    if (!sel)
        return {};
    core::DatasetExportSource source(r, sel.value());
    const QString out = m_dir.filePath(path.mid(1) + QLatin1Char('.') + format);
    const core::Status st = core::runExporter(*m_plugins.exporter(format), source, out);
    if (!st) {
        qWarning() << st.error().message;
        return {};
    }
    QFile f(out);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void TestExporterPlugins::npyHeaderAndData_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("select");
    QTest::addColumn<QString>("descr");
    QTest::addColumn<QList<quint64>>("shape");
    QTest::newRow("int32 matrix") << QStringLiteral("/matrix") << QString() << QStringLiteral("'<i4'") << QList<quint64>{3, 4};
    QTest::newRow("cube slice") << QStringLiteral("/cube") << QStringLiteral("[1, :, 1:]") << QStringLiteral("'<f8'")
                                << QList<quint64>{3, 3};
    QTest::newRow("cube strided 3-D") << QStringLiteral("/cube") << QStringLiteral("[:, 1:3, ::2]")
                                      << QStringLiteral("'<f8'") << QList<quint64>{2, 2, 2};
    QTest::newRow("fixed strings") << QStringLiteral("/fixed") << QString() << QStringLiteral("'|S8'") << QList<quint64>{3};
    QTest::newRow("scalar string bytes") << QStringLiteral("/xmldoc") << QString()
                                         << QStringLiteral("'|S%1'").arg(std::strlen(fx::kXmlDoc) + 1) << QList<quint64>{};
}

void TestExporterPlugins::npyHeaderAndData()
{
    QFETCH(QString, path);
    QFETCH(QString, select);
    QFETCH(QString, descr);
    QFETCH(QList<quint64>, shape);
    const QByteArray file = exportTo(QStringLiteral("npy"), path, select);
    hyperslab::npy::ParsedHeader h;
    QVERIFY(hyperslab::npy::parseHeader(file, &h));
    QCOMPARE(h.major, 1);
    QCOMPARE(h.descr, descr);
    QVERIFY(!h.fortranOrder);
    QCOMPARE(QList<quint64>(h.shape.begin(), h.shape.end()), shape);
    QCOMPARE(h.dataOffset % 64, 0);
    const QByteArray data = file.mid(h.dataOffset);
    if (path == QLatin1String("/matrix")) {
        QCOMPARE(data.size(), 12 * 4);
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 4; ++j) {
                qint32 v;
                std::memcpy(&v, data.constData() + (i * 4 + j) * 4, 4);
                QCOMPARE(v, i * 10 + j);
            }
    } else if (select == QLatin1String("[:, 1:3, ::2]")) {
        QCOMPARE(data.size(), 8 * 8);
        int n = 0;
        for (int i = 0; i < 2; ++i)
            for (int j = 1; j < 3; ++j)
                for (int k = 0; k < 4; k += 2) {
                    double v;
                    std::memcpy(&v, data.constData() + 8 * n++, 8);
                    QCOMPARE(v, fx::cubeValue(i, j, k));
                }
    } else if (path == QLatin1String("/fixed")) {
        QCOMPARE(data, QByteArray("alpha\0\0\0beta\0\0\0\0gamma\0\0\0", 24));
    }
}

void TestExporterPlugins::npyRecordsHaveStructuredDtype()
{
    const QByteArray file = exportTo(QStringLiteral("npy"), QStringLiteral("/records"));
    hyperslab::npy::ParsedHeader h;
    QVERIFY(hyperslab::npy::parseHeader(file, &h));
    // The reader's memory layout is packed (4 + 8 + 1 + 12 bytes): no padding fields.
    QCOMPARE(h.descr, QStringLiteral("[('id', '<i4'), ('x', '<f8'), ('flag', '|i1'), ('v', '<f4', (3,))]"));
    QCOMPARE(QList<quint64>(h.shape.begin(), h.shape.end()), QList<quint64>{5});
    QCOMPARE(file.size() - h.dataOffset, 5 * 25);
}

void TestExporterPlugins::npyDescrPadsGapsBetweenFields()
{
    // A padded layout (as C lays the struct out), members out of offset order.
    using K = hyperslab::ElementLayout::Kind;
    hyperslab::ElementLayout rec;
    rec.kind = K::Compound;
    rec.size = 40;
    auto field = [](K kind, quint64 size, quint64 offset) {
        hyperslab::ElementLayout f;
        f.kind = kind;
        f.size = size;
        f.offset = offset;
        return f;
    };
    hyperslab::ElementLayout v = field(K::Array, 12, 20);
    v.dims = {3};
    v.members = {field(K::Float, 4, 0)};
    rec.names = {QStringLiteral("x"), QStringLiteral("id"), QStringLiteral("it's"), QStringLiteral("v")};
    rec.members = {field(K::Float, 8, 8), field(K::SignedInt, 4, 0), field(K::SignedInt, 1, 16), v};
    std::vector<quint64> extra;
    QString why;
    QCOMPARE(hyperslab::npy::descr(rec, &extra, &why),
             QStringLiteral("[('id', '<i4'), ('', '|V4'), ('x', '<f8'), ('it\\'s', '|i1'), ('', '|V3'), "
                            "('v', '<f4', (3,)), ('', '|V8')]"));
    QVERIFY(extra.empty());
    QVERIFY(why.isEmpty());
    // A top-level array element: its dimensions join the shape.
    QCOMPARE(hyperslab::npy::descr(v, &extra, &why), QStringLiteral("'<f4'"));
    QCOMPARE(QList<quint64>(extra.begin(), extra.end()), QList<quint64>{3});
    // Complex as NumPy's complex.
    hyperslab::ElementLayout c = field(K::Complex, 16, 0);
    c.members = {field(K::Float, 8, 0), field(K::Float, 8, 8)};
    QCOMPARE(hyperslab::npy::descr(c, &extra, &why), QStringLiteral("'<c16'"));
}

void TestExporterPlugins::npyRefusesVariableLengthStrings()
{
    auto r = reader(QStringLiteral("/vlen"));
    QVERIFY(r);
    core::DatasetExportSource source(r, core::Selection::all(r->shape().dims));
    const QString out = m_dir.filePath(QStringLiteral("vlen.npy"));
    const core::Status st = core::runExporter(*m_plugins.exporter(QStringLiteral("npy")), source, out);
    QVERIFY(!st);
    QVERIFY2(st.error().message.contains(QStringLiteral("variable-length strings")), qPrintable(st.error().message));
    QVERIFY(!QFile::exists(out));
}

void TestExporterPlugins::numpyLoadsWhatWasWritten_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("select");
    QTest::addColumn<QString>("expected"); // repr(numpy.load(f).tolist())
    QTest::newRow("matrix") << QStringLiteral("/matrix") << QString()
                            << QStringLiteral("[[0, 1, 2, 3], [10, 11, 12, 13], [20, 21, 22, 23]]");
    QTest::newRow("cube slice with nan") << QStringLiteral("/cube") << QStringLiteral("[1, :, 1:]")
                                         << QStringLiteral("[[101.5, 102.5, 103.5], [111.5, 112.5, 113.5], [121.5, 122.5, nan]]");
    QTest::newRow("records") << QStringLiteral("/records") << QStringLiteral("[1:3]")
                             << QStringLiteral("[(1, 1.5, 1, [1.0, 1.25, -1.0]), (2, 3.0, 0, [2.0, 2.25, -2.0])]");
    QTest::newRow("fixed") << QStringLiteral("/fixed") << QString() << QStringLiteral("[b'alpha', b'beta', b'gamma']");
}

void TestExporterPlugins::numpyLoadsWhatWasWritten()
{
    QFETCH(QString, path);
    QFETCH(QString, select);
    QFETCH(QString, expected);
    // Debian's interpreter, where python3-numpy installs numpy.
    const QString python = QStringLiteral("/usr/bin/python3");
    QProcess probe;
    probe.start(python, {QStringLiteral("-c"), QStringLiteral("import numpy")});
    if (!probe.waitForFinished(30000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
        QSKIP("python3-numpy is not installed");
    QVERIFY(!exportTo(QStringLiteral("npy"), path, select).isEmpty());
    const QString out = m_dir.filePath(path.mid(1) + QStringLiteral(".npy"));
    QProcess p;
    p.start(python, {QStringLiteral("-c"),
                     QStringLiteral("import numpy, sys\n"
                                    "a = numpy.load(sys.argv[1])\n"
                                    "v = a.tolist()\n"
                                    "v = [tuple(x.tolist() if hasattr(x, 'tolist') else x for x in r) if isinstance(r, tuple) else r for r in v] if a.dtype.names else v\n"
                                    "print(repr(v))"),
                     out});
    QVERIFY(p.waitForFinished(30000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()).trimmed(), expected);
}

void TestExporterPlugins::jsonNestsAndWritesValuesAsInfo()
{
    const QJsonDocument matrix = QJsonDocument::fromJson(exportTo(QStringLiteral("json"), QStringLiteral("/matrix")));
    QCOMPARE(matrix.array(), (QJsonArray{QJsonArray{0, 1, 2, 3}, QJsonArray{10, 11, 12, 13}, QJsonArray{20, 21, 22, 23}}));

    const QJsonDocument cube = QJsonDocument::fromJson(exportTo(QStringLiteral("json"), QStringLiteral("/cube")));
    QCOMPARE(cube.array().size(), 2);
    QCOMPARE(cube.array()[0].toArray().size(), 3);
    QCOMPARE(cube.array()[0].toArray()[1].toArray().size(), 4);
    QCOMPARE(cube.array()[0].toArray()[1].toArray()[2].toDouble(), 12.5);
    QCOMPARE(cube.array()[1].toArray()[2].toArray()[3], QJsonValue(QStringLiteral("nan")));

    const QJsonArray records = QJsonDocument::fromJson(exportTo(QStringLiteral("json"), QStringLiteral("/records"))).array();
    QCOMPARE(records.size(), 5);
    QCOMPARE(records[3].toObject(), (QJsonObject{{QStringLiteral("id"), 3}, {QStringLiteral("x"), 4.5},
                                                 {QStringLiteral("flag"), 1},
                                                 {QStringLiteral("v"), QJsonArray{3.0, 3.25, -3.0}}}));
    QCOMPARE(QJsonDocument::fromJson(exportTo(QStringLiteral("json"), QStringLiteral("/vlen"))).array(),
             (QJsonArray{QStringLiteral("one"), QStringLiteral("two")}));
    // A scalar is its value: the document string, not an array.
    const QByteArray doc = exportTo(QStringLiteral("json"), QStringLiteral("/doc"));
    QCOMPARE(QJsonDocument::fromJson("[" + doc + "]").array().at(0).toString(), QString::fromUtf8(fx::kJsonDoc));
}

void TestExporterPlugins::cancelLeavesNoFile()
{
    auto r = reader(QStringLiteral("/cube"));
    QVERIFY(r);
    core::DatasetExportSource source(r, core::Selection::all(r->shape().dims));
    std::atomic_bool cancel{true};
    source.setCancelFlag(&cancel);
    const QString out = m_dir.filePath(QStringLiteral("cancelled.npy"));
    const core::Status st = core::runExporter(*m_plugins.exporter(QStringLiteral("npy")), source, out);
    QVERIFY(!st);
    QCOMPARE(st.error().code, core::ErrorCode::Cancelled);
    QVERIFY(!QFile::exists(out));

    // Not cancelled: progress reaches the total.
    cancel = false;
    quint64 last = 0, total = 0;
    source.setProgressCallback([&](quint64 d, quint64 t) { last = d, total = t; });
    QVERIFY(core::runExporter(*m_plugins.exporter(QStringLiteral("json")), source, m_dir.filePath(QStringLiteral("c.json"))));
    QCOMPARE(total, quint64(24));
    QCOMPARE(last, total);
}

void TestExporterPlugins::exportCommandFormats()
{
    auto run = [](const QStringList &args, QByteArray *out, QByteArray *err) {
        QProcess p;
        p.start(QStringLiteral(HYPERSLAB_EXE), QStringList{QStringLiteral("export")} + args);
        p.waitForFinished(60000);
        *out = p.readAllStandardOutput();
        *err = p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    };
    QByteArray out, err;
    const QString npy = m_dir.filePath(QStringLiteral("cli.npy"));
    QCOMPARE(run({m_file + QStringLiteral(":/matrix"), QStringLiteral("--format"), QStringLiteral("npy"), QStringLiteral("-o"), npy}, &out, &err), 0);
    QFile f(npy);
    QVERIFY(f.open(QIODevice::ReadOnly));
    hyperslab::npy::ParsedHeader h;
    QVERIFY(hyperslab::npy::parseHeader(f.readAll(), &h));
    QCOMPARE(h.descr, QStringLiteral("'<i4'"));

    QCOMPARE(run({m_file + QStringLiteral(":/matrix"), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--select"),
                  QStringLiteral("[1:, 2:]")}, &out, &err), 0);
    QCOMPARE(out, QByteArray("[[12,13],\n[22,23]]\n"));

    QCOMPARE(run({m_file + QStringLiteral(":/matrix"), QStringLiteral("--format"), QStringLiteral("xls")}, &out, &err), 1);
    QVERIFY2(err.contains("Unknown format 'xls'; use csv, json, npy") || err.contains("Unknown format 'xls'; use csv, npy, json"),
             err.constData());

    const QString refused = m_dir.filePath(QStringLiteral("refused.npy"));
    QCOMPARE(run({m_file + QStringLiteral(":/vlen"), QStringLiteral("-f"), QStringLiteral("npy"), QStringLiteral("-o"), refused}, &out, &err), 1);
    QVERIFY2(err.contains("variable-length strings"), err.constData());
    QVERIFY(!QFile::exists(refused));
}

QTEST_GUILESS_MAIN(TestExporterPlugins)
#include "tst_exporterplugins.moc"
