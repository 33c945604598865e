#pragma once

#include "attributedialog.h"
#include "edit/editableattribute.h"
#include "services/h5file.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QAction;

namespace hs::core {
class EditOperation;
class FileSession;
class JobTicket;
} // namespace hs::core

namespace hs::ui {

// The editing half of the Attributes panel: the Add…, Edit Value, Rename and
// Delete actions (disabled, with a tooltip saying how to enable editing,
// while the file is read-only), the dialogs, and the edit operations, all
// performed through EditHistory so each is one undo step. It follows the
// file's session: its mode, and its attributesChanged for the object shown.
class AttributeEditor : public QObject
{
    Q_OBJECT
public:
    explicit AttributeEditor(QWidget *panel);
    ~AttributeEditor() override;

    static QString readOnlyTip();

    // The object whose attributes are shown (null file: none).
    void setTarget(const core::H5FilePtr &file, const QString &objectPath);
    // The attribute the actions act on (empty: none selected), and the names the object has.
    void setCurrent(const QString &attributeName, const QStringList &allNames);
    bool isEditable() const;

    QAction *addAction() const { return m_add; }
    QAction *editAction() const { return m_edit; }
    QAction *renameAction() const { return m_rename; }
    QAction *deleteAction() const { return m_delete; }
    // The Add or Edit dialog while it is open.
    AttributeDialog *dialog() const { return m_dialog; }

    // Edit the current attribute's value: scalars of one line in the cell
    // (inlineEditRequested), lists and texts of several lines in a dialog.
    // Reads the value first.
    void editValue(const QString &name);
    // Applies a value typed for `attribute` (checked first; a bad one is
    // reported and nothing is written).
    void setValue(const core::EditableAttribute &attribute, const QString &text);
    void renameAttribute(const QString &from, const QString &to);
    void deleteAttribute(const QString &name);
    void openAddDialog();

Q_SIGNALS:
    void inlineEditRequested(const hs::core::EditableAttribute &attribute);
    void renameRequested(const QString &name); // the panel edits the name cell
    void attributesChanged();                  // the object's attributes changed on disk
    void selectRequested(const QString &name); // select this attribute once reloaded
    void message(const QString &text, bool error);
    void editableChanged(bool editable);

private:
    void ensureSession();
    void updateActions();
    void perform(std::shared_ptr<core::EditOperation> op, const QString &selectAfter);

    QWidget *m_panel;
    QAction *m_add;
    QAction *m_edit;
    QAction *m_rename;
    QAction *m_delete;
    core::H5FilePtr m_file;
    QString m_path;
    QString m_current;
    QStringList m_names;
    QPointer<core::FileSession> m_session;
    QList<QMetaObject::Connection> m_connections;
    QPointer<core::JobTicket> m_readTicket;
    QPointer<AttributeDialog> m_dialog;
};

} // namespace hs::ui
