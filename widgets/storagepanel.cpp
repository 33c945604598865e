#include "storagepanel.h"

namespace hs::ui {
// Placeholder: the issue-4 storage panel replaces this file.
StoragePanel::StoragePanel(QWidget *parent) : QWidget(parent) {}
void StoragePanel::setObject(const core::H5FilePtr &, const QString &, core::ObjectKind) {}
void StoragePanel::clear() {}
} // namespace hs::ui
