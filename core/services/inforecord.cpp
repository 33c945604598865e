#include "services/inforecord.h"

#include "model/names.h"

#include <QJsonArray>
#include <QLocale>
#include <QStringList>

#include <algorithm>

namespace hs::core {

namespace {

// Names and paths in the round-trip form (model/names.h): what is printed can be
// passed back as FILE:/path.
QStringList escapedAll(const QStringList &paths)
{
    QStringList out;
    out.reserve(paths.size());
    for (const QString &p : paths)
        out << names::toEscaped(p);
    return out;
}

QJsonValue shapeJson(const ShapeInfo &s, bool max)
{
    if (s.kind == ShapeInfo::Kind::Null)
        return QJsonValue::Null;
    QJsonArray a;
    if (s.kind == ShapeInfo::Kind::Simple) {
        for (size_t i = 0; i < s.dims.size(); ++i) {
            if (!max)
                a.append(qint64(s.dims[i]));
            else if (i >= s.maxDims.size() || s.maxDims[i] < 0)
                a.append(QJsonValue::Null);
            else
                a.append(s.maxDims[i]);
        }
    }
    return a;
}

QString maxShapeText(const ShapeInfo &s)
{
    QStringList parts;
    for (qint64 m : s.maxDims)
        parts << (m < 0 ? QStringLiteral("unlimited") : QString::number(m));
    return parts.join(QStringLiteral(" \u00d7 "));
}

QString dimsText(const std::vector<quint64> &dims)
{
    QStringList parts;
    for (quint64 d : dims)
        parts << QString::number(d);
    return parts.join(QStringLiteral(" \u00d7 "));
}

QString groupedNumber(quint64 n)
{
    return QLocale(QLocale::English).toString(n); // "13,002,341": the same in every user locale
}

QString bytesText(quint64 n)
{
    return QStringLiteral("%1 bytes").arg(groupedNumber(n));
}

QJsonArray filtersJson(const std::vector<FilterInfo> &filters)
{
    QJsonArray out;
    for (const FilterInfo &f : filters) {
        QJsonArray params;
        for (unsigned v : f.values)
            params.append(qint64(v));
        QJsonObject o{{QLatin1String("id"), f.id},
                      {QLatin1String("name"), f.name},
                      {QLatin1String("params"), params},
                      {QLatin1String("description"), QJsonArray::fromStringList(f.parameters)},
                      {QLatin1String("available"), f.available}};
        if (f.optional)
            o[QLatin1String("optional")] = true;
        out.append(o);
    }
    return out;
}

QString fillName(StorageInfo::Fill f)
{
    switch (f) {
    case StorageInfo::Fill::Undefined: return QStringLiteral("undefined");
    case StorageInfo::Fill::Default: return QStringLiteral("default");
    case StorageInfo::Fill::UserDefined: return QStringLiteral("user-defined");
    }
    return {};
}

QJsonObject storageJson(const StorageInfo &s)
{
    QJsonObject o;
    o[QLatin1String("layout")] = s.layoutName;
    if (s.layout == StorageInfo::Layout::Chunked) {
        QJsonArray chunks;
        for (quint64 d : s.chunkDims)
            chunks.append(qint64(d));
        o[QLatin1String("chunks")] = chunks;
        o[QLatin1String("chunk_bytes")] = qint64(s.chunkBytes);
        o[QLatin1String("total_chunks")] = qint64(s.totalChunks);
        o[QLatin1String("allocated_chunks")] = s.allocatedChunks < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(s.allocatedChunks);
    } else {
        o[QLatin1String("chunks")] = QJsonValue::Null;
    }
    o[QLatin1String("logical_size")] = qint64(s.logicalSize);
    o[QLatin1String("storage_size")] = qint64(s.storageSize);
    if (s.compressionRatio > 0)
        o[QLatin1String("compression_ratio")] = s.compressionRatio;
    o[QLatin1String("fill_value")] = s.fill == StorageInfo::Fill::Undefined ? QJsonValue(QJsonValue::Null) : QJsonValue(s.fillValue);
    o[QLatin1String("fill")] = fillName(s.fill);
    o[QLatin1String("alloc_time")] = s.allocTime;
    o[QLatin1String("fill_time")] = s.fillTime;
    o[QLatin1String("filters")] = filtersJson(s.filters);
    if (!s.externalFiles.empty()) {
        QJsonArray ext;
        for (const ExternalFile &e : s.externalFiles)
            ext.append(QJsonObject{{QLatin1String("name"), e.name},
                                   {QLatin1String("offset"), e.offset},
                                   {QLatin1String("size"), e.size == ~quint64(0) ? QJsonValue(QStringLiteral("unlimited"))
                                                                                  : QJsonValue(qint64(e.size))}});
        o[QLatin1String("external_files")] = ext;
    }
    if (!s.virtualMappings.empty()) {
        QJsonArray vds;
        for (const VirtualMapping &m : s.virtualMappings)
            vds.append(QJsonObject{{QLatin1String("virtual_selection"), m.virtualSelection},
                                   {QLatin1String("source_file"), m.sourceFile},
                                   {QLatin1String("source_dataset"), m.sourceDataset},
                                   {QLatin1String("source_selection"), m.sourceSelection}});
        o[QLatin1String("virtual_mappings")] = vds;
    }
    return o;
}

QJsonValue attributeShapeJson(const ShapeInfo &s)
{
    return shapeJson(s, false); // scalar: [], null dataspace: null
}

QJsonArray attributesJson(const std::vector<AttributeInfo> &attributes)
{
    QJsonArray out;
    for (const AttributeInfo &a : attributes) {
        QJsonObject o{{QLatin1String("name"), names::toEscaped(a.name)},
                      {QLatin1String("type"), a.type.text},
                      {QLatin1String("shape"), attributeShapeJson(a.shape)},
                      {QLatin1String("value"), a.json.isUndefined() ? QJsonValue(QJsonValue::Null) : a.json}};
        if (a.creationOrder >= 0)
            o[QLatin1String("creation_order")] = a.creationOrder;
        if (!a.convention.isEmpty()) {
            o[QLatin1String("convention")] = a.convention;
            o[QLatin1String("explanation")] = a.explanation;
        }
        if (!a.problem.isEmpty())
            o[QLatin1String("problem")] = names::showBytes(a.problem);
        out.append(o);
    }
    return out;
}

QString sizeLine(const StorageInfo &s)
{
    QString line = QStringLiteral("%1 logical, %2 stored").arg(bytesText(s.logicalSize), bytesText(s.storageSize));
    if (s.compressionRatio > 0 && s.storageSize > 0 && s.storageSize != s.logicalSize)
        line += QStringLiteral(" (ratio %1 : 1)").arg(s.compressionRatio, 0, 'f', s.compressionRatio < 10 ? 2 : 1);
    return line;
}

} // namespace

QJsonObject InfoRecord::toJson() const
{
    const ObjectSummary &s = summary;
    QJsonObject o;
    o[QLatin1String("path")] = names::toEscaped(s.path);
    o[QLatin1String("kind")] = kindName(s.kind);
    QJsonObject link;
    link[QLatin1String("type")] = linkTypeName(s.link.linkType);
    link[QLatin1String("target")] = s.link.linkType == LinkType::Hard ? QJsonValue(QJsonValue::Null) : QJsonValue(names::toEscaped(s.link.target));
    link[QLatin1String("file")] = s.link.linkType == LinkType::External ? QJsonValue(names::toEscaped(s.link.targetFile)) : QJsonValue(QJsonValue::Null);
    link[QLatin1String("resolved")] = s.kind != ObjectKind::Missing;
    if (!s.link.problem.isEmpty())
        link[QLatin1String("problem")] = names::showBytes(s.link.problem);
    if (s.link.creationOrder >= 0)
        link[QLatin1String("creation_order")] = s.link.creationOrder;
    o[QLatin1String("link")] = link;
    if (object) {
        QJsonObject id{{QLatin1String("token"), object->token},
                       {QLatin1String("hard_links"), qint64(object->hardLinks)}};
        if (!object->committedType.isEmpty())
            id[QLatin1String("committed_type")] = names::toEscaped(object->committedType);
        o[QLatin1String("object")] = id;
    }
    if (s.kind == ObjectKind::Dataset && s.shape) {
        o[QLatin1String("shape")] = shapeJson(*s.shape, false);
        o[QLatin1String("maxshape")] = shapeJson(*s.shape, true);
    }
    if (s.type) {
        QJsonObject t;
        t[QLatin1String("class")] = s.type->typeClass;
        t[QLatin1String("size")] = qint64(s.type->size);
        t[QLatin1String("order")] = s.type->order;
        t[QLatin1String("text")] = s.type->text;
        o[QLatin1String("type")] = t;
    }
    if (s.kind == ObjectKind::Dataset && storage) {
        o[QLatin1String("filters")] = filtersJson(storage->filters);
        o[QLatin1String("storage")] = storageJson(*storage);
    }
    if (object && s.kind == ObjectKind::Dataset) {
        // One list per dimension, empty where no scale is attached.
        const size_t rank = s.shape ? s.shape->dims.size() : object->dimensionScales.size();
        QJsonArray dims;
        for (size_t d = 0; d < std::max(rank, object->dimensionScales.size()); ++d)
            dims.append(d < object->dimensionScales.size() ? QJsonArray::fromStringList(escapedAll(object->dimensionScales[d])) : QJsonArray());
        o[QLatin1String("dimension_scales")] = dims;
    }
    if (object && object->isDimensionScale) {
        QJsonArray uses;
        for (const ObjectDetails::ScaleUse &u : object->scaleUses)
            uses.append(QJsonObject{{QLatin1String("dataset"), names::toEscaped(u.dataset)}, {QLatin1String("dimension"), u.dimension}});
        o[QLatin1String("scale_of")] = uses;
    }
    if (attributesKnown)
        o[QLatin1String("attributes")] = attributesJson(attributes);
    if (s.kind == ObjectKind::Group && s.memberCountKnown)
        o[QLatin1String("members")] = qint64(s.memberCount);
    if (!problem.isEmpty())
        o[QLatin1String("problem")] = names::showBytes(problem);
    if (!attributesProblem.isEmpty())
        o[QLatin1String("attributes_problem")] = names::showBytes(attributesProblem);
    return o;
}

QString InfoRecord::toText() const
{
    const ObjectSummary &s = summary;
    QStringList lines;
    lines << QStringLiteral("%1  (%2)").arg(names::toEscaped(s.path), s.kind == ObjectKind::Missing ? QStringLiteral("unresolved link") : kindName(s.kind));
    auto field = [&](const QString &name, const QString &value) {
        lines << QStringLiteral("    %1 %2").arg(name + QLatin1Char(':'), -9).arg(value);
    };
    switch (s.link.linkType) {
    case LinkType::Hard: break; // the ordinary case: not worth a line
    case LinkType::Soft: field(QStringLiteral("link"), QStringLiteral("soft \u2192 %1").arg(names::toEscaped(s.link.target))); break;
    case LinkType::External:
        field(QStringLiteral("link"), QStringLiteral("external \u2192 %1 in file %2").arg(names::toEscaped(s.link.target), names::toEscaped(s.link.targetFile)));
        break;
    case LinkType::User: field(QStringLiteral("link"), s.link.target); break; // "user-defined link class 187"
    }
    if (!s.link.problem.isEmpty())
        field(QStringLiteral("problem"), s.link.problem);
    if (s.shape) {
        QString shape = s.shape->text();
        if (s.shape->kind == ShapeInfo::Kind::Simple) {
            const QString max = maxShapeText(*s.shape);
            if (max != shape)
                shape += QStringLiteral(" (max %1)").arg(max);
        }
        field(QStringLiteral("shape"), shape);
    }
    if (s.type)
        field(QStringLiteral("type"), s.type->text);
    if (object) {
        QString id = QStringLiteral("token %1, %2 hard link%3")
                         .arg(object->token)
                         .arg(object->hardLinks)
                         .arg(object->hardLinks == 1 ? QString() : QStringLiteral("s"));
        field(QStringLiteral("object"), id);
        if (!object->committedType.isEmpty())
            field(QStringLiteral("uses type"), names::toEscaped(object->committedType));
    }
    if (storage) {
        const StorageInfo &st = *storage;
        QString layout = st.layoutName;
        if (st.layout == StorageInfo::Layout::Chunked) {
            layout += QStringLiteral(", chunks %1 (%2 each)").arg(dimsText(st.chunkDims), bytesText(st.chunkBytes));
            if (st.allocatedChunks >= 0)
                layout += QStringLiteral(", %1 of %2 allocated").arg(groupedNumber(quint64(st.allocatedChunks)), groupedNumber(st.totalChunks));
        }
        field(QStringLiteral("storage"), layout);
        field(QStringLiteral("size"), sizeLine(st));
        QString fill = st.fill == StorageInfo::Fill::Undefined ? QStringLiteral("undefined")
                                                               : QStringLiteral("%1 (%2)").arg(st.fillValue, fillName(st.fill));
        fill += QStringLiteral("; allocation %1, fill %2").arg(st.allocTime, st.fillTime);
        field(QStringLiteral("fill"), fill);
        if (!st.filters.empty()) {
            QStringList f;
            for (const FilterInfo &x : st.filters) {
                QString one = x.name;
                if (!x.parameters.isEmpty())
                    one += QStringLiteral(" (%1)").arg(x.parameters.join(QStringLiteral(", ")));
                if (!x.available)
                    one += QStringLiteral(" [not installed]");
                f << one;
            }
            field(QStringLiteral("filters"), f.join(QStringLiteral(", ")));
        }
        for (const ExternalFile &e : st.externalFiles)
            field(QStringLiteral("external"), QStringLiteral("%1 at offset %2, %3")
                                                  .arg(e.name)
                                                  .arg(e.offset)
                                                  .arg(e.size == ~quint64(0) ? QStringLiteral("unlimited") : bytesText(e.size)));
        for (const VirtualMapping &m : st.virtualMappings)
            field(QStringLiteral("virtual"), QStringLiteral("%1 \u2190 %2:%3 %4")
                                                 .arg(m.virtualSelection, m.sourceFile, m.sourceDataset, m.sourceSelection));
    }
    if (object && !object->dimensionScales.empty()) {
        QStringList dims;
        bool any = false;
        for (size_t d = 0; d < object->dimensionScales.size(); ++d) {
            const QStringList &scales = object->dimensionScales[d];
            any = any || !scales.isEmpty();
            dims << QStringLiteral("%1: %2").arg(d).arg(scales.isEmpty() ? QStringLiteral("-") : escapedAll(scales).join(QStringLiteral(", ")));
        }
        if (any)
            field(QStringLiteral("scales"), dims.join(QStringLiteral("; ")));
    }
    if (object && object->isDimensionScale) {
        QStringList uses;
        for (const ObjectDetails::ScaleUse &u : object->scaleUses)
            uses << QStringLiteral("%1 (dimension %2)").arg(names::toEscaped(u.dataset)).arg(u.dimension);
        field(QStringLiteral("scale of"), uses.isEmpty() ? QStringLiteral("no dataset") : uses.join(QStringLiteral(", ")));
    }
    if (s.kind == ObjectKind::Group && s.memberCountKnown)
        field(QStringLiteral("members"), QString::number(s.memberCount));
    if (!problem.isEmpty())
        field(QStringLiteral("problem"), problem);
    if (attributesKnown && !attributes.empty()) {
        field(QStringLiteral("attributes"), QString::number(attributes.size()));
        for (const AttributeInfo &a : attributes) {
            QString value = a.problem.isEmpty() ? a.value : a.problem;
            if (value.isEmpty() && a.problem.isEmpty())
                value = a.shape.kind == ShapeInfo::Kind::Null ? QStringLiteral("(no value: null dataspace)")
                                                              : QStringLiteral("(empty)");
            QString line = QStringLiteral("        %1 = %2").arg(names::toEscaped(a.name), value);
            line += QStringLiteral("  (%1, %2)").arg(a.type.brief.isEmpty() ? a.type.text : a.type.brief, a.shape.text());
            if (!a.convention.isEmpty())
                line += QStringLiteral("  [%1: %2]").arg(a.convention, a.explanation);
            lines << line;
        }
    } else if (!attributesProblem.isEmpty()) {
        field(QStringLiteral("attributes"), attributesProblem);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace hs::core
