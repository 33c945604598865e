#include "datasettabs.h"

#include "datagridview.h"
#include "models/datasettablemodel.h"
#include "datasetpanel.h"
#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "services/datasetreader.h"
#include "services/dimensionscales.h"
#include "services/matlabtext.h"
#include "matlabtextview.h"
#include "session/objectreadscope.h"
#include "model/names.h"

#include <QTabBar>

#include <optional>

namespace hs::ui {

using namespace hs::core;

DatasetTabs::DatasetTabs(QWidget *overview, QWidget *parent) : QTabWidget(parent), m_overview(overview)
{
    setDocumentMode(true);
    setTabsClosable(true);
    setMovable(true);
    addTab(m_overview, tr("Overview"));
    // The overview cannot be closed.
    tabBar()->setTabButton(0, QTabBar::RightSide, nullptr);
    tabBar()->setTabButton(0, QTabBar::LeftSide, nullptr);
    connect(this, &QTabWidget::tabCloseRequested, this, [this](int i) {
        QWidget *w = widget(i);
        if (w == m_overview)
            return;
        removeTab(i);
        w->deleteLater();
    });
    // The status bar shows the value under the cursor of the tab on top, or
    // nothing (the overview, a dataset without elements).
    connect(this, &QTabWidget::currentChanged, this, [this] {
        DatasetPanel *panel = currentPanel();
        Q_EMIT currentValueChanged(panel ? panel->currentValueText() : QString());
    });
}

DatasetPanel *DatasetTabs::currentPanel() const
{
    return qobject_cast<DatasetPanel *>(currentWidget());
}

DatasetPanel *DatasetTabs::panelFor(const QString &filePath, const QString &path) const
{
    for (int i = 0; i < count(); ++i)
        if (auto *p = qobject_cast<DatasetPanel *>(widget(i)))
            if (p->property("filePath").toString() == filePath && p->reader()->path() == path)
                return p;
    return nullptr;
}

void DatasetTabs::showOverview()
{
    setCurrentWidget(m_overview);
}

void DatasetTabs::openDataset(const H5FilePtr &file, const QString &path, const ReferenceTarget &region)
{
    // A region selects cells: that needs the grid, whatever the data is.
    open(file, path, region, !region.isValid());
}

QWidget *DatasetTabs::textViewFor(const QString &filePath, const QString &path) const
{
    for (int i = 0; i < count(); ++i)
        if (auto *t = qobject_cast<MatlabTextView *>(widget(i)))
            if (t->property("filePath").toString() == filePath && t->datasetPath() == path)
                return t;
    return nullptr;
}

void DatasetTabs::addTextTab(const H5FilePtr &file, const QString &path, const MatlabText &text)
{
    auto *view = new MatlabTextView(path, text, this);
    view->setProperty("filePath", file->path());
    connect(view, &MatlabTextView::codesRequested, this, [this, file](const QString &p) { open(file, p, {}, false); });
    const int i = addTab(view, titleFor(file, path));
    view->setProperty("datasetPath", path);
    followSession(file);
    setTabToolTip(i, QStringLiteral("%1:%2").arg(file->displayName(), names::toEscaped(path)));
    setCurrentIndex(i);
}

void DatasetTabs::open(const H5FilePtr &file, const QString &path, const ReferenceTarget &region, bool textIfMatlab)
{
    if (QWidget *text = textIfMatlab ? textViewFor(file->path(), path) : nullptr) {
        setCurrentWidget(text);
        return;
    }
    if (DatasetPanel *existing = panelFor(file->path(), path)) {
        setCurrentWidget(existing);
        existing->selectRegion(region);
        return;
    }
    auto job = std::make_unique<FunctionJob>(tr("Opening %1").arg(path), [this, file, path, region, textIfMatlab](JobContext &ctx) {
        std::optional<ObjectReadScope> crumb(std::in_place, file->path(), path);
        // MATLAB char arrays open as the text MATLAB shows (a bounded read).
        if (textIfMatlab) {
            auto text = readMatlabText(file, path);
            if (text.ok() && text->has_value()) {
                ctx.post([this, file, path, text = **text] {
                    if (QWidget *open = textViewFor(file->path(), path))
                        setCurrentWidget(open);
                    else
                        addTextTab(file, path, text);
                });
                return;
            }
        }
        auto reader = DatasetReader::open(file, path);
        // Dimension scales label the headers; a scale that fails to open is
        // simply not used.
        std::vector<DatasetReaderPtr> scales;
        if (reader) {
            for (const QString &scalePath : dimensionScalePaths(file, path)) {
                auto scale = scalePath.isEmpty() ? Result<DatasetReaderPtr>(Error{}) : DatasetReader::open(file, scalePath);
                scales.push_back(scale ? scale.value() : nullptr);
            }
        }
        crumb.reset();
        ctx.post([this, file, path, region, reader = std::move(reader), scales = std::move(scales)] {
            if (!reader) {
                Q_EMIT errorOccurred(tr("Could not open %1").arg(path), reader.error());
                return;
            }
            if (DatasetPanel *existing = panelFor(file->path(), path)) {
                setCurrentWidget(existing);
                existing->selectRegion(region);
                return;
            }
            auto *panel = new DatasetPanel(reader.value(), file->displayName(), this);
            panel->model()->setDimensionScales(scales);
            panel->setErrorPresenter(m_errors);
            panel->setSourceFile(file->path());
            panel->setProperty("filePath", file->path());
            connect(panel, &DatasetPanel::errorOccurred, this, &DatasetTabs::errorOccurred);
            connect(panel, &DatasetPanel::statusMessage, this, &DatasetTabs::statusMessage);
            connect(panel, &DatasetPanel::currentValueChanged, this, [this, panel](const QString &t) {
                if (currentWidget() == panel)
                    Q_EMIT currentValueChanged(t);
            });
            connect(panel, &DatasetPanel::referenceActivated, this, [this, filePath = file->path()](const QString &text) {
                Q_EMIT referenceActivated(filePath, text);
            });
            const int i = addTab(panel, titleFor(file, path));
            panel->setProperty("datasetPath", path);
            followSession(file);
            setTabToolTip(i, QStringLiteral("%1:%2").arg(file->displayName(), names::toEscaped(path)));
            setCurrentIndex(i);
            panel->grid()->setFocus();
            panel->selectRegion(region);
            Q_EMIT datasetOpened(panel);
        });
    });
    JobTicket *ticket = JobRunner::instance().start(std::move(job), this);
    connect(ticket, &JobTicket::finished, ticket, &QObject::deleteLater);
}

void DatasetTabs::closeTabsOf(const QString &filePath)
{
    for (int i = count() - 1; i >= 0; --i) {
        QWidget *w = widget(i);
        if (w != m_overview && w->property("filePath").toString() == filePath) {
            removeTab(i);
            w->deleteLater();
        }
    }
}

} // namespace hs::ui
