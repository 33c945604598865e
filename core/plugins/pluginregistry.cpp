#include "plugins/pluginregistry.h"

#include "hyperslab/exporterinterface.h"
#include "hyperslab/viewerinterface.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QLibrary>
#include <QPluginLoader>
#include <QStandardPaths>

namespace hs::core {

namespace {

// Turns the dynamic loader's words into the reasons the list gives.
QString loadFailure(const QString &loaderError)
{
    if (loaderError.contains(QLatin1String("undefined symbol")))
        return QStringLiteral("missing symbol: %1").arg(loaderError);
    if (loaderError.contains(QLatin1String("cannot open shared object file")))
        return QStringLiteral("missing library: %1").arg(loaderError);
    return QStringLiteral("could not be loaded: %1").arg(loaderError);
}

QString interfaceVersion(const QString &iid, const QString &prefix)
{
    return iid.mid(prefix.size());
}

} // namespace

PluginRegistry &PluginRegistry::instance()
{
    static PluginRegistry *registry = [] {
        auto *r = new PluginRegistry; // lives until exit: plugin objects must outlive every view
        r->loadFrom(defaultDirectories());
        return r;
    }();
    return *registry;
}

QStringList PluginRegistry::defaultDirectories()
{
    QStringList dirs;
    const QString env = qEnvironmentVariable("HYPERSLAB_PLUGIN_PATH");
    for (const QString &d : env.split(QLatin1Char(':'), Qt::SkipEmptyParts))
        dirs << d;
    const QString appDir = QCoreApplication::applicationDirPath();
#ifdef HYPERSLAB_BUILD_BINDIR
    // Run from the build tree: the plugins built beside it.
    if (QFileInfo(appDir).canonicalFilePath() == QFileInfo(QStringLiteral(HYPERSLAB_BUILD_BINDIR)).canonicalFilePath())
        dirs << QStringLiteral(HYPERSLAB_BUILD_PLUGINDIR);
#endif
#ifdef HYPERSLAB_INSTALL_PLUGINDIR_REL
    dirs << QDir::cleanPath(appDir + QStringLiteral("/../") + QStringLiteral(HYPERSLAB_INSTALL_PLUGINDIR_REL));
#endif
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!data.isEmpty())
        dirs << data + QStringLiteral("/plugins");
    dirs.removeDuplicates();
    return dirs;
}

void PluginRegistry::loadFrom(const QStringList &directories)
{
    for (const QString &dir : directories) {
        m_directories << dir;
        const QFileInfoList files = QDir(dir).entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
        // Only what could be a library: a folder may hold a README too.
        for (const QFileInfo &f : files)
            if (QLibrary::isLibrary(f.fileName()))
                loadFile(f.absoluteFilePath());
    }
}

void PluginRegistry::loadFile(const QString &filePath)
{
    PluginRecord rec;
    rec.filePath = filePath;
    rec.name = QFileInfo(filePath).fileName();
    QPluginLoader loader(filePath);
    // Resolve every symbol now: a plugin with a missing symbol fails here,
    // with the symbol named, instead of crashing when the symbol is first used.
    loader.setLoadHints(QLibrary::ResolveAllSymbolsHint);
    const QJsonObject meta = loader.metaData();
    if (meta.isEmpty()) {
        rec.error = QStringLiteral("not a plugin (no Qt plugin metadata)");
        m_plugins.push_back(rec);
        return;
    }
    const QJsonObject info = meta.value(QLatin1String("MetaData")).toObject();
    if (!info.value(QLatin1String("name")).toString().isEmpty())
        rec.name = info.value(QLatin1String("name")).toString();
    rec.version = info.value(QLatin1String("version")).toString();
    rec.description = info.value(QLatin1String("description")).toString();

    const QString iid = meta.value(QLatin1String("IID")).toString();
    const QString viewerPrefix = QStringLiteral(HYPERSLAB_VIEWER_IID_PREFIX);
    const QString exporterPrefix = QStringLiteral(HYPERSLAB_EXPORTER_IID_PREFIX);
    QString wanted;
    if (iid.startsWith(viewerPrefix)) {
        rec.kind = QStringLiteral("viewer");
        wanted = QStringLiteral(HYPERSLAB_VIEWER_IID);
    } else if (iid.startsWith(exporterPrefix)) {
        rec.kind = QStringLiteral("exporter");
        wanted = QStringLiteral(HYPERSLAB_EXPORTER_IID);
    } else {
        rec.error = QStringLiteral("not a Hyperslab plugin (interface %1)").arg(iid.isEmpty() ? QStringLiteral("none") : iid);
        m_plugins.push_back(rec);
        return;
    }
    if (iid != wanted) {
        const QString prefix = rec.kind == QLatin1String("viewer") ? viewerPrefix : exporterPrefix;
        rec.error = QStringLiteral("wrong interface version: built for %1 interface version %2, this Hyperslab loads version %3")
                        .arg(rec.kind, interfaceVersion(iid, prefix), QString::number(hyperslab::PluginInterfaceVersion));
        m_plugins.push_back(rec);
        return;
    }
    for (const PluginRecord &other : m_plugins) {
        if (other.loaded && other.name == rec.name) {
            rec.error = QStringLiteral("skipped: %1 was already loaded from %2").arg(rec.name, other.filePath);
            m_plugins.push_back(rec);
            return;
        }
    }
    QObject *object = loader.instance();
    if (!object) {
        rec.error = loadFailure(loader.errorString());
        m_plugins.push_back(rec);
        return;
    }
    const bool implements = rec.kind == QLatin1String("viewer") ? qobject_cast<hyperslab::ViewerInterface *>(object) != nullptr
                                                                : qobject_cast<hyperslab::ExporterInterface *>(object) != nullptr;
    if (!implements) {
        rec.error = QStringLiteral("does not implement the %1 interface it declares").arg(rec.kind);
        m_plugins.push_back(rec);
        return;
    }
    rec.loaded = true;
    rec.instance = object;
    m_plugins.push_back(rec);
}

std::vector<hyperslab::ExporterInterface *> PluginRegistry::exporters() const
{
    std::vector<hyperslab::ExporterInterface *> out;
    for (const PluginRecord &p : m_plugins)
        if (p.loaded)
            if (auto *e = qobject_cast<hyperslab::ExporterInterface *>(p.instance))
                out.push_back(e);
    return out;
}

std::vector<hyperslab::ViewerInterface *> PluginRegistry::viewers() const
{
    std::vector<hyperslab::ViewerInterface *> out;
    for (const PluginRecord &p : m_plugins)
        if (p.loaded)
            if (auto *v = qobject_cast<hyperslab::ViewerInterface *>(p.instance))
                out.push_back(v);
    return out;
}

hyperslab::ExporterInterface *PluginRegistry::exporter(const QString &formatName) const
{
    for (hyperslab::ExporterInterface *e : exporters())
        if (e->formatName().compare(formatName, Qt::CaseInsensitive) == 0)
            return e;
    return nullptr;
}

QString PluginRegistry::report() const
{
    QString out;
    for (const PluginRecord &p : m_plugins) {
        if (p.loaded)
            out += QStringLiteral("%1 %2 (%3): %4\n    loaded from %5\n")
                       .arg(p.name, p.version.isEmpty() ? QStringLiteral("?") : p.version, p.kind, p.description, p.filePath);
        else
            out += QStringLiteral("%1: FAILED: %2\n    file %3\n").arg(p.name, p.error, p.filePath);
    }
    if (m_plugins.empty())
        out += QStringLiteral("No plugins found.\n");
    out += QStringLiteral("Built in: csv exporter (Comma-separated values)\nSearched: %1\n")
               .arg(m_directories.join(QStringLiteral(", ")));
    return out;
}

} // namespace hs::core
