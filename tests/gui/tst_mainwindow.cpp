// The real main window, driven the way a user drives it: open files (command
// line form, drop, recent list), select objects by path, read the status bar.

#include "datasetpanel.h"
#include "datasettabs.h"
#include "errorpresenter.h"
#include "models/datasettablemodel.h"
#include "hierarchyview.h"
#include "mainwindow.h"
#include "models/hierarchymodel.h"
#include "pathbar.h"
#include "jobs/jobrunner.h"
#include "services/h5file.h"
#include "windowharness.h"

#include <QApplication>
#include <QClipboard>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace hs;
using core::HierarchyModel;

namespace {
QString corpus(const QString &rel)
{
    return QStringLiteral(HYPERSLAB_CORPUS_DIR "/") + rel;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

    // The first 3000 bytes of a real file: what a user has while it still copies.
    QString truncatedCopy()
    {
        QFile in(corpus(QStringLiteral("hdf5/h5dump/tall.h5")));
        const QString path = m_tmp.filePath(QStringLiteral("truncated.h5"));
        QFile out(path);
        if (in.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly))
            out.write(in.read(3000));
        return path;
    }
private Q_SLOTS:
    void initTestCase()
    {
        guitests::initSettings("tst_mainwindow");
        if (!QFile::exists(corpus(QStringLiteral("hdf5/h5dump/tall.h5"))))
            QSKIP("shared corpus not found next to the project");
    }

    void cleanup() { guitests::waitForJobs(); }

    void opensFileAndSelectsObjectFromCommandLineForm()
    {
        app::MainWindow w;
        w.errorPresenter()->setDialogsEnabled(false);
        w.show();
        QSignalSpy selected(&w, &app::MainWindow::objectSelected);
        w.openFile(corpus(QStringLiteral("hdf5/h5dump/tall.h5")), QStringLiteral("/g1/g1.1/dset1.1.1"));
        QTRY_VERIFY_WITH_TIMEOUT(!selected.isEmpty() && selected.last().at(0).toString() == QLatin1String("/g1/g1.1/dset1.1.1"), 10000);
        // Status bar: path, kind, shape, type (details load in the background).
        QTRY_VERIFY2_WITH_TIMEOUT(w.statusText().contains(QStringLiteral("10 \u00d7 10")), qPrintable(w.statusText()), 10000);
        QVERIFY(w.statusText().contains(QLatin1String("/g1/g1.1/dset1.1.1")));
        QVERIFY(w.statusText().contains(QLatin1String("dataset")));
        QVERIFY(w.statusText().contains(QLatin1String("int32")));
        QCOMPARE(w.treeView()->currentSourceIndex().data(HierarchyModel::PathRole).toString(),
                 QStringLiteral("/g1/g1.1/dset1.1.1"));
        QVERIFY(w.windowTitle().startsWith(QLatin1String("tall.h5")));
        QCOMPARE(w.errorPresenter()->shownCount(), 0);
    }

    void enterOnADatasetOpensItInAGridTab()
    {
        app::MainWindow w;
        w.errorPresenter()->setDialogsEnabled(false);
        w.show();
        QSignalSpy selected(&w, &app::MainWindow::objectSelected);
        w.openFile(corpus(QStringLiteral("hdf5/h5dump/tall.h5")), QStringLiteral("/g1/g1.1/dset1.1.1"));
        QTRY_VERIFY_WITH_TIMEOUT(!selected.isEmpty() && selected.last().at(0).toString() == QLatin1String("/g1/g1.1/dset1.1.1"), 10000);
        w.treeView()->setFocus();
        QTest::keyClick(w.treeView(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(w.datasetTabs()->currentPanel() != nullptr, 10000);
        ui::DatasetPanel *panel = w.datasetTabs()->currentPanel();
        QCOMPARE(panel->model()->totalRows(), quint64(10));
        QCOMPARE(panel->model()->totalColumns(), quint64(10));
        // h5dump: dset1.1.1 holds i*j.
        QTRY_VERIFY_WITH_TIMEOUT(panel->model()->isLoaded(9, 9), 10000);
        QCOMPARE(panel->model()->cellText(9, 9), QStringLiteral("81"));
        QCOMPARE(panel->model()->cellText(3, 4), QStringLiteral("12"));
        // What an export did reaches the status bar.
        Q_EMIT panel->statusMessage(QStringLiteral("Exported 10 rows of /g1/g1.1/dset1.1.1 to /tmp/x.csv."));
        QCOMPARE(w.statusBar()->currentMessage(), QStringLiteral("Exported 10 rows of /g1/g1.1/dset1.1.1 to /tmp/x.csv."));
        // Opening it again focuses the same tab; closing the file closes it.
        const int tabs = w.datasetTabs()->count();
        QTest::keyClick(w.treeView(), Qt::Key_Return);
        QVERIFY(core::JobRunner::instance().waitForIdle(10000)); // a second tab would come from a job
        QCoreApplication::processEvents();
        QCOMPARE(w.datasetTabs()->count(), tabs);
        w.closeCurrentFile();
        QCOMPARE(w.datasetTabs()->count(), 1); // the overview stays
    }

    void sameFileIsNotOpenedTwice()
    {
        app::MainWindow w;
        w.errorPresenter()->setDialogsEnabled(false);
        QSignalSpy opened(&w, &app::MainWindow::fileOpened);
        w.openFile(corpus(QStringLiteral("hdf5/h5dump/tall.h5")));
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);
        QSignalSpy selected(&w, &app::MainWindow::objectSelected);
        w.openFile(corpus(QStringLiteral("hdf5/h5dump/tall.h5")), QStringLiteral("/g2"));
        QTRY_VERIFY_WITH_TIMEOUT(!selected.isEmpty() && selected.last().at(0).toString() == QLatin1String("/g2"), 10000);
        QCOMPARE(w.hierarchyModel()->fileCount(), 1);
    }

    void pathBarJumpsToTypedPath()
    {
        app::MainWindow w;
        w.errorPresenter()->setDialogsEnabled(false);
        w.show();
        QSignalSpy opened(&w, &app::MainWindow::fileOpened);
        w.openFile(corpus(QStringLiteral("hdf5/h5dump/tall.h5")));
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);
        QSignalSpy selected(&w, &app::MainWindow::objectSelected);
        w.pathBar()->setFocus();
        w.pathBar()->clear();
        QTest::keyClicks(w.pathBar(), QStringLiteral("/g1/g1.2/g1.2.1"));
        QTest::keyClick(w.pathBar(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!selected.isEmpty() && selected.last().at(0).toString() == QLatin1String("/g1/g1.2/g1.2.1"), 10000);

        // A path that does not exist: a message, nothing selected elsewhere, no crash.
        const int before = selected.size();
        QSignalSpy failed(w.hierarchyModel(), &HierarchyModel::revealFailed);
        w.pathBar()->clear();
        QTest::keyClicks(w.pathBar(), QStringLiteral("/g1/nope"));
        QTest::keyClick(w.pathBar(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size() + (selected.size() - before), 1, 10000);
        QCOMPARE(selected.size(), before);
    }

    // A name that is not UTF-8 (Latin-1 "0\xB0C") is typed, shown and copied as
    // `hyperslab info` prints it, "\xB0", and found again from that text.
    void pathBarTakesEscapedNames()
    {
        const QString file = corpus(QStringLiteral("hdfview/bug0365_dset_degree_sign.h5"));
        if (!QFile::exists(file))
            QSKIP("corpus file with a Latin-1 name not found");
        app::MainWindow w;
        w.errorPresenter()->setDialogsEnabled(false);
        w.show();
        QSignalSpy opened(&w, &app::MainWindow::fileOpened);
        w.openFile(file);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);
        QSignalSpy selected(&w, &app::MainWindow::objectSelected);
        w.pathBar()->setFocus();
        w.pathBar()->clear();
        QTest::keyClicks(w.pathBar(), QStringLiteral("/0\\xB0C"));
        QTest::keyClick(w.pathBar(), Qt::Key_Return);
        const QString decoded = QStringLiteral("/0") + QChar(char16_t(0xDCB0)) + QLatin1Char('C');
        QTRY_VERIFY_WITH_TIMEOUT(!selected.isEmpty() && selected.last().at(0).toString() == decoded, 10000);
        w.treeView()->setFocus();
        QTRY_COMPARE_WITH_TIMEOUT(w.pathBar()->text(), QStringLiteral("/0\\xB0C"), 10000);
        QApplication::clipboard()->clear();
        QTest::keyClick(&w, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(QApplication::clipboard()->text(), QStringLiteral("/0\\xB0C"), 5000);
    }

    void badFilesGiveClearMessagesAndTheAppKeepsRunning_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("code");
        QTest::newRow("not hdf5") << corpus(QStringLiteral("hdf5-json/notahdf5file.h5")) << int(core::ErrorCode::NotHdf5);
        QTest::newRow("truncated") << truncatedCopy() << int(core::ErrorCode::Truncated);
        QTest::newRow("corrupt") << corpus(QStringLiteral("hdf5/h5dump/3790_infinite_loop.h5")) << int(core::ErrorCode::Corrupt);
        QTest::newRow("missing") << QStringLiteral("/nonexistent/dir/file.h5") << int(core::ErrorCode::NotFound);
    }

    void badFilesGiveClearMessagesAndTheAppKeepsRunning()
    {
        QFETCH(QString, file);
        QFETCH(int, code);
        app::MainWindow w;
        w.errorPresenter()->setDialogsEnabled(false);
        QSignalSpy presented(w.errorPresenter(), &ui::ErrorPresenter::presented);
        w.openFile(file);
        QTRY_COMPARE_WITH_TIMEOUT(presented.size(), 1, 10000);
        const core::Error e = w.errorPresenter()->lastError();
        QCOMPARE(int(e.code), code);
        QVERIFY(!e.message.isEmpty());
        QVERIFY2(!e.message.contains(QLatin1String("H5")), qPrintable(e.message));
        QCOMPARE(w.hierarchyModel()->fileCount(), 0);
    }

    void droppingFilesOpensThem()
    {
        app::MainWindow w;
        w.errorPresenter()->setDialogsEnabled(false);
        w.show();
        QSignalSpy opened(&w, &app::MainWindow::fileOpened);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(corpus(QStringLiteral("hdf5/h5dump/tall.h5"))),
                      QUrl::fromLocalFile(corpus(QStringLiteral("hdf5/h5dump/tattr2.h5")))});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &drop);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 2, 10000);
        QCOMPARE(w.hierarchyModel()->fileCount(), 2);
    }

    void recentFilesAndClosing()
    {
        QSettings().remove(QStringLiteral("recentFiles"));
        app::MainWindow w;
        w.errorPresenter()->setDialogsEnabled(false);
        QSignalSpy opened(&w, &app::MainWindow::fileOpened);
        const QString f = corpus(QStringLiteral("hdf5/h5dump/tall.h5"));
        w.openFile(f);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);
        const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
        QVERIFY(!recent.isEmpty());
        QCOMPARE(recent.first(), QFileInfo(f).absoluteFilePath());

        const qint64 baseline = 0;
        w.treeView()->selectSourceIndex(w.hierarchyModel()->fileIndex(0));
        w.closeCurrentFile();
        QCOMPARE(w.hierarchyModel()->fileCount(), 0);
        core::JobRunner::instance().waitForIdle();
        QTRY_COMPARE_WITH_TIMEOUT(core::openHdf5ObjectCount(), baseline, 5000);
    }

    void geometryIsRemembered()
    {
        {
            app::MainWindow w;
            w.resize(900, 640);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.close();
        }
        app::MainWindow w2;
        QCOMPARE(w2.size(), QSize(900, 640));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
