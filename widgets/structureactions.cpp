#include "structureactions.h"

#include "edithistory.h"
#include "errorpresenter.h"
#include "hierarchyview.h"
#include "newdatasetdialog.h"
#include "structuredialog.h"

#include "edit/compressioncatalog.h"
#include "edit/createdatasetoperation.h"
#include "edit/createexternallinkoperation.h"
#include "edit/creategroupoperation.h"
#include "edit/createsoftlinkoperation.h"
#include "edit/deleteoperation.h"
#include "edit/moveoperation.h"
#include "edit/renameoperation.h"
#include "edit/resizedatasetoperation.h"
#include "edit/setsoftlinktargetoperation.h"
#include "edit/structurepaths.h"
#include "models/hierarchymodel.h"
#include "session/filesession.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

namespace hs::ui {

using core::HierarchyModel;
using core::edit::baseName;
using core::edit::joinPath;
using core::edit::nameProblem;
using core::edit::parentPath;
using core::edit::shownPath;

namespace {
// Said while the user types, so a name that is taken never reaches the file.
// "the root group" or "<b>/a/b</b>", for the dialogs' first line.
QString groupText(const QString &group)
{
    return group == QLatin1String("/") ? StructureActions::tr("the root group")
                                       : QStringLiteral("<b>%1</b>").arg(shownPath(group).toHtmlEscaped());
}

QString takenProblem(const core::H5FilePtr &file, const QString &path)
{
    if (file && core::edit::linkExists(*file, path))
        return StructureActions::tr("\u201c%1\u201d already exists.").arg(shownPath(path));
    return {};
}
} // namespace

StructureActions::StructureActions(HierarchyView *tree, core::HierarchyModel *model, QWidget *window)
    : QObject(window), m_tree(tree), m_model(model), m_window(window), m_errors(new ErrorPresenter(window))
{
    const std::array<std::pair<QString, void (StructureActions::*)()>, KindCount> specs = {{
        {tr("New &Group\u2026"), &StructureActions::newGroup},
        {tr("New &Dataset\u2026"), &StructureActions::newDataset},
        {tr("Re&size\u2026"), &StructureActions::resize},
        {tr("&Rename\u2026"), &StructureActions::rename},
        {tr("&Move to\u2026"), &StructureActions::moveTo},
        {tr("De&lete"), &StructureActions::deleteObject},
        {tr("New &Soft Link\u2026"), &StructureActions::newSoftLink},
        {tr("New &External Link\u2026"), &StructureActions::newExternalLink},
        {tr("Edit Link &Target\u2026"), &StructureActions::editLinkTarget},
    }};
    for (size_t i = 0; i < specs.size(); ++i) {
        auto *a = new QAction(specs[i].first, this);
        connect(a, &QAction::triggered, this, specs[i].second);
        m_actions[i] = a;
    }
    m_actions[Delete]->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    // Keys for the tree's current row, only while the tree has focus (the
    // grid and the attribute editor have their own Delete and F2).
    m_actions[Delete]->setShortcut(QKeySequence::Delete);
    m_actions[Rename]->setShortcut(Qt::Key_F2);
    for (Kind k : {Delete, Rename}) {
        m_actions[k]->setShortcutContext(Qt::WidgetShortcut);
        m_tree->addAction(m_actions[k]);
    }
    m_tree->addMenuContributor([this](QMenu *menu, const QModelIndex &sourceIndex) {
        setContext(sourceIndex);
        menu->setToolTipsVisible(true);
        // Back to the current row once the menu is gone (queued: a chosen
        // action runs first and has taken its row by then), so the keys act
        // on the current row again.
        connect(menu, &QMenu::aboutToHide, this, [this] {
            QMetaObject::invokeMethod(this, [this] { setContext(m_tree->currentSourceIndex()); }, Qt::QueuedConnection);
        });
        for (Kind k : {NewGroup, NewDataset, NewSoftLink, NewExternalLink})
            menu->addAction(action(k));
        menu->addSeparator();
        for (Kind k : {Rename, Move, Resize, EditLinkTarget, Delete})
            menu->addAction(action(k));
    });
    connect(m_tree, &HierarchyView::currentSourceChanged, this, &StructureActions::setContext);
    updateEnabled();
}

StructureActions::~StructureActions() = default;

QString StructureActions::readOnlyTip()
{
    return tr("Enable editing with File \u25b8 Enable Editing (Ctrl+Shift+E)");
}

void StructureActions::install(QMenu *menu)
{
    menu->setToolTipsVisible(true);
    for (Kind k : {NewGroup, NewDataset, NewSoftLink, NewExternalLink})
        menu->addAction(action(k));
    menu->addSeparator();
    for (Kind k : {Rename, Move, Resize, EditLinkTarget, Delete})
        menu->addAction(action(k));
    connect(menu, &QMenu::aboutToShow, this, [this] { setContext(m_tree->currentSourceIndex()); });
}

void StructureActions::setContext(const QModelIndex &sourceIndex)
{
    m_context = sourceIndex.siblingAtColumn(0);
    updateEnabled();
}

StructureActions::Target StructureActions::target() const
{
    Target t;
    if (!m_context.isValid())
        return t;
    t.file = m_model->fileOf(m_context);
    t.session = t.file ? core::FileSession::of(t.file) : nullptr;
    t.isFileRow = m_context.data(HierarchyModel::IsFileRole).toBool();
    t.path = t.isFileRow ? QStringLiteral("/") : m_context.data(HierarchyModel::PathRole).toString();
    t.kind = core::ObjectKind(m_context.data(HierarchyModel::KindRole).toInt());
    t.link = core::LinkType(m_context.data(HierarchyModel::LinkTypeRole).toInt());
    t.linkTarget = m_context.data(HierarchyModel::LinkTargetRole).toString();
    for (QModelIndex up = m_context.parent(); up.isValid() && !up.data(HierarchyModel::IsFileRole).toBool(); up = up.parent())
        t.throughLink = t.throughLink || core::LinkType(up.data(HierarchyModel::LinkTypeRole).toInt()) != core::LinkType::Hard;
    const bool isGroup = t.isFileRow || (t.kind == core::ObjectKind::Group && t.link == core::LinkType::Hard);
    t.group = isGroup ? t.path : parentPath(t.path);
    return t;
}

void StructureActions::watchSession(core::FileSession *session)
{
    if (session)
        connect(session, &core::FileSession::modeChanged, this, &StructureActions::updateEnabled, Qt::UniqueConnection);
}

void StructureActions::updateEnabled()
{
    const Target t = target();
    watchSession(t.session);
    const bool editable = t.session && t.session->isEditable();
    const bool member = t.file && !t.isFileRow && t.path != QLatin1String("/");
    const std::array<bool, KindCount> applies = {
        bool(t.file), bool(t.file), member && t.kind == core::ObjectKind::Dataset && t.link == core::LinkType::Hard,
        member, member, member, bool(t.file), bool(t.file), member && t.link == core::LinkType::Soft};
    for (size_t i = 0; i < m_actions.size(); ++i) {
        m_actions[i]->setEnabled(editable && applies[i] && !t.throughLink);
        m_actions[i]->setToolTip(!t.file       ? tr("Select an object in the tree first")
                                     : !editable ? readOnlyTip()
                                     : t.throughLink
                                     ? tr("This row is reached through a soft or external link; edit it at its own path")
                                     : m_actions[i]->text().remove(QLatin1Char('&')).remove(QChar(0x2026)));
    }
}

void StructureActions::perform(const Target &t, std::shared_ptr<core::EditOperation> op)
{
    if (!t.session)
        return;
    const QString what = op->description();
    QPointer<StructureActions> self(this);
    EditHistory::instance().perform(t.session, std::move(op), [self, what](const core::Status &s) {
        if (!self)
            return;
        if (!s)
            self->m_errors->present(tr("%1 failed").arg(what), s.error());
        Q_EMIT self->performed(what, s.ok());
    });
}

QStringList StructureActions::knownGroups(const Target &t) const
{
    // Groups the tree has listed so far (no I/O); the field stays editable
    // for any other path.
    QStringList out;
    const QModelIndex file = m_model->fileIndexFor(t.file->path());
    QList<QModelIndex> pending{file};
    while (!pending.isEmpty() && out.size() < 2000) {
        const QModelIndex i = pending.takeFirst();
        const bool isFile = i.data(HierarchyModel::IsFileRole).toBool();
        if (!isFile && (core::ObjectKind(i.data(HierarchyModel::KindRole).toInt()) != core::ObjectKind::Group
                        || core::LinkType(i.data(HierarchyModel::LinkTypeRole).toInt()) != core::LinkType::Hard))
            continue;
        out << (isFile ? QStringLiteral("/") : i.data(HierarchyModel::PathRole).toString());
        for (int r = 0; r < m_model->rowCount(i); ++r)
            pending << m_model->index(r, 0, i);
    }
    return out;
}

void StructureActions::newGroup()
{
    const Target t = target();
    StructureDialog dialog(tr("New Group"), tr("A new group in %1.").arg(groupText(t.group)), m_window);
    QLineEdit *name = dialog.addLine(tr("&Name:"), QString(), QStringLiteral("name"));
    dialog.setCheck([name, t]() -> QString {
        if (const QString why = nameProblem(name->text()); !why.isEmpty())
            return why;
        return takenProblem(t.file, joinPath(t.group, name->text()));
    });
    dialog.setOkText(tr("Create"));
    if (dialog.exec() == QDialog::Accepted)
        perform(t, std::make_shared<core::CreateGroupOperation>(joinPath(t.group, name->text())));
}

void StructureActions::newDataset()
{
    const Target t = target();
    NewDatasetDialog dialog(t.group, core::compressioncatalog::available(), m_window);
    dialog.setTakenCheck([file = t.file](const QString &path) { return takenProblem(file, path); });
    if (dialog.exec() == QDialog::Accepted)
        perform(t, std::make_shared<core::CreateDatasetOperation>(dialog.spec()));
}

void StructureActions::resize()
{
    const Target t = target();
    const auto extent = core::ResizeDatasetOperation::inspect(t.file, t.path);
    if (!extent) {
        m_errors->present(tr("Resize"), extent.error());
        return;
    }
    StructureDialog dialog(tr("Resize"),
                           tr("<b>%1</b> is %2; its max shape is %3 (\u221e: unlimited).")
                               .arg(shownPath(t.path).toHtmlEscaped(), core::shapeText(extent->shape),
                                    core::shapeText(extent->maxShape)),
                           m_window);
    QLineEdit *shape = dialog.addLine(tr("New &shape:"), core::shapeText(extent->shape), QStringLiteral("shape"));
    dialog.addNote(tr("Values cut off by a smaller shape come back with Undo while the file is open."));
    const core::ResizeDatasetOperation::Extent e = *extent;
    dialog.setCheck([shape, e]() -> QString {
        if (!e.chunked)
            return tr("Only chunked datasets can change their shape; this one is not chunked.");
        const auto parsed = core::parseShape(shape->text(), false);
        if (!parsed)
            return parsed.error().message;
        if (parsed->size() != e.shape.size())
            return tr("The dataset has %n dimension(s).", nullptr, int(e.shape.size()));
        for (size_t i = 0; i < parsed->size(); ++i)
            if (e.maxShape[i] != core::DatasetSpec::Unlimited && (*parsed)[i] > e.maxShape[i])
                return tr("Dimension %1 can be at most %2.").arg(i + 1).arg(e.maxShape[i]);
        if (*parsed == e.shape)
            return tr("That is the current shape.");
        return {};
    });
    dialog.setOkText(tr("Resize"));
    if (dialog.exec() == QDialog::Accepted)
    {
        const std::vector<quint64> newShape = *core::parseShape(shape->text(), false);
        perform(t, std::make_shared<core::ResizeDatasetOperation>(t.path, newShape, e.cutOffBytes(newShape)));
    }
}

void StructureActions::rename()
{
    const Target t = target();
    StructureDialog dialog(tr("Rename"), tr("Rename <b>%1</b> in its group.").arg(shownPath(t.path).toHtmlEscaped()), m_window);
    QLineEdit *name = dialog.addLine(tr("New &name:"), baseName(t.path), QStringLiteral("name"));
    name->selectAll();
    const QString old = baseName(t.path);
    dialog.setCheck([name, old, t]() -> QString {
        if (name->text() == old)
            return tr("That is its name now.");
        if (const QString why = nameProblem(name->text()); !why.isEmpty())
            return why;
        return takenProblem(t.file, joinPath(parentPath(t.path), name->text()));
    });
    dialog.setOkText(tr("Rename"));
    if (dialog.exec() == QDialog::Accepted)
        perform(t, std::make_shared<core::RenameOperation>(t.path, joinPath(parentPath(t.path), name->text())));
}

void StructureActions::moveTo()
{
    const Target t = target();
    QStringList groups;
    const QString from = parentPath(t.path);
    for (const QString &g : knownGroups(t))
        if (g != from && g != t.path && !g.startsWith(t.path + QLatin1Char('/')))
            groups << g;
    StructureDialog dialog(tr("Move to"), tr("Move <b>%1</b> to another group of the same file; it keeps its name.")
                                              .arg(shownPath(t.path).toHtmlEscaped()),
                           m_window);
    QComboBox *group = dialog.addEditableCombo(tr("&Group:"), groups, groups.value(0, QStringLiteral("/")),
                                               QStringLiteral("group"));
    const QString path = t.path;
    dialog.setCheck([group, path, from, file = t.file]() -> QString {
        const QString g = group->currentText();
        if (!g.startsWith(QLatin1Char('/')))
            return tr("Write the group's path from the root, starting with \u201c/\u201d.");
        if (g == from)
            return tr("It is in that group already.");
        if (g == path || g.startsWith(path + QLatin1Char('/')))
            return tr("A group cannot be moved into itself.");
        return takenProblem(file, joinPath(g, baseName(path)));
    });
    dialog.setOkText(tr("Move"));
    if (dialog.exec() == QDialog::Accepted)
        perform(t, std::make_shared<core::MoveOperation>(t.path, group->currentText()));
}

void StructureActions::deleteObject()
{
    const Target t = target();
    const auto impact = core::DeleteOperation::inspect(t.file, t.path);
    if (!impact) {
        m_errors->present(tr("Delete"), impact.error());
        return;
    }
    QMessageBox box(QMessageBox::Warning, tr("Delete"), tr("Delete %1 from %2?").arg(shownPath(t.path), t.file->displayName()),
                    QMessageBox::Cancel, m_window);
    box.setObjectName(QStringLiteral("deleteConfirmation"));
    box.setInformativeText(impact->explanation(t.path));
    QPushButton *del = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == del)
        perform(t, std::make_shared<core::DeleteOperation>(t.path));
}

void StructureActions::newSoftLink()
{
    const Target t = target();
    StructureDialog dialog(tr("New Soft Link"),
                           tr("A soft link in %1 names another object of this file by its path; it follows "
                              "whatever is at that path.")
                               .arg(groupText(t.group)),
                           m_window);
    QLineEdit *name = dialog.addLine(tr("&Name:"), QString(), QStringLiteral("name"));
    QLineEdit *targetPath = dialog.addLine(tr("&Target path:"), t.path == t.group ? QString() : t.path,
                                           QStringLiteral("target"));
    dialog.setCheck([name, targetPath, t]() -> QString {
        if (const QString why = nameProblem(name->text()); !why.isEmpty())
            return why;
        if (const QString why = takenProblem(t.file, joinPath(t.group, name->text())); !why.isEmpty())
            return why;
        if (targetPath->text().isEmpty())
            return tr("Write the path the link names, e.g. /data/temperature.");
        return {};
    });
    dialog.setOkText(tr("Create"));
    if (dialog.exec() == QDialog::Accepted)
        perform(t, std::make_shared<core::CreateSoftLinkOperation>(joinPath(t.group, name->text()), targetPath->text()));
}

void StructureActions::newExternalLink()
{
    const Target t = target();
    StructureDialog dialog(tr("New External Link"),
                           tr("An external link in %1 names an object in another HDF5 file.")
                               .arg(groupText(t.group)),
                           m_window);
    QLineEdit *name = dialog.addLine(tr("&Name:"), QString(), QStringLiteral("name"));
    auto *fileRow = new QWidget(&dialog);
    auto *fileLayout = new QHBoxLayout(fileRow);
    fileLayout->setContentsMargins(0, 0, 0, 0);
    auto *fileName = new QLineEdit(fileRow);
    fileName->setObjectName(QStringLiteral("file"));
    fileName->setPlaceholderText(tr("other.h5 (relative to this file) or a full path"));
    auto *browse = new QPushButton(tr("Browse\u2026"), fileRow);
    fileLayout->addWidget(fileName, 1);
    fileLayout->addWidget(browse);
    dialog.addRow(tr("&File:"), fileRow);
    connect(fileName, &QLineEdit::textChanged, &dialog, &StructureDialog::recheck);
    const QString here = QFileInfo(t.file->path()).absolutePath();
    connect(browse, &QPushButton::clicked, &dialog, [&dialog, fileName, here] {
        const QString chosen = QFileDialog::getOpenFileName(&dialog, tr("Target File"), here,
                                                            tr("HDF5 files (*.h5 *.hdf5 *.he5 *.nc *.nxs);;All files (*)"));
        if (chosen.isEmpty())
            return;
        // Stored relative when it sits next to this file, so the pair can move together.
        const QFileInfo info(chosen);
        fileName->setText(info.absolutePath() == here ? info.fileName() : chosen);
    });
    QLineEdit *objectPath = dialog.addLine(tr("&Path in that file:"), QStringLiteral("/"), QStringLiteral("objectPath"));
    dialog.setCheck([name, fileName, objectPath, t]() -> QString {
        if (const QString why = nameProblem(name->text()); !why.isEmpty())
            return why;
        if (const QString why = takenProblem(t.file, joinPath(t.group, name->text())); !why.isEmpty())
            return why;
        if (fileName->text().isEmpty())
            return tr("Choose the file the link leads to.");
        if (!objectPath->text().startsWith(QLatin1Char('/')))
            return tr("The path in that file starts with \u201c/\u201d.");
        return {};
    });
    dialog.setOkText(tr("Create"));
    if (dialog.exec() == QDialog::Accepted)
        perform(t, std::make_shared<core::CreateExternalLinkOperation>(joinPath(t.group, name->text()), fileName->text(),
                                                                       objectPath->text()));
}

void StructureActions::editLinkTarget()
{
    const Target t = target();
    StructureDialog dialog(tr("Edit Link Target"),
                           tr("Point the soft link <b>%1</b> to another path.").arg(shownPath(t.path).toHtmlEscaped()),
                           m_window);
    QLineEdit *targetPath = dialog.addLine(tr("&Target path:"), t.linkTarget, QStringLiteral("target"));
    const QString old = t.linkTarget;
    dialog.setCheck([targetPath, old]() -> QString {
        if (targetPath->text().isEmpty())
            return tr("Write the path the link names.");
        if (targetPath->text() == old)
            return tr("The link points there now.");
        return {};
    });
    dialog.setOkText(tr("Change"));
    if (dialog.exec() == QDialog::Accepted)
        perform(t, std::make_shared<core::SetSoftLinkTargetOperation>(t.path, targetPath->text()));
}

} // namespace hs::ui
