#include "chunkmapwidget.h"

namespace hs::ui {
ChunkMapWidget::ChunkMapWidget(QWidget *parent) : QWidget(parent) {}
} // namespace hs::ui
