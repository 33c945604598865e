#include "inspectordocks.h"

#include "attributespanel.h"
#include "jobs/jobticket.h" // before storagepanel.h, whose inline QPointer<JobTicket> use needs it
#include "linkspanel.h"
#include "storagepanel.h"
#include "session/filesession.h"

#include <QDockWidget>
#include <QMainWindow>

namespace hs::ui {

using namespace hs::core;

InspectorDocks::InspectorDocks(QMainWindow *window)
    : QObject(window),
      m_attributes(new AttributesPanel(window)),
      m_links(new LinksPanel(window)),
      m_storage(new StoragePanel(window))
{
    qRegisterMetaType<ReferenceTarget>("hs::core::ReferenceTarget");
    const struct
    {
        QString title;
        const char *name;
        QWidget *panel;
    } docks[PanelCount] = {
        {tr("Attributes"), "AttributesDock", m_attributes},
        {tr("Links and References"), "LinksDock", m_links},
        {tr("Storage"), "StorageDock", m_storage},
    };
    for (int p = 0; p < PanelCount; ++p) {
        auto *dock = new QDockWidget(docks[p].title, window);
        dock->setObjectName(QLatin1String(docks[p].name));
        dock->setWidget(docks[p].panel);
        dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
        m_docks[p] = dock;
        // Not isVisible(): a dock behind another one's tab still is "visible"
        // (just moved out of sight); this signal tells tabs apart too.
        connect(dock, &QDockWidget::visibilityChanged, this, [this, p](bool visible) {
            m_onScreen[p] = visible;
            if (visible)
                feed(Panel(p));
        });
    }
    window->addDockWidget(Qt::RightDockWidgetArea, m_docks[Attributes]);
    window->splitDockWidget(m_docks[Attributes], m_docks[Links], Qt::Vertical);
    window->tabifyDockWidget(m_docks[Links], m_docks[Storage]);
    m_docks[Links]->raise();
    window->resizeDocks({m_docks[Attributes], m_docks[Links]}, {45, 55}, Qt::Vertical);

    connect(m_attributes, &AttributesPanel::referenceActivated, this, &InspectorDocks::followReference);
    connect(m_links, &LinksPanel::pathActivated, this, [this](const QString &path) {
        if (m_current.file)
            Q_EMIT pathRequested(m_current.file->path(), path);
    });
    connect(m_links, &LinksPanel::externalTargetActivated, this, &InspectorDocks::pathRequested);
}

InspectorDocks::~InspectorDocks() = default;

void InspectorDocks::setObject(const H5FilePtr &file, const QString &path, ObjectKind kind)
{
    m_current = Shown{file, path, kind};
    followSession();
    for (int p = 0; p < PanelCount; ++p)
        feed(Panel(p));
}

void InspectorDocks::reload(Panel panel)
{
    m_shown[panel] = Shown{}; // a dock off screen reads when it is shown again
    switch (panel) {
    case Attributes: m_attributes->clear(); break;
    case Links: m_links->clear(); break;
    case Storage: m_storage->clear(); break;
    case PanelCount: break;
    }
    feed(panel);
}

void InspectorDocks::followSession()
{
    FileSession *session = m_current.file ? FileSession::of(m_current.file) : nullptr;
    if (session == m_session)
        return;
    for (const auto &c : m_sessionConnections)
        disconnect(c);
    m_sessionConnections.clear();
    m_session = session;
    if (!session)
        return;
    const auto isCurrent = [this](const QString &path) { return m_current.file && m_current.path == path; };
    m_sessionConnections << connect(session, &QObject::destroyed, this, [this] { m_session = nullptr; });
    // The Attributes panel follows its object's attribute changes itself (its
    // editor listens to the session) and keeps the attribute the user works
    // on selected; clearing it here made a rename select the first row. The
    // Links panel counts the attributes.
    m_sessionConnections << connect(session, &FileSession::attributesChanged, this, [this, isCurrent](const QString &p) {
        if (isCurrent(p))
            reload(Links);
    });
    m_sessionConnections << connect(session, &FileSession::objectChanged, this, [this, isCurrent](const QString &p) {
        if (isCurrent(p))
            for (int i = 0; i < PanelCount; ++i)
                reload(Panel(i));
    });
    // Written values may allocate chunks: the storage figures change.
    m_sessionConnections << connect(session, &FileSession::valuesChanged, this, [this, isCurrent](const QString &p) {
        if (isCurrent(p))
            reload(Storage);
    });
    // A group's links are its members.
    m_sessionConnections << connect(session, &FileSession::membersChanged, this, [this, isCurrent](const QString &p) {
        if (isCurrent(p))
            reload(Links);
    });
    m_sessionConnections << connect(session, &FileSession::objectRemoved, this, [this](const QString &p) {
        if (m_current.file && (m_current.path == p || m_current.path.startsWith(p + QLatin1Char('/'))))
            clear();
    });
    m_sessionConnections << connect(session, &FileSession::objectMoved, this, [this](const QString &from, const QString &to) {
        if (!m_current.file || !(m_current.path == from || m_current.path.startsWith(from + QLatin1Char('/'))))
            return;
        m_current.path = to + m_current.path.mid(from.size());
        for (int i = 0; i < PanelCount; ++i)
            reload(Panel(i));
    });
}

void InspectorDocks::clear()
{
    m_current = Shown{};
    followSession();
    for (int p = 0; p < PanelCount; ++p)
        m_shown[p] = Shown{};
    m_attributes->clear();
    m_links->clear();
    m_storage->clear();
}

void InspectorDocks::releaseFile(const QString &filePath)
{
    bool holds = m_current.file && m_current.file->path() == filePath;
    for (const Shown &s : m_shown)
        holds = holds || (s.file && s.file->path() == filePath);
    if (holds)
        clear();
}

void InspectorDocks::feed(Panel panel)
{
    // Hidden docks (closed, or a tab behind another) wait until they are shown.
    if (!m_onScreen[panel] || m_shown[panel] == m_current)
        return;
    m_shown[panel] = m_current;
    const Shown &c = m_current;
    switch (panel) {
    case Attributes:
        c.file ? m_attributes->setObject(c.file, c.path, c.kind) : m_attributes->clear();
        break;
    case Links:
        c.file ? m_links->setObject(c.file, c.path, c.kind) : m_links->clear();
        break;
    case Storage:
        c.file ? m_storage->setObject(c.file, c.path, c.kind) : m_storage->clear();
        break;
    case PanelCount:
        break;
    }
}

void InspectorDocks::followReference(const QString &text)
{
    if (!m_current.file)
        return;
    const ReferenceTarget target = ReferenceTarget::parse(text);
    if (target.isRegion())
        Q_EMIT regionRequested(m_current.file->path(), target.path, target);
    else if (target.isValid())
        Q_EMIT pathRequested(m_current.file->path(), target.path);
}

} // namespace hs::ui
