#include "plugins/objectdescription.h"

#include "plugins/datasetexportsource.h"
#include "services/attributereader.h"
#include "services/datasetreader.h"
#include "services/hierarchyreader.h"

#include <cstring>

namespace hs::core {

QString resolveObjectPath(const QString &base, const QString &path)
{
    if (path.startsWith(QLatin1Char('/')))
        return path;
    if (path.isEmpty() || path == QLatin1String("."))
        return base;
    return HierarchyReader::childPath(base.isEmpty() ? QStringLiteral("/") : base, path);
}

Result<hyperslab::ObjectInfo> describeObject(const H5FilePtr &file, const QString &path, QStringList *members,
                                             quint64 maxMembers)
{
    HierarchyReader hierarchy(file);
    auto summary = hierarchy.summarize(path);
    if (!summary.ok())
        return summary.error();
    if (summary->kind == ObjectKind::Dataset) {
        auto reader = DatasetReader::open(file, path);
        if (!reader.ok())
            return reader.error();
        hyperslab::ObjectInfo o = describeDataset(*reader);
        o.head.clear(); // not asked for: only score() gets it
        return o;
    }
    hyperslab::ObjectInfo o;
    o.file = file->path();
    o.path = path;
    o.kind = kindName(summary->kind);
    AttributeReader::Options opts;
    opts.json = true;
    opts.jsonMaxElements = 1000;
    if (auto attrs = AttributeReader::list(file, path, opts))
        for (const AttributeInfo &a : attrs.value())
            o.attributes.insert(a.name, a.json.toVariant());
    if (members && summary->kind == ObjectKind::Group) {
        auto batch = hierarchy.listLinks(path, ChildOrder::Name, 0, maxMembers);
        if (!batch.ok())
            return batch.error();
        for (const LinkEntry &e : batch->entries)
            members->append(e.name);
    }
    return o;
}

namespace {

template<typename T>
void widen(const QByteArray &bytes, std::vector<double> &out)
{
    const size_t n = size_t(bytes.size()) / sizeof(T);
    out.resize(n);
    for (size_t i = 0; i < n; ++i) {
        T v;
        std::memcpy(&v, bytes.constData() + i * sizeof(T), sizeof(T));
        out[i] = double(v);
    }
}

} // namespace

Result<std::vector<double>> readNumbers(const H5FilePtr &file, const QString &path, const std::vector<quint64> &start,
                                        const std::vector<quint64> &stride, const std::vector<quint64> &count,
                                        quint64 maxElements)
{
    auto reader = DatasetReader::open(file, path);
    if (!reader.ok())
        return reader.error();
    const DatasetReaderPtr r = *reader;
    const ShapeInfo &shape = r->shape();
    const std::vector<quint64> dims = shape.kind == ShapeInfo::Kind::Simple ? shape.dims : std::vector<quint64>{};
    if (start.size() != dims.size() || stride.size() != dims.size() || count.size() != dims.size())
        return Error::make(ErrorCode::InvalidArgument,
                           QObject::tr("%1 has %2 dimensions, not %3.").arg(path).arg(dims.size()).arg(count.size()));
    Selection sel = Selection::all(dims);
    quint64 total = 1;
    for (size_t d = 0; d < dims.size(); ++d) {
        DimSlice &s = sel.dims()[d];
        s.start = start[d];
        s.stride = std::max<quint64>(1, stride[d]);
        s.count = count[d];
        if (count[d] > 0 && s.start + (count[d] - 1) * s.stride >= dims[d])
            return Error::make(ErrorCode::InvalidArgument,
                               QObject::tr("The selection goes past the end of dimension %1 of %2.").arg(d).arg(path));
        total *= count[d];
    }
    if (total > maxElements)
        return Error::make(ErrorCode::InvalidArgument,
                           QObject::tr("%1 values asked for; at most %2 are read at once.").arg(total).arg(maxElements));
    using K = hyperslab::ElementLayout::Kind;
    const hyperslab::ElementLayout layout = elementLayout(r);
    if (layout.kind != K::SignedInt && layout.kind != K::UnsignedInt && layout.kind != K::Float)
        return Error::make(ErrorCode::Unsupported, QObject::tr("%1 does not hold plain numbers.").arg(path));
    DatasetExportSource source(r, sel);
    QByteArray bytes;
    QString error;
    if (total > 0 && !source.readRaw(0, total, &bytes, &error))
        return Error::make(ErrorCode::Internal, error);
    std::vector<double> out;
    const bool sgn = layout.kind == K::SignedInt;
    switch (layout.kind == K::Float ? int(layout.size) * 10 : int(layout.size)) {
    case 40: widen<float>(bytes, out); break;
    case 80: widen<double>(bytes, out); break;
    case 1: sgn ? widen<qint8>(bytes, out) : widen<quint8>(bytes, out); break;
    case 2: sgn ? widen<qint16>(bytes, out) : widen<quint16>(bytes, out); break;
    case 4: sgn ? widen<qint32>(bytes, out) : widen<quint32>(bytes, out); break;
    case 8: sgn ? widen<qint64>(bytes, out) : widen<quint64>(bytes, out); break;
    default:
        return Error::make(ErrorCode::Unsupported, QObject::tr("%1 holds numbers of an unusual size.").arg(path));
    }
    return out;
}

} // namespace hs::core
