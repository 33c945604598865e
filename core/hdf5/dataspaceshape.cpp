#include "hdf5/dataspaceshape.h"

#include <vector>

namespace hs::core {

ShapeInfo dataspaceShape(hid_t space)
{
    ShapeInfo s;
    switch (H5Sget_simple_extent_type(space)) {
    case H5S_SCALAR: s.kind = ShapeInfo::Kind::Scalar; return s;
    case H5S_NULL: s.kind = ShapeInfo::Kind::Null; return s;
    default: break;
    }
    const int rank = H5Sget_simple_extent_ndims(space);
    if (rank <= 0)
        return s;
    std::vector<hsize_t> dims(static_cast<size_t>(rank)), maxd(static_cast<size_t>(rank));
    H5Sget_simple_extent_dims(space, dims.data(), maxd.data());
    for (int i = 0; i < rank; ++i) {
        s.dims.push_back(dims[size_t(i)]);
        s.maxDims.push_back(maxd[size_t(i)] == H5S_UNLIMITED ? -1 : qint64(maxd[size_t(i)]));
    }
    return s;
}

} // namespace hs::core
