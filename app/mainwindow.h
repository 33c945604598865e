#pragma once

#include <QMainWindow>

namespace hs::app {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    void openFile(const QString &path, const QString &objectPath = {});
};

} // namespace hs::app
