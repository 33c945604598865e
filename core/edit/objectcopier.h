#pragma once

// Internal: the copy engine behind CopyObjectOperation, `hyperslab copy` and
// Save a Copy As. Carries HDF5 identifiers, so only core includes it.

#include "edit/copyoptions.h"
#include "hdf5/handle.h"
#include "model/error.h"

#include <QString>

#include <atomic>
#include <functional>
#include <map>
#include <utility>
#include <vector>

namespace hs::core {

// Copies HDF5 objects within a file or between two open files, the way
// H5Ocopy does (attributes, layout, chunking, filters, fill value, nested
// members, hard links shared inside the copy stay shared), but in small steps:
// the LibraryLock is taken per object and per chunk, cancellation is polled
// between them, and chunked datasets are copied chunk by chunk as stored
// (H5Dread_chunk / H5Dwrite_chunk: no decompression, no recompression).
//
// Nothing is linked into the destination until the whole copy is made (the
// new tree is built as anonymous objects), so a cancelled or failed copy
// leaves no object behind: the unlinked objects are freed when closed.
//
// Runs on one thread (a job's); not reentrant.
class ObjectCopier
{
public:
    using Progress = std::function<void(qint64 done, qint64 total)>;
    ObjectCopier(CopyLinks links, const std::atomic_bool *cancel, Progress progress = {});

    // Copies the object at `sourcePath` of `sourceFile` to the new link
    // `destinationPath` of `destinationFile` (its parent group must exist, the
    // name must not). The names are for messages.
    Status copyObject(hid_t sourceFile, const QString &sourcePath, hid_t destinationFile,
                      const QString &destinationPath, const QString &sourceName, const QString &destinationName);

    // Copies the attributes and every member of the group `sourceGroup` into
    // the existing group `destinationGroup` (Save a Copy As: root to root).
    // On failure what was copied so far stays: the caller discards the file.
    Status copyContents(hid_t sourceGroup, hid_t destinationGroup, const QString &sourceName);
    // Whether the last copyContents failed only because attributes hold
    // references (dimension scales, netCDF-4): then copyContentsAtOnce into a
    // fresh file is the way.
    bool needsLibraryCopy() const { return m_needsLibraryCopy; }
    // The same as copyContents in one H5Ocopy (which maps references between
    // the objects it copies), into a temporary member whose links then move up.
    // Neither cancellable midway nor reporting progress.
    Status copyContentsAtOnce(hid_t sourceGroup, hid_t destinationGroup, const QString &sourceName);

    // The bytes of stored data of the datasets reachable by hard links from
    // `object` (the progress total). Bounded: stops counting after `maxObjects`.
    static qint64 storedBytes(hid_t object, qint64 maxObjects = 200000);

    using Key = std::pair<unsigned long, QByteArray>; // file number, object address or token

private:

    // Copies the open object `source` as `name` into `destinationGroup`.
    Status copyInto(hid_t source, hid_t destinationGroup, const QByteArray &name, const QString &sourcePath);
    Status copyMembers(hid_t sourceGroup, hid_t destinationGroup, const QString &sourcePath);
    Status copyAttributes(hid_t source, hid_t destination, const QString &sourcePath);
    // Notes `destination` as the copy of `source` (for references), and
    // defers the attributes of `source` that hold references.
    void remember(hid_t source, hid_t destination);
    static bool holdsReferences(hid_t object);
    void deferReferenceAttributes(hid_t source, hid_t destination);
    // Writes the deferred attributes, their object references translated to
    // the copies (a reference to an object not copied becomes null).
    Status finishDeferred();
    // An anonymous copy of a chunked dataset, chunk by chunk as stored.
    Result<ObjectHandle> copyChunked(hid_t source, hid_t destinationFile, const QString &sourcePath);
    bool chunkCopyFits(hid_t dataset) const;
    Status library(const QString &action, const QString &subject) const; // the HDF5 error as a Status
    Status cancelled() const;
    bool isCancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }
    void advance(qint64 bytes);

    CopyLinks m_links;
    const std::atomic_bool *m_cancel;
    Progress m_progress;
    qint64 m_done = 0;
    qint64 m_total = 0;
    bool m_sameFile = false;
    hid_t m_destinationFile = H5I_INVALID_HID;
    // Source objects already copied (reached again through another hard link
    // or an expanded soft link): linked again, not copied twice.
    std::map<Key, ObjectHandle> m_copies;
    std::vector<char> m_buffer; // one chunk, reused
    // Between files: source object address -> address of its copy, and the
    // attributes holding references, written once every object is copied.
    std::map<haddr_t, haddr_t> m_addresses;
    unsigned long m_sourceFileno = 0;
    struct Deferred
    {
        ObjectHandle source;
        ObjectHandle destination;
        QByteArray name;
    };
    std::vector<Deferred> m_deferred;
    // Set when an attribute holds references and the copy goes to another
    // file: only H5Ocopy can translate those, so the object is copied by it.
    bool m_needsLibraryCopy = false;
};

} // namespace hs::core
