#pragma once

#include "hyperslab/objectinfo.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace hyperslab::npy {

// The NumPy dtype of an element as the `descr` of a .npy header (Python
// literal text: "'<f8'", "[('x', '<i4'), ('', '|V4'), ('v', '<f8', (3,))]").
// Top-level arrays are not dtypes: their dimensions go to the shape
// (extraDims). Empty, with `why`, when NumPy has no dtype for it.
QString descr(const ElementLayout &element, std::vector<quint64> *extraDims, QString *why);

// The whole header: magic, version (1.0; 2.0 when the header is longer than
// 65535 bytes; 3.0 when it needs UTF-8), length, and the dict padded with
// spaces to a multiple of 64 bytes, ending in '\n'.
QByteArray header(const QString &descr, const std::vector<quint64> &shape);

// Reads a header back (tests, and anyone checking a file): descr, shape and
// where the data starts. False when it is not a .npy header.
struct ParsedHeader
{
    int major = 0, minor = 0;
    QString descr;
    bool fortranOrder = true;
    std::vector<quint64> shape;
    qsizetype dataOffset = 0;
};
bool parseHeader(const QByteArray &file, ParsedHeader *out);

} // namespace hyperslab::npy
