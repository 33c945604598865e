#pragma once

// Internal to core (includes <hdf5.h>): an attribute exactly as it was, to
// put it back. Every member function expects the LibraryLock held, except
// the destructor, which takes it.

#include "hdf5/handle.h"
#include "model/error.h"

#include <QByteArray>

#include <memory>
#include <vector>

namespace hs::core {

class AttributeSnapshot
{
public:
    ~AttributeSnapshot();
    AttributeSnapshot(const AttributeSnapshot &) = delete;
    AttributeSnapshot &operator=(const AttributeSnapshot &) = delete;

    // Captures the attribute `name` of `obj`: its datatype (encoded with
    // H5Tencode, so charset, padding, byte order, enum members and compound
    // layout come back as they were; a committed datatype by its address, so
    // the attribute shares it again), its dataspace (H5Sencode), the
    // character set of its name and its value as raw bytes in the type's
    // memory form (variable-length data included, owned by the snapshot).
    // Null with the error stack set on failure.
    static std::unique_ptr<AttributeSnapshot> capture(hid_t obj, const QByteArray &name);

    // Creates the attribute `name` on `obj` again as captured. Its place in
    // the object's creation order is not restored (HDF5 gives the next
    // number); nothing reads that order as meaning. On failure nothing is left.
    bool recreate(hid_t obj, const QByteArray &name) const;
    // Writes the captured value into `attr`, which has the captured type and shape.
    bool rewrite(hid_t attr) const;

private:
    AttributeSnapshot() = default;
    DatatypeHandle type(hid_t obj) const;
    DataspaceHandle space() const;

    QByteArray m_type;
    QByteArray m_space;
    QByteArray m_committedAt; // the named datatype's address (or token) when the type is committed
    int m_nameCset = 0;
    std::vector<unsigned char> m_data;
    bool m_hasValue = false;
};

} // namespace hs::core
