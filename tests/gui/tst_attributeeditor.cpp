// The Attributes panel as an editor (issue 9), through the real widget
// (offscreen): its buttons, F2 and double-click, the cell editors, the Add
// and Edit dialogs, the context of a read-only file, undo and redo through
// EditHistory, and the model checked by QAbstractItemModelTester throughout.

#include "../edit/attributefixture.h"

#include "attributedialog.h"
#include "attributeeditor.h"
#include "attributespanel.h"
#include "edithistory.h"
#include "edit/addattributeoperation.h"
#include "edit/editableattribute.h"
#include "hdf5/librarylock.h"
#include "models/attributetablemodel.h"
#include "services/h5file.h"
#include "services/h5file_p.h"
#include "session/filesession.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QTimer>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace hs::core;
using hs::ui::AttributeDialog;
using hs::ui::AttributeEditor;
using hs::ui::AttributesPanel;
using hs::ui::EditHistory;
using Model = AttributeTableModel;

class TestAttributeEditor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    H5FilePtr m_file;
    std::unique_ptr<FileSession> m_session;
    std::unique_ptr<AttributesPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    bool open(H5File::Mode mode)
    {
        m_path = m_dir.filePath(QStringLiteral("panel.h5"));
        if (!hs::test::writeAttributeFixture(m_path)) {
            qWarning("the fixture could not be written (%lld HDF5 identifiers open)", openHdf5ObjectCount());
            return false;
        }
        auto f = H5File::open(m_path, mode);
        if (!f) {
            qWarning("%s", qPrintable(f.error().message));
            return false;
        }
        m_file = f.value();
        m_session = std::make_unique<FileSession>(m_file);
        m_panel = std::make_unique<AttributesPanel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(m_panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_panel->resize(700, 500);
        m_panel->show();
        m_panel->activateWindow();
        if (!QTest::qWaitForWindowActive(m_panel.get())) {
            qWarning("the panel's window never became active");
            return false;
        }
        m_panel->setObject(m_file, QStringLiteral("/data/t"), ObjectKind::Dataset);
        return QTest::qWaitFor([this] { return !m_panel->model()->isLoading() && m_panel->model()->rowCount() > 0; }, 10000);
    }

    QUndoStack *stack() { return EditHistory::instance().stackFor(m_session.get()); }

    int rowOf(const QString &name) const
    {
        for (int r = 0; r < m_panel->model()->rowCount(); ++r)
            if (m_panel->model()->attributeAt(r)->name == name)
                return r;
        return -1;
    }
    QString valueOf(const QString &name) const
    {
        const int r = rowOf(name);
        return r < 0 ? QStringLiteral("(none)") : m_panel->model()->attributeAt(r)->value;
    }
    QToolButton *button(QAction *action) const
    {
        for (QToolButton *b : m_panel->editButtons())
            if (b->defaultAction() == action)
                return b;
        return nullptr;
    }
    // Selects `name` with the table's current cell in `column` and presses F2 there.
    void pressF2(const QString &name, int column)
    {
        QVERIFY(m_panel->selectAttribute(name));
        QTableView *t = m_panel->table();
        t->setCurrentIndex(t->model()->index(rowOf(name), column));
        t->setFocus();
        QTest::keyClick(t, Qt::Key_F2);
    }
    template<typename W>
    W *cellEditor() const
    {
        return m_panel->table()->viewport()->findChild<W *>();
    }
    QByteArray flushedBytes()
    {
        {
            LibraryLock lock;
            H5Fflush(fileId(*m_file), H5F_SCOPE_GLOBAL);
        }
        QFile f(m_path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QString fileText(const QString &name)
    {
        auto e = EditableAttribute::read(m_file, QStringLiteral("/data/t"), name);
        return e ? e->text : QStringLiteral("(missing)");
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void cleanup()
    {
        m_tester.reset();
        m_panel.reset();
        m_session.reset();
        m_file.reset();
        // Background reads still holding the file let go of it once they end.
        QTRY_COMPARE(openHdf5ObjectCount(), qint64(0));
    }

    void readOnlyDisablesAndFollowsTheMode()
    {
        QVERIFY(open(H5File::Mode::ReadOnly));
        QCOMPARE(m_panel->editButtons().size(), 4);
        for (QToolButton *b : m_panel->editButtons()) {
            QVERIFY(b->isVisible());
            QVERIFY(!b->isEnabled());
            QCOMPARE(b->toolTip(), QStringLiteral("Enable editing with File \u25b8 Enable Editing (Ctrl+Shift+E)"));
        }
        const QByteArray bytes = flushedBytesReadOnly();
        pressF2(QStringLiteral("f64"), Model::ValueColumn);
        QTRY_VERIFY(m_panel->statusText().contains(QStringLiteral("Enable editing with File")));
        QVERIFY(!cellEditor<QLineEdit>());
        QTest::keyClick(m_panel->table(), Qt::Key_Delete);
        QVERIFY(rowOf(QStringLiteral("f64")) >= 0);
        QCOMPARE(flushedBytesReadOnly(), bytes);

        m_session->setEditable(true);
        QTRY_VERIFY(m_session->isEditable());
        for (QToolButton *b : m_panel->editButtons())
            QTRY_VERIFY(b->isEnabled());
        QVERIFY(!m_panel->editor()->addAction()->toolTip().contains(QStringLiteral("Enable editing")));
        m_session->setEditable(false);
        QTRY_VERIFY(!m_panel->editor()->addAction()->isEnabled());
        QCOMPARE(m_panel->editor()->deleteAction()->toolTip(), AttributeEditor::readOnlyTip());
    }

    void addThroughTheDialog()
    {
        QVERIFY(open(H5File::Mode::ReadWrite));
        QToolButton *add = button(m_panel->editor()->addAction());
        QVERIFY(add && add->isEnabled());
        QTest::mouseClick(add, Qt::LeftButton);
        QTRY_VERIFY(m_panel->editor()->dialog());
        AttributeDialog *d = m_panel->editor()->dialog();
        QPushButton *ok = d->buttons()->button(QDialogButtonBox::Ok);
        // A name the object has is refused before anything is written.
        d->nameEdit()->setText(QStringLiteral("units"));
        QVERIFY(!ok->isEnabled());
        QVERIFY2(d->problem().contains(QStringLiteral("An attribute named units already exists on /data/t")), qPrintable(d->problem()));
        d->nameEdit()->setText(QStringLiteral("counts"));
        d->typeBox()->setCurrentIndex(AttributeDialog::Int16);
        d->shapeBox()->setCurrentIndex(1);
        d->lengthBox()->setValue(3);
        d->valueEdit()->setPlainText(QStringLiteral("1, 2, 40000"));
        QVERIFY(!ok->isEnabled());
        QVERIFY2(d->problem().contains(QStringLiteral("does not fit a 16-bit signed integer")), qPrintable(d->problem()));
        d->valueEdit()->setPlainText(QStringLiteral("1, 2, 3"));
        QVERIFY2(ok->isEnabled(), qPrintable(d->problem()));
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_VERIFY(rowOf(QStringLiteral("counts")) >= 0);
        QCOMPARE(valueOf(QStringLiteral("counts")), QStringLiteral("1, 2, 3"));
        QCOMPARE(m_panel->model()->attributeAt(rowOf(QStringLiteral("counts")))->type.text, QStringLiteral("H5T_STD_I16LE"));
        QTRY_COMPARE(m_panel->model()->attributeAt(m_panel->table()->currentIndex().row())->name, QStringLiteral("counts"));
        QCOMPARE(stack()->count(), 1);
        QCOMPARE(stack()->text(0), QStringLiteral("Add attribute counts to /data/t"));
        stack()->undo();
        QTRY_COMPARE(rowOf(QStringLiteral("counts")), -1);
        QCOMPARE(fileText(QStringLiteral("counts")), QStringLiteral("(missing)"));
        stack()->redo();
        QTRY_VERIFY(rowOf(QStringLiteral("counts")) >= 0);
        QCOMPARE(fileText(QStringLiteral("counts")), QStringLiteral("1, 2, 3"));
    }

    void addAStringAndAnEnum()
    {
        QVERIFY(open(H5File::Mode::ReadWrite));
        m_panel->editor()->addAction()->trigger();
        QTRY_VERIFY(m_panel->editor()->dialog());
        AttributeDialog *d = m_panel->editor()->dialog();
        d->nameEdit()->setText(QStringLiteral("label"));
        QCOMPARE(d->typeBox()->currentIndex(), int(AttributeDialog::String)); // the common case first
        d->charsetBox()->setCurrentIndex(1);                                   // ASCII
        d->fixedLengthBox()->setValue(4);
        d->valueEdit()->setPlainText(QStringLiteral("abcde"));
        QVERIFY(d->problem().contains(QStringLiteral("at most 4")));
        d->valueEdit()->setPlainText(QStringLiteral("abcd"));
        QTest::mouseClick(d->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QTRY_COMPARE(valueOf(QStringLiteral("label")), QStringLiteral("\"abcd\""));

        m_panel->editor()->addAction()->trigger();
        QTRY_VERIFY(m_panel->editor()->dialog() && m_panel->editor()->dialog() != d);
        d = m_panel->editor()->dialog();
        d->nameEdit()->setText(QStringLiteral("level"));
        d->typeBox()->setCurrentIndex(AttributeDialog::Enum);
        d->membersEdit()->setText(QStringLiteral("LOW=-1, MID, HIGH=10"));
        d->valueEdit()->setPlainText(QStringLiteral("MID"));
        QVERIFY2(d->problem().isEmpty(), qPrintable(d->problem()));
        QTest::mouseClick(d->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QTRY_COMPARE(valueOf(QStringLiteral("level")), QStringLiteral("MID"));
        auto e = EditableAttribute::read(m_file, QStringLiteral("/data/t"), QStringLiteral("level"));
        QVERIFY(e && e->editable);
        QCOMPARE(e->type.members, (std::vector<std::pair<QString, qint64>>{{QStringLiteral("LOW"), -1}, {QStringLiteral("MID"), 0}, {QStringLiteral("HIGH"), 10}}));
    }

    void editAScalarInItsCell()
    {
        QVERIFY(open(H5File::Mode::ReadWrite));
        pressF2(QStringLiteral("f64"), Model::ValueColumn);
        QTRY_VERIFY(cellEditor<QLineEdit>());
        QLineEdit *line = cellEditor<QLineEdit>();
        QCOMPARE(line->text(), QStringLiteral("2.5"));
        line->setText(QStringLiteral("7.25"));
        QTest::keyClick(line, Qt::Key_Return);
        QTRY_COMPARE(valueOf(QStringLiteral("f64")), QStringLiteral("7.25"));
        QCOMPARE(stack()->text(stack()->count() - 1), QStringLiteral("Set attribute f64 of /data/t to 7.25"));
        QTRY_VERIFY(m_panel->detailValue().contains(QStringLiteral("7.25")));

        // A string by double-click on its value cell.
        const QModelIndex units = m_panel->table()->model()->index(rowOf(QStringLiteral("units")), Model::ValueColumn);
        m_panel->table()->scrollTo(units);
        const QPoint at = m_panel->table()->visualRect(units).center();
        QTest::mouseClick(m_panel->table()->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(m_panel->table()->viewport(), Qt::LeftButton, {}, at);
        QTRY_VERIFY2(cellEditor<QLineEdit>(), qPrintable(m_panel->statusText() + QString::number(m_panel->table()->currentIndex().row()) + QString::number(rowOf(QStringLiteral("units")))));
        line = cellEditor<QLineEdit>();
        QCOMPARE(line->text(), QStringLiteral("m/s"));
        line->setText(QStringLiteral("km/h"));
        QTest::keyClick(line, Qt::Key_Return);
        QTRY_COMPARE(valueOf(QStringLiteral("units")), QStringLiteral("\"km/h\""));
        QCOMPARE(stack()->text(stack()->count() - 1), QStringLiteral("Set attribute units of /data/t to \"km/h\""));
        stack()->undo();
        QTRY_COMPARE(valueOf(QStringLiteral("units")), QStringLiteral("\"m/s\""));
    }

    void aBadValueIsNamedAndNothingWritten()
    {
        QVERIFY(open(H5File::Mode::ReadWrite));
        const QByteArray bytes = flushedBytes();
        pressF2(QStringLiteral("i8"), Model::ValueColumn);
        QTRY_VERIFY(cellEditor<QLineEdit>());
        cellEditor<QLineEdit>()->setText(QStringLiteral("300"));
        QTest::keyClick(cellEditor<QLineEdit>(), Qt::Key_Return);
        QTRY_VERIFY2(m_panel->statusText().contains(QStringLiteral("does not fit an 8-bit signed integer")), qPrintable(m_panel->statusText()));
        QCOMPARE(stack()->count(), 0);
        QCOMPARE(valueOf(QStringLiteral("i8")), QStringLiteral("-5"));
        QCOMPARE(flushedBytes(), bytes);
        // Types the editors do not cover say why.
        pressF2(QStringLiteral("compound"), Model::ValueColumn);
        QTRY_VERIFY2(m_panel->statusText().contains(QStringLiteral("compound")), qPrintable(m_panel->statusText()));
        QVERIFY(!cellEditor<QLineEdit>() || !cellEditor<QLineEdit>()->isVisible());
    }

    void editAnEnumFromItsMembers()
    {
        QVERIFY(open(H5File::Mode::ReadWrite));
        pressF2(QStringLiteral("color"), Model::ValueColumn);
        QTRY_VERIFY(cellEditor<QComboBox>());
        QComboBox *box = cellEditor<QComboBox>();
        QCOMPARE(box->currentText(), QStringLiteral("BLUE"));
        QCOMPARE(box->count(), 3);
        box->setCurrentIndex(box->findText(QStringLiteral("GREEN")));
        QTest::keyClick(box, Qt::Key_Return);
        QTRY_COMPARE(valueOf(QStringLiteral("color")), QStringLiteral("GREEN"));
        QCOMPARE(fileText(QStringLiteral("color")), QStringLiteral("GREEN"));
    }

    void editAListInTheDialog()
    {
        QVERIFY(open(H5File::Mode::ReadWrite));
        QVERIFY(m_panel->selectAttribute(QStringLiteral("i32")));
        QTest::mouseClick(button(m_panel->editor()->editAction()), Qt::LeftButton);
        QTRY_VERIFY(m_panel->editor()->dialog());
        AttributeDialog *d = m_panel->editor()->dialog();
        QCOMPARE(d->valueEdit()->toPlainText(), QStringLiteral("-1, 0, 7"));
        d->valueEdit()->setPlainText(QStringLiteral("4, 5, 6, 7"));
        QTest::mouseClick(d->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QTRY_COMPARE(valueOf(QStringLiteral("i32")), QStringLiteral("4, 5, 6, 7"));
        QCOMPARE(m_panel->model()->attributeAt(rowOf(QStringLiteral("i32")))->shape.text(), QStringLiteral("4"));
        stack()->undo();
        QTRY_COMPARE(valueOf(QStringLiteral("i32")), QStringLiteral("-1, 0, 7"));
    }

    void aTextOfSeveralLinesOpensTheDialog()
    {
        QVERIFY(open(H5File::Mode::ReadWrite));
        m_panel->setObject(m_file, QStringLiteral("/g"), ObjectKind::Group);
        QTRY_VERIFY(!m_panel->model()->isLoading() && rowOf(QStringLiteral("note")) >= 0);
        pressF2(QStringLiteral("note"), Model::ValueColumn);
        QTRY_VERIFY(m_panel->editor()->dialog());
        AttributeDialog *d = m_panel->editor()->dialog();
        QCOMPARE(d->valueEdit()->toPlainText(), QStringLiteral("line one\nline two"));
        d->valueEdit()->setPlainText(QStringLiteral("line one\nline 2\nline 3"));
        QTest::mouseClick(d->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QTRY_VERIFY(m_panel->model()->attributeAt(rowOf(QStringLiteral("note")))->value.contains(QStringLiteral("line 3")));
        auto e = EditableAttribute::read(m_file, QStringLiteral("/g"), QStringLiteral("note"));
        QVERIFY(e);
        QCOMPARE(e->text, QStringLiteral("line one\nline 2\nline 3"));
    }

    void renameInTheNameCell()
    {
        QVERIFY(open(H5File::Mode::ReadWrite));
        pressF2(QStringLiteral("units"), Model::NameColumn);
        QTRY_VERIFY(cellEditor<QLineEdit>());
        QCOMPARE(cellEditor<QLineEdit>()->text(), QStringLiteral("units"));
        cellEditor<QLineEdit>()->setText(QStringLiteral("u8"));
        QTest::keyClick(cellEditor<QLineEdit>(), Qt::Key_Return);
        QTRY_VERIFY(m_panel->statusText().contains(QStringLiteral("An attribute named u8 already exists on /data/t")));
        QCOMPARE(stack()->count(), 0);

        m_panel->selectAttribute(QStringLiteral("units"));
        m_panel->editor()->renameAction()->trigger();
        QTRY_VERIFY(cellEditor<QLineEdit>() && cellEditor<QLineEdit>()->isVisible());
        cellEditor<QLineEdit>()->setText(QStringLiteral("unit_text"));
        QTest::keyClick(cellEditor<QLineEdit>(), Qt::Key_Return);
        QTRY_VERIFY(rowOf(QStringLiteral("unit_text")) >= 0);
        QCOMPARE(rowOf(QStringLiteral("units")), -1);
        QTRY_COMPARE(m_panel->table()->currentIndex().row(), rowOf(QStringLiteral("unit_text")));
        QCOMPARE(stack()->text(0), QStringLiteral("Rename attribute units of /data/t to unit_text"));
        QVERIFY(m_panel->statusText().isEmpty());
    }

    void deleteAndUndoBringsItBackExactly()
    {
        QVERIFY(open(H5File::Mode::ReadWrite));
        hs::test::AttributeState before;
        {
            LibraryLock lock;
            before = hs::test::attributeState(fileId(*m_file), "/data/t", "vlist");
        }
        QVERIFY(m_panel->selectAttribute(QStringLiteral("vlist")));
        m_panel->table()->setFocus();
        QTest::keyClick(m_panel->table(), Qt::Key_Delete);
        QTRY_COMPARE(rowOf(QStringLiteral("vlist")), -1);
        QCOMPARE(stack()->text(0), QStringLiteral("Delete attribute vlist of /data/t"));
        stack()->undo();
        QTRY_VERIFY(rowOf(QStringLiteral("vlist")) >= 0);
        LibraryLock lock;
        const hs::test::AttributeState after = hs::test::attributeState(fileId(*m_file), "/data/t", "vlist");
        QCOMPARE(after.differenceFrom(before), QString());
    }

    void aSessionMadeLaterIsPickedUp()
    {
        // The file's session may come after the panel showed the object.
        QVERIFY(open(H5File::Mode::ReadWrite));
        m_session.reset();
        m_panel->setObject(m_file, QStringLiteral("/g"), ObjectKind::Group);
        QTRY_VERIFY(!m_panel->model()->isLoading() && m_panel->model()->rowCount() > 0);
        QVERIFY(!m_panel->editor()->addAction()->isEnabled());
        QCOMPARE(m_panel->editor()->addAction()->toolTip(), AttributeEditor::readOnlyTip());
        m_session = std::make_unique<FileSession>(m_file);
        QVERIFY(m_panel->selectAttribute(QStringLiteral("matrix")));
        QVERIFY(m_panel->editor()->addAction()->isEnabled());
        QVERIFY(m_panel->editor()->deleteAction()->isEnabled());
    }

    void theContextMenuOffersTheEdits_data()
    {
        QTest::addColumn<bool>("editable");
        QTest::newRow("read-only") << false;
        QTest::newRow("read-write") << true;
    }
    void theContextMenuOffersTheEdits()
    {
        QFETCH(bool, editable);
        QVERIFY(open(editable ? H5File::Mode::ReadWrite : H5File::Mode::ReadOnly));
        QVERIFY(m_panel->selectAttribute(QStringLiteral("f64")));
        QStringList seen;
        bool checked = false;
        // The menu runs its own loop: look at it from inside, then close it.
        QTimer::singleShot(0, this, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            for (QAction *a : menu->actions()) {
                if (a->isSeparator())
                    continue;
                seen << a->text();
                if (a == m_panel->editor()->editAction() || a == m_panel->editor()->deleteAction()
                    || a == m_panel->editor()->renameAction() || a == m_panel->editor()->addAction()) {
                    checked = true;
                    if (a->isEnabled() != editable || (!editable && a->toolTip() != AttributeEditor::readOnlyTip()))
                        seen << QStringLiteral("WRONG STATE: ") + a->text();
                }
            }
            QVERIFY(menu->toolTipsVisible());
            menu->close();
        });
        const QRect cell = m_panel->table()->visualRect(m_panel->table()->model()->index(rowOf(QStringLiteral("f64")), Model::ValueColumn));
        Q_EMIT m_panel->table()->customContextMenuRequested(cell.center());
        QVERIFY(checked);
        for (const char *text : {"Edit Value\u2026", "Rename\u2026", "Delete", "Add Attribute\u2026", "Copy Value"})
            QVERIFY2(seen.contains(QString::fromUtf8(text)), qPrintable(seen.join(QStringLiteral(" | "))));
        QVERIFY2(!seen.join(u' ').contains(QStringLiteral("WRONG STATE")), qPrintable(seen.join(QStringLiteral(" | "))));
    }

    void aFailedEditIsReportedAtThePanel()
    {
        // The panel's list of names is stale: the attribute went meanwhile.
        QVERIFY(open(H5File::Mode::ReadWrite));
        const QByteArray bytes = flushedBytes();
        m_panel->editor()->deleteAttribute(QStringLiteral("no_such_attribute"));
        QTRY_VERIFY2(m_panel->statusText().contains(QStringLiteral("no such attribute")), qPrintable(m_panel->statusText()));
        QVERIFY(m_panel->statusText().contains(QStringLiteral("/data/t in panel.h5")));
        QCOMPARE(stack()->count(), 0);
        QCOMPARE(flushedBytes(), bytes);
    }

    void reloadsWhenTheSessionSaysSo()
    {
        // An edit made elsewhere (another view, undo) shows here too.
        QVERIFY(open(H5File::Mode::ReadWrite));
        const int rows = m_panel->model()->rowCount();
        m_session->submit(std::make_shared<AddAttributeOperation>(QStringLiteral("/data/t"), QStringLiteral("from_elsewhere"),
                                                                  AttributeType::boolean(), true, QStringLiteral("true")),
                          FileSession::Direction::Apply);
        QTRY_COMPARE(m_panel->model()->rowCount(), rows + 1);
        QCOMPARE(valueOf(QStringLiteral("from_elsewhere")), QStringLiteral("TRUE"));
    }

private:
    QByteArray flushedBytesReadOnly()
    {
        QFile f(m_path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    TestAttributeEditor test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_attributeeditor.moc"
