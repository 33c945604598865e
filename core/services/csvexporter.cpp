#include "services/csvexporter.h"

#include "model/names.h"
#include "hdf5/valueformatter.h"
#include <QIODevice>
#include <QSaveFile>
#include <QStringList>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace hs::core {

namespace {

constexpr size_t kFlushBytes = size_t(1) << 20;  // write the buffer in 1 MiB pieces
constexpr quint64 kMaxBlockElements = 1u << 20; // bounds preformatted (text) blocks too

Error invalid(const QString &message) { return Error::make(ErrorCode::InvalidArgument, message); }

QString shapeText(const std::vector<quint64> &shape)
{
    QStringList parts;
    for (quint64 d : shape)
        parts << QString::number(d);
    return parts.join(QStringLiteral(" x "));
}

void appendNumber(quint64 v, std::string &out)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

bool needsQuotes(std::string_view s, std::string_view delimiter)
{
    if (delimiter.size() == 1) {
        const char d = delimiter[0];
        for (char c : s)
            if (c == '"' || c == '\n' || c == '\r' || c == d)
                return true;
        return false;
    }
    for (char c : s)
        if (c == '"' || c == '\n' || c == '\r')
            return true;
    return s.find(delimiter) != std::string_view::npos;
}

// Quotes out[pos...] in place (RFC 4180: surround with quotes, double the quotes).
void quoteTail(std::string &out, size_t pos)
{
    const std::string text = out.substr(pos);
    out.resize(pos);
    out.push_back('"');
    for (char c : text) {
        if (c == '"')
            out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

// Numbers never hold a quote or a line break; they can only collide with a
// delimiter made of the characters numbers are written with.
bool numbersMayCollide(std::string_view delimiter)
{
    for (char c : delimiter)
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || c == '+')
            return true;
    return false;
}

enum class Plain { No, Float64, Float32 };

// The 2-D shape being written (of every slice, for higher ranks) and the
// dataset dimensions behind it.
struct Layout
{
    quint64 rows = 0, cols = 0;
    int rowDim = -1; // dataset dimension behind the rows; -1 for a single element
    int colDim = -1; // rank-2 results only
};

Layout layoutOf(const Selection &sel, bool transposed, bool nullSpace)
{
    Layout l;
    const std::vector<quint64> shape = sel.resultShape();
    switch (shape.size()) {
    case 0:
        l.rows = l.cols = 1;
        break;
    case 1:
        l.rows = shape[0];
        l.cols = 1;
        l.rowDim = sel.datasetDimOf(0);
        break;
    default: {
        // Rank 2, or the slices over the last two dimensions of higher ranks.
        const int a = int(shape.size()) - 2, b = a + 1;
        l.rows = shape[size_t(transposed ? b : a)];
        l.cols = shape[size_t(transposed ? a : b)];
        l.rowDim = sel.datasetDimOf(transposed ? b : a);
        l.colDim = sel.datasetDimOf(transposed ? a : b);
        break;
    }
    }
    if (nullSpace)
        l.rows = 0;
    return l;
}

// A name as the CSV carries it: the bytes of a name that is not UTF-8 as
// Latin-1 text or as they are, like the values (never the screen's \xb5).
std::string headerText(const QString &name, FormatOptions::NonUtf8 strings)
{
    if (strings == FormatOptions::NonUtf8::Raw) {
        const QByteArray bytes = names::encode(name);
        return std::string(bytes.constData(), size_t(bytes.size()));
    }
    QString text = name;
    for (qsizetype i = 0; i < text.size(); ++i)
        if (names::detail::isEscapedByte(text, i))
            text[i] = QChar(char16_t(text[i].unicode() - 0xDC00));
    return text.toStdString();
}

QString lastComponent(const QString &path)
{
    const QString name = path.section(QLatin1Char('/'), -1);
    return name.isEmpty() ? QStringLiteral("value") : name;
}

} // namespace

CsvExporter::CsvExporter(DatasetReaderPtr reader, Selection selection, CsvOptions options)
    : m_reader(std::move(reader)), m_selection(std::move(selection)), m_options(std::move(options))
{
    m_options.format.maxArrayElements = 0;
    // A CSV carries the text itself, never the screen's \xb5 escapes.
    m_options.format.nonUtf8 = m_options.nonUtf8Strings == FormatOptions::NonUtf8::Raw ? FormatOptions::NonUtf8::Raw
                                                                                         : FormatOptions::NonUtf8::Latin1;
}

void CsvExporter::appendCell(std::string_view text, std::string_view delimiter, std::string &out)
{
    const size_t pos = out.size();
    out.append(text);
    if (needsQuotes(text, delimiter))
        quoteTail(out, pos);
}

Status CsvExporter::validateOptions(const CsvOptions &options)
{
    const QString &d = options.delimiter;
    if (d.isEmpty())
        return invalid(QStringLiteral("The delimiter is empty; choose a character such as a comma, a tab or a semicolon."));
    if (d.contains(QLatin1Char('"')) || d.contains(QLatin1Char('\r')) || d.contains(QLatin1Char('\n')))
        return invalid(QStringLiteral("The delimiter may not contain a double quote or a line break."));
    return Ok{};
}

Status CsvExporter::validate() const
{
    if (!m_reader)
        return Error::make(ErrorCode::Internal, QStringLiteral("No dataset to export."));
    if (Status st = validateOptions(m_options); !st)
        return st;
    const ShapeInfo &shape = m_reader->shape();
    const std::vector<quint64> dims = shape.kind == ShapeInfo::Kind::Simple ? shape.dims : std::vector<quint64>{};
    if (m_selection.datasetShape() != dims)
        return invalid(QStringLiteral("The selection was made for shape %1, but %2 has shape %3; make the selection again.")
                           .arg(m_selection.datasetShape().empty() ? QStringLiteral("scalar") : shapeText(m_selection.datasetShape()),
                                m_reader->path(), shape.text()));
    return Ok{};
}

quint64 CsvExporter::totalRows() const
{
    if (!m_reader)
        return 0;
    if (m_reader->shape().kind == ShapeInfo::Kind::Null)
        return 0;
    const std::vector<quint64> shape = m_selection.resultShape();
    if (shape.size() <= 2)
        return layoutOf(m_selection, m_options.transposed, false).rows;
    // Lines or slices, the same rows of values: every index but the last.
    quint64 rows = 1;
    for (size_t k = 0; k + 1 < shape.size(); ++k)
        rows *= shape[k];
    return rows;
}

Status CsvExporter::write(QIODevice &device)
{
    if (Status st = validate(); !st)
        return st;

    const int rank = m_selection.resultRank();
    const bool nd = rank > 2;
    const bool slices = nd && m_options.ndLayout == CsvOptions::NdLayout::Slices;
    const Layout layout = layoutOf(m_selection, m_options.transposed && !nd, m_reader->shape().kind == ShapeInfo::Kind::Null);
    const bool transposed = m_options.transposed && layout.colDim >= 0 && !nd; // only rank 2 has an orientation
    const std::vector<FieldInfo> &fields = m_reader->fields();
    const int nFields = int(fields.size());
    const bool rank2 = layout.colDim >= 0;
    // N-D lines always lead with every index but the last: they are the point.
    const bool index = nd ? !slices || m_options.indexColumns : m_options.indexColumns && layout.rowDim >= 0;
    const int leading = nd && !slices ? rank - 2 : 0; // outer index columns before the row's own
    const quint64 cellsPerLine = quint64(leading) + (index ? 1 : 0) + layout.cols * quint64(nFields);
    const QByteArray delimBytes = m_options.delimiter.toUtf8();
    const std::string_view delim(delimBytes.constData(), size_t(delimBytes.size()));
    const std::string_view eol = m_options.crlf ? std::string_view("\r\n") : std::string_view("\n");
    const FormatOptions &fmt = m_options.format;
    const QString plainName = lastComponent(m_reader->path());

    // Fields whose text may need quoting (anything but plain numbers).
    const bool numbersCollide = numbersMayCollide(delim);
    std::vector<char> scan(size_t(nFields), 1);
    for (int f = 0; f < nFields; ++f) {
        const QString &cls = fields[size_t(f)].type.typeClass;
        const bool numeric = cls == QLatin1String("integer") || cls == QLatin1String("float") || cls == QLatin1String("bitfield");
        scan[size_t(f)] = !numeric || numbersCollide;
    }

    std::string out;
    out.reserve(kFlushBytes + (size_t(64) << 10));
    auto flush = [&](bool force) -> Status {
        if (out.empty() || (!force && out.size() < kFlushBytes))
            return Ok{};
        if (device.write(out.data(), qint64(out.size())) != qint64(out.size()))
            return Error::make(ErrorCode::Internal, QStringLiteral("Writing the CSV failed: %1.").arg(device.errorString()));
        out.clear();
        return Ok{};
    };
    auto cancelled = [this] { return m_cancel && m_cancel->load(std::memory_order_relaxed); };
    const Error cancelError = Error::make(ErrorCode::Cancelled, QStringLiteral("The export was cancelled."));
    auto endLine = [&] {
        out.resize(out.size() - delim.size()); // the delimiter after the last cell
        out.append(eol);
    };

    if (cellsPerLine == 0)
        return Ok{}; // nothing to write, not even a header

    // The line of column names: the index columns (named after their dataset
    // dimensions), then one column per field of every element of a row.
    auto appendHeader = [&]() -> Status {
        for (int k = 0; k < leading; ++k) {
            appendCell(QStringLiteral("dim%1").arg(m_selection.datasetDimOf(k)).toStdString(), delim, out);
            out.append(delim);
        }
        if (index) {
            appendCell(QStringLiteral("dim%1").arg(layout.rowDim).toStdString(), delim, out);
            out.append(delim);
        }
        for (quint64 c = 0; c < layout.cols; ++c) {
            for (int f = 0; f < nFields; ++f) {
                QString name = fields[size_t(f)].name.isEmpty() ? plainName : fields[size_t(f)].name;
                if (rank2)
                    name += QStringLiteral("[%1]").arg(m_selection.dims()[size_t(layout.colDim)].datasetIndex(c));
                appendCell(headerText(name, fmt.nonUtf8), delim, out);
                out.append(delim);
            }
            if (Status st = flush(false); !st)
                return st;
        }
        endLine();
        return Ok{};
    };

    // Plain floats, the bulk of scientific data, are formatted straight from
    // the block's bytes: the same text as DataBlock::appendUtf8 gives, without
    // its per-cell dispatch.
    auto plainKind = [&](const DataBlock &b) {
        if (nFields != 1 || numbersCollide || !b.text.empty() || !b.formatter)
            return Plain::No;
        const ValueType &t = b.formatter->root();
        if (t.kind != ValueType::Kind::Float || t.sourceMantissaBits > 0 || b.raw.size() < b.rows * b.cols * t.size)
            return Plain::No;
        return t.size == sizeof(double) ? Plain::Float64 : t.size == sizeof(float) ? Plain::Float32 : Plain::No;
    };
    const bool singleByteDelimiter = delim.size() == 1;
    auto appendDelimiter = [&] {
        if (singleByteDelimiter)
            out.push_back(delim[0]);
        else
            out.append(delim);
    };
    // Columns [0, nc) of row r of the block, each followed by the delimiter.
    auto appendCells = [&](const DataBlock &b, Plain plain, quint64 r, quint64 nc) {
        if (plain == Plain::Float64) {
            const unsigned char *p = b.raw.data() + size_t(r * b.cols) * sizeof(double);
            for (quint64 c = 0; c < nc; ++c, p += sizeof(double)) {
                double v;
                std::memcpy(&v, p, sizeof v);
                valuetext::appendDouble(v, fmt, out);
                appendDelimiter();
            }
            return;
        }
        if (plain == Plain::Float32) {
            const unsigned char *p = b.raw.data() + size_t(r * b.cols) * sizeof(float);
            for (quint64 c = 0; c < nc; ++c, p += sizeof(float)) {
                float v;
                std::memcpy(&v, p, sizeof v);
                valuetext::appendFloat(v, fmt, out);
                appendDelimiter();
            }
            return;
        }
        for (quint64 c = 0; c < nc; ++c) {
            for (int f = 0; f < nFields; ++f) {
                const size_t pos = out.size();
                b.appendUtf8(r, c, f, fmt, out);
                if (scan[size_t(f)]) {
                    if (needsQuotes(std::string_view(out).substr(pos), delim))
                        quoteTail(out, pos);
                    else if (pos == out.size() && cellsPerLine == 1)
                        out.append("\"\""); // an empty line would be no row at all
                }
                appendDelimiter();
            }
        }
    };

    // Every row of a selection of result rank <= 2 (`sel`, shaped as `layout`
    // says), each line starting with `prefix` (cells with their delimiters)
    // and, with `index`, the dataset index of its row. `done` rows of `total`
    // were written before (progress).
    const quint64 total = totalRows();
    auto writeRows = [&](const Selection &sel, const std::string &prefix, quint64 done) -> Status {
        const DimSlice *rowSlice = layout.rowDim >= 0 ? &sel.dims()[size_t(layout.rowDim)] : nullptr;
        auto startLine = [&](quint64 r) {
            out.append(prefix);
            if (index && rowSlice) {
                appendNumber(rowSlice->datasetIndex(r), out);
                appendDelimiter();
            }
        };
        if (layout.cols == 0) { // rank 2 with no columns: only the indices are left
            for (quint64 r = 0; r < layout.rows; ++r) {
                startLine(r);
                endLine();
                if (Status st = flush(false); !st)
                    return st;
            }
            return Ok{};
        }
        // Block shape: whole rows (chunk-aligned when the rows run along a
        // chunked dimension with step 1), or pieces of one row when a row
        // alone is too big.
        const size_t elementSize = std::max<size_t>(m_reader->elementSize(), 1);
        const quint64 blockElements = std::clamp<quint64>(m_blockBytes / elementSize, 1, kMaxBlockElements);
        quint64 rowsPerBlock = 1, colsPerBlock = layout.cols;
        if (layout.cols <= blockElements)
            rowsPerBlock = std::max<quint64>(1, blockElements / std::max<quint64>(layout.cols, 1));
        else
            colsPerBlock = blockElements;
        quint64 alignStart = 0; // dataset index of result row 0 along a chunked row dimension
        const std::vector<quint64> chunk = m_reader->chunkShape();
        if (rowSlice && size_t(layout.rowDim) < chunk.size()) {
            const quint64 chunkRows = chunk[size_t(layout.rowDim)];
            if (rowSlice->stride == 1 && rowSlice->block == 1 && chunkRows > 0 && rowsPerBlock >= chunkRows) {
                rowsPerBlock -= rowsPerBlock % chunkRows;
                alignStart = rowSlice->start % chunkRows;
            }
        }
        quint64 row = 0;
        while (row < layout.rows) {
            if (cancelled())
                return cancelError;
            // Ends blocks on chunk boundaries: the first block is shortened by the misalignment.
            const quint64 end = std::min<quint64>(layout.rows, (row + alignStart) / rowsPerBlock * rowsPerBlock + rowsPerBlock - alignStart);
            const quint64 n = end - row;
            if (colsPerBlock >= layout.cols) {
                auto block = m_reader->readBlock(sel, transposed, row, n, 0, layout.cols);
                if (!block)
                    return block.error();
                const DataBlock &b = *block.value();
                const Plain plain = plainKind(b);
                for (quint64 r = 0; r < n; ++r) {
                    startLine(row + r);
                    appendCells(b, plain, r, layout.cols);
                    endLine();
                    if (Status st = flush(false); !st)
                        return st;
                }
            } else {
                // One row, read in pieces along the columns.
                startLine(row);
                for (quint64 c0 = 0; c0 < layout.cols; c0 += colsPerBlock) {
                    if (cancelled())
                        return cancelError;
                    const quint64 nc = std::min(colsPerBlock, layout.cols - c0);
                    auto block = m_reader->readBlock(sel, transposed, row, 1, c0, nc);
                    if (!block)
                        return block.error();
                    const DataBlock &b = *block.value();
                    appendCells(b, plainKind(b), 0, nc);
                    if (Status st = flush(false); !st)
                        return st;
                }
                endLine();
            }
            row = end;
            if (m_progress)
                m_progress(done + row, total);
        }
        return Ok{};
    };

    if (!nd) {
        if (m_options.header)
            if (Status st = appendHeader(); !st)
                return st;
        if (Status st = writeRows(m_selection, {}, 0); !st)
            return st;
        return flush(true);
    }

    // More than two dimensions: the 2-D slices over the last two, one after
    // another (odometer order over the leading ones, the last fastest), each
    // read block by block as above.
    if (!slices && m_options.header)
        if (Status st = appendHeader(); !st)
            return st;
    const std::vector<quint64> shape = m_selection.resultShape();
    for (int k = 0; k < rank; ++k)
        if (shape[size_t(k)] == 0)
            return flush(true); // no slices at all
    // Many small slices (a series of 3 x 4 matrices): one read each would cost
    // an H5Dread per few lines. Lines read them in batches instead: R slices
    // along the dimension before them at once, one read per row of the slice,
    // written interleaved in line order; m x R x n elements at a time.
    const quint64 sliceElements = layout.rows * layout.cols;
    const quint64 blockElements =
        std::clamp<quint64>(m_blockBytes / std::max<size_t>(m_reader->elementSize(), 1), 1, kMaxBlockElements);
    const bool batched = !slices && sliceElements * 16 <= blockElements;
    auto writeBatched = [&](const Selection &sel, const std::string &prefix, quint64 done) -> Status {
        const DimSlice &along = sel.dims()[size_t(m_selection.datasetDimOf(rank - 3))];
        const DimSlice &down = sel.dims()[size_t(layout.rowDim)];
        const quint64 count = shape[size_t(rank - 3)], m = layout.rows, n = layout.cols;
        const quint64 batch = std::max<quint64>(1, blockElements / sliceElements);
        std::vector<DataBlockPtr> blocks(static_cast<size_t>(m));
        std::vector<Plain> plain(static_cast<size_t>(m));
        for (quint64 i0 = 0; i0 < count; i0 += batch) {
            if (cancelled())
                return cancelError;
            const quint64 nr = std::min(batch, count - i0);
            for (quint64 j = 0; j < m; ++j) {
                Selection row = sel;
                row.dims()[size_t(layout.rowDim)] = DimSlice{down.datasetIndex(j), 1, 1, 1, true};
                auto block = m_reader->readBlock(row, false, i0, nr, 0, n);
                if (!block)
                    return block.error();
                blocks[size_t(j)] = block.value();
                plain[size_t(j)] = plainKind(*blocks[size_t(j)]);
            }
            for (quint64 i = 0; i < nr; ++i) {
                for (quint64 j = 0; j < m; ++j) {
                    out.append(prefix);
                    appendNumber(along.datasetIndex(i0 + i), out);
                    appendDelimiter();
                    appendNumber(down.datasetIndex(j), out);
                    appendDelimiter();
                    appendCells(*blocks[size_t(j)], plain[size_t(j)], i, n);
                    endLine();
                    if (Status st = flush(false); !st)
                        return st;
                }
            }
            if (m_progress)
                m_progress(done + (i0 + nr) * m, total);
        }
        return Ok{};
    };
    const int outer = batched ? rank - 3 : rank - 2; // leading dimensions fixed one combination at a time
    std::vector<quint64> at(size_t(outer), 0);
    quint64 done = 0;
    for (bool first = true;; first = false) {
        if (cancelled())
            return cancelError;
        Selection slice = m_selection;
        std::string prefix;
        for (int k = 0; k < outer; ++k) {
            DimSlice &d = slice.dims()[size_t(m_selection.datasetDimOf(k))];
            const quint64 i = d.datasetIndex(at[size_t(k)]);
            d = DimSlice{i, 1, 1, 1, true};
            if (!slices) {
                appendNumber(i, prefix);
                prefix.append(delim);
            }
        }
        if (slices) {
            if (!first)
                out.append(eol);
            if (m_options.header) {
                // Names the slice without a comment character, which CSV has not.
                appendCell(headerText(plainName + slice.toText(), fmt.nonUtf8), delim, out);
                out.append(eol);
                if (Status st = appendHeader(); !st)
                    return st;
            }
        }
        if (Status st = batched ? writeBatched(slice, prefix, done) : writeRows(slice, prefix, done); !st)
            return st;
        done += batched ? shape[size_t(rank - 3)] * layout.rows : layout.rows;
        int k = outer - 1;
        while (k >= 0 && ++at[size_t(k)] == shape[size_t(k)])
            at[size_t(k--)] = 0;
        if (k < 0)
            break;
    }
    return flush(true);
}

Status CsvExporter::writeFile(const QString &path)
{
    if (Status st = validate(); !st)
        return st;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::make(ErrorCode::PermissionDenied,
                           QStringLiteral("Cannot write %1: %2.").arg(path, file.errorString()));
    const Status st = write(file);
    if (!st) {
        file.cancelWriting(); // the temporary file goes, an existing file stays as it was
        return st;
    }
    if (!file.commit())
        return Error::make(ErrorCode::Internal, QStringLiteral("Cannot save %1: %2.").arg(path, file.errorString()));
    return Ok{};
}

} // namespace hs::core
