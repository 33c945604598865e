#pragma once

// CsvExporter's test, one class in several files by topic:
// tst_csvexporter.cpp (the values as CSV text), tst_csvexporter_selection.cpp
// (selections, layouts and higher ranks) and tst_csvexporter_files.cpp (what
// a written, cancelled or failed export leaves on disk).

#include "exportfixture.h"
#include "services/csvexporter.h"
#include "services/datasetreader.h"
#include "services/h5file.h"

#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <string>

namespace hs::test::csv {

inline std::string s(const char *t) { return t; }

inline double parseDouble(const std::string &t)
{
    double v = 0;
    const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (r.ec != std::errc() || r.ptr != t.data() + t.size())
        return std::strtod(t.c_str(), nullptr); // "inf", "nan" spellings from_chars may not take
    return v;
}

inline bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
inline bool sameBits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

} // namespace hs::test::csv

class TestCsvExporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void integers();
    void unsigned64();
    void floatsRoundTrip();
    void singlesRoundTrip();
    void floatStyles();
    void strings_data();
    void strings();
    void fixedStrings();
    void compoundColumns();
    void compound2d();
    void rank1Select();
    void rank2Select_data();
    void rank2Select();
    void transposed();
    void transposedBelowRank2();
    void indexColumns();
    void headerOff();
    void crlf();
    void scalar();
    void emptySelection();
    void blockSizesGiveSameOutput_data();
    void blockSizesGiveSameOutput();
    void progress();
    void higherRanksAsLines();
    void higherRanksAsSlices();
    void higherRanksStreamAndCancel();
    void manySmallSlicesAreReadInBatches_data();
    void manySmallSlicesAreReadInBatches();
    void nonUtf8Strings();
    void nonUtf8Names();
    void badDelimiter();
    void staleSelection();
    void cellQuoting();

    void fileWritten();
    void cancelLeavesNoFile();
    void cancelKeepsExistingFile();
    void failureLeavesNoFile();
    void unwritableDirectory();

private:
    hs::core::DatasetReaderPtr open(const char *path);
    // Exports `select` of `path` to a string; fails the test on error.
    std::string exportText(const char *path, const QString &select = {}, hs::core::CsvOptions options = {});
    hs::test::exportfx::Table exportTable(const char *path, const QString &select = {}, hs::core::CsvOptions options = {});

    QTemporaryDir m_dir;
    QString m_file;
    hs::core::H5FilePtr m_h5;
};

