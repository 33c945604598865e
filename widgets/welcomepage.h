#pragma once

#include <QWidget>

class QListWidget;

namespace hs::ui {

// What the central area shows before anything is selected: how to open a
// file, and the recent ones.
class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);
    void setRecentFiles(const QStringList &files);

Q_SIGNALS:
    void openRequested();
    void recentFileRequested(const QString &path);

private:
    QListWidget *m_recent;
};

} // namespace hs::ui
