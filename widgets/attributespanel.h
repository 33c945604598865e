#pragma once

#include <QWidget>

namespace hs::ui {

// Placeholder: the issue-4 inspector work replaces this file.
class AttributesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AttributesPanel(QWidget *parent = nullptr);
};

} // namespace hs::ui
