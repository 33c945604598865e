#include "celleditdelegate.h"

#include "models/datasettablemodel.h"
#include "valueeditcontroller.h"

#include <QCheckBox>
#include <QComboBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QToolTip>

namespace hs::ui {

using hs::core::DatasetTableModel;
using hs::core::ValueParser;

namespace {
const char *kInitial = "hyperslabInitialText";
const char *kRow = "hyperslabRow";
const char *kColumn = "hyperslabColumn";
} // namespace

CellEditDelegate::CellEditDelegate(ValueEditController *controller, QObject *parent)
    : GridCellDelegate(parent), m_controller(controller)
{
}

QWidget *CellEditDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &index) const
{
    if (!m_controller)
        return nullptr;
    const quint64 row = index.data(DatasetTableModel::AbsoluteRowRole).toULongLong();
    const quint64 col = index.data(DatasetTableModel::AbsoluteColumnRole).toULongLong();
    QString why;
    if (!m_controller->canEdit(row, col, &why))
        return nullptr;
    const int field = m_controller->fieldOf(col);
    const QString tip = m_controller->limits(col);
    QWidget *editor = nullptr;
    switch (m_controller->parser().editor(field)) {
    case ValueParser::Editor::Choice: {
        auto *combo = new QComboBox(parent);
        combo->addItems(m_controller->parser().choices(field));
        // Picking a name is the whole edit.
        connect(combo, &QComboBox::activated, this, [this, combo] {
            auto *self = const_cast<CellEditDelegate *>(this);
            Q_EMIT self->commitData(combo);
            Q_EMIT self->closeEditor(combo);
        });
        editor = combo;
        break;
    }
    case ValueParser::Editor::Boolean: {
        auto *check = new QCheckBox(parent);
        check->setAutoFillBackground(true);
        connect(check, &QCheckBox::toggled, check, [check](bool on) { check->setText(on ? QStringLiteral("TRUE") : QStringLiteral("FALSE")); });
        editor = check;
        break;
    }
    case ValueParser::Editor::Text: {
        auto *line = new QLineEdit(parent);
        line->setFrame(false);
        line->setPlaceholderText(tip);
        // Checked as it is typed: a red text and the reason under the cell.
        connect(line, &QLineEdit::textEdited, this, [this, line, col](const QString &text) {
            const QString error = m_controller ? m_controller->check(col, text) : QString();
            line->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("color:#b00020;"));
            line->setToolTip(error.isEmpty() ? m_controller->limits(col) : error);
        });
        editor = line;
        break;
    }
    case ValueParser::Editor::None: return nullptr;
    }
    editor->setToolTip(tip);
    editor->setProperty(kRow, row);
    editor->setProperty(kColumn, col);
    editor->setObjectName(QStringLiteral("cellEditor"));
    return editor;
}

void CellEditDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    const QString text = index.data(Qt::EditRole).toString();
    editor->setProperty(kInitial, text);
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        combo->setCurrentIndex(std::max(0, combo->findText(text)));
    } else if (auto *check = qobject_cast<QCheckBox *>(editor)) {
        check->setChecked(text.compare(QLatin1String("TRUE"), Qt::CaseInsensitive) == 0);
        check->setText(check->isChecked() ? QStringLiteral("TRUE") : QStringLiteral("FALSE"));
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        line->setText(text);
        line->setAlignment(index.data(Qt::TextAlignmentRole).value<Qt::Alignment>());
    }
}

QString CellEditDelegate::editorText(QWidget *editor) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor))
        return combo->currentText();
    if (auto *check = qobject_cast<QCheckBox *>(editor))
        return check->isChecked() ? QStringLiteral("TRUE") : QStringLiteral("FALSE");
    if (auto *line = qobject_cast<QLineEdit *>(editor))
        return line->text();
    return {};
}

void CellEditDelegate::setModelData(QWidget *editor, QAbstractItemModel *, const QModelIndex &) const
{
    if (!m_controller)
        return;
    const QString text = editorText(editor);
    if (text == editor->property(kInitial).toString())
        return; // nothing changed: nothing to write (and no rounding of what is shown)
    const QString error =
        m_controller->setCell(editor->property(kRow).toULongLong(), editor->property(kColumn).toULongLong(), text);
    if (!error.isEmpty())
        showMessage(editor, error);
}

void CellEditDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option, const QModelIndex &) const
{
    QRect r = option.rect;
    // Narrow columns still get an editor wide enough to see what is typed.
    if (qobject_cast<QComboBox *>(editor))
        r.setWidth(std::max(r.width(), editor->sizeHint().width()));
    else if (qobject_cast<QLineEdit *>(editor))
        r.setWidth(std::max(r.width(), 140));
    editor->setGeometry(r);
}

void CellEditDelegate::showMessage(QWidget *editor, const QString &message) const
{
    m_lastMessage = message;
    QWidget *anchor = editor->isVisible() ? editor : editor->parentWidget();
    QToolTip::showText(anchor->mapToGlobal(QPoint(0, anchor->height())), message, anchor);
    Q_EMIT const_cast<CellEditDelegate *>(this)->messageShown(message);
}

bool CellEditDelegate::eventFilter(QObject *object, QEvent *event)
{
    auto *editor = qobject_cast<QWidget *>(object);
    if (editor && event->type() == QEvent::KeyPress && m_controller) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter || key->key() == Qt::Key_Tab
            || key->key() == Qt::Key_Backtab) {
            const QString text = editorText(editor);
            if (text != editor->property(kInitial).toString()) {
                const QString error = m_controller->check(editor->property(kColumn).toULongLong(), text);
                if (!error.isEmpty()) {
                    // Refused at the cell: the editor stays open with the reason.
                    showMessage(editor, error);
                    return true;
                }
            }
        }
    }
    if (editor && event->type() == QEvent::FocusOut && m_controller) {
        // Clicking elsewhere with a bad value: keep nothing, say why.
        const QString text = editorText(editor);
        if (text != editor->property(kInitial).toString()
            && !m_controller->check(editor->property(kColumn).toULongLong(), text).isEmpty()) {
            showMessage(editor, tr("Not written: %1").arg(m_controller->check(editor->property(kColumn).toULongLong(), text)));
            Q_EMIT closeEditor(editor, RevertModelCache);
            return true;
        }
    }
    return GridCellDelegate::eventFilter(object, event);
}

} // namespace hs::ui
