#pragma once

#include "gridcelldelegate.h"

#include <QPointer>

namespace hs::ui {

class ValueEditController;

// The grid's delegate when values can be edited: paints as GridCellDelegate
// and opens an editor that fits the cell's type: a line edit that checks the
// text as it is typed and states the limits (numbers, strings, arrays), a
// list of the names for enums, a check box for booleans. A value that does
// not fit is refused at the cell (its message under the editor) and the
// editor stays open: nothing is written. An unchanged value writes nothing.
class CellEditDelegate : public GridCellDelegate
{
    Q_OBJECT
public:
    CellEditDelegate(ValueEditController *controller, QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The message last shown at a cell (tests).
    QString lastMessage() const { return m_lastMessage; }

Q_SIGNALS:
    void messageShown(const QString &message);

protected:
    bool eventFilter(QObject *object, QEvent *event) override;

private:
    void showMessage(QWidget *editor, const QString &message) const;
    QString editorText(QWidget *editor) const;

    QPointer<ValueEditController> m_controller;
    mutable QString m_lastMessage;
};

} // namespace hs::ui
