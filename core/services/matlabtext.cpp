#include "services/matlabtext.h"

#include "hdf5/datasetaccess.h"
#include "hdf5/errorstack.h"
#include "hdf5/handle.h"
#include "model/names.h"
#include "hdf5/stringattribute.h"
#include "services/h5file_p.h"

#include <QStringBuilder>

#include <algorithm>
#include <limits>

namespace hs::core {

QString MatlabText::shapeText() const
{
    QStringList parts;
    for (quint64 d : matlabShape)
        parts << QString::number(d);
    return parts.join(QChar(0x00d7));
}

namespace {

// MATLAB's own display of a page index: "(:,:,2)" or "(:,:,1,3)", 1-based.
QString pageLabel(quint64 page, const std::vector<quint64> &matlabShape)
{
    QString label = QStringLiteral("(:,:");
    for (size_t d = 2; d < matlabShape.size(); ++d) {
        const quint64 extent = std::max<quint64>(matlabShape[d], 1);
        label += QLatin1Char(',') % QString::number(page % extent + 1);
        page /= extent;
    }
    return label + QLatin1Char(')');
}

// Integer attribute `name` as a number, `fallback` when it is missing or not
// a scalar integer. Lock held.
long long integerAttribute(hid_t obj, const char *name, long long fallback)
{
    AttributeHandle attr = stringattribute::openAttribute(obj, name);
    if (!attr)
        return fallback;
    DatatypeHandle type(H5Aget_type(attr.get()));
    DataspaceHandle space(H5Aget_space(attr.get()));
    if (!type || !space || H5Tget_class(type.get()) != H5T_INTEGER || stringattribute::elementCount(space.get()) != 1)
        return fallback;
    long long v = fallback;
    return H5Aread(attr.get(), H5T_NATIVE_LLONG, &v) >= 0 ? v : fallback;
}

} // namespace

Result<std::optional<MatlabText>> readMatlabText(const H5FilePtr &file, const QString &path, qint64 maxChars)
{
    LibraryLock lock;
    const QByteArray p = names::encode(path);
    DatasetHandle ds(openDataset(fileId(*file), p.constData()));
    if (!ds)
        return errorstack::capture(QStringLiteral("open the dataset"), path);
    if (stringattribute::readString(ds.get(), "MATLAB_class") != QLatin1String("char")) {
        errorstack::clear();
        return std::optional<MatlabText>();
    }
    DatatypeHandle type(H5Dget_type(ds.get()));
    DataspaceHandle space(H5Dget_space(ds.get()));
    const int rank = space ? H5Sget_simple_extent_ndims(space.get()) : -1;
    if (rank < 1 || rank > 32) {
        errorstack::clear();
        return std::optional<MatlabText>();
    }
    std::vector<hsize_t> dims(size_t(rank), 0);
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);

    MatlabText text;
    if (integerAttribute(ds.get(), "MATLAB_empty", 0) != 0) {
        // The dataset holds the empty array's MATLAB size instead of data.
        text.empty = true;
        const hsize_t n = dims[0];
        if (rank == 1 && n <= 32) {
            std::vector<unsigned long long> size(n, 0);
            if (n > 0 && H5Dread(ds.get(), H5T_NATIVE_ULLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, size.data()) >= 0)
                text.matlabShape.assign(size.begin(), size.end());
        }
        errorstack::clear();
        return std::optional<MatlabText>(std::move(text));
    }

    if (!type || H5Tget_class(type.get()) != H5T_INTEGER || H5Tget_size(type.get()) > 2) {
        errorstack::clear();
        return std::optional<MatlabText>(); // not what MATLAB writes for char: leave it to the grid
    }

    // HDF5 dims reversed are MATLAB's: rows are the last HDF5 dimension.
    text.matlabShape.assign(dims.rbegin(), dims.rend());
    if (rank == 1)
        text.matlabShape = {1, dims[0]};
    const hsize_t rows = rank == 1 ? 1 : dims[size_t(rank) - 1];
    const hsize_t cols = rank == 1 ? dims[0] : dims[size_t(rank) - 2];
    hsize_t pages = 1;
    for (int d = 0; d + 2 < rank; ++d)
        pages *= dims[size_t(d)];
    text.rowsPerPage = int(std::min<hsize_t>(rows, hsize_t(std::numeric_limits<int>::max())));

    qint64 budget = std::max<qint64>(maxChars, 0);
    std::vector<hsize_t> start(size_t(rank), 0), count(dims);
    for (hsize_t page = 0; page < pages && rows > 0 && cols > 0; ++page) {
        if (budget < qint64(rows)) { // not even one character of every row
            text.truncated = true;
            break;
        }
        const hsize_t readCols = std::min<hsize_t>(cols, hsize_t(budget) / rows);
        text.truncated |= readCols < cols;
        // This page's hyperslab: one index in each leading HDF5 dimension.
        hsize_t rest = page;
        for (int d = rank - 3; d >= 0; --d) {
            start[size_t(d)] = rest % dims[size_t(d)];
            rest /= dims[size_t(d)];
            count[size_t(d)] = 1;
        }
        if (rank >= 2)
            count[size_t(rank) - 2] = readCols;
        else
            count[0] = readCols;
        std::vector<char16_t> codes(static_cast<size_t>(readCols * rows));
        DataspaceHandle fileSpace(H5Scopy(space.get()));
        const hsize_t memDims[1] = {hsize_t(codes.size())};
        DataspaceHandle memSpace(H5Screate_simple(1, memDims, nullptr));
        if (!fileSpace || !memSpace
            || H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr) < 0
            || H5Dread(ds.get(), H5T_NATIVE_UINT16, memSpace.get(), fileSpace.get(), H5P_DEFAULT, codes.data()) < 0)
            return errorstack::capture(QStringLiteral("read the text of"), path);
        // Row i of the page is element i of every HDF5 row (column-major).
        std::vector<char16_t> row(static_cast<size_t>(readCols));
        for (hsize_t i = 0; i < rows; ++i) {
            for (hsize_t j = 0; j < readCols; ++j)
                row[size_t(j)] = codes[size_t(j * rows + i)];
            text.rows << QString::fromUtf16(row.data(), qsizetype(row.size()));
        }
        if (rank > 2)
            text.pageLabels << pageLabel(page, text.matlabShape);
        budget -= qint64(readCols * rows);
    }
    errorstack::clear();
    return std::optional<MatlabText>(std::move(text));
}

} // namespace hs::core
