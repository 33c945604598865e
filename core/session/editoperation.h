#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "services/h5file.h"

#include <QMetaType>
#include <QString>

#include <atomic>
#include <functional>
#include <utility>
#include <vector>

namespace hs::core {

// A box of a dataset's values in dataset coordinates: one start and count per
// dimension (both empty for a scalar dataset, which is one value).
struct HYPERSLABCORE_EXPORT ValueRegion
{
    std::vector<quint64> start;
    std::vector<quint64> count;
    // Whether the box overlaps [start, start+count) of `other` in every dimension.
    bool intersects(const ValueRegion &other) const;
    bool operator==(const ValueRegion &) const = default;
};

// What an applied or reverted edit changed, in paths of the file. The session
// turns it into its change signals once the change is on disk.
struct HYPERSLABCORE_EXPORT ChangeSet
{
    std::vector<QString> membersChanged;    // groups whose member list changed
    std::vector<QString> objectsChanged;    // shape, layout or link target changed
    std::vector<QString> attributesChanged; // objects whose attributes changed
    std::vector<std::pair<QString, ValueRegion>> valuesChanged;
    // ObjectId::token of each valuesChanged dataset (same order), filled in by
    // the session: views of the dataset through another hard link update too.
    std::vector<QByteArray> valuesChangedObjects;
    std::vector<QString> removed;                   // paths that no longer name an object
    std::vector<std::pair<QString, QString>> moved; // from, to
    bool isEmpty() const;
};

// What an edit operation sees while it runs on the session's write queue (a
// pool thread). The operation takes the LibraryLock itself: for a short edit
// around the whole change, for a long one (fill, copy) one chunk at a time,
// polling isCancelled() between chunks.
class HYPERSLABCORE_EXPORT EditContext
{
public:
    EditContext(H5FilePtr file, const std::atomic_bool *cancel,
                std::function<void(qint64, qint64)> progress = {});

    const H5FilePtr &file() const { return m_file; }
    bool isCancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }
    const std::atomic_bool *cancelFlag() const { return m_cancel; }
    void setProgress(qint64 done, qint64 total) const;
    // Record here what the change touched (paths as the user sees them).
    ChangeSet &changes() { return m_changes; }
    const ChangeSet &changes() const { return m_changes; }

private:
    H5FilePtr m_file;
    const std::atomic_bool *m_cancel;
    std::function<void(qint64, qint64)> m_progress;
    ChangeSet m_changes;
};

// One change to a file, reversible. Rules every operation keeps:
// - apply() first captures what revert() needs (previous bytes, the previous
//   attribute's type/shape/value, the unlinked object kept open...), then
//   changes the file, checking every HDF5 return;
// - a failed or cancelled apply()/revert() leaves the file as it was before the
//   call (undo the partial work before returning the error);
// - apply() and revert() alternate: apply, revert, apply, ... (redo = apply);
// - messages name the file and the object, in words a scientist understands.
// The session flushes the file (H5Fflush) after a successful call and only
// then reports success.
class HYPERSLABCORE_EXPORT EditOperation
{
public:
    virtual ~EditOperation();
    // The undo-history text, e.g. "Set /data/t[3, 7] to 2.5",
    // "Delete attribute units of /data/t".
    virtual QString description() const = 0;
    virtual Status apply(EditContext &context) = 0;
    virtual Status revert(EditContext &context) = 0;
    // True for operations that may run for long (fill, copy): the UI shows
    // progress and Cancel for them.
    virtual bool isLong() const { return false; }
};

} // namespace hs::core

Q_DECLARE_METATYPE(hs::core::ValueRegion)
