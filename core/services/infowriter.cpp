#include "services/infowriter.h"

#include "hdf5/datasetaccess.h"
#include "hdf5/errorstack.h"
#include "hdf5/handle.h"
#include "hdf5/names.h"
#include "model/naturalsort.h"
#include "services/h5file_p.h"
#include "services/hierarchyreader.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
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

// Short names of the registered filters (https://github.com/HDFGroup/hdf5_plugins
// docs/RegisteredFilterPlugins.md); the file's own, often long, name otherwise.
QString filterName(int id, const char *nameInFile)
{
    switch (id) {
    case 1: return QStringLiteral("deflate");
    case 2: return QStringLiteral("shuffle");
    case 3: return QStringLiteral("fletcher32");
    case 4: return QStringLiteral("szip");
    case 5: return QStringLiteral("nbit");
    case 6: return QStringLiteral("scaleoffset");
    case 305: return QStringLiteral("lzo");
    case 307: return QStringLiteral("bzip2");
    case 32000: return QStringLiteral("lzf");
    case 32001: return QStringLiteral("blosc");
    case 32002: return QStringLiteral("mafisc");
    case 32003: return QStringLiteral("snappy");
    case 32004: return QStringLiteral("lz4");
    case 32008: return QStringLiteral("bitshuffle");
    case 32013: return QStringLiteral("zfp");
    case 32014: return QStringLiteral("fpzip");
    case 32015: return QStringLiteral("zstd");
    case 32017: return QStringLiteral("sz");
    case 32019: return QStringLiteral("jpeg");
    case 32022: return QStringLiteral("bitgroom");
    case 32023: return QStringLiteral("granularbr");
    case 32024: return QStringLiteral("sz3");
    case 32026: return QStringLiteral("blosc2");
    default: break;
    }
    QString name = names::decode(nameInFile).section(QLatin1Char(';'), 0, 0).trimmed();
    return name.isEmpty() ? QStringLiteral("filter %1").arg(id) : name;
}

// Whether HDF5 can run filter `id`, loading its plugin if it is not built in.
// Remembered: looking for a plugin that is not installed opens every library
// in the plugin folder, each time it is asked. Lock held.
bool filterAvailable(H5Z_filter_t id)
{
    static QHash<int, bool> known;
    const auto it = known.constFind(int(id));
    if (it != known.constEnd())
        return *it;
    const bool available = H5Zfilter_avail(id) > 0;
    known.insert(int(id), available);
    return available;
}

// The filter pipeline of the dataset at `path`. Lock held.
bool readFilters(hid_t file, const QString &path, std::vector<InfoWriter::Filter> &out, QStringList &missing)
{
    const QByteArray p = names::encode(path);
    DatasetHandle ds(openDataset(file, p.constData()));
    if (!ds) {
        errorstack::clear();
        return false;
    }
    PropListHandle dcpl(H5Dget_create_plist(ds.get()));
    const int n = dcpl ? H5Pget_nfilters(dcpl.get()) : -1;
    if (n < 0) {
        errorstack::clear();
        return false;
    }
    for (int i = 0; i < n; ++i) {
        unsigned flags = 0, config = 0;
        size_t nvalues = 0;
        char name[256] = {};
        const H5Z_filter_t id = H5Pget_filter2(dcpl.get(), unsigned(i), &flags, &nvalues, nullptr, sizeof name, name, &config);
        if (id < 0)
            continue;
        InfoWriter::Filter f;
        f.id = int(id);
        f.name = filterName(f.id, name);
        f.available = filterAvailable(id);
        // "Optional" only lets a writer skip the filter; a reader needs it for
        // every chunk written through it.
        if (!f.available)
            missing << QStringLiteral("\u201c%1\u201d (%2)").arg(f.name).arg(f.id);
        out.push_back(f);
    }
    errorstack::clear();
    return true;
}

// Name bytes that are not UTF-8 (kept as U+DC80 + byte, see hdf5/names.h)
// shown as "\xB0" in the text form; JSON carries them as "\udcb0".
QString showEscapedBytes(QString text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        if (u < 0xDC80 || u > 0xDCFF || (i > 0 && text[i - 1].isHighSurrogate()))
            continue;
        const QString hex = QStringLiteral("\\x") + QString::number(u - 0xDC00, 16).toUpper().rightJustified(2, QLatin1Char('0'));
        text.replace(i, 1, hex);
        i += hex.size() - 1;
    }
    return text;
}

} // namespace

InfoWriter::InfoWriter(H5FilePtr file, Options options) : m_file(std::move(file)), m_options(options) {}

InfoWriter::Record InfoWriter::describe(const ObjectSummary &summary) const
{
    Record r;
    r.summary = summary;
    // The reader puts every failure on the link; a link that resolved to an
    // object HDF5 then could not open is a problem of the object.
    if (summary.kind != ObjectKind::Missing && !summary.link.problem.isEmpty()) {
        r.problem = summary.link.problem;
        r.summary.link.problem.clear();
    }
    if (summary.kind == ObjectKind::Missing && summary.link.linkType == LinkType::External) {
        // HDF5 does not say why an external file did not open; the usual reason
        // is that it is not there. It looks next to this file, then in the
        // current folder.
        const QString target = summary.link.targetFile;
        const QFileInfo beside(QFileInfo(m_file->path()).dir(), target);
        if (!target.isEmpty() && !beside.exists() && !QFileInfo::exists(target))
            r.summary.link.problem = QStringLiteral("The file it points to, \u201c%1\u201d, does not exist (looked in %2).")
                                         .arg(target, QDir::toNativeSeparators(beside.absolutePath()));
    }
    if (summary.kind == ObjectKind::Datatype && !summary.type && r.problem.isEmpty()) {
        // The reader says nothing when a committed datatype cannot be opened.
        LibraryLock lock;
        const QByteArray p = names::encode(summary.path);
        DatatypeHandle type(H5Topen2(fileId(*m_file), p.constData(), H5P_DEFAULT));
        r.problem = type ? QStringLiteral("Its description cannot be read.")
                         : QStringLiteral("Could not open the datatype. %1").arg(errorstack::captureCause().message);
        errorstack::clear();
    }
    if (summary.kind == ObjectKind::Dataset && r.problem.isEmpty()) {
        LibraryLock lock;
        QStringList missing;
        r.filtersKnown = readFilters(fileId(*m_file), summary.path, r.filters, missing);
        if (!missing.isEmpty())
            r.problem = missing.size() == 1
                            ? QStringLiteral("Its values cannot be read here: they need the filter %1, whose plugin "
                                             "is not installed or could not be loaded.").arg(missing.first())
                            : QStringLiteral("Its values cannot be read here: they need the filters %1, whose plugins "
                                             "are not installed or could not be loaded.")
                                  .arg(missing.join(QStringLiteral(", ")));
    }
    return r;
}

QJsonObject InfoWriter::toJson(const Record &r)
{
    const ObjectSummary &s = r.summary;
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
    if (s.kind == ObjectKind::Dataset && r.filtersKnown) {
        QJsonArray filters;
        for (const Filter &f : r.filters)
            filters.append(QJsonObject{{QLatin1String("id"), f.id},
                                       {QLatin1String("name"), f.name},
                                       {QLatin1String("available"), f.available}});
        o[QLatin1String("filters")] = filters;
    }
    if (s.kind == ObjectKind::Group && s.memberCountKnown)
        o[QLatin1String("members")] = qint64(s.memberCount);
    if (!r.problem.isEmpty())
        o[QLatin1String("problem")] = r.problem;
    return o;
}

QString InfoWriter::toText(const Record &r)
{
    const ObjectSummary &s = r.summary;
    QStringList lines;
    lines << QStringLiteral("%1  (%2)").arg(s.path, s.kind == ObjectKind::Missing ? QStringLiteral("unresolved link") : kindName(s.kind));
    auto field = [&](const QString &name, const QString &value) {
        lines << QStringLiteral("    %1 %2").arg(name + QLatin1Char(':'), -9).arg(value);
    };
    switch (s.link.linkType) {
    case LinkType::Hard: break; // the ordinary case: not worth a line
    case LinkType::Soft: field(QStringLiteral("link"), QStringLiteral("soft \u2192 %1").arg(s.link.target)); break;
    case LinkType::External:
        field(QStringLiteral("link"), QStringLiteral("external \u2192 %1 in file %2").arg(s.link.target, s.link.targetFile));
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
    if (!r.filters.empty()) {
        QStringList f;
        for (const Filter &x : r.filters)
            f << (x.available ? x.name : QStringLiteral("%1 (not installed)").arg(x.name));
        field(QStringLiteral("filters"), f.join(QStringLiteral(", ")));
    }
    if (s.kind == ObjectKind::Group && s.memberCountKnown)
        field(QStringLiteral("members"), QString::number(s.memberCount));
    if (!r.problem.isEmpty())
        field(QStringLiteral("problem"), r.problem);
    return showEscapedBytes(lines.join(QLatin1Char('\n')));
}

Error InfoWriter::explainMissing(const QString &path, const Error &error) const
{
    if (error.code != ErrorCode::NotFound && error.code != ErrorCode::DanglingLink)
        return error;
    // Say which step of the path fails: a scientist mistypes one component.
    HierarchyReader reader(m_file);
    QString current = QStringLiteral("/");
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString next = HierarchyReader::childPath(current, part);
        if (reader.linkExists(next)) {
            current = next;
            continue;
        }
        QString why;
        const auto here = reader.summarize(current);
        if (here && here->kind == ObjectKind::Missing)
            why = QStringLiteral("\u201c%1\u201d is a link that does not resolve. %2").arg(current, here->link.problem);
        else if (here && here->kind != ObjectKind::Group)
            why = QStringLiteral("\u201c%1\u201d is a %2, not a group.").arg(current, kindName(here->kind));
        else if (current == QLatin1String("/"))
            why = QStringLiteral("The file has no member \u201c%1\u201d at its top level.").arg(part);
        else
            why = QStringLiteral("The group \u201c%1\u201d has no member \u201c%2\u201d.").arg(current, part);
        return Error::make(ErrorCode::NotFound, QStringLiteral("There is no object \u201c%1\u201d. %2").arg(path, why),
                           error.detail);
    }
    return error;
}

Status InfoWriter::write(const QString &path, QIODevice &out, const std::atomic_bool *cancel)
{
    HierarchyReader reader(m_file);
    QString start = path.isEmpty() ? QStringLiteral("/") : path;
    if (!start.startsWith(QLatin1Char('/')))
        start.prepend(QLatin1Char('/'));
    while (start.size() > 1 && start.endsWith(QLatin1Char('/')))
        start.chop(1);

    auto top = reader.summarize(start);
    if (!top)
        return explainMissing(start, top.error());
    if (start == QLatin1String("/") && top->kind == ObjectKind::Missing) {
        // Nothing of the file can be shown.
        if (!m_file->openNote().isEmpty())
            return Error::make(ErrorCode::StillOpenForWrite,
                               QStringLiteral("Could not read the file: it is marked as still open for writing, and "
                                              "what was written so far cannot be read (a program that wrote it may "
                                              "have crashed before closing it). If no program is using it, "
                                              "\u201ch5clear -s FILE\u201d clears the mark."));
        return Error::make(ErrorCode::Corrupt, QStringLiteral("Could not read the root group. %1").arg(top->link.problem));
    }

    auto emitOne = [&](const Record &r) {
        if (m_options.json)
            out.write(QJsonDocument(toJson(r)).toJson(QJsonDocument::Compact) + '\n');
        else
            out.write((toText(r) + QLatin1Char('\n')).toUtf8());
    };

    auto listMembers = [&](const QString &group) -> Result<std::vector<LinkEntry>> {
        std::vector<LinkEntry> members;
        quint64 cursor = 0;
        for (;;) {
            auto batch = reader.listLinks(group, ChildOrder::Name, cursor, 100000, cancel);
            if (!batch)
                return batch.error();
            // A group whose link index is damaged can restart the iteration; stop
            // instead of listing forever.
            if (batch->nextCursor <= cursor && !batch->complete)
                return Error::make(ErrorCode::Corrupt,
                                   QStringLiteral("Could not list the members of \u201c%1\u201d. The file is damaged: "
                                                  "the list of members does not end.").arg(group));
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

    if (top->kind != ObjectKind::Group) {
        emitOne(describe(*top));
        return Ok{};
    }
    // The group asked about must be listable; a member group that is not gets a
    // "problem" and the rest goes on.
    auto topMembers = listMembers(start);
    if (!topMembers)
        return topMembers.error();
    emitOne(describe(*top));

    // Depth-first, pre-order, members in natural order: the output reads like
    // the tree. An object reachable twice is descended into at its first path
    // only (as h5dump does), so hard-link cycles end; soft and external links
    // are described, not followed.
    struct Frame
    {
        QString group;
        std::vector<LinkEntry> members;
        size_t next = 0;
    };
    QSet<ObjectId> visited;
    if (top->id.isValid())
        visited.insert(top->id);
    std::vector<Frame> stack;
    stack.push_back({start, std::move(topMembers.value()), 0});
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
            Record broken;
            broken.summary.path = childPath;
            broken.summary.link = e;
            broken.summary.kind = ObjectKind::Missing;
            broken.summary.link.problem = s.error().message;
            emitOne(broken);
            continue;
        }
        Record r = describe(*s);
        const bool descend = m_options.recursive && s->kind == ObjectKind::Group
                             && s->link.linkType == LinkType::Hard && !visited.contains(s->id);
        if (!descend) {
            emitOne(r);
            continue;
        }
        visited.insert(s->id);
        auto members = listMembers(childPath);
        if (!members && r.problem.isEmpty())
            r.problem = members.error().message;
        emitOne(r);
        if (members)
            stack.push_back({childPath, std::move(members.value()), 0});
    }
    return Ok{};
}

} // namespace hs::core
