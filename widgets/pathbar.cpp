#include "pathbar.h"

#include "hdf5/names.h"
#include "models/hierarchymodel.h"

#include <QCompleter>
#include <QStringListModel>

namespace hs::ui {

using core::HierarchyModel;

PathBar::PathBar(HierarchyModel *model, QWidget *parent)
    : QLineEdit(parent), m_model(model), m_completer(new QCompleter(this)), m_completions(new QStringListModel(this))
{
    setPlaceholderText(tr("Go to path, e.g. /group/dataset  (Ctrl+L)"));
    setClearButtonEnabled(true);
    m_completer->setModel(m_completions);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(15);
    setCompleter(m_completer);

    connect(this, &QLineEdit::textEdited, this, &PathBar::updateCompletions);
    connect(this, &QLineEdit::returnPressed, this, [this] {
        QString path = text().trimmed();
        if (path.isEmpty())
            return;
        if (!path.startsWith(QLatin1Char('/')))
            path.prepend(QLatin1Char('/'));
        // Names are shown and typed as info prints them ("\xB5" for a byte that is not UTF-8).
        Q_EMIT pathRequested(m_file, core::names::fromEscaped(path));
    });
    // Members arrive asynchronously: refresh the list when the group we
    // complete in finishes listing.
    connect(m_model, &HierarchyModel::listingFinished, this, [this](const QModelIndex &group) {
        if (hasFocus() && group.data(HierarchyModel::PathRole).toString() == m_completedParent)
            updateCompletions();
    });
}

void PathBar::setCurrentFile(const QModelIndex &fileIndex)
{
    m_file = fileIndex;
}

void PathBar::showPath(const QString &path)
{
    if (!hasFocus())
        setText(core::names::toEscaped(path));
}

void PathBar::updateCompletions()
{
    if (!m_file.isValid())
        return;
    const QString typed = text();
    const qsizetype slash = typed.lastIndexOf(QLatin1Char('/'));
    QString parentPath = slash <= 0 ? QStringLiteral("/") : core::names::fromEscaped(typed.left(slash));
    if (!parentPath.startsWith(QLatin1Char('/')))
        parentPath.prepend(QLatin1Char('/'));
    const QModelIndex parent = m_model->indexForPath(m_file, parentPath);
    m_completedParent = parentPath;
    if (!parent.isValid())
        return;
    m_model->ensureListed(parent);
    QStringList items;
    const int rows = m_model->rowCount(parent);
    items.reserve(rows);
    for (int r = 0; r < rows; ++r)
        items << core::names::toEscaped(m_model->index(r, 0, parent).data(HierarchyModel::PathRole).toString());
    if (m_completions->stringList() != items)
        m_completions->setStringList(items);
}

} // namespace hs::ui
