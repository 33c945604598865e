#include "edit/resizedatasetoperation.h"

#include "hdf5/datasetaccess.h"
#include "edit/datasetspec.h"
#include "edit/structureedit_p.h"

#include <QDir>
#include <QLocale>
#include <QStorageInfo>
#include <QTemporaryFile>

namespace hs::core {

using namespace edit;

namespace {
struct Box
{
    std::vector<hsize_t> start, count;
    qint64 offset = 0; // where its bytes are in the store
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

quint64 elementsOf(const Box &b)
{
    quint64 n = 1;
    for (hsize_t c : b.count)
        n *= c;
    return n;
}

// Cuts `b` into pieces of at most `limit` bytes (one element may be more),
// along the first dimension that has more than one element, then the next.
void splitBox(const Box &b, quint64 elementBytes, quint64 limit, std::vector<Box> &out)
{
    const quint64 bytes = elementsOf(b) * elementBytes;
    size_t d = 0;
    while (d < b.count.size() && b.count[d] == 1)
        ++d;
    if (bytes <= limit || d == b.count.size()) {
        out.push_back(b);
        return;
    }
    const quint64 unit = bytes / b.count[d];
    const hsize_t step = hsize_t(std::max<quint64>(1, limit / unit));
    for (hsize_t s = 0; s < b.count[d]; s += step) {
        Box p = b;
        p.start[d] = b.start[d] + s;
        p.count[d] = std::min(step, b.count[d] - s);
        if (unit > limit)
            splitBox(p, elementBytes, limit, out); // one step is still too big: cut the next dimension
        else
            out.push_back(std::move(p));
    }
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

Error cancelled()
{
    return Error::make(ErrorCode::Cancelled, trEdit("Cancelled; nothing was changed."));
}

// Lock held. Reads (write == false) or writes one box of `d` from/to `buf`.
herr_t transfer(hid_t d, hid_t memType, const Box &b, void *buf, bool write)
{
    DataspaceHandle fileSpace(H5Dget_space(d));
    DataspaceHandle mem(H5Screate_simple(int(b.count.size()), b.count.data(), nullptr));
    if (!fileSpace.valid() || !mem.valid()
        || H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, b.start.data(), nullptr, b.count.data(), nullptr) < 0)
        return -1;
    return write ? H5Dwrite(d, memType, mem.get(), fileSpace.get(), H5P_DEFAULT, buf)
                 : H5Dread(d, memType, mem.get(), fileSpace.get(), H5P_DEFAULT, buf);
}
} // namespace

// The values a shrink cut off, in pieces: in `memory`, or in `spill` (a
// temporary file, fixed-size values only). Variable-length values are held
// as HDF5 allocated them (memType has them) and freed with its reclaim.
struct ResizeDatasetOperation::Kept
{
    std::vector<Box> pieces;
    quint64 elementBytes = 0;
    QByteArray memory;
    std::unique_ptr<QTemporaryFile> spill;
    DatatypeHandle memType;
    bool variableLength = false;
    size_t filled = 0; // pieces read so far (what the destructor reclaims)

    ~Kept()
    {
        if (!variableLength)
            return;
        LibraryLock lock;
        for (size_t i = 0; i < filled; ++i)
            reclaim(memType.get(), pieces[i], memory.data() + pieces[i].offset);
        errorstack::clear();
    }
    quint64 bytes() const
    {
        quint64 n = 0;
        for (const Box &b : pieces)
            n += elementsOf(b) * elementBytes;
        return n;
    }
};

quint64 ResizeDatasetOperation::Extent::cutOffBytes(const std::vector<quint64> &newShape) const
{
    if (newShape.size() != shape.size())
        return 0;
    quint64 n = 0;
    for (const Box &b : cutOffBoxes(std::vector<hsize_t>(shape.begin(), shape.end()),
                                    std::vector<hsize_t>(newShape.begin(), newShape.end())))
        n += elementsOf(b) * quint64(std::max(elementBytes, 0));
    return n;
}

Result<ResizeDatasetOperation::Extent> ResizeDatasetOperation::inspect(const H5FilePtr &file, const QString &path)
{
    LibraryLock lock;
    if (objectTypeAt(fileId(*file), path) != H5O_TYPE_DATASET)
        return refused(ErrorCode::InvalidArgument, trEdit("\u201c%1\u201d in \u201c%2\u201d is not a dataset.")
                                                       .arg(shownPath(path), file->displayName()));
    const QByteArray p = nativePath(path);
    DatasetHandle d(openDataset(fileId(*file), p.constData()));
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
    DatatypeHandle type(H5Dget_type(d.get()));
    e.elementBytes = type.valid() ? int(H5Tget_size(type.get())) : 0;
    errorstack::clear();
    return e;
}

ResizeDatasetOperation::ResizeDatasetOperation(QString path, std::vector<quint64> newShape, quint64 expectedKeptBytes)
    : m_path(std::move(path)), m_newShape(std::move(newShape)), m_expectedKeptBytes(expectedKeptBytes)
{
}

ResizeDatasetOperation::~ResizeDatasetOperation() = default;

quint64 ResizeDatasetOperation::keptBytes() const
{
    return m_kept ? m_kept->bytes() : 0;
}

bool ResizeDatasetOperation::keptInFile() const
{
    return m_kept && m_kept->spill;
}

QString ResizeDatasetOperation::description() const
{
    return trEdit("Resize %1 to %2").arg(shownPath(m_path), shapeText(m_newShape));
}

Status ResizeDatasetOperation::apply(EditContext &context)
{
    const H5File &file = *context.file();
    const QString where = trEdit("\u201c%1\u201d in \u201c%2\u201d").arg(shownPath(m_path), file.displayName());
    const std::vector<hsize_t> newDims(m_newShape.begin(), m_newShape.end());
    DatasetHandle d;
    std::vector<hsize_t> dims;
    auto kept = std::make_unique<Kept>();
    quint64 total = 0;
    {
        LibraryLock lock;
        if (Status s = requireLink(file, m_path); !s)
            return s;
        const QByteArray p = nativePath(m_path);
        if (objectTypeAt(fileId(file), m_path) != H5O_TYPE_DATASET)
            return refused(ErrorCode::InvalidArgument, trEdit("%1 is not a dataset.").arg(where));
        d.reset(openDataset(fileId(file), p.constData()));
        DataspaceHandle space(d.valid() ? H5Dget_space(d.get()) : H5I_INVALID_HID);
        PropListHandle dcpl(d.valid() ? H5Dget_create_plist(d.get()) : H5I_INVALID_HID);
        if (!space.valid() || !dcpl.valid())
            return errorstack::capture(QStringLiteral("open the dataset"), shownPath(m_path));
        const int rank = H5Sget_simple_extent_ndims(space.get());
        dims.assign(size_t(std::max(rank, 0)), 0);
        std::vector<hsize_t> max(dims.size());
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
        for (size_t i = 0; i < dims.size(); ++i)
            if (max[i] != H5S_UNLIMITED && newDims[i] > max[i]) {
                std::vector<quint64> maxShape;
                for (hsize_t m : max)
                    maxShape.push_back(m == H5S_UNLIMITED ? DatasetSpec::Unlimited : quint64(m));
                return refused(ErrorCode::InvalidArgument, trEdit("%1 can grow to at most %2 (its max shape).")
                                                               .arg(where, shapeText(maxShape)));
            }

        const std::vector<Box> boxes = cutOffBoxes(dims, newDims);
        if (!boxes.empty()) {
            DatatypeHandle fileType(H5Dget_type(d.get()));
            if (!fileType.valid())
                return errorstack::capture(QStringLiteral("read the type of"), shownPath(m_path));
            kept->variableLength = H5Tdetect_class(fileType.get(), H5T_VLEN) > 0 || H5Tis_variable_str(fileType.get()) > 0;
            // Fixed-size values are kept as the file's bytes (no conversion, so
            // they come back exactly); variable-length ones need a memory type.
            kept->memType.reset(kept->variableLength ? H5Tget_native_type(fileType.get(), H5T_DIR_DEFAULT)
                                                     : H5Tcopy(fileType.get()));
            kept->elementBytes = kept->memType.valid() ? H5Tget_size(kept->memType.get()) : 0;
            if (kept->elementBytes == 0)
                return errorstack::capture(QStringLiteral("read the type of"), shownPath(m_path));
            for (const Box &b : boxes)
                splitBox(b, kept->elementBytes, m_limits.pieceBytes, kept->pieces);
            for (Box &b : kept->pieces) {
                b.offset = qint64(total);
                total += elementsOf(b) * kept->elementBytes;
            }
        }
        errorstack::clear();
    }

    // Where the values go: memory, a temporary file, or nowhere (refused).
    if (total > m_limits.memoryBytes) {
        const QString tooMuch = trEdit("Shrinking %1 to %2 would discard %3 of values.")
                                    .arg(where, shapeText(m_newShape), sizeText(total));
        if (kept->variableLength)
            return refused(ErrorCode::Unsupported,
                           tooMuch + QLatin1Char(' ')
                               + trEdit("Hyperslab keeps at most %1 of variable-length values to undo a change. "
                                        "Save a copy of the file first if you need them, or shrink a smaller part "
                                        "at a time.")
                                     .arg(sizeText(m_limits.memoryBytes)));
        const QStorageInfo disk(QDir::tempPath());
        const quint64 room = disk.isValid() ? quint64(std::max<qint64>(disk.bytesAvailable(), 0)) : 0;
        // Leave the disk a margin: the temporary file must not fill it.
        if (total > m_limits.spillBytes || total + (quint64(1) << 30) > room)
            return refused(ErrorCode::Unsupported,
                           tooMuch + QLatin1Char(' ')
                               + trEdit("That is more than Hyperslab can keep to undo the change (%1 free in %2). "
                                        "Save a copy of the file first if you need them, or shrink a smaller part "
                                        "at a time.")
                                     .arg(sizeText(room), QDir::toNativeSeparators(QDir::tempPath())));
        kept->spill = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/hyperslab-resize-XXXXXX"));
        if (!kept->spill->open())
            return refused(ErrorCode::PermissionDenied,
                           tooMuch + QLatin1Char(' ')
                               + trEdit("Hyperslab could not make a temporary file to keep them for undo (%1).")
                                     .arg(kept->spill->errorString()));
    } else {
        kept->memory = QByteArray(qsizetype(total), '\0');
    }

    // Keep what the shrink cuts off, a piece per lock, before anything changes.
    QByteArray buffer;
    for (size_t i = 0; i < kept->pieces.size(); ++i) {
        if (context.isCancelled())
            return cancelled();
        const Box &b = kept->pieces[i];
        const qint64 bytes = qint64(elementsOf(b) * kept->elementBytes);
        char *target = kept->memory.data() + b.offset;
        if (kept->spill) {
            buffer.resize(bytes);
            target = buffer.data();
        }
        {
            LibraryLock lock;
            if (transfer(d.get(), kept->memType.get(), b, target, false) < 0)
                return errorstack::capture(QStringLiteral("read the values to keep of"), shownPath(m_path));
            kept->filled = i + 1;
        }
        if (kept->spill && kept->spill->write(buffer.constData(), bytes) != bytes)
            return refused(ErrorCode::Internal, trEdit("Could not keep the values of %1 for undo: %2")
                                                    .arg(where, kept->spill->errorString()));
        context.setProgress(b.offset + bytes, qint64(total));
    }
    if (context.isCancelled())
        return cancelled();
    {
        LibraryLock lock;
        if (H5Dset_extent(d.get(), newDims.data()) < 0)
            return errorstack::capture(QStringLiteral("resize"), shownPath(m_path));
    }
    m_oldShape.assign(dims.begin(), dims.end());
    m_kept = std::move(kept);
    addOnce(context.changes().objectsChanged, m_path);
    return Ok{};
}

Status ResizeDatasetOperation::revert(EditContext &context)
{
    const H5File &file = *context.file();
    const std::vector<hsize_t> oldDims(m_oldShape.begin(), m_oldShape.end());
    const std::vector<hsize_t> newDims(m_newShape.begin(), m_newShape.end());
    DatasetHandle d;
    {
        LibraryLock lock;
        if (Status s = requireLink(file, m_path); !s)
            return s;
        const QByteArray p = nativePath(m_path);
        d.reset(openDataset(fileId(file), p.constData()));
        if (!d.valid())
            return errorstack::capture(QStringLiteral("open the dataset"), shownPath(m_path));
        if (H5Dset_extent(d.get(), oldDims.data()) < 0)
            return errorstack::capture(QStringLiteral("resize"), shownPath(m_path));
    }
    // Back to the extent the file had before this call (failure or Cancel).
    const auto undoPartial = [&](Error e) {
        LibraryLock lock;
        H5Dset_extent(d.get(), newDims.data());
        errorstack::clear();
        return e;
    };
    if (m_kept) {
        const quint64 total = m_kept->bytes();
        QByteArray buffer;
        if (m_kept->spill && !m_kept->spill->seek(0))
            return undoPartial(Error::make(ErrorCode::Internal, m_kept->spill->errorString()));
        for (const Box &b : m_kept->pieces) {
            if (context.isCancelled())
                return undoPartial(cancelled());
            const qint64 bytes = qint64(elementsOf(b) * m_kept->elementBytes);
            const char *source = m_kept->memory.constData() + b.offset;
            if (m_kept->spill) {
                buffer.resize(bytes); // one buffer for every piece: memory stays at one piece
                if (m_kept->spill->read(buffer.data(), bytes) != bytes)
                    return undoPartial(Error::make(ErrorCode::Internal,
                                                   trEdit("Could not read back the kept values of %1: %2")
                                                       .arg(shownPath(m_path), m_kept->spill->errorString())));
                source = buffer.constData();
            }
            {
                LibraryLock lock;
                if (transfer(d.get(), m_kept->memType.get(), b, const_cast<char *>(source), true) < 0)
                    return undoPartial(errorstack::capture(QStringLiteral("restore the values of"), shownPath(m_path)));
            }
            context.setProgress(b.offset + bytes, qint64(total));
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
