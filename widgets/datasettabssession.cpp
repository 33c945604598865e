// DatasetTabs, continued: the tabs of a file follow its FileSession, so every
// open grid shows the file as it is after an edit, its undo or its redo.

#include "datasettabs.h"

#include "datasetpanel.h"
#include "model/names.h"
#include "session/filesession.h"

namespace hs::ui {

using namespace hs::core;

QString DatasetTabs::titleFor(const H5FilePtr &file, const QString &path)
{
    const QString name = names::toEscaped(path.section(QLatin1Char('/'), -1));
    const FileSession *session = FileSession::of(file);
    return session && session->isEditable() ? tr("%1 \u270e").arg(name) : name;
}

QList<QWidget *> DatasetTabs::tabsOf(const QString &filePath, const QString &path, bool withMembers) const
{
    QList<QWidget *> tabs;
    for (int i = 0; i < count(); ++i) {
        QWidget *w = widget(i);
        if (w == m_overview || w->property("filePath").toString() != filePath)
            continue;
        const QString p = w->property("datasetPath").toString();
        if (p == path || (withMembers && p.startsWith(path == QLatin1String("/") ? path : path + QLatin1Char('/'))))
            tabs << w;
    }
    return tabs;
}

void DatasetTabs::reopenTab(QWidget *tab, const H5FilePtr &file, const QString &path)
{
    // The reader was made for the old shape (or path): open the dataset again
    // in a new tab, which takes the old one's place when it arrives on top.
    const bool wasText = !qobject_cast<DatasetPanel *>(tab);
    removeTab(indexOf(tab));
    tab->deleteLater();
    open(file, path, {}, wasText);
}

void DatasetTabs::retitle(const QString &filePath)
{
    for (int i = 0; i < count(); ++i) {
        QWidget *w = widget(i);
        if (w != m_overview && w->property("filePath").toString() == filePath)
            if (const FileSession *s = FileSession::forPath(filePath))
                setTabText(i, titleFor(s->file(), w->property("datasetPath").toString()));
    }
}

void DatasetTabs::followSession(const H5FilePtr &file)
{
    FileSession *session = FileSession::of(file);
    if (!session || m_followed.contains(session))
        return;
    m_followed.insert(session);
    const QString filePath = file->path();
    // Weak: the session (and its file) may close while tabs are still open.
    const std::weak_ptr<H5File> weak = file;
    connect(session, &QObject::destroyed, this, [this, session] { m_followed.remove(session); });
    // Values: each grid's ValueEditController reads the changed tiles again.
    connect(session, &FileSession::objectChanged, this, [this, filePath, weak](const QString &path) {
        if (const H5FilePtr f = weak.lock())
            for (QWidget *w : tabsOf(filePath, path, false))
                reopenTab(w, f, path);
    });
    connect(session, &FileSession::objectRemoved, this, [this, filePath](const QString &path) {
        for (QWidget *w : tabsOf(filePath, path, true)) {
            removeTab(indexOf(w));
            w->deleteLater();
        }
    });
    connect(session, &FileSession::objectMoved, this, [this, filePath, weak](const QString &from, const QString &to) {
        const H5FilePtr f = weak.lock();
        if (!f)
            return;
        for (QWidget *w : tabsOf(filePath, from, true))
            reopenTab(w, f, to + w->property("datasetPath").toString().mid(from.size()));
    });
    connect(session, &FileSession::modeChanged, this, [this, filePath] { retitle(filePath); });
}

} // namespace hs::ui
