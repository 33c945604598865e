#include "pathbar.h"

#include "model/names.h"
#include "models/hierarchymodel.h"

#include <QCompleter>
#include <QFileInfo>
#include <QStringListModel>

#include <utility>

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
        path = core::names::fromEscaped(path);
        m_pendingOpen = path;
        Q_EMIT pathRequested(m_file, path);
    });
    connect(m_model, &HierarchyModel::pathRevealed, this, [this](const QModelIndex &i) {
        const QString pending = std::exchange(m_pendingOpen, QString());
        if (!pending.isEmpty() && i.data(HierarchyModel::PathRole).toString() == pending
            && core::ObjectKind(i.data(HierarchyModel::KindRole).toInt()) == core::ObjectKind::Dataset)
            Q_EMIT datasetRequested(i);
    });
    connect(m_model, &HierarchyModel::revealFailed, this, [this] { m_pendingOpen.clear(); });
    // Files come and go: with more than one, say which one is searched.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent) {
        if (!parent.isValid())
            updatePlaceholder();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &parent) {
        if (!parent.isValid())
            updatePlaceholder();
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
    updatePlaceholder();
}

QString PathBar::currentFileName() const
{
    return m_file.isValid() ? QFileInfo(m_file.data(HierarchyModel::FilePathRole).toString()).fileName() : QString();
}

void PathBar::updatePlaceholder()
{
    const QString file = currentFileName();
    if (m_model->fileCount() > 1 && !file.isEmpty()) {
        setPlaceholderText(tr("Go to path in %1, e.g. /group/dataset  (Ctrl+L)").arg(file));
        setToolTip(tr("Paths are looked up in %1, the file of the selected object").arg(m_file.data(HierarchyModel::FilePathRole).toString()));
    } else {
        setPlaceholderText(tr("Go to path, e.g. /group/dataset  (Ctrl+L)"));
        setToolTip(QString());
    }
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
