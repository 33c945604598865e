#pragma once

// Internal: turns the HDF5 error stack of the calling thread into an Error.

#include "model/error.h"

namespace hs::core::errorstack {

// Reads and clears the calling thread's HDF5 error stack. `action` says what the
// user was doing ("open the file", "list the group /a"), `subject` names the file
// or object. Must be called with the LibraryLock held, right after the failure.
Error capture(const QString &action, const QString &subject = {});

// Clears the stack without translating it (for expected failures such as probes).
void clear();

} // namespace hs::core::errorstack
