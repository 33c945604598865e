#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace hs::app {

// The "Open Recent" list, kept in QSettings, newest first, files that no longer
// exist dropped when the menu is shown.
class RecentFiles : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxFiles = 10;
    explicit RecentFiles(QObject *parent = nullptr);

    QStringList files() const;
    void add(const QString &path);
    void clear();
    // Fills `menu` each time it is about to show.
    void attachMenu(QMenu *menu);

Q_SIGNALS:
    void changed();
    void fileRequested(const QString &path);
};

} // namespace hs::app
