#pragma once

// Internal: checks a datatype (and a dataspace) read from a file before any
// value is read or converted with it. HDF5 1.10 trusts what a damaged file
// says: a compound member whose size runs past the compound makes H5Aread's
// conversion write far outside its buffer. Whatever can be checked from the
// decoded description is checked here, once, for every reader (datasets,
// attributes, dimension-scale lists, fill values, info).

#include "hdf5/handle.h"
#include "hyperslabcore_export.h"

#include <QString>

namespace hs::core::typevalidator {

// Lock held. Empty when values can be read with `type`; otherwise why not, as
// a sentence fragment ("a member of its compound type runs past the end of
// the type"). Recurses into compound members, array and vlen bases and enum
// bases. Never converts or reads data.
HYPERSLABCORE_EXPORT QString problem(hid_t type);

// Lock held. The same for a dataspace: a rank above HDF5's limit of 32, or a
// number of elements that overflows.
HYPERSLABCORE_EXPORT QString spaceProblem(hid_t space);

// Lock held. Both checks for the value of attribute `attr`, and that it is no
// larger than an attribute can be (64 KB in an object header, 256 MB when
// stored densely; above that the size itself is damage).
HYPERSLABCORE_EXPORT QString attributeProblem(hid_t attr);

// Lock held. Whether every attribute message of the object `name` (relative
// to `loc`) decodes. HDF5 1.10 builds a table of an object's attributes for
// H5Aiterate2 and every H5DS function; when one message fails to decode, its
// error path closes table entries it never filled (uninitialised memory), and
// crashes or not by chance. Looking up a name that cannot exist decodes each
// message without that table, so it fails cleanly instead: call this before
// any attribute iteration of an object. On false the HDF5 error stack says
// why (damage, or a type of a newer HDF5): capture or clear it.
HYPERSLABCORE_EXPORT bool attributeMessagesDecode(hid_t loc, const char *name);

// "Its datatype is damaged (<problem>)." — the sentence every reader shows.
HYPERSLABCORE_EXPORT QString damagedTypeMessage(const QString &problem);

} // namespace hs::core::typevalidator
