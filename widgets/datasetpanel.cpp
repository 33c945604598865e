#include "datasetpanel.h"
#include "viewertabs.h"

#include "celleditdelegate.h"
#include "datagridview.h"
#include "exportcontroller.h"
#include "exportdialog.h"
#include "formatoptionsbar.h"
#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "model/referencetarget.h"
#include "models/datasettablemodel.h"
#include "plot/plotpanel.h"
#include "plot/slicestate.h"
#include "slicecontrols.h"
#include "valueeditactions.h"
#include "valueeditcontroller.h"
#include "model/names.h"

#include <QApplication>
#include <QClipboard>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QPushButton>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>
#include <string>

namespace hs::ui {

using namespace hs::core;

DatasetPanel::DatasetPanel(DatasetReaderPtr reader, const QString &fileName, QWidget *parent)
    : QWidget(parent),
      m_reader(std::move(reader)),
      m_fileName(fileName),
      m_model(new DatasetTableModel(m_reader, this)),
      m_slice(new SliceControls(this)),
      m_options(new FormatOptionsBar(this)),
      m_grid(new DataGridView(this)),
      m_stack(new QStackedWidget(this)),
      m_split(new QSplitter(Qt::Horizontal, this)),
      m_state(new SliceState(this)),
      m_banner(new QLabel(this)),
      m_message(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto *title = new QLabel(this);
    const ShapeInfo &shape = m_reader->shape();
    title->setText(QStringLiteral("<b>%1</b> &nbsp; <span style='color:gray'>%2 &nbsp;\u2014&nbsp; %3 &nbsp; %4</span>")
                       .arg(names::toEscaped(m_reader->path().section(QLatin1Char('/'), -1)).toHtmlEscaped(),
                            names::toEscaped(m_reader->path()).toHtmlEscaped(), shape.text(), m_reader->type().brief.toHtmlEscaped()));
    title->setToolTip(m_reader->type().text);
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(title);
    layout->addWidget(m_slice);
    auto *optionsRow = new QHBoxLayout;
    optionsRow->addWidget(m_options, 1);
    auto *exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setObjectName(QStringLiteral("exportButton"));
    exportButton->setToolTip(tr("Export the selected cells, this view or a typed selection to CSV (Ctrl+E)"));
    optionsRow->addWidget(exportButton);
    layout->addLayout(optionsRow);
    connect(exportButton, &QPushButton::clicked, this, &DatasetPanel::exportDialog);
    m_banner->setStyleSheet(QStringLiteral("background:#fbeaea; color:#8a1f11; padding:6px; border-radius:3px;"));
    m_banner->setWordWrap(true);
    m_banner->hide();
    layout->addWidget(m_banner);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_stack->addWidget(m_grid);
    m_stack->addWidget(m_message);
    m_split->addWidget(m_stack);
    m_split->setChildrenCollapsible(false);
    // Viewer plugins that fit the dataset get tabs beside the grid (and its plot).
    layout->addWidget(new ViewerTabs(m_reader, m_split, this), 1);

    m_grid->setModel(m_model);
    // Nothing to show or export: say why instead of an empty grid.
    exportButton->setEnabled(hasElements());
    if (shape.kind == ShapeInfo::Kind::Null) {
        m_message->setText(tr("This dataset has no data (its dataspace is null)."));
        m_stack->setCurrentWidget(m_message);
        m_slice->hide();
        m_options->hide();
        optionsRow->insertStretch(0, 1); // the (disabled) button keeps its size
        exportButton->setToolTip(tr("A dataset with a null dataspace has no values to export."));
    } else if (!hasElements()) {
        QStringList empty;
        for (size_t d = 0; d < shape.dims.size(); ++d)
            if (shape.dims[d] == 0)
                empty << QString::number(d);
        const QString which = empty.size() == 1 ? tr("dimension %1 has length 0").arg(empty.first())
                                                : tr("dimensions %1 have length 0").arg(empty.join(QStringLiteral(", ")));
        m_message->setText(tr("This dataset has no elements: its shape is %1 (%2), so there are no values to show or export.")
                               .arg(shape.text(), which));
        m_stack->setCurrentWidget(m_message);
        m_slice->hide();
        m_options->hide();
        optionsRow->insertStretch(0, 1); // the (disabled) button keeps its size
        exportButton->setToolTip(tr("A dataset without elements has no values to export."));
    } else {
        m_slice->setVisible(shape.kind == ShapeInfo::Kind::Simple);
    }

    connect(m_slice, &SliceControls::viewChanged, this, [this](const Selection &sel, bool transposed) {
        m_banner->hide();
        // Another slice of the same layout (a fixed index moved, from the
        // controls or a plot's slider) keeps the cursor where it was.
        const Selection &old = m_model->selection();
        bool sameLayout = transposed == m_model->isTransposed() && old.resultShape() == sel.resultShape()
                          && old.dims().size() == sel.dims().size();
        for (size_t d = 0; sameLayout && d < sel.dims().size(); ++d)
            sameLayout = old.dims()[d].dropped == sel.dims()[d].dropped && (sel.dims()[d].dropped || old.dims()[d] == sel.dims()[d]);
        const quint64 row = sameLayout ? m_grid->currentRow() : 0, column = sameLayout ? m_grid->currentColumn() : 0;
        m_model->setView(sel, transposed);
        m_grid->setCurrentCell(row, column);
        if (!hasElements())
            return;
        // A selection with nothing in it ([5:5]) says so instead of an empty grid.
        const bool empty = m_model->totalRows() == 0 || m_model->totalColumns() == 0;
        if (empty)
            m_message->setText(tr("The selection %1 has no elements.").arg(sel.toText()));
        m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_message) : m_grid);
        updateCurrentValue();
    });
    // The shared slice state: the grid's controls and cursor write it; a plot
    // that moves it (a slider, a click) moves the grid.
    m_slice->setSliceState(m_state);
    connect(m_grid, &DataGridView::currentCellChanged, this, [this](quint64 r, quint64 c) {
        m_state->setCurrentCell(r, c / quint64(std::max(1, m_model->fieldCount())));
    });
    connect(m_state, &SliceState::currentCellChanged, this, [this](quint64 r, quint64 c) {
        const quint64 f = quint64(std::max(1, m_model->fieldCount()));
        if (m_grid->currentRow() != r || m_grid->currentColumn() / f != c)
            m_grid->setCurrentCell(r, c * f + m_grid->currentColumn() % f);
    });
    connect(m_grid, &DataGridView::selectionChanged, this, [this] {
        if (m_plot)
            m_state->setSelectedCells(selectedCellsSelection());
    });
    auto *plotKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_P), this, this, &DatasetPanel::togglePlot);
    plotKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(m_options, &FormatOptionsBar::optionsChanged, m_model, &DatasetTableModel::setFormatOptions);
    connect(m_options, &FormatOptionsBar::optionsChanged, this, &DatasetPanel::updateCurrentValue);
    connect(m_model, &DatasetTableModel::readFailed, this, [this](const Error &e) {
        m_banner->setText(e.message);
        m_banner->setToolTip(e.detail);
        m_banner->show();
    });
    connect(m_grid, &DataGridView::currentCellChanged, this, &DatasetPanel::updateCurrentValue);
    connect(m_grid, &DataGridView::cellActivated, this, [this](quint64 r, quint64 c) {
        const QString ref = referenceAt(r, c);
        if (ReferenceTarget::parse(ref).isValid())
            Q_EMIT referenceActivated(ref);
    });
    connect(m_grid, &DataGridView::cellContextMenuRequested, this, &DatasetPanel::showCellMenu);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &DatasetPanel::updateCurrentValue);

    m_edits = new ValueEditController(m_model, this);
    m_grid->tableView()->setItemDelegate(new CellEditDelegate(m_edits, m_grid->tableView()));
    connect(m_edits, &ValueEditController::writeFailed, this, &DatasetPanel::errorOccurred);
    connect(m_edits, &ValueEditController::written, this, &DatasetPanel::statusMessage);
    auto *paste = new QShortcut(QKeySequence::Paste, this, this, [this] { ValueEditActions::pasteInto(this); });
    paste->setContext(Qt::WidgetWithChildrenShortcut);

    auto *copy = new QShortcut(QKeySequence::Copy, this, this, [this] { copySelection(); });
    copy->setContext(Qt::WidgetWithChildrenShortcut);
    auto *go = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_G), this, this, &DatasetPanel::goToCellDialog);
    go->setContext(Qt::WidgetWithChildrenShortcut);
    auto *exp = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_E), this, this, &DatasetPanel::exportDialog);
    exp->setContext(Qt::WidgetWithChildrenShortcut);

    if (shape.kind == ShapeInfo::Kind::Simple)
        m_slice->setShape(shape.dims); // emits viewChanged
    else if (shape.kind == ShapeInfo::Kind::Scalar)
        m_model->setView(Selection::all({}), false);
}

DatasetPanel::~DatasetPanel() = default;

bool DatasetPanel::canPlot() const
{
    return hasElements() && m_reader->shape().kind == ShapeInfo::Kind::Simple;
}

bool DatasetPanel::isPlotVisible() const
{
    return m_plot && !m_plot->isHidden();
}

void DatasetPanel::setPlotVisible(bool visible)
{
    if (visible == isPlotVisible() || (visible && !canPlot()))
        return;
    if (!m_plot) {
        m_state->setSelectedCells(selectedCellsSelection());
        m_plot = new PlotPanel(m_state, m_reader->file(), m_reader->path(), m_split);
        m_plot->setObjectName(QStringLiteral("plotPanel"));
        m_split->addWidget(m_plot);
        m_split->setStretchFactor(0, 2);
        m_split->setStretchFactor(1, 3);
        // A single column of numbers needs little room; a 2-D grid shares it.
        const int w = std::max(600, m_split->width());
        const int gridPart = m_model->selection().resultRank() <= 1 ? w * 3 / 10 : w * 2 / 5;
        m_split->setSizes({gridPart, w - gridPart});
        connect(m_plot, &PlotPanel::cellClicked, this, &DatasetPanel::selectDatasetIndex);
    }
    m_plot->setVisible(visible);
    Q_EMIT plotVisibilityChanged(visible);
}

void DatasetPanel::selectDatasetIndex(const std::vector<quint64> &index)
{
    const Selection &view = m_model->selection();
    if (index.size() != view.dims().size())
        return;
    const int rank = view.resultRank();
    const bool t = m_model->isTransposed();
    auto pos = [&](int resultDim) -> quint64 {
        if (resultDim < 0 || resultDim >= rank)
            return 0;
        const int d = view.datasetDimOf(resultDim);
        return view.dims()[size_t(d)].positionOf(index[size_t(d)]);
    };
    const quint64 row = pos(rank == 2 && t ? 1 : 0);
    const quint64 col = rank == 2 ? pos(t ? 0 : 1) : 0;
    const quint64 f = quint64(std::max(1, m_model->fieldCount()));
    m_grid->setCurrentCell(row, col * f);
}

bool DatasetPanel::hasElements() const
{
    const ShapeInfo &shape = m_reader->shape();
    if (shape.kind == ShapeInfo::Kind::Null)
        return false;
    return std::none_of(shape.dims.begin(), shape.dims.end(), [](quint64 d) { return d == 0; });
}

QString DatasetPanel::currentValueText() const
{
    if (!hasElements() || m_model->totalRows() == 0 || m_model->totalColumns() == 0)
        return {};
    const quint64 r = m_grid->currentRow(), c = m_grid->currentColumn();
    return QStringLiteral("%1 = %2").arg(m_model->positionText(r, c), m_model->cellText(r, c, true));
}

void DatasetPanel::updateCurrentValue()
{
    Q_EMIT currentValueChanged(currentValueText());
}

QString DatasetPanel::referenceAt(quint64 row, quint64 column) const
{
    const auto &fields = m_reader->fields();
    const quint64 f = quint64(m_model->fieldCount());
    if (row >= m_model->totalRows() || column >= m_model->totalColumns() || !m_model->isLoaded(row, column))
        return {};
    if (fields[size_t(column % f)].type.typeClass != QLatin1String("reference"))
        return {};
    return m_model->cellText(row, column, true);
}

void DatasetPanel::showCellMenu(quint64 row, quint64 column, const QPoint &globalPos)
{
    QMenu menu(this);
    const QString ref = referenceAt(row, column);
    const ReferenceTarget target = ReferenceTarget::parse(ref);
    if (target.isValid()) {
        QAction *follow = menu.addAction(target.isRegion() ? tr("Open Referenced Region") : tr("Go to Referenced Object"));
        follow->setStatusTip(ref);
        connect(follow, &QAction::triggered, this, [this, ref] { Q_EMIT referenceActivated(ref); });
        menu.addSeparator();
    }
    menu.addAction(tr("Copy"), QKeySequence::Copy, this, [this] { copySelection(); });
    menu.addAction(tr("Copy with Indices"), this, [this] { copySelection(true); })
        ->setStatusTip(tr("Copy with a first row of column indices and a first column of row indices, as the headers show them"));
    if (m_edits->isEditable()) {
        menu.addAction(tr("Paste"), QKeySequence::Paste, this, [this] { ValueEditActions::pasteInto(this); });
        menu.addAction(tr("Fill Selection\u2026"), this, [this] { ValueEditActions::fillSelection(this); });
    }
    menu.addAction(tr("Go to Cell\u2026"), QKeySequence(Qt::CTRL | Qt::Key_G), this, &DatasetPanel::goToCellDialog);
    menu.addAction(tr("Export\u2026"), QKeySequence(Qt::CTRL | Qt::Key_E), this, &DatasetPanel::exportDialog);
    menu.exec(globalPos);
}

void DatasetPanel::selectRegion(const ReferenceTarget &target)
{
    if (!target.isRegion())
        return;
    const ShapeInfo &shape = m_reader->shape();
    if (target.kind == ReferenceTarget::Kind::RegionAll || shape.kind != ShapeInfo::Kind::Simple) {
        m_grid->selectAll();
        return;
    }
    const int rank = int(shape.dims.size());
    if (rank == 0 || target.blocks.empty())
        return;
    auto valid = [rank](const ReferenceTarget::Block &b) {
        return int(b.start.size()) == rank && int(b.end.size()) == rank;
    };
    const ReferenceTarget::Block *first = nullptr;
    for (const auto &b : target.blocks)
        if (valid(b)) {
            first = &b;
            break;
        }
    if (!first)
        return;
    // The default orientation (last two dimensions) with the others fixed at
    // the first block: the view maps dataset indices straight onto cells.
    const int rowDim = rank >= 2 ? rank - 2 : 0, colDim = rank >= 2 ? rank - 1 : -1;
    if (rank >= 2) {
        m_slice->setDisplayedDimensions(rowDim, colDim);
        for (int d = 0; d < rank - 2; ++d)
            m_slice->setFixedIndex(d, first->start[size_t(d)]);
    }
    const Selection &view = m_model->selection();
    const quint64 f = quint64(m_model->fieldCount());
    std::vector<CellRange> ranges;
    for (const auto &b : target.blocks) {
        if (!valid(b))
            continue;
        bool inSlice = true;
        for (int d = 0; d < rank - 2; ++d) {
            const quint64 at = view.dims()[size_t(d)].start;
            inSlice = inSlice && b.start[size_t(d)] <= at && at <= b.end[size_t(d)];
        }
        if (!inSlice)
            continue;
        CellRange r;
        r.top = b.start[size_t(rowDim)];
        r.bottom = b.end[size_t(rowDim)];
        r.left = colDim >= 0 ? b.start[size_t(colDim)] * f : 0;
        r.right = colDim >= 0 ? b.end[size_t(colDim)] * f + f - 1 : f - 1;
        ranges.push_back(r);
    }
    m_grid->setSelectedRanges(ranges);
    m_grid->setFocus();
}

void DatasetPanel::goToCell(quint64 row, quint64 column)
{
    m_grid->setCurrentCell(row, column);
    m_grid->setFocus();
}

void DatasetPanel::goToCellDialog()
{
    if (m_model->totalRows() == 0 || m_model->totalColumns() == 0)
        return;
    // Dataset indices, as the headers show them (a strided view skips some).
    const quint64 lastRow = m_model->datasetRow(m_model->totalRows() - 1);
    const quint64 lastCol = m_model->datasetColumn(m_model->totalColumns() - 1);
    bool ok = false;
    const QString text = QInputDialog::getText(
        this, tr("Go to Cell"),
        tr("Dataset row and column index (rows %1 to %2, columns %3 to %4):")
            .arg(m_model->datasetRow(0)).arg(lastRow).arg(m_model->datasetColumn(0)).arg(lastCol),
        QLineEdit::Normal,
        QStringLiteral("%1, %2").arg(m_model->datasetRow(m_grid->currentRow())).arg(m_model->datasetColumn(m_grid->currentColumn())),
        &ok);
    if (ok)
        goToCellText(text);
}

bool DatasetPanel::goToCellText(const QString &text)
{
    const quint64 f = quint64(m_model->fieldCount());
    const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,\\s;]+")), Qt::SkipEmptyParts);
    bool okRow = false, okCol = true;
    const quint64 row = parts.value(0).toULongLong(&okRow);
    const quint64 col = parts.size() > 1 ? parts.value(1).toULongLong(&okCol) : m_model->datasetColumn(m_grid->currentColumn());
    if (!okRow || !okCol) {
        Q_EMIT errorOccurred(tr("Go to Cell"), Error::make(ErrorCode::InvalidArgument,
                                                            tr("\u201c%1\u201d is not a row and column, e.g. \u201c1000, 5\u201d.").arg(text)));
        return false;
    }
    goToCell(m_model->rowOfIndex(row), m_model->columnOfIndex(col) * f + m_grid->currentColumn() % f);
    return true;
}

void DatasetPanel::setErrorPresenter(ErrorPresenter *errors)
{
    m_errors = errors;
}

Selection DatasetPanel::selectedCellsSelection() const
{
    // The grid's rectangle is in view coordinates (rows, grid columns); map it
    // back onto the dataset through the view's selection.
    Selection sel = m_model->selection();
    const CellRange range = m_grid->selection();
    const quint64 f = quint64(m_model->fieldCount());
    const int rank = sel.resultRank();
    const bool t = m_model->isTransposed();
    auto narrow = [&](int resultDim, quint64 first, quint64 last) {
        if (resultDim < 0 || resultDim >= rank)
            return;
        DimSlice &d = sel.dims()[size_t(sel.datasetDimOf(resultDim))];
        d.start += first * d.stride;
        d.count = last - first + 1;
    };
    narrow(rank == 2 && t ? 1 : 0, range.top, range.bottom);
    if (rank == 2)
        narrow(t ? 0 : 1, range.left / f, range.right / f);
    return sel;
}

void DatasetPanel::exportDialog()
{
    if (!hasElements())
        return;
    if (!m_export) {
        m_export = new ExportController(window(), m_errors, this);
        connect(m_export, &ExportController::reported, this, &DatasetPanel::statusMessage);
    }
    if (m_export->isRunning())
        return;
    ExportDialog::Context ctx;
    ctx.sourceFile = m_sourceFile;
    ctx.datasetPath = m_reader->path();
    ctx.shape = m_reader->shape().dims;
    ctx.fieldCount = m_model->fieldCount();
    ctx.view = m_model->selection();
    ctx.viewTransposed = m_model->isTransposed();
    const CellRange range = m_grid->selection();
    if (range.rowCount() * range.columnCount() > 1)
        ctx.selectedCells = selectedCellsSelection();
    ctx.format = m_model->formatOptions();
    // The folder of the last export, else the HDF5 file's.
    ctx.directory = ExportDialog::rememberedFolder();
    if (ctx.directory.isEmpty() && !m_sourceFile.isEmpty())
        ctx.directory = QFileInfo(m_sourceFile).absolutePath();
    ExportDialog dialog(ctx, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    auto request = dialog.request();
    if (!request) {
        Q_EMIT errorOccurred(tr("Could not export"), request.error());
        return;
    }
    m_export->start(m_reader, request.value());
}

void DatasetPanel::copySelection(bool withIndices)
{
    if (!hasElements() || m_model->totalRows() == 0 || m_model->totalColumns() == 0)
        return;
    const CellRange range = m_grid->selection();
    const quint64 cells = range.rowCount() * range.columnCount();
    if (cells > CopyAskThreshold) {
        const auto answer = QMessageBox::question(
            this, tr("Copy"),
            tr("Copy %L1 cells (%L2 rows \u00d7 %L3 columns) to the clipboard? This can take a while and a lot of memory.")
                .arg(cells).arg(range.rowCount()).arg(range.columnCount()));
        if (answer != QMessageBox::Yes)
            return;
    }
    // Read off the GUI thread: most of a large selection is not in the cache.
    const quint64 fields = quint64(m_model->fieldCount());
    const Selection sel = m_model->selection();
    const bool transposed = m_model->isTransposed();
    const FormatOptions opts = m_model->formatOptions();
    // The headers' dataset indices, taken now: the view may change meanwhile.
    std::string header;
    std::optional<DimSlice> rows;
    if (withIndices) {
        for (quint64 g = range.left; g <= range.right; ++g)
            header += '\t' + m_model->columnTitle(g).replace(QLatin1Char('\n'), QLatin1Char(' ')).toStdString();
        header += '\n';
        if (const DimSlice *s = m_model->rowSlice())
            rows = *s;
    }
    auto job = std::make_unique<FunctionJob>(tr("Copying"), [this, reader = m_reader, sel, transposed, opts, range, fields, withIndices,
                                                             header = std::move(header), rows](JobContext &ctx) {
        std::string out = header;
        const quint64 col0 = range.left / fields, col1 = range.right / fields;
        const quint64 step = 4096;
        for (quint64 r = range.top; r <= range.bottom; r += step) {
            if (ctx.isCancelled())
                return;
            const quint64 nr = std::min(step, range.bottom - r + 1);
            auto block = reader->readBlock(sel, transposed, r, nr, col0, col1 - col0 + 1);
            if (!block) {
                ctx.post([this, e = block.error()] { Q_EMIT errorOccurred(tr("Could not copy"), e); });
                return;
            }
            for (quint64 i = 0; i < nr; ++i) {
                if (withIndices)
                    out += std::to_string(rows ? rows->datasetIndex(r + i) : r + i) + '\t';
                for (quint64 g = range.left; g <= range.right; ++g) {
                    if (g != range.left)
                        out += '\t';
                    (*block)->appendUtf8(i, g / fields - col0, int(g % fields), opts, out);
                }
                out += '\n';
            }
            ctx.setProgress(qint64(r - range.top + nr), qint64(range.rowCount()));
        }
        ctx.post([this, text = QString::fromUtf8(out), cells = range.rowCount() * range.columnCount()] {
            QApplication::clipboard()->setText(text);
            Q_EMIT copied(int(std::min<quint64>(cells, quint64(std::numeric_limits<int>::max()))));
        });
    });
    JobTicket *ticket = JobRunner::instance().start(std::move(job), this);
    connect(ticket, &JobTicket::finished, ticket, &QObject::deleteLater);
}

} // namespace hs::ui
