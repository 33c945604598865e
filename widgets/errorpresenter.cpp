#include "errorpresenter.h"

#include <QMessageBox>

namespace hs::ui {

ErrorPresenter::ErrorPresenter(QWidget *window) : QObject(window), m_window(window) {}

void ErrorPresenter::present(const QString &title, const core::Error &error)
{
    m_last = error;
    ++m_count;
    Q_EMIT presented(error);
    if (!m_dialogs)
        return;
    if (m_box) {
        // Several failures at once (e.g. a multi-file drop): one box, all messages.
        m_box->setInformativeText(m_box->informativeText() + QStringLiteral("\n\n") + error.message);
        if (!error.detail.isEmpty())
            m_box->setDetailedText(m_box->detailedText() + QStringLiteral("\n\n") + error.detail);
        return;
    }
    auto *box = new QMessageBox(error.code == core::ErrorCode::Cancelled ? QMessageBox::Information : QMessageBox::Warning,
                                title, title, QMessageBox::Ok, m_window);
    box->setInformativeText(error.message);
    if (!error.detail.isEmpty())
        box->setDetailedText(error.detail);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    m_box = box;
    box->open();
}

} // namespace hs::ui
