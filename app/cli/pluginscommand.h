#pragma once

#include <QStringList>

namespace hs::app {

// `hyperslab plugins`: the plugins found, each with its version and where it
// was loaded from, and those that failed with the reason; then the folders
// searched. Needs no display. Exit status 0 (a broken plugin is not an error
// of this command).
int runPluginsCommand(const QStringList &args);

} // namespace hs::app
