#pragma once

// Internal: turns the HDF5 error stack of the calling thread into an Error.

#include "hyperslabcore_export.h"
#include "model/error.h"

namespace hs::core::errorstack {

// Reads and clears the calling thread's HDF5 error stack. `action` says what the
// user was doing ("open", "list the members of"), `subject` names the file or
// object. The message reads "Could not <action> “<subject>”. <cause>", where the
// cause is in words a scientist understands; `detail` keeps the raw frames.
// Must be called with the LibraryLock held, right after the failure.
HYPERSLABCORE_EXPORT Error capture(const QString &action, const QString &subject = {});

// The same, with only the cause as the message ("The file is damaged: ...").
// For places that already say what failed, such as a link's problem text.
HYPERSLABCORE_EXPORT Error captureCause();

// Clears the stack without translating it (for expected failures such as probes).
HYPERSLABCORE_EXPORT void clear();

} // namespace hs::core::errorstack
