// GridPaintHold: the grid's viewport is painted once its window's tiles are
// there, not first with placeholders; and never held longer than HoldMs when
// a read is slow.

#include "datagridview.h"
#include "gridfixtures.h"
#include "gridpainthold.h"
#include "hdf5/librarylock.h"
#include "jobs/jobrunner.h"
#include "models/datasettablemodel.h"
#include "services/datasetreader.h"
#include "services/h5file.h"

#include <QElapsedTimer>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hs;
using core::DatasetTableModel;
using ui::GridPaintHold;

namespace {

// Records each paint the viewport really gets, and whether its window was
// loaded. Installed before the hold (filters run newest first), it sees only
// what the hold lets through.
class PaintLog : public QObject
{
public:
    PaintLog(QWidget *viewport, const DatasetTableModel *model) : m_model(model) { viewport->installEventFilter(this); }
    int paints = 0, withPlaceholders = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            ++paints;
            if (!m_model->isLoaded(m_model->topRow(), m_model->leftColumn()))
                ++withPlaceholders;
        }
        return false;
    }

private:
    const DatasetTableModel *m_model;
};

} // namespace

class TestGridPaintHold : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    core::H5FilePtr m_file;

    core::DatasetReaderPtr reader(const QString &path)
    {
        auto r = core::DatasetReader::open(m_file, path);
        if (!r)
            qFatal("cannot open %s", qPrintable(path));
        return r.value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString path = m_dir.filePath(QStringLiteral("grid.h5"));
        QVERIFY(gridtests::writeGridFile(path));
        auto f = core::H5File::open(path);
        QVERIFY(f.ok());
        m_file = f.value();
    }

    void cleanup()
    {
        core::JobRunner::instance().waitForIdle();
        QCoreApplication::processEvents();
    }

    void firstPaintShowsValues()
    {
        DatasetTableModel model(reader(QStringLiteral("/matrix")));
        ui::DataGridView grid;
        QWidget *viewport = grid.tableView()->viewport();
        PaintLog log(viewport, &model);
        grid.setModel(&model);
        grid.resize(600, 400);
        auto *hold = viewport->findChild<GridPaintHold *>();
        QVERIFY(hold);
        {
            // The read cannot finish while the test holds the library lock:
            // the window is on tiles being read, so the hold is on.
            core::LibraryLock lock;
            model.setView(core::Selection::all({300, 200}), false);
            QVERIFY(hold->isHolding());
            grid.show();
            QVERIFY(QTest::qWaitForWindowExposed(&grid));
            viewport->repaint(); // a paint now is dropped
            QVERIFY(hold->droppedPaints() > 0);
            QCOMPARE(log.paints, 0);
        }
        // The tiles arrive: the hold ends and the viewport is painted, with values.
        QTRY_VERIFY_WITH_TIMEOUT(!hold->isHolding(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(log.paints > 0, 5000);
        QCOMPARE(log.withPlaceholders, 0);
        QVERIFY(model.isLoaded(0, 0));
        // Moving within loaded tiles holds nothing.
        grid.scrollTo(5, 3);
        QVERIFY(!hold->isHolding());
    }

    void aSlowReadShowsPlaceholdersAfterHoldMs()
    {
        DatasetTableModel model(reader(QStringLiteral("/matrix")));
        ui::DataGridView grid;
        QWidget *viewport = grid.tableView()->viewport();
        PaintLog log(viewport, &model);
        grid.setModel(&model);
        grid.resize(600, 400);
        grid.show();
        QVERIFY(QTest::qWaitForWindowExposed(&grid));
        auto *hold = viewport->findChild<GridPaintHold *>();
        QElapsedTimer clock;
        {
            core::LibraryLock lock; // the read stays blocked for as long as this test likes
            model.setView(core::Selection::all({300, 200}), false);
            clock.start();
            QVERIFY(hold->isHolding());
            // Released by its timer, not by the data: placeholders are painted.
            QTRY_VERIFY_WITH_TIMEOUT(!hold->isHolding(), 5000);
            QVERIFY(clock.elapsed() >= GridPaintHold::HoldMs - 1);
            QTRY_VERIFY_WITH_TIMEOUT(log.withPlaceholders > 0, 5000);
            QVERIFY(!model.isLoaded(0, 0));
        }
        QTRY_VERIFY_WITH_TIMEOUT(model.isLoaded(0, 0), 5000);
    }
};

QTEST_MAIN(TestGridPaintHold)
#include "tst_gridpainthold.moc"
