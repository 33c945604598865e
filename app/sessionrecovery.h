#pragma once

#include "session/sessionjournal.h"

#include <QModelIndex>
#include <QObject>
#include <QPointer>

#include <functional>

class QMessageBox;

namespace hs::ui {
class TreeDecorationProxy;
}

namespace hs::app {

class MainWindow;

// The window's side of crash recovery. Keeps the session journal up to date
// (open files, selection, tabs), and after a crash reports what happened in
// words, reopens that session, and holds back the object that was being read:
// it is flagged in the tree, and selecting or opening it asks first.
//
// Without start() (tests of the window) nothing is journalled and nothing is
// held back. GUI thread only.
class SessionRecovery : public QObject
{
    Q_OBJECT
public:
    SessionRecovery(MainWindow *window, ui::TreeDecorationProxy *proxy);
    ~SessionRecovery() override; // the window closes cleanly: the journal goes

    // Reports and reopens a session that ended in a crash, then journals this
    // one in `directory`. Also turns SIGTERM, SIGINT and SIGHUP into a clean close.
    void start(const QString &directory = core::SessionJournal::defaultDirectory());
    // Reopens `report`'s session (files, selection, tabs) without reading what
    // it held back, and shows its message. A crash on an object that was
    // already held back (the library fails on it even when its group is only
    // listed) does not reopen anything: that would crash again.
    void restore(const core::CrashReport &report);

    // Whether the object at `sourceIndex` (a tree row) is held back.
    bool isHeldBack(const QModelIndex &sourceIndex) const;
    // Call before the panels or a grid read the object at `sourceIndex`: journals
    // the session first (that read may be the one that crashes), then returns
    // whether it may be read: not held back, or the user agrees now (then it
    // is no longer held back).
    bool beforeRead(const QModelIndex &sourceIndex);
    // The same for an object that may have no row yet (a reference's target).
    bool beforeRead(const core::SessionObject &object, QModelIndex sourceIndex = {});

    // For tests: answers the question instead of a dialog.
    void setAsker(std::function<bool(const QString &question)> asker) { m_asker = std::move(asker); }
    QMessageBox *reportBox() const;
    QString reportText() const { return m_reportText; }
    core::SessionState currentState() const;
    const QList<core::SessionObject> &heldBack() const { return m_heldBack; }

private:
    void save();
    int reopen(const core::SessionState &state); // returns the number of tabs it reopens
    void openPendingTabs(const QString &filePath);
    void updateFlags();
    void installTerminationHandler();

    MainWindow *m_window;
    ui::TreeDecorationProxy *m_proxy;
    core::SessionJournal *m_journal = nullptr;
    QList<core::SessionObject> m_heldBack;
    QList<core::SessionObject> m_pendingTabs;
    QString m_heldBackNote;
    QString m_reportText;
    QPointer<QMessageBox> m_reportBox;
    std::function<bool(const QString &)> m_asker;
};

} // namespace hs::app
