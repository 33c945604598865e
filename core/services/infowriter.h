#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "model/objectsummary.h"
#include "services/h5file.h"
#include "services/inforecord.h"

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

    using Record = InfoRecord;

    InfoWriter(H5FilePtr file, Options options);

    // Describes `path` and, for a group, its members (all descendants with
    // `recursive`, never descending twice into one object, never following
    // soft or external links). Fails when `path` does not exist, when the root
    // group of the file cannot be read, or when the group at `path` cannot be
    // listed; problems further down are reported on the objects concerned.
    Status write(const QString &path, QIODevice &out, const std::atomic_bool *cancel = nullptr);

    // See InfoRecord for the fields.
    static QJsonObject toJson(const Record &record) { return record.toJson(); }
    static QString toText(const Record &record);

private:
    Record describe(const ObjectSummary &summary) const;
    QString damagedTypeProblem(const ObjectSummary &summary) const;
    Error explainMissing(const QString &path, const Error &error) const;

    H5FilePtr m_file;
    Options m_options;
};

} // namespace hs::core
