#include "filesessions.h"

#include "edithistory.h"
#include "errorpresenter.h"
#include "session/filesession.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QStatusBar>
#include <QUndoGroup>
#include <QUndoStack>
#include <QUndoView>

namespace hs::app {

using core::FileSession;

namespace {

// Every window's sessions: a file open in two windows of this process can be
// editable in one of them at most (HDF5 shares one open file between them).
QList<QPointer<FileSession>> &allSessions()
{
    static QList<QPointer<FileSession>> sessions;
    return sessions;
}

} // namespace

FileSessions::FileSessions(QMainWindow *window, ui::ErrorPresenter *errors)
    : QObject(window), m_window(window), m_errors(errors)
{
    m_enableEditing = new QAction(tr("Enable &Editing"), this);
    m_enableEditing->setObjectName(QStringLiteral("enableEditingAction"));
    m_enableEditing->setCheckable(true);
    m_enableEditing->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_enableEditing->setStatusTip(tr("Open the current file for writing, or make it read-only again"));
    connect(m_enableEditing, &QAction::triggered, this, &FileSessions::toggleEditing);

    QUndoGroup *group = ui::EditHistory::instance().group();
    m_undo = group->createUndoAction(this, tr("&Undo"));
    m_undo->setObjectName(QStringLiteral("undoAction"));
    m_undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_redo = group->createRedoAction(this, tr("&Redo"));
    m_redo->setObjectName(QStringLiteral("redoAction"));
    m_redo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));

    m_historyDock = new QDockWidget(tr("Undo History"), window);
    m_historyDock->setObjectName(QStringLiteral("UndoHistoryDock"));
    auto *view = new QUndoView(group, m_historyDock);
    view->setEmptyLabel(tr("<as opened>"));
    m_historyDock->setWidget(view);
    m_historyDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                               | QDockWidget::DockWidgetClosable);
    window->addDockWidget(Qt::RightDockWidgetArea, m_historyDock);
    // A tab beside Links and Storage, behind Links until the user picks it.
    if (auto *storage = window->findChild<QDockWidget *>(QStringLiteral("StorageDock")))
        window->tabifyDockWidget(storage, m_historyDock);
    if (auto *links = window->findChild<QDockWidget *>(QStringLiteral("LinksDock")))
        links->raise();

    connect(&ui::EditHistory::instance(), &ui::EditHistory::stepFailed, this,
            [this](FileSession *session, const core::Error &e) {
                if (!m_sessions.contains(session->file().get()))
                    return; // another window's file: that window says it
                m_errors->present(tr("Could not undo or redo in %1").arg(session->file()->displayName()), e);
            });
    m_ask = [this](const QString &question) {
        return QMessageBox::question(m_window, tr("Clear the Undo History?"), question,
                                     QMessageBox::Ok | QMessageBox::Cancel, QMessageBox::Ok)
               == QMessageBox::Ok;
    };
    // One undo group for the process: the active window's current file is the one Undo acts on.
    window->installEventFilter(this);
    updateAction();
}

bool FileSessions::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::WindowActivate)
        updateAction();
    return QObject::eventFilter(watched, event);
}

FileSessions::~FileSessions()
{
    // The window goes: every write it asked for ends on disk first.
    const auto sessions = m_sessions.values();
    for (FileSession *s : sessions)
        end(s);
}

void FileSessions::install(QMenu *editMenu)
{
    QAction *first = editMenu->actions().value(0);
    editMenu->insertAction(first, m_undo);
    editMenu->insertAction(first, m_redo);
    if (first)
        editMenu->insertSeparator(first);
}

FileSession *FileSessions::add(const core::H5FilePtr &file)
{
    if (FileSession *s = m_sessions.value(file.get()))
        return s;
    auto *session = new FileSession(file, this);
    m_sessions.insert(file.get(), session);
    allSessions().append(session);
    const QString path = file->path();
    connect(session, &FileSession::modeChanged, this, [this, path, session](bool editable) {
        // The reopen closed every identifier of the file, also the objects
        // undo steps kept open (a deleted object waiting to be linked back):
        // the history no longer holds, so it starts anew.
        ui::EditHistory::instance().stackFor(session)->clear();
        updateAction();
        const QString name = session->file()->displayName();
        m_window->statusBar()->showMessage(editable ? tr("\u201c%1\u201d is editable: every change is written to it.").arg(name)
                                                    : tr("\u201c%1\u201d is read-only again.").arg(name),
                                           8000);
        Q_EMIT modeChanged(path, editable);
    });
    connect(session, &FileSession::modeChangeFailed, this, [this, session](const core::Error &e) {
        updateAction();
        m_errors->present(tr("Could not enable editing of %1").arg(session->file()->displayName()), e);
    });
    if (m_editWhenOpened.remove(path)) {
        const core::H5FilePtr previous = m_current;
        m_current = file;
        toggleEditing(true);
        m_current = previous;
    }
    return session;
}

int FileSessions::historySize(FileSession *session) const
{
    return ui::EditHistory::instance().stackFor(session)->count();
}

bool FileSessions::release(const core::H5FilePtr &file)
{
    FileSession *session = file ? m_sessions.value(file.get()) : nullptr;
    if (!session)
        return true;
    if (const int steps = historySize(session); steps > 0) {
        const QString question = tr("Close \u201c%1\u201d and clear its undo history (%2)? Every change is already "
                                    "saved in the file; only the way back goes.")
                                     .arg(file->displayName(), steps == 1 ? tr("1 step") : tr("%1 steps").arg(steps));
        if (!m_ask(question))
            return false;
    }
    end(session);
    return true;
}

bool FileSessions::releaseAll()
{
    QStringList names;
    for (FileSession *s : std::as_const(m_sessions))
        if (historySize(s) > 0)
            names << QStringLiteral("\u201c%1\u201d").arg(s->file()->displayName());
    if (!names.isEmpty()
        && !m_ask(tr("Close and clear the undo history of %1? Every change is already saved in the file; only the way "
                     "back goes.")
                      .arg(names.join(QStringLiteral(", ")))))
        return false;
    const auto sessions = m_sessions.values();
    for (FileSession *s : sessions)
        end(s);
    return true;
}

void FileSessions::end(FileSession *session)
{
    session->announceClose();
    // Only when something is still being written: the wait runs the event
    // loop, which the window's destructor had better not see without need.
    if (session->pendingWrites() > 0 || session->isReopening())
        session->waitForWrites();
    if (m_current && m_sessions.value(m_current.get()) == session)
        m_current.reset();
    m_sessions.remove(session->file().get());
    allSessions().removeAll(session);
    ui::EditHistory &history = ui::EditHistory::instance();
    if (history.group()->activeStack() == history.stackFor(session))
        history.setActiveSession(nullptr);
    delete session; // its undo stack goes with it (EditHistory)
    updateAction();
}

void FileSessions::setCurrentFile(const core::H5FilePtr &file)
{
    m_current = file && m_sessions.contains(file.get()) ? file : nullptr;
    updateAction();
}

void FileSessions::editWhenOpened(const QString &absolutePath)
{
    for (FileSession *s : std::as_const(m_sessions))
        if (s->path() == absolutePath) {
            const core::H5FilePtr previous = m_current;
            m_current = s->file();
            toggleEditing(true);
            m_current = previous;
            updateAction();
            return;
        }
    m_editWhenOpened.insert(absolutePath);
}

FileSession *FileSessions::current() const
{
    return m_current ? m_sessions.value(m_current.get()) : nullptr;
}

void FileSessions::toggleEditing(bool editable)
{
    FileSession *session = current();
    if (!session) {
        updateAction();
        return;
    }
    if (editable) {
        for (const QPointer<FileSession> &other : std::as_const(allSessions()))
            if (other && other != session && other->path() == session->path()) {
                m_errors->present(tr("Could not enable editing of %1").arg(session->file()->displayName()),
                                  core::Error::make(core::ErrorCode::Locked,
                                                    tr("Could not enable editing. \u201c%1\u201d is also open in another "
                                                       "Hyperslab window; close it there first. It stays read-only.")
                                                        .arg(session->file()->displayName())));
                updateAction();
                return;
            }
    }
    if (!editable) {
        if (const int steps = historySize(session); steps > 0
            && !m_ask(tr("Make \u201c%1\u201d read-only and clear its undo history (%2)? Every change is already "
                         "saved in the file; only the way back goes.")
                          .arg(session->file()->displayName(), steps == 1 ? tr("1 step") : tr("%1 steps").arg(steps)))) {
            updateAction();
            return;
        }
    }
    session->setEditable(editable);
    updateAction();
}

void FileSessions::updateAction()
{
    FileSession *session = current();
    const QSignalBlocker block(m_enableEditing);
    m_enableEditing->setEnabled(session && !session->isReopening());
    m_enableEditing->setChecked(session && session->isEditable());
    const QString refusal = session && !session->isEditable() ? session->editingRefusal() : QString();
    m_enableEditing->setToolTip(refusal.isEmpty() ? tr("Enable editing of the current file (Ctrl+Shift+E)") : refusal);
    // Undo and Redo act on the current file while it is editable.
    ui::EditHistory::instance().setActiveSession(session && session->isEditable() ? session : nullptr);
}

} // namespace hs::app
