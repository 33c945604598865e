#pragma once

#include "services/h5file.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;

namespace hs::core {
class FileSession;
}
namespace hs::ui {
class ErrorPresenter;
}

namespace hs::app {

// The sessions of a main window's open files, one core::FileSession each, and
// what goes with them in the window: File ▸ Enable Editing for the current
// file, Edit ▸ Undo/Redo on its undo stack, the Undo History dock, and the
// question before a file with an undo history closes. The main window only
// tells it which files opened, closed and are current.
class FileSessions : public QObject
{
    Q_OBJECT
public:
    // Adds the Undo History dock to `window` (call before it restores its state).
    FileSessions(QMainWindow *window, ui::ErrorPresenter *errors);
    ~FileSessions() override;

    // Undo/Redo at the top of `editMenu` (Enable Editing: enableEditingAction()).
    void install(QMenu *editMenu);

    // A file opened: its session. A file `--edit` asked for is made editable.
    core::FileSession *add(const core::H5FilePtr &file);
    // Before closing `file`: asks when its undo history is not empty (false:
    // the user keeps it open), then announces the close, waits for its
    // writes and ends the session (its undo stack goes with it).
    bool release(const core::H5FilePtr &file);
    // Before the window closes: one question for every file with a history,
    // then every session ends as release() ends it.
    bool releaseAll();
    // The file the tree's current row is in (null: none): the target of
    // Enable Editing and of Undo/Redo.
    void setCurrentFile(const core::H5FilePtr &file);
    // `--edit FILE`: make the file editable as soon as it is open (or now).
    void editWhenOpened(const QString &absolutePath);

    core::FileSession *current() const;
    QAction *enableEditingAction() const { return m_enableEditing; }
    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }
    QDockWidget *historyDock() const { return m_historyDock; }

    // Asked before a history is dropped (text: the question); true goes on.
    // Tests replace the dialog.
    using Ask = std::function<bool(const QString &question)>;
    void setAsk(Ask ask) { m_ask = std::move(ask); }

Q_SIGNALS:
    // A file became editable or read-only (the title and markers follow).
    void modeChanged(const QString &filePath, bool editable);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void toggleEditing(bool editable);
    void updateAction();
    void end(core::FileSession *session);
    int historySize(core::FileSession *session) const;

    QMainWindow *m_window;
    ui::ErrorPresenter *m_errors;
    QHash<const core::H5File *, core::FileSession *> m_sessions;
    QSet<QString> m_editWhenOpened;
    core::H5FilePtr m_current;
    QAction *m_enableEditing;
    QAction *m_undo;
    QAction *m_redo;
    QDockWidget *m_historyDock;
    Ask m_ask;
};

} // namespace hs::app
