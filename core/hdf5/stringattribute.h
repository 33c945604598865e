#pragma once

// Internal to core: checked reads of the small string attributes conventions
// use for bookkeeping (CLASS, NAME, DIMENSION_LABELS, MATLAB_class, ...). The
// type, padding, size and shape are checked before anything is read, and
// nothing here goes through the high-level library (see dimensionscales.cpp
// for why). Every function expects the library lock to be held.

#include "hdf5/handle.h"

#include <QStringList>

#include <optional>

namespace hs::core::stringattribute {

// Attribute `name` of `obj` when it exists; an invalid handle otherwise.
AttributeHandle openAttribute(hid_t obj, const char *name);

// Elements of a scalar or simple dataspace; -1 for a null one or a count past
// the bound a damaged file cannot get past (2^20).
hssize_t elementCount(hid_t space);

// Every string of a string attribute (fixed or variable length, any padding,
// any shape; at most 64 KiB each); nothing when the attribute is missing or
// not made of strings.
std::optional<QStringList> readStrings(hid_t obj, const char *name);

// The single string of a string attribute; empty if it is not one.
QString readString(hid_t obj, const char *name);

} // namespace hs::core::stringattribute
