#include "services/infowriter.h"

#include "hdf5/crashbreadcrumb.h"
#include "hdf5/datasetaccess.h"
#include "hdf5/errorstack.h"
#include "hdf5/filtercatalog.h"
#include "hdf5/handle.h"
#include "model/names.h"
#include "hdf5/typevalidator.h"
#include "model/naturalsort.h"
#include "services/h5file_p.h"
#include "services/attributereader.h"
#include "services/hierarchyreader.h"
#include "services/objectinspector.h"
#include "services/pathdiagnosis.h"
#include "services/storageinspector.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStringList>

namespace hs::core {


// What the readers would refuse about the type of a dataset or committed
// datatype (hdf5/typevalidator.h), said on the object itself. Empty when fine.
QString InfoWriter::damagedTypeProblem(const ObjectSummary &summary) const
{
    LibraryLock lock;
    const QByteArray p = names::encode(summary.path);
    const hid_t fid = fileId(*m_file);
    QString bad;
    if (summary.kind == ObjectKind::Dataset) {
        DatasetHandle ds(openDataset(fid, p.constData()));
        DatatypeHandle type(ds ? H5Dget_type(ds.get()) : H5I_INVALID_HID);
        DataspaceHandle space(ds ? H5Dget_space(ds.get()) : H5I_INVALID_HID);
        if (type && space) {
            bad = typevalidator::problem(type.get());
            if (bad.isEmpty())
                bad = typevalidator::spaceProblem(space.get());
        }
    } else {
        DatatypeHandle type(H5Topen2(fid, p.constData(), H5P_DEFAULT));
        if (type)
            bad = typevalidator::problem(type.get());
    }
    errorstack::clear();
    return bad.isEmpty() ? QString() : QStringLiteral("The file is damaged: %1, so its values are not read.").arg(bad);
}

InfoWriter::InfoWriter(H5FilePtr file, Options options) : m_file(std::move(file)), m_options(options) {}

InfoWriter::Record InfoWriter::describe(const ObjectSummary &summary) const
{
    const CrashBreadcrumb::Scope crumb(m_file->path(), summary.path); // named if the library crashes on it
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
    if (summary.kind == ObjectKind::Missing)
        return r;
    if ((summary.kind == ObjectKind::Dataset || summary.kind == ObjectKind::Datatype) && summary.type && r.problem.isEmpty())
        r.problem = damagedTypeProblem(summary);
    if (auto details = ObjectInspector::inspect(m_file, summary.path))
        r.object = std::move(details.value());
    AttributeReader::Options attributeOptions;
    attributeOptions.json = true;
    if (r.object && r.object->attributeCount == 0) {
        r.attributesKnown = true; // nothing to open the object again for
    } else if (auto attributes = AttributeReader::list(m_file, summary.path, attributeOptions)) {
        r.attributes = std::move(attributes.value());
        r.attributesKnown = true;
    } else {
        r.attributesProblem = attributes.error().message;
    }
    if (summary.kind == ObjectKind::Dataset && r.problem.isEmpty()) {
        if (auto storage = StorageInspector::inspect(m_file, summary.path)) {
            r.storage = std::move(storage.value());
            // "Optional" only lets a writer skip a filter; a reader needs it
            // for every chunk written through it.
            QStringList missing, advice;
            for (const FilterInfo &f : r.storage->filters) {
                if (f.available)
                    continue;
                missing << QStringLiteral("\u201c%1\u201d (%2)").arg(f.name).arg(f.id);
                const QString hint = filtercatalog::installHint(f.id);
                if (!hint.isEmpty() && !advice.contains(hint))
                    advice << hint;
            }
            if (!missing.isEmpty())
                r.problem = (missing.size() == 1
                                 ? QStringLiteral("Its values cannot be read here: they need the filter %1, whose plugin "
                                                  "is not installed or could not be loaded.").arg(missing.first())
                                 : QStringLiteral("Its values cannot be read here: they need the filters %1, whose "
                                                  "plugins are not installed or could not be loaded.")
                                       .arg(missing.join(QStringLiteral(", "))))
                            + (advice.isEmpty() ? QString() : QLatin1Char(' ') + advice.join(QLatin1Char(' ')));
        }
    }
    return r;
}

QString InfoWriter::toText(const Record &r)
{
    return names::showBytes(r.toText()); // names are escaped already; messages may quote one
}

Error InfoWriter::explainMissing(const QString &path, const Error &error) const
{
    return pathdiagnosis::explainMissing(m_file, path, error);
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
            // The group just listed this hard link: not finding it by name
            // means the group is damaged, not that a link is broken.
            broken.summary.link.problem = e.linkType == LinkType::Hard && s.error().code == ErrorCode::NotFound
                                              ? pathdiagnosis::damagedIndexMessage(f.group, e.name)
                                              : s.error().message;
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
