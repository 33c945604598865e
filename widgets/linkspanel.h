#pragma once

#include <QWidget>

namespace hs::ui {

// Placeholder: the issue-4 inspector work replaces this file.
class LinksPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LinksPanel(QWidget *parent = nullptr);
};

} // namespace hs::ui
