#pragma once

// Shared by the `hyperslab info` tests: runs the real binary and checks its
// output against the contract of the command (see app/cli/infocommand.h).

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace hs::tests {

struct InfoRun
{
    bool started = false;
    bool timedOut = false;
    bool crashed = false; // ended by a signal
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;

    QString describe() const; // "exit 1", "killed after 20000 ms", "crashed (signal)"
};

// Runs `hyperslab info <args>` with a hard time limit (the process is killed
// when it runs over). HDF5 is told not to load filter plugins from elsewhere
// than the system's plugin folder, so runs are reproducible.
InfoRun runInfo(const QStringList &args, int timeoutMs = 20000, const QString &workDir = {});

// The same for any command line of the binary (`args` starts with the
// command, e.g. "export"); `unset` names environment variables to remove
// (DISPLAY, QT_QPA_PLATFORM to run it as on a machine without a display).
InfoRun runHyperslab(const QStringList &args, int timeoutMs = 20000, const QStringList &unset = {});

struct JsonLines
{
    QList<QJsonObject> objects;
    QStringList errors; // one per bad line
};
JsonLines parseJsonLines(const QByteArray &out);

// Empty when `o` has every field the JSON form promises (path, kind, link{...},
// and for datasets shape/maxshape/type unless the dataset could not be opened);
// otherwise what is wrong.
QString checkInfoObject(const QJsonObject &o);

// Empty when `err` is what a failed command must print: exactly one non-empty
// line, starting "hyperslab: ", with no raw HDF5 error stack in it.
QString checkOneLineError(const QByteArray &err);

// Empty when `err` holds no trace of a raw HDF5 error stack (for runs that succeed).
QString checkNoHdf5Dump(const QByteArray &err);

// A fixture file written by hyperslab_make_fixtures (HYPERSLAB_FIXTURES_DIR,
// or the directory the environment variable of that name gives).
QString fixture(const char *name);

// Every object of `spec` (FILE or FILE:/path) by path, from
// `info --recursive --json`; empty (with a warning) when the run failed.
QMap<QString, QJsonObject> describeRecursive(const QString &spec);

// The attribute called `name` in the "attributes" of an object of the JSON
// form; empty when it has none of that name.
QJsonObject attributeNamed(const QJsonObject &o, const QString &name);

// One JSON value from its text ("[1, 2]", "null", "\"a\""), for comparisons.
QJsonValue parseJson(const char *json);

} // namespace hs::tests
