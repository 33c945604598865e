// Editing values in the real grid: keystrokes start editors that fit the
// type, bad values are refused at the cell, paste and fill, undo through
// EditHistory, read-only files refuse.

#include "celleditdelegate.h"
#include "datagridview.h"
#include "datasetpanel.h"
#include "edithistory.h"
#include "hdf5/librarylock.h"
#include "models/datasettablemodel.h"
#include "services/datasetreader.h"
#include "session/filesession.h"
#include "valueeditactions.h"
#include "datasettabs.h"
#include "valueeditcontroller.h"

#include <hdf5.h>

#include <QApplication>
#include <QClipboard>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QElapsedTimer>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QTimer>
#include <functional>
#include <QtTest>

using namespace hs;
using namespace hs::core;

namespace {

void writeFixture(const QString &path)
{
    LibraryLock lock;
    hid_t f = H5Fcreate(path.toUtf8().constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    hsize_t dims[2] = {20, 10};
    hid_t s = H5Screate_simple(2, dims, nullptr);
    hid_t d = H5Dcreate2(f, "grid", H5T_STD_U8LE, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    std::vector<unsigned char> v(200);
    for (int i = 0; i < 200; ++i)
        v[size_t(i)] = (unsigned char)i;
    H5Dwrite(d, H5T_NATIVE_UCHAR, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    H5Dclose(d);
    hid_t e = H5Tenum_create(H5T_NATIVE_INT8);
    signed char val = 0;
    for (const char *name : {"LOW", "MID", "HIGH"}) {
        H5Tenum_insert(e, name, &val);
        ++val;
    }
    hsize_t n = 4;
    hid_t s1 = H5Screate_simple(1, &n, nullptr);
    d = H5Dcreate2(f, "level", e, s1, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    signed char lv[4] = {0, 1, 2, 0};
    H5Dwrite(d, e, H5S_ALL, H5S_ALL, H5P_DEFAULT, lv);
    H5Dclose(d);
    hid_t b = H5Tenum_create(H5T_NATIVE_INT8);
    val = 0;
    H5Tenum_insert(b, "FALSE", &val);
    val = 1;
    H5Tenum_insert(b, "TRUE", &val);
    d = H5Dcreate2(f, "flags", b, s1, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    signed char bv[4] = {0, 1, 0, 1};
    H5Dwrite(d, b, H5S_ALL, H5S_ALL, H5P_DEFAULT, bv);
    H5Dclose(d);
    H5Tclose(b);
    H5Tclose(e);
    H5Sclose(s1);
    H5Sclose(s);
    H5Fclose(f);
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

} // namespace

class TestValueEditing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void typingEditsTheCellAndUndoRestoresIt();
    void badValueIsRefusedAtTheCell();
    void doubleClickOpensTheEditor();
    void largePasteIsParsedQuickly();
    void enumEditorListsTheNames();
    void booleanEditorIsACheckBox();
    void pasteBlockGoodAndBad();
    void fillSelectionAndUndo();
    void readOnlyFileHasNoEditors();
    void fillSelectionMenuAction();
    void editShowsInATabOfAnotherHardLink();

private:
    struct Open
    {
        H5FilePtr file;
        std::unique_ptr<FileSession> session;
        std::unique_ptr<ui::DatasetPanel> panel;
    };
    void open(const QString &dataset, H5File::Mode mode = H5File::Mode::ReadWrite);
    QTableView *table() const { return m_open.panel->grid()->tableView(); }
    ui::CellEditDelegate *delegate() const { return qobject_cast<ui::CellEditDelegate *>(table()->itemDelegate()); }
    QWidget *editor() const { return table()->findChild<QWidget *>(QStringLiteral("cellEditor")); }
    QString cell(quint64 r, quint64 c) const { return m_open.panel->model()->cellText(r, c); }

    QTemporaryDir m_dir;
    QString m_path;
    Open m_open;
};

void TestValueEditing::init()
{
    m_path = m_dir.filePath(QStringLiteral("edit.h5"));
    writeFixture(m_path);
}

void TestValueEditing::cleanup()
{
    m_open.panel.reset();
    if (m_open.session)
        m_open.session->waitForWrites();
    m_open.session.reset();
    m_open.file.reset();
}

void TestValueEditing::open(const QString &dataset, H5File::Mode mode)
{
    cleanup();
    auto f = H5File::open(m_path, mode);
    QVERIFY(f.ok());
    m_open.file = f.value();
    m_open.session = std::make_unique<FileSession>(m_open.file);
    auto reader = DatasetReader::open(m_open.file, dataset);
    QVERIFY(reader.ok());
    m_open.panel = std::make_unique<ui::DatasetPanel>(reader.value(), QStringLiteral("edit.h5"));
    m_open.panel->resize(900, 600);
    m_open.panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_open.panel.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_open.panel->model()->isLoaded(0, 0), 5000);
    ui::EditHistory::instance().setActiveSession(m_open.session.get());
}

void TestValueEditing::typingEditsTheCellAndUndoRestoresIt()
{
    open(QStringLiteral("/grid"));
    QCOMPARE(cell(2, 3), QStringLiteral("23"));
    m_open.panel->grid()->setCurrentCell(2, 3);
    table()->setFocus();
    QTest::keyClicks(table(), QStringLiteral("4"));
    QVERIFY(editor());
    auto *line = qobject_cast<QLineEdit *>(editor());
    QVERIFY(line);
    QCOMPARE(line->text(), QStringLiteral("4")); // the typed key replaced the old value
    QTest::keyClicks(line, QStringLiteral("2"));
    QVERIFY(line->toolTip().contains(QStringLiteral("8-bit unsigned integer (0 to 255)")));
    QTest::keyClick(line, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(cell(2, 3), QStringLiteral("42"), 5000);
    QUndoStack *stack = ui::EditHistory::instance().stackFor(m_open.session.get());
    QTRY_COMPARE_WITH_TIMEOUT(stack->count(), 1, 5000);
    QCOMPARE(stack->text(0), QStringLiteral("Set /grid[2, 3] to 42"));
    stack->undo();
    QTRY_COMPARE_WITH_TIMEOUT(cell(2, 3), QStringLiteral("23"), 5000);
    stack->redo();
    QTRY_COMPARE_WITH_TIMEOUT(cell(2, 3), QStringLiteral("42"), 5000);
    // F2 opens the editor on the current value; an unchanged value writes nothing.
    QTest::keyClick(table(), Qt::Key_F2);
    QVERIFY(qobject_cast<QLineEdit *>(editor()));
    QCOMPARE(qobject_cast<QLineEdit *>(editor())->text(), QStringLiteral("42"));
    QTest::keyClick(editor(), Qt::Key_Return);
    QVERIFY(m_open.session->waitForWrites());
    QCOMPARE(stack->count(), 1);
    stack->clear();
}

void TestValueEditing::badValueIsRefusedAtTheCell()
{
    open(QStringLiteral("/grid"));
    QVERIFY(m_open.session->waitForWrites());
    const QByteArray before = fileBytes(m_path);
    m_open.panel->grid()->setCurrentCell(1, 1);
    table()->setFocus();
    QTest::keyClick(table(), Qt::Key_F2);
    auto *line = qobject_cast<QLineEdit *>(editor());
    QVERIFY(line);
    line->selectAll();
    QTest::keyClicks(line, QStringLiteral("300"));
    QCOMPARE(line->toolTip(), QStringLiteral("300 does not fit an 8-bit unsigned integer (0 to 255)"));
    QTest::keyClick(line, Qt::Key_Return);
    QCOMPARE(delegate()->lastMessage(), QStringLiteral("300 does not fit an 8-bit unsigned integer (0 to 255)"));
    QVERIFY(editor()); // still open, nothing written
    QTest::keyClick(editor(), Qt::Key_Escape);
    QTRY_VERIFY(!editor());
    QVERIFY(m_open.session->waitForWrites());
    QCOMPARE(ui::EditHistory::instance().stackFor(m_open.session.get())->count(), 0);
    QCOMPARE(cell(1, 1), QStringLiteral("11"));
    QCOMPARE(fileBytes(m_path), before);
}

void TestValueEditing::doubleClickOpensTheEditor()
{
    open(QStringLiteral("/grid"));
    const QModelIndex index = m_open.panel->model()->index(4, 2);
    const QPoint at = table()->visualRect(index).center();
    QTest::mouseClick(table()->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(m_open.panel->grid()->currentRow(), quint64(4));
    QTest::mouseDClick(table()->viewport(), Qt::LeftButton, {}, at);
    auto *line = qobject_cast<QLineEdit *>(editor());
    QVERIFY(line);
    QCOMPARE(line->text(), QStringLiteral("42"));
    line->setText(QStringLiteral("7"));
    QTest::keyClick(line, Qt::Key_Enter);
    QTRY_COMPARE_WITH_TIMEOUT(cell(4, 2), QStringLiteral("7"), 5000);
    ui::EditHistory::instance().stackFor(m_open.session.get())->clear();
}

void TestValueEditing::largePasteIsParsedQuickly()
{
    // The largest paste the grid takes is checked on the GUI thread within a
    // bounded step; one more cell is refused with advice.
    {
        LibraryLock lock;
        hid_t f = H5Fopen(m_path.toUtf8().constData(), H5F_ACC_RDWR, H5P_DEFAULT);
        hsize_t dims[2] = {1000, 100};
        hid_t s = H5Screate_simple(2, dims, nullptr);
        hid_t d = H5Dcreate2(f, "wide", H5T_IEEE_F64LE, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Dclose(d);
        H5Sclose(s);
        H5Fclose(f);
    }
    open(QStringLiteral("/wide"));
    QString text;
    for (int r = 0; r < 500; ++r) {
        for (int c = 0; c < 100; ++c)
            text += QString::number(r * 100 + c + 0.5) + (c < 99 ? QLatin1Char('\t') : QLatin1Char('\n'));
    }
    QElapsedTimer timer;
    timer.start();
    QVERIFY(m_open.panel->valueEdits()->paste(ui::CellRange{0, 0, 0, 0}, text).isEmpty());
    const qint64 ms = timer.elapsed();
    qInfo() << "parsed and queued 50,000 cells in" << ms << "ms";
    QVERIFY2(ms < 250, qPrintable(QString::number(ms))); // 50 ms budget, generous for a loaded 2-core machine
    QTRY_COMPARE_WITH_TIMEOUT(cell(3, 5), QStringLiteral("305.5"), 10000);
    m_open.panel->goToCell(499, 99);
    QTRY_COMPARE_WITH_TIMEOUT(cell(499, 99), QStringLiteral("49999.5"), 10000);
    QVERIFY(m_open.panel->valueEdits()->paste(ui::CellRange{0, 0, 0, 0}, text + QStringLiteral("1\n")).contains(QStringLiteral("Nothing was pasted")));
    ui::EditHistory::instance().stackFor(m_open.session.get())->clear();
}

void TestValueEditing::enumEditorListsTheNames()
{
    open(QStringLiteral("/level"));
    m_open.panel->grid()->setCurrentCell(1, 0);
    table()->setFocus();
    QTest::keyClick(table(), Qt::Key_F2);
    auto *combo = qobject_cast<QComboBox *>(editor());
    QVERIFY(combo);
    QCOMPARE(combo->count(), 3);
    QCOMPARE(combo->itemText(2), QStringLiteral("HIGH"));
    QCOMPARE(combo->currentText(), QStringLiteral("MID"));
    combo->setCurrentIndex(2);
    Q_EMIT combo->activated(2);
    QTRY_COMPARE_WITH_TIMEOUT(cell(1, 0), QStringLiteral("HIGH"), 5000);
    QCOMPARE(ui::EditHistory::instance().stackFor(m_open.session.get())->text(0), QStringLiteral("Set /level[1] to HIGH"));
    ui::EditHistory::instance().stackFor(m_open.session.get())->clear();
}

void TestValueEditing::booleanEditorIsACheckBox()
{
    open(QStringLiteral("/flags"));
    m_open.panel->grid()->setCurrentCell(0, 0);
    table()->setFocus();
    QTest::keyClick(table(), Qt::Key_F2);
    auto *check = qobject_cast<QCheckBox *>(editor());
    QVERIFY(check);
    QVERIFY(!check->isChecked());
    QTest::keyClick(check, Qt::Key_Space);
    QVERIFY(check->isChecked());
    QTest::keyClick(check, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(cell(0, 0), QStringLiteral("TRUE"), 5000);
    ui::EditHistory::instance().stackFor(m_open.session.get())->clear();
}

void TestValueEditing::pasteBlockGoodAndBad()
{
    open(QStringLiteral("/grid"));
    QSignalSpy errors(m_open.panel.get(), &ui::DatasetPanel::errorOccurred);
    m_open.panel->grid()->setCurrentCell(1, 1);
    table()->setFocus();
    QApplication::clipboard()->setText(QStringLiteral("1\t2\t3\n4\t5\t6\n"));
    QTest::keySequence(table(), QKeySequence::Paste);
    QTRY_COMPARE_WITH_TIMEOUT(cell(2, 3), QStringLiteral("6"), 5000);
    QCOMPARE(cell(1, 1), QStringLiteral("1"));
    QCOMPARE(cell(1, 3), QStringLiteral("3"));
    QCOMPARE(cell(3, 3), QStringLiteral("33"));
    QUndoStack *stack = ui::EditHistory::instance().stackFor(m_open.session.get());
    QTRY_COMPARE(stack->count(), 1);
    QCOMPARE(stack->text(0), QStringLiteral("Paste 6 values into /grid[1:3, 1:4]"));
    QCOMPARE(errors.count(), 0);

    QVERIFY(m_open.session->waitForWrites());
    const QByteArray before = fileBytes(m_path);
    QApplication::clipboard()->setText(QStringLiteral("7\t8\n9\t999\n"));
    m_open.panel->grid()->setCurrentCell(5, 5);
    QTest::keySequence(table(), QKeySequence::Paste);
    QCOMPARE(errors.count(), 1);
    // Several files and tabs may be open: the message names the dataset and its file.
    const QString title = errors.at(0).at(0).toString();
    QVERIFY2(title.contains(QLatin1String("/grid")) && title.contains(QLatin1String("edit.h5")), qPrintable(title));
    const QString message = errors.at(0).at(1).value<Error>().message;
    QVERIFY2(message.contains(QStringLiteral("Nothing was pasted. Row 2, column 2 of the block (cell [6, 6]): 999 does not fit")),
             qPrintable(message));
    QVERIFY(m_open.session->waitForWrites());
    QCOMPARE(stack->count(), 1);
    QCOMPARE(cell(5, 5), QStringLiteral("55"));
    QCOMPARE(fileBytes(m_path), before);
    stack->undo();
    QTRY_COMPARE_WITH_TIMEOUT(cell(1, 1), QStringLiteral("11"), 5000);
    QCOMPARE(cell(2, 3), QStringLiteral("23"));
    stack->clear();
}

void TestValueEditing::fillSelectionAndUndo()
{
    open(QStringLiteral("/grid"));
    ui::ValueEditController *edits = m_open.panel->valueEdits();
    QCOMPARE(edits->fill(ui::CellRange{0, 0, 19, 9}, QStringLiteral("256")),
             QStringLiteral("256 does not fit an 8-bit unsigned integer (0 to 255)"));
    QVERIFY(edits->fill(ui::CellRange{2, 2, 12, 4}, QStringLiteral("200")).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(cell(12, 4), QStringLiteral("200"), 5000);
    QCOMPARE(cell(13, 4), QStringLiteral("134"));
    QCOMPARE(cell(2, 1), QStringLiteral("21"));
    QUndoStack *stack = ui::EditHistory::instance().stackFor(m_open.session.get());
    QTRY_COMPARE(stack->count(), 1);
    QCOMPARE(stack->text(0), QStringLiteral("Fill /grid[2:13, 2:5] with 200"));
    stack->undo();
    QTRY_COMPARE_WITH_TIMEOUT(cell(12, 4), QStringLiteral("124"), 5000);
    stack->clear();
}

void TestValueEditing::readOnlyFileHasNoEditors()
{
    open(QStringLiteral("/grid"), H5File::Mode::ReadOnly);
    QVERIFY(!m_open.panel->valueEdits()->isEditable());
    m_open.panel->grid()->setCurrentCell(1, 1);
    table()->setFocus();
    QTest::keyClick(table(), Qt::Key_F2);
    QVERIFY(!editor());
    QTest::keyClicks(table(), QStringLiteral("5"));
    QVERIFY(!editor());
    QSignalSpy errors(m_open.panel.get(), &ui::DatasetPanel::errorOccurred);
    QApplication::clipboard()->setText(QStringLiteral("1"));
    QTest::keySequence(table(), QKeySequence::Paste);
    QCOMPARE(errors.count(), 1);
    QVERIFY(errors.at(0).at(1).value<Error>().message.contains(QStringLiteral("Enable Editing")));
    QVERIFY(!(m_open.panel->model()->flags(m_open.panel->model()->index(1, 1)) & Qt::ItemIsEditable));
}

void TestValueEditing::fillSelectionMenuAction()
{
    // Edit ▸ Fill Selection… follows the current tab: disabled (with how to
    // enable editing) on a read-only file, enabled on an editable one; the
    // dialog refuses a value that does not fit and fills with one that does.
    ui::DatasetTabs tabs(new QLabel); // the tabs own their overview page
    ui::ValueEditActions actions(&tabs);
    QMenu menu;
    actions.install(&menu);
    QVERIFY(menu.actions().contains(actions.fillAction()));
    QVERIFY(!actions.fillAction()->isEnabled());

    {
        auto ro = H5File::open(m_path).value();
        FileSession roSession(ro);
        tabs.openDataset(ro, QStringLiteral("/grid"));
        QTRY_VERIFY_WITH_TIMEOUT(tabs.currentPanel(), 5000);
        QVERIFY(!actions.fillAction()->isEnabled());
        QCOMPARE(actions.fillAction()->toolTip(), QStringLiteral("Enable editing with File \u25b8 Enable Editing (Ctrl+Shift+E)"));
        tabs.closeTabsOf(ro->path());
        QTRY_VERIFY(!tabs.currentPanel());
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    } // the read-only file closes: it can be opened read-write below

    open(QStringLiteral("/grid"));
    tabs.openDataset(m_open.file, QStringLiteral("/grid"));
    QTRY_VERIFY_WITH_TIMEOUT(tabs.currentPanel() && tabs.currentPanel()->reader()->file() == m_open.file, 5000);
    QVERIFY(actions.fillAction()->isEnabled());
    ui::DatasetPanel *panel = tabs.currentPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->model()->isLoaded(0, 0), 5000);
    panel->grid()->setCurrentCell(0, 0);
    panel->grid()->setCurrentCell(1, 2, true); // rows 0-1, columns 0-2
    // The dialog: first a value that does not fit (the dialog says why and stays), then one that does.
    int shown = 0;
    QString secondLabel;
    std::function<void()> answer = [&] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            QTimer::singleShot(20, answer);
            return;
        }
        ++shown;
        if (shown == 2)
            secondLabel = dialog->labelText();
        dialog->setTextValue(shown == 1 ? QStringLiteral("-3") : QStringLiteral("99"));
        dialog->accept();
        if (shown == 1)
            QTimer::singleShot(20, answer);
    };
    QTimer::singleShot(20, answer);
    actions.fillAction()->trigger();
    QCOMPARE(shown, 2);
    QVERIFY2(secondLabel.contains(QStringLiteral("-3 does not fit an 8-bit unsigned integer (0 to 255)")), qPrintable(secondLabel));
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->cellText(1, 2), QStringLiteral("99"), 5000);
    QCOMPARE(panel->model()->cellText(0, 0), QStringLiteral("99"));
    QCOMPARE(panel->model()->cellText(2, 0), QStringLiteral("20"));
    QUndoStack *stack = ui::EditHistory::instance().stackFor(m_open.session.get());
    QTRY_COMPARE(stack->count(), 1);
    QCOMPARE(stack->text(0), QStringLiteral("Fill /grid[0:2, 0:3] with 99"));
    stack->clear();
}

QTEST_MAIN(TestValueEditing)

// Two tabs of one dataset through two hard links (/grid and /alias): an edit
// made in one shows in the other at once (views follow the dataset's
// identity, not the path the edit was made through).
void TestValueEditing::editShowsInATabOfAnotherHardLink()
{
    {
        LibraryLock lock;
        hid_t f = H5Fopen(m_path.toUtf8().constData(), H5F_ACC_RDWR, H5P_DEFAULT);
        QVERIFY(f >= 0);
        QVERIFY(H5Lcreate_hard(f, "grid", f, "alias", H5P_DEFAULT, H5P_DEFAULT) >= 0);
        H5Fclose(f);
    }
    open(QStringLiteral("/grid"));
    auto alias = DatasetReader::open(m_open.file, QStringLiteral("/alias"));
    QVERIFY(alias.ok());
    ui::DatasetPanel other(alias.value(), QStringLiteral("edit.h5"));
    other.resize(900, 600);
    other.show();
    QVERIFY(QTest::qWaitForWindowExposed(&other));
    QTRY_VERIFY_WITH_TIMEOUT(other.model()->isLoaded(0, 0), 5000);
    QCOMPARE(other.model()->cellText(2, 3), QStringLiteral("23"));

    m_open.panel->grid()->setCurrentCell(2, 3);
    table()->setFocus();
    QTest::keyClicks(table(), QStringLiteral("4"));
    QVERIFY(editor());
    QTest::keyClicks(editor(), QStringLiteral("2"));
    QTest::keyClick(editor(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(cell(2, 3), QStringLiteral("42"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(other.model()->cellText(2, 3), QStringLiteral("42"), 5000);
    QUndoStack *stack = ui::EditHistory::instance().stackFor(m_open.session.get());
    stack->undo();
    QTRY_COMPARE_WITH_TIMEOUT(other.model()->cellText(2, 3), QStringLiteral("23"), 5000);
    stack->clear();
}

#include "tst_valueediting.moc"
