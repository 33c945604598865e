#include "services/infowriter.h"

#include "model/naturalsort.h"
#include "services/hierarchyreader.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStringList>


namespace hs::core {

namespace {

QJsonValue shapeJson(const ShapeInfo &s, bool max)
{
    if (s.kind == ShapeInfo::Kind::Null)
        return QJsonValue::Null;
    QJsonArray a;
    if (s.kind == ShapeInfo::Kind::Simple) {
        for (size_t i = 0; i < s.dims.size(); ++i) {
            if (!max)
                a.append(qint64(s.dims[i]));
            else if (s.maxDims[i] < 0)
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

} // namespace

InfoWriter::InfoWriter(H5FilePtr file, Options options) : m_file(std::move(file)), m_options(options) {}

QJsonObject InfoWriter::toJson(const ObjectSummary &s)
{
    QJsonObject o;
    o[QLatin1String("path")] = s.path;
    o[QLatin1String("kind")] = kindName(s.kind);
    QJsonObject link;
    link[QLatin1String("type")] = linkTypeName(s.link.linkType);
    link[QLatin1String("target")] = s.link.linkType == LinkType::Hard ? QJsonValue(QJsonValue::Null) : QJsonValue(s.link.target);
    link[QLatin1String("file")] = s.link.linkType == LinkType::External ? QJsonValue(s.link.targetFile) : QJsonValue(QJsonValue::Null);
    link[QLatin1String("resolved")] = s.kind != ObjectKind::Missing;
    if (!s.link.problem.isEmpty())
        link[QLatin1String("problem")] = s.link.problem;
    if (s.link.creationOrder >= 0)
        link[QLatin1String("creation_order")] = s.link.creationOrder;
    o[QLatin1String("link")] = link;
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
    if (s.kind == ObjectKind::Group && s.memberCountKnown)
        o[QLatin1String("members")] = qint64(s.memberCount);
    return o;
}

QString InfoWriter::toText(const ObjectSummary &s)
{
    QStringList lines;
    lines << QStringLiteral("%1  (%2)").arg(s.path, s.kind == ObjectKind::Missing ? QStringLiteral("unresolved link") : kindName(s.kind));
    auto field = [&](const QString &name, const QString &value) {
        lines << QStringLiteral("    %1 %2").arg(name + QLatin1Char(':'), -10).arg(value);
    };
    switch (s.link.linkType) {
    case LinkType::Hard: field(QStringLiteral("link"), QStringLiteral("hard")); break;
    case LinkType::Soft: field(QStringLiteral("link"), QStringLiteral("soft \u2192 %1").arg(s.link.target)); break;
    case LinkType::External:
        field(QStringLiteral("link"), QStringLiteral("external \u2192 %1 in file %2").arg(s.link.target, s.link.targetFile));
        break;
    case LinkType::User: field(QStringLiteral("link"), QStringLiteral("user-defined (%1)").arg(s.link.target)); break;
    }
    if (!s.link.problem.isEmpty())
        field(QStringLiteral("problem"), s.link.problem);
    if (s.shape) {
        QString shape = s.shape->text();
        if (s.shape->kind == ShapeInfo::Kind::Simple)
            shape += QStringLiteral(" (max %1)").arg(maxShapeText(*s.shape));
        field(QStringLiteral("shape"), shape);
    }
    if (s.type)
        field(QStringLiteral("type"), s.type->text);
    if (s.kind == ObjectKind::Group && s.memberCountKnown)
        field(QStringLiteral("members"), QString::number(s.memberCount));
    return lines.join(QLatin1Char('\n'));
}

Status InfoWriter::write(const QString &path, QIODevice &out, const std::atomic_bool *cancel)
{
    HierarchyReader reader(m_file);
    QString start = path.isEmpty() ? QStringLiteral("/") : path;
    if (!start.startsWith(QLatin1Char('/')))
        start.prepend(QLatin1Char('/'));
    if (start.size() > 1 && start.endsWith(QLatin1Char('/')))
        start.chop(1);

    auto top = reader.summarize(start);
    if (!top)
        return top.error();

    auto emitOne = [&](const ObjectSummary &s) {
        if (m_options.json)
            out.write(QJsonDocument(toJson(s)).toJson(QJsonDocument::Compact) + '\n');
        else
            out.write((toText(s) + QLatin1Char('\n')).toUtf8());
    };
    emitOne(*top);
    if (top->kind != ObjectKind::Group)
        return Ok{};
    // Soft and external links are described but not followed (as h5dump does),
    // unless the user asked for that link itself.

    QSet<ObjectId> visited;
    if (top->id.isValid())
        visited.insert(top->id);

    auto listMembers = [&](const QString &group) {
        std::vector<LinkEntry> members;
        quint64 cursor = 0;
        for (;;) {
            auto batch = reader.listLinks(group, ChildOrder::Name, cursor, 100000, cancel);
            if (!batch) {
                if (!m_options.json)
                    out.write(QStringLiteral("%1: %2\n").arg(group, batch.error().message).toUtf8());
                break;
            }
            cursor = batch->nextCursor;
            for (auto &e : batch.value().entries)
                members.push_back(std::move(e));
            if (batch->complete)
                break;
        }
        std::stable_sort(members.begin(), members.end(),
                         [](const LinkEntry &a, const LinkEntry &b) { return naturalCompare(a.name, b.name) < 0; });
        return members;
    };

    // Depth-first, pre-order, members in natural order: the output reads like
    // the tree, and an object reachable twice is descended into at its first
    // path only (as h5dump does), so cycles end.
    struct Frame
    {
        QString group;
        std::vector<LinkEntry> members;
        size_t next = 0;
    };
    std::vector<Frame> stack;
    stack.push_back({start, listMembers(start), 0});
    while (!stack.empty()) {
        if (cancel && cancel->load())
            return Error::make(ErrorCode::Cancelled, QStringLiteral("Cancelled."));
        Frame &f = stack.back();
        if (f.next >= f.members.size()) {
            stack.pop_back();
            continue;
        }
        const LinkEntry e = f.members[f.next++];
        const QString childPath = HierarchyReader::childPath(f.group, e.name);
        auto s = reader.summarize(childPath);
        if (!s) {
            ObjectSummary broken;
            broken.path = childPath;
            broken.link = e;
            broken.kind = ObjectKind::Missing;
            broken.link.problem = s.error().message;
            emitOne(broken);
            continue;
        }
        emitOne(*s);
        if (m_options.recursive && s->kind == ObjectKind::Group && s->link.linkType == LinkType::Hard
            && !visited.contains(s->id)) {
            visited.insert(s->id);
            stack.push_back({childPath, listMembers(childPath), 0});
        }
    }
    return Ok{};
}

} // namespace hs::core
