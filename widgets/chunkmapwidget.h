#pragma once

#include <QWidget>

namespace hs::ui {

// Placeholder: the issue-4 storage panel replaces this file.
class ChunkMapWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ChunkMapWidget(QWidget *parent = nullptr);
};

} // namespace hs::ui
