#include "attributeeditor.h"

#include "attributedialog.h"
#include "edithistory.h"
#include "edit/addattributeoperation.h"
#include "edit/attributevalueparser.h"
#include "edit/deleteattributeoperation.h"
#include "edit/renameattributeoperation.h"
#include "edit/setattributevalueoperation.h"
#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "session/filesession.h"

#include <QAction>
#include <QIcon>
#include <QPainter>
#include <QPixmap>
#include <QStyle>
#include <QWidget>

namespace hs::ui {

using namespace hs::core;

namespace {

// A small icon drawn from a character, for desktops without an icon theme
// (the buttons stay compact either way).
QIcon glyphIcon(const QString &themeName, const QString &glyph, QWidget *widget)
{
    if (QIcon::hasThemeIcon(themeName))
        return QIcon::fromTheme(themeName);
    QIcon icon;
    for (int size : {16, 24, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::TextAntialiasing);
        QFont f = widget->font();
        f.setPixelSize(size * 7 / 8);
        f.setBold(true);
        p.setFont(f);
        p.setPen(widget->palette().color(QPalette::Active, QPalette::WindowText));
        p.drawText(QRect(0, 0, size, size), Qt::AlignCenter, glyph);
        p.end();
        icon.addPixmap(pixmap, QIcon::Normal);
        QPixmap faded(size, size);
        faded.fill(Qt::transparent);
        QPainter q(&faded);
        q.setOpacity(0.35);
        q.drawPixmap(0, 0, pixmap);
        q.end();
        icon.addPixmap(faded, QIcon::Disabled);
    }
    return icon;
}

} // namespace

AttributeEditor::AttributeEditor(QWidget *panel)
    : QObject(panel),
      m_panel(panel),
      m_add(new QAction(glyphIcon(QStringLiteral("list-add"), QStringLiteral("+"), panel), tr("Add Attribute\u2026"), this)),
      m_edit(new QAction(glyphIcon(QStringLiteral("document-edit"), QStringLiteral("\u270e"), panel), tr("Edit Value\u2026"), this)),
      m_rename(new QAction(glyphIcon(QStringLiteral("edit-rename"), QStringLiteral("A\u0332"), panel), tr("Rename\u2026"), this)),
      m_delete(new QAction(glyphIcon(QStringLiteral("list-remove"), QStringLiteral("\u2212"), panel), tr("Delete"), this))
{
    m_edit->setShortcut(Qt::Key_F2);
    m_delete->setShortcut(QKeySequence::Delete);
    for (QAction *a : {m_edit, m_delete})
        a->setShortcutContext(Qt::WidgetShortcut);
    connect(m_add, &QAction::triggered, this, &AttributeEditor::openAddDialog);
    connect(m_edit, &QAction::triggered, this, [this] { editValue(m_current); });
    connect(m_rename, &QAction::triggered, this, [this] {
        if (!m_current.isEmpty())
            Q_EMIT renameRequested(m_current);
    });
    connect(m_delete, &QAction::triggered, this, [this] { deleteAttribute(m_current); });
    updateActions();
}

AttributeEditor::~AttributeEditor()
{
    delete m_readTicket;
}

QString AttributeEditor::readOnlyTip()
{
    return tr("Enable editing with File \u25b8 Enable Editing (Ctrl+Shift+E)");
}

void AttributeEditor::setTarget(const H5FilePtr &file, const QString &objectPath)
{
    delete m_readTicket;
    if (m_dialog)
        m_dialog->reject(); // it was for the previous object
    for (const auto &c : m_connections)
        disconnect(c);
    m_connections.clear();
    m_file = file;
    m_path = objectPath;
    m_current.clear();
    m_names.clear();
    m_session = nullptr;
    ensureSession();
    updateActions();
    Q_EMIT editableChanged(isEditable());
}

void AttributeEditor::ensureSession()
{
    // A session made after the object was shown is picked up at the next selection.
    if (m_session || !m_file)
        return;
    m_session = FileSession::of(m_file);
    if (!m_session)
        return;
    m_connections << connect(m_session, &FileSession::modeChanged, this, [this] {
        updateActions();
        Q_EMIT editableChanged(isEditable());
    });
    m_connections << connect(m_session, &FileSession::attributesChanged, this, [this](const QString &path) {
        if (path == m_path)
            Q_EMIT attributesChanged();
    });
}

void AttributeEditor::setCurrent(const QString &attributeName, const QStringList &allNames)
{
    m_current = attributeName;
    m_names = allNames;
    ensureSession();
    updateActions();
}

bool AttributeEditor::isEditable() const
{
    return m_session && m_session->isEditable();
}

void AttributeEditor::updateActions()
{
    const bool editable = isEditable();
    const bool hasObject = m_file != nullptr;
    const bool hasCurrent = !m_current.isEmpty();
    m_add->setEnabled(editable && hasObject);
    m_edit->setEnabled(editable && hasCurrent);
    m_rename->setEnabled(editable && hasCurrent);
    m_delete->setEnabled(editable && hasCurrent);
    if (!editable) {
        for (QAction *a : {m_add, m_edit, m_rename, m_delete})
            a->setToolTip(readOnlyTip());
        return;
    }
    m_add->setToolTip(tr("Add an attribute to %1").arg(m_path));
    m_edit->setToolTip(hasCurrent ? tr("Edit the value of %1 (F2)").arg(m_current) : tr("Select an attribute to edit its value"));
    m_rename->setToolTip(hasCurrent ? tr("Rename %1").arg(m_current) : tr("Select an attribute to rename it"));
    m_delete->setToolTip(hasCurrent ? tr("Delete %1 (undo brings it back)").arg(m_current) : tr("Select an attribute to delete it"));
}

void AttributeEditor::openAddDialog()
{
    if (!isEditable() || !m_file) {
        Q_EMIT message(readOnlyTip(), false);
        return;
    }
    if (m_dialog)
        m_dialog->reject();
    auto *dialog = new AttributeDialog(m_path, m_names, m_panel);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        perform(std::make_shared<AddAttributeOperation>(m_path, dialog->name(), dialog->attributeType(), dialog->isScalar(),
                                                        dialog->valueText(), dialog->length()),
                dialog->name());
    });
    dialog->open();
}

void AttributeEditor::editValue(const QString &name)
{
    if (name.isEmpty())
        return;
    if (!isEditable()) {
        Q_EMIT message(tr("%1 to change this value.").arg(readOnlyTip()), false);
        return;
    }
    // The value is read in the background (the file may be busy); the editor
    // opens when it is there, if the object is still the one shown.
    delete m_readTicket;
    auto job = std::make_unique<FunctionJob>(tr("Reading %1").arg(name), [this, file = m_file, path = m_path, name](JobContext &ctx) {
        auto read = EditableAttribute::read(file, path, name);
        ctx.post([this, file, path, read = std::move(read)] {
            if (file != m_file || path != m_path)
                return;
            if (!read) {
                Q_EMIT message(read.error().message, true);
                return;
            }
            const EditableAttribute &a = read.value();
            if (!a.editable) {
                Q_EMIT message(tr("The value of %1 cannot be edited here. %2").arg(a.name, a.refusal), true);
                return;
            }
            // One line fits the cell; a list or a text of several lines gets the dialog.
            if (a.scalar && !a.text.contains(u'\n')) {
                Q_EMIT inlineEditRequested(a);
                return;
            }
            if (m_dialog)
                m_dialog->reject();
            auto *dialog = new AttributeDialog(m_path, a, m_panel);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            m_dialog = dialog;
            connect(dialog, &QDialog::accepted, this, [this, dialog, a] { setValue(a, dialog->valueText()); });
            dialog->open();
        });
    });
    m_readTicket = JobRunner::instance().start(std::move(job), this);
    connect(m_readTicket, &JobTicket::finished, m_readTicket, &QObject::deleteLater);
}

void AttributeEditor::setValue(const EditableAttribute &attribute, const QString &text)
{
    if (!isEditable()) {
        Q_EMIT message(readOnlyTip(), false);
        return;
    }
    // Checked here first, so a typing mistake is named at once and nothing is queued.
    auto parsed = AttributeValueParser::parse(attribute.type, text, attribute.scalar);
    if (!parsed) {
        Q_EMIT message(tr("%1 was not changed: %2").arg(attribute.name, parsed.error().message), true);
        return;
    }
    if (parsed->count != attribute.count && attribute.dims.size() != 1) {
        Q_EMIT message(tr("%1 was not changed: %2 values are given; it holds %3.").arg(attribute.name).arg(parsed->count).arg(attribute.count), true);
        return;
    }
    if (AttributeValueParser::format(attribute.type, parsed.value(), attribute.scalar) == attribute.text)
        return; // the same value: no step
    perform(std::make_shared<SetAttributeValueOperation>(m_path, attribute.name, attribute.type, attribute.scalar, text),
            attribute.name);
}

void AttributeEditor::renameAttribute(const QString &from, const QString &to)
{
    if (to == from)
        return;
    if (to.isEmpty()) {
        Q_EMIT message(tr("%1 was not renamed: an attribute needs a name.").arg(from), true);
        return;
    }
    if (m_names.contains(to)) {
        Q_EMIT message(tr("An attribute named %1 already exists on %2.").arg(to, m_path), true);
        return;
    }
    perform(std::make_shared<RenameAttributeOperation>(m_path, from, to), to);
}

void AttributeEditor::deleteAttribute(const QString &name)
{
    if (name.isEmpty())
        return;
    // The neighbour below (or above) is selected once it is gone.
    const qsizetype i = m_names.indexOf(name);
    QString next;
    if (i >= 0 && i + 1 < m_names.size())
        next = m_names[i + 1];
    else if (i > 0)
        next = m_names[i - 1];
    perform(std::make_shared<DeleteAttributeOperation>(m_path, name), next);
}

void AttributeEditor::perform(std::shared_ptr<EditOperation> op, const QString &selectAfter)
{
    if (!isEditable()) {
        Q_EMIT message(readOnlyTip(), false);
        return;
    }
    Q_EMIT message(QString(), false);
    QPointer<AttributeEditor> self(this);
    // `done` runs after the session announced the change (the panel's reload
    // is on its way), so the selection it asks for is there to be made.
    EditHistory::instance().perform(m_session, std::move(op), [self, selectAfter](const Status &s) {
        if (!self)
            return;
        if (s)
            Q_EMIT self->selectRequested(selectAfter);
        else
            Q_EMIT self->message(s.error().message, true);
    });
}

} // namespace hs::ui
