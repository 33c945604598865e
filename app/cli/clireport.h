#pragma once

#include <QString>

class QCommandLineParser;

namespace hs::app::cli {

// One style for every error line of `hyperslab info` and `hyperslab export`:
//   hyperslab: FILE:/object: message     (an object of a file)
//   hyperslab: FILE: message             (the file itself)
//   hyperslab: message                   (the command line)
// on one line (newlines in the message become spaces); object paths in the
// round-trip form of model/names.h, so they can be passed back.
QString errorLine(const QString &file, const QString &object, const QString &message);

// Prints errorLine(...) to stderr and returns the exit status 1.
int fail(const QString &file, const QString &object, const QString &message);
inline int fail(const QString &message) { return fail({}, {}, message); }

// "hyperslab: FILE: note: message", after a command succeeded.
void note(const QString &file, const QString &message);

// Before a headless command reads anything: standard output line-buffered
// (what was described survives a crash); our lines on the real standard error
// while descriptor 2 (where plugins complain) goes to /dev/null; a
// fatal-signal handler that names the object being read
// (core/hdf5/crashbreadcrumb.h); and the stall watchdog (stallwatchdog.h,
// HYPERSLAB_STALL_SECONDS, default 120, 0 turns it off).
void prepareHeadless();

// The parser's help with "Usage: hyperslab <command>" instead of the path
// the program was started by.
QString helpText(const QCommandLineParser &parser, const QString &command);

} // namespace hs::app::cli
