#pragma once

// Internal: the file driver Hyperslab opens files for editing with.
//
// HDF5 writes a flush as many scattered writes; a process killed (or a power
// cut) between two of them leaves a file whose structures point at blocks
// that were never written: unreadable, and with it every edit already saved.
// This driver is the POSIX (sec2) driver with one difference: metadata writes
// are kept in memory until the flush, which writes them to a journal next to
// the file (one write, synced), then to the file (synced), then removes the
// journal. A journal left behind by a process that died while writing the
// file is replayed by the next open (recover()), a torn journal (it died while
// writing the journal) is dropped: either way the file holds exactly the
// flushed edits. Raw data (values) is written straight through, as before.

#include "hyperslabcore_export.h"
#include "model/error.h"

#include <QString>

#include <hdf5.h>

namespace hs::core::journaldriver {

// The driver's identifier (registered once per process).
hid_t id();
// Makes `fapl` open files with this driver (for read-write opens).
bool use(hid_t fapl);
// Where the journal of `path` lives: ".<name>.hyperslab-journal" beside it.
HYPERSLABCORE_EXPORT QString journalPath(const QString &path);
// Completes or drops the journal an interrupted save left for `path`; Ok when
// there was none. `replayed` says whether a save was completed.
HYPERSLABCORE_EXPORT Status recover(const QString &path, bool *replayed = nullptr);

} // namespace hs::core::journaldriver
