#include "viewertabs.h"

#include "fileviewerdata.h"

#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "plugins/datasetexportsource.h"
#include "plugins/pluginregistry.h"

#include "hyperslab/viewerinterface.h"

#include <QJsonArray>
#include <QLabel>
#include <QStackedWidget>
#include <QTabBar>
#include <QVBoxLayout>

#include <algorithm>

namespace hs::ui {

using core::FunctionJob;
using core::JobContext;

ViewerTabs::ViewerTabs(core::DatasetReaderPtr reader, QWidget *grid, QWidget *parent)
    : QWidget(parent), m_reader(std::move(reader)), m_bar(new QTabBar(this)), m_stack(new QStackedWidget(this))
{
    m_bar->setObjectName(QStringLiteral("viewerTabBar"));
    m_bar->setDocumentMode(true);
    m_bar->setExpanding(false);
    m_bar->addTab(tr("Grid"));
    m_bar->hide();
    m_stack->addWidget(grid);
    m_entries.push_back({nullptr, grid});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_bar);
    layout->addWidget(m_stack, 1);
    connect(m_bar, &QTabBar::currentChanged, this, &ViewerTabs::showTab);

    if (core::PluginRegistry::instance().viewers().empty())
        return;
    auto job = std::make_unique<FunctionJob>(tr("Describing %1").arg(m_reader->path()), [this, reader = m_reader](JobContext &ctx) {
        hyperslab::ObjectInfo object = core::describeDataset(reader);
        ctx.post([this, object] { described(object); });
    });
    core::JobRunner::instance().start(std::move(job), this);
}

QWidget *ViewerTabs::view(int index) const
{
    return index >= 0 && size_t(index) < m_entries.size() ? m_entries[size_t(index)].view : nullptr;
}

void ViewerTabs::described(const hyperslab::ObjectInfo &object)
{
    m_object = object;
    std::vector<std::pair<int, hyperslab::ViewerInterface *>> fits;
    for (hyperslab::ViewerInterface *v : core::PluginRegistry::instance().viewers()) {
        const int score = v->score(object);
        if (score > 0)
            fits.push_back({score, v});
    }
    std::stable_sort(fits.begin(), fits.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (const auto &[score, v] : fits) {
        m_entries.push_back({v, nullptr});
        m_bar->addTab(v->viewName());
    }
    m_bar->setVisible(!fits.empty());
    if (!fits.empty() && fits.front().first >= 50 && m_bar->currentIndex() == 0)
        m_bar->setCurrentIndex(1);
    Q_EMIT viewersFound(int(fits.size()));
}

void ViewerTabs::showTab(int index)
{
    if (index < 0 || size_t(index) >= m_entries.size())
        return;
    Entry &e = m_entries[size_t(index)];
    if (!e.view) {
        e.view = e.viewer->createView(std::make_shared<FileViewerData>(m_reader->file(), m_reader, m_object), m_stack);
        if (!e.view)
            e.view = new QLabel(tr("This viewer could not show the dataset."), m_stack);
        m_stack->addWidget(e.view);
    }
    m_stack->setCurrentWidget(e.view);
}

} // namespace hs::ui
