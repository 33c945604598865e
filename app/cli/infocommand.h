#pragma once

#include <QStringList>

namespace hs::app {

// `hyperslab info FILE[:/path] [--recursive] [--json]`: prints what the tree
// shows, without a display. Returns the process exit code.
int runInfoCommand(const QStringList &args);

// Splits "file.h5:/a/b" into file and object path. A colon is only taken as the
// separator when the part before it is an existing file (so "C:\x.h5" and file
// names with colons still work).
struct FileAndPath
{
    QString file;
    QString path; // empty when none was given
};
FileAndPath splitFileArgument(const QString &arg);

} // namespace hs::app
