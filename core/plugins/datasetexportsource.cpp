#include "plugins/datasetexportsource.h"

#include "hdf5/valueformatter.h"
#include "hdf5/valuejson.h"
#include "services/attributereader.h"

#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <cstring>

namespace hs::core {

namespace {

hyperslab::ElementLayout layoutOf(const ValueType &t)
{
    using K = hyperslab::ElementLayout::Kind;
    hyperslab::ElementLayout l;
    l.size = t.size;
    l.offset = t.offset;
    l.utf8 = t.utf8;
    switch (t.kind) {
    case ValueType::Kind::SignedInt: l.kind = K::SignedInt; break;
    case ValueType::Kind::UnsignedInt:
    case ValueType::Kind::Bitfield: l.kind = K::UnsignedInt; break;
    case ValueType::Kind::Float: l.kind = K::Float; break;
    case ValueType::Kind::Complex: l.kind = K::Complex; break;
    case ValueType::Kind::FixedString: l.kind = K::FixedString; break;
    case ValueType::Kind::VlenString: l.kind = K::VlenString; break;
    case ValueType::Kind::Enum:
        l.kind = K::Enum;
        for (const std::string &n : t.enumNames)
            l.names.push_back(QString::fromStdString(n));
        l.enumValues.assign(t.enumValues.begin(), t.enumValues.end());
        break;
    case ValueType::Kind::Compound:
        l.kind = K::Compound;
        for (const std::string &n : t.names)
            l.names.push_back(QString::fromStdString(n));
        break;
    case ValueType::Kind::Array:
        l.kind = K::Array;
        l.dims.assign(t.dims.begin(), t.dims.end());
        break;
    case ValueType::Kind::Opaque: l.kind = K::Opaque; break;
    default: l.kind = K::Other; break;
    }
    if (l.kind == K::Complex || l.kind == K::Enum || l.kind == K::Compound || l.kind == K::Array)
        for (const ValueType &m : t.members)
            l.members.push_back(layoutOf(m));
    return l;
}

} // namespace

hyperslab::ElementLayout elementLayout(const DatasetReaderPtr &reader)
{
    return layoutOf(reader->formatter()->root());
}

hyperslab::ObjectInfo describeDataset(const DatasetReaderPtr &reader)
{
    hyperslab::ObjectInfo o;
    o.file = reader->file()->path();
    o.path = reader->path();
    o.kind = QStringLiteral("dataset");
    const TypeInfo &t = reader->type();
    o.typeClass = t.typeClass;
    o.typeSize = t.size;
    o.typeText = t.text;
    const ValueType &root = reader->formatter()->root();
    o.isSigned = root.kind == ValueType::Kind::SignedInt;
    const ShapeInfo &s = reader->shape();
    o.scalar = s.kind == ShapeInfo::Kind::Scalar;
    if (s.kind == ShapeInfo::Kind::Simple)
        o.shape = s.dims;
    AttributeReader::Options opts;
    opts.json = true;
    opts.jsonMaxElements = 1000;
    if (auto attrs = AttributeReader::list(reader->file(), o.path, opts))
        for (const AttributeInfo &a : attrs.value())
            o.attributes.insert(a.name, a.json.toVariant());
    if (s.kind == ShapeInfo::Kind::Null || s.elementCount() == 0)
        return o;
    // The head: enough to recognise a file format by its signature.
    const std::vector<quint64> dims = s.kind == ShapeInfo::Kind::Simple ? s.dims : std::vector<quint64>{};
    const Selection all = Selection::all(dims);
    if (root.size == 1 && (root.kind == ValueType::Kind::UnsignedInt || root.kind == ValueType::Kind::SignedInt
                           || root.kind == ValueType::Kind::Opaque)) {
        DatasetExportSource src(reader, all);
        QByteArray head;
        QString error;
        if (src.readRaw(0, std::min<quint64>(64, s.elementCount()), &head, &error))
            o.head = head;
    } else if (root.kind == ValueType::Kind::FixedString || root.kind == ValueType::Kind::VlenString) {
        DatasetExportSource src(reader, all);
        QJsonArray first;
        QString error;
        if (src.readJson(0, 1, &first, &error) && !first.isEmpty())
            o.head = first.at(0).toString().left(4096).toUtf8();
    }
    return o;
}

DatasetExportSource::DatasetExportSource(DatasetReaderPtr reader, Selection selection)
    : m_reader(std::move(reader)), m_selection(std::move(selection))
{
    m_object.file = m_reader->file()->path();
    m_object.path = m_reader->path();
    m_object.kind = QStringLiteral("dataset");
    m_object.typeClass = m_reader->type().typeClass;
    m_object.typeSize = m_reader->type().size;
    m_object.typeText = m_reader->type().text;
    m_object.shape = m_reader->shape().dims;
    m_object.scalar = m_reader->shape().kind == ShapeInfo::Kind::Scalar;
    m_layout = layoutOf(m_reader->formatter()->root());
}

quint64 DatasetExportSource::preferredBlock() const
{
    // About 4 MiB of elements, whole rows where the rows are not huge.
    const quint64 esize = std::max<quint64>(1, m_reader->elementSize());
    quint64 n = std::max<quint64>(1, (quint64(4) << 20) / esize);
    const std::vector<quint64> shape = m_selection.resultShape();
    if (!shape.empty() && shape.back() > 0 && shape.back() <= n)
        n -= n % shape.back();
    return n;
}

bool DatasetExportSource::readBlocks(quint64 first, quint64 count, QString *error)
{
    m_blocks.clear();
    const std::vector<quint64> shape = m_selection.resultShape();
    const int rank = int(shape.size());
    // The result as slices of R x C (rank 0: 1 x 1, rank 1: n x 1).
    const quint64 rows = rank == 0 ? 1 : rank == 1 ? shape[0] : shape[rank - 2];
    const quint64 cols = rank >= 2 ? shape[rank - 1] : 1;
    const quint64 sliceSize = rows * cols;
    while (count > 0) {
        const quint64 slice = first / sliceSize, within = first % sliceSize;
        const quint64 r = within / cols, c = within % cols;
        Selection sel = m_selection;
        if (rank > 2) {
            // Fix every leading result dimension at this slice's index.
            quint64 rest = slice;
            for (int k = rank - 3; k >= 0; --k) {
                const quint64 idx = rest % shape[k];
                rest /= shape[k];
                DimSlice &d = sel.dims()[sel.datasetDimOf(k)];
                d.start = d.datasetIndex(idx);
                d.count = 1;
                d.stride = 1;
                d.block = 1;
                d.dropped = true;
            }
        }
        quint64 n, readRows, col0, readCols;
        if (c != 0 || count < cols) {
            readRows = 1;
            col0 = c;
            readCols = std::min(cols - c, count);
            n = readCols;
        } else {
            readRows = std::min(count / cols, rows - r);
            col0 = 0;
            readCols = cols;
            n = readRows * cols;
        }
        auto block = m_reader->readBlock(sel, false, r, readRows, col0, readCols);
        if (!block) {
            *error = block.error().message;
            return false;
        }
        m_blocks.push_back(block.value());
        first += n;
        count -= n;
    }
    return true;
}

bool DatasetExportSource::readRaw(quint64 first, quint64 count, QByteArray *out, QString *error)
{
    if (!readBlocks(first, count, error))
        return false;
    out->clear();
    out->reserve(qsizetype(count * m_reader->elementSize()));
    for (const DataBlockPtr &b : m_blocks)
        out->append(reinterpret_cast<const char *>(b->raw.data()), qsizetype(b->raw.size()));
    return true;
}

bool DatasetExportSource::readJson(quint64 first, quint64 count, QJsonArray *out, QString *error)
{
    if (!readBlocks(first, count, error))
        return false;
    const ValueType &type = m_reader->formatter()->root();
    const size_t esize = m_reader->elementSize();
    for (const DataBlockPtr &b : m_blocks) {
        const quint64 n = esize ? b->raw.size() / esize : 0;
        for (quint64 i = 0; i < n; ++i)
            out->append(valuejson::element(type, b->raw.data() + i * esize, b->heap.get()));
    }
    return true;
}

Status runExporter(hyperslab::ExporterInterface &exporter, hyperslab::ExportSource &source, const QString &outputPath)
{
    const QString why = exporter.unsupportedReason(source);
    if (!why.isEmpty())
        return Error::make(ErrorCode::Unsupported, why);
    QSaveFile file(outputPath);
    if (!file.open(QIODevice::WriteOnly))
        return Error::make(ErrorCode::PermissionDenied, QStringLiteral("Cannot write %1: %2").arg(outputPath, file.errorString()));
    QString error;
    if (!exporter.write(source, file, &error)) {
        file.cancelWriting();
        if (source.isCancelled())
            return Error::make(ErrorCode::Cancelled, QStringLiteral("The export was cancelled; nothing was written."));
        return Error::make(ErrorCode::Internal, error.isEmpty() ? QStringLiteral("The export failed.") : error);
    }
    if (!file.commit())
        return Error::make(ErrorCode::PermissionDenied, QStringLiteral("Cannot write %1: %2").arg(outputPath, file.errorString()));
    return Ok{};
}

} // namespace hs::core
