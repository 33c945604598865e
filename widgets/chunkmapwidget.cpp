#include "chunkmapwidget.h"

#include "chunkmapcanvas.h"

#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "services/storageinspector.h"
#include "storageformat.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>

namespace hs::ui {

using namespace hs::core;

namespace {

constexpr int kCells2D = 8192; // cells asked of the core: beyond this, chunks are binned
constexpr int kCells1D = 2048;

QString chunkCount(quint64 n)
{
    return n == 1 ? QObject::tr("1 chunk") : QObject::tr("%L1 chunks").arg(n);
}

} // namespace

ChunkMapWidget::ChunkMapWidget(QWidget *parent) : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(6);

    m_controls = new QWidget(this);
    m_controlsLayout = new QHBoxLayout(m_controls);
    m_controlsLayout->setContentsMargins(0, 0, 0, 0);
    m_controlsLayout->setSpacing(6);
    outer->addWidget(m_controls);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(QStringLiteral("chunkMapMessage"));
    outer->addWidget(m_message);

    m_caption = new QLabel(this);
    m_caption->setWordWrap(true);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caption->setObjectName(QStringLiteral("chunkMapCaption"));
    outer->addWidget(m_caption);

    auto *busy = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(10);
    m_progress->setToolTip(tr("Reading the chunk index"));
    m_stop = new QToolButton(this);
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("Stop reading the chunk index and show what has been read"));
    busy->addWidget(m_progress, 1);
    busy->addWidget(m_stop);
    outer->addLayout(busy);
    connect(m_stop, &QToolButton::clicked, this, [this] {
        if (m_ticket) {
            m_stopped = true;
            m_ticket->cancel();
        }
    });

    m_canvas = new ChunkMapCanvas(this);
    m_canvas->toolTipFor = [this](int r, int c) { return cellToolTip(r, c); };
    outer->addWidget(m_canvas);

    // Spin boxes change the slice on every step; build once the user pauses.
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_debounce, &QTimer::timeout, this, &ChunkMapWidget::startBuild);

    clear();
}

ChunkMapWidget::~ChunkMapWidget() = default;

void ChunkMapWidget::clear()
{
    delete m_ticket; // cancels the job; what it still posts is dropped
    ++m_generation;
    m_debounce->stop();
    m_file.reset();
    m_path.clear();
    m_shape = {};
    m_chunkDims.clear();
    m_rowDim = m_colDim = -1;
    m_fixed.clear();
    m_map = {};
    m_hasMap = false;
    m_canvas->setMap(nullptr, 1);
    m_canvas->setStale(false);
    m_canvas->hide();
    m_controls->hide();
    m_caption->clear();
    m_caption->hide();
    m_message->clear();
    m_message->hide();
    setBusy(false);
}

void ChunkMapWidget::setDataset(const H5FilePtr &file, const QString &path, const ShapeInfo &shape,
                                const StorageInfo &info)
{
    clear();
    m_path = path;
    switch (info.layout) {
    case StorageInfo::Layout::Chunked: break;
    case StorageInfo::Layout::Contiguous:
        if (!info.externalFiles.empty())
            return showMessage(tr("No chunk map: the values are stored in external files, not in chunks."));
        return showMessage(tr("No chunk map: the dataset is stored contiguously, in one piece, not in chunks."));
    case StorageInfo::Layout::Compact:
        return showMessage(tr("No chunk map: the dataset is compact, its values live in the object header, not in chunks."));
    case StorageInfo::Layout::Virtual:
        return showMessage(tr("No chunk map: a virtual dataset stores no values of its own; see its mappings."));
    case StorageInfo::Layout::Unknown: return showMessage(tr("No chunk map: the storage layout is not known."));
    }
    if (shape.kind != ShapeInfo::Kind::Simple || shape.dims.empty() || info.chunkDims.size() != shape.dims.size())
        return showMessage(tr("No chunk map: the dataset has no dimensions to lay chunks along."));
    m_file = file;
    m_shape = shape;
    m_chunkDims = info.chunkDims;
    const int rank = int(shape.dims.size());
    m_colDim = rank - 1;
    m_rowDim = rank - 2; // -1 for 1-D
    m_fixed.assign(size_t(rank), 0);
    rebuildControls();
    startBuild();
}

void ChunkMapWidget::setSlice(int rowDim, int colDim, const std::vector<quint64> &fixed)
{
    const int rank = int(m_shape.dims.size());
    if (!m_file || rank == 0)
        return;
    if (rank == 1) {
        rowDim = -1;
        colDim = 0;
    }
    if (colDim >= 0 && colDim < rank && rowDim >= (rank == 1 ? -1 : 0) && rowDim < rank && rowDim != colDim) {
        m_rowDim = rowDim;
        m_colDim = colDim;
    }
    for (int d = 0; d < rank; ++d)
        m_fixed[d] = d < int(fixed.size()) ? std::min(fixed[d], std::max<quint64>(m_shape.dims[d], 1) - 1) : 0;
    syncControls();
    startBuild();
}

void ChunkMapWidget::rebuildControls()
{
    // Once per dataset: N-D datasets have a handful of dimensions.
    while (QLayoutItem *item = m_controlsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_rowCombo = m_colCombo = nullptr;
    m_indexBoxes.clear();
    m_indexSpins.clear();
    const int rank = int(m_shape.dims.size());
    m_controls->setVisible(rank >= 3);
    if (rank < 3)
        return;

    auto dimCombo = [&](const QString &name) {
        auto *c = new QComboBox(m_controls);
        for (int d = 0; d < rank; ++d)
            c->addItem(tr("dim %1 (%L2)").arg(d).arg(m_shape.dims[d]));
        c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        c->setObjectName(name);
        return c;
    };
    m_controlsLayout->addWidget(new QLabel(tr("Rows:"), m_controls));
    m_rowCombo = dimCombo(QStringLiteral("chunkMapRows"));
    m_controlsLayout->addWidget(m_rowCombo);
    m_controlsLayout->addSpacing(6);
    m_controlsLayout->addWidget(new QLabel(tr("Columns:"), m_controls));
    m_colCombo = dimCombo(QStringLiteral("chunkMapColumns"));
    m_controlsLayout->addWidget(m_colCombo);
    for (int d = 0; d < rank; ++d) {
        auto *box = new QWidget(m_controls);
        auto *h = new QHBoxLayout(box);
        h->setContentsMargins(8, 0, 0, 0);
        h->setSpacing(4);
        h->addWidget(new QLabel(tr("dim %1 =").arg(d), box));
        auto *spin = new QSpinBox(box);
        spin->setRange(0, int(std::min<quint64>(std::max<quint64>(m_shape.dims[d], 1) - 1, quint64(INT_MAX))));
        spin->setObjectName(QStringLiteral("chunkMapIndex%1").arg(d));
        spin->setToolTip(tr("Index along dimension %1 of the slice shown").arg(d));
        h->addWidget(spin);
        m_controlsLayout->addWidget(box);
        m_indexBoxes.push_back(box);
        m_indexSpins.push_back(spin);
        connect(spin, &QSpinBox::valueChanged, this, [this, d](int v) {
            m_fixed[d] = quint64(v);
            m_debounce->start();
        });
    }
    m_controlsLayout->addStretch(1);

    // Picking the other combo's dimension swaps the two, so rows != columns always.
    auto pick = [this](bool rows, int d) {
        int &mine = rows ? m_rowDim : m_colDim;
        int &other = rows ? m_colDim : m_rowDim;
        if (d == mine)
            return;
        if (d == other)
            other = mine;
        mine = d;
        syncControls();
        startBuild();
    };
    connect(m_rowCombo, &QComboBox::activated, this, [pick](int d) { pick(true, d); });
    connect(m_colCombo, &QComboBox::activated, this, [pick](int d) { pick(false, d); });
    syncControls();
}

void ChunkMapWidget::syncControls()
{
    if (!m_rowCombo)
        return;
    const QSignalBlocker blockRows(m_rowCombo), blockCols(m_colCombo);
    m_rowCombo->setCurrentIndex(m_rowDim);
    m_colCombo->setCurrentIndex(m_colDim);
    for (int d = 0; d < int(m_indexSpins.size()); ++d) {
        const QSignalBlocker block(m_indexSpins[d]);
        m_indexSpins[d]->setValue(int(m_fixed[d]));
        m_indexBoxes[d]->setVisible(d != m_rowDim && d != m_colDim);
    }
}

void ChunkMapWidget::startBuild()
{
    m_debounce->stop();
    if (!m_file)
        return;
    delete m_ticket;
    const quint64 generation = ++m_generation;
    m_hasMap = false;
    m_stopped = false;
    // The previous slice's picture stays, faded, until the new one arrives:
    // the panel keeps its height and its scroll position.
    m_canvas->setStale(true);
    m_caption->setText(tr("Reading the chunk index\u2026"));
    m_caption->show();
    m_message->hide();
    setBusy(true);
    m_progress->setValue(0);

    const int maxCells = m_rowDim < 0 ? kCells1D : kCells2D;
    auto job = std::make_unique<FunctionJob>(
        tr("Chunk map of %1").arg(m_path),
        [this, file = m_file, path = m_path, rowDim = m_rowDim, colDim = m_colDim, fixed = m_fixed, maxCells,
         generation](JobContext &ctx) {
            auto map = StorageInspector::chunkMap(file, path, rowDim, colDim, fixed, maxCells, ctx.cancelFlag(),
                                                  [&ctx](double f) { ctx.setProgress(qint64(f * 1000), 1000); });
            ctx.post([this, generation, map = std::move(map)] {
                if (generation != m_generation)
                    return;
                if (!map) {
                    showMessage(map.error().code == ErrorCode::Cancelled
                                    ? tr("Stopped before any of the chunk map was read.")
                                    : tr("Could not build the chunk map: %1").arg(map.error().message));
                } else {
                    m_map = map.value();
                    m_hasMap = true;
                    m_canvas->setMap(&m_map, cellAspect());
                    m_canvas->setStale(false);
                    m_canvas->show();
                    m_caption->setText(caption());
                    m_caption->show();
                }
                Q_EMIT mapReady();
            });
        });
    core::JobTicket *ticket = JobRunner::instance().start(std::move(job), this);
    m_ticket = ticket;
    connect(ticket, &core::JobTicket::progressChanged, this, [this, ticket](qint64 done, qint64 total) {
        if (ticket == m_ticket && total > 0)
            m_progress->setValue(int(done * 1000 / total));
    });
    connect(ticket, &core::JobTicket::finished, this, [this, ticket] {
        if (ticket == m_ticket) {
            m_ticket = nullptr;
            setBusy(false);
        }
        ticket->deleteLater();
    });
}

void ChunkMapWidget::showMessage(const QString &text)
{
    m_map = {};
    m_canvas->setMap(nullptr, 1);
    m_canvas->hide();
    m_message->setText(text);
    m_message->show();
    m_caption->hide();
}

void ChunkMapWidget::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_stop->setVisible(busy);
}

QString ChunkMapWidget::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

double ChunkMapWidget::cellAspect() const
{
    if (m_colDim < 0 || m_rowDim < 0 || size_t(m_colDim) >= m_chunkDims.size() || size_t(m_rowDim) >= m_chunkDims.size())
        return 1;
    const double w = double(m_map.binCols) * double(m_chunkDims[m_colDim]);
    const double h = double(m_map.binRows) * double(m_chunkDims[m_rowDim]);
    // Proportional up to 4:1; beyond that a cell would be a hairline.
    return h > 0 ? std::clamp(w / h, 0.25, 4.0) : 1;
}

QString ChunkMapWidget::caption() const
{
    if (!m_hasMap)
        return {};
    const quint64 total = std::max<quint64>(m_map.chunkRows, 1) * m_map.chunkCols;
    QString text = m_shape.dims.size() > 2 ? tr("%1 in this slice, %L2 allocated") : tr("%1, %L2 allocated");
    text = text.arg(chunkCount(total)).arg(m_map.allocated);
    if (m_map.binRows * m_map.binCols == 1)
        text += tr("; cells show 1 chunk each");
    else if (m_rowDim < 0)
        text += tr("; cells show up to %L1 chunks each").arg(m_map.binCols);
    else
        text += tr("; cells show up to %L1 \u00d7 %L2 chunks each").arg(m_map.binRows).arg(m_map.binCols);
    if (!m_map.complete)
        text += tr(" (stopped part way: chunks not yet read show as not allocated)");
    return text;
}

QString ChunkMapWidget::cellToolTip(int row, int col) const
{
    if (!m_hasMap || row < 0 || col < 0 || row >= m_map.rows || col >= m_map.cols)
        return {};
    const size_t i = size_t(row) * size_t(m_map.cols) + size_t(col);
    if (i >= m_map.cellBytes.size())
        return {};
    // The chunks of the cell along every dataset dimension, and the elements they hold.
    const int rank = int(m_shape.dims.size());
    QStringList chunkText;
    std::vector<quint64> start(static_cast<size_t>(rank)), end(static_cast<size_t>(rank));
    quint64 chunks = 1;
    for (int d = 0; d < rank; ++d) {
        const quint64 cd = std::max<quint64>(m_chunkDims[d], 1);
        quint64 c0 = m_fixed[d] / cd, c1 = c0;
        if (d == m_colDim || d == m_rowDim) {
            const bool isCol = d == m_colDim;
            const quint64 bin = isCol ? m_map.binCols : m_map.binRows;
            const quint64 n = isCol ? m_map.chunkCols : m_map.chunkRows;
            c0 = quint64(isCol ? col : row) * bin;
            c1 = std::min(c0 + bin, n) - 1;
        }
        chunks *= c1 - c0 + 1;
        chunkText << (c0 == c1 ? QString::number(c0) : QStringLiteral("%1\u2013%2").arg(c0).arg(c1));
        start[d] = c0 * cd;
        end[d] = std::min((c1 + 1) * cd, m_shape.dims[d]);
    }
    QStringList lines;
    const QString coords = chunkText.join(QStringLiteral(", "));
    lines << (chunks == 1 ? tr("Chunk (%1)").arg(coords) : tr("Chunks (%1), %L2 in this cell").arg(coords).arg(chunks));
    lines << tr("Elements %1").arg(storageformat::box(start, end));
    const quint32 allocated = i < m_map.cellAllocated.size() ? m_map.cellAllocated[i] : (m_map.cellBytes[i] < 0 ? 0 : 1);
    if (m_map.cellBytes[i] < 0 || allocated == 0) {
        lines << (chunks == 1 ? tr("Not allocated: nothing written; reads give the fill value")
                              : tr("None allocated: nothing written; reads give the fill value"));
    } else {
        const quint64 bytes = quint64(m_map.cellBytes[i]);
        if (chunks > 1) {
            lines << tr("%L1 of %L2 allocated, %3 on disk in all").arg(allocated).arg(chunks).arg(storageformat::sizeWithExact(bytes));
            if (m_map.chunkBytes > 0)
                lines << tr("%1 per chunk uncompressed").arg(storageformat::sizeWithExact(m_map.chunkBytes));
        } else {
            lines << tr("%1 on disk").arg(storageformat::sizeWithExact(bytes));
            if (m_map.chunkBytes > 0)
                lines << tr("%1 uncompressed, ratio %2")
                             .arg(storageformat::sizeWithExact(m_map.chunkBytes),
                                  storageformat::ratio(bytes ? double(m_map.chunkBytes) / double(bytes) : 0));
        }
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace hs::ui
