#pragma once

// Internal: the shape of a dataspace as the model describes it. Lock held.

#include "model/typeinfo.h"

#include <hdf5.h>

namespace hs::core {

// Scalar, null or simple with its current and maximum dimensions
// (H5S_UNLIMITED as -1). An unreadable dataspace gives an empty simple shape.
ShapeInfo dataspaceShape(hid_t space);

} // namespace hs::core
