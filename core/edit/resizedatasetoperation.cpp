#include "edit/resizedatasetoperation.h"

#include "edit/datasetspec.h"
#include "edit/structureedit_p.h"

#include <QLocale>

namespace hs::core {

using namespace edit;

namespace {
struct Box
{
    std::vector<hsize_t> start, count;
    QByteArray bytes;
};

// The part of the old extent outside the new one, as disjoint boxes: for each
// dimension that shrinks, the slab past the new end, limited in the earlier
// dimensions to what both extents share.
std::vector<Box> cutOffBoxes(const std::vector<hsize_t> &oldDims, const std::vector<hsize_t> &newDims)
{
    std::vector<Box> out;
    const size_t rank = oldDims.size();
    for (size_t i = 0; i < rank; ++i) {
        if (newDims[i] >= oldDims[i])
            continue;
        Box b;
        b.start.assign(rank, 0);
        b.count.assign(rank, 0);
        bool empty = false;
        for (size_t j = 0; j < rank; ++j) {
            if (j < i)
                b.count[j] = std::min(oldDims[j], newDims[j]);
            else if (j == i) {
                b.start[j] = newDims[i];
                b.count[j] = oldDims[i] - newDims[i];
            } else
                b.count[j] = oldDims[j];
            empty = empty || b.count[j] == 0;
        }
        if (!empty)
            out.push_back(std::move(b));
    }
    return out;
}

hsize_t elementsOf(const Box &b)
{
    hsize_t n = 1;
    for (hsize_t c : b.count)
        n *= c;
    return n;
}

QString sizeText(quint64 bytes)
{
    return QLocale::c().formattedDataSize(qint64(bytes), 0, QLocale::DataSizeTraditionalFormat);
}

herr_t reclaim(hid_t memType, const Box &b, void *buf)
{
    DataspaceHandle space(H5Screate_simple(int(b.count.size()), b.count.data(), nullptr));
#if H5_VERSION_GE(1, 12, 0)
    return H5Treclaim(memType, space.get(), H5P_DEFAULT, buf);
#else
    return H5Dvlen_reclaim(memType, space.get(), H5P_DEFAULT, buf);
#endif
}
} // namespace

// The values a shrink cut off. Variable-length values are held as HDF5
// allocated them (memType has them) and freed with the library's reclaim.
struct ResizeDatasetOperation::Kept
{
    std::vector<Box> boxes;
    DatatypeHandle memType;
    bool variableLength = false;

    ~Kept()
    {
        if (!variableLength)
            return;
        LibraryLock lock;
        for (Box &b : boxes)
            reclaim(memType.get(), b, b.bytes.data());
        errorstack::clear();
    }
    quint64 bytes() const
    {
        quint64 n = 0;
        for (const Box &b : boxes)
            n += quint64(b.bytes.size());
        return n;
    }
};

Result<ResizeDatasetOperation::Extent> ResizeDatasetOperation::inspect(const H5FilePtr &file, const QString &path)
{
    LibraryLock lock;
    if (objectTypeAt(fileId(*file), path) != H5O_TYPE_DATASET)
        return refused(ErrorCode::InvalidArgument, trEdit("\u201c%1\u201d in \u201c%2\u201d is not a dataset.")
                                                       .arg(shownPath(path), file->displayName()));
    const QByteArray p = nativePath(path);
    DatasetHandle d(H5Dopen2(fileId(*file), p.constData(), H5P_DEFAULT));
    DataspaceHandle space(d.valid() ? H5Dget_space(d.get()) : H5I_INVALID_HID);
    PropListHandle dcpl(d.valid() ? H5Dget_create_plist(d.get()) : H5I_INVALID_HID);
    const int rank = space.valid() ? H5Sget_simple_extent_ndims(space.get()) : -1;
    if (!dcpl.valid() || rank < 0)
        return errorstack::capture(QStringLiteral("open the dataset"), shownPath(path));
    std::vector<hsize_t> dims(static_cast<size_t>(rank)), max(static_cast<size_t>(rank));
    if (H5Sget_simple_extent_dims(space.get(), dims.data(), max.data()) < 0)
        return errorstack::capture(QStringLiteral("read the shape of"), shownPath(path));
    Extent e;
    for (int i = 0; i < rank; ++i) {
        e.shape.push_back(dims[size_t(i)]);
        e.maxShape.push_back(max[size_t(i)] == H5S_UNLIMITED ? DatasetSpec::Unlimited : quint64(max[size_t(i)]));
    }
    e.chunked = H5Pget_layout(dcpl.get()) == H5D_CHUNKED;
    errorstack::clear();
    return e;
}

ResizeDatasetOperation::ResizeDatasetOperation(QString path, std::vector<quint64> newShape)
    : m_path(std::move(path)), m_newShape(std::move(newShape))
{
}

ResizeDatasetOperation::~ResizeDatasetOperation() = default;

quint64 ResizeDatasetOperation::keptBytes() const
{
    return m_kept ? m_kept->bytes() : 0;
}

QString ResizeDatasetOperation::description() const
{
    return trEdit("Resize %1 to %2").arg(shownPath(m_path), shapeText(m_newShape));
}

Status ResizeDatasetOperation::apply(EditContext &context)
{
    const H5File &file = *context.file();
    LibraryLock lock;
    if (Status s = requireLink(file, m_path); !s)
        return s;
    const QString where = trEdit("\u201c%1\u201d in \u201c%2\u201d").arg(shownPath(m_path), file.displayName());
    const QByteArray p = nativePath(m_path);
    if (objectTypeAt(fileId(file), m_path) != H5O_TYPE_DATASET)
        return refused(ErrorCode::InvalidArgument, trEdit("%1 is not a dataset.").arg(where));
    DatasetHandle d(H5Dopen2(fileId(file), p.constData(), H5P_DEFAULT));
    DataspaceHandle space(d.valid() ? H5Dget_space(d.get()) : H5I_INVALID_HID);
    PropListHandle dcpl(d.valid() ? H5Dget_create_plist(d.get()) : H5I_INVALID_HID);
    if (!space.valid() || !dcpl.valid())
        return errorstack::capture(QStringLiteral("open the dataset"), shownPath(m_path));
    const int rank = H5Sget_simple_extent_ndims(space.get());
    std::vector<hsize_t> dims(size_t(std::max(rank, 0))), max(dims.size());
    if (rank < 0 || H5Sget_simple_extent_dims(space.get(), dims.data(), max.data()) < 0)
        return errorstack::capture(QStringLiteral("read the shape of"), shownPath(m_path));
    if (size_t(rank) != m_newShape.size())
        return refused(ErrorCode::InvalidArgument, trEdit("%1 has %2 dimensions; the new shape %3 has %4.")
                                                       .arg(where)
                                                       .arg(rank)
                                                       .arg(shapeText(m_newShape))
                                                       .arg(m_newShape.size()));
    if (H5Pget_layout(dcpl.get()) != H5D_CHUNKED)
        return refused(ErrorCode::Unsupported,
                       trEdit("%1 is not chunked; only chunked datasets can change their shape.").arg(where));
    const std::vector<hsize_t> newDims(m_newShape.begin(), m_newShape.end());
    for (size_t i = 0; i < dims.size(); ++i)
        if (max[i] != H5S_UNLIMITED && newDims[i] > max[i]) {
            std::vector<quint64> maxShape;
            for (hsize_t m : max)
                maxShape.push_back(m == H5S_UNLIMITED ? DatasetSpec::Unlimited : quint64(m));
            return refused(ErrorCode::InvalidArgument, trEdit("%1 can grow to at most %2 (its max shape).")
                                                           .arg(where, shapeText(maxShape)));
        }

    // Keep what a shrink cuts off, before anything changes.
    auto kept = std::make_unique<Kept>();
    kept->boxes = cutOffBoxes(dims, newDims);
    if (!kept->boxes.empty()) {
        DatatypeHandle fileType(H5Dget_type(d.get()));
        if (!fileType.valid())
            return errorstack::capture(QStringLiteral("read the type of"), shownPath(m_path));
        kept->variableLength = H5Tdetect_class(fileType.get(), H5T_VLEN) > 0 || H5Tis_variable_str(fileType.get()) > 0;
        // Fixed-size values are kept as the file's bytes (no conversion, so
        // they come back exactly); variable-length ones need a memory type.
        kept->memType.reset(kept->variableLength ? H5Tget_native_type(fileType.get(), H5T_DIR_DEFAULT)
                                                 : H5Tcopy(fileType.get()));
        const size_t elementBytes = kept->memType.valid() ? H5Tget_size(kept->memType.get()) : 0;
        if (elementBytes == 0)
            return errorstack::capture(QStringLiteral("read the type of"), shownPath(m_path));
        quint64 total = 0;
        for (const Box &b : kept->boxes)
            total += quint64(elementsOf(b)) * elementBytes;
        if (total > MaxKeptBytes) {
            kept->boxes.clear(); // nothing read, nothing to reclaim
            return refused(ErrorCode::Unsupported,
                           trEdit("Shrinking %1 to %2 would discard %3 of values, more than the %4 Hyperslab keeps "
                                  "to undo a change. Save a copy of the file first if you need them, or shrink a "
                                  "smaller part at a time.")
                               .arg(where, shapeText(m_newShape), sizeText(total), sizeText(MaxKeptBytes)));
        }
        for (size_t k = 0; k < kept->boxes.size(); ++k) {
            Box &b = kept->boxes[k];
            b.bytes = QByteArray(qsizetype(elementsOf(b) * elementBytes), '\0');
            DataspaceHandle mem(H5Screate_simple(rank, b.count.data(), nullptr));
            DataspaceHandle sel(H5Scopy(space.get()));
            if (!mem.valid() || !sel.valid()
                || H5Sselect_hyperslab(sel.get(), H5S_SELECT_SET, b.start.data(), nullptr, b.count.data(), nullptr) < 0
                || H5Dread(d.get(), kept->memType.get(), mem.get(), sel.get(), H5P_DEFAULT, b.bytes.data()) < 0) {
                Error e = errorstack::capture(QStringLiteral("read the values to keep of"), shownPath(m_path));
                kept->boxes.resize(k); // the failed box holds nothing to reclaim
                return e;
            }
        }
    }
    if (H5Dset_extent(d.get(), newDims.data()) < 0)
        return errorstack::capture(QStringLiteral("resize"), shownPath(m_path));
    m_oldShape.assign(dims.begin(), dims.end());
    m_kept = std::move(kept);
    addOnce(context.changes().objectsChanged, m_path);
    return Ok{};
}

Status ResizeDatasetOperation::revert(EditContext &context)
{
    const H5File &file = *context.file();
    LibraryLock lock;
    if (Status s = requireLink(file, m_path); !s)
        return s;
    const QByteArray p = nativePath(m_path);
    DatasetHandle d(H5Dopen2(fileId(file), p.constData(), H5P_DEFAULT));
    if (!d.valid())
        return errorstack::capture(QStringLiteral("open the dataset"), shownPath(m_path));
    const std::vector<hsize_t> oldDims(m_oldShape.begin(), m_oldShape.end());
    const std::vector<hsize_t> newDims(m_newShape.begin(), m_newShape.end());
    if (H5Dset_extent(d.get(), oldDims.data()) < 0)
        return errorstack::capture(QStringLiteral("resize"), shownPath(m_path));
    if (m_kept) {
        DataspaceHandle space(H5Dget_space(d.get()));
        for (const Box &b : m_kept->boxes) {
            DataspaceHandle mem(H5Screate_simple(int(b.count.size()), b.count.data(), nullptr));
            DataspaceHandle sel(H5Scopy(space.get()));
            if (!mem.valid() || !sel.valid()
                || H5Sselect_hyperslab(sel.get(), H5S_SELECT_SET, b.start.data(), nullptr, b.count.data(), nullptr) < 0
                || H5Dwrite(d.get(), m_kept->memType.get(), mem.get(), sel.get(), H5P_DEFAULT, b.bytes.constData()) < 0) {
                Error e = errorstack::capture(QStringLiteral("restore the values of"), shownPath(m_path));
                // Back to the extent the file had before this call.
                H5Dset_extent(d.get(), newDims.data());
                errorstack::clear();
                return e;
            }
        }
        ValueRegion region;
        region.start.assign(oldDims.size(), 0);
        region.count = m_oldShape;
        context.changes().valuesChanged.emplace_back(m_path, region);
    }
    m_kept.reset();
    addOnce(context.changes().objectsChanged, m_path);
    return Ok{};
}

} // namespace hs::core
