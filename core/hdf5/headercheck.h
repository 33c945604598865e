#pragma once

// Internal: checks, from the file's bytes, what HDF5 1.10 would follow without
// checking. A group's link info message names its fractal heap and name index
// by address; in a version-1 object header (no checksum) a flipped bit there
// sends H5Gget_info_by_name, H5Literate and H5Gget_create_plist to read far
// outside the file (a crash in H5F__accum_read). Version-2 headers carry a
// checksum that HDF5 verifies first, so only version 1 is looked at. The same
// holds for the value of an external link stored in the group's header.

#include "hyperslabcore_export.h"

#include <QString>

#include <hdf5.h>

namespace hs::core::headercheck {

// Lock held. `group` is an open group (any other identifier: nothing to
// check). Empty when its link info addresses lie inside the file and its
// external links' values decode (or there is nothing to check); otherwise why
// not, as a sentence. Call before
// H5Gget_info*, H5Literate*, H5Gget_create_plist on a group.
HYPERSLABCORE_EXPORT QString groupProblem(hid_t group);

// The same for the group at `path` (relative to `loc`), without opening it.
HYPERSLABCORE_EXPORT QString groupProblem(hid_t loc, const char *path);

} // namespace hs::core::headercheck
