#pragma once

#include "hyperslabcore_export.h"

#include <QString>
#include <QStringList>

#include <vector>

class QObject;

namespace hyperslab {
class ExporterInterface;
class ViewerInterface;
} // namespace hyperslab

namespace hs::core {

// One file found in a plugin folder: loaded, or why not.
struct PluginRecord
{
    QString filePath;  // where it was found
    QString name;      // from its metadata (the file name when it has none)
    QString version;
    QString description;
    QString kind;      // "viewer", "exporter" or "" when unknown
    bool loaded = false;
    QString error;     // why it was not loaded (plain words)
    QObject *instance = nullptr;
};

// Finds and loads plugins (QPluginLoader) from the plugin folders. A plugin
// that fails is listed with its reason and otherwise ignored: it never stops
// the app. Load once, on the main thread, before the lists are read; the
// lists are read-only afterwards (any thread).
class HYPERSLABCORE_EXPORT PluginRegistry
{
public:
    // The process-wide registry, loaded from defaultDirectories() on first use.
    static PluginRegistry &instance();

    // In order (the first plugin of a name wins): $HYPERSLAB_PLUGIN_PATH
    // (colon-separated), the build tree's plugin folder when run from the
    // build, the install folder (<prefix>/lib/<arch>/hyperslab/plugins next to
    // the binary), and the user's <AppDataLocation>/plugins.
    static QStringList defaultDirectories();

    PluginRegistry() = default;
    // Loads every file in these folders (missing folders are skipped).
    void loadFrom(const QStringList &directories);
    void loadFile(const QString &filePath);

    const std::vector<PluginRecord> &plugins() const { return m_plugins; }
    std::vector<hyperslab::ExporterInterface *> exporters() const;
    std::vector<hyperslab::ViewerInterface *> viewers() const;
    hyperslab::ExporterInterface *exporter(const QString &formatName) const;
    QStringList searchedDirectories() const { return m_directories; }

    // The list as `hyperslab plugins` prints it: one line per plugin, and
    // the folders searched.
    QString report() const;

private:
    std::vector<PluginRecord> m_plugins;
    QStringList m_directories;
};

} // namespace hs::core
