#pragma once

// DatasetReader's test, one class in several files by topic:
// tst_datasetreader.cpp (the file every test reads, written with the HDF5 C
// API), tst_datasetreader_shapes.cpp (layouts, ranks, selections),
// tst_datasetreader_types.cpp (values of every type class) and
// tst_datasetreader_limits.cpp (missing filters, size limits, concurrency).

#include "hdf5/librarylock.h"
#include "hdf5/valueformatter.h"
#include "services/datasetreader.h"

#include <QtTest>

#include <hdf5.h>

#include <initializer_list>
#include <string>
#include <vector>

namespace hs::test::reader {

using namespace hs::core;

inline constexpr hsize_t kRows = 37, kCols = 23;

inline int valueAt(hsize_t r, hsize_t c) { return int(r * 1000 + c) * (((r + c) % 3 == 0) ? -1 : 1); }

// Writes `data` of `memType` as dataset `name` with the given file type,
// space and creation properties; closes everything it opens.
inline void write(hid_t file, const char *name, hid_t fileType, hid_t space, hid_t dcpl, hid_t memType, const void *data)
{
    const hid_t d = H5Dcreate2(file, name, fileType, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    QVERIFY(d >= 0);
    if (data)
        QVERIFY(H5Dwrite(d, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) >= 0);
    H5Dclose(d);
}

inline hid_t simpleSpace(std::initializer_list<hsize_t> dims)
{
    std::vector<hsize_t> d(dims);
    return H5Screate_simple(int(d.size()), d.data(), nullptr);
}

inline QString cell(const DataBlockPtr &b, quint64 r, quint64 c, int f = 0, const FormatOptions &o = {})
{
    return b->cellText(r, c, f, o);
}

} // namespace hs::test::reader

class TestDatasetReader : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    hs::core::H5FilePtr m_file;

    hs::core::Result<hs::core::DatasetReaderPtr> open(const QString &name) { return hs::core::DatasetReader::open(m_file, name); }

    hs::core::DatasetReaderPtr mustOpen(const QString &name)
    {
        auto r = open(name);
        if (!r)
            qWarning() << r.error().message << r.error().detail;
        return r ? r.value() : nullptr;
    }

    static std::string readAllText(const hs::core::DatasetReader &reader, const hs::core::Selection &sel)
    {
        auto b = reader.readBlock(sel, false, 0, 1000, 0, 1000);
        if (!b)
            return "ERROR: " + b.error().message.toStdString();
        std::string out;
        for (quint64 r = 0; r < (*b)->rows; ++r)
            for (quint64 c = 0; c < (*b)->cols; ++c)
                for (int f = 0; f < (*b)->fields; ++f) {
                    if (!out.empty())
                        out += " | ";
                    (*b)->appendUtf8(r, c, f, {}, out);
                }
        return out;
    }

private slots:
    void initTestCase();
    void cleanupTestCase();
    void layouts_data();
    void layouts();
    void blockPastTheEnd();
    void hexOption();
    void fillValue();
    void scalarAndNull();
    void fourDimensional();
    void oneDimensional();
    void hyperslabBlocks();
    void selectionOutside();
    void values_data();
    void values();
    void fieldTypes();
    void blocksOwnTheirData();
    void missingFilter();
    void tooLargeBlock();
    void bigChunksAreDecodedOnce();
    void nonUtf8Name();
    void concurrentReads();
    void readIntoMatchesReadBlock_data();
    void readIntoMatchesReadBlock();
    void readIntoRefusals();
};
