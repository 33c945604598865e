#pragma once

#include "model/formatoptions.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace hs::ui {

// Display options of one dataset view: hex integers, float notation and
// precision, strings as text or escaped.
class FormatOptionsBar : public QWidget
{
    Q_OBJECT
public:
    explicit FormatOptionsBar(QWidget *parent = nullptr);
    core::FormatOptions options() const;

Q_SIGNALS:
    void optionsChanged(const hs::core::FormatOptions &options);

private:
    QCheckBox *m_hex;
    QComboBox *m_float;
    QSpinBox *m_precision;
    QCheckBox *m_escape;
};

} // namespace hs::ui
