#pragma once

#include <QIdentityProxyModel>
#include <QStringList>
#include <QStyledItemDelegate>

#include <functional>

namespace hs::ui {

// The Attributes panel's table: tooltips and single-line values over the
// core model (looks belong here, not in core), and the one cell being edited
// (a value or a name): it is editable only while the panel edits it, starts
// with the text the panel gives, and hands the typed text to `commit`.
class AttributeLooks final : public QIdentityProxyModel
{
public:
    enum Role { ChoicesRole = Qt::UserRole + 100 }; // QStringList: the combo box's items (enums, booleans)

    using QIdentityProxyModel::QIdentityProxyModel;

    // Makes the cell at (row, column) editable with `text` (and `choices`) until it is committed or the next edit.
    void beginEdit(int row, int column, const QString &text, const QStringList &choices = {});
    void endEdit();
    std::function<void(int row, int column, const QString &text)> commit;

    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

private:
    bool isEdited(const QModelIndex &index) const { return index.row() == m_row && index.column() == m_column; }
    static QString tooltip(const QModelIndex &index);

    int m_row = -1;
    int m_column = -1;
    QString m_text;
    QStringList m_choices;
};

// Convention attributes: muted text in every column and a small tag after
// the name saying which convention they belong to. Edits values in a line
// edit, or a combo box for enums and booleans.
class AttributeDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};

} // namespace hs::ui
