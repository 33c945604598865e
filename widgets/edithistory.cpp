#include "edithistory.h"

#include "session/filesession.h"

#include <QPointer>
#include <QUndoCommand>
#include <QUndoGroup>
#include <QUndoStack>

namespace hs::ui {

namespace {

// One undo step: an operation that is already applied when it is pushed
// (EditHistory::perform applied it), so the first redo() QUndoStack::push
// makes does nothing.
class EditCommand final : public QUndoCommand
{
public:
    EditCommand(core::FileSession *session, std::shared_ptr<core::EditOperation> op, EditHistory *history)
        : QUndoCommand(op->description()), m_session(session), m_op(std::move(op)), m_history(history)
    {
    }

    void redo() override
    {
        if (m_applied) {
            m_applied = false; // pushed after being applied
            return;
        }
        run(core::FileSession::Direction::Apply);
    }
    void undo() override { run(core::FileSession::Direction::Revert); }

private:
    void run(core::FileSession::Direction direction)
    {
        if (!m_session)
            return;
        QPointer<core::FileSession> session = m_session;
        QPointer<EditHistory> history = m_history;
        m_session->submit(m_op, direction, [session, history](const core::Status &s) {
            if (s.ok() || !session || !history)
                return;
            // The file is as it was before this step, which the stack no
            // longer describes: start a new history rather than lie.
            history->stackFor(session)->clear();
            Q_EMIT history->stepFailed(session, s.error());
        });
    }

    QPointer<core::FileSession> m_session;
    std::shared_ptr<core::EditOperation> m_op;
    QPointer<EditHistory> m_history;
    bool m_applied = true;
};

} // namespace

EditHistory &EditHistory::instance()
{
    static EditHistory *history = new EditHistory; // lives as long as the application
    return *history;
}

EditHistory::EditHistory() : m_group(new QUndoGroup(this)) {}

QUndoStack *EditHistory::stackFor(core::FileSession *session)
{
    if (QUndoStack *s = m_stacks.value(session))
        return s;
    auto *stack = new QUndoStack(m_group);
    m_stacks.insert(session, stack);
    connect(session, &QObject::destroyed, this, [this, session] {
        if (QUndoStack *s = m_stacks.take(session))
            s->deleteLater();
    });
    return stack;
}

void EditHistory::setActiveSession(core::FileSession *session)
{
    m_group->setActiveStack(session ? stackFor(session) : nullptr);
}

void EditHistory::perform(core::FileSession *session, std::shared_ptr<core::EditOperation> op, Done done)
{
    QPointer<core::FileSession> s = session;
    QPointer<EditHistory> self = this;
    session->submit(op, core::FileSession::Direction::Apply, [s, self, op, done = std::move(done)](const core::Status &status) {
        if (status.ok() && s && self)
            self->stackFor(s)->push(new EditCommand(s, op, self));
        if (done)
            done(status);
    });
}

} // namespace hs::ui
