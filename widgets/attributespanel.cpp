#include "attributespanel.h"

#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "model/referencetarget.h"
#include "models/attributetablemodel.h"
#include "services/attributereader.h"
#include "hdf5/names.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
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
#include <QTextDocument>
#include <QVBoxLayout>

namespace hs::ui {

using namespace hs::core;
using Model = AttributeTableModel;

namespace {

constexpr int TooltipChars = 1200;

// Tooltips and single-line values for the table. Looks belong here, not in
// the core model.
class AttributeLooks final : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::DisplayRole && index.column() == Model::ValueColumn) {
            QString text = QIdentityProxyModel::data(index, role).toString();
            if (text.isEmpty())
                text = index.data(Model::ProblemRole).toString();
            return text.replace(QLatin1Char('\n'), QLatin1Char(' '));
        }
        if (role == Qt::ToolTipRole)
            return tooltip(index);
        return QIdentityProxyModel::data(index, role);
    }

private:
    static QString tooltip(const QModelIndex &index)
    {
        const QString convention = index.data(Model::ConventionRole).toString();
        const QString problem = index.data(Model::ProblemRole).toString();
        switch (index.column()) {
        case Model::NameColumn: {
            const QString name = index.siblingAtColumn(Model::NameColumn).data().toString().toHtmlEscaped();
            if (convention.isEmpty())
                return name;
            return QStringLiteral("<b>%1</b> \u2014 %2<br>%3")
                .arg(name, convention.toHtmlEscaped(), index.data(Model::ExplanationRole).toString().toHtmlEscaped());
        }
        case Model::TypeColumn:
            return QStringLiteral("<pre>%1</pre>").arg(index.data(Model::TypeTextRole).toString().toHtmlEscaped());
        case Model::ValueColumn: {
            if (!problem.isEmpty())
                return problem;
            QString text = index.data(Qt::DisplayRole).toString();
            if (text.size() > TooltipChars)
                text = text.left(TooltipChars) + QStringLiteral("\u2026");
            QString tip = QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(text.toHtmlEscaped());
            if (index.data(Model::ElidedRole).toBool())
                tip += tr("<p><i>The whole value is shown below the table.</i></p>");
            if (!index.data(Model::ReferencesRole).toStringList().isEmpty())
                tip += tr("<p><i>Double-click to follow the reference.</i></p>");
            return tip;
        }
        default:
            return {};
        }
    }

    static QString tr(const char *text) { return QCoreApplication::translate("hs::ui::AttributesPanel", text); }
};

// Convention attributes: muted text in every column and a small tag after
// the name saying which convention they belong to.
class ConventionDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt(option);
        initStyleOption(&opt, index);
        const QString tag = index.data(Model::ConventionRole).toString();
        if (tag.isEmpty()) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        const bool selected = opt.state & QStyle::State_Selected;
        opt.palette.setColor(QPalette::Text, opt.palette.color(QPalette::PlaceholderText));
        if (index.column() != Model::NameColumn) {
            QStyledItemDelegate::paint(painter, opt, index);
            return;
        }
        const QFont tagFont = smaller(opt.font);
        const QFontMetrics tfm(tagFont);
        const int tagWidth = tfm.horizontalAdvance(tag) + 12;
        const int nameWidth = opt.fontMetrics.horizontalAdvance(opt.text) + 12;
        // The whole name and the tag when both fit; otherwise the name comes
        // first and a dot stands for the tag (the tooltip names it).
        const bool fullTag = nameWidth + tagWidth + 6 <= opt.rect.width();
        if (!fullTag)
            opt.text = opt.fontMetrics.elidedText(opt.text, Qt::ElideRight, std::max(20, opt.rect.width() - 22));
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        const QColor ink = selected ? opt.palette.color(QPalette::HighlightedText) : QColor(0x3d, 0x5a, 0x80);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        if (fullTag) {
            const int h = tfm.height() + 2;
            const QRectF pill(opt.rect.left() + nameWidth, opt.rect.center().y() - h / 2.0 + 0.5, tagWidth, h);
            QPainterPath path;
            path.addRoundedRect(pill, h / 2.0, h / 2.0);
            painter->fillPath(path, selected ? QColor(255, 255, 255, 50) : QColor(0xe3, 0xeb, 0xf5));
            painter->setPen(ink);
            painter->setFont(tagFont);
            painter->drawText(pill, Qt::AlignCenter, tag);
        } else {
            painter->setPen(Qt::NoPen);
            painter->setBrush(ink);
            painter->drawEllipse(QPointF(opt.rect.right() - 9, opt.rect.center().y() + 0.5), 3.5, 3.5);
        }
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize s = QStyledItemDelegate::sizeHint(option, index);
        const QString tag = index.data(Model::ConventionRole).toString();
        if (index.column() == Model::NameColumn && !tag.isEmpty())
            s.rwidth() += QFontMetrics(smaller(option.font)).horizontalAdvance(tag) + 24;
        return s;
    }

private:
    static QFont smaller(QFont f)
    {
        f.setPointSizeF(f.pointSizeF() * 0.85);
        return f;
    }
};

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

    m_looks->setSourceModel(m_model);
    m_table->setModel(m_looks);
    m_table->setItemDelegate(new ConventionDelegate(m_table));
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
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &i) { activateRow(i.row()); });
    connect(m_table, &QWidget::customContextMenuRequested, this, &AttributesPanel::showContextMenu);
    connect(m_order, &QComboBox::activated, this, &AttributesPanel::applyOrderChoice);
    auto *copy = new QShortcut(QKeySequence::Copy, m_table, this, &AttributesPanel::copyValue);
    copy->setContext(Qt::WidgetShortcut);

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
    if (!a)
        return;
    m_table->setCurrentIndex(index);
    QMenu menu(this);
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
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

} // namespace hs::ui
