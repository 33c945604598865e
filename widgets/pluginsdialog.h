#pragma once

#include <QDialog>

namespace hs::ui {

// Help ▸ Plugins: every plugin found, with its version and where it was loaded
// from, and those that failed with the reason; the folders searched.
class PluginsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PluginsDialog(QWidget *parent = nullptr);
};

} // namespace hs::ui
