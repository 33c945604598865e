#include "formatoptionsbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace hs::ui {

using core::FormatOptions;

FormatOptionsBar::FormatOptionsBar(QWidget *parent)
    : QWidget(parent),
      m_hex(new QCheckBox(tr("Hex integers"), this)),
      m_float(new QComboBox(this)),
      m_precision(new QSpinBox(this)),
      m_escape(new QCheckBox(tr("Escape strings"), this))
{
    auto *l = new QHBoxLayout(this);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(m_hex);
    l->addSpacing(12);
    l->addWidget(new QLabel(tr("Floats:"), this));
    m_float->addItem(tr("Shortest exact"), int(FormatOptions::FloatStyle::Shortest));
    m_float->addItem(tr("General"), int(FormatOptions::FloatStyle::General));
    m_float->addItem(tr("Scientific"), int(FormatOptions::FloatStyle::Scientific));
    m_float->addItem(tr("Fixed"), int(FormatOptions::FloatStyle::Fixed));
    m_float->setToolTip(tr("Shortest exact: the fewest digits that read back to the same value."));
    l->addWidget(m_float);
    m_precision->setRange(0, 40);
    m_precision->setValue(6);
    m_precision->setPrefix(tr("digits: "));
    m_precision->setEnabled(false);
    l->addWidget(m_precision);
    l->addSpacing(12);
    l->addWidget(m_escape);
    l->addStretch(1);

    auto emitChange = [this] {
        m_precision->setEnabled(m_float->currentData().toInt() != int(FormatOptions::FloatStyle::Shortest));
        Q_EMIT optionsChanged(options());
    };
    connect(m_hex, &QCheckBox::toggled, this, emitChange);
    connect(m_escape, &QCheckBox::toggled, this, emitChange);
    connect(m_float, &QComboBox::currentIndexChanged, this, emitChange);
    connect(m_precision, &QSpinBox::valueChanged, this, emitChange);
}

FormatOptions FormatOptionsBar::options() const
{
    FormatOptions o;
    o.hexIntegers = m_hex->isChecked();
    o.floatStyle = FormatOptions::FloatStyle(m_float->currentData().toInt());
    o.floatPrecision = m_precision->value();
    o.escapeStrings = m_escape->isChecked();
    return o;
}

} // namespace hs::ui
