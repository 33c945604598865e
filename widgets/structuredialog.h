#pragma once

#include <QDialog>

#include <functional>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace hs::ui {

// The small forms of the structure edits (New Group, Rename, Move to, links,
// Resize): labelled fields, a check that runs on every keystroke and says in
// words why the input cannot be used, and an OK button enabled only when it can.
class StructureDialog : public QDialog
{
    Q_OBJECT
public:
    StructureDialog(const QString &title, const QString &intro, QWidget *parent = nullptr);

    QLineEdit *addLine(const QString &label, const QString &text, const QString &objectName);
    QComboBox *addEditableCombo(const QString &label, const QStringList &items, const QString &text,
                                const QString &objectName);
    void addRow(const QString &label, QWidget *field);
    void addNote(const QString &text);
    // Returns why the input cannot be used, or empty.
    void setCheck(std::function<QString()> check);
    void setOkText(const QString &text);
    // Runs the check again (fields added later, or changed from outside).
    void recheck();
    QString problem() const;

private:
    QFormLayout *m_form;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    std::function<QString()> m_check;
};

} // namespace hs::ui
