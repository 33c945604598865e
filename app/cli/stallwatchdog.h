#pragma once

namespace hs::app::cli {

// For the headless commands: damaged data can make the HDF5 library loop for
// ever inside one read (a global heap whose object sizes are zeroed, for
// example), and no read can be interrupted. When the object being read
// (core/hdf5/crashbreadcrumb.h) has not changed for `seconds`, this writes one
// line naming it to `errFd` and ends the process with status 1, so a script
// gets an answer instead of a hang. Our reads are bounded (chunk-sized), so a
// healthy file never comes near the limit.
//
// Uses the breadcrumb listener (the headless commands have no other).
void startStallWatchdog(int errFd, int seconds);

} // namespace hs::app::cli
