// Issue 8: the Overview page as a summary worth opening a file for, the path
// bar that opens what it finds and says which file it searches, and the
// tree's bounded Expand All — in the real main window.

#include "datasetpanel.h"
#include "datasettabs.h"
#include "fixtures/fixtures.h"
#include "fixtures/fixtures_damaged.h"
#include "model/names.h"
#include "hierarchyview.h"
#include "mainwindow.h"
#include "models/hierarchymodel.h"
#include "objectoverview.h"
#include "pathbar.h"
#include "services/datasetreader.h"
#include "windowharness.h"

#include <QAbstractProxyModel>
#include <QApplication>
#include <QContextMenuEvent>
#include <QLabel>
#include <QMenu>
#include <QTimer>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QIcon>
#include <QStyle>
#include <QTest>

using namespace hs;
using guitests::currentPath;
using guitests::fixture;
using guitests::initSettings;
using guitests::Timeout;

class TestOverview : public QObject, private guitests::WindowHarness
{
    Q_OBJECT

    ui::ObjectOverview *overview() const { return qobject_cast<ui::ObjectOverview *>(m_w->datasetTabs()->widget(0)); }
    QModelIndex viewIndexOf(const QString &path) const
    {
        const QModelIndex file = m_w->hierarchyModel()->fileIndex(0);
        const QModelIndex src = m_w->hierarchyModel()->indexForPath(file, path);
        auto *proxy = qobject_cast<QAbstractProxyModel *>(m_w->treeView()->model());
        return proxy ? proxy->mapFromSource(src) : src;
    }
    // The tree's context menu on the current row, as a right click opens it:
    // the texts of its actions; the one named `trigger` (if any) is triggered.
    QStringList contextMenu(const QString &trigger = {})
    {
        ui::HierarchyView *tree = m_w->treeView();
        const QRect row = tree->visualRect(tree->currentIndex());
        QStringList shown;
        // The menu runs its own event loop: read it from inside that loop.
        QTimer::singleShot(0, this, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            for (QAction *a : menu->actions())
                if (!a->isSeparator())
                    shown << a->text();
            for (QAction *a : menu->actions())
                if (!trigger.isEmpty() && a->text() == trigger)
                    a->trigger();
            menu->close();
        });
        QContextMenuEvent event(QContextMenuEvent::Mouse, row.center(), tree->viewport()->mapToGlobal(row.center()));
        QCoreApplication::sendEvent(tree->viewport(), &event);
        return shown;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initSettings("tst_overview");
        QVERIFY2(QFile::exists(fixture(fixtures::StorageFileName)), "run the make_fixtures test first");
    }

    void init()
    {
        QVERIFY(openWindow(QSize(1480, 920)));
    }

    void cleanup() { closeWindow(); }

    // Before: "Path: / Kind: Group" and nothing else.
    void theRootSummarizesTheFile()
    {
        QVERIFY(select(fixture(fixtures::StorageFileName), QStringLiteral("/")));
        QVERIFY(overview());
        QTRY_VERIFY_WITH_TIMEOUT(!overview()->isReading() && overview()->text().contains(QLatin1String("Largest datasets:")), Timeout);
        const QString text = overview()->text();
        const auto has = [&](const char *s) { return text.contains(QString::fromUtf8(s)); };
        QVERIFY2(has("\nSize: ") && has("bytes)"), qPrintable(text));
        QVERIFY2(has("\nFormat: HDF5, superblock version 0 (the default format"), qPrintable(text));
        QVERIFY2(has("\nUser block: none"), qPrintable(text));
        QVERIFY2(has("\nDriver: sec2"), qPrintable(text));
        QVERIFY2(has("\nFree space: "), qPrintable(text));
        QVERIFY2(has("\nContents: 1 group, 22 datasets; 22 links"), qPrintable(text));
        QVERIFY2(has("\nLargest datasets: /chunked  \u2014  3.1 MB ("), qPrintable(text));
        QVERIFY2(has("\nMembers: 22 datasets"), qPrintable(text));
        QVERIFY2(has("double-click it in the tree, or select it and press Enter"), qPrintable(text));

        // The user block of another file.
        QVERIFY(select(fixture(fixtures::UserBlockFileName), QStringLiteral("/")));
        QTRY_VERIFY_WITH_TIMEOUT(overview()->text().contains(QLatin1String("User block: 512 bytes")), Timeout);
    }

    // The object's rows and the file's rows are two forms: their values
    // started 40 px apart ("Path:" / "Largest datasets:"); one column now.
    void theRootsValuesLineUp()
    {
        QVERIFY(select(fixture(fixtures::StorageFileName), QStringLiteral("/")));
        QTRY_VERIFY_WITH_TIMEOUT(!overview()->isReading() && overview()->text().contains(QLatin1String("Largest datasets:")), Timeout);
        QLabel *path = nullptr, *size = nullptr;
        for (QLabel *l : overview()->findChildren<QLabel *>()) {
            if (l->text() == QLatin1String("/"))
                path = l;
            else if (l->text().endsWith(QLatin1String(" bytes)")) && l->isVisible())
                size = l;
        }
        QVERIFY(path && size);
        QCOMPARE(size->mapTo(overview(), QPoint()).x(), path->mapTo(overview(), QPoint()).x());
    }

    void aGroupListsItsMembersByKind()
    {
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/shortcuts")));
        QTRY_VERIFY_WITH_TIMEOUT(overview()->text().contains(QLatin1String("Members: 1 dataset, 2 soft links, 3 external links")), Timeout);
        QVERIFY(!overview()->text().contains(QLatin1String("Largest datasets"))); // the file's summary is for its root
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/tracked/zulu")));
        QTRY_VERIFY_WITH_TIMEOUT(overview()->text().contains(QLatin1String("Members: none (an empty group)")), Timeout);
    }

    void aDatasetSaysHowToOpenIt()
    {
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/data/humidity")));
        QTRY_VERIFY_WITH_TIMEOUT(overview()->text().contains(QLatin1String("Double-click it in the tree, or press Enter")), Timeout);
    }

    // Before: Enter in the path bar only selected the dataset.
    void enterInThePathBarOpensADataset()
    {
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/data")));
        ui::PathBar *bar = m_w->pathBar();
        bar->setFocus();
        bar->setText(QStringLiteral("/data/humidity"));
        QTest::keyClick(bar, Qt::Key_Return);
        ui::DatasetPanel *panel = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((panel = m_w->datasetTabs()->currentPanel()) && panel->reader()->path() == QLatin1String("/data/humidity"), Timeout);
        QCOMPARE(currentPath(*m_w), QStringLiteral("/data/humidity"));
        // A group is only selected.
        const int tabs = m_w->datasetTabs()->count();
        bar->setText(QStringLiteral("/grid"));
        QTest::keyClick(bar, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(currentPath(*m_w), QStringLiteral("/grid"), Timeout);
        QCOMPARE(m_w->datasetTabs()->count(), tabs);
    }

    void thePathBarSaysWhichFileItSearches()
    {
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/data")));
        QVERIFY(!m_w->pathBar()->placeholderText().contains(QLatin1String("objects.h5"))); // one file: nothing to tell apart
        QVERIFY(select(fixture(fixtures::StorageFileName), QStringLiteral("/blosc")));
        QVERIFY2(m_w->pathBar()->placeholderText().contains(QLatin1String("storage.h5")), qPrintable(m_w->pathBar()->placeholderText()));
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/grid")));
        QVERIFY2(m_w->pathBar()->placeholderText().contains(QLatin1String("objects.h5")), qPrintable(m_w->pathBar()->placeholderText()));
        QCOMPARE(m_w->pathBar()->currentFileName(), QStringLiteral("objects.h5"));
    }

    // A path not found in the searched file: with two files open, the
    // message names the file it looked in (it said only "There is no
    // “data” in /.", though /data is in the other file).
    void aPathNotFoundNamesTheFileSearched()
    {
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/data")));
        QVERIFY(select(fixture(fixtures::StorageFileName), QStringLiteral("/blosc")));
        ui::PathBar *bar = m_w->pathBar();
        bar->setFocus();
        bar->setText(QStringLiteral("/data/humidity"));
        QTest::keyClick(bar, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(m_w->statusBar()->currentMessage().startsWith(QLatin1String("Cannot go to")), Timeout);
        QVERIFY2(m_w->statusBar()->currentMessage().startsWith(QLatin1String("Cannot go to /data/humidity in storage.h5: ")),
                 qPrintable(m_w->statusBar()->currentMessage()));
    }

    // A group whose index points outside the file (a flipped bit): its
    // Overview does not call it empty, the root's summary walks past it (the
    // census crashed in H5Literate there), and the tree's message says
    // "Could not list" once.
    void aDamagedGroupIsNotEmpty()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("damaged_link_info.h5"));
        QVERIFY(fixtures::writeDamagedLinkInfoFile(file));
        QVERIFY(select(file, QStringLiteral("/")));
        QTRY_VERIFY_WITH_TIMEOUT(!overview()->isReading() && overview()->text().contains(QLatin1String("Contents: 3 groups")), Timeout);
        QVERIFY(select(file, QStringLiteral("/tracked")));
        QTRY_VERIFY_WITH_TIMEOUT(overview()->text().contains(QLatin1String("\nMembers: unknown: they could not be listed")), Timeout);
        m_w->treeView()->expand(m_w->treeView()->currentIndex());
        QTRY_VERIFY_WITH_TIMEOUT(m_w->statusBar()->currentMessage().contains(QLatin1String("Could not list")), Timeout);
        const QString message = m_w->statusBar()->currentMessage();
        QVERIFY2(message.count(QLatin1String("Could not list")) == 1, qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("/tracked")) && message.contains(QLatin1String("damaged")), qPrintable(message));
        // The row keeps saying so once the status message is gone.
        const QModelIndex row = m_w->treeView()->currentIndex().siblingAtColumn(core::HierarchyModel::NameColumn);
        QCOMPARE(row.siblingAtColumn(core::HierarchyModel::DetailsColumn).data().toString(), QStringLiteral("members could not be listed"));
        QVERIFY2(row.data(Qt::ToolTipRole).toString().contains(QLatin1String("damaged")), qPrintable(row.data(Qt::ToolTipRole).toString()));
        const QImage warning = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16).toImage();
        QCOMPARE(row.data(Qt::DecorationRole).value<QIcon>().pixmap(16).toImage(), warning);
        m_w.reset(); // closes the file before the folder goes
        guitests::waitForJobs();
    }

    // Names with bytes that are not UTF-8 (Latin-1 "temp_\xB5m"): the tree,
    // the tab, the grid's title and the status bar showed "temp_\uFFFDm"
    // (a lone surrogate drawn as a box) while the path bar showed
    // "/temp_\xB5m": each shows the byte as the path bar and `info` do.
    void namesNotUtf8AreShownAsThePathBarShowsThem()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("latin1_names.h5"));
        QVERIFY(fixtures::writeLatin1NamesFile(file));
        const QString path = core::names::fromEscaped(QStringLiteral("/temp_\\xB5m/0\\xB0C"));
        QVERIFY(select(file, path));
        QTest::keyClick(m_w->treeView(), Qt::Key_Return);
        ui::DatasetPanel *panel = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((panel = m_w->datasetTabs()->currentPanel()), Timeout);
        const auto clean = [](const QString &s) {
            for (const QChar c : s)
                if (c.isSurrogate() || c == QChar(0xFFFD))
                    return false;
            return true;
        };
        const QString treeText = m_w->treeView()->currentIndex().data().toString();
        QVERIFY2(treeText == QLatin1String("0\\xB0C"), qPrintable(treeText));
        const QString tab = m_w->datasetTabs()->tabText(m_w->datasetTabs()->currentIndex());
        QVERIFY2(clean(tab) && tab.contains(QLatin1String("\\xB0")), qPrintable(tab));
        for (QLabel *l : panel->findChildren<QLabel *>())
            QVERIFY2(clean(l->text()), qPrintable(l->text()));
        bool shown = false;
        for (QLabel *l : m_w->statusBar()->findChildren<QLabel *>()) {
            QVERIFY2(clean(l->text()), qPrintable(l->text()));
            shown = shown || l->text() == QLatin1String("/temp_\\xB5m/0\\xB0C");
        }
        QVERIFY(shown);
        m_w.reset();
        guitests::waitForJobs();
    }

    // The tree's context menu: what a user does with a node.
    void contextMenuOpensADataset()
    {
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/data/humidity")));
        const QStringList shown = contextMenu(QStringLiteral("Open"));
        // Open, Copy Path and Plot (issue 10) first, the structure edits (issue 9;
        // disabled on this read-only file) in their section, Close File last.
        QCOMPARE(shown.first(), QStringLiteral("Open"));
        QCOMPARE(shown.at(1), QStringLiteral("Copy Path"));
        QCOMPARE(shown.at(2), QStringLiteral("Plot"));
        QCOMPARE(shown.last(), QStringLiteral("Close File"));
        const QStringList structure = {QStringLiteral("New &Group\u2026"), QStringLiteral("New &Dataset\u2026"),
                                       QStringLiteral("New &Soft Link\u2026"), QStringLiteral("New &External Link\u2026"),
                                       QStringLiteral("&Rename\u2026"), QStringLiteral("&Move to\u2026"),
                                       QStringLiteral("Re&size\u2026"), QStringLiteral("Edit Link &Target\u2026"),
                                       QStringLiteral("De&lete")};
        QCOMPARE(shown.mid(3, structure.size()), structure);
        ui::DatasetPanel *panel = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((panel = m_w->datasetTabs()->currentPanel()) && panel->reader()->path() == QLatin1String("/data/humidity"), Timeout);

        // A group offers Expand All.
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/grid")));
        const QStringList groupShown = contextMenu();
        QVERIFY2(groupShown.contains(QStringLiteral("Expand All")) && !groupShown.contains(QStringLiteral("Open")), qPrintable(groupShown.join(QLatin1Char(','))));
    }

    void expandAllIsBoundedAndSkipsLinks()
    {
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/")));
        ui::HierarchyView *tree = m_w->treeView();
        tree->collapseAll();
        tree->expandAllBelow(tree->currentIndex());
        QTRY_VERIFY_WITH_TIMEOUT(!tree->isExpandingAll(), Timeout);
        for (const char *p : {"/data", "/data/again", "/grid", "/refs", "/shortcuts", "/tracked", "/types"})
            QVERIFY2(tree->isExpanded(viewIndexOf(QString::fromLatin1(p))), p);
        QVERIFY(!tree->isExpanded(viewIndexOf(QStringLiteral("/shortcuts/elsewhere")))); // an external link

        // 20,000 member groups below /big: stops at the bound.
        QVERIFY(select(fixture(fixtures::LargeGroupFileName), QStringLiteral("/big")));
        const QModelIndex big = tree->currentIndex();
        tree->expandAllBelow(big);
        QTRY_VERIFY_WITH_TIMEOUT(!tree->isExpandingAll(), 60000);
        int expanded = 0;
        for (int r = 0; r < tree->model()->rowCount(big); ++r)
            expanded += tree->isExpanded(tree->model()->index(r, 0, big)) ? 1 : 0;
        QVERIFY2(expanded <= ui::HierarchyView::MaxExpandAll, qPrintable(QString::number(expanded)));
    }
};

QTEST_MAIN(TestOverview)
#include "tst_overview.moc"
