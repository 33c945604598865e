#include "sessionrecovery.h"

#include "filesessions.h"
#include "mainwindow.h"

#include "datasetpanel.h"
#include "datasettabs.h"
#include "hierarchyview.h"
#include "inspectordocks.h"
#include "models/hierarchymodel.h"
#include "services/datasetreader.h"
#include "treedecorationproxy.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSocketNotifier>
#include <QStatusBar>
#include <QTimer>

#include <csignal>
#include <cstdio>

#include <sys/socket.h>
#include <unistd.h>

namespace hs::app {

using core::HierarchyModel;
using core::SessionObject;

namespace {

int g_signalPipe[2] = {-1, -1};

void onTerminationSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(g_signalPipe[0], &byte, 1); // async-signal-safe
}

SessionObject objectAt(const QModelIndex &sourceIndex)
{
    const QModelIndex i = sourceIndex.siblingAtColumn(0);
    if (!i.isValid())
        return {};
    return {i.data(HierarchyModel::FilePathRole).toString(), i.data(HierarchyModel::PathRole).toString()};
}

QString parentPath(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

} // namespace

SessionRecovery::SessionRecovery(MainWindow *window, ui::TreeDecorationProxy *proxy)
    : QObject(window), m_window(window), m_proxy(proxy)
{
    connect(m_window, &MainWindow::fileOpened, this, &SessionRecovery::openPendingTabs);
}

SessionRecovery::~SessionRecovery()
{
    if (m_journal) {
        m_journal->finish();
        delete m_journal;
    }
}

void SessionRecovery::start(const QString &directory)
{
    if (m_journal)
        return;
    m_journal = new core::SessionJournal(directory);
    const std::optional<core::CrashReport> report = m_journal->takeCrashReport();
    if (!m_journal->start()) {
        std::fprintf(stderr, "hyperslab: cannot keep a session journal in %s; a crash would lose this session\n",
                     qPrintable(directory));
        delete m_journal;
        m_journal = nullptr;
        return;
    }
    installTerminationHandler();
    HierarchyModel *model = m_window->hierarchyModel();
    auto topLevel = [this](const QModelIndex &parent) {
        if (!parent.isValid())
            save();
    };
    connect(model, &HierarchyModel::rowsInserted, this, topLevel);
    connect(model, &HierarchyModel::rowsRemoved, this, topLevel);
    connect(model, &HierarchyModel::modelReset, this, &SessionRecovery::save);
    // Saved at once (a small write, no fsync): the read that crashes may start
    // right after the selection changed.
    connect(m_window->treeView(), &ui::HierarchyView::currentSourceChanged, this, &SessionRecovery::save);
    ui::DatasetTabs *tabs = m_window->datasetTabs();
    connect(tabs, &ui::DatasetTabs::datasetOpened, this, &SessionRecovery::save);
    connect(tabs, &QTabWidget::currentChanged, this, &SessionRecovery::save);
    connect(tabs, &QTabWidget::tabCloseRequested, this, &SessionRecovery::save);
    if (report)
        QTimer::singleShot(0, this, [this, r = *report] { restore(r); });
}

void SessionRecovery::restore(const core::CrashReport &report)
{
    // Stopping on an object that was already held back means the library fails
    // on it even when only its group is listed: reopening would stop again.
    const bool again = report.reading.isValid() && report.session.heldBack.contains(report.reading);
    for (const SessionObject &o : report.session.heldBack)
        if (!m_heldBack.contains(o))
            m_heldBack.append(o);
    if (report.reading.isValid() && !m_heldBack.contains(report.reading))
        m_heldBack.append(report.reading);
    m_heldBackNote = tr("Hyperslab stopped while reading this object (%1), so it is not read again unless you open it; "
                        "you will be asked first.")
                         .arg(QLocale().toString(report.when, QLocale::ShortFormat));
    updateFlags();

    const core::SessionState &s = report.session;
    QStringList text{report.message()};
    if (again) {
        text << tr("It had been held back since an earlier stop, so the library fails on it even when Hyperslab only "
                   "lists the group that holds it. Your session was not reopened this time, so that this does not "
                   "happen again; open its files from File \u25b8 Open Recent.");
    } else if (!s.files.isEmpty()) {
        const int tabCount = reopen(s);
        text << tr("Your session was reopened: %1%2.")
                    .arg(s.files.size() == 1 ? tr("1 file") : tr("%1 files").arg(s.files.size()),
                         tabCount == 0   ? QString()
                         : tabCount == 1 ? tr(" and 1 dataset tab")
                                         : tr(" and %1 dataset tabs").arg(tabCount));
    }
    if (report.reading.isValid() && !again)
        text << tr("%1 was not read again: it is marked with a warning sign in the tree, and Hyperslab asks before "
                   "reading it.")
                    .arg(report.reading.displayPath());
    m_reportText = text.join(QLatin1Char(' '));
    std::fprintf(stderr, "hyperslab: %s\n", qPrintable(m_reportText));

    m_reportBox = new QMessageBox(QMessageBox::Warning, tr("Hyperslab Stopped Unexpectedly"), text.takeFirst(),
                                  QMessageBox::Ok, m_window);
    m_reportBox->setObjectName(QStringLiteral("CrashReport"));
    m_reportBox->setInformativeText(text.join(QLatin1String("\n\n")));
    m_reportBox->setAttribute(Qt::WA_DeleteOnClose);
    m_reportBox->setModal(false);
    m_reportBox->show();
    save();
}

int SessionRecovery::reopen(const core::SessionState &s)
{
    int tabCount = 0;
    for (const SessionObject &t : s.tabs)
        if (!m_heldBack.contains(t)) {
            m_pendingTabs.append(t);
            ++tabCount;
        }
    SessionObject selection = s.selection;
    if (m_heldBack.contains(selection)) {
        selection.path = parentPath(selection.path); // near it, without reading it
        // Expanded, so its flag is in sight.
        auto *once = new QObject(this);
        connect(m_window->hierarchyModel(), &HierarchyModel::pathRevealed, once, [this, once, selection](const QModelIndex &i) {
            if (objectAt(i) != selection)
                return;
            m_window->treeView()->expand(m_proxy->mapFromSource(i.siblingAtColumn(0)));
            once->deleteLater();
        });
    }
    for (const QString &file : s.files) {
        const bool open = m_window->hierarchyModel()->fileIndexFor(file).isValid();
        m_window->openFile(file, file == selection.file ? selection.path : QString());
        if (open)
            openPendingTabs(file);
    }
    return tabCount;
}

bool SessionRecovery::isHeldBack(const QModelIndex &sourceIndex) const
{
    return !m_heldBack.isEmpty() && m_heldBack.contains(objectAt(sourceIndex));
}

bool SessionRecovery::beforeRead(const QModelIndex &sourceIndex)
{
    return beforeRead(objectAt(sourceIndex), sourceIndex);
}

bool SessionRecovery::beforeRead(const SessionObject &o, QModelIndex sourceIndex)
{
    save();
    if (m_heldBack.isEmpty() || !m_heldBack.contains(o))
        return true;
    const QString question = tr("Hyperslab stopped while reading %1 in %2 before: the HDF5 library failed on it. "
                                "Reading it again may close Hyperslab again (this session would then be reopened).\n\n"
                                "Read %1 now?")
                                 .arg(o.displayPath(), QFileInfo(o.file).fileName());
    bool yes = false;
    if (m_asker) {
        yes = m_asker(question);
    } else {
        QMessageBox box(QMessageBox::Warning, tr("Read This Object?"), question, QMessageBox::NoButton, m_window);
        QPushButton *read = box.addButton(tr("Read It"), QMessageBox::AcceptRole);
        box.setDefaultButton(box.addButton(tr("Not Now"), QMessageBox::RejectRole));
        box.exec();
        yes = box.clickedButton() == read;
    }
    if (!yes) {
        m_window->statusBar()->showMessage(
            tr("%1 was not read: Hyperslab stopped while reading it before. Double-click it to be asked again.").arg(o.displayPath()));
        return false;
    }
    m_heldBack.removeAll(o);
    updateFlags();
    save();
    HierarchyModel *model = m_window->hierarchyModel();
    if (!sourceIndex.isValid()) // e.g. a region reference to it: its row, if listed
        sourceIndex = model->indexForPath(model->fileIndexFor(o.file), o.path);
    if (!sourceIndex.isValid())
        return true;
    m_proxy->flagChanged(sourceIndex);
    // Opened (double-click) while selected: the panels held back with it read it too.
    if (objectAt(m_window->treeView()->currentSourceIndex()) == o)
        m_window->inspectors()->setObject(model->fileOf(sourceIndex), o.path,
                                          core::ObjectKind(sourceIndex.siblingAtColumn(0).data(HierarchyModel::KindRole).toInt()));
    return true;
}

QMessageBox *SessionRecovery::reportBox() const
{
    return m_reportBox;
}

core::SessionState SessionRecovery::currentState() const
{
    core::SessionState s;
    HierarchyModel *model = m_window->hierarchyModel();
    for (int i = 0; i < model->fileCount(); ++i)
        s.files << model->fileIndex(i).data(HierarchyModel::FilePathRole).toString();
    s.selection = objectAt(m_window->treeView()->currentSourceIndex());
    ui::DatasetTabs *tabs = m_window->datasetTabs();
    for (int i = 0; i < tabs->count(); ++i)
        if (auto *panel = qobject_cast<ui::DatasetPanel *>(tabs->widget(i)))
            s.tabs << SessionObject{panel->property("filePath").toString(), panel->reader()->path()};
    s.heldBack = m_heldBack;
    return s;
}

void SessionRecovery::save()
{
    if (m_journal)
        m_journal->save(currentState());
}

void SessionRecovery::openPendingTabs(const QString &filePath)
{
    HierarchyModel *model = m_window->hierarchyModel();
    const core::H5FilePtr file = model->fileOf(model->fileIndexFor(filePath));
    if (!file)
        return;
    for (qsizetype i = 0; i < m_pendingTabs.size();) {
        if (m_pendingTabs[i].file == filePath)
            m_window->datasetTabs()->openDataset(file, m_pendingTabs.takeAt(i).path);
        else
            ++i;
    }
}

void SessionRecovery::updateFlags()
{
    QHash<QString, QString> flags;
    for (const SessionObject &o : std::as_const(m_heldBack))
        flags.insert(ui::TreeDecorationProxy::flagKey(o.file, o.path), m_heldBackNote);
    m_proxy->setFlags(flags);
}

void SessionRecovery::installTerminationHandler()
{
    // A logout or `kill` is not a crash: close the window as Quit does, so the
    // journal is removed and the next start reports nothing.
    if (g_signalPipe[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalPipe[1], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this] {
        char byte;
        [[maybe_unused]] const auto n = ::read(g_signalPipe[1], &byte, 1);
        // Nobody is there to answer "clear the undo history?": every edit is
        // already on disk, only the history goes, so the files close as asked.
        m_window->sessions()->setAsk([](const QString &) { return true; });
        m_window->close();
    });
    struct sigaction sa{};
    sa.sa_handler = onTerminationSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (const int sig : {SIGTERM, SIGINT, SIGHUP})
        ::sigaction(sig, &sa, nullptr);
}

} // namespace hs::app
