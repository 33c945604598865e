#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "model/formatoptions.h"
#include "model/selection.h"
#include "services/datasetreader.h"

#include <QString>

#include <atomic>
#include <functional>

class QIODevice;

namespace hs::core {

struct CsvOptions
{
    QString delimiter = QStringLiteral(","); // one or more characters; no quote, CR or LF
    bool header = true;        // first line names the columns
    bool indexColumns = false; // leading column with the dataset index of each row
    bool crlf = false;         // RFC 4180 line ends ("\r\n") instead of "\n"
    // Rank-2 results only: result dimension 0 runs across columns (as a
    // transposed grid shows it).
    bool transposed = false;
    // Value text. Arrays and sequences are always written whole
    // (maxArrayElements is ignored).
    FormatOptions format;
    // Strings that are not valid UTF-8 (Latin-1 "µ" = 0xB5 in many instrument
    // files): decoded as Latin-1 (written as UTF-8), or their raw bytes.
    // Never escaped as the grid shows them (format.nonUtf8 is ignored).
    FormatOptions::NonUtf8 nonUtf8Strings = FormatOptions::NonUtf8::Latin1;
    // Results of more than two dimensions (shape a x b x ... x m x n):
    // Lines (as NumPy's reshape(-1, n)): one line per combination of the
    // leading indices, those dataset indices first ("dim0,dim1,..."), then the
    // n values. Slices: the m x n slices one after another, separated by a
    // blank line, each under a line naming it ("cube[0, :, :]") and its own
    // header; the index column as `indexColumns` says.
    enum class NdLayout { Lines, Slices };
    NdLayout ndLayout = NdLayout::Lines;

    bool operator==(const CsvOptions &) const = default;
};

// What the export dialog produces and the caller runs (GUI: ExportController
// as a background job; CLI: directly).
struct ExportRequest
{
    QString outputPath;  // the CSV file to write
    QString datasetPath; // object path in the file, for messages
    Selection selection; // over the dataset's shape; any rank (see CsvOptions::ndLayout)
    CsvOptions options;
    // "csv" (CsvExporter, with `options`), or the formatName() of an exporter
    // plugin (PluginRegistry), which ignores `options`.
    QString format = QStringLiteral("csv");

    bool operator==(const ExportRequest &) const = default;
};

// Writes a selection of a dataset as CSV, streaming block by block so memory
// stays bounded whatever the size.
//
// Layout: one line per row of the 2-D result (rank 0 is one row, rank 1 one row
// per element; higher ranks as CsvOptions::ndLayout says). Every element gives one column per field (compound leaves,
// named by their field path); rank-2 results repeat that for every column,
// named "<field or dataset name>[<dataset index>]". Strings are quoted per
// RFC 4180 when they hold the delimiter, a quote, CR or LF; UTF-8 is kept.
//
// Threading: call from one thread (normally a job's pool thread). readBlock
// takes the LibraryLock per block; the progress callback runs between blocks,
// never with the lock held.
class HYPERSLABCORE_EXPORT CsvExporter
{
public:
    CsvExporter(DatasetReaderPtr reader, Selection selection, CsvOptions options);

    // Checked between blocks; a set flag ends the export with ErrorCode::Cancelled.
    void setCancelFlag(const std::atomic_bool *flag) { m_cancel = flag; }
    // (rows written, total rows), after every block.
    void setProgressCallback(std::function<void(quint64, quint64)> fn) { m_progress = std::move(fn); }
    // Bound on the raw bytes of one block read (tests make it small).
    void setBlockBytes(size_t bytes) { m_blockBytes = bytes; }

    // Checks the selection and options without reading anything.
    Status validate() const;
    // The parts of validate() that need no dataset (the export dialog uses them).
    static Status validateOptions(const CsvOptions &options);
    quint64 totalRows() const; // lines of values (rows of every slice)

    // Writes to an open device. On failure or cancellation part of the CSV may
    // already have been written.
    Status write(QIODevice &device);
    // Writes to `path` through a QSaveFile: the file appears (or is replaced)
    // only when the whole export succeeded; otherwise nothing is touched.
    Status writeFile(const QString &path);

    // RFC 4180 quoting of one cell, as written (exposed for tests and headers).
    static void appendCell(std::string_view text, std::string_view delimiter, std::string &out);

private:
    DatasetReaderPtr m_reader;
    Selection m_selection;
    CsvOptions m_options;
    const std::atomic_bool *m_cancel = nullptr;
    std::function<void(quint64, quint64)> m_progress;
    size_t m_blockBytes = size_t(8) << 20;
};

} // namespace hs::core
