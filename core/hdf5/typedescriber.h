#pragma once

// Internal: describes an HDF5 datatype the way h5dump spells it.

#include "model/typeinfo.h"

#include <hdf5.h>

namespace hs::core::typedescriber {

// Full description of `type` (any class, nested to any depth). Lock held.
TypeInfo describe(hid_t type);

// h5dump DDL text on one line, e.g. `H5T_COMPOUND { H5T_STD_I32LE "a"; }`.
QString ddlText(hid_t type);

} // namespace hs::core::typedescriber
