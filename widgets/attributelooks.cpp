#include "attributelooks.h"

#include "models/attributetablemodel.h"

#include <QApplication>
#include <QComboBox>
#include <QPainter>
#include <QPainterPath>

namespace hs::ui {

using Model = core::AttributeTableModel;

namespace {

constexpr int TooltipChars = 1200;

QString panelTr(const char *text) { return QCoreApplication::translate("hs::ui::AttributesPanel", text); }

QFont smaller(QFont f)
{
    f.setPointSizeF(f.pointSizeF() * 0.85);
    return f;
}

} // namespace

void AttributeLooks::beginEdit(int row, int column, const QString &text, const QStringList &choices)
{
    m_row = row;
    m_column = column;
    m_text = text;
    m_choices = choices;
}

void AttributeLooks::endEdit()
{
    m_row = m_column = -1;
    m_text.clear();
    m_choices.clear();
}

Qt::ItemFlags AttributeLooks::flags(const QModelIndex &index) const
{
    const Qt::ItemFlags f = QIdentityProxyModel::flags(index);
    return isEdited(index) ? f | Qt::ItemIsEditable : f;
}

bool AttributeLooks::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !isEdited(index))
        return false;
    const int row = m_row, column = m_column;
    endEdit();
    if (commit)
        commit(row, column, value.toString());
    return true; // written through an edit operation; the model reloads when it is on disk
}

QVariant AttributeLooks::data(const QModelIndex &index, int role) const
{
    if (isEdited(index) && role == Qt::EditRole)
        return m_text;
    if (role == ChoicesRole)
        return isEdited(index) ? m_choices : QStringList();
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

QString AttributeLooks::tooltip(const QModelIndex &index)
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
            tip += panelTr("<p><i>The whole value is shown below the table.</i></p>");
        if (!index.data(Model::ReferencesRole).toStringList().isEmpty())
            tip += panelTr("<p><i>Double-click to follow the reference.</i></p>");
        return tip;
    }
    default:
        return {};
    }
}

void AttributeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
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

QSize AttributeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    const QString tag = index.data(Model::ConventionRole).toString();
    if (index.column() == Model::NameColumn && !tag.isEmpty())
        s.rwidth() += QFontMetrics(smaller(option.font)).horizontalAdvance(tag) + 24;
    return s;
}

QWidget *AttributeDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QStringList choices = index.data(AttributeLooks::ChoicesRole).toStringList();
    if (choices.isEmpty())
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto *box = new QComboBox(parent);
    box->addItems(choices);
    return box;
}

void AttributeDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *box = qobject_cast<QComboBox *>(editor)) {
        box->setCurrentIndex(std::max<int>(0, int(box->findText(index.data(Qt::EditRole).toString()))));
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void AttributeDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *box = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, box->currentText(), Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace hs::ui
