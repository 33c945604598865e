#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "model/objectsummary.h"
#include "services/h5file.h"

#include <QJsonObject>

#include <atomic>
#include <vector>

class QIODevice;

namespace hs::core {

// Prints what the tree and the inspectors show about objects, for
// `hyperslab info`: readable text, or JSON Lines (one object per line).
class HYPERSLABCORE_EXPORT InfoWriter
{
public:
    struct Options
    {
        bool recursive = false;
        bool json = false;
    };

    // A filter in a dataset's pipeline, and whether this installation can run it.
    struct Filter
    {
        int id = 0;
        QString name;          // "deflate", "lzf", "blosc2", ... (the file's own name for unknown ids)
        bool available = true; // built in, or its plugin was found
    };

    // One line of output: the summary plus what `info` adds to it.
    struct Record
    {
        ObjectSummary summary;
        QString problem; // about the object itself (cannot be opened, members cannot be listed, missing filter)
        std::vector<Filter> filters; // datasets only
        bool filtersKnown = false;
    };

    InfoWriter(H5FilePtr file, Options options);

    // Describes `path` and, for a group, its members (all descendants with
    // `recursive`, never descending twice into one object, never following
    // soft or external links). Fails when `path` does not exist, when the root
    // group of the file cannot be read, or when the group at `path` cannot be
    // listed; problems further down are reported on the objects concerned.
    Status write(const QString &path, QIODevice &out, const std::atomic_bool *cancel = nullptr);

    // One JSON object: path, kind, link {type, target, file, resolved[, problem]},
    // for datasets shape, maxshape, type {class, size, order, text} and filters,
    // for datatypes type, for groups members; "problem" when the object is unreadable.
    static QJsonObject toJson(const Record &record);
    static QString toText(const Record &record);

private:
    Record describe(const ObjectSummary &summary) const;
    Error explainMissing(const QString &path, const Error &error) const;

    H5FilePtr m_file;
    Options m_options;
};

} // namespace hs::core
