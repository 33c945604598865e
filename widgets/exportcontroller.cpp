#include "exportcontroller.h"

#include "errorpresenter.h"
#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "plugins/datasetexportsource.h"
#include "plugins/pluginregistry.h"

#include "hyperslab/exporterinterface.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QProgressDialog>

namespace hs::ui {

namespace {

constexpr int kProgressSteps = 1000; // QProgressDialog takes int; rows may not fit

} // namespace

ExportController::ExportController(QWidget *window, ErrorPresenter *errors, QObject *parent)
    : QObject(parent ? parent : window), m_window(window), m_errors(errors)
{
}

ExportController::~ExportController()
{
    // The ticket (a child) cancels the job when it goes; QSaveFile then discards the file.
    delete m_progress;
}

bool ExportController::start(core::DatasetReaderPtr reader, const core::ExportRequest &request)
{
    if (isRunning())
        return false;
    m_outputPath = request.outputPath;
    m_datasetPath = request.datasetPath;
    m_rows = 0;
    m_status = core::Ok{};

    auto job = std::make_unique<core::FunctionJob>(
        tr("Export %1").arg(request.datasetPath), [this, reader = std::move(reader), request](core::JobContext &ctx) {
            if (request.format != QLatin1String("csv")) {
                // An exporter plugin: the same job, cancel flag, progress and QSaveFile.
                core::Status st = core::Error::make(core::ErrorCode::Unsupported,
                                                    QStringLiteral("No exporter for the format %1 is loaded.").arg(request.format));
                if (hyperslab::ExporterInterface *plugin = core::PluginRegistry::instance().exporter(request.format)) {
                    core::DatasetExportSource source(reader, request.selection);
                    source.setCancelFlag(ctx.cancelFlag());
                    source.setProgressCallback([&ctx](quint64 done, quint64 total) { ctx.setProgress(qint64(done), qint64(total)); });
                    st = core::runExporter(*plugin, source, request.outputPath);
                }
                const auto shape = request.selection.resultShape();
                ctx.post([this, st, rows = shape.empty() ? quint64(1) : shape.front()] {
                    m_status = st;
                    m_rows = rows;
                });
                return;
            }
            core::CsvExporter exporter(reader, request.selection, request.options);
            exporter.setCancelFlag(ctx.cancelFlag());
            exporter.setProgressCallback([&ctx](quint64 done, quint64 total) { ctx.setProgress(qint64(done), qint64(total)); });
            const core::Status st = exporter.writeFile(request.outputPath);
            // Runs on the GUI thread before finished(), and only while the ticket
            // (a child of this controller) is alive.
            ctx.post([this, st, rows = exporter.totalRows()] {
                m_status = st;
                m_rows = rows;
            });
        });
    m_ticket = core::JobRunner::instance().start(std::move(job), this);

    auto *progress = new QProgressDialog(m_window);
    progress->setWindowTitle(tr("Export"));
    progress->setLabelText(tr("Exporting %1 to %2\u2026")
                               .arg(request.datasetPath, QDir::toNativeSeparators(QFileInfo(request.outputPath).fileName())));
    progress->setRange(0, kProgressSteps);
    progress->setValue(0);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(m_minimumDuration);
    m_progress = progress;
    connect(progress, &QProgressDialog::canceled, this, &ExportController::cancel);
    connect(m_ticket, &core::JobTicket::progressChanged, this, &ExportController::onProgress);
    connect(m_ticket, &core::JobTicket::finished, this, &ExportController::onFinished);
    return true;
}

QProgressDialog *ExportController::progressDialog() const
{
    return m_progress;
}

void ExportController::cancel()
{
    if (m_ticket)
        m_ticket->cancel();
    if (m_progress)
        m_progress->setLabelText(tr("Cancelling\u2026"));
}

void ExportController::onProgress(qint64 done, qint64 total)
{
    if (m_progress && total > 0)
        m_progress->setValue(int(double(done) / double(total) * kProgressSteps));
}

void ExportController::onFinished(bool cancelled)
{
    if (m_ticket)
        m_ticket->deleteLater();
    m_ticket = nullptr;
    if (m_progress) {
        m_progress->disconnect(this); // closing emits canceled() too
        m_progress->close();
        m_progress->deleteLater();
    }
    m_progress = nullptr;
    const bool wasCancelled = cancelled || (!m_status && m_status.error().code == core::ErrorCode::Cancelled);
    const bool ok = !wasCancelled && m_status.ok();
    if (!ok && !wasCancelled && m_errors)
        m_errors->present(tr("Export failed"), m_status.error());
    const QString file = QDir::toNativeSeparators(m_outputPath);
    if (ok)
        Q_EMIT reported(m_rows == 1 ? tr("Exported 1 row of %1 to %2.").arg(m_datasetPath, file)
                                    : tr("Exported %1 rows of %2 to %3.").arg(QLocale().toString(m_rows), m_datasetPath, file));
    else if (wasCancelled)
        Q_EMIT reported(tr("Export of %1 cancelled; nothing was written (%2 is unchanged).").arg(m_datasetPath, file));
    else
        Q_EMIT reported(tr("Export of %1 to %2 failed; nothing was written.").arg(m_datasetPath, file));
    Q_EMIT finished(m_outputPath, ok, wasCancelled);
}

} // namespace hs::ui
