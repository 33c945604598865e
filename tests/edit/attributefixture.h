#pragma once

// The attribute editing tests' file: /data/t (a dataset) and /g (a group)
// with an attribute of every kind the editors cover and of several they do
// not (compound, vlen sequence, committed type, null dataspace, 2-D), and a
// way to compare an attribute exactly (type with H5Tequal, shape, bytes).

#include <hdf5.h>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace hs::test {

// Writes the file (truncating it); false on failure.
bool writeAttributeFixture(const QString &path);

// An attribute as stored: type (kept open), shape, value bytes (vlen strings
// and sequences by their contents), name encoding, committed type.
struct AttributeState
{
    bool exists = false;
    hid_t type = H5I_INVALID_HID;
    int spaceClass = -1;
    std::vector<hsize_t> dims;
    QByteArray bytes;
    int nameCset = -1;
    bool committed = false;
    AttributeState() = default;
    AttributeState(const AttributeState &) = delete;
    AttributeState(AttributeState &&o) noexcept;
    AttributeState &operator=(AttributeState &&o) noexcept;
    ~AttributeState();
    // "" when equal, else what differs.
    QString differenceFrom(const AttributeState &o) const;
};

// Reads attribute `name` of `object` in the HDF5 file id `file` (lock held by the caller when needed).
AttributeState attributeState(hid_t file, const char *object, const char *name);
// Every attribute name of `object`, in name order.
QStringList attributeNames(hid_t file, const char *object);

} // namespace hs::test
