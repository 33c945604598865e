#pragma once

// The real main window as the GUI tests drive it: a fresh window per test
// function, fixtures opened by name, and waits on what the window shows (the
// tree's current path, the inspector panels done reading), never on time.

#include "unit/testutil.h"

#include <QSize>
#include <QString>

#include <memory>

namespace hs::app {
class MainWindow;
}
namespace hs::ui {
class AttributesPanel;
class LinksPanel;
}

namespace hs::guitests {

inline constexpr int Timeout = 15000;

// The path of a fixture file (HYPERSLAB_FIXTURES_DIR, as ctest sets it).
using hs::test::fixture;

// The path of the tree's current row.
QString currentPath(app::MainWindow &w);

// QSettings in test mode under `applicationName`, cleared: no state from the
// user's own settings or from an earlier run.
void initSettings(const char *applicationName);

// Waits for the background jobs to end and delivers what they queued.
void waitForJobs();

// Holds the window of one test function. A test class derives from it
// privately next to QObject, and calls these from its own slots.
class WindowHarness
{
protected:
    std::unique_ptr<app::MainWindow> m_w;

    ~WindowHarness();

    // A new window of `size`, shown; false if it never got exposed.
    bool openWindow(QSize size);
    // Closes the window and waits for the jobs it started to end.
    void closeWindow();

    // Opens `file` (once) and selects `path` in the tree, as "FILE:/path" does.
    bool select(const QString &file, const QString &path);

    ui::AttributesPanel *attributes() const;
    ui::LinksPanel *links() const;
    // Whether the panels come to show `path`, done reading.
    bool attributesShown(const QString &path);
    bool linksShown(const QString &path);
};

} // namespace hs::guitests
