#include "structuredialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace hs::ui {

StructureDialog::StructureDialog(const QString &title, const QString &intro, QWidget *parent)
    : QDialog(parent), m_form(new QFormLayout), m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(title);
    auto *layout = new QVBoxLayout(this);
    if (!intro.isEmpty()) {
        auto *label = new QLabel(intro, this);
        label->setWordWrap(true);
        layout->addWidget(label);
    }
    layout->addLayout(m_form);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (problem().isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(480);
}

QLineEdit *StructureDialog::addLine(const QString &label, const QString &text, const QString &objectName)
{
    auto *edit = new QLineEdit(text, this);
    edit->setObjectName(objectName);
    if (m_form->rowCount() == 0)
        edit->setFocus(); // the first field takes the typing
    m_form->addRow(label, edit);
    connect(edit, &QLineEdit::textChanged, this, &StructureDialog::recheck);
    recheck();
    return edit;
}

QComboBox *StructureDialog::addEditableCombo(const QString &label, const QStringList &items, const QString &text,
                                             const QString &objectName)
{
    auto *combo = new QComboBox(this);
    combo->setObjectName(objectName);
    combo->setEditable(true);
    combo->addItems(items);
    combo->setEditText(text);
    combo->setInsertPolicy(QComboBox::NoInsert);
    if (m_form->rowCount() == 0)
        combo->setFocus();
    m_form->addRow(label, combo);
    connect(combo, &QComboBox::editTextChanged, this, &StructureDialog::recheck);
    recheck();
    return combo;
}

void StructureDialog::addRow(const QString &label, QWidget *field)
{
    m_form->addRow(label, field);
}

void StructureDialog::addNote(const QString &text)
{
    auto *note = new QLabel(text, this);
    note->setWordWrap(true);
    m_form->addRow(note);
}

void StructureDialog::setCheck(std::function<QString()> check)
{
    m_check = std::move(check);
    recheck();
}

void StructureDialog::setOkText(const QString &text)
{
    m_buttons->button(QDialogButtonBox::Ok)->setText(text);
}

QString StructureDialog::problem() const
{
    return m_check ? m_check() : QString();
}

void StructureDialog::recheck()
{
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

} // namespace hs::ui
