#pragma once

#include "model/nodetypes.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <vector>

namespace hs::core {

// How an object is reached and who it is: what the links panel shows.
struct ObjectDetails
{
    QString path;
    // The link that names it in its parent (the root group has none: linkKnown false).
    bool linkKnown = false;
    LinkType linkType = LinkType::Hard;
    QString linkTarget;        // soft: target path; external: path in the target file; user: class text
    QString linkTargetFile;    // external only
    bool resolved = true;      // the link leads to an object
    QString problem;           // why not (dangling, loop, missing file, ...)
    qint64 linkCreationOrder = -1; // -1 when the parent does not track it
    QString linkCharset;       // "ASCII" or "UTF-8"

    // The object (when resolved).
    ObjectKind kind = ObjectKind::Unknown;
    QString token;             // address (1.10) or token (1.12+) as text, e.g. "0x4f8" / 32 hex digits
    ObjectId id;
    quint64 hardLinks = 0;     // reference count: hard links to this object (for a committed
                               // datatype also each dataset or attribute that uses it)
    int attributeCount = 0;
    // Object times; invalid when the file does not track them.
    QDateTime accessed, modified, changed, created;
    bool timesTracked = false;
    // Groups: whether links (and attributes) keep creation order.
    bool tracksLinkCreationOrder = false;
    bool tracksAttributeCreationOrder = false;
    // Datasets and attributes-of: the committed datatype the object uses ("" if none / unnamed).
    QString committedType;
    bool usesCommittedType = false; // true even when the type has no path (anonymous committed type)
    // Datasets: dimension scales (see dimensionscales.h).
    // Both per dimension when the dataset has any (scales: paths of every attached
    // scale, in attachment order; labels: "" for an unlabelled dimension), and
    // empty when it has none at all.
    std::vector<QStringList> dimensionScales;
    QStringList dimensionLabels;
    bool isDimensionScale = false;
    QString scaleName;                        // the NAME attribute of a scale
    QStringList scaleOf;                      // scales: "/dataset (dimension 1)" ... see ScaleUse
    struct ScaleUse
    {
        QString dataset;
        int dimension = -1;
    };
    std::vector<ScaleUse> scaleUses;
};

} // namespace hs::core
