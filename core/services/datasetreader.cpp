#include "services/datasetreader.h"

#include "hdf5/crashbreadcrumb.h"
#include "hdf5/compat.h"
#include "hdf5/dataspaceshape.h"
#include "hdf5/filtercatalog.h"
#include "hdf5/datasetaccess.h"
#include "hdf5/errorstack.h"
#include "hdf5/handle.h"
#include "model/names.h"
#include "hdf5/referenceresolver.h"
#include "hdf5/typedescriber.h"
#include "hdf5/typevalidator.h"
#include "hdf5/valueformatter.h"
#include "services/h5file_p.h"

#include <QStringList>

#include <algorithm>
#include <cstring>

namespace hs::core {

namespace {

// No single block may need more memory than this (a grid page is far smaller).
constexpr quint64 kMaxBlockBytes = quint64(1) << 30;
// HDF5 keeps decompressed chunks in a cache per open dataset, 1 MB unless
// the dataset access properties say otherwise; see DatasetReader::open.
constexpr quint64 kDefaultChunkCacheBytes = quint64(1) << 20;
constexpr quint64 kMaxChunkCacheBytes = quint64(32) << 20;

struct PipelineFilter
{
    H5Z_filter_t id = 0;
    QString nameInFile; // the name stored with the filter (often a long comment)
};

Error missingFilterError(const QString &path, const PipelineFilter &f, const QString &detail)
{
    return Error::make(ErrorCode::MissingFilter,
                       QStringLiteral("Could not read the dataset \u201c%1\u201d. %2")
                           .arg(path, filtercatalog::missingPluginAdvice(int(f.id), f.nameInFile)),
                       detail);
}

struct Run
{
    hsize_t start, stride, count, block;
};

// Hyperslab runs (in dataset coordinates) that select result indices
// [a, a+len) of the dimension `s`, in increasing order.
bool runsFor(const DimSlice &s, quint64 a, quint64 len, std::vector<Run> &runs)
{
    const quint64 stride = std::max<quint64>(s.stride, 1);
    const quint64 block = std::max<quint64>(s.block, 1);
    if (block == 1) {
        runs.push_back({s.start + a * stride, stride, len, 1});
        return true;
    }
    if (stride < block && s.count > 1)
        return false; // overlapping blocks
    quint64 i = a;
    const quint64 end = a + len;
    while (i < end) {
        const quint64 q = i / block, r = i % block;
        if (r != 0 || end - i < block) {
            const quint64 n = std::min(block - r, end - i);
            runs.push_back({s.start + q * stride + r, 1, 1, n});
            i += n;
        } else {
            const quint64 m = (end - i) / block;
            runs.push_back({s.start + q * stride, stride, m, block});
            i += m * block;
        }
    }
    return true;
}

} // namespace

struct DatasetReader::Private
{
    H5FilePtr file;
    QString path;
    DatasetHandle dataset;
    ShapeInfo shape;
    TypeInfo type;
    std::vector<quint64> chunk;
    std::vector<FieldInfo> fields;
    ReadPlan plan;
    std::vector<PipelineFilter> filters;
    QStringList externalFiles; // raw data stored outside the HDF5 file
    size_t chunkCacheBytes = 0; // 0: HDF5's default cache
    quint64 generation = 0;     // of the file's identifiers when `dataset` was opened
    QByteArray objectToken;     // ObjectId::token of the dataset

    Error readError(const QString &action) const;
    // What one block read selects: its rows and columns, and per dataset
    // dimension the hyperslab runs behind them. No library call.
    struct BlockRequest
    {
        quint64 rows = 0, cols = 0;
        size_t rank = 0; // of the selection's result
        std::vector<std::vector<Run>> runs;
    };
    Result<BlockRequest> request(const Selection &selection, bool transposed, quint64 row0, quint64 rows,
                                 quint64 col0, quint64 cols) const;
    // Lock held. The dataset's file space with the request selected, and a
    // memory space for the values.
    Status spaces(const BlockRequest &req, DataspaceHandle &fileSpace, DataspaceHandle &memSpace);
    // The dataset's identifier, opened again by path when the file was
    // reopened (editing switched on or off) since. Call with the lock held.
    hid_t current();
};

hid_t DatasetReader::Private::current()
{
    const quint64 now = file->d_func()->generation;
    if (now == generation)
        return dataset.get();
    dataset.release(); // closed by the reopen
    generation = now;
    const QByteArray name = names::encode(path);
    if (chunkCacheBytes > 0) {
        PropListHandle dapl = datasetAccessList();
        H5Pset_chunk_cache(dapl.get(), H5D_CHUNK_CACHE_NSLOTS_DEFAULT, chunkCacheBytes, H5D_CHUNK_CACHE_W0_DEFAULT);
        dataset.reset(H5Dopen2(fileId(*file), name.constData(), dapl.get()));
    } else {
        dataset.reset(openDataset(fileId(*file), name.constData()));
    }
    return dataset.get();
}

Error DatasetReader::Private::readError(const QString &action) const
{
    // Capture first: the filter probes below start by clearing the stack.
    const Error e = errorstack::capture(action, path);
    for (const PipelineFilter &f : filters) {
        if (H5Zfilter_avail(f.id) <= 0) {
            errorstack::clear();
            return missingFilterError(path, f, e.detail);
        }
    }
    errorstack::clear();
    if (!externalFiles.isEmpty())
        return Error::make(ErrorCode::NotFound,
                           QStringLiteral("Could not read the dataset \u201c%1\u201d. Its values are stored in the "
                                          "external file(s) %2, which could not be read; they are looked for in the "
                                          "folder of the HDF5 file.")
                               .arg(path, externalFiles.join(QStringLiteral(", "))),
                           e.detail);
    if (!filters.empty() && e.detail.contains(QLatin1String("pipeline"))) {
        QStringList names;
        for (const PipelineFilter &f : filters)
            names << QStringLiteral("%1 (%2)").arg(f.nameInFile.section(QLatin1Char(';'), 0, 0).trimmed()).arg(f.id);
        return Error::make(ErrorCode::Corrupt,
                           QStringLiteral("Could not read the dataset \u201c%1\u201d. A filter of its pipeline (%2) "
                                          "failed to decode the data: the data may be damaged, or the installed "
                                          "plugin may not support how it was written.")
                               .arg(path, names.join(QStringLiteral(", "))),
                           e.detail);
    }
    return e;
}

DatasetReader::DatasetReader(std::unique_ptr<Private> p) : d(std::move(p)) {}

DatasetReader::~DatasetReader()
{
    LibraryLock lock;
    d->plan.memType.reset();
    d->dataset.reset();
}

Result<std::shared_ptr<DatasetReader>> DatasetReader::open(H5FilePtr file, const QString &path)
{
    if (!file)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("No file is open."));
    LibraryLock lock;
    const CrashBreadcrumb::Scope crumb(file->path(), path); // named if the library crashes on it
    auto p = std::make_unique<Private>();
    p->file = file;
    p->path = path;
    p->generation = file->d_func()->generation;
    const QByteArray name = names::encode(path); // non-UTF-8 link names round-trip (see model/names.h)
    // External raw data files are found next to the HDF5 file, not in the
    // current directory (HDF5's default).
    p->dataset.reset(openDataset(fileId(*file), name.constData()));
    if (!p->dataset)
        return errorstack::capture(QStringLiteral("open the dataset"), path);

    DataspaceHandle space(H5Dget_space(p->dataset.get()));
    DatatypeHandle type(H5Dget_type(p->dataset.get()));
    if (!space || !type)
        return errorstack::capture(QStringLiteral("read the shape and type of"), path);
    if (compat::ObjectInfo oi{}; compat::objectInfo(p->dataset.get(), &oi) >= 0)
        p->objectToken = compat::objectId(oi).token;
    p->shape = dataspaceShape(space.get());
    p->type = typedescriber::describe(type.get());

    QString why;
    p->plan = buildReadPlan(type.get(), &why);
    if (!p->plan.damagedType.isEmpty())
        return Error::make(ErrorCode::Corrupt, QStringLiteral("Could not read the dataset \u201c%1\u201d. %2")
                                                   .arg(path, typevalidator::damagedTypeMessage(p->plan.damagedType)));
    if (const QString bad = typevalidator::spaceProblem(space.get()); !bad.isEmpty())
        return Error::make(ErrorCode::Corrupt,
                           QStringLiteral("Could not read the dataset \u201c%1\u201d. The file is damaged: %2.").arg(path, bad));
    if (!p->plan.memType) {
        const Error e = errorstack::capture(QStringLiteral("read"), path);
        return Error::make(ErrorCode::Unsupported,
                           QStringLiteral("Could not read the dataset \u201c%1\u201d. Its datatype (%2) cannot be read "
                                          "by this HDF5 library: %3.")
                               .arg(path, p->type.text, why),
                           e.detail);
    }
    const auto &leaves = p->plan.formatter->leaves();
    for (size_t i = 0; i < leaves.size(); ++i)
        p->fields.push_back(FieldInfo{QString::fromStdString(leaves[i].path),
                                      i < p->plan.fieldTypes.size() ? p->plan.fieldTypes[i] : p->type});

    PropListHandle dcpl(H5Dget_create_plist(p->dataset.get()));
    if (dcpl) {
        if (H5Pget_layout(dcpl.get()) == H5D_CHUNKED) {
            const int rank = H5Pget_chunk(dcpl.get(), 0, nullptr);
            std::vector<hsize_t> c(size_t(std::max(rank, 0)));
            if (rank > 0 && H5Pget_chunk(dcpl.get(), rank, c.data()) >= 0)
                p->chunk.assign(c.begin(), c.end());
        }
        const int externals = H5Pget_external_count(dcpl.get());
        for (int i = 0; i < externals; ++i) {
            char ename[1024] = {};
            off_t offset = 0;
            hsize_t size = 0;
            if (H5Pget_external(dcpl.get(), unsigned(i), sizeof ename, ename, &offset, &size) >= 0)
                p->externalFiles << QString::fromUtf8(ename);
        }
        const int n = H5Pget_nfilters(dcpl.get());
        for (int i = 0; i < n; ++i) {
            unsigned flags = 0, config = 0;
            size_t nelmts = 0;
            char fname[256] = {};
            const H5Z_filter_t id =
                H5Pget_filter2(dcpl.get(), unsigned(i), &flags, &nelmts, nullptr, sizeof fname, fname, &config);
            if (id >= 0)
                p->filters.push_back({id, QString::fromUtf8(fname)});
        }
    }
    // A chunk is decompressed whole, and HDF5 caches it only if it fits its
    // chunk cache (1 MB by default). The grid reads tiles of at most 4 MB
    // (TilePager), so a larger chunk was decompressed again for every tile
    // in it: twice the work while paging (4 tiles of two 8 MB gzip chunks:
    // 355 ms, 175 ms with the chunks cached). Such a dataset is reopened with a
    // cache that holds two of its chunks (at most 32 MB; bigger chunks stay
    // uncached). Only this handle's first opener sets the cache, so the old
    // handle is closed first; if something else holds the dataset open, the
    // cache it was opened with stays, which costs time but nothing else.
    if (!p->chunk.empty()) {
        quint64 chunkBytes = std::max<size_t>(1, H5Tget_size(type.get()));
        for (quint64 c : p->chunk)
            chunkBytes *= c;
        if (chunkBytes > kDefaultChunkCacheBytes && 2 * chunkBytes <= kMaxChunkCacheBytes) {
            PropListHandle dapl = datasetAccessList();
            H5Pset_chunk_cache(dapl.get(), H5D_CHUNK_CACHE_NSLOTS_DEFAULT, size_t(2 * chunkBytes), H5D_CHUNK_CACHE_W0_DEFAULT);
            p->dataset.reset();
            p->dataset.reset(H5Dopen2(fileId(*file), name.constData(), dapl.get()));
            p->chunkCacheBytes = size_t(2 * chunkBytes);
            if (!p->dataset)
                return errorstack::capture(QStringLiteral("open the dataset"), path);
        }
    }
    errorstack::clear();
    return std::shared_ptr<DatasetReader>(new DatasetReader(std::move(p)));
}

QString DatasetReader::path() const { return d->path; }

QByteArray DatasetReader::objectToken() const { return d->objectToken; }
const ShapeInfo &DatasetReader::shape() const { return d->shape; }
const TypeInfo &DatasetReader::type() const { return d->type; }
std::vector<quint64> DatasetReader::chunkShape() const { return d->chunk; }
const std::vector<FieldInfo> &DatasetReader::fields() const { return d->fields; }
size_t DatasetReader::elementSize() const { return d->plan.formatter->elementSize(); }
const H5FilePtr &DatasetReader::file() const { return d->file; }
ValueParser DatasetReader::valueParser() const { return ValueParser(d->plan.formatter); }

Result<DatasetReader::Private::BlockRequest> DatasetReader::Private::request(const Selection &selection,
                                                                            bool transposed, quint64 row0,
                                                                            quint64 rows, quint64 col0,
                                                                            quint64 cols) const
{
    const QString subject = QStringLiteral("\u201c%1\u201d").arg(path);
    if (shape.kind == ShapeInfo::Kind::Null)
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("This dataset has no data (null dataspace)."));

    // Map the selection's result dimensions onto dataset dimensions.
    const auto &dims = selection.dims();
    if (dims.size() != shape.dims.size())
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("The selection has %1 dimensions but the dataset %2 has %3.")
                               .arg(dims.size())
                               .arg(subject)
                               .arg(shape.dims.size()));
    std::vector<size_t> resultDims;
    for (size_t i = 0; i < dims.size(); ++i) {
        const DimSlice &s = dims[i];
        const quint64 extent = shape.dims[i];
        const quint64 stride = std::max<quint64>(s.stride, 1), block = std::max<quint64>(s.block, 1);
        const quint64 count = s.dropped ? 1 : s.count;
        if (count > 0 && (s.start >= extent || (count - 1) * stride + block > extent - s.start))
            return Error::make(ErrorCode::InvalidArgument,
                               QStringLiteral("The selection reaches outside the dataset %1 in dimension %2.")
                                   .arg(subject)
                                   .arg(i));
        if (!s.dropped)
            resultDims.push_back(i);
    }
    if (resultDims.size() > 2)
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("The selection has %1 dimensions; a table shows at most two. Fix the "
                                          "others with an index, for example [0, :, :].")
                               .arg(resultDims.size()));
    auto extentOf = [&](size_t k) {
        const DimSlice &s = dims[resultDims[k]];
        return s.count * std::max<quint64>(s.block, 1);
    };
    const size_t rank = resultDims.size();
    quint64 totalRows = 1, totalCols = 1;
    if (rank == 1)
        (transposed ? totalCols : totalRows) = extentOf(0);
    else if (rank == 2) {
        totalRows = extentOf(transposed ? 1 : 0);
        totalCols = extentOf(transposed ? 0 : 1);
    }

    BlockRequest req;
    req.rank = rank;
    req.rows = row0 < totalRows ? std::min(rows, totalRows - row0) : 0;
    req.cols = col0 < totalCols ? std::min(cols, totalCols - col0) : 0;
    const quint64 n = req.rows * req.cols;
    if (n == 0)
        return req;
    const size_t elementSize = plan.formatter->elementSize();
    if (n > kMaxBlockBytes / std::max<size_t>(elementSize, 1))
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("The requested block of %1 \u00d7 %2 values of %3 is too large to read at once.")
                               .arg(req.rows)
                               .arg(req.cols)
                               .arg(subject));

    // Result ranges per result dimension, in file order.
    std::vector<std::pair<quint64, quint64>> ranges; // (first, count)
    if (rank == 1)
        ranges.push_back(transposed ? std::pair{col0, req.cols} : std::pair{row0, req.rows});
    else if (rank == 2) {
        ranges.push_back(transposed ? std::pair{col0, req.cols} : std::pair{row0, req.rows});
        ranges.push_back(transposed ? std::pair{row0, req.rows} : std::pair{col0, req.cols});
    }
    std::vector<std::vector<Run>> &runs = req.runs;
    runs.resize(dims.size());
    for (size_t i = 0; i < dims.size(); ++i) {
        const auto it = std::find(resultDims.begin(), resultDims.end(), i);
        if (it == resultDims.end()) {
            runs[i].push_back({dims[i].start, 1, 1, 1});
        } else if (!runsFor(dims[i], ranges[size_t(it - resultDims.begin())].first,
                            ranges[size_t(it - resultDims.begin())].second, runs[i])) {
            return Error::make(ErrorCode::InvalidArgument,
                               QStringLiteral("The selection of %1 has overlapping blocks in dimension %2.")
                                   .arg(subject)
                                   .arg(i));
        }
    }
    return req;
}

Status DatasetReader::Private::spaces(const BlockRequest &req, DataspaceHandle &fileSpace, DataspaceHandle &memSpace)
{
    const std::vector<quint64> &dims = shape.dims; // the selection's have the same count
    const std::vector<std::vector<Run>> &runs = req.runs;
    const quint64 n = req.rows * req.cols;
    fileSpace.reset(H5Dget_space(current()));
    if (!fileSpace)
        return errorstack::capture(QStringLiteral("read"), path);
    if (shape.kind == ShapeInfo::Kind::Scalar) {
        memSpace.reset(H5Screate(H5S_SCALAR));
    } else {
        // A memory space of the selection's own shape when the selection is
        // one box (a single run without gaps in every dimension): HDF5 then
        // maps each chunk's part of it as a block. With a flat memory space
        // the shapes differ and HDF5 maps the selection element by element:
        // a 256 x 256 tile of a gzip dataset took ~4.5x as long as HDF5
        // needs to decompress it (bench/RESULTS.md, "Dataset grid"). Both
        // lay the values out in the same order. Strided selections are
        // mapped element by element either way, so they keep the flat space.
        std::vector<hsize_t> memDims;
        hsize_t memCount = 1;
        for (const std::vector<Run> &r : runs) {
            if (r.size() != 1 || (r[0].count > 1 && r[0].stride != r[0].block))
                break;
            memDims.push_back(r[0].count * r[0].block);
            memCount *= memDims.back();
        }
        if (memDims.size() == dims.size() && memCount == n) {
            memSpace.reset(H5Screate_simple(int(memDims.size()), memDims.data(), nullptr));
        } else {
            const hsize_t count = n;
            memSpace.reset(H5Screate_simple(1, &count, nullptr));
        }
        // Every combination of the per-dimension runs (at most 3 x 3).
        std::vector<size_t> pick(dims.size(), 0);
        bool first = true;
        for (;;) {
            std::vector<hsize_t> start(dims.size()), stride(dims.size()), cnt(dims.size()), blk(dims.size());
            for (size_t i = 0; i < dims.size(); ++i) {
                const Run &r = runs[i][pick[i]];
                start[i] = r.start;
                stride[i] = r.stride;
                cnt[i] = r.count;
                blk[i] = r.block;
            }
            if (H5Sselect_hyperslab(fileSpace.get(), first ? H5S_SELECT_SET : H5S_SELECT_OR, start.data(),
                                    stride.data(), cnt.data(), blk.data())
                < 0)
                return errorstack::capture(QStringLiteral("select values of"), path);
            first = false;
            size_t k = 0;
            while (k < dims.size() && ++pick[k] == runs[k].size())
                pick[k++] = 0;
            if (k == dims.size())
                break;
        }
    }
    return Ok{};
}

Result<DataBlockPtr> DatasetReader::readBlock(const Selection &selection, bool transposed, quint64 row0, quint64 rows,
                                              quint64 col0, quint64 cols) const
{
    auto req = d->request(selection, transposed, row0, rows, col0, cols);
    if (!req)
        return req.error();
    auto block = std::make_shared<DataBlock>();
    block->row0 = row0;
    block->col0 = col0;
    block->rows = req->rows;
    block->cols = req->cols;
    block->fields = d->plan.formatter->fieldCount();
    block->formatter = d->plan.formatter;
    const quint64 n = block->rows * block->cols;
    if (n == 0)
        return DataBlockPtr(block);
    const size_t elementSize = d->plan.formatter->elementSize();
    const size_t rank = req->rank;

    std::vector<unsigned char> buf(size_t(n) * elementSize);
    auto heap = d->plan.formatter->root().outOfLine ? std::make_shared<OwnedHeap>() : nullptr;
    {
        LibraryLock lock;
        const CrashBreadcrumb::Scope crumb(d->file->path(), d->path); // named if the library crashes on it
        DataspaceHandle fileSpace, memSpace;
        if (Status st = d->spaces(*req, fileSpace, memSpace); !st)
            return st.error();
        if (!memSpace)
            return errorstack::capture(QStringLiteral("read"), d->path);
        if (H5Dread(d->current(), d->plan.memType.get(), memSpace.get(), fileSpace.get(), H5P_DEFAULT,
                    buf.data())
            < 0) {
            const Error e = d->readError(QStringLiteral("read the dataset"));
            if (d->plan.hasVlen) // partially read vlen data is HDF5's memory
                compat::reclaimVlen(d->plan.memType.get(), memSpace.get(), buf.data());
            errorstack::clear();
            return e;
        }
        if (heap) {
            block->raw.resize(buf.size());
            const hid_t fid = fileId(*d->file);
            d->plan.formatter->makeOwned(buf.data(), block->raw.data(), size_t(n), *heap,
                                         [fid](const ValueType &t, const unsigned char *ref) {
                                             return references::resolveText(fid, t, ref);
                                         });
        }
        if (d->plan.hasVlen)
            compat::reclaimVlen(d->plan.memType.get(), memSpace.get(), buf.data());
        errorstack::clear();
    }
    if (!heap)
        block->raw = std::move(buf);
    block->heap = std::move(heap);

    // The file order is (result dim 0, result dim 1); transposed blocks want
    // result dim 1 down the rows.
    if (transposed && rank == 2 && block->rows > 1 && block->cols > 1) {
        std::vector<unsigned char> t(block->raw.size());
        const quint64 r = block->rows, c = block->cols;
        for (quint64 ci = 0; ci < c; ++ci)
            for (quint64 ri = 0; ri < r; ++ri)
                std::memcpy(&t[size_t((ri * c + ci) * elementSize)], &block->raw[size_t((ci * r + ri) * elementSize)],
                            elementSize);
        block->raw = std::move(t);
    }
    return DataBlockPtr(block);
}

Result<std::pair<quint64, quint64>> DatasetReader::readInto(const Selection &selection, quint64 row0, quint64 rows,
                                                            quint64 col0, quint64 cols, unsigned char *out,
                                                            size_t capacity) const
{
    if (d->plan.formatter->root().outOfLine || d->plan.hasVlen)
        return Error::make(ErrorCode::InvalidArgument,
                           QStringLiteral("The values of \u201c%1\u201d do not fit in a buffer of their own.").arg(d->path));
    auto req = d->request(selection, false, row0, rows, col0, cols);
    if (!req)
        return req.error();
    const quint64 n = req->rows * req->cols;
    if (n == 0)
        return std::pair{req->rows, req->cols};
    if (n > capacity / std::max<size_t>(d->plan.formatter->elementSize(), 1))
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("The buffer is too small for the block asked for."));
    LibraryLock lock;
    const CrashBreadcrumb::Scope crumb(d->file->path(), d->path); // named if the library crashes on it
    DataspaceHandle fileSpace, memSpace;
    if (Status st = d->spaces(*req, fileSpace, memSpace); !st)
        return st.error();
    if (!memSpace)
        return errorstack::capture(QStringLiteral("read"), d->path);
    if (H5Dread(d->current(), d->plan.memType.get(), memSpace.get(), fileSpace.get(), H5P_DEFAULT, out) < 0) {
        const Error e = d->readError(QStringLiteral("read the dataset"));
        errorstack::clear();
        return e;
    }
    errorstack::clear();
    return std::pair{req->rows, req->cols};
}

std::shared_ptr<const ValueFormatter> DatasetReader::formatter() const
{
    return d->plan.formatter;
}

} // namespace hs::core
