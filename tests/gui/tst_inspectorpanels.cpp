// The inspector docks in the real main window, driven as a user drives them:
// select objects in objects.h5 / attributes.h5 (tests/fixtures) and read what
// the attributes and links panels say; follow paths, scales and references
// (in the panels and in grid cells) and check where the window goes.

#include "attributespanel.h"
#include "datagridview.h"
#include "datasetpanel.h"
#include "datasettabs.h"
#include "fixtures/fixtures.h"
#include "hierarchyview.h"
#include "inspectordocks.h"
#include "jobs/jobrunner.h"
#include "linkspanel.h"
#include "mainwindow.h"
#include "models/attributetablemodel.h"
#include "models/datasettablemodel.h"
#include "models/hierarchymodel.h"
#include "storagepanel.h"
#include "windowharness.h"

#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

using namespace hs;
using guitests::currentPath;
using guitests::fixture;
using guitests::initSettings;
using guitests::Timeout;
using core::AttributeTableModel;
using Section = ui::LinksPanel::Section;

namespace {

QStringList attributeNames(const AttributeTableModel *m)
{
    QStringList names;
    for (int r = 0; r < m->rowCount(); ++r)
        names << m->attributeAt(r)->name;
    return names;
}

QString rangesText(const std::vector<ui::CellRange> &ranges)
{
    QStringList parts;
    for (const auto &r : ranges)
        parts << QStringLiteral("(%1,%2)-(%3,%4)").arg(r.top).arg(r.left).arg(r.bottom).arg(r.right);
    return parts.join(QStringLiteral(", "));
}

// A click on the first characters of a label that is a link, scrolled into
// view first as a user would (the click lands where the label is on screen).
void clickLink(QLabel *label)
{
    QVERIFY(label);
    for (QWidget *w = label->parentWidget(); w; w = w->parentWidget())
        if (auto *scroll = qobject_cast<QScrollArea *>(w)) {
            scroll->ensureWidgetVisible(label);
            break;
        }
    // The first characters are on the first line: a narrow panel wraps the
    // label, and its vertical middle is then between lines or past the link.
    QTest::mouseClick(label, Qt::LeftButton, {}, QPoint(3, label->contentsRect().top() + label->fontMetrics().height() / 2));
}

// What a user's double-click sends: press, release, then the second press.
void doubleClick(QAbstractItemView *view, const QModelIndex &index)
{
    const QPoint at = view->visualRect(index).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
}

} // namespace

class TestInspectorPanels : public QObject, private guitests::WindowHarness
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        initSettings("tst_inspectorpanels");
        QVERIFY2(QFile::exists(fixture(fixtures::ObjectsFileName)), "run the make_fixtures test first");
    }

    void init()
    {
        QVERIFY(openWindow(QSize(1400, 900)));
    }

    void cleanup() { closeWindow(); }

    void docksAreOnTheRightAndToggledFromTheViewMenu()
    {
        ui::InspectorDocks *d = m_w->inspectors();
        QCOMPARE(d->attributesDock()->windowTitle(), QStringLiteral("Attributes"));
        QCOMPARE(d->linksDock()->windowTitle(), QStringLiteral("Links and References"));
        QCOMPARE(d->storageDock()->windowTitle(), QStringLiteral("Storage"));
        for (QDockWidget *dock : {d->attributesDock(), d->linksDock(), d->storageDock()}) {
            QCOMPARE(m_w->dockWidgetArea(dock), Qt::RightDockWidgetArea);
            QVERIFY(!dock->objectName().isEmpty()); // saved with the window state
        }
        QVERIFY(d->attributesDock()->isVisible());
        d->attributesDock()->toggleViewAction()->trigger();
        QVERIFY(!d->attributesDock()->isVisible());
        d->attributesDock()->toggleViewAction()->trigger();
        QVERIFY(d->attributesDock()->isVisible());
    }

    void attributesWithConventionMarkersAndExplanations()
    {
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/data/temperature")));
        QVERIFY(attributesShown(QStringLiteral("/data/temperature")));
        const AttributeTableModel *m = attributes()->model();
        QCOMPARE(attributeNames(m), (QStringList{"DIMENSION_LABELS", "DIMENSION_LIST", "long_name", "units"}));
        QCOMPARE(attributes()->messageText(), QString());
        // Type, shape and value as h5dump has them.
        QTableView *t = attributes()->table();
        QCOMPARE(t->model()->index(3, AttributeTableModel::ValueColumn).data().toString(), QStringLiteral("\"degC\""));
        QCOMPARE(t->model()->index(3, AttributeTableModel::ShapeColumn).data().toString(), QStringLiteral("scalar"));
        QVERIFY(t->model()->index(3, AttributeTableModel::TypeColumn).data(Qt::ToolTipRole).toString().contains(
            QLatin1String("H5T_STRING")));
        // Convention attributes are marked (tag) and explained (tooltip, detail view); others are not.
        const QModelIndex list = t->model()->index(1, AttributeTableModel::NameColumn);
        QCOMPARE(list.data(AttributeTableModel::ConventionRole).toString(), QStringLiteral("Dimension scales"));
        QCOMPARE(t->model()->index(3, 0).data(AttributeTableModel::ConventionRole).toString(), QString());
        const QString explanation = QStringLiteral("Dimension scales attached to each dimension: 0: /grid/y, 1: /grid/x and /grid/column");
        QVERIFY2(list.data(Qt::ToolTipRole).toString().contains(explanation), qPrintable(list.data(Qt::ToolTipRole).toString()));
        QVERIFY(attributes()->selectAttribute(QStringLiteral("DIMENSION_LIST")));
        QVERIFY2(attributes()->detailHeading().contains(explanation), qPrintable(attributes()->detailHeading()));
        QVERIFY(attributes()->detailHeading().startsWith(QLatin1String("DIMENSION_LIST")));
        QTRY_COMPARE_WITH_TIMEOUT(attributes()->detailValue(), QStringLiteral("(/grid/y), (/grid/x, /grid/column)"), Timeout);
        QCOMPARE(m_w->inspectors()->attributesDock()->isVisible(), true);
    }

    void detailViewShowsTheWholeValue()
    {
        QVERIFY(select(fixture(fixtures::AttributesFileName), QStringLiteral("/types")));
        QVERIFY(attributesShown(QStringLiteral("/types")));
        QVERIFY(attributes()->selectAttribute(QStringLiteral("big")));
        const int row = attributeNames(attributes()->model()).indexOf(QStringLiteral("big"));
        QVERIFY(attributes()->model()->attributeAt(row)->elided);
        QStringList all;
        for (int i = 0; i < 10000; ++i)
            all << QString::number(i);
        QTRY_VERIFY_WITH_TIMEOUT(!attributes()->isDetailLoading(), Timeout);
        QCOMPARE(attributes()->detailValue(), all.join(QStringLiteral(", ")));
        QVERIFY(attributes()->detailHeading().contains(QLatin1String("H5T_STD_I32LE")));
        QVERIFY(attributes()->detailHeading().contains(QLatin1String("10000")));
        // An empty object says so.
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/grid")));
        QVERIFY(attributesShown(QStringLiteral("/grid")));
        QCOMPARE(attributes()->messageText(), QStringLiteral("No attributes"));
    }

    void creationOrderSwitch()
    {
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/tracked")));
        QVERIFY(attributesShown(QStringLiteral("/tracked")));
        QCOMPARE(attributeNames(attributes()->model()), (QStringList{"first", "second"}));
        QComboBox *order = attributes()->orderBox();
        auto *items = qobject_cast<QStandardItemModel *>(order->model());
        QTRY_VERIFY_WITH_TIMEOUT(items->item(1)->isEnabled(), Timeout);
        order->setFocus();
        QTest::keyClick(order, Qt::Key_Down); // as a user picks "Creation"
        QCOMPARE(order->currentIndex(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(attributeNames(attributes()->model()), (QStringList{"second", "first"}), Timeout);
        // An object that does not record the order: creation cannot be chosen.
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/data/temperature")));
        QVERIFY(attributesShown(QStringLiteral("/data/temperature")));
        QTRY_VERIFY_WITH_TIMEOUT(!items->item(1)->isEnabled(), Timeout);
        QCOMPARE(order->currentIndex(), 0);
    }

    void linkAndObjectOfAnObjectWithThreeHardLinks()
    {
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/data/temperature")));
        QVERIFY(linksShown(QStringLiteral("/data/temperature")));
        const QString link = links()->sectionText(Section::Link);
        QVERIFY2(link.contains(QLatin1String("\nKind: hard link\n")), qPrintable(link));
        QVERIFY(link.contains(QLatin1String("\nStatus: resolves\n")));
        QVERIFY(link.contains(QLatin1String("\nCreation order: not tracked by the parent group")));
        const QString object = links()->sectionText(Section::Object);
        QVERIFY2(object.contains(QLatin1String("Kind: dataset\n")), qPrintable(object));
        QVERIFY(object.contains(QLatin1String("\nHard links: 3\n")));
        QVERIFY(object.contains(QLatin1String("\nAttributes: 4\n")));
        // Written in the latest format: all four times are recorded.
        for (const char *t : {"Created: ", "Modified: ", "Changed: ", "Accessed: "})
            QVERIFY2(object.contains(QLatin1String(t)), t);
        QVERIFY(!object.contains(QLatin1String("not tracked by this file")));
        const QString token = object.section(QLatin1String("Identity: "), 1).section(QLatin1Char('\n'), 0, 0);
        QVERIFY2(!token.isEmpty(), qPrintable(object));

        // All three paths, found in the background; the same identity through the alias.
        QTRY_VERIFY_WITH_TIMEOUT(!links()->isSearching(), Timeout);
        QCOMPARE(links()->foundPaths(), (QStringList{"/data/again/temperature", "/data/temperature", "/shortcuts/temp_alias"}));
        QVERIFY(links()->sectionText(Section::Paths).startsWith(QLatin1String("3 paths found")));
        clickLink(links()->linkLabel(Section::Paths, QStringLiteral("/shortcuts/temp_alias")));
        QTRY_COMPARE_WITH_TIMEOUT(currentPath(*m_w), QStringLiteral("/shortcuts/temp_alias"), Timeout);
        QVERIFY(linksShown(QStringLiteral("/shortcuts/temp_alias")));
        QVERIFY(links()->sectionText(Section::Object).contains(QStringLiteral("Identity: %1\n").arg(token)));
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/grid/y")));
        QVERIFY(linksShown(QStringLiteral("/grid/y")));
        QVERIFY(!links()->sectionText(Section::Object).contains(QStringLiteral("Identity: %1\n").arg(token)));
        QVERIFY(links()->sectionText(Section::Object).contains(QLatin1String("\nHard links: 1\n")));
        QCOMPARE(links()->foundPaths(), QStringList{QStringLiteral("/grid/y")});
    }

    void softExternalDanglingAndUntimed()
    {
        const QString file = fixture(fixtures::ObjectsFileName);
        QVERIFY(select(file, QStringLiteral("/shortcuts/latest")));
        QVERIFY(linksShown(QStringLiteral("/shortcuts/latest")));
        QString link = links()->sectionText(Section::Link);
        QVERIFY2(link.contains(QLatin1String("\nKind: soft link\nTarget: /data/temperature\nStatus: resolves")), qPrintable(link));
        clickLink(links()->linkLabel(Section::Link, QStringLiteral("/data/temperature")));
        QTRY_COMPARE_WITH_TIMEOUT(currentPath(*m_w), QStringLiteral("/data/temperature"), Timeout);

        QVERIFY(select(file, QStringLiteral("/shortcuts/broken")));
        QVERIFY(linksShown(QStringLiteral("/shortcuts/broken")));
        link = links()->sectionText(Section::Link);
        QVERIFY2(link.contains(QLatin1String("\nKind: soft link\nTarget: /data/nothing\nStatus: dangling: ")), qPrintable(link));
        QVERIFY(links()->sectionText(Section::Object).contains(QLatin1String("No object")));
        QCOMPARE(links()->sectionText(Section::Paths), QString()); // hidden: nothing to search for
        QTRY_COMPARE_WITH_TIMEOUT(attributes()->messageText(),
                                  QStringLiteral("This link does not lead to an object, so there are no attributes to show."), Timeout);

        QVERIFY(select(file, QStringLiteral("/shortcuts/gone")));
        QVERIFY(linksShown(QStringLiteral("/shortcuts/gone")));
        link = links()->sectionText(Section::Link);
        QVERIFY2(link.contains(QLatin1String("\nKind: external link\nTarget: /data\nFile: no_such_file.h5\nStatus: dangling: ")),
                 qPrintable(link));

        QVERIFY(select(file, QStringLiteral("/untimed")));
        QVERIFY(linksShown(QStringLiteral("/untimed")));
        QVERIFY2(links()->sectionText(Section::Object).contains(QLatin1String("\nTimes: not tracked by this file")),
                 qPrintable(links()->sectionText(Section::Object)));

        // Link creation order where the parent group tracks it.
        QVERIFY(select(file, QStringLiteral("/tracked/mike")));
        QVERIFY(linksShown(QStringLiteral("/tracked/mike")));
        QVERIFY2(links()->sectionText(Section::Link).contains(QLatin1String("\nCreation order: #2 in its group")),
                 qPrintable(links()->sectionText(Section::Link)));
    }

    void committedTypeIsNavigable()
    {
        const QString file = fixture(fixtures::ObjectsFileName);
        QVERIFY(select(file, QStringLiteral("/data/pressure")));
        QVERIFY(linksShown(QStringLiteral("/data/pressure")));
        QVERIFY(links()->sectionText(Section::Object).contains(QLatin1String("\nDatatype: /types/pressure_t")));
        clickLink(links()->linkLabel(Section::Object, QStringLiteral("/types/pressure_t")));
        QTRY_COMPARE_WITH_TIMEOUT(currentPath(*m_w), QStringLiteral("/types/pressure_t"), Timeout);
        QVERIFY(select(file, QStringLiteral("/data/anon_typed")));
        QVERIFY(linksShown(QStringLiteral("/data/anon_typed")));
        QVERIFY(links()->sectionText(Section::Object).contains(QLatin1String("\nDatatype: anonymous committed datatype")));
    }

    void dimensionScalesBothWays()
    {
        const QString file = fixture(fixtures::ObjectsFileName);
        QVERIFY(select(file, QStringLiteral("/data/temperature")));
        QVERIFY(linksShown(QStringLiteral("/data/temperature")));
        QCOMPARE(links()->sectionText(Section::Scales),
                 QStringLiteral("dim 0 (y): /grid/y\ndim 1 (x): /grid/x, /grid/column"));
        clickLink(links()->linkLabel(Section::Scales, QStringLiteral("/grid/column")));
        QTRY_COMPARE_WITH_TIMEOUT(currentPath(*m_w), QStringLiteral("/grid/column"), Timeout);

        QVERIFY(select(file, QStringLiteral("/grid/x")));
        QVERIFY(linksShown(QStringLiteral("/grid/x")));
        QCOMPARE(links()->sectionText(Section::Scales),
                 QStringLiteral("Scale name: longitude\nScale of: /data/temperature (dimension 1), /data/humidity (dimension 0)"));
        clickLink(links()->linkLabel(Section::Scales, QStringLiteral("/data/humidity")));
        QTRY_COMPARE_WITH_TIMEOUT(currentPath(*m_w), QStringLiteral("/data/humidity"), Timeout);
        QVERIFY(linksShown(QStringLiteral("/data/humidity")));
        QCOMPARE(links()->sectionText(Section::Scales), QStringLiteral("dim 0: /grid/x"));
        // A dataset without scales has no such section.
        QVERIFY(select(file, QStringLiteral("/untimed")));
        QVERIFY(linksShown(QStringLiteral("/untimed")));
        QCOMPARE(links()->sectionText(Section::Scales), QString());
    }

    void attributeReferencesNavigate()
    {
        // Object reference (the dimension-scale list): double-click the row.
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/data/temperature")));
        QVERIFY(attributesShown(QStringLiteral("/data/temperature")));
        QTableView *t = attributes()->table();
        doubleClick(t, t->model()->index(1, 0));
        QTRY_COMPARE_WITH_TIMEOUT(currentPath(*m_w), QStringLiteral("/grid/y"), Timeout);

        // Region reference: the dataset opens in a grid with exactly the region selected.
        const QString file = fixture(fixtures::AttributesFileName);
        QVERIFY(select(file, QStringLiteral("/data")));
        QVERIFY(attributesShown(QStringLiteral("/data")));
        const int row = attributeNames(attributes()->model()).indexOf(QStringLiteral("region_blocks"));
        QVERIFY(row >= 0);
        doubleClick(t, t->model()->index(row, 0));
        ui::DatasetPanel *panel = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((panel = m_w->datasetTabs()->currentPanel()) && panel->reader()->path() == QLatin1String("/data"), Timeout);
        QCOMPARE(rangesText(panel->grid()->selectedRanges()), QStringLiteral("(1,1)-(2,3), (5,5)-(6,6)"));
        QCOMPARE(panel->grid()->currentRow(), quint64(1));
        QCOMPARE(panel->grid()->currentColumn(), quint64(1));
        QCOMPARE(currentPath(*m_w), QStringLiteral("/data"));
    }

    void gridReferenceCellsNavigate()
    {
        const QString file = fixture(fixtures::ObjectsFileName);
        QVERIFY(select(file, QStringLiteral("/refs/objects")));
        m_w->treeView()->setFocus();
        QTest::keyClick(m_w->treeView(), Qt::Key_Return);
        ui::DatasetPanel *refs = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((refs = m_w->datasetTabs()->currentPanel()) && refs->reader()->path() == QLatin1String("/refs/objects"), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(refs->model()->isLoaded(3, 0), Timeout);
        QCOMPARE(refs->referenceAt(1, 0), QStringLiteral("/grid"));
        QCOMPARE(refs->referenceAt(3, 0), QStringLiteral("NULL"));
        QTableView *view = refs->grid()->tableView();
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(refs->model()->index(1, 0)).center());
        QTRY_COMPARE_WITH_TIMEOUT(currentPath(*m_w), QStringLiteral("/grid"), Timeout);
        // Enter follows the reference under the cursor too; NULL leads nowhere.
        refs->grid()->setCurrentCell(2, 0);
        QTest::keyClick(view, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(currentPath(*m_w), QStringLiteral("/types/pressure_t"), Timeout);
        refs->grid()->setCurrentCell(3, 0);
        QTest::keyClick(view, Qt::Key_Return);
        QVERIFY(core::JobRunner::instance().waitForIdle(Timeout)); // whatever Enter started has ended
        QCoreApplication::processEvents();
        QCOMPARE(currentPath(*m_w), QStringLiteral("/types/pressure_t"));
        QCOMPARE(m_w->datasetTabs()->currentPanel(), refs);
    }

    void gridRegionReferencesSelectExactlyTheRegion()
    {
        const QString file = fixture(fixtures::ObjectsFileName);
        QVERIFY(select(file, QStringLiteral("/refs/regions")));
        m_w->treeView()->setFocus();
        QTest::keyClick(m_w->treeView(), Qt::Key_Return);
        ui::DatasetPanel *regions = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((regions = m_w->datasetTabs()->currentPanel()) && regions->reader()->path() == QLatin1String("/refs/regions"), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(regions->model()->isLoaded(1, 0), Timeout);
        QCOMPARE(regions->referenceAt(0, 0), QStringLiteral("/data/temperature {(0,0)-(1,2), (10,0)-(11,2)}"));
        QTableView *view = regions->grid()->tableView();
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(regions->model()->index(0, 0)).center());

        ui::DatasetPanel *temp = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((temp = m_w->datasetTabs()->currentPanel()) && temp->reader()->path() == QLatin1String("/data/temperature"), Timeout);
        QCOMPARE(rangesText(temp->grid()->selectedRanges()), QStringLiteral("(0,0)-(1,2), (10,0)-(11,2)"));
        QCOMPARE(temp->grid()->currentRow(), quint64(0));
        QTRY_COMPARE_WITH_TIMEOUT(currentPath(*m_w), QStringLiteral("/data/temperature"), Timeout);
        // Its attributes read while the grid holds the dataset open.
        QVERIFY(attributesShown(QStringLiteral("/data/temperature")));
        QCOMPARE(attributes()->messageText(), QString());
        QCOMPARE(attributeNames(attributes()->model()), (QStringList{"DIMENSION_LABELS", "DIMENSION_LIST", "long_name", "units"}));
        // The cells on screen are drawn selected: the first block entirely.
        const QModelIndexList drawn = temp->grid()->tableView()->selectionModel()->selectedIndexes();
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 3; ++c)
                QVERIFY(drawn.contains(temp->model()->index(r, c)));
        QVERIFY(!drawn.contains(temp->model()->index(2, 0)));
        QVERIFY(!drawn.contains(temp->model()->index(0, 3)));

        // The point list, into the tab that is already open.
        const int tabs = m_w->datasetTabs()->count();
        m_w->datasetTabs()->setCurrentWidget(regions);
        QCOMPARE(regions->referenceAt(1, 0), QStringLiteral("/data/temperature {(0,0), (5,7), (19,29)}"));
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(regions->model()->index(1, 0)).center());
        QTRY_COMPARE_WITH_TIMEOUT(m_w->datasetTabs()->currentPanel(), temp, Timeout);
        QCOMPARE(m_w->datasetTabs()->count(), tabs);
        QCOMPARE(rangesText(temp->grid()->selectedRanges()), QStringLiteral("(0,0)-(0,0), (5,7)-(5,7), (19,29)-(19,29)"));
        // Moving the cursor collapses the region to one cell again.
        temp->grid()->setCurrentCell(4, 4);
        QCOMPARE(rangesText(temp->grid()->selectedRanges()), QStringLiteral("(4,4)-(4,4)"));
    }

    void gridRegionReferencesIntoAVolumeFixTheOtherDimension()
    {
        const QString file = fixture(fixtures::ObjectsFileName);
        QVERIFY(select(file, QStringLiteral("/refs/volume_regions")));
        m_w->treeView()->setFocus();
        QTest::keyClick(m_w->treeView(), Qt::Key_Return);
        ui::DatasetPanel *regions = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((regions = m_w->datasetTabs()->currentPanel())
                                     && regions->reader()->path() == QLatin1String("/refs/volume_regions"), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(regions->model()->isLoaded(1, 0), Timeout);
        QCOMPARE(regions->referenceAt(0, 0), QStringLiteral("/data/volume {(1,1,2)-(1,3,4)}"));
        QCOMPARE(regions->referenceAt(1, 0), QStringLiteral("/data/volume {(2,0,0), (2,4,5)}"));
        QTableView *view = regions->grid()->tableView();
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(regions->model()->index(0, 0)).center());

        // The block lies in the plane i = 1: that plane is shown, rows j, columns k.
        ui::DatasetPanel *volume = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((volume = m_w->datasetTabs()->currentPanel()) && volume->reader()->path() == QLatin1String("/data/volume"), Timeout);
        QCOMPARE(volume->model()->selection().toText(), QStringLiteral("[1, :, :]"));
        QCOMPARE(volume->model()->totalRows(), quint64(5));
        QCOMPARE(volume->model()->totalColumns(), quint64(6));
        QCOMPARE(rangesText(volume->grid()->selectedRanges()), QStringLiteral("(1,2)-(3,4)"));
        QTRY_VERIFY_WITH_TIMEOUT(volume->model()->isLoaded(3, 4), Timeout);
        QCOMPARE(volume->model()->cellText(1, 2), QStringLiteral("112")); // i*100 + j*10 + k
        QCOMPARE(volume->model()->cellText(3, 4), QStringLiteral("134"));

        // The points share i = 2: that plane, and exactly the two cells.
        m_w->datasetTabs()->setCurrentWidget(regions);
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(regions->model()->index(1, 0)).center());
        QTRY_COMPARE_WITH_TIMEOUT(m_w->datasetTabs()->currentPanel(), volume, Timeout);
        QCOMPARE(volume->model()->selection().toText(), QStringLiteral("[2, :, :]"));
        QCOMPARE(rangesText(volume->grid()->selectedRanges()), QStringLiteral("(0,0)-(0,0), (4,5)-(4,5)"));
        QTRY_VERIFY_WITH_TIMEOUT(volume->model()->isLoaded(4, 5), Timeout);
        QCOMPARE(volume->model()->cellText(0, 0), QStringLiteral("200"));
        QCOMPARE(volume->model()->cellText(4, 5), QStringLiteral("245"));
    }

    void referenceColumnsShowTheWholeReference()
    {
        const QString file = fixture(fixtures::ObjectsFileName);
        QVERIFY(select(file, QStringLiteral("/refs/regions")));
        m_w->treeView()->setFocus();
        QTest::keyClick(m_w->treeView(), Qt::Key_Return);
        ui::DatasetPanel *regions = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((regions = m_w->datasetTabs()->currentPanel()) && regions->reader()->path() == QLatin1String("/refs/regions"), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(regions->model()->isLoaded(1, 0), Timeout);
        QTableView *view = regions->grid()->tableView();
        const int widest = view->fontMetrics().horizontalAdvance(QStringLiteral("/data/temperature {(0,0)-(1,2), (10,0)-(11,2)}"));
        QVERIFY(widest > view->horizontalHeader()->defaultSectionSize()); // else this would prove nothing
        QTRY_VERIFY_WITH_TIMEOUT(view->horizontalHeader()->sectionSize(0) > widest, Timeout);
        QVERIFY(view->horizontalHeader()->sectionSize(0) <= 500);
        // Numbers get the width of their own text: narrower.
        QVERIFY(select(file, QStringLiteral("/data/temperature")));
        m_w->treeView()->setFocus();
        QTest::keyClick(m_w->treeView(), Qt::Key_Return);
        ui::DatasetPanel *temp = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((temp = m_w->datasetTabs()->currentPanel()) && temp->reader()->path() == QLatin1String("/data/temperature"), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(temp->model()->isLoaded(0, 0), Timeout);
        QHeaderView *header = temp->grid()->tableView()->horizontalHeader();
        const int number = temp->grid()->tableView()->fontMetrics().horizontalAdvance(temp->model()->cellText(0, 0));
        QTRY_VERIFY_WITH_TIMEOUT(header->sectionSize(0) > number, Timeout);
        QVERIFY(header->sectionSize(0) < widest);
    }

    void externalLinkTargetOpensItsFile()
    {
        const QString file = fixture(fixtures::ObjectsFileName);
        QVERIFY(select(file, QStringLiteral("/shortcuts/elsewhere")));
        QVERIFY(linksShown(QStringLiteral("/shortcuts/elsewhere")));
        const QString link = links()->sectionText(Section::Link);
        QVERIFY2(link.contains(QLatin1String("\nKind: external link\nTarget: /target_group\nFile: links_target.h5\nStatus: resolves")),
                 qPrintable(link));
        // Its paths are those of the other file: not searched for in this one.
        const QString paths = links()->sectionText(Section::Paths);
        QVERIFY2(paths.contains(QLatin1String("The object is in links_target.h5, not in this file")), qPrintable(paths));
        QVERIFY(!links()->isSearching());
        QCOMPARE(m_w->hierarchyModel()->fileCount(), 1);
        // The link names the file relative to objects.h5's folder, not the working directory.
        QVERIFY(QDir::current().absolutePath() != QFileInfo(file).absolutePath());
        clickLink(links()->linkLabel(Section::Link, QStringLiteral("links_target.h5:/target_group")));
        QTRY_COMPARE_WITH_TIMEOUT(m_w->hierarchyModel()->fileCount(), 2, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(currentPath(*m_w), QStringLiteral("/target_group"), Timeout);
        const core::H5FilePtr target = m_w->hierarchyModel()->fileOf(m_w->treeView()->currentSourceIndex());
        QVERIFY(target);
        QCOMPARE(QFileInfo(target->path()).canonicalFilePath(),
                 QFileInfo(fixture(fixtures::LinksTargetFileName)).canonicalFilePath());
        // A dangling external link has nothing to open.
        QVERIFY(select(file, QStringLiteral("/shortcuts/gone")));
        QVERIFY(linksShown(QStringLiteral("/shortcuts/gone")));
        QVERIFY(!links()->linkLabel(Section::Link, QStringLiteral("no_such_file.h5:/data"))); // nothing to open
    }

    void fastSwitchingShowsOnlyTheLastObject()
    {
        const QString file = fixture(fixtures::ObjectsFileName);
        QVERIFY(select(file, QStringLiteral("/data/temperature")));
        QVERIFY(select(file, QStringLiteral("/grid/y")));
        const QModelIndex fileIdx = m_w->hierarchyModel()->fileIndexFor(QFileInfo(file).absoluteFilePath());
        const QModelIndex temp = m_w->hierarchyModel()->indexForPath(fileIdx, QStringLiteral("/data/temperature"));
        const QModelIndex y = m_w->hierarchyModel()->indexForPath(fileIdx, QStringLiteral("/grid/y"));
        QVERIFY(temp.isValid() && y.isValid());
        for (int i = 0; i < 5; ++i) {
            m_w->treeView()->selectSourceIndex(temp);
            QCoreApplication::processEvents();
            m_w->treeView()->selectSourceIndex(y);
        }
        core::JobRunner::instance().waitForIdle();
        QVERIFY(attributesShown(QStringLiteral("/grid/y")));
        QVERIFY(linksShown(QStringLiteral("/grid/y")));
        QVERIFY(core::JobRunner::instance().waitForIdle(Timeout));
        QCoreApplication::processEvents(); // any late result of /data/temperature would land now
        QCOMPARE(attributeNames(attributes()->model()), (QStringList{"CLASS", "NAME", "REFERENCE_LIST"}));
        QVERIFY(links()->sectionText(Section::Link).startsWith(QLatin1String("Path: /grid/y\n")));
        QCOMPARE(links()->sectionText(Section::Scales), QStringLiteral("Scale name: latitude\nScale of: /data/temperature (dimension 0)"));
        QTRY_VERIFY_WITH_TIMEOUT(!attributes()->isDetailLoading(), Timeout);
        QVERIFY(attributes()->detailHeading().startsWith(QLatin1String("CLASS")));
    }

    void hiddenPanelsWaitUntilShown()
    {
        const QString file = fixture(fixtures::ObjectsFileName);
        QVERIFY(select(file, QStringLiteral("/data/temperature")));
        QVERIFY(linksShown(QStringLiteral("/data/temperature")));
        // Storage is a tab behind "Links and References": it has not read anything.
        ui::StoragePanel *storage = m_w->inspectors()->storagePanel();
        QCOMPARE(storage->path(), QString());
        m_w->inspectors()->storageDock()->raise();
        QTRY_COMPARE_WITH_TIMEOUT(storage->path(), QStringLiteral("/data/temperature"), Timeout);
        // Now links is hidden: a new selection reaches it only when it is shown again.
        QVERIFY(select(file, QStringLiteral("/grid/x")));
        QTRY_COMPARE_WITH_TIMEOUT(storage->path(), QStringLiteral("/grid/x"), Timeout);
        QVERIFY(links()->sectionText(Section::Link).startsWith(QLatin1String("Path: /data/temperature\n")));
        m_w->inspectors()->linksDock()->raise();
        QVERIFY(linksShown(QStringLiteral("/grid/x")));
    }

    void closingTheFileClearsThePanels()
    {
        QVERIFY(select(fixture(fixtures::ObjectsFileName), QStringLiteral("/data/temperature")));
        QVERIFY(attributesShown(QStringLiteral("/data/temperature")));
        QVERIFY(linksShown(QStringLiteral("/data/temperature")));
        m_w->closeCurrentFile();
        QCOMPARE(m_w->hierarchyModel()->fileCount(), 0);
        QCOMPARE(attributes()->model()->rowCount(), 0);
        QVERIFY(!attributes()->model()->file());
        QCOMPARE(attributes()->messageText(), QStringLiteral("Select an object to see its attributes."));
        QCOMPARE(links()->sectionText(Section::Link), QString());
        QCOMPARE(links()->foundPaths(), QStringList());
    }
};

QTEST_MAIN(TestInspectorPanels)
#include "tst_inspectorpanels.moc"
