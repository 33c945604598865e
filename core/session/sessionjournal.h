#pragma once

#include "hyperslabcore_export.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace hs::core {

// An object in an open file: the file's absolute path and the path inside it.
struct HYPERSLABCORE_EXPORT SessionObject
{
    QString file;
    QString path; // as core holds it (model/names.h)
    bool isValid() const { return !file.isEmpty(); }
    // The path as people read and type it (bytes that are not UTF-8 as "\xB5").
    QString displayPath() const;
    bool operator==(const SessionObject &) const = default;
};

// Where the user is: what the next start reopens after a crash.
struct HYPERSLABCORE_EXPORT SessionState
{
    QStringList files;              // open files, in tree order
    SessionObject selection;        // selected in the tree (invalid when none)
    QList<SessionObject> tabs;      // dataset tabs, in tab order
    QList<SessionObject> heldBack;  // not read again since a crash (still asked before reading)

    QJsonObject toJson() const;
    static SessionState fromJson(const QJsonObject &json);
    bool operator==(const SessionState &) const = default;
};

// What a journal left by an instance that did not exit cleanly says.
struct HYPERSLABCORE_EXPORT CrashReport
{
    SessionState session;
    SessionObject reading;  // the object being read when it stopped (invalid when none)
    int signalNumber = 0;   // the fatal signal, 0 when not known (killed, power loss)
    QDateTime when;         // last write to the journal

    // One paragraph in plain words, e.g. "Hyperslab stopped while reading
    // /run/table in data.h5; this is a fault in the HDF5 library triggered by
    // that object."
    QString message() const;
};

// The journal of one running instance, in `directory` (by default
// AppLocalDataLocation/sessions): `<pid>.session.json`, rewritten in place when
// the session changes (one small write, no fsync: it must survive a crash of
// the process, not of the machine), and `<pid>.reads`, a fixed-size
// file mapped into memory in which every breadcrumb change
// (hdf5/crashbreadcrumb.h) is a plain copy into the thread's record: no system
// call per read. The fatal-signal hook records which thread faulted. Both
// files exist while the instance runs; a clean exit removes them, so a journal
// whose process is gone is a crash to report.
//
// Threads: construct, start, save and finish on one thread (the GUI thread).
// The breadcrumb listener runs on any thread. One started journal per process.
class HYPERSLABCORE_EXPORT SessionJournal
{
public:
    explicit SessionJournal(QString directory = defaultDirectory());
    ~SessionJournal(); // unmaps; does not remove the files (see finish)
    SessionJournal(const SessionJournal &) = delete;
    SessionJournal &operator=(const SessionJournal &) = delete;

    static QString defaultDirectory();
    QString directory() const { return m_dir; }

    // The newest journal left by an instance that is no longer running, if
    // any. Every such journal is removed (they have been reported).
    std::optional<CrashReport> takeCrashReport();

    // Creates this process's journal and starts listening to breadcrumbs
    // (installs the fatal-signal hook too). False when the directory cannot be
    // written (the app then runs without recovery).
    bool start();
    bool isStarted() const;
    // Writes the session when it differs from the last one written.
    void save(const SessionState &state);
    // Clean exit: stops listening and removes this process's journal.
    void finish();

    QString sessionFilePath() const;
    QString readsFilePath() const;

private:
    struct Mapping;
    QString m_dir;
    std::unique_ptr<Mapping> m_map;
    QByteArray m_lastSaved;
};

} // namespace hs::core
