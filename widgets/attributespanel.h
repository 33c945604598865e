#pragma once

#include "edit/editableattribute.h"
#include "model/nodetypes.h"
#include "services/h5file.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace hs::core {
class AttributeTableModel;
class JobTicket;
} // namespace hs::core

namespace hs::ui {

class AttributeEditor;
class AttributeLooks;

// The attributes of the selected object: a table (name, type, shape, value)
// and, under it, the selected attribute in full. Attributes a convention uses
// internally (dimension scales, netCDF-4, ...) are marked and explained.
// Reads happen in background jobs; results of an earlier selection are dropped.
// On an editable file it is an editor too (AttributeEditor): add, edit the
// value (F2 or double-click on the value cell; a dialog for lists), rename
// (F2 on the name), delete; it reloads when the session says the object's
// attributes changed.
class AttributesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AttributesPanel(QWidget *parent = nullptr);
    ~AttributesPanel() override;

    // Shows the attributes of `path` in `file`. The same object again is a no-op.
    void setObject(const core::H5FilePtr &file, const QString &path, core::ObjectKind kind);
    void clear();

    core::AttributeTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QComboBox *orderBox() const { return m_order; }
    // What the panel says instead of the table ("No attributes", an error,
    // "Loading attributes…"); empty while the table shows.
    QString messageText() const;
    // The line above the table: the object's path and how many attributes it has.
    QString headerText() const;
    // The detail view: its heading (name, type, shape, convention) as plain
    // text, and the value it shows (the whole value once it has been read).
    QString detailHeading() const;
    QString detailValue() const;
    bool isDetailLoading() const { return m_detailLoading; }
    // Selects the attribute `name` (table row), filling the detail view.
    bool selectAttribute(const QString &name);
    void copyValue(); // Ctrl+C: the selected attribute's value (whole when known)

    AttributeEditor *editor() const { return m_editor; }
    // The small buttons above the table: Add, Edit Value, Rename, Delete.
    const QList<QToolButton *> &editButtons() const { return m_editButtons; }
    // The line that reports an edit that failed (or how to enable editing); empty when hidden.
    QString statusText() const;
    // Starts editing the current attribute's value (F2 on the value cell).
    void editCurrentValue();
    // Starts renaming the current attribute in its name cell (F2 on the name).
    void renameCurrent();

Q_SIGNALS:
    // The user followed a reference in a value ("/path", "/path {(0,0)-(1,2)}").
    void referenceActivated(const QString &text);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void showMessage(const QString &text, bool error = false);
    void showTable();
    void onLoaded();
    void onCurrentRowChanged();
    void showDetail(int row);
    void clearDetail();
    void checkCreationOrder();
    void applyOrderChoice();
    void showContextMenu(const QPoint &pos);
    void activateRow(int row);
    int currentRow() const;
    void updateHeader();
    void showStatus(const QString &text, bool error);
    void startInlineEdit(const core::EditableAttribute &attribute);
    void startRename(const QString &name);
    void commitEdit(int row, int column, const QString &text);
    void deleteCurrent();
    void updateEditorSelection();
    void addEditEntries(QMenu *menu);

    core::AttributeTableModel *m_model;
    AttributeLooks *m_looks;  // tooltips and the cell being edited; keeps the model free of looks
    AttributeEditor *m_editor;
    QList<QToolButton *> m_editButtons;
    QLabel *m_status;
    core::EditableAttribute m_inlineEdit; // the attribute whose value cell is being edited
    QString m_renaming;                   // the attribute whose name cell is being edited
    QLabel *m_header;
    QComboBox *m_order;
    QStackedWidget *m_stack;
    QTableView *m_table;
    QLabel *m_message;
    QWidget *m_detail;
    QLabel *m_detailHead;
    QPlainTextEdit *m_detailValue;

    core::H5FilePtr m_file;
    QString m_path;
    bool m_wantCreationOrder = false; // the user's choice, kept across objects
    bool m_tracksCreationOrder = false;
    QPointer<core::JobTicket> m_orderTicket;
    QPointer<core::JobTicket> m_detailTicket;
    quint64 m_generation = 0; // bumped per object and per detail request: late results are dropped
    QString m_detailName;     // attribute the detail view shows
    bool m_detailLoading = false;
    bool m_detailComplete = false; // m_detailValue holds the whole value
};

} // namespace hs::ui
