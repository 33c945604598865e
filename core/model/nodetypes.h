#pragma once

#include "hyperslabcore_export.h"

#include <QByteArray>
#include <QHashFunctions>
#include <QString>
#include <QtGlobal>

namespace hs::core {

// What a link leads to once resolved.
enum class ObjectKind : quint8 {
    Unknown,  // not inspected yet
    Group,
    Dataset,
    Datatype, // committed (named) datatype
    Missing,  // the link does not resolve (dangling, loop, unreadable target)
};

// How the parent names the child.
enum class LinkType : quint8 {
    Hard,
    Soft,
    External,
    User, // user-defined link class
};

HYPERSLABCORE_EXPORT QString kindName(ObjectKind kind);     // "group", "dataset", "datatype", "link"
HYPERSLABCORE_EXPORT QString linkTypeName(LinkType type);   // "hard", "soft", "external", "user"

// Identity of an object inside one file, comparable across paths (hard links, cycles).
// HDF5 1.10 uses an address, 1.12+ an opaque token: both are carried as bytes.
struct ObjectId
{
    unsigned long fileNumber = 0;
    QByteArray token;
    bool isValid() const { return !token.isEmpty(); }
    bool operator==(const ObjectId &o) const = default;
};

inline size_t qHash(const ObjectId &id, size_t seed = 0)
{
    return qHashMulti(seed, id.token, id.fileNumber);
}

// One member of a group as the tree and `info` show it.
struct LinkEntry
{
    QString name;
    LinkType linkType = LinkType::Hard;
    ObjectKind kind = ObjectKind::Unknown;
    QString target;      // soft: target path; external: path inside the target file; user: class text
    QString targetFile;  // external links only
    QString problem;     // why the link does not resolve (empty when it does)
    qint64 creationOrder = -1; // -1 when the parent does not track it
};

} // namespace hs::core
