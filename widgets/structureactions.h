#pragma once

#include "model/error.h"
#include "model/nodetypes.h"
#include "services/h5file.h"

#include <QObject>
#include <QPersistentModelIndex>

#include <array>
#include <memory>

class QAction;
class QMenu;
class QWidget;

namespace hs::core {
class EditOperation;
class FileSession;
class HierarchyModel;
} // namespace hs::core

namespace hs::ui {

class ErrorPresenter;
class HierarchyView;

// The structure edits of the tree: New Group…, New Dataset…, Resize…,
// Rename…, Move to…, Delete, New Soft Link…, New External Link…, Edit Link
// Target…. Offered in the tree's context menu (for the row clicked) and in
// the menu install() fills (for the current row). Each opens its dialog,
// builds the core operation and hands it to EditHistory::perform, so it is
// one undo step. Disabled, not hidden, when the file is read-only.
class StructureActions : public QObject
{
    Q_OBJECT
public:
    enum Kind { NewGroup, NewDataset, Resize, Rename, Move, Delete, NewSoftLink, NewExternalLink, EditLinkTarget, KindCount };

    StructureActions(HierarchyView *tree, core::HierarchyModel *model, QWidget *window);
    ~StructureActions() override;

    // Adds the actions to `menu` (the main window's Object menu).
    void install(QMenu *menu);
    QAction *action(Kind kind) const { return m_actions[size_t(kind)]; }
    // The row the actions act on, and their enabled state for it.
    void setContext(const QModelIndex &sourceIndex);
    ErrorPresenter *errorPresenter() const { return m_errors; }

    static QString readOnlyTip();

Q_SIGNALS:
    // After an edit is on disk (tests, status bar).
    void performed(const QString &description, bool ok);

private:
    struct Target
    {
        core::H5FilePtr file;
        core::FileSession *session = nullptr;
        QString path;  // of the row ("/" for a file row)
        QString group; // where New… put things: the row if it is a group, else its parent
        core::ObjectKind kind = core::ObjectKind::Unknown;
        core::LinkType link = core::LinkType::Hard;
        bool isFileRow = false;
        bool throughLink = false; // below a soft or external link: not its own path
        QString linkTarget;
    };
    Target target() const;
    void updateEnabled();
    void watchSession(core::FileSession *session);
    void perform(const Target &t, std::shared_ptr<core::EditOperation> op);
    QStringList knownGroups(const Target &t) const;

    void newGroup();
    void newDataset();
    void resize();
    void rename();
    void moveTo();
    void deleteObject();
    void newSoftLink();
    void newExternalLink();
    void editLinkTarget();

    HierarchyView *m_tree;
    core::HierarchyModel *m_model;
    QWidget *m_window;
    ErrorPresenter *m_errors;
    std::array<QAction *, KindCount> m_actions{};
    QPersistentModelIndex m_context;
};

} // namespace hs::ui
