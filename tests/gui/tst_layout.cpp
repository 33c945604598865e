// Issue 8, the window's layout at its default size (1480 x 920 on a
// 1600 x 1000 screen): the data gets the space, nothing in the grid's
// controls is cut, the tree's Name column follows the dock, empty groups
// show no expand arrow, the Storage panel keeps "Available" in view, and
// wrapped panel text is whole.

#include "datasetpanel.h"
#include "datasettabs.h"
#include "errorpresenter.h"
#include "fixtures/fixtures.h"
#include "fixtures/fixtures_conventions.h"
#include "hierarchyview.h"
#include "inspectordocks.h"
#include "linkspanel.h"
#include "jobs/jobrunner.h"
#include "mainwindow.h"
#include "models/hierarchymodel.h"
#include "slicecontrols.h"
#include "storagepanel.h"
#include "windowharness.h"

#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QTableWidget>
#include <QTest>

using namespace hs;
using guitests::currentPath;
using guitests::fixture;
using guitests::initSettings;
using guitests::Timeout;
using core::HierarchyModel;

namespace {

// Whether every pixel of `rect` in `image` has one colour (nothing drawn there).
bool uniform(const QImage &image, const QRect &rect)
{
    const QRgb first = image.pixel(rect.topLeft());
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x)
            if (image.pixel(x, y) != first)
                return false;
    return true;
}

// A group the model first cannot rule out members for, then learns is empty
// (only dataChanged says so, as when the tree's details arrive).
class LateEmptyModel : public QStandardItemModel
{
public:
    bool known = false;
    bool hasChildren(const QModelIndex &parent = {}) const override
    {
        if (parent.isValid() && parent.data().toString() == QLatin1String("empty"))
            return !known;
        return QStandardItemModel::hasChildren(parent);
    }
};

} // namespace

class TestLayout : public QObject, private guitests::WindowHarness
{
    Q_OBJECT

    QDockWidget *treeDock() const { return m_w->findChild<QDockWidget *>(QStringLiteral("ObjectsDock")); }

private Q_SLOTS:
    void initTestCase()
    {
        initSettings("tst_layout");
        QVERIFY2(QFile::exists(fixture(fixtures::ExampleFileName)), "run the make_fixtures test first");
    }

    void init()
    {
        QVERIFY(openWindow(QSize(1480, 920))); // the default on a 1600 x 1000 screen
        m_w->resetLayout();
        QCoreApplication::processEvents();
    }

    void cleanup() { closeWindow(); }

    void theDataGetsTheSpace()
    {
        QVERIFY(select(fixture(fixtures::ExampleFileName), QStringLiteral("/experiment/run_001/volume")));
        QTest::keyClick(m_w->treeView(), Qt::Key_Return);
        ui::DatasetPanel *panel = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((panel = m_w->datasetTabs()->currentPanel()), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), Timeout);
        const int window = m_w->width();
        QVERIFY2(m_w->centralWidget()->width() >= window * 55 / 100,
                 qPrintable(QStringLiteral("central %1 of %2").arg(m_w->centralWidget()->width()).arg(window)));
        QVERIFY(treeDock()->width() <= window * 22 / 100);
        QVERIFY(m_w->inspectors()->attributesDock()->width() <= window * 26 / 100);

        // "dim 1 (64)" whole in both combos; the selection text whole too.
        const auto combos = panel->sliceControls()->findChildren<QComboBox *>();
        QCOMPARE(combos.size(), 2);
        for (QComboBox *c : combos) {
            const int text = c->fontMetrics().horizontalAdvance(c->currentText());
            QVERIFY2(c->width() >= c->sizeHint().width() && c->width() > text,
                     qPrintable(QStringLiteral("%1: %2 px for %3").arg(c->currentText()).arg(c->width()).arg(c->sizeHint().width())));
        }
        auto *selection = panel->sliceControls()->findChild<QLineEdit *>();
        QVERIFY(selection);
        QVERIFY(selection->width() > selection->fontMetrics().horizontalAdvance(selection->text()) + 12);
    }

    void nameColumnFollowsTheDock()
    {
        QVERIFY(select(fixture(fixtures::ExampleFileName), QStringLiteral("/experiment")));
        QHeaderView *header = m_w->treeView()->header();
        const int before = header->sectionSize(HierarchyModel::NameColumn);
        const int details = header->sectionSize(HierarchyModel::DetailsColumn);
        m_w->resizeDocks({treeDock()}, {treeDock()->width() + 200}, Qt::Horizontal);
        QTRY_VERIFY_WITH_TIMEOUT(header->sectionSize(HierarchyModel::NameColumn) >= before + 150, Timeout);
        QCOMPARE(header->sectionSize(HierarchyModel::DetailsColumn), details);
        QVERIFY(header->sectionSize(HierarchyModel::NameColumn) + details <= m_w->treeView()->viewport()->width());
    }

    // /tracked/zulu is an empty group: once its member count is known the
    // arrow goes (it used to stay, promising members that were not there).
    void emptyGroupsShowNoArrow()
    {
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/tracked/alpha")));
        ui::HierarchyView *tree = m_w->treeView();
        const QModelIndex alpha = tree->currentIndex();
        QModelIndex zulu;
        for (int r = 0; r < tree->model()->rowCount(alpha.parent()); ++r)
            if (alpha.sibling(r, 0).data().toString() == QLatin1String("zulu"))
                zulu = alpha.sibling(r, 0);
        QCOMPARE(zulu.data().toString(), QStringLiteral("zulu"));
        QTRY_VERIFY_WITH_TIMEOUT(zulu.data(HierarchyModel::DetailsLoadedRole).toBool(), Timeout);
        QVERIFY(!tree->showsExpandArrow(zulu));
        tree->viewport()->update();
        const QImage image = tree->viewport()->grab().toImage();
        const QRect row = tree->visualRect(zulu);
        const QRect arrowCell(row.left() - tree->indentation(), row.top(), tree->indentation(), row.height());
        QVERIFY2(uniform(image, arrowCell), "an arrow is drawn beside the empty group");
        // The group above it (with members) still has its arrow.
        const QModelIndex tracked = alpha.parent();
        QVERIFY(tree->showsExpandArrow(tracked));
        const QRect trackedRow = tree->visualRect(tracked);
        QVERIFY(!uniform(image, QRect(trackedRow.left() - tree->indentation(), trackedRow.top(), tree->indentation(), trackedRow.height())));
    }

    // The view drops an arrow when only dataChanged says a group is empty
    // (as when the tree's details arrive), also for a group the user opened.
    void anArrowGoesWhenTheGroupTurnsOutEmpty()
    {
        LateEmptyModel model;
        auto *full = new QStandardItem(QStringLiteral("full"));
        full->appendRow(new QStandardItem(QStringLiteral("member")));
        model.appendRow(full);
        model.appendRow(new QStandardItem(QStringLiteral("empty")));
        ui::HierarchyView view;
        view.setModel(&model);
        view.resize(300, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QModelIndex empty = model.index(1, 0);
        const QRect row = view.visualRect(empty);
        const QRect cell(row.left() - view.indentation(), row.top(), view.indentation(), row.height());
        QVERIFY(!uniform(view.viewport()->grab().toImage(), cell)); // an arrow while members may exist
        view.expand(empty); // the user opens it; its listing finds nothing
        QCoreApplication::processEvents();
        model.known = true;
        Q_EMIT model.dataChanged(empty, empty);
        QVERIFY(!view.showsExpandArrow(empty));
        QTRY_VERIFY_WITH_TIMEOUT(uniform(view.viewport()->grab().toImage(), cell), Timeout);
        const QModelIndex fullIndex = model.index(0, 0);
        const QRect fullRow = view.visualRect(fullIndex);
        QVERIFY(!uniform(view.viewport()->grab().toImage(),
                         QRect(fullRow.left() - view.indentation(), fullRow.top(), view.indentation(), fullRow.height())));
    }

    // On screen (X11), on a group as h5py writes it, empty member groups kept
    // the arrow the view gave them before their member count arrived. The
    // offscreen platform's timing does not bring that order about, so this
    // guards the result rather than reproducing the fault.
    void emptyGroupsOfAnH5pyFileShowNoArrow()
    {
        // As from the command line: the file is opened before the window shows.
        m_w = std::make_unique<app::MainWindow>();
        m_w->errorPresenter()->setDialogsEnabled(false);
        m_w->resize(1480, 920);
        m_w->openFile(fixture(fixtures::H5pyGroupsFileName), QStringLiteral("/wide/item_0"));
        m_w->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_w.get()));
        QTRY_COMPARE_WITH_TIMEOUT(currentPath(*m_w), QStringLiteral("/wide/item_0"), Timeout);
        ui::HierarchyView *tree = m_w->treeView();
        const QModelIndex wide = tree->currentIndex().parent();
        QList<QModelIndex> emptyGroups;
        for (int r = 0; r < tree->model()->rowCount(wide); ++r) {
            const QModelIndex i = tree->model()->index(r, 0, wide);
            if (tree->visualRect(i).bottom() > tree->viewport()->height())
                break;
            if (i.data().toString().endsWith(QLatin1Char('0')))
                emptyGroups << i;
        }
        QVERIFY(emptyGroups.size() >= 3);
        for (const QModelIndex &i : emptyGroups)
            QTRY_VERIFY_WITH_TIMEOUT(i.data(HierarchyModel::DetailsLoadedRole).toBool(), Timeout);
        tree->setCurrentIndex(wide); // nothing selected among the members
        QCoreApplication::processEvents();
        const QImage image = tree->viewport()->grab().toImage();
        for (const QModelIndex &i : emptyGroups) {
            const QRect row = tree->visualRect(i);
            QVERIFY2(uniform(image, QRect(row.left() - tree->indentation(), row.top(), tree->indentation(), row.height())),
                     qPrintable(i.data().toString()));
        }
        const QRect wideRow = tree->visualRect(wide);
        QVERIFY(!uniform(image, QRect(wideRow.left() - tree->indentation(), wideRow.top(), tree->indentation(), wideRow.height())));
    }

    // A dangling external link's status is five lines in the default dock:
    // each wrapped value gets the height its text needs (the last line of the
    // status was cut off: its height was measured before it was shown).
    void wrappedLinkTextIsWhole()
    {
        ui::LinksPanel *links = m_w->inspectors()->linksPanel();
        QVERIFY(select(fixture(fixtures::LinksFileName), QStringLiteral("/dataset")));
        QTRY_VERIFY_WITH_TIMEOUT(links->sectionText(ui::LinksPanel::Section::Link).contains(QLatin1String("Status: resolves")), Timeout);
        QVERIFY(select(fixture(fixtures::LinksFileName), QStringLiteral("/dangling_external")));
        QTRY_VERIFY_WITH_TIMEOUT(links->sectionText(ui::LinksPanel::Section::Link).contains(QLatin1String("Status: dangling")), Timeout);
        QCoreApplication::processEvents();
        int checked = 0;
        for (QLabel *l : links->findChildren<QLabel *>()) {
            if (!l->isVisible() || !l->wordWrap() || l->text().isEmpty())
                continue;
            ++checked;
            QVERIFY2(l->height() >= l->heightForWidth(l->width()),
                     qPrintable(QStringLiteral("%1 px high for %2 px wide, needs %3: %4")
                                    .arg(l->height()).arg(l->width()).arg(l->heightForWidth(l->width())).arg(l->text())));
        }
        QVERIFY(checked > 3);
    }

    void storageKeepsAvailableInView()
    {
        m_w->inspectors()->storageDock()->raise();
        QVERIFY(select(fixture(fixtures::StorageFileName), QStringLiteral("/blosc")));
        ui::StoragePanel *storage = m_w->inspectors()->storagePanel();
        auto *filters = storage->findChild<QTableWidget *>(QStringLiteral("filters"));
        QVERIFY(filters);
        QTRY_VERIFY_WITH_TIMEOUT(!storage->isLoading() && filters->rowCount() == 1 && filters->isVisible(), Timeout);
        QVERIFY(filters->item(0, 2)->text().size() > 30); // long parameters
        QHeaderView *h = filters->horizontalHeader();
        const int availableRight = h->sectionViewportPosition(3) + h->sectionSize(3);
        QVERIFY2(availableRight <= filters->viewport()->width(),
                 qPrintable(QStringLiteral("Available ends at %1 of %2").arg(availableRight).arg(filters->viewport()->width())));
        QVERIFY(h->sectionSize(3) >= filters->fontMetrics().horizontalAdvance(filters->item(0, 3)->text()));
    }
};

QTEST_MAIN(TestLayout)
#include "tst_layout.moc"
