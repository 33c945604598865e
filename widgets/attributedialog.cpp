#include "attributedialog.h"

#include "edit/attributevalueparser.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace hs::ui {

using core::AttributeType;
using core::AttributeValueParser;

namespace {

QLabel *muted(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    return l;
}

QString shapeText(const core::EditableAttribute &a)
{
    if (a.scalar)
        return QObject::tr("scalar");
    QStringList dims;
    for (quint64 d : a.dims)
        dims << QString::number(d);
    return dims.join(QStringLiteral(" \u00d7 "));
}

// How to type a value of `t`, one line.
QString hintFor(const AttributeType &t, bool scalar)
{
    QString what;
    switch (t.kind) {
    case AttributeType::Kind::Integer: {
        const auto [lo, hi] = t.range();
        what = QObject::tr("Whole numbers from %1 to %2 (0x for hex).").arg(lo).arg(hi);
        break;
    }
    case AttributeType::Kind::Float: what = QObject::tr("Numbers such as 2.5, -1e-3, nan, inf."); break;
    case AttributeType::Kind::String:
        what = t.variableLength ? QObject::tr("Text%1.").arg(t.utf8 ? QString() : QObject::tr(" (ASCII characters only)"))
                                : QObject::tr("Text of at most %1 bytes%2.")
                                      .arg(t.padding == AttributeType::Padding::NullTerminated ? t.bytes - 1 : t.bytes)
                                      .arg(t.utf8 ? QString() : QObject::tr(", ASCII characters only"));
        break;
    case AttributeType::Kind::Enum: what = QObject::tr("One of %1.").arg(t.memberNames().join(QStringLiteral(", "))); break;
    case AttributeType::Kind::Boolean: what = QObject::tr("true or false."); break;
    }
    if (scalar)
        return what;
    return what + (t.kind == AttributeType::Kind::String
                       ? QObject::tr(" Separate values with commas; quote a value that holds a comma: \"a, b\".")
                       : QObject::tr(" Separate values with commas."));
}

} // namespace

AttributeDialog::AttributeDialog(const QString &objectPath, const QStringList &existing, QWidget *parent)
    : QDialog(parent), m_path(objectPath), m_existing(existing), m_addMode(true)
{
    setWindowTitle(tr("Add Attribute to %1").arg(objectPath));
    build(true);
}

AttributeDialog::AttributeDialog(const QString &objectPath, const core::EditableAttribute &attribute, QWidget *parent)
    : QDialog(parent), m_path(objectPath), m_addMode(false), m_editing(attribute)
{
    setWindowTitle(tr("Edit Attribute %1 of %2").arg(attribute.name, objectPath));
    build(false);
    m_value->setPlainText(attribute.text);
    validate();
}

void AttributeDialog::build(bool addMode)
{
    auto *layout = new QVBoxLayout(this);
    auto *form = m_form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    layout->addLayout(form);
    if (addMode) {
        m_name = new QLineEdit(this);
        m_name->setPlaceholderText(tr("e.g. units"));
        form->addRow(tr("&Name:"), m_name);

        m_type = new QComboBox(this);
        const QStringList presets = {tr("8-bit signed integer (int8)"),   tr("8-bit unsigned integer (uint8)"),
                                     tr("16-bit signed integer (int16)"), tr("16-bit unsigned integer (uint16)"),
                                     tr("32-bit signed integer (int32)"), tr("32-bit unsigned integer (uint32)"),
                                     tr("64-bit signed integer (int64)"), tr("64-bit unsigned integer (uint64)"),
                                     tr("32-bit float (float32)"),        tr("64-bit float (float64)"),
                                     tr("String"),                        tr("Enum"),
                                     tr("Boolean (h5py: enum FALSE = 0, TRUE = 1)")};
        m_type->addItems(presets);
        m_type->setCurrentIndex(String);
        form->addRow(tr("&Type:"), m_type);

        m_stringRow = new QWidget(this);
        auto *sr = new QHBoxLayout(m_stringRow);
        sr->setContentsMargins(0, 0, 0, 0);
        m_charset = new QComboBox(m_stringRow);
        m_charset->addItems({tr("UTF-8"), tr("ASCII")});
        m_fixedLength = new QSpinBox(m_stringRow);
        m_fixedLength->setRange(0, 65535);
        m_fixedLength->setSpecialValueText(tr("variable length"));
        m_fixedLength->setSuffix(tr(" bytes"));
        m_fixedLength->setToolTip(tr("0: variable length; otherwise each string takes exactly this many bytes"));
        sr->addWidget(m_charset);
        sr->addWidget(m_fixedLength, 1);
        form->addRow(tr("String:"), m_stringRow);

        m_enumRow = new QWidget(this);
        auto *er = new QHBoxLayout(m_enumRow);
        er->setContentsMargins(0, 0, 0, 0);
        m_members = new QLineEdit(m_enumRow);
        m_members->setPlaceholderText(tr("RED, GREEN, BLUE  or  LOW=-1, HIGH=1"));
        er->addWidget(m_members);
        form->addRow(tr("&Members:"), m_enumRow);

        auto *shapeRow = new QWidget(this);
        auto *hr = new QHBoxLayout(shapeRow);
        hr->setContentsMargins(0, 0, 0, 0);
        m_shape = new QComboBox(shapeRow);
        m_shape->addItems({tr("Scalar (one value)"), tr("1-D list")});
        m_length = new QSpinBox(shapeRow);
        m_length->setRange(0, int(core::EditableAttribute::MaxElements));
        m_length->setSpecialValueText(tr("as many as given"));
        m_length->setPrefix(tr("length "));
        m_length->setToolTip(tr("One value given for a longer list fills every element"));
        hr->addWidget(m_shape);
        hr->addWidget(m_length, 1);
        form->addRow(tr("&Shape:"), shapeRow);
    } else {
        auto *name = new QLabel(QStringLiteral("<b>%1</b>").arg(m_editing.name.toHtmlEscaped()), this);
        name->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(tr("Name:"), name);
        form->addRow(tr("Type:"), new QLabel(m_editing.type.text(), this));
        form->addRow(tr("Shape:"), new QLabel(shapeText(m_editing), this));
    }
    m_value = new QPlainTextEdit(this);
    m_value->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_value->setTabChangesFocus(true);
    m_value->setMinimumHeight(m_value->fontMetrics().height() * (addMode ? 3 : 6));
    if (addMode) // most values are short; a list may still scroll
        m_value->setMaximumHeight(m_value->fontMetrics().height() * 6);
    form->addRow(tr("&Value:"), m_value);
    m_hint = muted(this);
    form->addRow(QString(), m_hint);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #a23b2c;"));
    layout->addWidget(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(addMode ? tr("Add") : tr("Set Value"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        validate();
        if (m_problemText.isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_value, &QPlainTextEdit::textChanged, this, &AttributeDialog::validate);
    if (addMode) {
        connect(m_name, &QLineEdit::textChanged, this, &AttributeDialog::validate);
        connect(m_type, &QComboBox::currentIndexChanged, this, &AttributeDialog::updateForm);
        connect(m_charset, &QComboBox::currentIndexChanged, this, &AttributeDialog::validate);
        connect(m_fixedLength, &QSpinBox::valueChanged, this, &AttributeDialog::validate);
        connect(m_members, &QLineEdit::textChanged, this, &AttributeDialog::validate);
        connect(m_shape, &QComboBox::currentIndexChanged, this, &AttributeDialog::updateForm);
        connect(m_length, &QSpinBox::valueChanged, this, &AttributeDialog::validate);
        updateForm();
    }
    resize(460, sizeHint().height());
}

void AttributeDialog::updateForm()
{
    // The whole row (label too) goes when it does not apply.
    m_form->setRowVisible(m_stringRow, m_type->currentIndex() == String);
    m_form->setRowVisible(m_enumRow, m_type->currentIndex() == Enum);
    m_length->setVisible(!isScalar());
    validate();
}

QString AttributeDialog::name() const { return m_addMode ? m_name->text() : m_editing.name; }

bool AttributeDialog::isScalar() const { return m_addMode ? m_shape->currentIndex() == 0 : m_editing.scalar; }

std::optional<quint64> AttributeDialog::length() const
{
    if (!m_addMode || isScalar() || m_length->value() == 0)
        return std::nullopt;
    return quint64(m_length->value());
}

QString AttributeDialog::valueText() const { return m_value->toPlainText(); }

QString AttributeDialog::problem() const { return m_problemText; }

std::optional<AttributeType> AttributeDialog::enumType(QString *why) const
{
    std::vector<std::pair<QString, qint64>> members;
    qint64 next = 0;
    qint64 lo = 0, hi = 0;
    for (const QString &part : m_members->text().split(u',', Qt::SkipEmptyParts)) {
        const QString item = part.trimmed();
        if (item.isEmpty())
            continue;
        QString memberName = item;
        qint64 value = next;
        if (const qsizetype eq = item.indexOf(u'='); eq >= 0) {
            memberName = item.left(eq).trimmed();
            bool ok = false;
            value = item.mid(eq + 1).trimmed().toLongLong(&ok, 0);
            if (!ok) {
                *why = tr("Member %1: \u201c%2\u201d is not a whole number.").arg(memberName, item.mid(eq + 1).trimmed());
                return std::nullopt;
            }
        }
        if (memberName.isEmpty()) {
            *why = tr("Every enum member needs a name.");
            return std::nullopt;
        }
        for (const auto &m : members)
            if (m.first == memberName || m.second == value) {
                *why = m.first == memberName ? tr("The member %1 is named twice.").arg(memberName)
                                             : tr("%1 and %2 have the same value %3.").arg(m.first, memberName).arg(value);
                return std::nullopt;
            }
        members.emplace_back(memberName, value);
        lo = std::min(lo, value);
        hi = std::max(hi, value);
        next = value + 1;
    }
    if (members.empty()) {
        *why = tr("Name the enum's members, separated by commas.");
        return std::nullopt;
    }
    // The smallest signed base that holds every value.
    int bytes = 8;
    for (int b : {1, 2, 4})
        if (lo >= -(qint64(1) << (b * 8 - 1)) && hi < (qint64(1) << (b * 8 - 1))) {
            bytes = b;
            break;
        }
    return AttributeType::enumeration(std::move(members), bytes, true);
}

AttributeType AttributeDialog::attributeType() const
{
    if (!m_addMode)
        return m_editing.type;
    switch (m_type->currentIndex()) {
    case Int8: return AttributeType::integer(1, true);
    case UInt8: return AttributeType::integer(1, false);
    case Int16: return AttributeType::integer(2, true);
    case UInt16: return AttributeType::integer(2, false);
    case Int32: return AttributeType::integer(4, true);
    case UInt32: return AttributeType::integer(4, false);
    case Int64: return AttributeType::integer(8, true);
    case UInt64: return AttributeType::integer(8, false);
    case Float32: return AttributeType::floating(4);
    case Float64: return AttributeType::floating(8);
    case String: return AttributeType::string(m_charset->currentIndex() == 0, m_fixedLength->value());
    case Enum: {
        QString why;
        return enumType(&why).value_or(AttributeType::enumeration({}));
    }
    default: return AttributeType::boolean();
    }
}

void AttributeDialog::validate()
{
    QString why;
    const AttributeType type = attributeType();
    if (m_addMode) {
        const QString n = m_name->text();
        if (n.isEmpty())
            why = tr("Type a name.");
        else if (m_existing.contains(n))
            why = tr("An attribute named %1 already exists on %2.").arg(n, m_path);
        else if (m_type->currentIndex() == Enum)
            enumType(&why);
    }
    m_hint->setText(hintFor(type, isScalar()));
    if (why.isEmpty()) {
        auto parsed = AttributeValueParser::parse(type, valueText(), isScalar());
        if (!parsed)
            why = parsed.error().message;
        else if (m_addMode && length() && parsed->count != *length() && parsed->count != 1)
            why = tr("%1 values are given for a list of %2.").arg(parsed->count).arg(*length());
    }
    m_problemText = why;
    m_problem->setText(why);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

} // namespace hs::ui
