#pragma once

// Internal: how to read values of one HDF5 file type. The only part of value
// formatting that calls HDF5: it picks the memory type to read into and
// describes it as a ValueType for the ValueFormatter (hdf5/valueformatter.h).

#include "hdf5/handle.h"
#include "hyperslabcore_export.h"
#include "model/typeinfo.h"

#include <QString>

#include <memory>
#include <vector>

namespace hs::core {

class ValueFormatter;

// How to read a file type: the memory type to pass to H5Dread, and the
// formatter for it. Built under the LibraryLock.
struct ReadPlan
{
    DatatypeHandle memType;
    std::shared_ptr<const ValueFormatter> formatter;
    std::vector<TypeInfo> fieldTypes; // file types of the formatter's leaves (h5dump spelling)
    bool hasVlen = false;             // H5Dvlen_reclaim/H5Treclaim needed after a read
    // Set when the file type failed typevalidator::problem: the file is damaged
    // and no value may be read or converted with it (memType stays empty).
    QString damagedType;
};

// Lock held. Native memory types (HDF5 converts byte order and width), except:
// strings and opaque keep their layout, H5T_TIME is copied as is, references
// use the reference memory type of this HDF5 version, compounds are packed.
// Returns an error text when the type cannot be read at all. Every type is
// checked first (hdf5/typevalidator.h): a damaged one gets no plan.
HYPERSLABCORE_EXPORT ReadPlan buildReadPlan(hid_t fileType, QString *error = nullptr);

} // namespace hs::core
