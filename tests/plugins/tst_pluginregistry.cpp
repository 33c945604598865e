// Plugin loading: good plugins load; a plugin built for another interface
// version, a file that is not a plugin, one with a missing symbol and one
// with a missing library are listed with the reason, and nothing stops.
#include "plugins/pluginregistry.h"

#include "hyperslab/exporterinterface.h"
#include "hyperslab/viewerinterface.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using hs::core::PluginRecord;
using hs::core::PluginRegistry;

class TestPluginRegistry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void shippedPluginsLoad();
    void brokenPluginsAreListedWithReasons();
    void samePluginTwiceLoadsOnce();
    void missingFolderIsSkipped();
    void pluginsCommandListsLoadedAndFailed();

private:
    const PluginRecord *find(const PluginRegistry &r, const QString &fileName) const;
    QTemporaryDir m_dir; // a good plugin and every kind of broken one
};

void TestPluginRegistry::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::copy(QStringLiteral(HS_PLUGIN_DIR "/hyperslab_npyexporter.so"), m_dir.filePath(QStringLiteral("hyperslab_npyexporter.so"))));
    for (const char *name : {"hs_wrongversion.so", "hs_missingsymbol.so", "hs_missinglibrary.so"})
        QVERIFY(QFile::copy(QStringLiteral(HS_BROKEN_DIR "/") + QLatin1String(name), m_dir.filePath(QLatin1String(name))));
    QFile junk(m_dir.filePath(QStringLiteral("notaplugin.so")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("this is text, not a shared library\n");
    junk.close();
    QFile readme(m_dir.filePath(QStringLiteral("README")));
    QVERIFY(readme.open(QIODevice::WriteOnly));
    readme.write("not looked at: not a library name\n");
}

const PluginRecord *TestPluginRegistry::find(const PluginRegistry &r, const QString &fileName) const
{
    for (const PluginRecord &p : r.plugins())
        if (QFileInfo(p.filePath).fileName() == fileName)
            return &p;
    return nullptr;
}

void TestPluginRegistry::shippedPluginsLoad()
{
    PluginRegistry r;
    r.loadFrom({QStringLiteral(HS_PLUGIN_DIR)});
    QCOMPARE(int(r.plugins().size()), 5);
    for (const PluginRecord &p : r.plugins()) {
        QVERIFY2(p.loaded, qPrintable(p.filePath + QStringLiteral(": ") + p.error));
        QCOMPARE(p.version, QStringLiteral("1.0"));
        QVERIFY(!p.description.isEmpty());
    }
    QVERIFY(r.exporter(QStringLiteral("npy")));
    QVERIFY(r.exporter(QStringLiteral("JSON"))); // names match in any case
    QVERIFY(!r.exporter(QStringLiteral("csv"))); // built in, not a plugin
    QCOMPARE(int(r.exporters().size()), 2);
    QCOMPARE(int(r.viewers().size()), 3);
    QStringList views;
    for (hyperslab::ViewerInterface *v : r.viewers())
        views << v->viewName();
    views.sort();
    QCOMPARE(views, (QStringList{QStringLiteral("Document"), QStringLiteral("Image"), QStringLiteral("NeXus")}));
}

void TestPluginRegistry::brokenPluginsAreListedWithReasons()
{
    PluginRegistry r;
    r.loadFrom({m_dir.path()});
    QCOMPARE(int(r.plugins().size()), 5); // README skipped

    const PluginRecord *good = find(r, QStringLiteral("hyperslab_npyexporter.so"));
    QVERIFY(good);
    QVERIFY(good->loaded);
    QCOMPARE(good->name, QStringLiteral("NumPy exporter"));
    QVERIFY(r.exporter(QStringLiteral("npy")));

    const PluginRecord *old = find(r, QStringLiteral("hs_wrongversion.so"));
    QVERIFY(old);
    QVERIFY(!old->loaded);
    QCOMPARE(old->name, QStringLiteral("Old viewer"));
    QCOMPARE(old->version, QStringLiteral("0.9"));
    QVERIFY2(old->error.startsWith(QStringLiteral("wrong interface version")), qPrintable(old->error));
    QVERIFY2(old->error.contains(QStringLiteral("version 0")) && old->error.contains(QStringLiteral("version 1")), qPrintable(old->error));

    const PluginRecord *junk = find(r, QStringLiteral("notaplugin.so"));
    QVERIFY(junk);
    QVERIFY(!junk->loaded);
    QVERIFY2(junk->error.startsWith(QStringLiteral("not a plugin")), qPrintable(junk->error));

    const PluginRecord *symbol = find(r, QStringLiteral("hs_missingsymbol.so"));
    QVERIFY(symbol);
    QVERIFY(!symbol->loaded);
    QVERIFY2(symbol->error.startsWith(QStringLiteral("missing symbol")), qPrintable(symbol->error));
    QVERIFY2(symbol->error.contains(QStringLiteral("hs_symbol_defined_nowhere")), qPrintable(symbol->error));

    const PluginRecord *library = find(r, QStringLiteral("hs_missinglibrary.so"));
    QVERIFY(library);
    QVERIFY(!library->loaded);
    QVERIFY2(library->error.startsWith(QStringLiteral("missing library")), qPrintable(library->error));
    QVERIFY2(library->error.contains(QStringLiteral("libhs_absentdep.so")), qPrintable(library->error));

    // Only the good one is offered.
    QCOMPARE(int(r.exporters().size()), 1);
    QCOMPARE(int(r.viewers().size()), 0);
}

void TestPluginRegistry::samePluginTwiceLoadsOnce()
{
    PluginRegistry r;
    r.loadFrom({QStringLiteral(HS_PLUGIN_DIR), m_dir.path()});
    const PluginRecord *second = find(r, QStringLiteral("hyperslab_npyexporter.so"));
    int loaded = 0;
    for (const PluginRecord &p : r.plugins())
        if (p.name == QLatin1String("NumPy exporter") && p.loaded)
            ++loaded;
    QCOMPARE(loaded, 1);
    QVERIFY(second);
    QVERIFY(second->loaded); // the first found (the build's) wins
    QCOMPARE(QFileInfo(second->filePath).absolutePath(), QFileInfo(QStringLiteral(HS_PLUGIN_DIR)).absoluteFilePath());
    bool skipped = false;
    for (const PluginRecord &p : r.plugins())
        skipped |= p.name == QLatin1String("NumPy exporter") && !p.loaded && p.error.startsWith(QStringLiteral("skipped"));
    QVERIFY(skipped);
}

void TestPluginRegistry::missingFolderIsSkipped()
{
    PluginRegistry r;
    r.loadFrom({m_dir.filePath(QStringLiteral("no-such-folder"))});
    QVERIFY(r.plugins().empty());
    QVERIFY(r.report().contains(QStringLiteral("No plugins found.")));
}

void TestPluginRegistry::pluginsCommandListsLoadedAndFailed()
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HYPERSLAB_PLUGIN_PATH"), m_dir.path());
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(HYPERSLAB_EXE), {QStringLiteral("plugins")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    // The plugins of the temporary folder and the build's own, each once loaded.
    QVERIFY2(out.contains(QStringLiteral("NumPy exporter 1.0 (exporter)")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("loaded from ") + m_dir.filePath(QStringLiteral("hyperslab_npyexporter.so"))), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("Image bytes viewer 1.0 (viewer)")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("Old viewer: FAILED: wrong interface version")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("notaplugin.so: FAILED: not a plugin")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("Broken exporter: FAILED: missing symbol")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("Broken exporter: FAILED: missing library")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("Built in: csv exporter")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("Searched: ") + m_dir.path()), qPrintable(out));
}

QTEST_GUILESS_MAIN(TestPluginRegistry)
#include "tst_pluginregistry.moc"
