#pragma once

#include "model/error.h"

#include <QObject>
#include <QPointer>

class QWidget;
class QMessageBox;

namespace hs::ui {

// The one place errors reach the user: a message box with the plain message
// and the HDF5 detail behind "Show Details...". Window-modal but non-blocking,
// so background work (and tests) keep running while it is shown.
class ErrorPresenter : public QObject
{
    Q_OBJECT
public:
    explicit ErrorPresenter(QWidget *window);

    void present(const QString &title, const core::Error &error);
    // The last error shown (for tests and the status bar).
    core::Error lastError() const { return m_last; }
    int shownCount() const { return m_count; }
    // Tests turn the dialogs off and only record.
    void setDialogsEnabled(bool enabled) { m_dialogs = enabled; }

Q_SIGNALS:
    void presented(const hs::core::Error &error);

private:
    QWidget *m_window;
    QPointer<QMessageBox> m_box;
    core::Error m_last;
    int m_count = 0;
    bool m_dialogs = true;
};

} // namespace hs::ui
