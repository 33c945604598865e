#include "linkspanel.h"

#include "infosection.h"

#include "hdf5/librarylock.h"
#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "services/objectinspector.h"
#include "session/objectreadscope.h"
#include "model/names.h"

#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QMutex>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QUrl>
#include <QVBoxLayout>

#include <optional>

#include <functional>

namespace hs::ui {

using namespace hs::core;

namespace {

constexpr int MaxPathLabels = 500; // more would only slow the panel down; the count says how many

QString muted(const QString &html)
{
    return QStringLiteral("<span style='color:gray'>%1</span>").arg(html);
}

QString mono(const QString &text)
{
    return QStringLiteral("<span style='font-family:monospace'>%1</span>").arg(text.toHtmlEscaped());
}

QString linkTo(const QString &path, const QString &shown = {})
{
    return QStringLiteral("<a style='text-decoration:none' href='%1'>%2</a>")
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(path)), (shown.isEmpty() ? path : shown).toHtmlEscaped());
}

QString timeText(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

QString tracked(bool yes)
{
    return yes ? QObject::tr("tracked") : QObject::tr("not tracked");
}

} // namespace

LinksPanel::LinksPanel(QWidget *parent) : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    outer->addWidget(scroll);

    m_content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(10);
    m_placeholder = new QLabel(m_content);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setStyleSheet(QStringLiteral("color: palette(placeholder-text); margin: 16px;"));
    layout->addWidget(m_placeholder);
    m_link = new InfoSection(tr("Link"), m_content);
    m_object = new InfoSection(tr("Object"), m_content);
    m_pathsSection = new InfoSection(tr("All paths to this object"), m_content);
    m_scales = new InfoSection(tr("Dimension scales"), m_content);
    for (InfoSection *s : {m_link, m_object, m_pathsSection, m_scales}) {
        layout->addWidget(s);
        s->onLink = [this](const QString &p) { Q_EMIT pathActivated(p); };
    }
    m_link->onLink = [this](const QString &p) {
        if (m_haveDetails && m_details.linkType == LinkType::External && p == externalLinkText(m_details))
            Q_EMIT externalTargetActivated(externalFilePath(m_details), m_details.linkTarget);
        else
            Q_EMIT pathActivated(p);
    };
    layout->addStretch(1);
    scroll->setWidget(m_content);

    // The search controls stay; the found paths come and go below them.
    auto *searchRow = new QWidget(m_pathsSection);
    auto *h = new QHBoxLayout(searchRow);
    h->setContentsMargins(0, 0, 0, 0);
    h->setSpacing(8);
    m_searchStatus = new QLabel(searchRow);
    m_searchStatus->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    m_searchStatus->setWordWrap(true);
    m_searchBusy = new QProgressBar(searchRow);
    m_searchBusy->setRange(0, 0);
    m_searchBusy->setMaximumSize(80, 12);
    m_searchBusy->setTextVisible(false);
    m_searchButton = new QPushButton(tr("Cancel"), searchRow);
    m_searchButton->setAutoDefault(false);
    h->addWidget(m_searchStatus, 1);
    h->addWidget(m_searchBusy);
    h->addWidget(m_searchButton);
    m_pathsSection->addWidgetRow(searchRow);
    m_pathList = new QWidget(m_pathsSection);
    m_pathListLayout = new QVBoxLayout(m_pathList);
    m_pathListLayout->setContentsMargins(0, 0, 0, 0);
    m_pathListLayout->setSpacing(2);
    m_pathsSection->addWidgetRow(m_pathList);
    m_pathsSection->keepCurrentRows();
    connect(m_searchButton, &QPushButton::clicked, this, [this] {
        if (isSearching())
            cancelSearch();
        else
            startSearch();
    });

    clear();
}

LinksPanel::~LinksPanel() = default;

bool LinksPanel::isInspecting() const
{
    return !m_inspectTicket.isNull();
}

bool LinksPanel::isSearching() const
{
    return !m_searchTicket.isNull();
}

InfoSection *LinksPanel::section(Section s) const
{
    switch (s) {
    case Section::Link: return m_link;
    case Section::Object: return m_object;
    case Section::Paths: return m_pathsSection;
    case Section::Scales: return m_scales;
    }
    return m_link;
}

QString LinksPanel::sectionText(Section s) const
{
    InfoSection *sec = section(s);
    if (sec->isHidden())
        return {};
    QString text = sec->plainText();
    if (s == Section::Paths) {
        QStringList lines{m_searchStatus->text()};
        lines += m_paths;
        text = lines.join(QLatin1Char('\n'));
    }
    return text;
}

QLabel *LinksPanel::linkLabel(Section s, const QString &path) const
{
    if (s == Section::Paths) {
        for (QLabel *l : m_pathList->findChildren<QLabel *>())
            if (l->property("hsPath").toString() == path)
                return l;
        return nullptr;
    }
    return section(s)->linkLabel(path);
}

void LinksPanel::clear()
{
    delete m_inspectTicket;
    delete m_searchTicket;
    m_file.reset();
    m_path.clear();
    m_haveDetails = false;
    m_paths.clear();
    for (InfoSection *s : {m_link, m_object, m_pathsSection, m_scales}) {
        s->clearRows();
        s->hide();
    }
    m_placeholder->setText(tr("Select an object to see how it is linked."));
    m_placeholder->show();
}

void LinksPanel::setObject(const H5FilePtr &file, const QString &path, ObjectKind kind)
{
    Q_UNUSED(kind); // the inspection finds out for itself (also for links that do not resolve)
    if (!file) {
        clear();
        return;
    }
    if (file == m_file && path == m_path)
        return;
    clear();
    m_file = file;
    m_path = path;
    m_placeholder->setText(tr("Reading\u2026"));
    auto job = std::make_unique<FunctionJob>(tr("Inspecting %1").arg(path), [this, file, path](JobContext &ctx) {
        std::optional<ObjectReadScope> crumb(std::in_place, file->path(), path);
        auto details = ObjectInspector::inspect(file, path);
        crumb.reset();
        ctx.post([this, file, path, details = std::move(details)] {
            if (file != m_file || path != m_path)
                return;
            if (details)
                showDetails(details.value());
            else
                showInspectError(details.error().message);
        });
    });
    m_inspectTicket = JobRunner::instance().start(std::move(job), this);
    connect(m_inspectTicket, &JobTicket::finished, m_inspectTicket, &QObject::deleteLater);
}

void LinksPanel::showInspectError(const QString &message)
{
    m_placeholder->setText(tr("Could not read what HDF5 knows about %1: %2").arg(m_path, message));
    m_placeholder->show();
}

void LinksPanel::showDetails(const ObjectDetails &d)
{
    m_details = d;
    m_haveDetails = true;
    m_placeholder->hide();
    fillLink(d);
    fillObject(d);
    fillScales(d);
    m_link->show();
    m_object->show();
    m_pathsSection->setVisible(d.resolved);
    if (!d.resolved)
        return;
    // An external link leads into another file: its paths are that file's.
    if (d.linkKnown && d.linkType == LinkType::External) {
        m_paths.clear();
        showPaths(PathState::Trivial, tr("The object is in %1, not in this file: open the target above to see "
                                         "the paths that lead to it there.").arg(d.linkTargetFile));
        return;
    }
    // A single hard link reached by that very link has one path: no need to
    // visit the whole file (which on a huge file takes a while).
    if (d.path == QLatin1String("/") || (d.hardLinks == 1 && d.linkKnown && d.linkType == LinkType::Hard)) {
        m_paths = {d.path};
        showPaths(PathState::Trivial, d.path == QLatin1String("/") ? tr("The root group has no other path.")
                                                                   : tr("Only this path: the object has one hard link."));
        return;
    }
    startSearch();
}

QString LinksPanel::externalLinkText(const ObjectDetails &d)
{
    return QStringLiteral("%1:%2").arg(d.linkTargetFile, d.linkTarget);
}

QString LinksPanel::externalFilePath(const ObjectDetails &d) const
{
    // A relative name is found next to the file holding the link, the place
    // HDF5 looks once no prefix (HDF5_EXT_PREFIX, elink prefix) applies.
    if (!m_file)
        return d.linkTargetFile;
    return QDir::cleanPath(QFileInfo(m_file->path()).absoluteDir().absoluteFilePath(d.linkTargetFile));
}

void LinksPanel::fillLink(const ObjectDetails &d)
{
    m_link->clearRows();
    m_link->addRow(tr("Path"), names::toEscaped(d.path).toHtmlEscaped(), names::toEscaped(d.path));
    if (!d.linkKnown) {
        m_link->addRow(tr("Kind"), tr("none \u2014 the root group of the file"), tr("none (root group)"));
        return;
    }
    switch (d.linkType) {
    case LinkType::Hard:
        m_link->addRow(tr("Kind"), tr("hard link"), tr("hard link"));
        break;
    case LinkType::Soft:
        m_link->addRow(tr("Kind"), tr("soft link"), tr("soft link"));
        m_link->addRow(tr("Target"), d.resolved ? linkTo(d.linkTarget) : d.linkTarget.toHtmlEscaped(), d.linkTarget);
        break;
    case LinkType::External:
        m_link->addRow(tr("Kind"), tr("external link"), tr("external link"));
        // Both lead to the target: its file opens in this window.
        m_link->addRow(tr("Target"), d.resolved ? linkTo(externalLinkText(d), d.linkTarget) : d.linkTarget.toHtmlEscaped(),
                       d.linkTarget);
        m_link->addRow(tr("File"), d.resolved ? linkTo(externalLinkText(d), d.linkTargetFile) : d.linkTargetFile.toHtmlEscaped(),
                       d.linkTargetFile)
            ->setToolTip(d.resolved ? externalFilePath(d) : QString());
        break;
    case LinkType::User:
        m_link->addRow(tr("Kind"), tr("user-defined link"), tr("user-defined link"));
        m_link->addRow(tr("Class"), d.linkTarget.toHtmlEscaped(), d.linkTarget);
        break;
    }
    if (d.resolved)
        m_link->addRow(tr("Status"), QStringLiteral("<span style='color:#2e7d32'>\u2713</span> ") + tr("resolves"), tr("resolves"));
    else
        m_link->addRow(tr("Status"),
                       QStringLiteral("<span style='color:#a23b2c'>\u2717 %1</span>")
                           .arg(tr("dangling: %1").arg(d.problem.isEmpty() ? tr("the target does not exist") : d.problem).toHtmlEscaped()),
                       tr("dangling: %1").arg(d.problem));
    const QString order = d.linkCreationOrder >= 0 ? tr("#%1 in its group").arg(d.linkCreationOrder)
                                                   : tr("not tracked by the parent group");
    m_link->addRow(tr("Creation order"), d.linkCreationOrder >= 0 ? order : muted(order), order);
    if (!d.linkCharset.isEmpty())
        m_link->addRow(tr("Name charset"), d.linkCharset.toHtmlEscaped(), d.linkCharset);
}

void LinksPanel::fillObject(const ObjectDetails &d)
{
    m_object->clearRows();
    if (!d.resolved) {
        const QString text = tr("No object: the link does not lead to one.");
        m_object->addRow(QString(), muted(text), text);
        return;
    }
    const QLocale locale;
    m_object->addRow(tr("Kind"), kindName(d.kind), kindName(d.kind));
    m_object->addRow(tr("Identity"), mono(d.token), d.token)
        ->setToolTip(tr("The object's address in the file (HDF5 1.10) or its token (1.12 and later)"));
    m_object->addRow(tr("Hard links"), locale.toString(d.hardLinks), QString::number(d.hardLinks));
    m_object->addRow(tr("Attributes"), locale.toString(d.attributeCount), QString::number(d.attributeCount));
    if (d.timesTracked) {
        const std::pair<QString, QDateTime> times[] = {
            {tr("Created"), d.created}, {tr("Modified"), d.modified}, {tr("Changed"), d.changed}, {tr("Accessed"), d.accessed}};
        for (const auto &[label, t] : times)
            if (t.isValid())
                m_object->addRow(label, timeText(t), timeText(t));
    } else {
        const QString text = tr("not tracked by this file");
        m_object->addRow(tr("Times"), muted(text), text);
    }
    if (d.kind == ObjectKind::Group) {
        m_object->addRow(tr("Link order"), tracked(d.tracksLinkCreationOrder), tracked(d.tracksLinkCreationOrder));
        m_object->addRow(tr("Attribute order"), tracked(d.tracksAttributeCreationOrder), tracked(d.tracksAttributeCreationOrder));
    } else if (d.tracksAttributeCreationOrder) {
        m_object->addRow(tr("Attribute order"), tracked(true), tracked(true));
    }
    if (!d.committedType.isEmpty())
        m_object->addRow(tr("Datatype"), linkTo(d.committedType), d.committedType)
            ->setToolTip(tr("The committed (named) datatype this object uses"));
    else if (d.usesCommittedType)
        m_object->addRow(tr("Datatype"), tr("anonymous committed datatype (no path)"), tr("anonymous committed datatype"));
}

void LinksPanel::fillScales(const ObjectDetails &d)
{
    m_scales->clearRows();
    bool any = false;
    for (size_t dim = 0; dim < d.dimensionScales.size(); ++dim) {
        const QString label = d.dimensionLabels.value(int(dim));
        if (d.dimensionScales[dim].isEmpty() && label.isEmpty())
            continue;
        any = true;
        const QString row = label.isEmpty() ? tr("dim %1").arg(dim) : tr("dim %1 (%2)").arg(dim).arg(label);
        QList<QPair<QString, QString>> items;
        for (const QString &scale : d.dimensionScales[dim])
            items.append({linkTo(scale), scale});
        if (items.isEmpty())
            items.append({muted(tr("no scale")), tr("no scale")});
        m_scales->addListRow(row, items);
    }
    if (d.isDimensionScale) {
        any = true;
        const QString name = d.scaleName.isEmpty() ? tr("(unnamed)") : d.scaleName;
        m_scales->addRow(tr("Scale name"), d.scaleName.isEmpty() ? muted(name) : name.toHtmlEscaped(), name);
        QList<QPair<QString, QString>> items;
        for (const auto &use : d.scaleUses) {
            const QString plain = tr("%1 (dimension %2)").arg(use.dataset).arg(use.dimension);
            items.append({QStringLiteral("%1 %2").arg(linkTo(use.dataset), muted(tr("(dimension %1)").arg(use.dimension))), plain});
        }
        if (items.isEmpty())
            items.append({muted(tr("no dataset uses it")), tr("no dataset uses it")});
        m_scales->addListRow(tr("Scale of"), items);
    }
    m_scales->setVisible(any);
}

void LinksPanel::startSearch()
{
    if (!m_file || !m_haveDetails)
        return;
    delete m_searchTicket;
    m_paths.clear();
    m_looked = 0;
    showPaths(PathState::Running);
    setSearchState(tr("Searching the file\u2026"), true);

    // Found paths are handed over in batches, never while the job holds the
    // library lock (posting then is not allowed).
    struct Shared
    {
        QMutex mutex;
        QStringList pending;
    };
    auto shared = std::make_shared<Shared>();
    auto job = std::make_unique<FunctionJob>(
        tr("Finding all paths to %1").arg(m_path), [this, file = m_file, path = m_path, shared](JobContext &ctx) {
            auto flush = [&] {
                if (LibraryLock::isHeldByCurrentThread())
                    return;
                QStringList batch;
                {
                    QMutexLocker lock(&shared->mutex);
                    batch.swap(shared->pending);
                }
                if (!batch.isEmpty())
                    ctx.post([this, file, path, batch] {
                        if (file != m_file || path != m_path)
                            return;
                        m_paths += batch;
                        showPaths(PathState::Running);
                    });
            };
            auto found = [&](const QString &p) {
                {
                    QMutexLocker lock(&shared->mutex);
                    shared->pending << p;
                }
                flush();
            };
            auto progress = [&](quint64 n) {
                if (!LibraryLock::isHeldByCurrentThread())
                    ctx.setProgress(qint64(n), 0);
            };
            auto all = ObjectInspector::findAllPaths(file, path, ctx.cancelFlag(), found, progress);
            ctx.post([this, file, path, all = std::move(all)] {
                if (file != m_file || path != m_path)
                    return;
                if (all) {
                    m_paths = all.value();
                    showPaths(PathState::Done);
                } else if (all.error().code == ErrorCode::Cancelled) {
                    showPaths(PathState::Cancelled);
                } else {
                    showPaths(PathState::Failed, tr("The search stopped: %1").arg(all.error().message));
                }
            });
        });
    m_searchTicket = JobRunner::instance().start(std::move(job), this);
    connect(m_searchTicket, &JobTicket::progressChanged, this, [this](qint64 done) {
        m_looked = quint64(done);
        if (isSearching())
            setSearchState(tr("Searching the file\u2026 %L1 links looked at").arg(done), true);
    });
    connect(m_searchTicket, &JobTicket::finished, m_searchTicket, &QObject::deleteLater);
}

void LinksPanel::cancelSearch()
{
    if (!m_searchTicket)
        return;
    // Deleting the ticket cancels the job and drops its late results.
    delete m_searchTicket;
    showPaths(PathState::Cancelled);
}

void LinksPanel::setSearchState(const QString &text, bool busy)
{
    m_searchStatus->setText(text);
    m_searchBusy->setVisible(busy);
    m_searchButton->setText(busy ? tr("Cancel") : tr("Search Again"));
    m_searchButton->setVisible(busy || !text.isEmpty());
}

void LinksPanel::showPaths(PathState state, const QString &note)
{
    // Rebuild the list (bounded): each path its own label so each is a target.
    qDeleteAll(m_pathList->findChildren<QWidget *>(Qt::FindDirectChildrenOnly));
    // Found order while searching (shortest first), natural order once done.
    const QStringList &sorted = m_paths;
    for (const QString &p : sorted.mid(0, MaxPathLabels)) {
        auto *l = new QLabel(m_pathList);
        l->setTextFormat(Qt::RichText);
        l->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard | Qt::TextSelectableByMouse);
        l->setWordWrap(true);
        l->setText(p == m_path ? QStringLiteral("%1 %2").arg(linkTo(p), muted(tr("(this path)"))) : linkTo(p));
        l->setProperty("hsPath", p);
        connect(l, &QLabel::linkActivated, this, [this](const QString &href) {
            Q_EMIT pathActivated(QUrl::fromPercentEncoding(href.toLatin1()));
        });
        m_pathListLayout->addWidget(l);
    }
    if (sorted.size() > MaxPathLabels)
        m_pathListLayout->addWidget(new QLabel(muted(tr("\u2026 and %L1 more").arg(sorted.size() - MaxPathLabels)), m_pathList));
    const QString count = m_paths.size() == 1 ? tr("1 path") : tr("%L1 paths").arg(m_paths.size());
    switch (state) {
    case PathState::Running:
        break;
    case PathState::Done:
        setSearchState(tr("%1 found by following hard links.").arg(count), false);
        m_searchButton->hide();
        break;
    case PathState::Trivial:
        setSearchState(note, false);
        m_searchButton->hide();
        break;
    case PathState::Cancelled:
        setSearchState(tr("Search cancelled \u2014 %1 found so far.").arg(count), false);
        break;
    case PathState::Failed:
        setSearchState(note, false);
        break;
    }
}

} // namespace hs::ui
