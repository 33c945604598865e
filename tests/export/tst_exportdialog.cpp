// ExportDialog produces the right ExportRequest; ExportController runs one in
// the background with progress, Cancel and error reporting. Offscreen.

#include "errorpresenter.h"
#include "exportcontroller.h"
#include "exportdialog.h"
#include "exportfixture.h"
#include "hdf5/librarylock.h"
#include "jobs/jobrunner.h"
#include "services/h5file.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace hs;
using core::Selection;
using ui::ExportDialog;
namespace fx = hs::test::exportfx;

namespace {

// What the main window gives an export: a window, its error presenter (no
// dialogs in a test) and the controller that runs the export.
struct ControllerRig
{
    QWidget window;
    ui::ErrorPresenter errors{&window};
    ui::ExportController controller{&window, &errors};

    ControllerRig() { errors.setDialogsEnabled(false); }
};

} // namespace

class TestExportDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void defaults();
    void noSelectedCells();
    void currentView();
    void typedSelection();
    void badTypedSelection_data();
    void badTypedSelection();
    void delimiters();
    void customDelimiter();
    void headerIndexAndFloats();
    void outputPath();
    void acceptOnlyWhenValid();
    void badOutputPathKeepsTheDialogOpen_data();
    void badOutputPathKeepsTheDialogOpen();
    void remembersTheFileAndFolder();
    void higherRanksAndStrings();

    void controllerExports();
    void controllerReportsFailure();
    void controllerCancels();
    void controllerSaysWhatHappened();

private:
    ExportDialog::Context context(bool withCells = true) const;
    template<typename T>
    static T *child(ExportDialog &d, const char *name)
    {
        auto *w = d.findChild<T *>(QString::fromLatin1(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }
    static bool okEnabled(ExportDialog &d)
    {
        return d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled();
    }

    QTemporaryDir m_dir;
    QString m_file;
    core::H5FilePtr m_h5;
};

void TestExportDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings away from the user's
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(QStringLiteral("dialog.h5"));
    QVERIFY(fx::write(m_file, true));
    auto f = core::H5File::open(m_file);
    QVERIFY(f.ok());
    m_h5 = f.value();
}

void TestExportDialog::cleanupTestCase()
{
    core::JobRunner::instance().waitForIdle();
    m_h5.reset();
}

ExportDialog::Context TestExportDialog::context(bool withCells) const
{
    ExportDialog::Context c;
    c.sourceFile = m_file;
    c.datasetPath = QStringLiteral("/cube");
    c.shape = {4, 5, 6};
    c.view = Selection::parse(QStringLiteral("[2, :, :]"), c.shape).value();
    c.viewTransposed = true;
    if (withCells)
        c.selectedCells = Selection::parse(QStringLiteral("[2, 1:3, 0:4]"), c.shape).value();
    c.format.floatStyle = core::FormatOptions::FloatStyle::General; // the grid's; CSV starts at Shortest
    c.format.floatPrecision = 4;
    c.directory = m_dir.path();
    return c;
}

void TestExportDialog::defaults()
{
    ExportDialog d(context());
    QCOMPARE(d.scope(), ExportDialog::Scope::SelectedCells);
    const auto r = d.request();
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->outputPath, m_dir.filePath(QStringLiteral("cube.csv")));
    QCOMPARE(r->datasetPath, QStringLiteral("/cube"));
    QCOMPARE(r->selection, *context().selectedCells);
    QCOMPARE(r->options.delimiter, QStringLiteral(","));
    QVERIFY(r->options.header);
    QVERIFY(!r->options.indexColumns);
    QVERIFY(r->options.transposed); // the grid's orientation
    QCOMPARE(r->options.format.floatStyle, core::FormatOptions::FloatStyle::Shortest);
    QVERIFY(okEnabled(d));
    QVERIFY(!child<QSpinBox>(d, "precision")->isEnabled());
    QVERIFY(!child<QLineEdit>(d, "customDelimiter")->isEnabled());
    QVERIFY2(child<QLabel>(d, "status")->text().contains(QLatin1String("4 rows")), qPrintable(child<QLabel>(d, "status")->text()));
}

void TestExportDialog::noSelectedCells()
{
    ExportDialog d(context(false));
    QVERIFY(!child<QRadioButton>(d, "scopeSelected")->isEnabled());
    QCOMPARE(d.scope(), ExportDialog::Scope::CurrentView);
    d.setScope(ExportDialog::Scope::SelectedCells); // refused
    QCOMPARE(d.scope(), ExportDialog::Scope::CurrentView);
    QCOMPARE(d.request()->selection, context().view);
}

void TestExportDialog::currentView()
{
    ExportDialog d(context());
    child<QRadioButton>(d, "scopeView")->click();
    QCOMPARE(d.scope(), ExportDialog::Scope::CurrentView);
    const auto r = d.request();
    QVERIFY(r.ok());
    QCOMPARE(r->selection, context().view);
    QVERIFY(r->options.transposed);
    QVERIFY2(child<QLabel>(d, "status")->text().contains(QStringLiteral("6 rows \u00d7 5 columns")),
             qPrintable(child<QLabel>(d, "status")->text()));
}

void TestExportDialog::typedSelection()
{
    ExportDialog d(context());
    auto *text = child<QLineEdit>(d, "selectionText");
    QCOMPARE(text->text(), QStringLiteral("[2, :, :]")); // starts from the view
    text->clear();
    QTest::keyClicks(text, QStringLiteral("[1:3, 2, ::2]")); // typing picks the typed scope
    QCOMPARE(d.scope(), ExportDialog::Scope::Typed);
    const auto r = d.request();
    QVERIFY(r.ok());
    QCOMPARE(r->selection, Selection::parse(QStringLiteral("[1:3, 2, ::2]"), {4, 5, 6}).value());
    QVERIFY(!r->options.transposed); // typed selections are in dataset order
    QVERIFY(okEnabled(d));
}

void TestExportDialog::badTypedSelection_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("garbage") << QStringLiteral("[x]") << QStringLiteral("'x'");
    QTest::newRow("out of range") << QStringLiteral("[9]") << QStringLiteral("out of range");
    QTest::newRow("negative step") << QStringLiteral("[::-1]") << QStringLiteral("backwards");
}

void TestExportDialog::badTypedSelection()
{
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    ExportDialog d(context());
    d.setSelectionText(text);
    const auto r = d.request();
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(mentions), qPrintable(r.error().message));
    QVERIFY(!okEnabled(d));
    QCOMPARE(child<QLabel>(d, "status")->text(), r.error().message);
}

void TestExportDialog::delimiters()
{
    ExportDialog d(context());
    auto *combo = child<QComboBox>(d, "delimiter");
    const QStringList expected{QStringLiteral(","), QStringLiteral("\t"), QStringLiteral(";")};
    for (int i = 0; i < expected.size(); ++i) {
        combo->setCurrentIndex(i);
        QCOMPARE(d.request()->options.delimiter, expected[i]);
    }
}

void TestExportDialog::customDelimiter()
{
    ExportDialog d(context());
    child<QComboBox>(d, "delimiter")->setCurrentIndex(3);
    auto *custom = child<QLineEdit>(d, "customDelimiter");
    QVERIFY(custom->isEnabled());
    custom->setText(QStringLiteral("::"));
    QCOMPARE(d.request()->options.delimiter, QStringLiteral("::"));
    custom->setText(QStringLiteral("\""));
    QVERIFY(!d.request().ok());
    QVERIFY(!okEnabled(d));
    custom->clear();
    QVERIFY(!d.request().ok());
    custom->setText(QStringLiteral("|"));
    QVERIFY(okEnabled(d));
}

void TestExportDialog::headerIndexAndFloats()
{
    ExportDialog d(context());
    child<QCheckBox>(d, "header")->setChecked(false);
    child<QCheckBox>(d, "indexColumns")->setChecked(true);
    auto *style = child<QComboBox>(d, "floatStyle");
    style->setCurrentIndex(style->findData(int(core::FormatOptions::FloatStyle::Scientific)));
    QVERIFY(child<QSpinBox>(d, "precision")->isEnabled());
    child<QSpinBox>(d, "precision")->setValue(9);
    auto r = d.request();
    QVERIFY(r.ok());
    QVERIFY(!r->options.header);
    QVERIFY(r->options.indexColumns);
    QCOMPARE(r->options.format.floatStyle, core::FormatOptions::FloatStyle::Scientific);
    QCOMPARE(r->options.format.floatPrecision, 9);
    style->setCurrentIndex(style->findData(int(core::FormatOptions::FloatStyle::Fixed)));
    QCOMPARE(d.request()->options.format.floatStyle, core::FormatOptions::FloatStyle::Fixed);
}

void TestExportDialog::outputPath()
{
    ExportDialog d(context());
    d.setOutputPath(QString());
    QVERIFY(!d.request().ok());
    QVERIFY(!okEnabled(d));
    QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral("rel")));
    d.setOutputPath(QStringLiteral("rel/out.csv")); // relative to the suggested folder
    QCOMPARE(d.request()->outputPath, m_dir.filePath(QStringLiteral("rel/out.csv")));
    QVERIFY(QDir(m_dir.filePath(QStringLiteral("rel"))).removeRecursively());
    d.setOutputPath(m_file); // the file being read
    QVERIFY(!d.request().ok());
    QVERIFY(d.request().error().message.contains(QLatin1String("being read")));
    d.setOutputPath(m_dir.path()); // a folder
    QVERIFY(!d.request().ok());
    // The dialog did not create anything.
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList{QStringLiteral("dialog.h5")});
}

void TestExportDialog::acceptOnlyWhenValid()
{
    ExportDialog d(context());
    d.show();
    d.setSelectionText(QStringLiteral("[nonsense]"));
    d.accept();
    QVERIFY(d.isVisible());
    QCOMPARE(d.result(), int(QDialog::Rejected));
    d.setSelectionText(QStringLiteral("[0, 0, :]"));
    d.accept();
    QCOMPARE(d.result(), int(QDialog::Accepted));
}

void TestExportDialog::badOutputPathKeepsTheDialogOpen_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("says");
    QTest::newRow("folder missing") << QStringLiteral("missing/out.csv") << QStringLiteral("does not exist");
    QTest::newRow("is a folder") << QStringLiteral(".") << QStringLiteral("is a folder");
    QTest::newRow("folder not writable") << QStringLiteral("locked/out.csv") << QStringLiteral("cannot write");
    QTest::newRow("through a file") << QStringLiteral("dialog.h5/out.csv") << QStringLiteral("not a folder");
}

void TestExportDialog::badOutputPathKeepsTheDialogOpen()
{
    QFETCH(QString, path);
    QFETCH(QString, says);
    const QString locked = m_dir.filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkpath(locked));
    QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    if (path.startsWith(QLatin1String("locked")) && QFileInfo(locked).isWritable())
        QSKIP("running as a user who may write anywhere (root)");
    ExportDialog d(context());
    d.show();
    d.setOutputPath(path);
    d.accept();
    QVERIFY(d.isVisible());
    QCOMPARE(d.result(), int(QDialog::Rejected));
    QVERIFY(!okEnabled(d));
    const QString status = child<QLabel>(d, "status")->text();
    QVERIFY2(status.contains(says, Qt::CaseInsensitive), qPrintable(status));
    QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    QVERIFY(QDir(locked).removeRecursively());
}

void TestExportDialog::remembersTheFileAndFolder()
{
    const QString folder = m_dir.filePath(QStringLiteral("exports"));
    QVERIFY(QDir().mkpath(folder));
    const QString chosen = QDir(folder).filePath(QStringLiteral("my cube.csv"));
    {
        ExportDialog d(context());
        d.show();
        d.setOutputPath(chosen);
        d.accept();
        QCOMPARE(d.result(), int(QDialog::Accepted));
    }
    // The same dataset again: the same file.
    ExportDialog again(context());
    QCOMPARE(again.request()->outputPath, chosen);
    // The folder for everything else, also in a later session.
    QCOMPARE(ExportDialog::rememberedFolder(), folder);
    QCOMPARE(QSettings().value(QStringLiteral("export/lastFolder")).toString(), folder);
    ExportDialog::Context other = context();
    other.datasetPath = QStringLiteral("/grid");
    QCOMPARE(ExportDialog::rememberedPath(other.sourceFile, other.datasetPath), QString());
    // Its folder gone, the dialog suggests the usual file again.
    QVERIFY(QDir(folder).removeRecursively());
    ExportDialog later(context());
    QCOMPARE(later.request()->outputPath, m_dir.filePath(QStringLiteral("cube.csv")));
}

void TestExportDialog::higherRanksAndStrings()
{
    ExportDialog d(context());
    auto *layout = child<QComboBox>(d, "ndLayout");
    QVERIFY(!layout->isEnabled()); // the selected cells are 2-D
    d.setSelectionText(QStringLiteral("[...]"));
    auto r = d.request();
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QVERIFY(okEnabled(d));
    QVERIFY(layout->isEnabled());
    QCOMPARE(r->options.ndLayout, core::CsvOptions::NdLayout::Lines);
    QVERIFY2(child<QLabel>(d, "status")->text().contains(QStringLiteral("20 rows \u00d7 8 columns")),
             qPrintable(child<QLabel>(d, "status")->text()));
    layout->setCurrentIndex(layout->findData(int(core::CsvOptions::NdLayout::Slices)));
    QCOMPARE(d.request()->options.ndLayout, core::CsvOptions::NdLayout::Slices);
    QVERIFY2(child<QLabel>(d, "status")->text().contains(QStringLiteral("4 slices of 5 rows")),
             qPrintable(child<QLabel>(d, "status")->text()));
    auto *strings = child<QComboBox>(d, "strings");
    QCOMPARE(d.request()->options.nonUtf8Strings, core::FormatOptions::NonUtf8::Latin1);
    strings->setCurrentIndex(strings->findData(int(core::FormatOptions::NonUtf8::Raw)));
    QCOMPARE(d.request()->options.nonUtf8Strings, core::FormatOptions::NonUtf8::Raw);
}

void TestExportDialog::controllerSaysWhatHappened()
{
    ControllerRig rig;
    ui::ExportController &controller = rig.controller;
    auto reader = core::DatasetReader::open(m_h5, QStringLiteral("/grid"));
    QVERIFY(reader.ok());
    core::ExportRequest req;
    req.outputPath = m_dir.filePath(QStringLiteral("said.csv"));
    req.datasetPath = QStringLiteral("/grid");
    req.selection = Selection::parse(QStringLiteral("[:3, :2]"), reader.value()->shape().dims).value();
    QSignalSpy said(&controller, &ui::ExportController::reported);
    QSignalSpy done(&controller, &ui::ExportController::finished);
    QVERIFY(controller.start(reader.value(), req));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 20000);
    QCOMPARE(said.size(), 1);
    QCOMPARE(said[0][0].toString(), QStringLiteral("Exported 3 rows of /grid to %1.").arg(QDir::toNativeSeparators(req.outputPath)));
    QVERIFY(QFile::remove(req.outputPath));

    auto big = core::DatasetReader::open(m_h5, QStringLiteral("/big"));
    QVERIFY(big.ok());
    req.datasetPath = QStringLiteral("/big");
    req.selection = Selection::all(big.value()->shape().dims);
    {
        core::LibraryLock lock; // parks the job at its first read: Cancel lands first
        QVERIFY(controller.start(big.value(), req));
        controller.cancel();
    }
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 20000);
    QCOMPARE(said.size(), 2);
    const QString cancelled = said[1][0].toString();
    QVERIFY2(cancelled.contains(QLatin1String("cancelled")) && cancelled.contains(QLatin1String("nothing was written"))
                 && cancelled.contains(QLatin1String("said.csv")),
             qPrintable(cancelled));
    QVERIFY(!QFile::exists(req.outputPath));
}

void TestExportDialog::controllerExports()
{
    ControllerRig rig;
    ui::ExportController &controller = rig.controller;
    const ui::ErrorPresenter &errors = rig.errors;
    controller.setMinimumDuration(0);

    auto reader = core::DatasetReader::open(m_h5, QStringLiteral("/grid"));
    QVERIFY(reader.ok());
    core::ExportRequest req;
    req.outputPath = m_dir.filePath(QStringLiteral("grid.csv"));
    req.datasetPath = QStringLiteral("/grid");
    req.selection = Selection::parse(QStringLiteral("[:3, :2]"), reader.value()->shape().dims).value();
    req.options.indexColumns = true;
    QSignalSpy done(&controller, &ui::ExportController::finished);
    QVERIFY(controller.start(reader.value(), req));
    QVERIFY(controller.isRunning());
    QVERIFY(controller.progressDialog());
    QVERIFY(!controller.start(reader.value(), req)); // one at a time
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 20000);
    QCOMPARE(done[0][0].toString(), req.outputPath);
    QVERIFY(done[0][1].toBool());
    QVERIFY(!done[0][2].toBool());
    QVERIFY(!controller.isRunning());
    QCOMPARE(errors.shownCount(), 0);
    QFile f(req.outputPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("dim0,grid[0],grid[1]\n0,0.5,1.5\n1,1000.5,1001.5\n2,2000.5,2001.5\n"));
    f.close();
    QVERIFY(QFile::remove(req.outputPath));
}

void TestExportDialog::controllerReportsFailure()
{
    ControllerRig rig;
    ui::ExportController &controller = rig.controller;
    const ui::ErrorPresenter &errors = rig.errors;
    auto reader = core::DatasetReader::open(m_h5, QStringLiteral("/grid"));
    QVERIFY(reader.ok());
    core::ExportRequest req;
    req.outputPath = m_dir.filePath(QStringLiteral("failed.csv"));
    req.datasetPath = QStringLiteral("/grid");
    req.selection = Selection::all({3, 3, 3}); // not this dataset's shape
    QSignalSpy done(&controller, &ui::ExportController::finished);
    QVERIFY(controller.start(reader.value(), req));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 20000);
    QVERIFY(!done[0][1].toBool());
    QVERIFY(!done[0][2].toBool());
    QCOMPARE(errors.shownCount(), 1);
    QCOMPARE(errors.lastError().code, core::ErrorCode::InvalidArgument);
    QVERIFY(!QFile::exists(req.outputPath));
}

void TestExportDialog::controllerCancels()
{
    ControllerRig rig;
    ui::ExportController &controller = rig.controller;
    const ui::ErrorPresenter &errors = rig.errors;
    controller.setMinimumDuration(0);
    auto reader = core::DatasetReader::open(m_h5, QStringLiteral("/big"));
    QVERIFY(reader.ok());
    core::ExportRequest req;
    req.outputPath = m_dir.filePath(QStringLiteral("big.csv"));
    req.datasetPath = QStringLiteral("/big");
    req.selection = Selection::all(reader.value()->shape().dims);
    {
        QFile f(req.outputPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("earlier export\n");
    }
    QSignalSpy done(&controller, &ui::ExportController::finished);
    {
        // Holding the library lock parks the job at its first read, so Cancel
        // lands before the second block whatever the machine's speed.
        core::LibraryLock lock;
        QVERIFY(controller.start(reader.value(), req));
        QVERIFY(controller.progressDialog());
        auto *cancelButton = controller.progressDialog()->findChild<QPushButton *>();
        QVERIFY(cancelButton);
        cancelButton->click();
    }
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 20000);
    QVERIFY(!done[0][1].toBool());
    QVERIFY(done[0][2].toBool());
    QCOMPARE(errors.shownCount(), 0); // cancelling is not an error
    QVERIFY(!controller.progressDialog());
    QFile f(req.outputPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("earlier export\n"));
    f.close();
    QVERIFY(QFile::remove(req.outputPath));
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("dialog.h5")});
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
