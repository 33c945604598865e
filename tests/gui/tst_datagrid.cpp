// The dataset grid: the windowed model, 64-bit scrolling to the last cell,
// N-D slicing, compound columns, copy, and the tile pager's promises (stale
// requests dropped, cache bounded).

#include "datagridview.h"
#include "datasetpanel.h"
#include "datasettabs.h"
#include "elidingheaderview.h"
#include "gridfixtures.h"
#include "jobs/jobrunner.h"
#include "models/datasettablemodel.h"
#include "models/tilepager.h"
#include "services/datasetreader.h"
#include "services/dimensionscales.h"
#include "services/hierarchyreader.h"
#include "slicecontrols.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hs;
using core::DatasetTableModel;
using core::Selection;

class TestDataGrid : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    core::H5FilePtr m_file;

    core::DatasetReaderPtr reader(const QString &path)
    {
        auto r = core::DatasetReader::open(m_file, path);
        if (!r)
            qFatal("cannot open %s: %s", qPrintable(path), qPrintable(r.error().message));
        return r.value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("grid.h5"));
        QVERIFY(gridtests::writeGridFile(path));
        auto f = core::H5File::open(path);
        QVERIFY2(f.ok(), f.ok() ? "" : qPrintable(f.error().message));
        m_file = f.value();
    }

    void cleanup()
    {
        core::JobRunner::instance().waitForIdle();
        QCoreApplication::processEvents();
    }

    void windowedModelServesAnyWindow()
    {
        DatasetTableModel model(reader(QStringLiteral("/matrix")));
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setView(Selection::all({300, 200}), false);
        model.setWindow(0, 0, 20, 10);
        QCOMPARE(model.rowCount(), 20);
        QCOMPARE(model.columnCount(), 10);
        QCOMPARE(model.totalRows(), quint64(300));
        QCOMPARE(model.totalColumns(), quint64(200));
        // Placeholder first, value once the tile arrives.
        QTRY_VERIFY_WITH_TIMEOUT(model.index(3, 4).data(DatasetTableModel::LoadedRole).toBool(), 5000);
        QCOMPARE(model.index(3, 4).data().toString(), QStringLiteral("3004"));
        // The last window is clipped to the extent and reads across tile boundaries.
        model.setWindow(250, 190, 20, 10); // across tile boundaries (64 x 64 chunks)
        QTRY_VERIFY_WITH_TIMEOUT(model.isLoaded(255, 191) && model.isLoaded(256, 192) && model.isLoaded(269, 199), 5000);
        QCOMPARE(model.cellText(255, 191), QStringLiteral("255191"));
        QCOMPARE(model.cellText(256, 192), QStringLiteral("256192"));
        QCOMPARE(model.cellText(269, 199), QStringLiteral("269199"));
        model.setWindow(290, 195, 20, 10);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.columnCount(), 5);
        QCOMPARE(model.headerData(9, Qt::Vertical).toString(), QStringLiteral("299"));
        QTRY_VERIFY_WITH_TIMEOUT(model.isLoaded(299, 199) && model.isLoaded(290, 195), 5000);
        QCOMPARE(model.cellText(299, 199), QStringLiteral("299199"));
        QCOMPARE(model.cellText(290, 195), QStringLiteral("290195"));
    }

    void ctrlEndReachesTheLastCellOfAHugeDataset()
    {
        DataGridViewHolder h(reader(QStringLiteral("/huge")));
        QTest::keyClick(h.grid.tableView(), Qt::Key_End, Qt::ControlModifier);
        const quint64 lastRow = (quint64(1) << 40) - 1, lastCol = (quint64(1) << 20) - 1;
        QCOMPARE(h.grid.currentRow(), lastRow);
        QCOMPARE(h.grid.currentColumn(), lastCol);
        QVERIFY(h.model.topRow() > lastRow - 100);
        QTRY_COMPARE_WITH_TIMEOUT(h.model.cellText(lastRow, lastCol), QStringLiteral("42"), 5000);
        const int lastSection = h.model.rowCount() - 1;
        QCOMPARE(h.model.headerData(lastSection, Qt::Vertical).toString(), QString::number(h.model.topRow() + quint64(lastSection)));
        // And back.
        QTest::keyClick(h.grid.tableView(), Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(h.grid.currentRow(), quint64(0));
        QCOMPARE(h.model.topRow(), quint64(0));
        // Page down moves a screenful, arrows one row.
        QTest::keyClick(h.grid.tableView(), Qt::Key_PageDown);
        QVERIFY(h.grid.currentRow() > 5);
        const quint64 r = h.grid.currentRow();
        QTest::keyClick(h.grid.tableView(), Qt::Key_Down);
        QCOMPARE(h.grid.currentRow(), r + 1);
    }

    void ndDatasetShowsAnyTwoDimensions()
    {
        DatasetPanelHolder h(reader(QStringLiteral("/cube")));
        auto *slice = h.panel.sliceControls();
        // Rows = dim 1, columns = dim 3, dims 0 and 2 fixed.
        QVERIFY(slice->applyText(QStringLiteral("[2, :, 4, :]")));
        QCOMPARE(h.panel.model()->totalRows(), quint64(4));
        QCOMPARE(h.panel.model()->totalColumns(), quint64(6));
        QTRY_VERIFY_WITH_TIMEOUT(h.panel.model()->isLoaded(3, 5), 5000);
        QCOMPARE(h.panel.model()->cellText(3, 5), QStringLiteral("2345"));
        // Swap: rows = dim 3, columns = dim 1 (transposed).
        slice->setDisplayedDimensions(3, 1);
        slice->setFixedIndex(0, 2);
        slice->setFixedIndex(2, 4);
        QCOMPARE(slice->selection().toText(), QStringLiteral("[2, :, 4, :]"));
        QVERIFY(slice->isTransposed());
        QCOMPARE(h.panel.model()->totalRows(), quint64(6));
        QCOMPARE(h.panel.model()->totalColumns(), quint64(4));
        QTRY_VERIFY_WITH_TIMEOUT(h.panel.model()->isLoaded(5, 3), 5000);
        QCOMPARE(h.panel.model()->cellText(5, 3), QStringLiteral("2345"));
        QCOMPARE(h.panel.model()->cellText(1, 2), QStringLiteral("2241"));
        // A selection of more than two dimensions is refused with a message.
        QVERIFY(!slice->applyText(QStringLiteral("[:, :, :, 0]")));
        QVERIFY(!slice->errorText().isEmpty());
        // Strided selections work too.
        QVERIFY(slice->applyText(QStringLiteral("[0, 0, ::2, ::3]")));
        QCOMPARE(h.panel.model()->totalRows(), quint64(3));
        QCOMPARE(h.panel.model()->totalColumns(), quint64(2));
        QTRY_VERIFY_WITH_TIMEOUT(h.panel.model()->isLoaded(2, 1), 5000);
        QCOMPARE(h.panel.model()->cellText(2, 1), QStringLiteral("43"));
    }

    void selectedCellsMapBackToTheDataset()
    {
        DatasetPanelHolder h(reader(QStringLiteral("/cube")));
        auto *slice = h.panel.sliceControls();
        QVERIFY(slice->applyText(QStringLiteral("[2, :, 4, :]")));
        h.panel.grid()->setCurrentCell(1, 2);
        h.panel.grid()->setCurrentCell(3, 4, true);
        QCOMPARE(h.panel.selectedCellsSelection().toText(), QStringLiteral("[2, 1:4, 4, 2:5]"));
        // Transposed: rows are dim 3, columns dim 1.
        slice->setDisplayedDimensions(3, 1);
        h.panel.grid()->setCurrentCell(1, 2);
        h.panel.grid()->setCurrentCell(3, 3, true);
        QCOMPARE(h.panel.selectedCellsSelection().toText(), QStringLiteral("[2, 2:4, 4, 1:4]"));
        // Strided views keep their stride.
        QVERIFY(slice->applyText(QStringLiteral("[0, 0, ::2, ::3]")));
        h.panel.grid()->setCurrentCell(1, 1);
        h.panel.grid()->setCurrentCell(2, 1, true);
        QCOMPARE(h.panel.selectedCellsSelection().toText(), QStringLiteral("[0, 0, 2:5:2, 3:6:3]"));
    }

    void stridedViewsShowDatasetIndices()
    {
        DatasetPanelHolder h(reader(QStringLiteral("/matrix")));
        DatasetTableModel *model = h.panel.model();
        QVERIFY(h.panel.sliceControls()->applyText(QStringLiteral("[::100, ::50]")));
        QCOMPARE(model->totalRows(), quint64(3));
        QCOMPARE(model->totalColumns(), quint64(4));
        // Headers: the dataset's indices, not the view's positions.
        QCOMPARE(model->headerData(1, Qt::Vertical).toString(), QStringLiteral("100"));
        QCOMPARE(model->headerData(2, Qt::Vertical).toString(), QStringLiteral("200"));
        QCOMPARE(model->headerData(3, Qt::Horizontal).toString(), QStringLiteral("150"));
        // The status bar's position.
        h.panel.grid()->setCurrentCell(1, 2);
        QTRY_COMPARE_WITH_TIMEOUT(h.panel.currentValueText(), QStringLiteral("[100, 100] = 100100"), 5000);
        // Go to cell takes dataset indices; one the view skips goes to the one before.
        QVERIFY(h.panel.goToCellText(QStringLiteral("200, 150")));
        QCOMPARE(h.panel.grid()->currentRow(), quint64(2));
        QCOMPARE(h.panel.grid()->currentColumn(), quint64(3));
        QVERIFY(h.panel.goToCellText(QStringLiteral("150, 60")));
        QCOMPARE(h.panel.grid()->currentRow(), quint64(1));
        QCOMPARE(h.panel.grid()->currentColumn(), quint64(1));
        // N-D: every coordinate, the fixed ones too.
        DatasetPanelHolder cube(reader(QStringLiteral("/cube")));
        QVERIFY(cube.panel.sliceControls()->applyText(QStringLiteral("[2, :, 4, 1::2]")));
        cube.panel.grid()->setCurrentCell(1, 1);
        QTRY_COMPARE_WITH_TIMEOUT(cube.panel.currentValueText(), QStringLiteral("[2, 1, 4, 3] = 2143"), 5000);
        QCOMPARE(cube.panel.model()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("3"));
    }

    void datasetsWithoutElementsSayWhy_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("says");
        QTest::newRow("(0,)") << QStringLiteral("/empty1") << QStringLiteral("no elements");
        QTest::newRow("(0, 3)") << QStringLiteral("/empty2") << QStringLiteral("no elements");
        QTest::newRow("null") << QStringLiteral("/nullspace") << QStringLiteral("null");
    }

    void datasetsWithoutElementsSayWhy()
    {
        QFETCH(QString, path);
        QFETCH(QString, says);
        DatasetPanelHolder h(reader(path));
        QLabel *message = nullptr;
        for (QLabel *label : h.panel.findChildren<QLabel *>())
            if (label->isVisible() && label->text().contains(says))
                message = label;
        QVERIFY2(message, "no message says why the grid is empty");
        QVERIFY(!h.panel.grid()->isVisible());
        auto *exportButton = h.panel.findChild<QPushButton *>(QStringLiteral("exportButton"));
        QVERIFY(exportButton);
        QVERIFY(!exportButton->isEnabled());
        QVERIFY(!h.panel.hasElements());
        QCOMPARE(h.panel.currentValueText(), QString());
    }

    void anEmptySelectionSaysSo()
    {
        DatasetPanelHolder h(reader(QStringLiteral("/matrix")));
        QVERIFY(h.panel.sliceControls()->applyText(QStringLiteral("[5:5, :]")));
        QCOMPARE(h.panel.model()->totalRows(), quint64(0));
        QVERIFY(!h.panel.grid()->isVisible());
        bool said = false;
        for (QLabel *label : h.panel.findChildren<QLabel *>())
            said = said || (label->isVisible() && label->text().contains(QLatin1String("[5:5, :] has no elements")));
        QVERIFY(said);
        QCOMPARE(h.panel.currentValueText(), QString());
        QVERIFY(h.panel.sliceControls()->applyText(QStringLiteral("[5:7, :]")));
        QVERIFY(h.panel.grid()->isVisible());
    }

    void switchingTabsRefreshesTheStatusValue()
    {
        ui::DatasetTabs tabs(new QWidget); // the tabs own their overview page
        tabs.resize(900, 700);
        tabs.show();
        QSignalSpy opened(&tabs, &ui::DatasetTabs::datasetOpened);
        QSignalSpy values(&tabs, &ui::DatasetTabs::currentValueChanged);
        auto last = [&] { return values.isEmpty() ? QStringLiteral("(none)") : values.last().first().toString(); };
        tabs.openDataset(m_file, QStringLiteral("/matrix"));
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(last(), QStringLiteral("[0, 0] = 0"), 5000);
        tabs.openDataset(m_file, QStringLiteral("/empty2"));
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 2, 5000);
        QCOMPARE(last(), QString());
        tabs.setCurrentIndex(1);
        QCOMPARE(last(), QStringLiteral("[0, 0] = 0"));
        tabs.openDataset(m_file, QStringLiteral("/nullspace"));
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 3, 5000);
        QCOMPARE(last(), QString());
    }

    void columnsFitTheirValues_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("sample"); // the text of cell (3, 2)
        QTest::newRow("uint64") << QStringLiteral("/wide") << QStringLiteral("18446744073709551604");
        QTest::newRow("float64") << QStringLiteral("/wide64") << QStringLiteral("0.41379310344827586");
        QTest::newRow("complex") << QStringLiteral("/complex") << QStringLiteral("11.333333333333334-0.2857142857142857i");
        QTest::newRow("array") << QStringLiteral("/arr") << QStringLiteral("[11000000, 12000000, 13000000, 14000000, 15000000, 16000000]");
    }

    void columnsFitTheirValues()
    {
        QFETCH(QString, path);
        QFETCH(QString, sample);
        DataGridViewHolder h(reader(path));
        QTRY_VERIFY_WITH_TIMEOUT(h.model.isLoaded(3, 2), 5000);
        QCOMPARE(h.model.cellText(3, 2), sample);
        QHeaderView *header = h.grid.tableView()->horizontalHeader();
        const QFontMetrics fm = h.grid.tableView()->fontMetrics();
        QTRY_VERIFY_WITH_TIMEOUT(header->count() >= 2, 5000);
        for (int c = 0; c < std::min(header->count(), 3); ++c) {
            int needed = 0;
            for (int r = 0; r < 4; ++r)
                needed = std::max(needed, fm.horizontalAdvance(h.model.cellText(quint64(r), quint64(c))));
            QTRY_VERIFY2_WITH_TIMEOUT(header->sectionSize(c) > needed,
                                      qPrintable(QStringLiteral("column %1 is %2 px, its values need %3").arg(c).arg(header->sectionSize(c)).arg(needed)),
                                      5000);
            QVERIFY(header->sectionSize(c) <= ui::DataGridView::MaxColumnWidth);
        }
    }

    void theCursorStaysOnScreenWhenColumnsGrow()
    {
        // Ctrl+End scrolls with the widths of the first screen; the last
        // columns' values and headers ("1048000") are wider.
        DataGridViewHolder h(reader(QStringLiteral("/huge")));
        auto strided = Selection::parse(QStringLiteral("[::1000, ::1000]"), h.model.reader()->shape().dims);
        QVERIFY(strided.ok());
        h.model.setView(strided.value(), false);
        QTRY_VERIFY_WITH_TIMEOUT(h.model.isLoaded(0, 0), 5000);
        QTest::keyClick(h.grid.tableView(), Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(h.grid.currentColumn(), h.model.totalColumns() - 1);
        QTRY_VERIFY_WITH_TIMEOUT(h.model.isLoaded(h.grid.currentRow(), h.grid.currentColumn()), 5000);
        QHeaderView *header = h.grid.tableView()->horizontalHeader();
        const int needed = header->fontMetrics().horizontalAdvance(QStringLiteral("1048000"));
        QTRY_VERIFY_WITH_TIMEOUT(header->sectionSize(0) > needed, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(h.grid.currentColumn() < h.model.leftColumn() + quint64(h.grid.visibleColumns()), 5000);
        // Really on screen: its section ends inside the viewport.
        const int section = int(h.grid.currentColumn() - h.model.leftColumn());
        QVERIFY(header->sectionViewportPosition(section) + header->sectionSize(section) <= h.grid.tableView()->viewport()->width());
    }

    void columnWidthsAreBoundedAndTheUsersWin()
    {
        DataGridViewHolder h(reader(QStringLiteral("/longtext")));
        QHeaderView *header = h.grid.tableView()->horizontalHeader();
        QTRY_VERIFY_WITH_TIMEOUT(h.model.isLoaded(0, 0), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(header->sectionSize(0), ui::DataGridView::MaxColumnWidth, 5000);
        // A drag on a column edge sets the width of every column of the field, and it stays.
        header->resizeSection(1, 90);
        QTRY_COMPARE_WITH_TIMEOUT(header->sectionSize(0), 90, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(header->sectionSize(2), 90, 5000); // once the columns that now fit are there
        h.grid.scrollTo(2, 0);
        QTRY_VERIFY_WITH_TIMEOUT(h.model.isLoaded(3, 0), 5000);
        QCoreApplication::processEvents();
        QCOMPARE(header->sectionSize(0), 90);
    }

    void scaleHeadersAreElidedWithTheValueAsTooltip()
    {
        DataGridViewHolder h(reader(QStringLiteral("/fine")));
        h.model.setDimensionScales({nullptr, reader(QStringLiteral("/fine_x"))});
        QHeaderView *header = h.grid.tableView()->horizontalHeader();
        QTRY_COMPARE_WITH_TIMEOUT(h.model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("0.034482758620689655"), 5000);
        QVERIFY(h.model.headerData(0, Qt::Horizontal, Qt::ToolTipRole).toString().contains(QStringLiteral("0.034482758620689655")));
        // The column is as wide as its header's value, drawn bold when current.
        QFont bold = header->font();
        bold.setBold(true);
        const int needed = QFontMetrics(bold).horizontalAdvance(QStringLiteral("0.034482758620689655"));
        QTRY_VERIFY2_WITH_TIMEOUT(header->sectionSize(0) > needed,
                                  qPrintable(QStringLiteral("%1 <= %2").arg(header->sectionSize(0)).arg(needed)), 5000);
        auto *eliding = qobject_cast<ui::ElidingHeaderView *>(header);
        QVERIFY(eliding);
        QCOMPARE(eliding->shownText(0), QStringLiteral("0.034482758620689655"));
        // Narrowed by the user: the start of the value and an ellipsis, not its middle.
        header->resizeSection(0, 70);
        const QString shown = eliding->shownText(0);
        QVERIFY2(shown.startsWith(QLatin1String("0.0")) && shown.endsWith(QChar(0x2026)), qPrintable(shown));
    }

    void compoundFieldsAreColumns()
    {
        DatasetTableModel model(reader(QStringLiteral("/table")));
        model.setView(Selection::all({5}), false);
        model.setWindow(0, 0, 10, 10);
        QCOMPARE(model.fieldCount(), 3);
        QCOMPARE(model.columnCount(), 3);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("id"));
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("x"));
        QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("name"));
        QTRY_VERIFY_WITH_TIMEOUT(model.isLoaded(2, 0), 5000);
        QCOMPARE(model.cellText(2, 0), QStringLiteral("3"));
        QCOMPARE(model.cellText(2, 1), QStringLiteral("1"));
        QCOMPARE(model.cellText(2, 2), QStringLiteral("row2"));
    }

    void dimensionScalesLabelTheHeaders()
    {
        DatasetTableModel model(reader(QStringLiteral("/scaled")));
        model.setView(Selection::all({3, 4}), false);
        model.setWindow(0, 0, 10, 10);
        model.setDimensionScales({reader(QStringLiteral("/time")), reader(QStringLiteral("/x"))});
        QVERIFY(model.rowsHaveScale());
        QVERIFY(model.columnsHaveScale());
        QTRY_COMPARE_WITH_TIMEOUT(model.headerData(1, Qt::Vertical).toString(), QStringLiteral("20"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("2.5"), 5000);
        // Transposed: the x scale labels the rows now.
        model.setView(Selection::all({3, 4}), true);
        QTRY_COMPARE_WITH_TIMEOUT(model.headerData(3, Qt::Vertical).toString(), QStringLiteral("3.5"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("10"), 5000);
        // A strided view labels each row with the scale value at its index.
        auto strided = Selection::parse(QStringLiteral("[::2, 1]"), {3, 4});
        QVERIFY(strided.ok());
        model.setView(strided.value(), false);
        QTRY_COMPARE_WITH_TIMEOUT(model.headerData(1, Qt::Vertical).toString(), QStringLiteral("30"), 5000);
        QVERIFY(!model.columnsHaveScale());
        // Without scales, dataset indices: row 1 of [::2] is dataset row 2.
        model.setDimensionScales({});
        QCOMPARE(model.headerData(1, Qt::Vertical).toString(), QStringLiteral("2"));
    }

    void aDatasetOpenInAGridStillOpensElsewhere()
    {
        // HDF5 refuses a second open of a dataset with other access properties;
        // the tree, the scales lookup and the grid must agree on them.
        auto grid = reader(QStringLiteral("/scaled"));
        auto summary = core::HierarchyReader(m_file).summarize(QStringLiteral("/scaled"));
        QVERIFY2(summary.ok(), summary.ok() ? "" : qPrintable(summary.error().message));
        QVERIFY(summary->shape.has_value());
        QCOMPARE(core::dimensionScalePaths(m_file, QStringLiteral("/scaled")),
                 QStringList({QStringLiteral("/time"), QStringLiteral("/x")}));
        auto again = core::DatasetReader::open(m_file, QStringLiteral("/scaled"));
        QVERIFY(again.ok());
    }

    void copyPutsTabSeparatedCellsOnTheClipboard()
    {
        DatasetPanelHolder h(reader(QStringLiteral("/matrix")));
        QSignalSpy copied(&h.panel, &ui::DatasetPanel::copied);
        h.panel.grid()->setCurrentCell(1, 1);
        h.panel.grid()->setCurrentCell(2, 3, true);
        h.panel.copySelection();
        QTRY_COMPARE_WITH_TIMEOUT(copied.size(), 1, 5000);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("1001\t1002\t1003\n2001\t2002\t2003\n"));
    }

    void copyWithIndicesUsesTheDatasetsIndices()
    {
        DatasetPanelHolder h(reader(QStringLiteral("/matrix")));
        QVERIFY(h.panel.sliceControls()->applyText(QStringLiteral("[::100, ::50]")));
        QSignalSpy copied(&h.panel, &ui::DatasetPanel::copied);
        h.panel.grid()->setCurrentCell(0, 1);
        h.panel.grid()->setCurrentCell(1, 2, true);
        h.panel.copySelection(true);
        QTRY_COMPARE_WITH_TIMEOUT(copied.size(), 1, 5000);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("\t50\t100\n0\t50\t100\n100\t100050\t100100\n"));
    }

    void staleRequestsAreDropped()
    {
        core::TilePager pager(reader(QStringLiteral("/huge")));
        pager.setView(Selection::all({quint64(1) << 40, quint64(1) << 20}), false);
        pager.request(0, 40, 0, 10);
        QVERIFY(pager.inFlightCount() > 0);
        const std::vector<core::TileKey> queuedNearOrigin = pager.queuedTiles();
        QVERIFY(!queuedNearOrigin.empty()); // the prefetch ring
        // The user jumps far away before those are read: the queue is replaced.
        const quint64 far = quint64(1) << 39;
        pager.request(far, 40, 0, 10);
        for (const core::TileKey &k : pager.queuedTiles())
            QVERIFY(k.row >= far / pager.tileRows() - 1);
        QTRY_COMPARE_WITH_TIMEOUT(pager.inFlightCount() + pager.queuedCount(), 0, 10000);
        QVERIFY(pager.blockAt(far, 0) != nullptr);
        // What was only queued near the origin was never read.
        for (const core::TileKey &k : queuedNearOrigin)
            QVERIFY(pager.blockAt(k.row * pager.tileRows(), k.col * pager.tileCols()) == nullptr);
    }

    void cacheStaysWithinItsBound()
    {
        core::TilePager pager(reader(QStringLiteral("/huge")));
        pager.setCacheLimit(1u << 20); // 1 MB: a few 256x256 int32 tiles
        pager.setView(Selection::all({quint64(1) << 40, quint64(1) << 20}), false);
        for (quint64 i = 0; i < 12; ++i) {
            const quint64 row = i * 1000 * pager.tileRows();
            pager.request(row, 30, 0, 10);
            QTRY_VERIFY2_WITH_TIMEOUT(pager.blockAt(row, 0) != nullptr,
                                      qPrintable(QStringLiteral("tile at row %1 (step %2), failed=%3, queued=%4, inflight=%5")
                                                     .arg(row).arg(i).arg(pager.failedAt(row, 0)).arg(pager.queuedCount()).arg(pager.inFlightCount())),
                                      5000);
            QVERIFY2(pager.cachedBytes() <= pager.cacheLimit(),
                     qPrintable(QStringLiteral("%1 > %2").arg(pager.cachedBytes()).arg(pager.cacheLimit())));
        }
    }

private:
    struct DataGridViewHolder
    {
        explicit DataGridViewHolder(core::DatasetReaderPtr r) : model(std::move(r))
        {
            model.setView(Selection::all(model.reader()->shape().dims), false);
            grid.setModel(&model);
            grid.resize(800, 600);
            grid.show();
            QVERIFY(QTest::qWaitForWindowExposed(&grid));
            grid.setFocus();
        }
        DatasetTableModel model;
        ui::DataGridView grid;
    };
    struct DatasetPanelHolder
    {
        explicit DatasetPanelHolder(core::DatasetReaderPtr r) : panel(std::move(r), QStringLiteral("grid.h5"))
        {
            panel.resize(900, 700);
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
        }
        ui::DatasetPanel panel;
    };
};

QTEST_MAIN(TestDataGrid)
#include "tst_datagrid.moc"
