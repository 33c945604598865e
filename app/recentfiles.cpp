#include "recentfiles.h"

#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace hs::app {

namespace {
const QString Key = QStringLiteral("recentFiles");
}

RecentFiles::RecentFiles(QObject *parent) : QObject(parent) {}

QStringList RecentFiles::files() const
{
    QStringList out;
    for (const QString &f : QSettings().value(Key).toStringList())
        if (QFileInfo::exists(f))
            out << f;
    return out;
}

void RecentFiles::add(const QString &path)
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    QStringList list = QSettings().value(Key).toStringList();
    list.removeAll(abs);
    list.prepend(abs);
    while (list.size() > MaxFiles)
        list.removeLast();
    QSettings().setValue(Key, list);
    Q_EMIT changed();
}

void RecentFiles::clear()
{
    QSettings().remove(Key);
    Q_EMIT changed();
}

void RecentFiles::attachMenu(QMenu *menu)
{
    connect(menu, &QMenu::aboutToShow, this, [this, menu] {
        menu->clear();
        const QStringList list = files();
        int n = 0;
        for (const QString &f : list) {
            QString label = QFileInfo(f).fileName();
            label.replace(QLatin1Char('&'), QLatin1String("&&"));
            if (++n < 10)
                label = QStringLiteral("&%1  %2").arg(n).arg(label);
            QAction *a = menu->addAction(label, this, [this, f] { Q_EMIT fileRequested(f); });
            a->setStatusTip(f);
            a->setToolTip(f);
        }
        if (list.isEmpty())
            menu->addAction(tr("No recent files"))->setEnabled(false);
        menu->addSeparator();
        menu->addAction(tr("Clear Recent Files"), this, &RecentFiles::clear)->setEnabled(!list.isEmpty());
    });
}

} // namespace hs::app
