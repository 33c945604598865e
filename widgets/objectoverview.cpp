#include "objectoverview.h"

#include "session/filesession.h"

#include "treedecorationproxy.h"

#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "model/names.h"
#include "plugins/objectdescription.h"
#include "plugins/pluginregistry.h"

#include "fileviewerdata.h"

#include "hyperslab/viewerinterface.h"

#include <QElapsedTimer>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>

namespace hs::ui {

using namespace hs::core;

namespace {

QLabel *valueLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    return l;
}

QFormLayout *formLayout()
{
    auto *f = new QFormLayout;
    f->setLabelAlignment(Qt::AlignRight);
    f->setHorizontalSpacing(16);
    f->setVerticalSpacing(8);
    return f;
}

QString bytes(quint64 n)
{
    const QLocale l;
    return n < 1024 ? QObject::tr("%L1 bytes").arg(n)
                    : QObject::tr("%1 (%L2 bytes)").arg(l.formattedDataSize(qint64(n), 1, QLocale::DataSizeTraditionalFormat)).arg(n);
}

QString shortBytes(quint64 n)
{
    return QLocale().formattedDataSize(qint64(n), 1, QLocale::DataSizeTraditionalFormat);
}

// "3 groups" / "1 group"; empty for none.
QString counted(quint64 n, const char *one, const char *many)
{
    if (n == 0)
        return {};
    return n == 1 ? QObject::tr("1 %1").arg(QLatin1String(one)) : QObject::tr("%L1 %2").arg(n).arg(QLatin1String(many));
}

QString joined(const QStringList &parts)
{
    QStringList kept;
    for (const QString &p : parts)
        if (!p.isEmpty())
            kept << p;
    return kept.join(QStringLiteral(", "));
}

QString superblockText(int version)
{
    switch (version) {
    case 0:
    case 1: return QObject::tr("superblock version %1 (the default format, readable by any HDF5 1.x)").arg(version);
    case 2: return QObject::tr("superblock version 2 (HDF5 1.8 format: needs HDF5 1.8 or later)");
    case 3: return QObject::tr("superblock version 3 (HDF5 1.10 format: needs HDF5 1.10 or later)");
    default: return version < 0 ? QString() : QObject::tr("superblock version %1").arg(version);
    }
}

const char *const kHowToOpen = QT_TRANSLATE_NOOP("hs::ui::ObjectOverview",
                                                 "Open a dataset: double-click it in the tree, or select it and press Enter.");

} // namespace

ObjectOverview::ObjectOverview(QWidget *parent) : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    m_outer = outer;
    outer->setContentsMargins(24, 20, 24, 20);
    auto *head = new QHBoxLayout;
    m_icon = new QLabel(this);
    m_icon->setFixedSize(40, 40);
    head->addWidget(m_icon);
    auto *titles = new QVBoxLayout;
    m_title = new QLabel(this);
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.5);
    tf.setBold(true);
    m_title->setFont(tf);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle = new QLabel(this);
    m_subtitle->setStyleSheet(QStringLiteral("color: palette(mid);"));
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    head->addLayout(titles, 1);
    outer->addLayout(head);
    outer->addSpacing(12);

    m_form = formLayout();
    m_path = valueLabel(this);
    m_kind = valueLabel(this);
    m_link = valueLabel(this);
    m_shape = valueLabel(this);
    m_type = valueLabel(this);
    m_type->setStyleSheet(QStringLiteral("font-family: monospace;"));
    m_members = valueLabel(this);
    m_problem = valueLabel(this);
    m_problem->setStyleSheet(QStringLiteral("color: #b03a2e;"));
    m_form->addRow(tr("Path:"), m_path);
    m_form->addRow(tr("Kind:"), m_kind);
    m_form->addRow(tr("Link:"), m_link);
    m_form->addRow(tr("Shape:"), m_shape);
    m_form->addRow(tr("Type:"), m_type);
    m_form->addRow(tr("Members:"), m_members);
    m_form->addRow(tr("Problem:"), m_problem);
    outer->addLayout(m_form);

    // The file, for its root group.
    m_fileBox = new QWidget(this);
    auto *fileOuter = new QVBoxLayout(m_fileBox);
    fileOuter->setContentsMargins(0, 16, 0, 0);
    auto *fileHead = new QLabel(tr("This file"), m_fileBox);
    QFont hf = fileHead->font();
    hf.setBold(true);
    fileHead->setFont(hf);
    fileOuter->addWidget(fileHead);
    m_fileForm = formLayout();
    m_size = valueLabel(m_fileBox);
    m_format = valueLabel(m_fileBox);
    m_userBlock = valueLabel(m_fileBox);
    m_driver = valueLabel(m_fileBox);
    m_free = valueLabel(m_fileBox);
    m_contents = valueLabel(m_fileBox);
    m_largest = valueLabel(m_fileBox);
    m_fileForm->addRow(tr("Size:"), m_size);
    m_fileForm->addRow(tr("Format:"), m_format);
    m_fileForm->addRow(tr("User block:"), m_userBlock);
    m_fileForm->addRow(tr("Driver:"), m_driver);
    m_fileForm->addRow(tr("Free space:"), m_free);
    m_fileForm->addRow(tr("Contents:"), m_contents);
    m_fileForm->addRow(tr("Largest datasets:"), m_largest);
    fileOuter->addLayout(m_fileForm);
    m_fileBox->hide();
    outer->addWidget(m_fileBox);

    // One label column for both forms, so the values line up.
    QList<QWidget *> labels;
    int labelWidth = 0;
    for (QFormLayout *f : {m_form, m_fileForm}) {
        for (int r = 0; r < f->rowCount(); ++r) {
            if (QLayoutItem *item = f->itemAt(r, QFormLayout::LabelRole); item && item->widget()) {
                labels << item->widget();
                labelWidth = std::max(labelWidth, item->widget()->sizeHint().width());
            }
        }
    }
    for (QWidget *l : labels)
        l->setMinimumWidth(labelWidth);

    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color: palette(placeholder-text); margin-top: 16px;"));
    outer->addWidget(m_hint);
    outer->addStretch(1);
}

ObjectOverview::~ObjectOverview()
{
    delete m_ticket; // cancels
}

void ObjectOverview::setRow(QLabel *label, const QString &text)
{
    label->setText(text);
    if (m_form->indexOf(label) >= 0)
        m_form->setRowVisible(label, !text.isEmpty());
    else
        m_fileForm->setRowVisible(label, !text.isEmpty());
}

void ObjectOverview::setSummary(const ObjectSummary &s, const QString &fileName, const H5FilePtr &file)
{
    const bool isRoot = s.path == QLatin1String("/");
    m_icon->setPixmap(TreeDecorationProxy::iconFor(int(s.kind), int(s.link.linkType), false).pixmap(40, 40));
    m_title->setText(isRoot ? fileName : names::toEscaped(s.link.name));
    m_subtitle->setText(isRoot ? tr("root group of %1").arg(fileName) : fileName);

    QString kind;
    switch (s.kind) {
    case ObjectKind::Group: kind = tr("Group"); break;
    case ObjectKind::Dataset: kind = tr("Dataset"); break;
    case ObjectKind::Datatype: kind = tr("Committed datatype"); break;
    case ObjectKind::Missing: kind = tr("Unresolved link"); break;
    case ObjectKind::Unknown: kind = tr("(reading…)"); break;
    }
    QString link;
    switch (s.link.linkType) {
    case LinkType::Hard: link = isRoot ? QString() : tr("hard link"); break;
    case LinkType::Soft: link = tr("soft link to %1").arg(s.link.target); break;
    case LinkType::External: link = tr("external link to %1 in file %2").arg(s.link.target, s.link.targetFile); break;
    case LinkType::User: link = tr("user-defined link"); break;
    }
    setRow(m_path, names::toEscaped(s.path));
    setRow(m_kind, kind);
    setRow(m_link, link);
    QString shape;
    if (s.shape) {
        shape = s.shape->text();
        if (s.shape->kind == ShapeInfo::Kind::Simple) {
            QStringList max;
            bool differs = false;
            for (size_t i = 0; i < s.shape->maxDims.size(); ++i) {
                const qint64 m = s.shape->maxDims[i];
                max << (m < 0 ? QStringLiteral("unlimited") : QString::number(m));
                differs |= m != qint64(s.shape->dims[i]);
            }
            if (differs)
                shape += tr("   (can grow to %1)").arg(max.join(QStringLiteral(" \u00d7 ")));
            shape += tr("   \u2014 %L1 elements").arg(s.shape->elementCount());
        }
    }
    setRow(m_shape, shape);
    setRow(m_type, s.type ? s.type->text : QString());
    setRow(m_problem, s.link.problem);

    // The kind of a row can still be unknown when it is first selected.
    const bool changed = file != m_file || s.path != m_objectPath || s.kind != m_objectKind;
    if (changed || m_members->text().isEmpty())
        setRow(m_members, s.kind == ObjectKind::Group && s.memberCountKnown ? QString::number(s.memberCount) : QString());
    m_memberCount = s.memberCountKnown ? s.memberCount : 0;
    switch (s.kind) {
    case ObjectKind::Dataset: m_hint->setText(tr("Double-click it in the tree, or press Enter, to see its values in a tab.")); break;
    case ObjectKind::Group: m_hint->setText(tr(kHowToOpen)); break;
    default: m_hint->clear(); break;
    }
    m_hint->setVisible(!m_hint->text().isEmpty());
    if (!changed)
        return;
    followSession(file);
    m_file = file;
    m_objectPath = s.path;
    m_objectKind = s.kind;
    m_fileBox->setVisible(isRoot && file);
    startReading(s);
}

void ObjectOverview::followSession(const H5FilePtr &file)
{
    FileSession *session = file ? FileSession::of(file) : nullptr;
    if (!session || m_followed.contains(session))
        return;
    m_followed.append(session);
    connect(session, &QObject::destroyed, this, [this, session] { m_followed.removeAll(session); });
    const QString filePath = file->path();
    const auto stale = [this, filePath](const QString &path) {
        m_files.remove(filePath);
        if (m_file && m_file->path() == filePath && (path == m_objectPath || path.isEmpty()))
            m_objectPath.clear(); // read again at the next setSummary
    };
    connect(session, &FileSession::membersChanged, this, stale);
    connect(session, &FileSession::objectChanged, this, stale);
    connect(session, &FileSession::attributesChanged, this, stale);
    connect(session, &FileSession::objectRemoved, this, [stale] { stale({}); });
    connect(session, &FileSession::objectMoved, this, [stale] { stale({}); });
}

void ObjectOverview::forgetFile(const QString &filePath)
{
    m_files.remove(filePath);
    if (m_file && m_file->path() == filePath) {
        delete m_ticket;
        delete m_groupView; // it holds the file open
        m_file.reset();
        m_objectPath.clear();
    }
}

void ObjectOverview::startReading(const ObjectSummary &s)
{
    delete m_ticket; // its results would be for another object
    const quint64 generation = ++m_generation;
    delete m_groupView;
    m_outer->setStretch(m_outer->count() - 1, 1);
    if (!m_file || s.kind != ObjectKind::Group)
        return;
    findGroupViewer(s.path, generation);
    const bool isRoot = s.path == QLatin1String("/");
    const auto cached = m_files.constFind(m_file->path());
    if (isRoot) {
        if (cached != m_files.constEnd())
            showFileSummary(*cached, false);
        else
            showFileSummary(FileSummary{}, true);
    }
    const bool walkFile = isRoot && cached == m_files.constEnd();
    const H5FilePtr file = m_file;
    const QString path = s.path;
    auto job = std::make_unique<FunctionJob>(tr("Summarizing %1").arg(path), [this, file, path, walkFile, generation](JobContext &ctx) {
        auto members = FileCensus::countMembers(file, path, 20000, ctx.cancelFlag());
        if (members.ok())
            ctx.post([this, generation, c = *members] {
                if (generation == m_generation)
                    showMembers(c);
            });
        if (!walkFile || ctx.isCancelled())
            return;
        QElapsedTimer sincePost;
        sincePost.start();
        auto summary = FileCensus::summarize(file, FileCensus::DefaultLinkCap, ctx.cancelFlag(), [&](const FileSummary &sofar) {
            if (sincePost.elapsed() < 250)
                return;
            sincePost.restart();
            ctx.post([this, generation, sofar] {
                if (generation == m_generation)
                    showFileSummary(sofar, true);
            });
        });
        if (!summary.ok())
            return;
        ctx.post([this, generation, filePath = file->path(), f = *summary] {
            m_files.insert(filePath, f);
            if (generation == m_generation)
                showFileSummary(f, false);
        });
    });
    m_ticket = JobRunner::instance().start(std::move(job), this);
    connect(m_ticket, &JobTicket::finished, m_ticket, &QObject::deleteLater);
}

void ObjectOverview::showMembers(const GroupCensus &c)
{
    const QString kinds = joined({counted(c.groups, "group", "groups"), counted(c.datasets, "dataset", "datasets"),
                                  counted(c.namedTypes, "named datatype", "named datatypes"),
                                  counted(c.softLinks, "soft link", "soft links"),
                                  counted(c.externalLinks, "external link", "external links"),
                                  counted(c.userLinks, "user-defined link", "user-defined links")});
    if (c.unlisted) { // damaged: the Problem row says why
        setRow(m_members, c.examined == 0 ? tr("unknown: they could not be listed")
                                          : tr("at least %1 (the rest could not be listed)").arg(kinds));
        return;
    }
    if (c.examined == 0) {
        setRow(m_members, tr("none (an empty group)"));
        return;
    }
    if (c.complete)
        setRow(m_members, kinds);
    else
        setRow(m_members, tr("%L1 in all; the first %L2: %3").arg(std::max(m_memberCount, c.examined)).arg(c.examined).arg(kinds));
}

void ObjectOverview::showFileSummary(const FileSummary &f, bool running)
{
    setRow(m_size, f.fileSize ? bytes(f.fileSize) : QString());
    QString format = superblockText(f.superblockVersion);
    if (!f.libverLow.isEmpty())
        format += tr("; library bounds %1 \u2013 %2 as opened").arg(f.libverLow, f.libverHigh);
    setRow(m_format, format.isEmpty() ? (running ? tr("reading…") : QString()) : tr("HDF5, %1").arg(format));
    setRow(m_userBlock, f.userBlock ? tr("%1 before the HDF5 data (another program's header)").arg(bytes(f.userBlock))
                                    : (f.superblockVersion >= 0 ? tr("none") : QString()));
    setRow(m_driver, f.driver);
    setRow(m_free, f.freeSpace < 0 ? QString()
                   : f.freeSpace == 0 ? tr("none tracked")
                                      : tr("%1 (space HDF5 knows to be unused inside the file)").arg(bytes(quint64(f.freeSpace))));
    QString contents = joined({counted(f.groups, "group", "groups"), counted(f.datasets, "dataset", "datasets"),
                               counted(f.namedTypes, "named datatype", "named datatypes")});
    if (f.links) {
        const QString kinds = joined({counted(f.softLinks, "soft", "soft"), counted(f.externalLinks, "external", "external"),
                                      counted(f.userLinks, "user-defined", "user-defined")});
        contents += tr("; %1").arg(counted(f.links, "link", "links")) + (kinds.isEmpty() ? QString() : tr(" (%1)").arg(kinds));
    }
    if (running)
        contents = contents.isEmpty() ? tr("counting…") : tr("so far %1 (counting…)").arg(contents);
    else if (!f.complete)
        contents = tr("at least %1 (the count stops at %L2 links)").arg(contents).arg(FileCensus::DefaultLinkCap);
    setRow(m_contents, contents);
    QStringList largest;
    for (const FileSummary::Dataset &d : f.largest) {
        QString stored;
        if (d.storedBytes == 0)
            stored = tr("nothing stored yet");
        else if (d.storedBytes < d.logicalBytes)
            stored = tr("%1 stored, %2 : 1").arg(shortBytes(d.storedBytes)).arg(double(d.logicalBytes) / double(d.storedBytes), 0, 'f', 1);
        else
            stored = tr("%1 stored").arg(shortBytes(d.storedBytes));
        largest << tr("%1  \u2014  %2 (%3)").arg(d.path, shortBytes(d.logicalBytes), stored);
    }
    setRow(m_largest, largest.join(QLatin1Char('\n')));
}

void ObjectOverview::findGroupViewer(const QString &path, quint64 generation)
{
    if (PluginRegistry::instance().viewers().empty())
        return;
    // The group's attributes are read on a worker (a few, bounded); the
    // viewers score them on the GUI thread without reading anything.
    auto job = std::make_unique<FunctionJob>(tr("Describing %1").arg(path), [this, file = m_file, path, generation](JobContext &ctx) {
        auto info = describeObject(file, path);
        if (!info.ok())
            return;
        ctx.post([this, generation, object = *info] {
            if (generation == m_generation)
                showGroupViewer(object);
        });
    });
    JobRunner::instance().start(std::move(job), this);
}

void ObjectOverview::showGroupViewer(const hyperslab::ObjectInfo &object)
{
    hyperslab::ViewerInterface *best = nullptr;
    int bestScore = 49; // only a viewer that is sure replaces the page's emptiness
    for (hyperslab::ViewerInterface *v : PluginRegistry::instance().viewers())
        if (const int score = v->score(object); score > bestScore) {
            best = v;
            bestScore = score;
        }
    if (!best || !m_file)
        return;
    QWidget *view = best->createView(std::make_shared<FileViewerData>(m_file, nullptr, object), this);
    if (!view)
        return;
    view->setObjectName(QStringLiteral("groupView"));
    view->setMinimumHeight(240);
    m_groupView = view;
    // Above the trailing stretch, taking the room it had.
    m_outer->insertWidget(m_outer->count() - 1, view, 1);
    m_outer->setStretch(m_outer->count() - 1, 0);
}

QString ObjectOverview::text() const
{
    QStringList lines;
    for (QFormLayout *form : {m_form, m_fileForm}) {
        if (form == m_fileForm && m_fileBox->isHidden())
            continue;
        for (int r = 0; r < form->rowCount(); ++r) {
            auto *label = qobject_cast<QLabel *>(form->itemAt(r, QFormLayout::LabelRole) ? form->itemAt(r, QFormLayout::LabelRole)->widget() : nullptr);
            auto *value = qobject_cast<QLabel *>(form->itemAt(r, QFormLayout::FieldRole) ? form->itemAt(r, QFormLayout::FieldRole)->widget() : nullptr);
            if (label && value && !value->text().isEmpty() && form->isRowVisible(r))
                lines << label->text() + QLatin1Char(' ') + value->text();
        }
    }
    if (!m_hint->text().isEmpty())
        lines << m_hint->text();
    return lines.join(QLatin1Char('\n'));
}

} // namespace hs::ui
