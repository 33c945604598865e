// Issue 8, seen in the real main window: a PyTables table that used to take
// the window down when selected; dimension scales that went missing once a
// grid held them open (through a second hard link to the dataset, or after
// following a reference); panel state left over from the previous object.

#include "attributespanel.h"
#include "datasetpanel.h"
#include "datasettabs.h"
#include "datagridview.h"
#include "fixtures/fixtures.h"
#include "fixtures/fixtures_conventions.h"
#include "hierarchyview.h"
#include "inspectordocks.h"
#include "linkspanel.h"
#include "matlabtextview.h"
#include "mainwindow.h"
#include "models/attributetablemodel.h"
#include "models/datasettablemodel.h"
#include "models/hierarchymodel.h"
#include "windowharness.h"

#include <QDockWidget>
#include <hdf5.h>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hs;
using guitests::currentPath;
using guitests::fixture;
using guitests::initSettings;
using guitests::Timeout;
using Section = ui::LinksPanel::Section;

class TestPanelState : public QObject, private guitests::WindowHarness
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_longLinkFile;
    static constexpr char LongFileName[] =
        "/data/archive/2024/beamtime_0815/detector_eiger_16m/processed/"
        "experiment_run_0001_processed_final_version_with_corrections.h5";

    // Enter on the current tree row; the grid tab of `path` once it is open.
    ui::DatasetPanel *openCurrent(const QString &path)
    {
        m_w->treeView()->setFocus();
        QTest::keyClick(m_w->treeView(), Qt::Key_Return);
        ui::DatasetPanel *p = nullptr;
        (void)QTest::qWaitFor([&] {
            p = m_w->datasetTabs()->currentPanel();
            return p && p->reader()->path() == path;
        }, Timeout);
        return p && p->reader()->path() == path ? p : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initSettings("tst_panelstate");
        QVERIFY2(QFile::exists(fixture(fixtures::PyTablesFileName)), "run the make_fixtures test first");
        // A file whose only link is external, to a long path that does not exist.
        m_longLinkFile = m_dir.filePath(QStringLiteral("longlink.h5"));
        const hid_t f = H5Fcreate(QFile::encodeName(m_longLinkFile).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        QVERIFY(f >= 0);
        QVERIFY(H5Lcreate_external(LongFileName, "/entry/data", f, "raw_frames", H5P_DEFAULT, H5P_DEFAULT) >= 0);
        QVERIFY(H5Fclose(f) >= 0);
    }

    void init()
    {
        QVERIFY(openWindow(QSize(1400, 900)));
    }

    void cleanup() { closeWindow(); }

    // Before: the process aborted inside HDF5 (H5DSis_scale) and the window
    // closed with no message.
    void selectingAPyTablesTimeSeriesTable()
    {
        const QString file = fixture(fixtures::PyTablesFileName);
        QVERIFY(select(file, QStringLiteral("/run/table")));
        QVERIFY(linksShown(QStringLiteral("/run/table")));
        QCOMPARE(links()->sectionText(Section::Scales), QString());
        QVERIFY(attributesShown(QStringLiteral("/run/table")));
        QCOMPARE(attributes()->model()->rowCount(), 6);
        QVERIFY(openCurrent(QStringLiteral("/run/table")));
        QVERIFY(m_w->isVisible());
    }

    // Before: the Links panel lost its scales section and later grids showed
    // plain indices while the scales were open in a grid.
    void scalesStayWhenTheDatasetIsOpenThroughASecondHardLink()
    {
        const QString file = fixture(fixtures::ObjectsFileName);
        QVERIFY(select(file, QStringLiteral("/shortcuts/temp_alias")));
        ui::DatasetPanel *alias = openCurrent(QStringLiteral("/shortcuts/temp_alias"));
        QVERIFY(alias);
        QVERIFY(alias->model()->rowsHaveScale());
        QVERIFY(alias->model()->columnsHaveScale());

        QVERIFY(select(file, QStringLiteral("/data/temperature")));
        QVERIFY(linksShown(QStringLiteral("/data/temperature")));
        QCOMPARE(links()->sectionText(Section::Scales), QStringLiteral("dim 0 (y): /grid/y\ndim 1 (x): /grid/x, /grid/column"));
        ui::DatasetPanel *temp = openCurrent(QStringLiteral("/data/temperature"));
        QVERIFY(temp);
        QVERIFY(temp->model()->rowsHaveScale());
        QTRY_COMPARE_WITH_TIMEOUT(temp->model()->headerData(1, Qt::Vertical).toString(), QStringLiteral("2"), Timeout);

        QVERIFY(select(file, QStringLiteral("/data/humidity")));
        QVERIFY(linksShown(QStringLiteral("/data/humidity")));
        QCOMPARE(links()->sectionText(Section::Scales), QStringLiteral("dim 0: /grid/x"));
        ui::DatasetPanel *humidity = openCurrent(QStringLiteral("/data/humidity"));
        QVERIFY(humidity);
        QVERIFY(humidity->model()->rowsHaveScale());
    }

    void scalesStayAfterFollowingAReference()
    {
        const QString file = fixture(fixtures::ObjectsFileName);
        QVERIFY(select(file, QStringLiteral("/refs/regions")));
        ui::DatasetPanel *regions = openCurrent(QStringLiteral("/refs/regions"));
        QVERIFY(regions);
        QTRY_VERIFY_WITH_TIMEOUT(regions->model()->isLoaded(0, 0), Timeout);
        QTableView *view = regions->grid()->tableView();
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(regions->model()->index(0, 0)).center());
        ui::DatasetPanel *temp = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((temp = m_w->datasetTabs()->currentPanel()) && temp->reader()->path() == QLatin1String("/data/temperature"), Timeout);
        QVERIFY(temp->model()->rowsHaveScale());

        QVERIFY(select(file, QStringLiteral("/data/humidity")));
        QVERIFY(linksShown(QStringLiteral("/data/humidity")));
        QCOMPARE(links()->sectionText(Section::Scales), QStringLiteral("dim 0: /grid/x"));
        QVERIFY(openCurrent(QStringLiteral("/data/humidity"))->model()->rowsHaveScale());
    }

    // Before: a MATLAB char array opened as a grid of uint16 codes (a 1xN
    // char as N rows of one number) and MATLAB_class was not recognised.
    void matlabCharOpensAsItsText()
    {
        const QString file = fixture(fixtures::MatlabFileName);
        QVERIFY(select(file, QStringLiteral("/names")));
        QVERIFY(attributesShown(QStringLiteral("/names")));
        const core::AttributeTableModel *attrs = attributes()->model();
        QCOMPARE(attrs->rowCount(), 2);
        for (int r = 0; r < attrs->rowCount(); ++r)
            QCOMPARE(attrs->attributeAt(r)->convention, QStringLiteral("MATLAB"));

        m_w->treeView()->setFocus();
        QTest::keyClick(m_w->treeView(), Qt::Key_Return);
        ui::MatlabTextView *text = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((text = qobject_cast<ui::MatlabTextView *>(m_w->datasetTabs()->currentWidget())), Timeout);
        QCOMPARE(text->text(), QStringLiteral("alpha\ngamma\ndelta"));
        // Enter again focuses the same tab.
        const int tabs = m_w->datasetTabs()->count();
        m_w->treeView()->setFocus();
        QTest::keyClick(m_w->treeView(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_w->datasetTabs()->currentWidget(), static_cast<QWidget *>(text), Timeout);
        QCOMPARE(m_w->datasetTabs()->count(), tabs);
        // The codes are one click away, in a grid: 5 x 3 as HDF5 stores them.
        auto *codes = text->findChild<QPushButton *>();
        QVERIFY(codes);
        codes->click();
        ui::DatasetPanel *grid = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((grid = m_w->datasetTabs()->currentPanel()) && grid->reader()->path() == QLatin1String("/names"), Timeout);
        QCOMPARE(grid->model()->rowCount(), 5);

        QVERIFY(select(file, QStringLiteral("/greeting")));
        m_w->treeView()->setFocus();
        QTest::keyClick(m_w->treeView(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT((text = qobject_cast<ui::MatlabTextView *>(m_w->datasetTabs()->currentWidget()))
                                     && text->datasetPath() == QLatin1String("/greeting"), Timeout);
        QCOMPARE(text->text(), QStringLiteral("hello world"));
    }

    // Before: "· 4 attributes" stayed in the header of a dangling link.
    void attributesHeaderForgetsThePreviousObject()
    {
        const QString file = fixture(fixtures::ObjectsFileName);
        QVERIFY(select(file, QStringLiteral("/data/temperature")));
        QVERIFY(attributesShown(QStringLiteral("/data/temperature")));
        QVERIFY2(attributes()->headerText().contains(QLatin1String("4 attributes")), qPrintable(attributes()->headerText()));
        QVERIFY(select(file, QStringLiteral("/shortcuts/gone")));
        QTRY_COMPARE_WITH_TIMEOUT(attributes()->messageText(),
                                  QStringLiteral("This link does not lead to an object, so there are no attributes to show."), Timeout);
        QVERIFY2(!attributes()->headerText().contains(QLatin1String("attribute")), qPrintable(attributes()->headerText()));
        QVERIFY(attributes()->headerText().contains(QLatin1String("gone")));
    }

    // Before: a dangling external link to a long file name put one
    // unbreakable word into its Status row: the text ran off the right edge
    // and its last line under the next row.
    void longLinkStatusKeepsItsRow()
    {
        QVERIFY(select(m_longLinkFile, QStringLiteral("/raw_frames")));
        QVERIFY(linksShown(QStringLiteral("/raw_frames")));
        QWidget *content = links()->findChild<QScrollArea *>()->widget();
        QLabel *status = nullptr, *order = nullptr;
        for (QLabel *l : content->findChildren<QLabel *>()) {
            if (l->text().contains(QLatin1String("dangling: ")))
                status = l;
            else if (l->text() == QLatin1String("Creation order"))
                order = l;
        }
        QVERIFY(status && order);
        QTRY_VERIFY_WITH_TIMEOUT(status->height() >= status->heightForWidth(status->width()), Timeout);
        const QRect s(status->mapTo(content, QPoint(0, 0)), status->size());
        const QRect o(order->mapTo(content, QPoint(0, 0)), order->size());
        QVERIFY2(s.bottom() < o.top(), qPrintable(QStringLiteral("status %1..%2, next row from %3").arg(s.top()).arg(s.bottom()).arg(o.top())));
        const int visible = links()->findChild<QScrollArea *>()->viewport()->width();
        QVERIFY2(s.right() < visible, qPrintable(QStringLiteral("status ends at %1 of %2").arg(s.right()).arg(visible)));
        // What is copied from the panel is the text itself.
        QVERIFY(links()->sectionText(Section::Link).contains(QLatin1String(LongFileName)));
    }
};

QTEST_MAIN(TestPanelState)
#include "tst_panelstate.moc"
