#pragma once

// Internal to core (includes <hdf5.h>): AttributeType <-> HDF5 types, and
// writing and reading ParsedValues. Every function expects the LibraryLock held.

#include "edit/attributetype.h"
#include "edit/attributevalueparser.h"
#include "hdf5/handle.h"
#include "model/error.h"

#include <QByteArray>
#include <QString>

namespace hs::core::attributewriter {

// The object at `path` (a dataset with the access properties every opener uses).
ObjectHandle openObject(hid_t file, const QString &path);
// Whether `obj` has an attribute with this (stored) name.
bool exists(hid_t obj, const QByteArray &name);
// The type the values are laid out in (native integers and floats, see ParsedValues).
DatatypeHandle memoryType(const AttributeType &type);
// The type a new attribute is stored with: little-endian standard integers and
// IEEE floats (as h5py writes them), the strings and enums as described.
DatatypeHandle fileType(const AttributeType &type);
// What the editors make of an attribute's stored type, or why they cannot edit it.
Result<AttributeType> classify(hid_t fileType);
// Writes `values` (laid out for `type`) into `attr`; false on failure (error stack set).
bool write(hid_t attr, const AttributeType &type, const ParsedValues &values);
// Reads the whole value of `attr` (`count` elements) into the layout of `type`.
Result<ParsedValues> read(hid_t attr, const AttributeType &type, quint64 count);

// "/data/t in file.h5", for messages.
QString subject(const QString &objectPath, const QString &fileName);

} // namespace hs::core::attributewriter
