#include "services/dimensionscales.h"

#include "hdf5/datasetaccess.h"
#include "hdf5/errorstack.h"
#include "hdf5/handle.h"
#include "services/h5file_p.h"

#include <hdf5_hl.h>

namespace hs::core {

namespace {

herr_t firstScale(hid_t, unsigned, hid_t scale, void *data)
{
    auto *out = static_cast<QString *>(data);
    const ssize_t n = H5Iget_name(scale, nullptr, 0);
    if (n > 0) {
        QByteArray name(int(n) + 1, '\0');
        H5Iget_name(scale, name.data(), size_t(n) + 1);
        *out = QString::fromUtf8(name.constData());
    }
    return 1; // the first one is enough
}

} // namespace

QStringList dimensionScalePaths(const H5FilePtr &file, const QString &datasetPath)
{
    LibraryLock lock;
    const QByteArray p = datasetPath.toUtf8();
    DatasetHandle ds(openDataset(fileId(*file), p.constData()));
    if (!ds) {
        errorstack::clear();
        return {};
    }
    DataspaceHandle space(H5Dget_space(ds.get()));
    const int rank = H5Sget_simple_extent_ndims(space.get());
    QStringList paths;
    for (int d = 0; d < rank; ++d) {
        QString path;
        if (H5DSget_num_scales(ds.get(), unsigned(d)) > 0) {
            int idx = 0;
            H5DSiterate_scales(ds.get(), unsigned(d), &idx, firstScale, &path);
        }
        paths << path;
    }
    errorstack::clear();
    return paths;
}

} // namespace hs::core
