#pragma once

// Reads the storage blocks h5dump -p prints for each dataset (STORAGE_LAYOUT,
// FILTERS, FILLVALUE, ALLOCATION_TIME) out of DDL text. Values are kept as
// h5dump spelled them; the tests compare them with what Hyperslab reports.

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace hs::tests {

struct DdlFilter
{
    QString kind;     // DEFLATE, SHUFFLE, FLETCHER32, SZIP, NBIT, SCALEOFFSET, USER_DEFINED
    int id = 0;       // the HDF5 filter id (built-in ones from the kind)
    QString comment;  // USER_DEFINED: COMMENT (the filter's name in the file)
    QStringList params; // USER_DEFINED: PARAMS as printed (signed), "XXXX" where the .ddl masks one
    QMap<QString, QString> fields; // LEVEL, MIN BITS, PIXELS_PER_BLOCK, CODING, BYTE_ORDER, HEADER
};

struct DdlSelection
{
    QString kind;     // ALL, REGULAR_HYPERSLAB, or what h5dump printed
    QMap<QString, QStringList> parameters; // START, STRIDE, COUNT, BLOCK: one entry per dimension
};

struct DdlMapping
{
    DdlSelection virtualSelection;
    QString sourceFile;
    QString sourceDataset;
    DdlSelection sourceSelection;
};

struct DdlStorage
{
    QString layout;        // CONTIGUOUS, CHUNKED, COMPACT, VIRTUAL (MAPPING blocks)
    QStringList chunkDims; // CHUNKED ( 4, 8 )
    QString size;          // SIZE value ("4863", "XXX" when masked); empty when not printed
    QString ratio;         // "1.685" of "(1.685:1 COMPRESSION)"; empty when not printed
    bool filtersPrinted = false;
    QList<DdlFilter> filters; // empty with filtersPrinted: NONE
    QString fillTime;      // H5D_FILL_TIME_IFSET, ...
    QString fillValue;     // H5D_FILL_VALUE_DEFAULT, H5D_FILL_VALUE_UNDEFINED, or the value, one line
    QString allocTime;     // H5D_ALLOC_TIME_LATE, ...
    QList<DdlMapping> mappings;
    QStringList problems;  // lines the parser did not understand
};

// Every dataset that has a STORAGE_LAYOUT block, by absolute path.
QMap<QString, DdlStorage> parseDdlStorage(const QByteArray &text);

} // namespace hs::tests
