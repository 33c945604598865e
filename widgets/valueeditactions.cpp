#include "valueeditactions.h"

#include "datagridview.h"
#include "datasetpanel.h"
#include "datasettabs.h"
#include "models/datasettablemodel.h"
#include "services/datasetreader.h"
#include "session/filesession.h"
#include "valueeditcontroller.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QInputDialog>
#include <QMenu>
#include <QProgressDialog>

namespace hs::ui {

using namespace hs::core;

namespace {
const QString kReadOnlyTip = QObject::tr("Enable editing with File \u25b8 Enable Editing (Ctrl+Shift+E)");
}

ValueEditActions::ValueEditActions(DatasetTabs *tabs, QObject *parent)
    : QObject(parent), m_tabs(tabs), m_fill(new QAction(tr("&Fill Selection\u2026"), this))
{
    m_fill->setObjectName(QStringLiteral("fillSelectionAction"));
    connect(m_fill, &QAction::triggered, this, [this] {
        if (DatasetPanel *p = m_tabs ? m_tabs->currentPanel() : nullptr)
            fillSelection(p);
    });
    connect(tabs, &QTabWidget::currentChanged, this, &ValueEditActions::update);
    update();
}

void ValueEditActions::install(QMenu *editMenu)
{
    editMenu->addSeparator();
    editMenu->addAction(m_fill);
    // A disabled Fill Selection's tooltip says how to enable editing; a menu
    // shows tooltips only when asked.
    editMenu->setToolTipsVisible(true);
}

void ValueEditActions::update()
{
    disconnect(m_panelConnection);
    DatasetPanel *p = m_tabs ? m_tabs->currentPanel() : nullptr;
    if (p)
        m_panelConnection = connect(p->valueEdits(), &ValueEditController::editableChanged, this, &ValueEditActions::update);
    const bool editable = p && p->valueEdits()->isEditable();
    m_fill->setEnabled(editable);
    m_fill->setToolTip(editable ? tr("Write one value into every selected cell") : p ? kReadOnlyTip : tr("Open a dataset to fill its cells"));
}

void ValueEditActions::pasteInto(DatasetPanel *panel)
{
    const QString text = QApplication::clipboard()->text();
    const QString error = panel->valueEdits()->paste(panel->grid()->selection(), text);
    if (!error.isEmpty())
        Q_EMIT panel->errorOccurred(tr("Could not paste into %1 in %2")
                                        .arg(panel->model()->reader()->path(),
                                             panel->model()->reader()->file()->displayName()),
                                    Error::make(ErrorCode::InvalidArgument, error));
}

void ValueEditActions::fillSelection(DatasetPanel *panel)
{
    ValueEditController *edits = panel->valueEdits();
    const CellRange range = panel->grid()->selection();
    if (!edits->isEditable()) {
        Q_EMIT panel->errorOccurred(tr("Could not fill the selection"), Error::make(ErrorCode::PermissionDenied, kReadOnlyTip));
        return;
    }
    const quint64 cells = range.rowCount() * range.columnCount();
    QInputDialog dialog(panel);
    dialog.setWindowTitle(tr("Fill Selection"));
    dialog.setLabelText(tr("Value for the %L1 selected cells\n(%2):").arg(cells).arg(edits->limits(range.left)));
    dialog.setTextValue(panel->model()->editText(range.top, range.left));
    QString error;
    do {
        if (dialog.exec() != QDialog::Accepted)
            return;
        error = edits->check(range.left, dialog.textValue());
        if (!error.isEmpty())
            dialog.setLabelText(tr("Value for the %L1 selected cells\n(%2):\n\n%3").arg(cells).arg(edits->limits(range.left), error));
    } while (!error.isEmpty());
    FileSession *session = edits->session();
    // Progress and Cancel for as long as the fill runs (shown after a moment).
    auto *progress = new QProgressDialog(tr("Filling %L1 cells\u2026").arg(cells), tr("Cancel"), 0, 1000, panel);
    progress->setObjectName(QStringLiteral("fillProgress"));
    progress->setWindowTitle(tr("Fill Selection"));
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    QObject::connect(session, &FileSession::writeProgress, progress, [progress](qint64 done, qint64 total) {
        if (total > 0)
            progress->setValue(int(done * 1000 / total));
    });
    QObject::connect(progress, &QProgressDialog::canceled, session, &FileSession::cancelCurrentWrite);
    auto finish = [progress] { progress->deleteLater(); };
    QObject::connect(edits, &ValueEditController::written, progress, finish);
    QObject::connect(edits, &ValueEditController::writeFailed, progress, finish);
    error = edits->fill(range, dialog.textValue());
    if (!error.isEmpty()) {
        progress->deleteLater();
        Q_EMIT panel->errorOccurred(tr("Could not fill the selection"), Error::make(ErrorCode::InvalidArgument, error));
    }
}

} // namespace hs::ui
