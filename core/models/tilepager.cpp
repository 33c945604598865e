#include "models/tilepager.h"

#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"

#include <algorithm>

namespace hs::core {

namespace {
constexpr quint64 MaxTileBytes = 4u << 20;
constexpr quint64 MinTileSide = 32;
} // namespace

TilePager::TilePager(DatasetReaderPtr reader, QObject *parent) : QObject(parent), m_reader(std::move(reader))
{
    qRegisterMetaType<hs::core::Error>();
    m_cache.setMaxCost(qsizetype(DefaultCacheBytes));
}

TilePager::~TilePager() = default;

void TilePager::setView(const Selection &selection, bool transposed)
{
    m_selection = selection;
    m_transposed = transposed;
    ++m_generation;
    m_cache.clear();
    m_failed.clear();
    m_queue.clear();
    m_inFlight.clear(); // late results carry the old generation and are dropped
    m_stale.clear();
    m_rereadAfter.clear();
    m_reportedFailure = false;
    m_hasVisible = false;
    const std::vector<quint64> shape = selection.resultShape();
    quint64 a = shape.size() > 0 ? shape[0] : 1;
    quint64 b = shape.size() > 1 ? shape[1] : 1;
    if (shape.size() > 2)
        a = b = 0; // not a 2-D view; nothing to read
    if (transposed && shape.size() == 2)
        std::swap(a, b);
    m_rows = a;
    m_cols = b;
    chooseTileShape();
}

void TilePager::chooseTileShape()
{
    // Result dimension behind rows/cols (in dataset terms) and its chunk size.
    const std::vector<quint64> chunk = m_reader->chunkShape();
    const int rank = m_selection.resultRank();
    auto chunkRowsFor = [&](int resultDim) -> quint64 {
        if (resultDim < 0 || resultDim >= rank || chunk.empty())
            return 0;
        const int ds = m_selection.datasetDimOf(resultDim);
        const quint64 stride = std::max<quint64>(1, m_selection.dims()[size_t(ds)].stride);
        return std::max<quint64>(1, chunk[size_t(ds)] / stride);
    };
    const int rowDim = rank == 2 && m_transposed ? 1 : 0;
    const int colDim = rank == 2 ? (m_transposed ? 0 : 1) : -1;
    quint64 tr = chunkRowsFor(rowDim);
    quint64 tc = chunkRowsFor(colDim);
    if (tr == 0)
        tr = rank <= 1 ? 4096 : 256;
    if (tc == 0)
        tc = rank <= 1 ? 1 : 256;
    // Whole chunks, but not slivers: at least MinTileSide along each axis
    // that has that many elements.
    if (tr < MinTileSide)
        tr *= (MinTileSide + tr - 1) / tr;
    if (rank == 2 && tc < MinTileSide)
        tc *= (MinTileSide + tc - 1) / tc;
    const quint64 elem = std::max<size_t>(1, m_reader->elementSize());
    while (tr * tc * elem > MaxTileBytes && (tr > MinTileSide || tc > MinTileSide)) {
        if (tr >= tc && tr > MinTileSide)
            tr = std::max<quint64>(MinTileSide, tr / 2);
        else
            tc = std::max<quint64>(MinTileSide, tc / 2);
    }
    m_tileRows = std::max<quint64>(1, std::min(tr, std::max<quint64>(m_rows, 1)));
    m_tileCols = std::max<quint64>(1, std::min(tc, std::max<quint64>(m_cols, 1)));
}

DataBlockPtr TilePager::blockAt(quint64 row, quint64 col) const
{
    if (row >= m_rows || col >= m_cols)
        return nullptr;
    Entry *e = m_cache.object(keyFor(row, col));
    return e ? e->block : nullptr;
}

bool TilePager::failedAt(quint64 row, quint64 col) const
{
    return m_failed.contains(keyFor(row, col));
}

void TilePager::request(quint64 row0, quint64 rows, quint64 col0, quint64 cols)
{
    m_queue.clear();
    m_reqRow0 = row0;
    m_reqRows = rows;
    m_reqCol0 = col0;
    m_reqCols = cols;
    if (m_rows == 0 || m_cols == 0 || rows == 0 || cols == 0)
        return;
    const quint64 lastRow = std::min(m_rows, row0 + rows) - 1;
    const quint64 lastCol = std::min(m_cols, col0 + cols) - 1;
    const quint64 tr0 = row0 / m_tileRows, tr1 = lastRow / m_tileRows;
    const quint64 tc0 = col0 / m_tileCols, tc1 = lastCol / m_tileCols;
    auto want = [this](quint64 r, quint64 c) {
        const TileKey k{r, c};
        if ((!m_cache.contains(k) || m_stale.contains(k)) && !m_inFlight.contains(k) && !m_failed.contains(k))
            m_queue.push_back(k);
    };
    m_visTr0 = tr0;
    m_visTr1 = tr1;
    m_visTc0 = tc0;
    m_visTc1 = tc1;
    m_hasVisible = true;
    for (quint64 r = tr0; r <= tr1; ++r)
        for (quint64 c = tc0; c <= tc1; ++c)
            want(r, c);
    // Prefetch only what fits beside the visible tiles in half the cache, so
    // prefetching never pushes out what is on screen.
    const quint64 tileBytes = m_tileRows * m_tileCols * std::max<quint64>(1, m_reader->elementSize());
    const quint64 visibleTiles = (tr1 - tr0 + 1) * (tc1 - tc0 + 1);
    if ((visibleTiles + 1) * tileBytes > quint64(m_cache.maxCost()) / 2) {
        pump();
        return;
    }
    // Prefetch the ring around the visible tiles: below and right first (the
    // usual scrolling directions), then above and left.
    const quint64 maxTr = (m_rows - 1) / m_tileRows, maxTc = (m_cols - 1) / m_tileCols;
    if (tr1 < maxTr)
        for (quint64 c = tc0; c <= tc1; ++c)
            want(tr1 + 1, c);
    if (tc1 < maxTc)
        for (quint64 r = tr0; r <= tr1; ++r)
            want(r, tc1 + 1);
    if (tr0 > 0)
        for (quint64 c = tc0; c <= tc1; ++c)
            want(tr0 - 1, c);
    if (tc0 > 0)
        for (quint64 r = tr0; r <= tr1; ++r)
            want(r, tc0 - 1);
    pump();
}

void TilePager::pump()
{
    auto visible = [this](const TileKey &k) {
        return m_hasVisible && k.row >= m_visTr0 && k.row <= m_visTr1 && k.col >= m_visTc0 && k.col <= m_visTc1;
    };
    while (!m_queue.empty() && m_inFlight.size() < MaxInFlight) {
        const TileKey key = m_queue.front();
        // Prefetch waits until the screen's tiles have arrived: reads hold the
        // library lock, so a prefetch read started beside the last visible one
        // could make the screen wait for a whole extra tile (and takes a core
        // from it on a 2-core machine). Visible tiles come first in the queue.
        if (!visible(key) && std::any_of(m_inFlight.cbegin(), m_inFlight.cend(), visible))
            break;
        m_queue.pop_front();
        m_inFlight.insert(key);
        const quint64 r0 = key.row * m_tileRows, c0 = key.col * m_tileCols;
        const quint64 nr = std::min(m_tileRows, m_rows - r0), nc = std::min(m_tileCols, m_cols - c0);
        const quint64 gen = m_generation;
        auto job = std::make_unique<FunctionJob>(
            QStringLiteral("Reading values"),
            [this, reader = m_reader, sel = m_selection, tr = m_transposed, key, r0, nr, c0, nc, gen](JobContext &ctx) {
                auto result = reader->readBlock(sel, tr, r0, nr, c0, nc);
                ctx.post([this, result = std::move(result), key, r0, nr, c0, nc, gen] {
                    if (gen != m_generation)
                        return; // an older view
                    m_inFlight.remove(key);
                    if (!m_rereadAfter.remove(key))
                        m_stale.remove(key);
                    if (result) {
                        const DataBlockPtr &b = result.value();
                        m_cache.insert(key, new Entry{b}, qsizetype(std::max<size_t>(1, b->byteSize())));
                        touchVisible();
                    } else {
                        m_failed.insert(key);
                        if (!m_reportedFailure) {
                            m_reportedFailure = true;
                            Q_EMIT readFailed(result.error());
                        }
                    }
                    Q_EMIT blockArrived(r0, nr, c0, nc);
                    if (m_stale.contains(key)) // read before an edit landed: once more
                        m_queue.push_front(key);
                    pump();
                });
            });
        JobTicket *ticket = JobRunner::instance().start(std::move(job), this);
        connect(ticket, &JobTicket::finished, ticket, &QObject::deleteLater);
    }
}

void TilePager::invalidate(quint64 row0, quint64 rows, quint64 col0, quint64 cols)
{
    if (rows == 0 || cols == 0 || row0 >= m_rows || col0 >= m_cols)
        return;
    const quint64 tr0 = row0 / m_tileRows, tr1 = (std::min(m_rows, row0 + rows) - 1) / m_tileRows;
    const quint64 tc0 = col0 / m_tileCols, tc1 = (std::min(m_cols, col0 + cols) - 1) / m_tileCols;
    const auto mark = [this](const TileKey &k) {
        m_failed.remove(k);
        if (m_inFlight.contains(k)) {
            m_rereadAfter.insert(k);
            m_stale.insert(k);
        } else if (m_cache.contains(k)) {
            m_stale.insert(k);
        }
    };
    if ((tr1 - tr0 + 1) * (tc1 - tc0 + 1) <= quint64(m_cache.count() + m_inFlight.size())) {
        for (quint64 r = tr0; r <= tr1; ++r)
            for (quint64 c = tc0; c <= tc1; ++c)
                mark(TileKey{r, c});
    } else { // a huge region (a fill): visit what is cached instead
        const auto within = [&](const TileKey &k) { return k.row >= tr0 && k.row <= tr1 && k.col >= tc0 && k.col <= tc1; };
        for (const TileKey &k : m_cache.keys())
            if (within(k))
                mark(k);
        for (const TileKey &k : QSet<TileKey>(m_inFlight))
            if (within(k))
                mark(k);
        for (const TileKey &k : QSet<TileKey>(m_failed))
            if (within(k))
                m_failed.remove(k);
    }
    // Stale tiles off screen are simply dropped; the screen's are read again.
    for (const TileKey &k : QSet<TileKey>(m_stale)) {
        const bool visible = m_hasVisible && k.row >= m_visTr0 && k.row <= m_visTr1 && k.col >= m_visTc0 && k.col <= m_visTc1;
        if (!visible && !m_inFlight.contains(k)) {
            m_cache.remove(k);
            m_stale.remove(k);
        }
    }
    request(m_reqRow0, m_reqRows, m_reqCol0, m_reqCols);
}

void TilePager::touchVisible() const
{
    // Keep on-screen tiles most recently used (bounded: a screenful of tiles).
    if (!m_hasVisible || (m_visTr1 - m_visTr0 + 1) * (m_visTc1 - m_visTc0 + 1) > 64)
        return;
    for (quint64 r = m_visTr0; r <= m_visTr1; ++r)
        for (quint64 c = m_visTc0; c <= m_visTc1; ++c)
            m_cache.object(TileKey{r, c});
}

void TilePager::setCacheLimit(size_t bytes)
{
    m_cache.setMaxCost(qsizetype(bytes));
}

size_t TilePager::cacheLimit() const
{
    return size_t(m_cache.maxCost());
}

size_t TilePager::cachedBytes() const
{
    return size_t(m_cache.totalCost());
}

} // namespace hs::core
