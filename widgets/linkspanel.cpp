#include "linkspanel.h"

namespace hs::ui {
LinksPanel::LinksPanel(QWidget *parent) : QWidget(parent) {}
} // namespace hs::ui
