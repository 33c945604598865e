#pragma once

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "model/selection.h"
#include "services/datasetreader.h"

#include <QCache>
#include <QObject>
#include <QSet>

#include <deque>

namespace hs::core {

struct TileKey
{
    quint64 row = 0; // tile index, not element index
    quint64 col = 0;
    bool operator==(const TileKey &) const = default;
};
inline size_t qHash(const TileKey &k, size_t seed = 0)
{
    return qHashMulti(seed, k.row, k.col);
}

// Pages the 2-D view of a dataset in tiles. Tiles follow the dataset's chunk
// shape (so a screen costs as few chunk decompressions as possible), are read
// on worker threads, kept in an LRU cache bounded in bytes, and requested
// newest-first: a request replaces the queue, so tiles that scrolling made
// stale are never read. Results of an older view (generation) are dropped.
// Lives in the GUI thread.
class HYPERSLABCORE_EXPORT TilePager : public QObject
{
    Q_OBJECT
public:
    static constexpr size_t DefaultCacheBytes = 64u << 20;
    static constexpr int MaxInFlight = 2;

    explicit TilePager(DatasetReaderPtr reader, QObject *parent = nullptr);
    ~TilePager() override;

    // The 2-D view: `selection` must have result rank <= 2.
    void setView(const Selection &selection, bool transposed);
    const Selection &selection() const { return m_selection; }
    bool isTransposed() const { return m_transposed; }

    quint64 rowCount() const { return m_rows; } // elements down
    quint64 colCount() const { return m_cols; } // elements across
    quint64 tileRows() const { return m_tileRows; }
    quint64 tileCols() const { return m_tileCols; }

    // The cached block holding element (row, col), or null (not loaded yet).
    // Marks it most recently used.
    DataBlockPtr blockAt(quint64 row, quint64 col) const;
    // Whether the tile holding (row, col) failed to read.
    bool failedAt(quint64 row, quint64 col) const;

    // The user looks at this range now: load its missing tiles first (top-left
    // to bottom-right), then the ring of tiles around it. Replaces whatever was
    // still queued.
    void request(quint64 row0, quint64 rows, quint64 col0, quint64 cols);

    // The values of elements [row0, row0+rows) x [col0, col0+cols) changed
    // (an edit): tiles over them are read again. Until a tile's new values
    // arrive its old ones stay on screen (no placeholder flash); a read that
    // was already under way is repeated, as it may predate the change.
    void invalidate(quint64 row0, quint64 rows, quint64 col0, quint64 cols);

    void setCacheLimit(size_t bytes);
    size_t cacheLimit() const;
    size_t cachedBytes() const;
    int queuedCount() const { return int(m_queue.size()); }
    std::vector<TileKey> queuedTiles() const { return {m_queue.begin(), m_queue.end()}; }
    int inFlightCount() const { return int(m_inFlight.size()); }

Q_SIGNALS:
    // A tile arrived: element rectangle [row0, row0+rows) x [col0, col0+cols).
    void blockArrived(quint64 row0, quint64 rows, quint64 col0, quint64 cols);
    // Once per view for the first failure (e.g. a missing filter plugin).
    void readFailed(const hs::core::Error &error);

private:
    struct Entry
    {
        DataBlockPtr block;
    };
    void chooseTileShape();
    void pump();
    void touchVisible() const;
    TileKey keyFor(quint64 row, quint64 col) const { return {row / m_tileRows, col / m_tileCols}; }

    DatasetReaderPtr m_reader;
    Selection m_selection;
    bool m_transposed = false;
    quint64 m_rows = 0, m_cols = 0;
    quint64 m_tileRows = 256, m_tileCols = 256;
    quint64 m_generation = 0;
    mutable QCache<TileKey, Entry> m_cache;
    QSet<TileKey> m_failed;
    std::deque<TileKey> m_queue;
    QSet<TileKey> m_inFlight;
    QSet<TileKey> m_stale;       // cached, but to be read again (invalidate)
    QSet<TileKey> m_rereadAfter; // in flight when invalidated: read again once it lands
    quint64 m_reqRow0 = 0, m_reqRows = 0, m_reqCol0 = 0, m_reqCols = 0; // the last request
    bool m_reportedFailure = false;
    quint64 m_visTr0 = 0, m_visTr1 = 0, m_visTc0 = 0, m_visTc1 = 0; // visible tiles, inclusive
    bool m_hasVisible = false;
};

} // namespace hs::core
