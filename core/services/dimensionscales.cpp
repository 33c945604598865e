#include "services/dimensionscales.h"

#include "hdf5/compat.h"
#include "hdf5/datasetaccess.h"
#include "hdf5/errorstack.h"
#include "hdf5/handle.h"
#include "model/names.h"
#include "hdf5/typevalidator.h"
#include "hdf5/stringattribute.h"
#include "services/h5file_p.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <optional>
#include <vector>

// The Dimension Scales convention lives in five attributes: DIMENSION_LIST and
// DIMENSION_LABELS on a dataset, CLASS ("DIMENSION_SCALE"), NAME and
// REFERENCE_LIST on a scale. They are read here with our own checked reads and
// never through the H5DS functions of the high-level library, for two reasons
// found on real files:
// - H5DSis_scale of HDF5 1.10.8 frees memory twice when CLASS is a 16-byte
//   null-terminated string other than DIMENSION_SCALE (PyTables writes
//   "TimeSeriesTable" exactly so): the process aborts.
// - H5DSiterate_scales opens every scale through H5Rdereference with the
//   default dataset access properties, and HDF5 refuses to open a dataset
//   already open with other ones (datasetaccess.h): while a grid shows a scale,
//   every dataset using it seemed to have none. H5Rget_name names the scale
//   without opening it.

namespace hs::core {

namespace {

constexpr size_t MaxScalesPerDimension = 4096;

using stringattribute::openAttribute;
using stringattribute::readString;
using stringattribute::readStrings;

#if !(H5_VERSION_GE(1, 12, 0) && defined(H5_NO_DEPRECATED_SYMBOLS))
// The path HDF5 finds for the object an old-style reference points to,
// without opening it (see the top of the file). Empty if it leads nowhere.
// Lock held.
QString referencedPath(hid_t loc, const hobj_ref_t &ref)
{
    const ssize_t len = H5Rget_name(loc, H5R_OBJECT, &ref, nullptr, 0);
    if (len <= 0)
        return {};
    QByteArray name(qsizetype(len) + 1, '\0');
    if (H5Rget_name(loc, H5R_OBJECT, &ref, name.data(), size_t(len) + 1) < 0)
        return {};
    return names::decode(name.constData());
}
#endif

// The scales attached to each of the `rank` dimensions of `ds`, from its
// DIMENSION_LIST (a variable-length list of object references per
// dimension). Empty lists when there is none or it does not have that shape.
// Lock held.
std::vector<QStringList> attachedScales(hid_t ds, int rank)
{
    std::vector<QStringList> lists(size_t(std::max(rank, 0)));
#if H5_VERSION_GE(1, 12, 0) && defined(H5_NO_DEPRECATED_SYMBOLS)
    Q_UNUSED(ds) // H5Rget_name for hobj_ref_t is a deprecated symbol from 1.12 on
#else
    AttributeHandle attr = openAttribute(ds, "DIMENSION_LIST");
    if (!attr || rank <= 0)
        return lists;
    DatatypeHandle fileType(H5Aget_type(attr.get()));
    if (!fileType || !typevalidator::attributeProblem(attr.get()).isEmpty() // damaged: reading it may crash
        || H5Tget_class(fileType.get()) != H5T_VLEN)
        return lists;
    DatatypeHandle base(H5Tget_super(fileType.get()));
    DataspaceHandle space(H5Aget_space(attr.get()));
    if (!base || H5Tequal(base.get(), H5T_STD_REF_OBJ) <= 0 || !space
        || H5Sget_simple_extent_type(space.get()) != H5S_SIMPLE || H5Sget_simple_extent_ndims(space.get()) != 1
        || H5Sget_simple_extent_npoints(space.get()) != rank)
        return lists;
    DatatypeHandle memType(H5Tvlen_create(H5T_STD_REF_OBJ));
    std::vector<hvl_t> entries(size_t(rank), hvl_t{0, nullptr});
    if (!memType || H5Aread(attr.get(), memType.get(), entries.data()) < 0)
        return lists;
    for (int d = 0; d < rank; ++d) {
        const auto *refs = static_cast<const hobj_ref_t *>(entries[size_t(d)].p);
        const size_t count = refs ? std::min(entries[size_t(d)].len, MaxScalesPerDimension) : 0;
        for (size_t j = 0; j < count; ++j) {
            const QString path = referencedPath(ds, refs[j]);
            if (!path.isEmpty()) // a scale since deleted is not shown
                lists[size_t(d)] << path;
        }
    }
    compat::reclaimVlen(memType.get(), space.get(), entries.data());
#endif
    return lists;
}

// Whether `ds` is a dimension scale: its CLASS is the string DIMENSION_SCALE.
// Lock held.
bool isScale(hid_t ds)
{
    return readString(ds, "CLASS") == QLatin1String("DIMENSION_SCALE");
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
    AttributeHandle attr = openAttribute(ds, "REFERENCE_LIST");
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
    const hssize_t n = space ? stringattribute::elementCount(space.get()) : -1;
    if (n <= 0)
        return uses;
    std::vector<ReferenceListEntry> entries(static_cast<size_t>(n));
    if (H5Aread(attr.get(), memType.get(), entries.data()) < 0)
        return uses;
    uses.reserve(entries.size());
    for (const ReferenceListEntry &e : entries) {
        ObjectDetails::ScaleUse use;
        use.dimension = e.dimension;
        use.dataset = referencedPath(ds, e.dataset);
        if (use.dataset.isEmpty())
            use.dataset = QStringLiteral("(dangling reference)");
        uses.push_back(std::move(use));
    }
#endif
    return uses;
}

// The rank of a simple dataset, 0 for scalar and null ones. Lock held.
int rankOf(hid_t ds)
{
    DataspaceHandle space(H5Dget_space(ds));
    return space ? std::max(H5Sget_simple_extent_ndims(space.get()), 0) : 0;
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
    if (!typevalidator::attributeMessagesDecode(ds.get(), ".")) { // damaged: reading them may crash
        errorstack::clear();
        return {};
    }
    QStringList paths;
    for (const QStringList &scales : attachedScales(ds.get(), rankOf(ds.get())))
        paths << (scales.isEmpty() ? QString() : scales.constFirst());
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
    if (!typevalidator::attributeMessagesDecode(ds.get(), ".")) { // damaged: reading them may crash
        errorstack::clear();
        return;
    }
    const int rank = rankOf(ds.get());
    details.dimensionScales = attachedScales(ds.get(), rank);
    details.dimensionLabels.clear();
    if (const std::optional<QStringList> labels = readStrings(ds.get(), "DIMENSION_LABELS"); labels && labels->size() == rank)
        details.dimensionLabels = *labels;
    // Nothing attached and nothing labelled: no per-dimension lists at all.
    if (std::all_of(details.dimensionScales.begin(), details.dimensionScales.end(),
                    [](const QStringList &scales) { return scales.isEmpty(); }))
        details.dimensionScales.clear();
    if (std::all_of(details.dimensionLabels.begin(), details.dimensionLabels.end(),
                    [](const QString &label) { return label.isEmpty(); }))
        details.dimensionLabels.clear();

    details.isDimensionScale = isScale(ds.get());
    details.scaleName.clear();
    details.scaleUses.clear();
    details.scaleOf.clear();
    if (details.isDimensionScale) {
        details.scaleName = readString(ds.get(), "NAME");
        details.scaleUses = scaleUses(ds.get());
        for (const ObjectDetails::ScaleUse &u : details.scaleUses)
            details.scaleOf << QStringLiteral("%1 (dimension %2)").arg(u.dataset).arg(u.dimension);
    }
    errorstack::clear();
}

} // namespace hs::core
