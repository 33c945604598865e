#include "mainwindow.h"

namespace hs::app {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent) {}

void MainWindow::openFile(const QString &, const QString &) {}

} // namespace hs::app
