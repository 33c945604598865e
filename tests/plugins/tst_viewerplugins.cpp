// The viewer plugins in the dataset tab (ViewerTabs) on a file written at
// test time: a PNG stored as bytes shows at its size, JSON/XML are
// pretty-printed, folded and searchable, a document in an attribute is offered
// without being forced; Help ▸ Plugins lists loaded and failed plugins.
#include "plugins/pluginfixture.h"

#include "exportcontroller.h"
#include "exportdialog.h"
#include "imagebytes.h"
#include "mainwindow.h"
#include "plugins/datasetexportsource.h"
#include "plugins/pluginregistry.h"
#include "pluginsdialog.h"
#include "services/datasetreader.h"
#include "services/h5file.h"
#include "textdocument.h"
#include "viewertabs.h"

#include "hyperslab/viewerinterface.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QTextBlock>
#include <QTextLayout>
#include <QBuffer>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPainter>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace hs;
namespace fx = hs::test::pluginfx;
namespace td = hyperslab::textdocument;

class TestViewerPlugins : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sniffsDocuments();
    void jsonKeepsItsOrderAndTokens();
    void imageBytesShowAtTheirSize();
    void imageBytesDecodeEveryAdvertisedFormat_data();
    void imageBytesDecodeEveryAdvertisedFormat();
    void jsonIsPrettyFoldedAndSearchable();
    void xmlIsPrettyPrinted();
    void longJsonIsRecognisedFromItsStart();
    void documentInAttributeIsOfferedNotForced();
    void plainNumbersGetNoViewerTabs();
    void helpPluginsListsLoadedAndFailed();
    void exportDialogOffersExporterPlugins();

private:
    ui::ViewerTabs *open(const QString &path);
    QTemporaryDir m_dir;
    QString m_file;
    core::H5FilePtr m_h5;
    std::vector<std::unique_ptr<QWidget>> m_keep;
};

void TestViewerPlugins::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The shipped plugins and one built for another interface version.
    const QString broken = m_dir.filePath(QStringLiteral("broken"));
    QVERIFY(QDir().mkpath(broken));
    QVERIFY(QFile::copy(QStringLiteral(HS_BROKEN_DIR "/hs_wrongversion.so"), broken + QStringLiteral("/hs_wrongversion.so")));
    qputenv("HYPERSLAB_PLUGIN_PATH", QStringLiteral(HS_PLUGIN_DIR ":%1").arg(broken).toLocal8Bit());
    QCOMPARE(int(core::PluginRegistry::instance().viewers().size()), 3);

    QImage image(37, 23, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QPainter(&image).fillRect(5, 5, 10, 10, Qt::yellow);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(image.save(&buffer, "PNG"));
    m_file = m_dir.filePath(QStringLiteral("viewers.h5"));
    QVERIFY(fx::write(m_file, png));
    auto f = core::H5File::open(m_file);
    QVERIFY(f);
    m_h5 = f.value();
}

ui::ViewerTabs *TestViewerPlugins::open(const QString &path)
{
    auto r = core::DatasetReader::open(m_h5, path);
    if (!r)
        return nullptr;
    auto *tabs = new ui::ViewerTabs(r.value(), new QLabel(QStringLiteral("grid")));
    tabs->resize(800, 600);
    tabs->show();
    m_keep.emplace_back(tabs);
    return tabs;
}

void TestViewerPlugins::sniffsDocuments()
{
    QCOMPARE(td::sniff(QString::fromUtf8(fx::kJsonDoc)), td::Kind::Json);
    QCOMPARE(td::sniff(QString::fromUtf8(fx::kXmlDoc)), td::Kind::Xml);
    QCOMPARE(td::sniff(QString::fromUtf8(fx::kYamlDoc)), td::Kind::Yaml);
    QCOMPARE(td::sniff(QStringLiteral("{not json")), td::Kind::None);
    QCOMPARE(td::sniff(QStringLiteral("5 µm")), td::Kind::None);
    QCOMPARE(td::sniff(QStringLiteral("Note: one line only")), td::Kind::None);
    // The start of a long JSON value (what ObjectInfo::head holds) is recognised only when told so.
    const QString start = QStringLiteral("{\"entries\": [1, 2, 3, ");
    QCOMPARE(td::sniff(start), td::Kind::None);
    QCOMPARE(td::sniff(start, false), td::Kind::Json);
    QCOMPARE(td::sniff(QStringLiteral("[not json"), false), td::Kind::None);
}

// JSON is shown as written: keys in the document's order, numbers as their
// digits, strings with their escapes; braces and commas inside strings are text.
void TestViewerPlugins::jsonKeepsItsOrderAndTokens()
{
    const QString doc = QStringLiteral(R"({ "z": 1.50e3, "a,{b}": "x \"q\" \u00b5 [,]", "e": {}, "l": [ ], "n": [true, null]})");
    QCOMPARE(td::sniff(doc), td::Kind::Json);
    QString error;
    QCOMPARE(td::pretty(td::Kind::Json, doc, &error),
             QStringLiteral("{\n  \"z\": 1.50e3,\n  \"a,{b}\": \"x \\\"q\\\" \\u00b5 [,]\",\n  \"e\": {},\n  \"l\": [],\n"
                            "  \"n\": [\n    true,\n    null\n  ]\n}\n"));
    QVERIFY(error.isEmpty());
    const td::Node root = td::tree(td::Kind::Json, doc);
    QCOMPARE(root.text, QStringLiteral("{5 keys}"));
    QStringList children;
    for (const td::Node &c : root.children)
        children << c.text;
    QCOMPARE(children, (QStringList{QStringLiteral("z: 1.50e3"), QString::fromUtf8("a,{b}: \"x \"q\" µ [,]\""),
                                    QStringLiteral("e: {0 keys}"), QStringLiteral("l: [0 items]"),
                                    QStringLiteral("n: [2 items]")}));
    QCOMPARE(root.children[4].children.size(), size_t(2));
    QCOMPARE(root.children[4].children[1].text, QStringLiteral("[1]: null"));
}

void TestViewerPlugins::imageBytesShowAtTheirSize()
{
    ui::ViewerTabs *tabs = open(QStringLiteral("/image"));
    QVERIFY(tabs);
    // The image viewer is sure (a PNG signature), so it is shown first.
    QTRY_COMPARE(tabs->tabBar()->count(), 2);
    QVERIFY(tabs->tabBar()->isVisible());
    QCOMPARE(tabs->tabBar()->tabText(1), QStringLiteral("Image"));
    QCOMPARE(tabs->tabBar()->currentIndex(), 1);
    QWidget *view = tabs->view(1);
    QVERIFY(view);
    auto *info = view->findChild<QLabel *>(QStringLiteral("imageInfo"));
    QVERIFY(info);
    QTRY_VERIFY2(info->text().contains(QStringLiteral("37 × 23 pixels")), qPrintable(info->text()));
    QVERIFY(info->text().startsWith(QStringLiteral("PNG image")));
    auto *picture = view->findChild<QLabel *>(QStringLiteral("imagePicture"));
    QVERIFY(picture);
    QCOMPARE(picture->pixmap().size(), QSize(37, 23));
    // The grid is still one click away.
    tabs->tabBar()->setCurrentIndex(0);
    QCOMPARE(tabs->view(0)->isVisible(), true);
}

namespace {

QByteArray encoded(const char *format)
{
    QImage image(5, 3, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    return image.save(&buffer, format) ? bytes : QByteArray();
}

// An uncompressed 3 x 2 8-bit grey TIFF, written by hand: Qt writes TIFF only
// with the image formats plugin, whose presence is what is being checked.
QByteArray tinyTiff()
{
    QByteArray t("II*\0", 4);
    const auto u16 = [&t](quint16 v) { t.append(char(v & 0xff)).append(char(v >> 8)); };
    const auto u32 = [&](quint32 v) { u16(quint16(v & 0xffff)); u16(quint16(v >> 16)); };
    const auto entry = [&](quint16 tag, quint16 type, quint32 value) {
        u16(tag); u16(type); u32(1);
        type == 3 ? (u16(quint16(value)), u16(0)) : u32(value);
    };
    u32(8);
    u16(9);
    entry(256, 3, 3);   // ImageWidth
    entry(257, 3, 2);   // ImageLength
    entry(258, 3, 8);   // BitsPerSample
    entry(259, 3, 1);   // Compression: none
    entry(262, 3, 1);   // PhotometricInterpretation: black is zero
    entry(273, 4, 122); // StripOffsets: after the 114-byte directory
    entry(277, 3, 1);   // SamplesPerPixel
    entry(278, 3, 2);   // RowsPerStrip
    entry(279, 4, 6);   // StripByteCounts
    u32(0);
    t.append(QByteArray::fromHex("00407f80c0ff"));
    return t;
}

} // namespace

// Every format the viewer recognises decodes on this system, TIFF included
// (Qt reads it only with qt6-image-formats-plugins, a Depends of the package).
void TestViewerPlugins::imageBytesDecodeEveryAdvertisedFormat_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QSize>("size");
    QTest::newRow("PNG") << encoded("PNG") << QStringLiteral("PNG") << QSize(5, 3);
    QTest::newRow("JPEG") << encoded("JPEG") << QStringLiteral("JPEG") << QSize(5, 3);
    QTest::newRow("BMP") << encoded("BMP") << QStringLiteral("BMP") << QSize(5, 3);
    // The classic 1 x 1 GIF (Qt has no GIF writer).
    QTest::newRow("GIF") << QByteArray::fromHex("47494638396101000100800000ffffff00000021f90401000000002c00000000010001000002024401003b")
                         << QStringLiteral("GIF") << QSize(1, 1);
    QTest::newRow("TIFF") << tinyTiff() << QStringLiteral("TIFF") << QSize(3, 2);
}

void TestViewerPlugins::imageBytesDecodeEveryAdvertisedFormat()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, format);
    QFETCH(QSize, size);
    QVERIFY(!bytes.isEmpty());
    const hyperslab::imagebytes::Decoded d = hyperslab::imagebytes::decode(bytes);
    QCOMPARE(d.format, format);
    QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
    QCOMPARE(d.image.size(), size);
}

void TestViewerPlugins::jsonIsPrettyFoldedAndSearchable()
{
    ui::ViewerTabs *tabs = open(QStringLiteral("/doc"));
    QVERIFY(tabs);
    QTRY_COMPARE(tabs->tabBar()->count(), 2);
    QCOMPARE(tabs->tabBar()->tabText(1), QStringLiteral("Document"));
    QCOMPARE(tabs->tabBar()->currentIndex(), 1);
    QWidget *view = tabs->view(1);
    auto *text = view->findChild<QPlainTextEdit *>(QStringLiteral("documentText"));
    auto *tree = view->findChild<QTreeWidget *>(QStringLiteral("documentTree"));
    auto *search = view->findChild<QLineEdit *>(QStringLiteral("documentSearch"));
    QVERIFY(text && tree && search);
    QTRY_VERIFY(!text->toPlainText().isEmpty());
    const QString pretty = text->toPlainText();
    // In the document's order (name, axes, meta), not sorted by key.
    QVERIFY2(pretty.startsWith(QStringLiteral("{\n  \"name\": \"scan 7\",\n  \"axes\": [\n    \"x\",")), qPrintable(pretty));
    QVERIFY(pretty.contains(QStringLiteral("\n      \"a\": [")));
    // Folded: the top two levels open, deeper ones closed.
    QTreeWidgetItem *root = tree->topLevelItem(0);
    QVERIFY(root);
    QCOMPARE(root->text(0), QStringLiteral("{3 keys}"));
    QVERIFY(root->isExpanded());
    QCOMPARE(root->childCount(), 3);
    QCOMPARE(root->child(0)->text(0), QStringLiteral("name: \"scan 7\""));
    QCOMPARE(root->child(1)->text(0), QStringLiteral("axes: [2 items]"));
    QTreeWidgetItem *meta = nullptr;
    for (int i = 0; i < root->childCount(); ++i)
        if (root->child(i)->text(0).startsWith(QStringLiteral("meta")))
            meta = root->child(i);
    QVERIFY(meta);
    QCOMPARE(meta->text(0), QStringLiteral("meta: {3 keys}"));
    QTreeWidgetItem *deep = nullptr;
    for (int i = 0; i < meta->childCount(); ++i)
        if (meta->child(i)->text(0).startsWith(QStringLiteral("deep")))
            deep = meta->child(i);
    QVERIFY(deep);
    QVERIFY(!deep->isExpanded());
    QCOMPARE(deep->childCount(), 1);
    // Search selects the text and the tree node holding it.
    search->setText(QStringLiteral("units"));
    QCOMPARE(text->textCursor().selectedText(), QStringLiteral("units"));
    QVERIFY(tree->currentItem());
    QCOMPARE(tree->currentItem()->text(0), QStringLiteral("units: \"mm\""));
    // Colours: the key "units" is coloured differently from its value "mm".
    const QTextBlock block = text->document()->findBlock(text->textCursor().position());
    QVERIFY(block.layout()->formats().size() >= 2);
}

void TestViewerPlugins::xmlIsPrettyPrinted()
{
    ui::ViewerTabs *tabs = open(QStringLiteral("/xmldoc"));
    QVERIFY(tabs);
    QTRY_COMPARE(tabs->tabBar()->count(), 2);
    QCOMPARE(tabs->tabBar()->currentIndex(), 1);
    auto *text = tabs->view(1)->findChild<QPlainTextEdit *>(QStringLiteral("documentText"));
    QTRY_VERIFY(!text->toPlainText().isEmpty());
    QVERIFY2(text->toPlainText().contains(QStringLiteral("<run id=\"7\">\n  <sample>steel</sample>\n  <temp unit=\"K\">293</temp>\n</run>")),
             qPrintable(text->toPlainText()));
    auto *tree = tabs->view(1)->findChild<QTreeWidget *>(QStringLiteral("documentTree"));
    QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("<run id=\"7\">"));
    QCOMPARE(tree->topLevelItem(0)->childCount(), 2);
}

void TestViewerPlugins::longJsonIsRecognisedFromItsStart()
{
    QVERIFY(fx::longJsonDoc().size() > 4096);
    ui::ViewerTabs *tabs = open(QStringLiteral("/longdoc"));
    QVERIFY(tabs);
    QTRY_COMPARE(tabs->tabBar()->count(), 2);
    QCOMPARE(tabs->tabBar()->currentIndex(), 1);
    auto *tree = tabs->view(1)->findChild<QTreeWidget *>(QStringLiteral("documentTree"));
    QTRY_VERIFY(tree->topLevelItem(0));
    QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("{1 key}"));
    QCOMPARE(tree->topLevelItem(0)->child(0)->text(0), QStringLiteral("entries: [2000 items]"));
    auto *status = tabs->view(1)->findChild<QLabel *>(QStringLiteral("documentStatus"));
    QCOMPARE(status->text(), QStringLiteral("JSON, 2004 lines"));
}

void TestViewerPlugins::documentInAttributeIsOfferedNotForced()
{
    ui::ViewerTabs *tabs = open(QStringLiteral("/matrix"));
    QVERIFY(tabs);
    QTRY_COMPARE(tabs->tabBar()->count(), 2);
    QCOMPARE(tabs->tabBar()->currentIndex(), 0); // the grid stays first
    tabs->tabBar()->setCurrentIndex(1);
    auto *text = tabs->view(1)->findChild<QPlainTextEdit *>(QStringLiteral("documentText"));
    QVERIFY(text);
    QCOMPARE(text->toPlainText() + QLatin1Char('\n'), QString::fromUtf8(fx::kYamlDoc));
    auto *tree = tabs->view(1)->findChild<QTreeWidget *>(QStringLiteral("documentTree"));
    QTreeWidgetItem *root = tree->topLevelItem(0);
    QCOMPARE(root->childCount(), 4); // ---, rate, mode, detector
    QCOMPARE(root->child(3)->text(0), QStringLiteral("detector:"));
    QCOMPARE(root->child(3)->childCount(), 2);
}

void TestViewerPlugins::plainNumbersGetNoViewerTabs()
{
    ui::ViewerTabs *tabs = open(QStringLiteral("/cube"));
    QVERIFY(tabs);
    QSignalSpy found(tabs, &ui::ViewerTabs::viewersFound);
    QVERIFY(found.wait(10000));
    QCOMPARE(found.first().first().toInt(), 0);
    QCOMPARE(tabs->tabBar()->count(), 1);
    QVERIFY(!tabs->tabBar()->isVisible());
}

void TestViewerPlugins::helpPluginsListsLoadedAndFailed()
{
    app::MainWindow window;
    window.show();
    QAction *action = nullptr;
    for (QAction *a : window.menuBar()->actions())
        if (a->menu() && a->text() == QStringLiteral("&Help"))
            for (QAction *b : a->menu()->actions())
                if (b->text().startsWith(QStringLiteral("&Plugins")))
                    action = b;
    QVERIFY(action);
    action->trigger();
    ui::PluginsDialog *dialog = window.findChild<ui::PluginsDialog *>();
    QVERIFY(dialog);
    auto *list = dialog->findChild<QTreeWidget *>(QStringLiteral("pluginList"));
    QVERIFY(list);
    QStringList rows;
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *it = list->topLevelItem(i);
        rows << QStringLiteral("%1|%2|%3").arg(it->text(0), it->text(1), it->text(3));
    }
    QVERIFY2(rows.contains(QStringLiteral("Image bytes viewer|1.0|loaded")), qPrintable(rows.join(u'\n')));
    QVERIFY2(rows.contains(QStringLiteral("NumPy exporter|1.0|loaded")), qPrintable(rows.join(u'\n')));
    QVERIFY2(rows.contains(QStringLiteral("CSV exporter|" HYPERSLAB_VERSION "|built in")), qPrintable(rows.join(u'\n')));
    bool oldListed = false;
    for (const QString &r : rows)
        oldListed |= r.startsWith(QStringLiteral("Old viewer|0.9|failed: wrong interface version"));
    QVERIFY2(oldListed, qPrintable(rows.join(u'\n')));
    dialog->close();
}

void TestViewerPlugins::exportDialogOffersExporterPlugins()
{
    auto r = core::DatasetReader::open(m_h5, QStringLiteral("/matrix"));
    QVERIFY(r);
    ui::ExportDialog::Context ctx;
    ctx.sourceFile = m_file;
    ctx.datasetPath = QStringLiteral("/matrix");
    ctx.shape = {3, 4};
    ctx.view = core::Selection::all(ctx.shape);
    ctx.directory = m_dir.path();
    ui::ExportDialog dialog(ctx);
    auto *format = dialog.findChild<QComboBox *>(QStringLiteral("format"));
    QVERIFY(format);
    QStringList names;
    for (int i = 0; i < format->count(); ++i)
        names << format->itemData(i).toString();
    QCOMPARE(names, (QStringList{QStringLiteral("csv"), QStringLiteral("json"), QStringLiteral("npy")}));
    QCOMPARE(dialog.request()->format, QStringLiteral("csv")); // the default
    dialog.show();
    QWidget *csvOptions = dialog.findChild<QWidget *>(QStringLiteral("csvOptions"));
    QVERIFY(csvOptions->isVisible());
    format->setCurrentIndex(2);
    QVERIFY(!csvOptions->isVisible());
    const auto request = dialog.request();
    QVERIFY(request);
    QCOMPARE(request->format, QStringLiteral("npy"));
    QCOMPARE(request->outputPath, m_dir.filePath(QStringLiteral("matrix.npy")));

    // Run by the same controller as CSV, in the background.
    QWidget window;
    ui::ExportController controller(&window, nullptr);
    QSignalSpy finished(&controller, &ui::ExportController::finished);
    QVERIFY(controller.start(r.value(), *request));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(1).toBool(), true);
    QFile f(request->outputPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.read(6) == QByteArray("\x93NUMPY", 6));
    QCOMPARE(f.size(), 128 + 12 * 4);
}

QTEST_MAIN(TestViewerPlugins)
#include "tst_viewerplugins.moc"
