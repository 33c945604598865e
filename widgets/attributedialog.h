#pragma once

#include "edit/attributetype.h"
#include "edit/editableattribute.h"

#include <QDialog>
#include <QStringList>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace hs::ui {

// Adds an attribute (name, type, scalar or 1-D, value) or edits the value of
// a list attribute. The value is checked as it is typed (AttributeValueParser)
// and OK stays disabled, with the reason under the value, until it fits.
class AttributeDialog : public QDialog
{
    Q_OBJECT
public:
    // Add mode. `existing`: the object's attribute names (a name that exists is refused).
    AttributeDialog(const QString &objectPath, const QStringList &existing, QWidget *parent = nullptr);
    // Edit mode: the value of `attribute` (lists, and texts of several lines; other scalars are edited in the cell).
    AttributeDialog(const QString &objectPath, const core::EditableAttribute &attribute, QWidget *parent = nullptr);

    // The type presets of the Type box, in order.
    enum Preset { Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float32, Float64, String, Enum, Boolean };

    QString name() const;
    core::AttributeType attributeType() const;
    bool isScalar() const;
    std::optional<quint64> length() const; // 1-D: the length asked for; none: as many as given
    QString valueText() const;
    // Why OK is disabled, or empty.
    QString problem() const;

    // For tests and callers that fill it in.
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *typeBox() const { return m_type; }
    QComboBox *charsetBox() const { return m_charset; }
    QSpinBox *fixedLengthBox() const { return m_fixedLength; }
    QLineEdit *membersEdit() const { return m_members; }
    QComboBox *shapeBox() const { return m_shape; }
    QSpinBox *lengthBox() const { return m_length; }
    QPlainTextEdit *valueEdit() const { return m_value; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void build(bool addMode);
    void updateForm();
    void validate();
    std::optional<core::AttributeType> enumType(QString *why) const;

    QString m_path;
    QStringList m_existing;
    bool m_addMode;
    core::EditableAttribute m_editing;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_type = nullptr;
    QWidget *m_stringRow = nullptr;
    QComboBox *m_charset = nullptr;
    QSpinBox *m_fixedLength = nullptr;
    QWidget *m_enumRow = nullptr;
    QLineEdit *m_members = nullptr;
    QComboBox *m_shape = nullptr;
    QSpinBox *m_length = nullptr;
    QPlainTextEdit *m_value = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QString m_problemText;
};

} // namespace hs::ui
