#pragma once

#include "model/error.h"
#include "session/editoperation.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

class QUndoGroup;
class QUndoStack;

namespace hs::core {
class FileSession;
}

namespace hs::ui {

// The undo history of every editable file: one QUndoStack per FileSession (QUndoStack is QtGui, so it
// lives here and not in core), grouped so that Edit ▸ Undo/Redo and the history dock act on the
// current file's stack. Every edit the widgets make goes through perform(), which applies the
// operation on the session's write queue first and pushes one undo step only once it is on disk.
class EditHistory : public QObject
{
    Q_OBJECT
public:
    static EditHistory &instance();

    QUndoGroup *group() const { return m_group; }
    // The session's stack, created on first use and deleted with the session.
    QUndoStack *stackFor(core::FileSession *session);
    // Makes `session`'s stack the one Undo/Redo act on (null: none).
    void setActiveSession(core::FileSession *session);

    using Done = std::function<void(const core::Status &)>;
    // Applies `op` and, when it succeeded, records it as one undo step. `done`
    // gets the outcome (the caller shows a failure where the user acted).
    void perform(core::FileSession *session, std::shared_ptr<core::EditOperation> op, Done done = {});

Q_SIGNALS:
    // An undo or redo that failed (the file is as it was before that step; the
    // stack is cleared because it no longer matches the file).
    void stepFailed(core::FileSession *session, const hs::core::Error &error);

private:
    EditHistory();
    QUndoGroup *m_group;
    QHash<core::FileSession *, QUndoStack *> m_stacks;
};

} // namespace hs::ui
