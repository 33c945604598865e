#pragma once

#include "edit/copyoptions.h"
#include "model/error.h"

#include <QModelIndex>
#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QMenu;
class QMimeData;
class QProgressDialog;
class QWidget;

namespace hs::core {
class FileSession;
class HierarchyModel;
class JobTicket;
} // namespace hs::core

namespace hs::ui {

class HierarchyView;

// Copying objects in the tree: drag a dataset, group or named datatype onto a
// group of the same or another editable file (Shift: move, within a file),
// Edit ▸ Copy / Paste (Ctrl+C / Ctrl+V while the tree has focus, also between
// two windows or processes: the clipboard holds FILE:/path as text and our
// own mime type), and File ▸ Save a Copy As… (the whole file, or from the
// tree's menu one group, to a new compacted file).
//
// Every copy is an EditOperation performed through EditHistory, so it is one
// undo step of the destination file; long ones show progress with Cancel.
class CopyActions : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *MimeType = "application/x-hyperslab-objects";

    CopyActions(HierarchyView *tree, core::HierarchyModel *model, QWidget *window);

    // Adds Copy / Paste to `editMenu` and Save a Copy As… to `fileMenu`
    // (either may be null), and the tree's context-menu entries.
    void install(QMenu *editMenu, QMenu *fileMenu);

    QAction *copyAction() const { return m_copy; }
    QAction *pasteAction() const { return m_paste; }
    QAction *saveCopyAction() const { return m_saveCopy; }

    // What to do with soft/external links inside copies (View of the user's choice).
    void setLinkHandling(core::CopyLinks links) { m_links = links; }

    // Copies (or moves, within one file) the objects named by `mime` into the
    // group at `targetSource` (a source-model index: a group, a file row, or
    // any row, meaning its group). Returns false when there is nothing to do
    // there (not editable, not ours), without asking anything.
    bool dropOn(const QMimeData *mime, const QModelIndex &targetSource, bool move);
    // Asked when a name exists: returns the name to use (empty: give up).
    // Tests replace the dialog.
    using NameAsker = std::function<QString(const QString &existingPath, const QString &suggestion)>;
    void setNameAsker(NameAsker asker) { m_askName = std::move(asker); }
    // Asked for the file Save a Copy As writes (empty: give up). Tests replace the dialog.
    using SavePathAsker = std::function<QString(const QString &title, const QString &suggestion)>;
    void setSavePathAsker(SavePathAsker asker) { m_askSavePath = std::move(asker); }
    // Tests: no message boxes; failures only reach finished().
    void setDialogsEnabled(bool enabled) { m_dialogs = enabled; }

    // The source file and path of each object `mime` names (our type first, else FILE:/path lines of text).
    static QList<QPair<QString, QString>> objectsIn(const QMimeData *mime);

Q_SIGNALS:
    // After each copy, move or save: whether it worked, and if not why.
    void finished(bool ok, const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QModelIndex targetGroup(const QModelIndex &sourceIndex) const;
    core::FileSession *editableSession(const QModelIndex &sourceIndex) const;
    void copySelection();
    void paste();
    void saveCopy(bool groupOnly);
    void updateActions();
    void showProgress(core::FileSession *session, const QString &title);
    void report(const core::Status &status, const QString &title);

    QPointer<HierarchyView> m_tree;
    core::HierarchyModel *m_model;
    QPointer<QWidget> m_window;
    QAction *m_copy;
    QAction *m_paste;
    QAction *m_saveCopy;
    core::CopyLinks m_links = core::CopyLinks::Keep;
    NameAsker m_askName;
    SavePathAsker m_askSavePath;
    bool m_dialogs = true;
    QPointer<QProgressDialog> m_progress;
};

} // namespace hs::ui
