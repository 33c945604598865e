#include "attributespanel.h"

namespace hs::ui {
AttributesPanel::AttributesPanel(QWidget *parent) : QWidget(parent) {}
} // namespace hs::ui
