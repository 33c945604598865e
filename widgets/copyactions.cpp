#include "copyactions.h"

#include "edit/copyobjectoperation.h"
#include "edit/moveoperation.h"
#include "edit/renameoperation.h"
#include "edit/savecopyjob.h"
#include "edithistory.h"
#include "hierarchyview.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "models/hierarchymodel.h"
#include "session/filesession.h"

#include <QAbstractProxyModel>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>

namespace hs::ui {

using core::HierarchyModel;

namespace {

const QString kEnableHint = QStringLiteral("Enable editing with File \u25b8 Enable Editing (Ctrl+Shift+E)");

QString joinPath(const QString &group, const QString &name)
{
    return group.endsWith(QLatin1Char('/')) ? group + name : group + QLatin1Char('/') + name;
}

QString baseName(const QString &path) { return path.mid(path.lastIndexOf(QLatin1Char('/')) + 1); }

} // namespace

CopyActions::CopyActions(HierarchyView *tree, core::HierarchyModel *model, QWidget *window)
    : QObject(window), m_tree(tree), m_model(model), m_window(window)
{
    m_copy = new QAction(tr("&Copy Object"), this);
    m_copy->setShortcut(QKeySequence::Copy);
    // Only while the tree has focus: Ctrl+C elsewhere (the grid) copies values.
    m_copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copy->setStatusTip(tr("Puts the selected objects on the clipboard, to paste into a group of an editable file"));
    connect(m_copy, &QAction::triggered, this, &CopyActions::copySelection);
    m_paste = new QAction(tr("&Paste Object"), this);
    m_paste->setShortcut(QKeySequence::Paste);
    m_paste->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_paste, &QAction::triggered, this, &CopyActions::paste);
    m_saveCopy = new QAction(tr("Save a &Copy As\u2026"), this);
    m_saveCopy->setStatusTip(tr("Writes the whole file to a new, compacted file"));
    connect(m_saveCopy, &QAction::triggered, this, [this] { saveCopy(false); });
    tree->addAction(m_copy);
    tree->addAction(m_paste);

    // Drops: the tree only dragged until now.
    tree->setDragDropMode(QAbstractItemView::DragDrop);
    tree->setDropIndicatorShown(true);
    tree->viewport()->setAcceptDrops(true);
    tree->viewport()->installEventFilter(this);

    connect(tree, &HierarchyView::currentSourceChanged, this, &CopyActions::updateActions);
    connect(QApplication::clipboard(), &QClipboard::dataChanged, this, &CopyActions::updateActions);
    m_askName = [this](const QString &existing, const QString &suggestion) {
        bool ok = false;
        const QString name = QInputDialog::getText(
            m_window, tr("Name Exists"),
            tr("%1 already exists. Name of the copy:").arg(existing), QLineEdit::Normal, baseName(suggestion), &ok);
        return ok ? name.trimmed() : QString();
    };
    m_askSavePath = [this](const QString &title, const QString &suggestion) {
        return QFileDialog::getSaveFileName(m_window, title, suggestion, tr("HDF5 files (*.h5 *.hdf5 *.he5 *.nc);;All files (*)"));
    };
    updateActions();
}

void CopyActions::install(QMenu *editMenu, QMenu *fileMenu)
{
    if (editMenu) {
        editMenu->addSeparator();
        editMenu->addAction(m_copy);
        editMenu->addAction(m_paste);
        editMenu->setToolTipsVisible(true); // a disabled Paste says how to enable editing
        connect(editMenu, &QMenu::aboutToShow, this, &CopyActions::updateActions);
    }
    if (fileMenu) {
        // Before Quit (after the Close entries), where saving belongs.
        QAction *quit = nullptr;
        for (QAction *a : fileMenu->actions())
            if (a->menuRole() == QAction::QuitRole)
                quit = a;
        fileMenu->insertAction(quit, m_saveCopy);
        fileMenu->insertSeparator(quit);
        connect(fileMenu, &QMenu::aboutToShow, this, &CopyActions::updateActions);
    }
    m_tree->addMenuContributor([this](QMenu *menu, const QModelIndex &src) {
        updateActions();
        if (src.parent().isValid())
            menu->addAction(m_copy);
        menu->addAction(m_paste);
        const auto kind = core::ObjectKind(src.data(HierarchyModel::KindRole).toInt());
        if (src.parent().isValid() && kind == core::ObjectKind::Group)
            menu->addAction(tr("Save Group as New File\u2026"), this, [this] { saveCopy(true); });
    });
}

QList<QPair<QString, QString>> CopyActions::objectsIn(const QMimeData *mime)
{
    QList<QPair<QString, QString>> out;
    if (!mime)
        return out;
    const QString mimeType = QString::fromLatin1(MimeType);
    if (mime->hasFormat(mimeType)) {
        for (const QString &line : QString::fromUtf8(mime->data(mimeType)).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const qsizetype tab = line.indexOf(QLatin1Char('\t'));
            if (tab > 0)
                out.append({line.left(tab), line.mid(tab + 1)});
        }
        return out;
    }
    // FILE:/path lines (from another program, or a window that wrote text only).
    for (const QString &line : mime->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        for (qsizetype pos = line.lastIndexOf(QLatin1String(":/")); pos > 0; pos = line.lastIndexOf(QLatin1String(":/"), pos - 1)) {
            if (QFileInfo(line.left(pos)).isFile()) {
                out.append({QFileInfo(line.left(pos)).absoluteFilePath(), line.mid(pos + 1).trimmed()});
                break;
            }
        }
    }
    return out;
}

QModelIndex CopyActions::targetGroup(const QModelIndex &sourceIndex) const
{
    QModelIndex i = sourceIndex.siblingAtColumn(0);
    if (!i.isValid())
        return {};
    if (i.data(HierarchyModel::IsFileRole).toBool())
        return i;
    const auto kind = core::ObjectKind(i.data(HierarchyModel::KindRole).toInt());
    const auto link = core::LinkType(i.data(HierarchyModel::LinkTypeRole).toInt());
    if (kind == core::ObjectKind::Group && link == core::LinkType::Hard)
        return i;
    return i.parent(); // a dataset or a link: its group
}

core::FileSession *CopyActions::editableSession(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid())
        return nullptr;
    const core::H5FilePtr file = m_model->fileOf(sourceIndex);
    core::FileSession *session = file ? core::FileSession::of(file) : nullptr;
    return session && session->isEditable() ? session : nullptr;
}

void CopyActions::updateActions()
{
    if (!m_tree)
        return;
    const QModelIndex cur = m_tree->currentSourceIndex().siblingAtColumn(0);
    m_copy->setEnabled(cur.isValid() && cur.parent().isValid());
    m_saveCopy->setEnabled(cur.isValid());
    // Follow the file's mode: Enable Editing turns Paste on without a move of the selection.
    if (const core::H5FilePtr file = cur.isValid() ? m_model->fileOf(cur) : nullptr)
        if (core::FileSession *session = core::FileSession::of(file))
            connect(session, &core::FileSession::modeChanged, this, &CopyActions::updateActions, Qt::UniqueConnection);
    const bool editable = editableSession(targetGroup(cur)) != nullptr;
    m_paste->setEnabled(editable && !objectsIn(QApplication::clipboard()->mimeData()).isEmpty());
    m_paste->setToolTip(cur.isValid() && !editable ? kEnableHint : tr("Pastes the copied objects into this group"));
}

void CopyActions::copySelection()
{
    QModelIndexList rows;
    for (const QModelIndex &viewIndex : m_tree->selectionModel()->selectedRows(0)) {
        auto *proxy = qobject_cast<QAbstractProxyModel *>(m_tree->model());
        const QModelIndex src = proxy ? proxy->mapToSource(viewIndex) : viewIndex;
        if (src.parent().isValid())
            rows << src;
    }
    if (rows.isEmpty() && m_tree->currentSourceIndex().parent().isValid())
        rows << m_tree->currentSourceIndex().siblingAtColumn(0);
    if (rows.isEmpty())
        return;
    QApplication::clipboard()->setMimeData(m_model->mimeData(rows));
}

void CopyActions::paste()
{
    const QModelIndex target = m_tree->currentSourceIndex();
    if (!dropOn(QApplication::clipboard()->mimeData(), target, false) && m_dialogs)
        QMessageBox::information(m_window, tr("Paste"),
                                 editableSession(targetGroup(target)) ? tr("The clipboard holds no HDF5 object.")
                                                                      : tr("This file is read-only. %1.").arg(kEnableHint));
}

bool CopyActions::dropOn(const QMimeData *mime, const QModelIndex &targetSource, bool move)
{
    const QModelIndex group = targetGroup(targetSource);
    core::FileSession *session = editableSession(group);
    const auto objects = objectsIn(mime);
    if (!session || objects.isEmpty())
        return false;
    const core::H5FilePtr destination = session->file();
    const QString groupPath = group.data(HierarchyModel::PathRole).toString();
    for (const auto &[filePath, objectPath] : objects) {
        core::H5FilePtr source;
        if (filePath == destination->path()) {
            source = destination;
        } else if (const QModelIndex open = m_model->fileIndexFor(filePath); open.isValid()) {
            source = m_model->fileOf(open);
        } else {
            // From another window or program: read it through a read-only handle of our own.
            auto opened = core::H5File::open(filePath);
            if (!opened.ok()) {
                report(opened.error(), tr("Copy"));
                continue;
            }
            source = opened.value();
        }
        const bool moving = move && source == destination;
        const QString name = objectPath == QLatin1String("/") ? QFileInfo(filePath).completeBaseName() : baseName(objectPath);
        QString to = joinPath(groupPath, name);
        if (moving && (core::CopyObjectOperation::parentOf(objectPath) == groupPath || to == objectPath))
            continue; // already there
        if (core::CopyObjectOperation::exists(destination, to)) {
            const QString chosen = m_askName ? m_askName(to, core::CopyObjectOperation::freePath(destination, to)) : QString();
            if (chosen.isEmpty())
                continue;
            to = chosen.startsWith(QLatin1Char('/')) ? chosen : joinPath(groupPath, chosen);
        }
        std::shared_ptr<core::EditOperation> op;
        if (moving && to == joinPath(groupPath, name))
            op = std::make_shared<core::MoveOperation>(objectPath, groupPath);
        else if (moving) // into the group under the other name the user chose
            op = std::make_shared<core::RenameOperation>(objectPath, to);
        else
            op = std::make_shared<core::CopyObjectOperation>(source, objectPath, to, m_links);
        const QString title = moving ? tr("Move") : tr("Copy");
        if (op->isLong())
            showProgress(session, op->description());
        QPointer<CopyActions> self(this);
        EditHistory::instance().perform(session, op, [self, title](const core::Status &s) {
            if (!self)
                return;
            if (self->m_progress)
                self->m_progress->deleteLater();
            self->report(s, title);
        });
    }
    return true;
}

void CopyActions::showProgress(core::FileSession *session, const QString &title)
{
    if (m_progress || !m_dialogs)
        return;
    auto *dialog = new QProgressDialog(title, tr("Cancel"), 0, 1000, m_window);
    dialog->setWindowTitle(tr("Copying"));
    dialog->setMinimumDuration(400); // short copies never show it
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setValue(0);
    m_progress = dialog;
    connect(session, &core::FileSession::writeProgress, dialog, [dialog](qint64 done, qint64 total) {
        dialog->setValue(total > 0 ? int(1000 * done / total) : 0);
    });
    connect(dialog, &QProgressDialog::canceled, session, [session, dialog] {
        dialog->setLabelText(QObject::tr("Cancelling\u2026"));
        session->cancelCurrentWrite();
    });
}

void CopyActions::report(const core::Status &status, const QString &title)
{
    Q_EMIT finished(status.ok(), status.ok() ? QString() : status.error().message);
    if (status.ok() || status.error().code == core::ErrorCode::Cancelled || !m_dialogs)
        return;
    QMessageBox::warning(m_window, title, status.error().message);
}

void CopyActions::saveCopy(bool groupOnly)
{
    const QModelIndex cur = m_tree->currentSourceIndex().siblingAtColumn(0);
    const core::H5FilePtr file = cur.isValid() ? m_model->fileOf(cur) : nullptr;
    if (!file)
        return;
    const QString group = groupOnly ? cur.data(HierarchyModel::PathRole).toString() : QString();
    const QFileInfo info(file->path());
    const QString suggested = info.absolutePath() + QLatin1Char('/')
                              + (groupOnly ? baseName(group) : info.completeBaseName() + QStringLiteral("_copy")) + QStringLiteral(".h5");
    const QString out = m_askSavePath(groupOnly ? tr("Save Group as New File") : tr("Save a Copy As"), suggested);
    if (out.isEmpty())
        return;
    QPointer<CopyActions> self(this);
    auto job = std::make_unique<core::SaveCopyJob>(file, group, out, [self, out](const core::Status &s) {
        if (self)
            self->report(s, tr("Save a Copy"));
    });
    core::JobTicket *ticket = core::JobRunner::instance().start(std::move(job), this);
    auto *dialog = new QProgressDialog(tr("Saving %1\u2026").arg(QFileInfo(out).fileName()), tr("Cancel"), 0, 1000, m_window);
    dialog->setWindowTitle(tr("Save a Copy"));
    dialog->setMinimumDuration(400);
    dialog->setAutoClose(false);
    dialog->setValue(0);
    connect(ticket, &core::JobTicket::progressChanged, dialog, [dialog](qint64 done, qint64 total) {
        dialog->setValue(total > 0 ? int(1000 * done / total) : 0);
    });
    connect(dialog, &QProgressDialog::canceled, ticket, &core::JobTicket::cancel);
    connect(ticket, &core::JobTicket::finished, dialog, [dialog, ticket] {
        dialog->deleteLater();
        ticket->deleteLater();
    });
}

bool CopyActions::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (!m_tree || watched != m_tree->viewport()
        || (type != QEvent::DragEnter && type != QEvent::DragMove && type != QEvent::Drop))
        return QObject::eventFilter(watched, event);
    auto *drop = static_cast<QDropEvent *>(event);
    const auto objects = objectsIn(drop->mimeData());
    const QModelIndex viewIndex = m_tree->indexAt(drop->position().toPoint());
    auto *proxy = qobject_cast<QAbstractProxyModel *>(m_tree->model());
    const QModelIndex src = proxy ? proxy->mapToSource(viewIndex) : viewIndex;
    const QModelIndex group = targetGroup(src);
    core::FileSession *session = editableSession(group);
    if (objects.isEmpty()) {
        // Not objects (files from a file manager): left to the window, which opens them.
        drop->ignore();
        return true;
    }
    if (type == QEvent::DragEnter) { // the target is decided on each move
        drop->acceptProposedAction();
        return true;
    }
    if (!session) {
        drop->ignore();
        return true;
    }
    // Shift moves, within one file; the source view must not delete rows on a move, so the
    // action reported back is always a copy.
    const bool move = (drop->modifiers() & Qt::ShiftModifier) && objects.first().first == session->file()->path();
    drop->setDropAction(Qt::CopyAction);
    if (type == QEvent::DragMove) {
        drop->accept();
        return true;
    }
    drop->accept();
    dropOn(drop->mimeData(), src, move);
    return true;
}

} // namespace hs::ui
