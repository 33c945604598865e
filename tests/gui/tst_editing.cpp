// Editing mode in the real window: File ▸ Enable Editing and --edit reopen a
// file in place (tree, selection and tabs stay), refusals are said in words,
// the tree, tabs and title show which files are editable, every view follows
// an edit and its undo and redo, and a file with an undo history asks before
// it closes. Edits are test operations (tests/unit/testedits.h) performed
// through EditHistory as the app's own edits are.

#include "datasetpanel.h"
#include "datasettabs.h"
#include "edit/addattributeoperation.h"
#include "edithistory.h"
#include "errorpresenter.h"
#include "filesessions.h"
#include "hierarchyview.h"
#include "mainwindow.h"
#include "models/attributetablemodel.h"
#include "models/datasettablemodel.h"
#include "models/hierarchymodel.h"
#include "models/tilepager.h"
#include "session/filesession.h"
#include "unit/testedits.h"
#include "windowharness.h"
#include "attributeeditor.h"
#include "attributespanel.h"
#include "inspectordocks.h"
#include <QLineEdit>
#include <QTableView>

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QDockWidget>
#include <QIdentityProxyModel>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoGroup>
#include <QUndoStack>
#include <QUndoView>

using namespace hs;
using namespace hs::core;
using namespace hs::test;
using Model = HierarchyModel;

namespace {

// Applies; its undo fails (and leaves the file as it was).
class UndoFails final : public EditOperation
{
public:
    QString description() const override { return QStringLiteral("Set something"); }
    Status apply(EditContext &) override { return Ok{}; }
    Status revert(EditContext &) override
    {
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("The previous value could not be written back."));
    }
};

} // namespace

class TestEditing : public QObject, private guitests::WindowHarness
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

    FileSession *session() const { return FileSession::forPath(m_path); }
    QAction *enableEditing() const { return m_w->sessions()->enableEditingAction(); }
    const QAbstractProxyModel *proxy() const { return qobject_cast<const QAbstractProxyModel *>(m_w->treeView()->model()); }
    QModelIndex sourceIndex(const QString &path) const
    {
        const Model *m = m_w->hierarchyModel();
        return m->indexForPath(m->fileIndexFor(m_path), path);
    }
    QString fileRowText() const
    {
        return proxy()->mapFromSource(m_w->hierarchyModel()->fileIndexFor(m_path)).data().toString();
    }
    int tabIndexOf(QWidget *w) const { return m_w->datasetTabs()->indexOf(w); }
    ui::DatasetPanel *openCurrent(const QString &path)
    {
        m_w->treeView()->setFocus();
        QTest::keyClick(m_w->treeView(), Qt::Key_Return);
        ui::DatasetPanel *p = nullptr;
        (void)QTest::qWaitFor([&] {
            p = m_w->datasetTabs()->currentPanel();
            return p && p->reader()->path() == path;
        }, guitests::Timeout);
        return p && p->reader()->path() == path ? p : nullptr;
    }
    bool perform(std::shared_ptr<EditOperation> op)
    {
        bool done = false, ok = false;
        ui::EditHistory::instance().perform(session(), std::move(op), [&](const Status &s) {
            done = true;
            ok = s.ok();
        });
        return QTest::qWaitFor([&] { return done; }, guitests::Timeout) && ok;
    }
    bool settled() { return session()->waitForWrites(guitests::Timeout); }
    bool makeEditable()
    {
        enableEditing()->trigger();
        return QTest::qWaitFor([&] { return session()->isEditable(); }, guitests::Timeout);
    }

private Q_SLOTS:
    void initTestCase()
    {
        guitests::initSettings("tst_editing");
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("%1.h5").arg(QLatin1String(QTest::currentTestFunction())));
        QVERIFY(writeFixture(m_path));
        QVERIFY(openWindow(QSize(1400, 900)));
    }

    void cleanup() { closeWindow(); }

    void enableEditingKeepsTreeSelectionAndTabs()
    {
        QVERIFY(select(m_path, QStringLiteral("/g/inner")));
        const QModelIndex g = proxy()->mapFromSource(sourceIndex(QStringLiteral("/g")));
        QVERIFY(m_w->treeView()->isExpanded(g));
        QVERIFY(select(m_path, QStringLiteral("/d")));
        ui::DatasetPanel *panel = openCurrent(QStringLiteral("/d"));
        QVERIFY(panel);
        QTRY_VERIFY_WITH_TIMEOUT(panel->model()->isLoaded(3, 4), guitests::Timeout);
        const H5File *file = m_w->hierarchyModel()->fileOf(sourceIndex(QStringLiteral("/d"))).get();
        const int tabs = m_w->datasetTabs()->count();
        QVERIFY(enableEditing()->isEnabled());
        QVERIFY(!enableEditing()->isChecked());
        QCOMPARE(fileRowText(), QFileInfo(m_path).fileName());
        QCOMPARE(m_w->datasetTabs()->tabText(tabIndexOf(panel)), QStringLiteral("d"));
        QVERIFY(!m_w->windowTitle().contains(QLatin1String("editable")));

        QVERIFY(makeEditable());
        QVERIFY(enableEditing()->isChecked());
        // In place: the same file object, row, selection, expansion and tab.
        QCOMPARE(m_w->hierarchyModel()->fileOf(sourceIndex(QStringLiteral("/d"))).get(), file);
        QCOMPARE(guitests::currentPath(*m_w), QStringLiteral("/d"));
        QVERIFY(m_w->treeView()->isExpanded(proxy()->mapFromSource(sourceIndex(QStringLiteral("/g")))));
        QCOMPARE(m_w->datasetTabs()->count(), tabs);
        QCOMPARE(m_w->datasetTabs()->currentPanel(), panel);
        // The markers.
        QCOMPARE(fileRowText(), QFileInfo(m_path).fileName() + QStringLiteral(" \u270e"));
        QCOMPARE(m_w->datasetTabs()->tabText(tabIndexOf(panel)), QStringLiteral("d \u270e"));
        QTRY_VERIFY(m_w->windowTitle().contains(QLatin1String("(editable)")));
        QCOMPARE(m_w->hierarchyModel()->fileIndexFor(m_path).siblingAtColumn(Model::DetailsColumn).data().toString(),
                 QStringLiteral("read-write"));
        // The tab still reads after the reopen.
        QSignalSpy arrived(panel->model()->pager(), &TilePager::blockArrived);
        panel->model()->invalidateRegion({0, 0}, {Rows, Cols});
        QTRY_VERIFY_WITH_TIMEOUT(!arrived.isEmpty(), guitests::Timeout);
        QVERIFY(!panel->model()->pager()->failedAt(3, 4));
        QCOMPARE(panel->model()->cellText(3, 4), QStringLiteral("34"));

        // And back to read-only.
        enableEditing()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!session()->isReopening() && !session()->isEditable(), guitests::Timeout);
        QVERIFY(!enableEditing()->isChecked());
        QCOMPARE(fileRowText(), QFileInfo(m_path).fileName());
        QCOMPARE(m_w->datasetTabs()->tabText(tabIndexOf(panel)), QStringLiteral("d"));
        QTRY_VERIFY(!m_w->windowTitle().contains(QLatin1String("editable")));
        QCOMPARE(m_w->errorPresenter()->shownCount(), 0);
    }

    // On a read-only file the edit actions are disabled, not hidden, and the
    // menus show their tooltip, which says how to enable editing (a menu
    // shows no tooltips unless asked: the Edit menu's said nothing).
    void disabledEditActionsSayHowToEnableEditing()
    {
        QVERIFY(select(m_path, QStringLiteral("/d")));
        ui::DatasetPanel *panel = openCurrent(QStringLiteral("/d"));
        QVERIFY(panel);
        QVERIFY(select(m_path, QStringLiteral("/g")));
        int hints = 0;
        for (QMenu *menu : m_w->menuBar()->findChildren<QMenu *>()) {
            for (QAction *a : menu->actions()) {
                if (!a->toolTip().contains(QLatin1String("Enable Editing")))
                    continue;
                ++hints;
                QVERIFY2(!a->isEnabled(), qPrintable(a->text()));
                QVERIFY2(a->isVisible(), qPrintable(a->text()));
                QVERIFY2(menu->toolTipsVisible(), qPrintable(menu->title() + QStringLiteral(" ▸ ") + a->text()));
            }
        }
        QVERIFY(hints >= 3); // Object ▸ New Group…, Edit ▸ Fill Selection…, Edit ▸ Paste Object…
    }

    // Renaming an attribute in the window's Attributes panel keeps the renamed
    // attribute selected (the docks' reload after the change used to forget
    // it and select the first row, so Edit Value then edited another one).
    void renamedAttributeStaysSelectedInTheWindow()
    {
        QVERIFY(select(m_path, QStringLiteral("/d")));
        QVERIFY(makeEditable());
        QVERIFY(perform(std::make_shared<ToggleAttribute>(QStringLiteral("/d"))));
        QVERIFY(perform(std::make_shared<AddAttributeOperation>(QStringLiteral("/d"), QStringLiteral("a_first"),
                                                                AttributeType::integer(4, true), true, QStringLiteral("1"))));
        ui::AttributesPanel *panel = m_w->inspectors()->attributesPanel();
        QVERIFY(panel->isVisible());
        const auto nameAt = [panel](int row) {
            const AttributeInfo *a = panel->model()->attributeAt(row);
            return a ? a->name : QString();
        };
        const auto currentName = [&] { return nameAt(panel->table()->currentIndex().row()); };
        QTRY_VERIFY_WITH_TIMEOUT(!panel->model()->isLoading() && panel->model()->rowCount() >= 2, guitests::Timeout);
        QVERIFY(panel->selectAttribute(QStringLiteral("note")));
        QCOMPARE(currentName(), QStringLiteral("note"));
        QVERIFY(nameAt(0) != QStringLiteral("zz_note")); // the new name sorts last, not first
        panel->editor()->renameAction()->trigger(); // as the panel's rename button does: in the name cell
        QLineEdit *line = nullptr;
        QTRY_VERIFY((line = panel->table()->viewport()->findChild<QLineEdit *>()) && line->isVisible());
        line->setText(QStringLiteral("zz_note"));
        QTest::keyClick(line, Qt::Key_Return);
        QVERIFY(session()->waitForWrites());
        QTRY_VERIFY_WITH_TIMEOUT(!panel->model()->isLoading(), guitests::Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(currentName(), QStringLiteral("zz_note"), guitests::Timeout);
        // And it stays so once everything settled.
        QTest::qWait(0);
        QCoreApplication::processEvents();
        QCOMPARE(currentName(), QStringLiteral("zz_note"));
    }

    void editOptionOpensEditable()
    {
        m_w->sessions()->editWhenOpened(m_path);
        QVERIFY(select(m_path, QStringLiteral("/d")));
        QTRY_VERIFY_WITH_TIMEOUT(session() && session()->isEditable(), guitests::Timeout);
        QTRY_VERIFY(enableEditing()->isChecked());
        QCOMPARE(fileRowText(), QFileInfo(m_path).fileName() + QStringLiteral(" \u270e"));
    }

    void refusalIsSaidInWordsAndTheFileStaysReadOnly()
    {
        Unwritable guard(m_path);
        QVERIFY(guard.ok());
        const QByteArray before = bytesOf(m_path);
        QVERIFY(select(m_path, QStringLiteral("/d")));
        enableEditing()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_w->errorPresenter()->shownCount(), 1, guitests::Timeout);
        const Error e = m_w->errorPresenter()->lastError();
        QCOMPARE(e.code, ErrorCode::PermissionDenied);
        QVERIFY2(e.message.contains(QLatin1String("permission")), qPrintable(e.message));
        QVERIFY2(e.message.contains(QFileInfo(m_path).fileName()), qPrintable(e.message));
        QVERIFY(!session()->isEditable());
        QVERIFY(!enableEditing()->isChecked());
        QCOMPARE(fileRowText(), QFileInfo(m_path).fileName());
        QVERIFY(!m_w->windowTitle().contains(QLatin1String("editable")));
        QCOMPARE(bytesOf(m_path), before);
    }

    void editableInOneWindowOnly()
    {
        QVERIFY(select(m_path, QStringLiteral("/d")));
        app::MainWindow other;
        other.errorPresenter()->setDialogsEnabled(false);
        other.openFile(m_path, QStringLiteral("/d"));
        QTRY_COMPARE_WITH_TIMEOUT(guitests::currentPath(other), QStringLiteral("/d"), guitests::Timeout);
        other.sessions()->enableEditingAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(other.errorPresenter()->shownCount(), 1, guitests::Timeout);
        QVERIFY2(other.errorPresenter()->lastError().message.contains(QLatin1String("another Hyperslab window")),
                 qPrintable(other.errorPresenter()->lastError().message));
        QVERIFY(!other.sessions()->current()->isEditable());
        QVERIFY(!other.sessions()->enableEditingAction()->isChecked());
        QVERIFY(!m_w->sessions()->current()->isEditable());
    }

    void viewsFollowAnEditItsUndoAndRedo()
    {
        QVERIFY(select(m_path, QStringLiteral("/g/inner")));
        QVERIFY(select(m_path, QStringLiteral("/big")));
        QVERIFY(makeEditable());
        ui::DatasetPanel *panel = openCurrent(QStringLiteral("/big"));
        QVERIFY(panel);
        QTRY_VERIFY_WITH_TIMEOUT(panel->model()->isLoaded(1, 2), guitests::Timeout);
        QCOMPARE(panel->model()->cellText(1, 2), QStringLiteral("1002"));
        QAction *undo = m_w->sessions()->undoAction();
        QAction *redo = m_w->sessions()->redoAction();
        QVERIFY(!undo->isEnabled());

        // Values: the grid shows the edit, its undo and its redo.
        QVERIFY(perform(std::make_shared<SetCell>(1, 2, -7, nullptr, "/big")));
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->cellText(1, 2), QStringLiteral("-7"), guitests::Timeout);
        QVERIFY(undo->isEnabled());
        QCOMPARE(undo->text(), QStringLiteral("&Undo Set /big[1, 2] to -7"));
        auto *history = m_w->sessions()->historyDock()->findChild<QUndoView *>();
        QVERIFY(history);
        QCOMPARE(history->model()->rowCount(), 2); // "<as opened>" and the step
        QCOMPARE(history->model()->index(1, 0).data().toString(), QStringLiteral("Set /big[1, 2] to -7"));
        undo->trigger();
        QVERIFY(settled());
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->cellText(1, 2), QStringLiteral("1002"), guitests::Timeout);
        QVERIFY(redo->isEnabled());
        redo->trigger();
        QVERIFY(settled());
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->cellText(1, 2), QStringLiteral("-7"), guitests::Timeout);

        // Structure: the tree gains and loses the row; the selection stays.
        const QModelIndex g = proxy()->mapFromSource(sourceIndex(QStringLiteral("/g")));
        QVERIFY(m_w->treeView()->isExpanded(g));
        QVERIFY(perform(std::make_shared<CreateGroup>(QStringLiteral("/g/made"))));
        QTRY_VERIFY_WITH_TIMEOUT(sourceIndex(QStringLiteral("/g/made")).isValid(), guitests::Timeout);
        QCOMPARE(guitests::currentPath(*m_w), QStringLiteral("/big"));
        undo->trigger();
        QVERIFY(settled());
        QTRY_VERIFY_WITH_TIMEOUT(!sourceIndex(QStringLiteral("/g/made")).isValid(), guitests::Timeout);
        QVERIFY(sourceIndex(QStringLiteral("/g/inner")).isValid());
        QVERIFY(m_w->treeView()->isExpanded(proxy()->mapFromSource(sourceIndex(QStringLiteral("/g")))));

        // Attributes: the panel of the selected object reads them again.
        QVERIFY(select(m_path, QStringLiteral("/d")));
        QVERIFY(attributesShown(QStringLiteral("/d")));
        QCOMPARE(attributes()->model()->rowCount(), 0);
        QVERIFY(perform(std::make_shared<ToggleAttribute>(QStringLiteral("/d"))));
        QTRY_COMPARE_WITH_TIMEOUT(attributes()->model()->rowCount(), 1, guitests::Timeout);
        QVERIFY(attributesShown(QStringLiteral("/d")));
        undo->trigger();
        QVERIFY(settled());
        QTRY_COMPARE_WITH_TIMEOUT(attributes()->model()->rowCount(), 0, guitests::Timeout);

        // A rename: the open tab follows it (new title), and comes back on undo.
        QVERIFY(perform(std::make_shared<MoveLink>(QStringLiteral("/big"), QStringLiteral("/huge"))));
        QTRY_VERIFY_WITH_TIMEOUT(m_w->datasetTabs()->panelFor(m_path, QStringLiteral("/huge")), guitests::Timeout);
        QVERIFY(!m_w->datasetTabs()->panelFor(m_path, QStringLiteral("/big")));
        ui::DatasetPanel *huge = m_w->datasetTabs()->panelFor(m_path, QStringLiteral("/huge"));
        QCOMPARE(m_w->datasetTabs()->tabText(tabIndexOf(huge)), QStringLiteral("huge \u270e"));
        QTRY_VERIFY_WITH_TIMEOUT(huge->model()->isLoaded(1, 2), guitests::Timeout);
        QCOMPARE(huge->model()->cellText(1, 2), QStringLiteral("-7"));
        undo->trigger();
        QVERIFY(settled());
        QTRY_VERIFY_WITH_TIMEOUT(m_w->datasetTabs()->panelFor(m_path, QStringLiteral("/big")), guitests::Timeout);
        QVERIFY(!m_w->datasetTabs()->panelFor(m_path, QStringLiteral("/huge")));
        QTRY_VERIFY_WITH_TIMEOUT(sourceIndex(QStringLiteral("/big")).isValid(), guitests::Timeout);
        QCOMPARE(m_w->errorPresenter()->shownCount(), 0);
    }

    void deletingClosesTheTabAndThePanelsLetGo()
    {
        QVERIFY(select(m_path, QStringLiteral("/d")));
        QVERIFY(makeEditable());
        QVERIFY(openCurrent(QStringLiteral("/d")));
        QVERIFY(attributesShown(QStringLiteral("/d")));
        QVERIFY(perform(std::make_shared<Unlink>(QStringLiteral("/d"))));
        QTRY_VERIFY_WITH_TIMEOUT(!m_w->datasetTabs()->panelFor(m_path, QStringLiteral("/d")), guitests::Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(!sourceIndex(QStringLiteral("/d")).isValid(), guitests::Timeout);
        QVERIFY(attributes()->model()->objectPath() != QStringLiteral("/d"));
        m_w->sessions()->undoAction()->trigger();
        QVERIFY(settled());
        QTRY_VERIFY_WITH_TIMEOUT(sourceIndex(QStringLiteral("/d")).isValid(), guitests::Timeout);
        QCOMPARE(valueOnDisk(m_path, 3, 4), 34); // the same object, values and all
        QCOMPARE(m_w->errorPresenter()->shownCount(), 0);
    }

    void readOnlyAgainAsksAndClearsTheHistory()
    {
        QVERIFY(select(m_path, QStringLiteral("/d")));
        QVERIFY(makeEditable());
        QVERIFY(perform(std::make_shared<Unlink>(QStringLiteral("/big"))));
        QUndoStack *stack = ui::EditHistory::instance().stackFor(session());
        QCOMPARE(stack->count(), 1);
        QStringList asked;
        bool answer = false;
        m_w->sessions()->setAsk([&](const QString &q) {
            asked << q;
            return answer;
        });
        enableEditing()->trigger(); // to read-only: asked, declined
        QCOMPARE(asked.size(), 1);
        QVERIFY(asked.first().contains(QLatin1String("read-only")));
        QVERIFY(enableEditing()->isChecked());
        QVERIFY(session()->isEditable());
        QCOMPARE(stack->count(), 1);
        answer = true;
        enableEditing()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!session()->isReopening() && !session()->isEditable(), guitests::Timeout);
        // The reopen closed the object the step kept: no undo that cannot work.
        QCOMPARE(stack->count(), 0);
        QVERIFY(makeEditable());
        QVERIFY(!m_w->sessions()->undoAction()->isEnabled());
        QCOMPARE(m_w->errorPresenter()->shownCount(), 0);
    }

    void aFailedUndoIsPresentedAndClearsTheHistory()
    {
        QVERIFY(select(m_path, QStringLiteral("/d")));
        QVERIFY(makeEditable());
        QVERIFY(perform(std::make_shared<UndoFails>()));
        QUndoStack *stack = ui::EditHistory::instance().stackFor(session());
        QCOMPARE(stack->count(), 1);
        m_w->sessions()->undoAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_w->errorPresenter()->shownCount(), 1, guitests::Timeout);
        QCOMPARE(m_w->errorPresenter()->lastError().message, QStringLiteral("The previous value could not be written back."));
        QCOMPARE(stack->count(), 0);
    }

    void closingAFileWithHistoryAsksFirst()
    {
        QVERIFY(select(m_path, QStringLiteral("/d")));
        QVERIFY(makeEditable());
        QVERIFY(perform(std::make_shared<SetCell>(0, 0, 99)));
        QStringList asked;
        m_w->sessions()->setAsk([&asked](const QString &q) {
            asked << q;
            return false;
        });
        m_w->closeCurrentFile();
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked.first().contains(QLatin1String("undo history (1 step)")), qPrintable(asked.first()));
        QCOMPARE(m_w->hierarchyModel()->fileCount(), 1); // kept open
        QVERIFY(session());
        QVERIFY(session()->isEditable());

        m_w->sessions()->setAsk([&asked](const QString &q) {
            asked << q;
            return true;
        });
        QPointer<QUndoStack> stack = ui::EditHistory::instance().stackFor(session());
        m_w->closeCurrentFile();
        QCOMPARE(asked.size(), 2);
        QCOMPARE(m_w->hierarchyModel()->fileCount(), 0);
        QCOMPARE(session(), nullptr);
        QTRY_VERIFY(!stack); // the history went with the file
        QCOMPARE(valueOnDisk(m_path, 0, 0), 99);

        // Close All with a history, declined: the loop over the files ends.
        QVERIFY(select(m_path, QStringLiteral("/d")));
        QVERIFY(makeEditable());
        QVERIFY(perform(std::make_shared<SetCell>(0, 0, 98)));
        m_w->sessions()->setAsk([&asked](const QString &q) {
            asked << q;
            return false;
        });
        QAction *closeAll = nullptr;
        for (QAction *a : m_w->findChildren<QAction *>())
            if (a->text() == QStringLiteral("Close &All Files"))
                closeAll = a;
        QVERIFY(closeAll);
        closeAll->trigger();
        QCOMPARE(asked.size(), 3);
        QCOMPARE(m_w->hierarchyModel()->fileCount(), 1);
        m_w->sessions()->setAsk([](const QString &) { return true; });
        closeAll->trigger();
        QCOMPARE(m_w->hierarchyModel()->fileCount(), 0);

        // Without a history, no question.
        QVERIFY(select(m_path, QStringLiteral("/d")));
        m_w->sessions()->setAsk([&asked](const QString &q) {
            asked << q;
            return false;
        });
        m_w->closeCurrentFile();
        QCOMPARE(asked.size(), 3);
        QCOMPARE(m_w->hierarchyModel()->fileCount(), 0);
    }
};

QTEST_MAIN(TestEditing)
#include "tst_editing.moc"
