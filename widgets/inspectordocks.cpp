#include "inspectordocks.h"

namespace hs::ui {
InspectorDocks::InspectorDocks(QObject *parent) : QObject(parent) {}
} // namespace hs::ui
