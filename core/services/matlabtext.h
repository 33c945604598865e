#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "services/h5file.h"

#include <QStringList>

#include <optional>
#include <vector>

namespace hs::core {

// A MATLAB char array (MATLAB_class "char" in a v7.3 MAT-file) as MATLAB
// shows it. MATLAB stores arrays column by column, so HDF5 sees the
// dimensions reversed: a 1x11 char is an 11 x 1 uint16 dataset, and row i of
// an R x C char matrix is element i of every HDF5 row. Codes are UTF-16 code
// units (MATLAB_int_decode 2).
struct HYPERSLABCORE_EXPORT MatlabText
{
    std::vector<quint64> matlabShape; // as MATLAB gives its size: rows, columns, pages...
    bool empty = false;               // MATLAB_empty: '' or zeros(0, n) char
    QStringList rows;                 // the strings, page after page
    QStringList pageLabels;           // for 3-D and more: "(:,:,1)" ... one per page, else empty
    int rowsPerPage = 0;
    bool truncated = false;           // more characters than were read
    QString shapeText() const;        // "1×11"
};

// Whether the dataset at `path` is a MATLAB char array and, if so, its text,
// reading at most `maxChars` characters (the first columns of every string
// when there are more). Nothing when it is not one. Takes the library lock.
HYPERSLABCORE_EXPORT Result<std::optional<MatlabText>> readMatlabText(const H5FilePtr &file, const QString &path,
                                                                      qint64 maxChars = qint64(1) << 20);

} // namespace hs::core
