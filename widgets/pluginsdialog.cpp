#include "pluginsdialog.h"

#include "plugins/pluginregistry.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hs::ui {

PluginsDialog::PluginsDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Plugins"));
    auto *list = new QTreeWidget(this);
    list->setObjectName(QStringLiteral("pluginList"));
    list->setRootIsDecorated(false);
    list->setHeaderLabels({tr("Plugin"), tr("Version"), tr("Kind"), tr("Status"), tr("File")});
    const core::PluginRegistry &registry = core::PluginRegistry::instance();
    auto *csv = new QTreeWidgetItem(list, {tr("CSV exporter"), QStringLiteral(HYPERSLAB_VERSION), tr("exporter"),
                                           tr("built in"), QString()});
    csv->setToolTip(0, tr("Comma-separated values; the default format of File ▸ Export."));
    for (const core::PluginRecord &p : registry.plugins()) {
        auto *item = new QTreeWidgetItem(list, {p.name, p.version, p.kind, p.loaded ? tr("loaded") : tr("failed: %1").arg(p.error),
                                                p.filePath});
        item->setToolTip(0, p.description);
        item->setToolTip(3, p.loaded ? p.description : p.error);
        if (!p.loaded)
            item->setForeground(3, QColor(0xb0, 0x00, 0x20));
    }
    for (int c = 0; c < list->columnCount(); ++c)
        list->resizeColumnToContents(c);
    auto *dirs = new QLabel(tr("Searched: %1").arg(registry.searchedDirectories().join(QStringLiteral(", "))), this);
    dirs->setObjectName(QStringLiteral("pluginDirs"));
    dirs->setWordWrap(true);
    dirs->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(list, 1);
    layout->addWidget(dirs);
    layout->addWidget(buttons);
    resize(900, 360);
}

} // namespace hs::ui
