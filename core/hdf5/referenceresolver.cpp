#include "hdf5/referenceresolver.h"

#include "hdf5/errorstack.h"
#include "hdf5/handle.h"

#include <algorithm>
#include <cstring>

namespace hs::core::references {

namespace {

template<typename NameFn>
std::string nameOf(NameFn fn)
{
    const ssize_t n = fn(nullptr, 0);
    if (n <= 0)
        return {};
    std::string s(size_t(n) + 1, '\0');
    fn(s.data(), size_t(n) + 1);
    s.resize(size_t(n));
    return s;
}

} // namespace

// "{(2,2)-(7,7), (3,3)-(5,5)}" for blocks, "{(6,9), (2,2)}" for points
// (h5dump's notation, corners inclusive). Lock held.
std::string regionText(hid_t space)
{
    constexpr hssize_t kMaxItems = 1000;
    const int rank = std::max(H5Sget_simple_extent_ndims(space), 0);
    auto coords = [&](const hsize_t *c, std::string &out) {
        out += '(';
        for (int d = 0; d < rank; ++d) {
            if (d)
                out += ',';
            out += std::to_string(c[d]);
        }
        out += ')';
    };
    std::string out = "{";
    switch (H5Sget_select_type(space)) {
    case H5S_SEL_HYPERSLABS: {
        const hssize_t total = H5Sget_select_hyper_nblocks(space);
        const hssize_t n = std::min(total, kMaxItems);
        std::vector<hsize_t> buf(size_t(std::max<hssize_t>(n, 0)) * 2 * size_t(rank));
        if (n > 0 && H5Sget_select_hyper_blocklist(space, 0, hsize_t(n), buf.data()) >= 0) {
            for (hssize_t i = 0; i < n; ++i) {
                if (i)
                    out += ", ";
                coords(&buf[size_t(i) * 2 * size_t(rank)], out);
                out += '-';
                coords(&buf[size_t(i) * 2 * size_t(rank) + size_t(rank)], out);
            }
            if (total > n)
                out += ", \u2026";
        }
        break;
    }
    case H5S_SEL_POINTS: {
        const hssize_t total = H5Sget_select_elem_npoints(space);
        const hssize_t n = std::min(total, kMaxItems);
        std::vector<hsize_t> buf(size_t(std::max<hssize_t>(n, 0)) * size_t(rank));
        if (n > 0 && H5Sget_select_elem_pointlist(space, 0, hsize_t(n), buf.data()) >= 0) {
            for (hssize_t i = 0; i < n; ++i) {
                if (i)
                    out += ", ";
                coords(&buf[size_t(i) * size_t(rank)], out);
            }
            if (total > n)
                out += ", \u2026";
        }
        break;
    }
    case H5S_SEL_ALL: out += "all"; break;
    case H5S_SEL_NONE: out += "none"; break;
    default: out += '?'; break;
    }
    errorstack::clear();
    out += '}';
    return out;
}

// Text of one reference (its bytes in the reference memory type). Lock held.
std::string resolveText(hid_t file, const ValueType &t, const unsigned char *p)
{
#if H5_VERSION_GE(1, 12, 0)
    Q_UNUSED(file)
    H5R_ref_t ref;
    std::memcpy(&ref, p, sizeof ref);
    const H5R_type_t type = H5Rget_type(&ref);
    if (type <= H5R_BADTYPE || type >= H5R_MAXTYPE) {
        errorstack::clear();
        return "NULL";
    }
    std::string name = nameOf([&](char *buf, size_t size) { return H5Rget_obj_name(&ref, H5P_DEFAULT, buf, size); });
    if (name.empty()) {
        errorstack::clear();
        return "(dangling reference)";
    }
    if (type == H5R_ATTR) {
        const std::string attr = nameOf([&](char *buf, size_t size) { return H5Rget_attr_name(&ref, buf, size); });
        name += " @" + attr;
    } else if (type == H5R_DATASET_REGION1 || type == H5R_DATASET_REGION2) {
        DataspaceHandle space(H5Ropen_region(&ref, H5P_DEFAULT, H5P_DEFAULT));
        name += ' ';
        name += space ? regionText(space.get()) : std::string("{?}");
    }
    errorstack::clear();
    return name;
#else
    bool null = true;
    for (size_t i = 0; i < t.size; ++i)
        null = null && p[i] == 0;
    if (null)
        return "NULL";
    const H5R_type_t type = t.tag == "region" ? H5R_DATASET_REGION : H5R_OBJECT;
    if (type == H5R_OBJECT) {
        hobj_ref_t addr;
        std::memcpy(&addr, p, sizeof addr);
        if (addr == HADDR_UNDEF)
            return "NULL";
    }
    void *ref = const_cast<unsigned char *>(p);
    std::string name = nameOf([&](char *buf, size_t size) { return H5Rget_name(file, type, ref, buf, size); });
    if (name.empty()) {
        errorstack::clear();
        return "(dangling reference)";
    }
    if (type == H5R_DATASET_REGION) {
        DataspaceHandle space(H5Rget_region(file, H5R_DATASET_REGION, ref));
        name += ' ';
        name += space ? regionText(space.get()) : std::string("{?}");
    }
    errorstack::clear();
    return name;
#endif
}

} // namespace hs::core::references
