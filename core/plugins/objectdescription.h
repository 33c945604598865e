#pragma once

#include "hyperslab/objectinfo.h"
#include "hyperslabcore_export.h"
#include "model/error.h"
#include "services/h5file.h"

#include <QStringList>

#include <vector>

namespace hs::core {

// What a viewer plugin may know about any object of a file (a group's viewer
// reads its members through these). Each reads a little under the library
// lock: call on a worker thread.

// The object at `path` (type, shape, attributes; no head), and for a group
// the names of its first `maxMembers` members into `members`.
HYPERSLABCORE_EXPORT Result<hyperslab::ObjectInfo> describeObject(const H5FilePtr &file, const QString &path,
                                                                  QStringList *members = nullptr,
                                                                  quint64 maxMembers = 1000);

// The numeric values (integers, floats) of a strided selection of the dataset
// at `path` as doubles in C order. At most `maxElements` are read: a larger
// selection is an error, never a silent truncation.
HYPERSLABCORE_EXPORT Result<std::vector<double>> readNumbers(const H5FilePtr &file, const QString &path,
                                                             const std::vector<quint64> &start,
                                                             const std::vector<quint64> &stride,
                                                             const std::vector<quint64> &count,
                                                             quint64 maxElements = quint64(1) << 22);

// `path` made absolute against `base` ("a/b" under "/g" is "/g/a/b").
HYPERSLABCORE_EXPORT QString resolveObjectPath(const QString &base, const QString &path);

} // namespace hs::core
