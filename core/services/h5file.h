#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"

#include <QString>

#include <memory>

namespace hs::core {

// An open HDF5 file. Shared by the tree, the jobs that read it and the panels;
// the file is closed (with every object handle it still has) when the last
// owner lets go. Thread-safe: all access goes through the LibraryLock.
class HYPERSLABCORE_EXPORT H5File
{
public:
    enum class Mode { ReadOnly, ReadWrite };

    // Opens `path` read-only unless asked otherwise. A file locked by a writer
    // is retried without file locking, a file whose superblock says a writer
    // still has it open is retried in SWMR-read mode; only then does it fail.
    static Result<std::shared_ptr<H5File>> open(const QString &path, Mode mode = Mode::ReadOnly);
    // Whether `path` is a file (isFile) or anything (exists) on disk, as open
    // finds it: also when its name is not valid UTF-8 and came here decoded,
    // each bad byte as U+FFFD (QFileInfo then finds nothing).
    static bool isFile(const QString &path);
    static bool exists(const QString &path);

    ~H5File();
    H5File(const H5File &) = delete;
    H5File &operator=(const H5File &) = delete;

    QString path() const;        // absolute path
    QString displayName() const; // file name without directory
    bool isReadOnly() const;
    // Non-empty when the file could only be opened with a fallback (no locking, SWMR read).
    QString openNote() const;
    // Why the file cannot be opened for writing as it is open now (another
    // program writes it: opened without locking or in SWMR-read mode), or empty.
    QString writeRefusal() const;

    // Closes the file with every object still open through it and opens it
    // again in `mode`, keeping this object (and so every H5FilePtr) valid.
    // Holders of HDF5 identifiers of the file see handleGeneration() change and
    // open their objects again by path. On failure the file is open as before.
    // Call only when no job is between two steps that share an identifier.
    Status reopen(Mode mode);
    quint64 handleGeneration() const;

    struct Private;
    Private *d_func() const { return d.get(); }

private:
    explicit H5File(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

using H5FilePtr = std::shared_ptr<H5File>;

// Number of HDF5 identifiers (files, groups, datasets, ...) open in the whole
// process; tests use it to prove that closing a file releases everything.
HYPERSLABCORE_EXPORT qint64 openHdf5ObjectCount();

} // namespace hs::core
