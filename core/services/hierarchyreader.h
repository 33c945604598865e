#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "model/objectsummary.h"
#include "services/h5file.h"

#include <atomic>
#include <functional>
#include <span>
#include <vector>

namespace hs::core {

enum class ChildOrder { Name, CreationOrder };

// Reads the link structure of a file: one bounded step per call, each under the
// LibraryLock, so a caller (a job) can publish results and let other work run
// in between. Stateless apart from the file it reads.
class HYPERSLABCORE_EXPORT HierarchyReader
{
public:
    explicit HierarchyReader(H5FilePtr file);

    struct Batch
    {
        std::vector<LinkEntry> entries;
        quint64 nextCursor = 0; // pass back to continue
        bool complete = false;  // no links after these
    };

    // Lists up to `maxCount` links of the group at `groupPath`, starting at
    // position `cursor` of the iteration (HDF5's native order for ChildOrder::Name,
    // the creation-order index for ChildOrder::CreationOrder). Kinds stay Unknown
    // for hard links (see resolveKinds); link targets are filled in. `cancel`
    // is polled per link.
    Result<Batch> listLinks(const QString &groupPath, ChildOrder order, quint64 cursor, quint64 maxCount,
                            const std::atomic_bool *cancel = nullptr) const;

    // The same listing, each link handed to `visit` as it is read instead of
    // collected (a million LinkEntry would be 112 MB): `expect` first gets
    // the group's link count when maxCount is large (for reserving), then
    // `visit` every link, with the LibraryLock held (no signals, no waiting).
    // The batch's `entries` stay empty.
    struct LinkVisitor
    {
        std::function<void(quint64 count)> expect; // optional
        std::function<void(LinkEntry &&entry)> visit;
        // Optional, just before each visit: the object address of a hard
        // link, NoAddress for other links (and always with HDF5 1.12 or
        // later, whose links carry tokens).
        std::function<void(quint64 objectAddress)> address;
    };
    Result<Batch> listLinks(const QString &groupPath, ChildOrder order, quint64 cursor, quint64 maxCount,
                            const std::atomic_bool *cancel, const LinkVisitor &visitor) const;

    // Fills `kind` (and `problem` for links that do not resolve) of entries that
    // are members of `groupPath`. One lock for the whole span: keep spans bounded.
    void resolveKinds(const QString &groupPath, std::span<LinkEntry> entries) const;

    // The same, with each hard link's object address as the listing saw it
    // (LinkVisitor::address; NoAddress if not known). The kind is then read
    // from the object's header at that address: the group's own index (the
    // name B-tree and, in a dense group, the fractal heap holding the links)
    // is not searched again per member, which is most of the cost of a lookup
    // by name in a large group. Anything that does not resolve so is looked
    // up by name as above, which says why in words.
    static constexpr quint64 NoAddress = ~quint64(0);
    void resolveKinds(const QString &groupPath, std::span<LinkEntry> entries, std::span<const quint64> addresses) const;

    // While the kinds of a large group are resolved: HDF5's metadata cache at
    // a fixed size (bytes) instead of resizing itself. Looking the members up
    // one after another outside the listing's iteration, the adaptive cache
    // grows and keeps every object header it read; its bookkeeping of them
    // (a skip list per cache "tag") then costs more than the misses it saves,
    // and memory grows with it. useAdaptiveMetadataCache() goes back to the
    // configuration the file was opened with. HDF5 1.10 shrinks a cache made
    // smaller only when it next loads an entry, and keeps what it evicts on
    // its free lists (see releaseLibraryMemory).
    void useFixedMetadataCache(size_t bytes) const;
    void useAdaptiveMetadataCache() const;
    // Hands what HDF5 keeps on its free lists (of every file: memory it
    // freed, kept for reuse) back to malloc (H5garbage_collect).
    static void releaseLibraryMemory();
    // True while the metadata cache is configured as the file was opened
    // (not fixed by useFixedMetadataCache).
    bool metadataCacheAsOpened() const;

    // True when the group records the creation order of its links and indexes it.
    bool tracksCreationOrder(const QString &groupPath) const;

    // Shape, type, identity and link of the object at `path`.
    Result<ObjectSummary> summarize(const QString &path) const;

    // Whether `path` exists as a link (resolving or not) in the file.
    bool linkExists(const QString &path) const;

    static QString childPath(const QString &parent, const QString &name);

private:
    H5FilePtr m_file;
};

} // namespace hs::core
