#include "edit/attributesnapshot.h"

#include "hdf5/compat.h"

#include <cstring>

namespace hs::core {

namespace {

QByteArray encodeType(hid_t type)
{
    size_t n = 0;
    if (H5Tencode(type, nullptr, &n) < 0 || n == 0)
        return {};
    QByteArray out(qsizetype(n), '\0');
    if (H5Tencode(type, out.data(), &n) < 0)
        return {};
    return out;
}

QByteArray encodeSpace(hid_t space)
{
    size_t n = 0;
    if (H5Sencode(space, nullptr, &n) < 0 || n == 0)
        return {};
    QByteArray out(qsizetype(n), '\0');
    if (H5Sencode(space, out.data(), &n) < 0)
        return {};
    return out;
}

} // namespace

AttributeSnapshot::~AttributeSnapshot()
{
    if (!m_hasValue || m_data.empty())
        return;
    LibraryLock lock;
    // Frees what HDF5 allocated for variable-length data while reading (a
    // no-op for types without any).
    DatatypeHandle t(H5Tdecode(m_type.constData()));
    DataspaceHandle s = space();
    if (t && s)
        compat::reclaimVlen(t.get(), s.get(), const_cast<unsigned char *>(m_data.data()));
    H5Eclear2(H5E_DEFAULT);
}

std::unique_ptr<AttributeSnapshot> AttributeSnapshot::capture(hid_t obj, const QByteArray &name)
{
    AttributeHandle attr(H5Aopen(obj, name.constData(), H5P_DEFAULT));
    if (!attr)
        return nullptr;
    DatatypeHandle type(H5Aget_type(attr.get())); // in its memory form: vlen data read as pointers
    DataspaceHandle space(H5Aget_space(attr.get()));
    PropListHandle acpl(H5Aget_create_plist(attr.get()));
    if (!type || !space || !acpl)
        return nullptr;
    std::unique_ptr<AttributeSnapshot> s(new AttributeSnapshot);
    s->m_type = encodeType(type.get());
    s->m_space = encodeSpace(space.get());
    if (s->m_type.isEmpty() || s->m_space.isEmpty())
        return nullptr;
    H5T_cset_t cset = H5T_CSET_ASCII;
    if (H5Pget_char_encoding(acpl.get(), &cset) < 0)
        return nullptr;
    s->m_nameCset = int(cset);
    if (H5Tcommitted(type.get()) > 0) {
        compat::ObjectInfo info;
        if (compat::objectInfo(type.get(), &info) < 0)
            return nullptr;
#if H5_VERSION_GE(1, 12, 0)
        s->m_committedAt = QByteArray(reinterpret_cast<const char *>(&info.token), sizeof info.token);
#else
        s->m_committedAt = QByteArray(reinterpret_cast<const char *>(&info.addr), sizeof info.addr);
#endif
    }
    const hssize_t n = H5Sget_select_npoints(space.get());
    const size_t size = H5Tget_size(type.get());
    if (n < 0 || size == 0)
        return nullptr;
    if (n > 0) {
        s->m_data.assign(size_t(n) * size, 0);
        if (H5Aread(attr.get(), type.get(), s->m_data.data()) < 0) {
            s->m_data.clear();
            return nullptr;
        }
    }
    s->m_hasValue = true;
    return s;
}

DatatypeHandle AttributeSnapshot::type(hid_t obj) const
{
    if (!m_committedAt.isEmpty()) {
        // The same named datatype, while it exists; else an equal copy.
        const hid_t file = H5Iget_file_id(obj);
        if (file >= 0) {
#if H5_VERSION_GE(1, 12, 0)
            H5O_token_t token;
            std::memcpy(&token, m_committedAt.constData(), sizeof token);
            const hid_t named = H5Oopen_by_token(file, token);
#else
            haddr_t addr;
            std::memcpy(&addr, m_committedAt.constData(), sizeof addr);
            const hid_t named = H5Oopen_by_addr(file, addr);
#endif
            H5Fclose(file);
            if (named >= 0) {
                if (H5Iget_type(named) == H5I_DATATYPE)
                    return DatatypeHandle(named);
                H5Oclose(named);
            }
            H5Eclear2(H5E_DEFAULT);
        }
    }
    return DatatypeHandle(H5Tdecode(m_type.constData()));
}

DataspaceHandle AttributeSnapshot::space() const
{
    return DataspaceHandle(H5Sdecode(m_space.constData()));
}

bool AttributeSnapshot::recreate(hid_t obj, const QByteArray &name) const
{
    DatatypeHandle t = type(obj);
    DataspaceHandle s = space();
    PropListHandle acpl(H5Pcreate(H5P_ATTRIBUTE_CREATE));
    if (!t || !s || !acpl || H5Pset_char_encoding(acpl.get(), H5T_cset_t(m_nameCset)) < 0)
        return false;
    AttributeHandle attr(H5Acreate2(obj, name.constData(), t.get(), s.get(), acpl.get(), H5P_DEFAULT));
    if (!attr)
        return false;
    if (!rewrite(attr.get())) {
        // Keep the reason while the half-made attribute goes.
        const hid_t why = H5Eget_current_stack();
        attr.reset();
        H5Adelete(obj, name.constData());
        if (why >= 0)
            H5Eset_current_stack(why);
        return false;
    }
    return true;
}

bool AttributeSnapshot::rewrite(hid_t attr) const
{
    if (m_data.empty())
        return true; // null or empty dataspace: no value
    DatatypeHandle t(H5Tdecode(m_type.constData()));
    return t && H5Awrite(attr, t.get(), m_data.data()) >= 0;
}

} // namespace hs::core
