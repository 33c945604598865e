#include "services/dimensionscales.h"

#include "hdf5/datasetaccess.h"
#include "hdf5/errorstack.h"
#include "hdf5/handle.h"
#include "hdf5/names.h"
#include "hdf5/typevalidator.h"
#include "services/h5file_p.h"

#include <hdf5_hl.h>

#include <cstddef>
#include <vector>

namespace hs::core {

namespace {

// The path HDF5 gives an open object (found by a search for objects opened
// through a reference). Lock held.
QString nameOf(hid_t obj)
{
    const ssize_t n = H5Iget_name(obj, nullptr, 0);
    if (n <= 0)
        return {};
    QByteArray name(qsizetype(n) + 1, '\0');
    H5Iget_name(obj, name.data(), size_t(n) + 1);
    return names::decode(name.constData());
}

herr_t firstScale(hid_t, unsigned, hid_t scale, void *data)
{
    *static_cast<QString *>(data) = nameOf(scale);
    return 1; // the first one is enough
}

herr_t everyScale(hid_t, unsigned, hid_t scale, void *data)
{
    static_cast<QStringList *>(data)->append(nameOf(scale));
    return 0;
}

// Text the H5DS "get" functions return: they report the length without the
// terminator and copy at most size - 1 bytes. Lock held.
template<typename Get>
QString dsText(Get get)
{
    const ssize_t n = get(nullptr, 0);
    if (n <= 0)
        return {};
    std::vector<char> buf(size_t(n) + 1, '\0');
    if (get(buf.data(), buf.size()) < 0)
        return {};
    return names::decode(buf.data());
}

// One element of a scale's REFERENCE_LIST: which dataset uses the scale, for
// which of its dimensions. The convention stores the old-style object
// reference (hobj_ref_t) also in files written by HDF5 1.12 and 1.14.
struct ReferenceListEntry
{
    hobj_ref_t dataset;
    int dimension;
};

// The datasets that use the scale `ds`. Lock held.
std::vector<ObjectDetails::ScaleUse> scaleUses(hid_t ds)
{
    std::vector<ObjectDetails::ScaleUse> uses;
#if H5_VERSION_GE(1, 12, 0) && defined(H5_NO_DEPRECATED_SYMBOLS)
    Q_UNUSED(ds) // H5Rget_name for hobj_ref_t is a deprecated symbol from 1.12 on
#else
    if (H5Aexists(ds, "REFERENCE_LIST") <= 0)
        return uses;
    AttributeHandle attr(H5Aopen(ds, "REFERENCE_LIST", H5P_DEFAULT));
    DatatypeHandle fileType(attr ? H5Aget_type(attr.get()) : H5I_INVALID_HID);
    if (!fileType || !typevalidator::attributeProblem(attr.get()).isEmpty() // damaged: reading it may crash
        || H5Tget_class(fileType.get()) != H5T_COMPOUND || H5Tget_nmembers(fileType.get()) != 2)
        return uses;
    DatatypeHandle refType(H5Tget_member_type(fileType.get(), 0));
    if (!refType || H5Tequal(refType.get(), H5T_STD_REF_OBJ) <= 0
        || H5Tget_member_class(fileType.get(), 1) != H5T_INTEGER)
        return uses;
    // The memory type takes the member names the file uses ("dataset" and
    // "dimension" by the convention), as compound conversion matches by name.
    char *refName = H5Tget_member_name(fileType.get(), 0);
    char *dimName = H5Tget_member_name(fileType.get(), 1);
    DatatypeHandle memType(H5Tcreate(H5T_COMPOUND, sizeof(ReferenceListEntry)));
    const bool built = refName && dimName && memType
                       && H5Tinsert(memType.get(), refName, offsetof(ReferenceListEntry, dataset), H5T_STD_REF_OBJ) >= 0
                       && H5Tinsert(memType.get(), dimName, offsetof(ReferenceListEntry, dimension), H5T_NATIVE_INT) >= 0;
    H5free_memory(refName);
    H5free_memory(dimName);
    if (!built)
        return uses;
    DataspaceHandle space(H5Aget_space(attr.get()));
    const hssize_t n = space ? H5Sget_simple_extent_npoints(space.get()) : -1;
    if (n <= 0)
        return uses;
    std::vector<ReferenceListEntry> entries(static_cast<size_t>(n));
    if (H5Aread(attr.get(), memType.get(), entries.data()) < 0)
        return uses;
    uses.reserve(entries.size());
    for (const ReferenceListEntry &e : entries) {
        ObjectDetails::ScaleUse use;
        use.dimension = e.dimension;
        const ssize_t len = H5Rget_name(ds, H5R_OBJECT, &e.dataset, nullptr, 0);
        if (len > 0) {
            QByteArray name(qsizetype(len) + 1, '\0');
            H5Rget_name(ds, H5R_OBJECT, &e.dataset, name.data(), size_t(len) + 1);
            use.dataset = names::decode(name.constData());
        }
        if (use.dataset.isEmpty())
            use.dataset = QStringLiteral("(dangling reference)");
        uses.push_back(std::move(use));
    }
#endif
    return uses;
}

} // namespace

QStringList dimensionScalePaths(const H5FilePtr &file, const QString &datasetPath)
{
    LibraryLock lock;
    const QByteArray p = names::encode(datasetPath);
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

void readDimensionScales(const H5FilePtr &file, const QString &datasetPath, ObjectDetails &details)
{
    LibraryLock lock;
    const QByteArray p = names::encode(datasetPath);
    DatasetHandle ds(openDataset(fileId(*file), p.constData()));
    if (!ds) {
        errorstack::clear();
        return;
    }
    details.dimensionScales.clear();
    details.dimensionLabels.clear();
    DataspaceHandle space(H5Dget_space(ds.get()));
    const int rank = space ? H5Sget_simple_extent_ndims(space.get()) : 0;
    bool anyScale = false, anyLabel = false;
    for (int d = 0; d < rank; ++d) {
        QStringList scales;
        if (H5DSget_num_scales(ds.get(), unsigned(d)) > 0) {
            int idx = 0;
            H5DSiterate_scales(ds.get(), unsigned(d), &idx, everyScale, &scales);
        }
        anyScale = anyScale || !scales.isEmpty();
        details.dimensionScales.push_back(scales);
        const QString label = dsText([&](char *buf, size_t size) { return H5DSget_label(ds.get(), unsigned(d), buf, size); });
        anyLabel = anyLabel || !label.isEmpty();
        details.dimensionLabels << label;
    }
    // Nothing attached and nothing labelled: no per-dimension lists at all.
    if (!anyScale)
        details.dimensionScales.clear();
    if (!anyLabel)
        details.dimensionLabels.clear();

    details.isDimensionScale = H5DSis_scale(ds.get()) > 0;
    details.scaleName.clear();
    details.scaleUses.clear();
    details.scaleOf.clear();
    if (details.isDimensionScale) {
        details.scaleName = dsText([&](char *buf, size_t size) { return H5DSget_scale_name(ds.get(), buf, size); });
        details.scaleUses = scaleUses(ds.get());
        for (const ObjectDetails::ScaleUse &u : details.scaleUses)
            details.scaleOf << QStringLiteral("%1 (dimension %2)").arg(u.dataset).arg(u.dimension);
    }
    errorstack::clear();
}

} // namespace hs::core
