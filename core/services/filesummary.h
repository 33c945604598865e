#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "services/h5file.h"

#include <QString>

#include <atomic>
#include <functional>
#include <vector>

namespace hs::core {

// What the Overview says about a file: its format and a census of what is in
// it, from a walk of its groups that stops at a cap (then the counts are
// lower bounds: `complete` is false).
struct FileSummary
{
    // Format.
    quint64 fileSize = 0;
    int superblockVersion = -1;
    QString libverLow, libverHigh; // the bounds the file is open with ("earliest", "v18", "v110", ...)
    quint64 userBlock = 0;
    QString driver;                // "sec2", "core", "family", ...
    qint64 freeSpace = -1;         // bytes HDF5 tracks as free inside the file; -1 unknown

    // Census (hard-linked objects counted once).
    quint64 groups = 0;            // including the root group
    quint64 datasets = 0;
    quint64 namedTypes = 0;
    quint64 links = 0;             // every link met, of any kind
    quint64 softLinks = 0, externalLinks = 0, userLinks = 0;
    bool complete = true;

    struct Dataset
    {
        QString path;
        quint64 logicalBytes = 0;  // elements x element size
        quint64 storedBytes = 0;   // what it takes in the file
    };
    std::vector<Dataset> largest;  // by logical size, largest first
};

// Members of one group by kind (links of every type; hard-linked objects by
// what they are), up to a cap.
struct GroupCensus
{
    quint64 groups = 0, datasets = 0, namedTypes = 0, softLinks = 0, externalLinks = 0, userLinks = 0;
    quint64 examined = 0;
    bool complete = true;
    bool unlisted = false; // a group's members could not (all) be listed: the file is damaged there
};

class HYPERSLABCORE_EXPORT FileCensus
{
public:
    static constexpr quint64 DefaultLinkCap = 100000;
    static constexpr int LargestKept = 5;

    // Format fields and a walk of the file breadth first, at most `linkCap`
    // links, holding the library lock for short batches only. `progress`
    // (may be null) gets the summary so far after each batch, on the calling
    // thread. Cancelled: an error of code Cancelled.
    static Result<FileSummary> summarize(const H5FilePtr &file, quint64 linkCap = DefaultLinkCap,
                                         const std::atomic_bool *cancel = nullptr,
                                         const std::function<void(const FileSummary &)> &progress = {});

    // The members of the group at `path`, by kind, at most `cap` of them.
    static Result<GroupCensus> countMembers(const H5FilePtr &file, const QString &path, quint64 cap = 20000,
                                            const std::atomic_bool *cancel = nullptr);
};

} // namespace hs::core
