#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "model/objectsummary.h"
#include "services/h5file.h"

#include <QJsonObject>

#include <atomic>

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

    InfoWriter(H5FilePtr file, Options options);

    // Describes `path` and, for a group, its members (all descendants with
    // `recursive`, never descending twice into one object, never following
    // soft or external links). Fails only when `path` itself does not exist.
    Status write(const QString &path, QIODevice &out, const std::atomic_bool *cancel = nullptr);

    static QJsonObject toJson(const ObjectSummary &summary);
    static QString toText(const ObjectSummary &summary);

private:
    H5FilePtr m_file;
    Options m_options;
};

} // namespace hs::core
