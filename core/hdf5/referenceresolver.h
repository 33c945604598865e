#pragma once

// Internal: turns the bytes of a reference (in the reference memory type of
// this HDF5 version) into the text the grid and the attributes show:
// "/path", "/path @attr", "/path {(2,2)-(7,7)}" (region), "NULL",
// "(dangling reference)". ReferenceTarget::parse reads that text back.

#include "hdf5/valueformatter.h"

#include <hdf5.h>

#include <string>

namespace hs::core::references {

// Lock held. `file` is any identifier in the file the reference was read from.
HYPERSLABCORE_EXPORT std::string resolveText(hid_t file, const ValueType &type, const unsigned char *ref);

// Lock held. h5dump's region notation of a dataspace selection:
// "{(2,2)-(7,7), (3,3)-(5,5)}" for blocks, "{(6,9), (2,2)}" for points.
HYPERSLABCORE_EXPORT std::string regionText(hid_t space);

} // namespace hs::core::references
