#include "storagepanel.h"

#include "chunkmapwidget.h"
#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "services/hierarchyreader.h"
#include "services/storageinspector.h"
#include "session/objectreadscope.h"
#include "storageformat.h"
#include "model/names.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QStyle>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <optional>

#include <optional>


namespace hs::ui {

using namespace hs::core;
namespace fmt = storageformat;

namespace {

const char kErrorColour[] = "#b03a2e";
const char kOkColour[] = "#2e7d32";

QLabel *selectableLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    return l;
}

QString capitalized(QString s)
{
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

QTableWidgetItem *item(const QString &text, const QString &toolTip = {})
{
    auto *it = new QTableWidgetItem(text);
    it->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    it->setToolTip(toolTip.isEmpty() ? text : toolTip);
    return it;
}

// Tables in the form show every row: the panel scrolls, not each table.
void fitHeight(QTableWidget *t)
{
    t->resizeColumnsToContents();
    t->horizontalHeader()->setStretchLastSection(true);
    int h = t->horizontalHeader()->sizeHint().height() + 2 * t->frameWidth();
    for (int r = 0; r < t->rowCount(); ++r)
        h += t->rowHeight(r);
    t->setFixedHeight(h);
}

// The selected rows, tab-separated, as a spreadsheet pastes them.
void copySelection(QTableWidget *t)
{
    QStringList lines;
    for (int r = 0; r < t->rowCount(); ++r) {
        QStringList cells;
        bool selected = false;
        for (int c = 0; c < t->columnCount(); ++c) {
            const QTableWidgetItem *it = t->item(r, c);
            selected |= it && it->isSelected();
            cells << (it ? it->text() : QString());
        }
        if (selected)
            lines << cells.join(QLatin1Char('\t'));
    }
    if (!lines.isEmpty())
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

} // namespace

StoragePanel::StoragePanel(QWidget *parent) : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    outer->addWidget(scroll);

    auto *content = new QWidget(scroll);
    auto *v = new QVBoxLayout(content);
    v->setContentsMargins(12, 10, 12, 12);
    v->setSpacing(8);
    scroll->setWidget(content);

    m_title = selectableLabel(content);
    m_title->setObjectName(QStringLiteral("title"));
    QFont tf = m_title->font();
    tf.setBold(true);
    m_title->setFont(tf);
    v->addWidget(m_title);

    m_message = selectableLabel(content);
    m_message->setObjectName(QStringLiteral("message"));
    v->addWidget(m_message);

    // A missing filter plugin is the one thing here a user must act on: a
    // visible box, in words they can paste into a terminal.
    m_warning = new QFrame(content);
    m_warning->setObjectName(QStringLiteral("filterWarning"));
    m_warning->setStyleSheet(QStringLiteral("QFrame#filterWarning { background: #fff4ce; border: 1px solid #d9a400;"
                                            " border-radius: 4px; } QLabel { color: #3d3000; }"));
    auto *wl = new QHBoxLayout(m_warning);
    wl->setContentsMargins(10, 8, 10, 8);
    wl->setSpacing(10);
    auto *icon = new QLabel(m_warning);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(22, 22));
    icon->setAlignment(Qt::AlignTop);
    wl->addWidget(icon);
    m_warningText = selectableLabel(m_warning);
    m_warningText->setObjectName(QStringLiteral("filterWarningText"));
    wl->addWidget(m_warningText, 1);
    v->addWidget(m_warning);

    m_formHost = new QWidget(content);
    m_form = new QFormLayout(m_formHost);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setLabelAlignment(Qt::AlignRight);
    m_form->setHorizontalSpacing(12);
    m_form->setVerticalSpacing(6);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    v->addWidget(m_formHost);
    v->addStretch(1);

    m_layoutHeader = addSection(tr("Layout"));
    m_layout = addValueRow(tr("Layout:"), "layout");
    m_chunkShape = addValueRow(tr("Chunk shape:"), "chunkShape");
    m_chunkSize = addValueRow(tr("Chunk size:"), "chunkSize");
    m_allocated = addValueRow(tr("Allocated chunks:"), "allocatedChunks");

    m_sizeHeader = addSection(tr("Size"));
    m_logical = addValueRow(tr("Logical size:"), "logicalSize");
    m_storage = addValueRow(tr("Storage size:"), "storageSize");
    m_ratio = addValueRow(tr("Compression ratio:"), "compressionRatio");

    m_fillHeader = addSection(tr("Fill value and allocation"));
    m_fillValue = addValueRow(tr("Fill value:"), "fillValue");
    m_allocTime = addValueRow(tr("Allocation time:"), "allocTime");
    m_fillTime = addValueRow(tr("Fill time:"), "fillTime");

    m_filterHeader = addSection(tr("Filter pipeline"));
    m_noFilters = selectableLabel(m_formHost);
    m_noFilters->setObjectName(QStringLiteral("noFilters"));
    m_form->addRow(tr("Filters:"), m_noFilters);
    m_filters = addTable({tr("#"), tr("Filter"), tr("Parameters"), tr("Available")}, "filters");

    m_externalHeader = addSection(tr("External files"));
    m_external = addTable({tr("File"), tr("Offset"), tr("Size")}, "externalFiles");

    m_virtualHeader = addSection(tr("Virtual mappings"));
    m_virtual = addTable({tr("Virtual selection"), tr("Source file"), tr("Source dataset"), tr("Source selection")},
                         "virtualMappings");

    m_chunkMapHeader = addSection(tr("Chunk map"));
    m_chunkMap = new ChunkMapWidget(m_formHost);
    m_chunkMap->setObjectName(QStringLiteral("chunkMap"));
    m_form->addRow(m_chunkMap);

    // Most datasets answer within a few milliseconds: say "Reading…" only
    // when one does not, so quick selection changes do not flicker.
    m_readingDelay = new QTimer(this);
    m_readingDelay->setSingleShot(true);
    m_readingDelay->setInterval(250);
    connect(m_readingDelay, &QTimer::timeout, this, [this] {
        if (isLoading())
            showMessage(tr("Reading how %1 is stored\u2026").arg(m_path));
    });

    clear();
}

QLabel *StoragePanel::addSection(const QString &title)
{
    auto *l = new QLabel(title, m_formHost);
    l->setObjectName(QStringLiteral("section"));
    l->setIndent(0); // a styled border would otherwise indent the heading by half an "x"
    // A rule under each heading groups the rows without boxes around them.
    l->setStyleSheet(QStringLiteral("QLabel { font-weight: 600; margin: 0; padding: 10px 0 2px 0;"
                                    " border: none; border-bottom: 1px solid palette(mid); }"));
    m_form->addRow(l);
    return l;
}

QLabel *StoragePanel::addValueRow(const QString &label, const char *name)
{
    QLabel *value = selectableLabel(m_formHost);
    value->setObjectName(QLatin1String(name));
    m_form->addRow(label, value);
    return value;
}

QTableWidget *StoragePanel::addTable(const QStringList &headers, const char *name)
{
    auto *t = new QTableWidget(0, int(headers.size()), m_formHost);
    t->setObjectName(QLatin1String(name));
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 8);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    t->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    t->setTextElideMode(Qt::ElideMiddle);
    t->setWordWrap(false);
    t->horizontalHeader()->setHighlightSections(false);
    t->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    auto *copy = new QAction(tr("Copy"), t);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, t, [t] { copySelection(t); });
    t->addAction(copy);
    t->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_form->addRow(t);
    return t;
}

void StoragePanel::clear()
{
    delete m_ticket; // cancels the job; what it still posts is dropped
    ++m_generation;
    m_readingDelay->stop();
    m_file.reset();
    m_path.clear();
    m_title->clear();
    m_title->hide();
    m_chunkMap->clear();
    setFormVisible(false);
    showMessage(tr("Select a dataset to see how it is stored."));
}

QString StoragePanel::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void StoragePanel::showMessage(const QString &text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? QStringLiteral("color: %1;").arg(QLatin1String(kErrorColour))
                                     : QStringLiteral("color: palette(dark);"));
    m_message->setVisible(!text.isEmpty());
}

void StoragePanel::setFormVisible(bool visible)
{
    m_formHost->setVisible(visible);
    if (!visible)
        m_warning->hide();
}

void StoragePanel::setObject(const H5FilePtr &file, const QString &path, ObjectKind kind)
{
    clear();
    if (!file)
        return;
    m_file = file;
    m_path = path;
    m_title->setText(names::toEscaped(path));
    m_title->show();
    switch (kind) {
    case ObjectKind::Group:
        showMessage(tr("Groups have no storage of their own."));
        Q_EMIT loaded();
        return;
    case ObjectKind::Datatype:
        showMessage(tr("Committed datatypes have no storage of their own: they describe values stored elsewhere."));
        Q_EMIT loaded();
        return;
    case ObjectKind::Missing:
        showMessage(tr("This link leads to no object, so there is no storage to show."));
        Q_EMIT loaded();
        return;
    case ObjectKind::Dataset:
    case ObjectKind::Unknown: break;
    }
    showMessage({});

    const quint64 generation = m_generation;
    auto job = std::make_unique<FunctionJob>(tr("Storage of %1").arg(path), [this, file, path, kind,
                                                                               generation](JobContext &ctx) {
        // The shape sizes the chunk map's slice controls; the kind settles Unknown.
        std::optional<ObjectReadScope> crumb(std::in_place, file->path(), path);
        ObjectKind actual = kind;
        ShapeInfo shape;
        std::optional<Error> summaryError;
        auto summary = HierarchyReader(file).summarize(path);
        if (summary) {
            actual = summary->kind;
            if (summary->shape)
                shape = *summary->shape;
        } else {
            summaryError = summary.error();
        }
        std::optional<Result<StorageInfo>> info;
        if (actual == ObjectKind::Dataset)
            info = StorageInspector::inspect(file, path);
        crumb.reset();
        ctx.post([this, generation, actual, shape, summaryError, info = std::move(info)] {
            if (generation != m_generation)
                return;
            m_readingDelay->stop();
            if (info && info->ok()) {
                showMessage({});
                showInfo(info->value(), shape);
            } else if (info) {
                showMessage(tr("Could not read how this dataset is stored. %1").arg(info->error().message), true);
            } else if (summaryError) {
                showMessage(tr("Could not read this object. %1").arg(summaryError->message), true);
            } else {
                showMessage(actual == ObjectKind::Group      ? tr("Groups have no storage of their own.")
                            : actual == ObjectKind::Datatype ? tr("Committed datatypes have no storage of their own.")
                                                             : tr("This object has no storage to show."));
            }
            Q_EMIT loaded();
        });
    });
    core::JobTicket *ticket = JobRunner::instance().start(std::move(job), this);
    m_ticket = ticket;
    connect(ticket, &core::JobTicket::finished, this, [this, ticket] {
        if (ticket == m_ticket)
            m_ticket = nullptr;
        ticket->deleteLater();
    });
    m_readingDelay->start();
}

void StoragePanel::setRow(QLabel *value, const QString &text, const QString &toolTip)
{
    value->setText(text);
    value->setToolTip(toolTip);
    m_form->setRowVisible(value, !text.isEmpty());
}

void StoragePanel::showInfo(const StorageInfo &info, const ShapeInfo &shape)
{
    const bool chunked = info.layout == StorageInfo::Layout::Chunked;
    setRow(m_layout, capitalized(info.layoutName.isEmpty() ? tr("unknown") : info.layoutName));

    quint64 chunkElements = 1;
    for (quint64 d : info.chunkDims)
        chunkElements *= d;
    setRow(m_chunkShape, chunked ? fmt::dims(info.chunkDims) : QString());
    setRow(m_chunkSize, chunked ? fmt::sizeWithExact(info.chunkBytes) : QString(),
           chunkElements ? tr("One chunk, uncompressed: %L1 elements of %2").arg(chunkElements).arg(fmt::exactBytes(info.chunkBytes / chunkElements))
                         : QString());
    QString allocated;
    if (chunked)
        allocated = info.allocatedChunks >= 0 ? tr("%L1 of %L2").arg(info.allocatedChunks).arg(info.totalChunks)
                                              : tr("not known (of %L1)").arg(info.totalChunks);
    setRow(m_allocated, allocated, tr("Chunks written to the file. The others hold no data yet and read as the fill value."));

    setRow(m_logical, fmt::sizeWithExact(info.logicalSize), tr("Elements \u00d7 bytes per element in the file"));
    setRow(m_storage, fmt::sizeWithExact(info.storageSize), tr("Bytes the values take in the file"));
    setRow(m_ratio, fmt::ratio(info.compressionRatio), tr("Logical size \u00f7 storage size"));

    QString fill;
    switch (info.fill) {
    case StorageInfo::Fill::Undefined: fill = tr("undefined"); break;
    case StorageInfo::Fill::Default:
        fill = info.fillValue.isEmpty() ? tr("library default") : tr("%1 (library default)").arg(info.fillValue);
        break;
    case StorageInfo::Fill::UserDefined:
        fill = info.fillValue.isEmpty() ? tr("user-defined") : tr("%1 (user-defined)").arg(info.fillValue);
        break;
    }
    setRow(m_fillValue, fill,
           info.fill == StorageInfo::Fill::Undefined
               ? tr("No fill value is defined: parts never written read as whatever the file holds there.")
               : tr("What parts of the dataset that were never written read as."));
    setRow(m_allocTime, info.allocTime,
           tr("When file space for the values is reserved: early (at creation), incremental (chunk by chunk, as "
              "written) or late (at the first write)."));
    setRow(m_fillTime, info.fillTime, tr("When the fill value is written into newly reserved space."));

    fillFilters(info);
    fillExternal(info);
    fillVirtual(info);
    m_form->setRowVisible(m_chunkMapHeader, true);
    m_chunkMap->setDataset(m_file, m_path, shape, info);
    setFormVisible(true);
}

void StoragePanel::fillFilters(const StorageInfo &info)
{
    m_filters->setRowCount(0);
    QStringList advice;
    bool required = false;
    for (const FilterInfo &f : info.filters) {
        const int r = m_filters->rowCount();
        m_filters->insertRow(r);
        const QString name = f.displayName.isEmpty() ? f.name : f.displayName;
        QStringList about{tr("HDF5 filter %1").arg(f.id)};
        // Deflate is always optional; saying so in the name would worry more than inform.
        if (f.optional)
            about << tr("Optional: a chunk it cannot shrink is stored without it");
        if (!f.nameInFile.isEmpty())
            about << tr("The file calls it \u201c%1\u201d").arg(f.nameInFile);
        if (!f.values.empty()) {
            QStringList raw;
            for (unsigned v : f.values)
                raw << QString::number(v);
            about << tr("Client data: %1").arg(raw.join(QStringLiteral(", ")));
        }
        m_filters->setItem(r, 0, item(QString::number(r + 1)));
        m_filters->setItem(r, 1, item(name, about.join(QLatin1Char('\n'))));
        const QString params = f.parameters.join(QStringLiteral(", "));
        m_filters->setItem(r, 2, item(params.isEmpty() ? QStringLiteral("\u2014") : params, params));
        QTableWidgetItem *avail = f.available ? item(tr("\u2713 available"), tr("Built in, or its plugin loads"))
                                              : item(tr("\u2717 missing"), f.advice);
        avail->setForeground(QColor(QLatin1String(f.available ? kOkColour : kErrorColour)));
        m_filters->setItem(r, 3, avail);
        if (!f.available) {
            advice << (f.advice.isEmpty() ? tr("The %1 filter is not available in this installation.").arg(name) : f.advice);
            required |= !f.optional;
        }
    }
    fitHeight(m_filters);
    // Parameters can be long (Blosc, ZFP): that column takes what is left
    // and elides (the tooltip has them whole), so "Available" stays in view.
    QHeaderView *header = m_filters->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(2, QHeaderView::Stretch);
    m_filters->setWordWrap(false);
    m_filters->setTextElideMode(Qt::ElideRight);
    const bool any = !info.filters.empty();
    m_form->setRowVisible(m_filters, any);
    const bool canHaveFilters = info.layout == StorageInfo::Layout::Chunked;
    m_form->setRowVisible(m_filterHeader, any || canHaveFilters);
    m_noFilters->setText(tr("None: the values are stored as they are."));
    m_form->setRowVisible(m_noFilters, !any && canHaveFilters);

    if (required)
        advice << tr("Until then the values of this dataset cannot be read.");
    m_warningText->setText(advice.join(QLatin1Char('\n')));
    m_warning->setVisible(!advice.isEmpty());
}

void StoragePanel::fillExternal(const StorageInfo &info)
{
    m_external->setRowCount(0);
    for (const ExternalFile &e : info.externalFiles) {
        const int r = m_external->rowCount();
        m_external->insertRow(r);
        m_external->setItem(r, 0, item(e.name));
        m_external->setItem(r, 1, item(QStringLiteral("%L1").arg(e.offset), fmt::exactBytes(quint64(e.offset))));
        m_external->setItem(r, 2, e.size == ~quint64(0) ? item(tr("unlimited"), tr("Grows to the end of the file"))
                                                        : item(fmt::size(e.size), fmt::exactBytes(e.size)));
    }
    fitHeight(m_external);
    const bool any = !info.externalFiles.empty();
    m_form->setRowVisible(m_externalHeader, any);
    m_form->setRowVisible(m_external, any);
}

void StoragePanel::fillVirtual(const StorageInfo &info)
{
    m_virtual->setRowCount(0);
    for (const VirtualMapping &m : info.virtualMappings) {
        const int r = m_virtual->rowCount();
        m_virtual->insertRow(r);
        m_virtual->setItem(r, 0, item(m.virtualSelection));
        m_virtual->setItem(r, 1, item(m.sourceFile, m.sourceFile == QLatin1String(".") ? tr("This file") : m.sourceFile));
        m_virtual->setItem(r, 2, item(m.sourceDataset));
        m_virtual->setItem(r, 3, item(m.sourceSelection));
    }
    fitHeight(m_virtual);
    const bool any = !info.virtualMappings.empty();
    m_form->setRowVisible(m_virtualHeader, info.layout == StorageInfo::Layout::Virtual);
    m_form->setRowVisible(m_virtual, any);
}

} // namespace hs::ui
