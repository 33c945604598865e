#include "attributespanel.h"

#include "attributeeditor.h"
#include "attributelooks.h"

#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "model/referencetarget.h"
#include "models/attributetablemodel.h"
#include "services/attributereader.h"
#include "model/names.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolButton>
#include <QTextDocument>
#include <QVBoxLayout>

namespace hs::ui {

using namespace hs::core;
using Model = AttributeTableModel;

namespace {

QLabel *mutedLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    return l;
}

} // namespace

AttributesPanel::AttributesPanel(QWidget *parent)
    : QWidget(parent),
      m_model(new AttributeTableModel(this)),
      m_looks(new AttributeLooks(this)),
      m_editor(new AttributeEditor(this)),
      m_status(new QLabel(this)),
      m_header(mutedLabel(this)),
      m_order(new QComboBox(this)),
      m_stack(new QStackedWidget(this)),
      m_table(new QTableView(this)),
      m_message(new QLabel(this)),
      m_detail(new QWidget(this)),
      m_detailHead(new QLabel(m_detail)),
      m_detailValue(new QPlainTextEdit(m_detail))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 6);
    layout->setSpacing(4);

    auto *top = new QHBoxLayout;
    top->setSpacing(6);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setMinimumWidth(40);
    top->addWidget(m_header, 1);
    auto *orderLabel = mutedLabel(this);
    orderLabel->setText(tr("Order:"));
    top->addWidget(orderLabel);
    m_order->addItem(tr("Name"));
    m_order->addItem(tr("Creation"));
    m_order->setToolTip(tr("Show attributes by name or in the order they were created (when the object records it)"));
    m_order->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    top->addWidget(m_order);
    layout->addLayout(top);

    // The edit buttons, and beside them what became of the last edit.
    auto *edits = new QHBoxLayout;
    edits->setSpacing(2);
    for (QAction *a : {m_editor->addAction(), m_editor->editAction(), m_editor->renameAction(), m_editor->deleteAction()}) {
        auto *b = new QToolButton(this);
        b->setDefaultAction(a);
        b->setAutoRaise(true);
        b->setToolButtonStyle(Qt::ToolButtonIconOnly);
        b->setIconSize(QSize(16, 16));
        edits->addWidget(b, 0, Qt::AlignTop);
        m_editButtons << b;
    }
    edits->addSpacing(6);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumWidth(40);
    m_status->hide();
    edits->addWidget(m_status, 1);
    edits->addStretch();
    layout->addLayout(edits);

    m_looks->setSourceModel(m_model);
    m_table->setModel(m_looks);
    m_table->setItemDelegate(new AttributeDelegate(m_table));
    m_looks->commit = [this](int row, int column, const QString &text) { commitEdit(row, column, text); };
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // values elide; the detail view has them whole
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setMinimumSectionSize(36);
    m_table->horizontalHeader()->setDefaultSectionSize(60);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setHighlightSections(false);

    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setMargin(16);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_message);

    auto *detailLayout = new QVBoxLayout(m_detail);
    detailLayout->setContentsMargins(0, 6, 0, 0);
    detailLayout->setSpacing(4);
    m_detailHead->setWordWrap(true);
    m_detailHead->setTextFormat(Qt::RichText);
    m_detailHead->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailHead->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_detailHead->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum); // the value box gives way, not the heading
    m_detailValue->setMinimumHeight(m_detailValue->fontMetrics().height() * 3);
    m_detailValue->setReadOnly(true);
    m_detailValue->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detailValue->setPlaceholderText(tr("Select an attribute to see its whole value."));
    detailLayout->addWidget(m_detailHead);
    detailLayout->addWidget(m_detailValue, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_stack);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({300, 200});
    layout->addWidget(splitter, 1);

    connect(m_model, &Model::loaded, this, &AttributesPanel::onLoaded);
    connect(m_model, &Model::failed, this, [this](const Error &e) {
        showMessage(e.message, true); // already says what could not be read
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AttributesPanel::onCurrentRowChanged);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &i) {
        const AttributeInfo *a = m_model->attributeAt(i.row());
        if (a && a->references.isEmpty() && i.column() == Model::ValueColumn)
            editCurrentValue();
        else
            activateRow(i.row());
    });
    m_message->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_message, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (!m_file)
            return;
        QMenu menu(this);
        menu.setToolTipsVisible(true);
        menu.addAction(m_editor->addAction());
        menu.exec(m_message->mapToGlobal(pos));
    });
    connect(m_editor, &AttributeEditor::inlineEditRequested, this, &AttributesPanel::startInlineEdit);
    connect(m_editor, &AttributeEditor::renameRequested, this, &AttributesPanel::startRename);
    connect(m_editor, &AttributeEditor::message, this, &AttributesPanel::showStatus);
    connect(m_editor, &AttributeEditor::attributesChanged, this, [this] {
        m_model->refresh();
        updateHeader();
    });
    connect(m_editor, &AttributeEditor::selectRequested, this, [this](const QString &name) {
        m_detailName = name; // onLoaded selects it once the new rows are in
        if (!m_model->isLoading() && !name.isEmpty())
            selectAttribute(name);
    });
    connect(m_table, &QWidget::customContextMenuRequested, this, &AttributesPanel::showContextMenu);
    connect(m_order, &QComboBox::activated, this, &AttributesPanel::applyOrderChoice);
    auto *copy = new QShortcut(QKeySequence::Copy, m_table, this, &AttributesPanel::copyValue);
    copy->setContext(Qt::WidgetShortcut);
    auto *f2 = new QShortcut(Qt::Key_F2, m_table, this, [this] {
        if (m_table->currentIndex().column() == Model::NameColumn)
            renameCurrent();
        else
            editCurrentValue();
    });
    f2->setContext(Qt::WidgetShortcut);
    auto *del = new QShortcut(QKeySequence::Delete, m_table, this, &AttributesPanel::deleteCurrent);
    del->setContext(Qt::WidgetShortcut);

    clear();
}

AttributesPanel::~AttributesPanel() = default;

void AttributesPanel::setObject(const H5FilePtr &file, const QString &path, ObjectKind kind)
{
    if (!file) {
        clear();
        return;
    }
    if (file == m_file && path == m_path && kind != ObjectKind::Missing)
        return;
    delete m_orderTicket;
    m_file = file;
    m_path = path;
    clearDetail();
    showStatus({}, false);
    m_looks->endEdit();
    m_editor->setTarget(kind == ObjectKind::Missing ? H5FilePtr() : file, path);
    // The header counts the model's rows: update it once the model has
    // let go of the previous object's.
    if (kind == ObjectKind::Missing) {
        m_model->setObject(nullptr, {});
        updateHeader();
        showMessage(tr("This link does not lead to an object, so there are no attributes to show."));
        return;
    }
    m_model->setObject(file, path);
    updateHeader();
    if (m_model->isLoading())
        showMessage(tr("Loading attributes\u2026"));
    else
        onLoaded();
    checkCreationOrder();
}

void AttributesPanel::clear()
{
    delete m_orderTicket;
    m_file.reset();
    m_path.clear();
    m_model->setObject(nullptr, {});
    clearDetail();
    showStatus({}, false);
    m_editor->setTarget(nullptr, {});
    updateHeader();
    showMessage(tr("Select an object to see its attributes."));
}

QString AttributesPanel::messageText() const
{
    return m_stack->currentWidget() == m_message ? m_message->text() : QString();
}

QString AttributesPanel::headerText() const
{
    return m_header->text();
}

QString AttributesPanel::detailHeading() const
{
    QTextDocument doc;
    doc.setHtml(m_detailHead->text());
    return doc.toPlainText().trimmed();
}

QString AttributesPanel::detailValue() const
{
    return m_detailValue->toPlainText();
}

void AttributesPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateHeader(); // the path is elided to the width
}

void AttributesPanel::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #a23b2c;") : QStringLiteral("color: palette(placeholder-text);"));
    m_stack->setCurrentWidget(m_message);
    m_detail->hide(); // nothing to detail
}

void AttributesPanel::showTable()
{
    m_stack->setCurrentWidget(m_table);
    m_detail->show();
}

void AttributesPanel::updateHeader()
{
    if (!m_file) {
        m_header->clear();
        return;
    }
    const int n = m_model->isLoading() ? -1 : m_model->rowCount();
    const QString count = n <= 0 ? QString() : (n == 1 ? tr("1 attribute") : tr("%L1 attributes").arg(n));
    // The path gives way, the count stays whole.
    const QString tail = count.isEmpty() ? QString() : QStringLiteral("  \u00b7  %1").arg(count);
    const QFontMetrics fm = m_header->fontMetrics();
    const int room = std::max(80, m_header->width() - fm.horizontalAdvance(tail));
    const QString shown = names::toEscaped(m_path);
    m_header->setText(fm.elidedText(shown, Qt::ElideMiddle, room) + tail);
    m_header->setToolTip(shown);
}

void AttributesPanel::onLoaded()
{
    if (!m_file)
        return;
    updateHeader();
    updateEditorSelection();
    if (m_model->rowCount() == 0) {
        showMessage(tr("No attributes"));
        clearDetail();
        return;
    }
    showTable();
    // Column widths follow the content, within reason; the value takes the rest.
    const int width = m_table->viewport()->width();
    const int caps[] = {std::max(110, width * 38 / 100), std::max(70, width * 24 / 100), std::max(50, width * 14 / 100)};
    for (int c : {int(Model::NameColumn), int(Model::TypeColumn), int(Model::ShapeColumn)}) {
        m_table->resizeColumnToContents(c);
        m_table->setColumnWidth(c, std::min(m_table->columnWidth(c) + 6, caps[c]));
    }
    // Keep the attribute the user was looking at (order switch); else the first.
    if (m_detailName.isEmpty() || !selectAttribute(m_detailName))
        m_table->setCurrentIndex(m_looks->index(0, 0));
}

int AttributesPanel::currentRow() const
{
    const QModelIndex i = m_table->currentIndex();
    return i.isValid() && m_stack->currentWidget() == m_table ? i.row() : -1;
}

bool AttributesPanel::selectAttribute(const QString &name)
{
    for (int r = 0; r < m_model->rowCount(); ++r)
        if (const AttributeInfo *a = m_model->attributeAt(r); a && a->name == name) {
            m_table->setCurrentIndex(m_looks->index(r, 0));
            m_table->scrollTo(m_looks->index(r, 0));
            return true;
        }
    return false;
}

void AttributesPanel::onCurrentRowChanged()
{
    showDetail(currentRow());
    updateEditorSelection();
}

void AttributesPanel::updateEditorSelection()
{
    QStringList names;
    for (int r = 0; r < m_model->rowCount(); ++r)
        names << m_model->attributeAt(r)->name;
    const AttributeInfo *a = m_model->attributeAt(currentRow());
    m_editor->setCurrent(a ? a->name : QString(), names);
}

QString AttributesPanel::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

void AttributesPanel::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #a23b2c;") : QStringLiteral("color: palette(placeholder-text);"));
    m_status->setHidden(text.isEmpty());
}

void AttributesPanel::editCurrentValue()
{
    if (const AttributeInfo *a = m_model->attributeAt(currentRow()))
        m_editor->editValue(a->name);
}

void AttributesPanel::renameCurrent()
{
    if (const AttributeInfo *a = m_model->attributeAt(currentRow())) {
        if (!m_editor->isEditable())
            showStatus(tr("%1 to rename attributes.").arg(AttributeEditor::readOnlyTip()), false);
        else
            startRename(a->name);
    }
}

void AttributesPanel::deleteCurrent()
{
    const AttributeInfo *a = m_model->attributeAt(currentRow());
    if (!a)
        return;
    if (!m_editor->isEditable()) {
        showStatus(tr("%1 to delete attributes.").arg(AttributeEditor::readOnlyTip()), false);
        return;
    }
    m_editor->deleteAttribute(a->name);
}

void AttributesPanel::startInlineEdit(const EditableAttribute &attribute)
{
    if (!selectAttribute(attribute.name))
        return; // gone meanwhile
    m_inlineEdit = attribute;
    const bool choice = attribute.type.kind == AttributeType::Kind::Enum || attribute.type.kind == AttributeType::Kind::Boolean;
    const QModelIndex index = m_looks->index(currentRow(), Model::ValueColumn);
    m_looks->beginEdit(index.row(), index.column(), attribute.text, choice ? attribute.type.memberNames() : QStringList());
    m_table->setCurrentIndex(index);
    m_table->edit(index);
}

void AttributesPanel::startRename(const QString &name)
{
    if (!selectAttribute(name))
        return;
    const QModelIndex index = m_looks->index(currentRow(), Model::NameColumn);
    m_renaming = name;
    m_looks->beginEdit(index.row(), index.column(), name);
    m_table->setCurrentIndex(index);
    m_table->edit(index);
}

void AttributesPanel::commitEdit(int row, int column, const QString &text)
{
    const AttributeInfo *a = m_model->attributeAt(row);
    if (!a)
        return;
    // The names edited, not the rows: a reload may have moved them.
    if (column == Model::NameColumn && a->name == m_renaming)
        m_editor->renameAttribute(m_renaming, text);
    else if (column == Model::ValueColumn && a->name == m_inlineEdit.name)
        m_editor->setValue(m_inlineEdit, text);
}

void AttributesPanel::clearDetail()
{
    delete m_detailTicket;
    m_detailName.clear();
    m_detailLoading = false;
    m_detailComplete = false;
    m_detailHead->clear();
    m_detailValue->clear();
}

void AttributesPanel::showDetail(int row)
{
    const AttributeInfo *a = m_model->attributeAt(row);
    if (!a) {
        clearDetail();
        return;
    }
    delete m_detailTicket;
    m_detailName = a->name;
    QString html = QStringLiteral("<div style='margin-bottom:4px'><b>%1</b>").arg(a->name.toHtmlEscaped());
    if (!a->convention.isEmpty())
        html += QStringLiteral(" &nbsp;<span style='color:#3d5a80; background:#e3ebf5'>&nbsp;%1&nbsp;</span>")
                    .arg(a->convention.toHtmlEscaped());
    html += QStringLiteral("</div><table cellspacing='0' cellpadding='1'>");
    auto row2 = [&html](const QString &label, const QString &value) {
        html += QStringLiteral("<tr><td style='color:gray; padding-right:10px' valign='top'>%1</td><td>%2</td></tr>")
                    .arg(label, value);
    };
    row2(tr("Type"), QStringLiteral("<span style='font-family:monospace; white-space:pre-wrap'>%1</span>")
                         .arg(a->type.text.toHtmlEscaped()));
    row2(tr("Shape"), a->shape.text().toHtmlEscaped());
    if (a->creationOrder >= 0)
        row2(tr("Created"), tr("#%1 on this object").arg(a->creationOrder));
    if (!a->convention.isEmpty())
        row2(tr("Convention"), a->explanation.toHtmlEscaped());
    if (!a->problem.isEmpty())
        row2(tr("Problem"), QStringLiteral("<span style='color:#a23b2c'>%1</span>").arg(a->problem.toHtmlEscaped()));
    html += QStringLiteral("</table>");
    m_detailHead->setText(html);

    if (!a->problem.isEmpty()) {
        m_detailValue->clear();
        m_detailLoading = false;
        m_detailComplete = false;
        return;
    }
    // Show what the table has at once; the whole value replaces it when read.
    m_detailValue->setPlainText(a->value);
    m_detailComplete = !a->elided;
    m_detailLoading = true;
    auto job = std::make_unique<FunctionJob>(tr("Reading %1").arg(a->name),
                                             [this, file = m_file, path = m_path, name = a->name](JobContext &ctx) {
        auto value = AttributeReader::fullValue(file, path, name);
        ctx.post([this, file, path, name, value = std::move(value)] {
            if (file != m_file || path != m_path || name != m_detailName)
                return; // a later selection owns the view
            m_detailLoading = false;
            if (value) {
                m_detailValue->setPlainText(value.value());
                m_detailComplete = true;
            } else if (!m_detailComplete) {
                m_detailValue->appendPlainText(tr("\n(The whole value could not be read: %1)").arg(value.error().message));
            }
        });
    });
    m_detailTicket = JobRunner::instance().start(std::move(job), this);
    connect(m_detailTicket, &JobTicket::finished, m_detailTicket, &QObject::deleteLater);
}

void AttributesPanel::checkCreationOrder()
{
    m_tracksCreationOrder = false;
    auto *items = qobject_cast<QStandardItemModel *>(m_order->model());
    items->item(1)->setEnabled(false);
    m_order->setCurrentIndex(0);
    auto job = std::make_unique<FunctionJob>(tr("Checking creation order"), [this, file = m_file, path = m_path](JobContext &ctx) {
        const bool tracked = AttributeReader::tracksCreationOrder(file, path);
        ctx.post([this, file, path, tracked] {
            if (file != m_file || path != m_path)
                return;
            m_tracksCreationOrder = tracked;
            auto *items = qobject_cast<QStandardItemModel *>(m_order->model());
            items->item(1)->setEnabled(tracked);
            items->item(1)->setToolTip(tracked ? QString() : tr("This object does not record the order its attributes were created in."));
            m_order->setCurrentIndex(tracked && m_wantCreationOrder ? 1 : 0);
            if (tracked && m_wantCreationOrder && m_model->order() != AttributeOrder::Creation)
                m_model->setOrder(AttributeOrder::Creation);
        });
    });
    m_orderTicket = JobRunner::instance().start(std::move(job), this);
    connect(m_orderTicket, &JobTicket::finished, m_orderTicket, &QObject::deleteLater);
}

void AttributesPanel::applyOrderChoice()
{
    m_wantCreationOrder = m_order->currentIndex() == 1;
    const AttributeOrder order = m_wantCreationOrder ? AttributeOrder::Creation : AttributeOrder::Name;
    if (order == m_model->order())
        return;
    m_model->setOrder(order);
    if (m_model->isLoading())
        updateHeader();
}

void AttributesPanel::activateRow(int row)
{
    const AttributeInfo *a = m_model->attributeAt(row);
    if (!a)
        return;
    for (const QString &ref : a->references)
        if (ReferenceTarget::parse(ref).isValid()) {
            Q_EMIT referenceActivated(ref);
            return;
        }
}

void AttributesPanel::copyValue()
{
    const int row = currentRow();
    const AttributeInfo *a = m_model->attributeAt(row);
    if (!a)
        return;
    const bool whole = a->name == m_detailName && m_detailComplete;
    QApplication::clipboard()->setText(whole ? m_detailValue->toPlainText() : a->value);
}

void AttributesPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    const AttributeInfo *a = m_model->attributeAt(index.row());
    if (!a) {
        if (!m_file)
            return;
        QMenu menu(this);
        menu.setToolTipsVisible(true);
        menu.addAction(m_editor->addAction());
        menu.exec(m_table->viewport()->mapToGlobal(pos));
        return;
    }
    m_table->setCurrentIndex(index);
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    // Follow: one entry per reference (a few of them; the detail view lists all).
    QStringList targets;
    for (const QString &ref : a->references)
        if (ReferenceTarget::parse(ref).isValid())
            targets << ref;
    auto addFollow = [this](QMenu *m, const QString &ref, const QString &text) {
        connect(m->addAction(text), &QAction::triggered, this, [this, ref] { Q_EMIT referenceActivated(ref); });
    };
    if (targets.size() == 1) {
        const bool region = ReferenceTarget::parse(targets.first()).isRegion();
        addFollow(&menu, targets.first(), region ? tr("Open Region: %1").arg(targets.first()) : tr("Go to Referenced Object: %1").arg(targets.first()));
        menu.addSeparator();
    } else if (targets.size() > 1) {
        QMenu *sub = menu.addMenu(tr("Go to Referenced Object"));
        for (const QString &ref : targets.mid(0, 30))
            addFollow(sub, ref, ref);
        menu.addSeparator();
    }
    menu.addAction(tr("Copy Value"), QKeySequence::Copy, this, &AttributesPanel::copyValue);
    menu.addAction(tr("Copy Name"), this, [name = a->name] { QApplication::clipboard()->setText(name); });
    menu.addSeparator();
    addEditEntries(&menu);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

void AttributesPanel::addEditEntries(QMenu *menu)
{
    menu->addAction(m_editor->editAction());
    menu->addAction(m_editor->renameAction());
    menu->addAction(m_editor->deleteAction());
    menu->addSeparator();
    menu->addAction(m_editor->addAction());
}

} // namespace hs::ui
