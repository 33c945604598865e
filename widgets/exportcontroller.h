#pragma once

#include "model/error.h"
#include "services/csvexporter.h"
#include "services/datasetreader.h"

#include <QObject>
#include <QPointer>

class QProgressDialog;
class QWidget;

namespace hs::core {
class JobTicket;
}

namespace hs::ui {

class ErrorPresenter;

// Runs an ExportRequest as a background job (core's JobRunner) behind a
// window-modal progress dialog with Cancel. Failures go to the ErrorPresenter;
// a cancelled export is not an error (and leaves no file). Lives on the GUI
// thread; one export at a time.
class ExportController : public QObject
{
    Q_OBJECT
public:
    ExportController(QWidget *window, ErrorPresenter *errors, QObject *parent = nullptr);
    ~ExportController() override;

    // False (and nothing started) while another export runs.
    bool start(core::DatasetReaderPtr reader, const core::ExportRequest &request);
    bool isRunning() const { return !m_ticket.isNull(); }
    void cancel();

    // For tests: the dialog of the running export (null when none runs).
    QProgressDialog *progressDialog() const;
    // Shown only for exports that take longer than this (default 400 ms).
    void setMinimumDuration(int msecs) { m_minimumDuration = msecs; }

Q_SIGNALS:
    // Exactly once per started export, after the file is complete (ok),
    // discarded (cancelled) or the error was presented.
    void finished(const QString &outputPath, bool ok, bool cancelled);
    // Just before finished(): what happened, in words for the status bar
    // ("Exported 1,000 rows of /data to data.csv.", "... cancelled; nothing
    // was written.").
    void reported(const QString &message);

private:
    void onProgress(qint64 done, qint64 total);
    void onFinished(bool cancelled);

    QWidget *m_window;
    QPointer<ErrorPresenter> m_errors;
    QPointer<core::JobTicket> m_ticket;
    QPointer<QProgressDialog> m_progress;
    QString m_outputPath;
    QString m_datasetPath;
    quint64 m_rows = 0; // written, once the export succeeded
    core::Status m_status = core::Ok{};
    int m_minimumDuration = 400;
};

} // namespace hs::ui
