#pragma once

#include "model/nodetypes.h"
#include "model/referencetarget.h"
#include "services/h5file.h"

#include <QMetaObject>
#include <QObject>

class QDockWidget;
class QMainWindow;

namespace hs::ui {

class AttributesPanel;
class LinksPanel;
class StoragePanel;

// The three inspector docks of a main window: "Attributes", "Links and
// References" (not "&": dock tabs would read it as a mnemonic) and "Storage". Each panel reads only while its dock is on
// screen; a dock that was hidden (closed, or a tab behind another) catches up
// with the selection when it is shown, so browsing a huge file costs only the
// panels the user looks at. Following a reference or a path in a panel is a
// request the window carries out (select in the tree, open a grid).
class InspectorDocks : public QObject
{
    Q_OBJECT
public:
    // Adds the docks to the right side of `window` (attributes above, links
    // and storage tabbed below). Call before the window restores its state.
    explicit InspectorDocks(QMainWindow *window);
    ~InspectorDocks() override;

    void setObject(const core::H5FilePtr &file, const QString &path, core::ObjectKind kind);
    void clear();
    // The file is closing: let go of it (and of every handle the panels hold).
    void releaseFile(const QString &filePath);

    QDockWidget *attributesDock() const { return m_docks[Attributes]; }
    QDockWidget *linksDock() const { return m_docks[Links]; }
    QDockWidget *storageDock() const { return m_docks[Storage]; }
    AttributesPanel *attributesPanel() const { return m_attributes; }
    LinksPanel *linksPanel() const { return m_links; }
    StoragePanel *storagePanel() const { return m_storage; }

Q_SIGNALS:
    // Go to `objectPath` in `filePath`, which may not be open yet (an
    // external link's target file).
    void pathRequested(const QString &filePath, const QString &objectPath);
    void regionRequested(const QString &filePath, const QString &datasetPath, const hs::core::ReferenceTarget &target);

private:
    enum Panel { Attributes, Links, Storage, PanelCount };
    struct Shown
    {
        core::H5FilePtr file;
        QString path;
        core::ObjectKind kind = core::ObjectKind::Unknown;
        bool operator==(const Shown &o) const { return file == o.file && path == o.path && kind == o.kind; }
    };
    void feed(Panel panel);
    // The panels read their object again when an edit (or its undo) changes
    // it: they listen to the current file's session, not to path strings.
    void followSession();
    void reload(Panel panel);
    void followReference(const QString &text);

    AttributesPanel *m_attributes;
    LinksPanel *m_links;
    StoragePanel *m_storage;
    QDockWidget *m_docks[PanelCount] = {};
    Shown m_current;
    Shown m_shown[PanelCount]; // what each panel was last given
    bool m_onScreen[PanelCount] = {};
    const QObject *m_session = nullptr;
    QList<QMetaObject::Connection> m_sessionConnections;
};

} // namespace hs::ui
