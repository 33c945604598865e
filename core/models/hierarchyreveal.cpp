#include "models/hierarchyreveal.h"

#include "models/hierarchynode.h"

namespace hs::core {

void HierarchyReveal::start(const QModelIndex &fileIdx, const QString &path)
{
    HierarchyModel::Node *node = m_model.nodeOf(fileIdx);
    if (!node)
        return;
    Walk w;
    w.file = m_model.indexOf(node->root());
    w.current = w.file;
    w.remaining = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    w.fullPath = path.isEmpty() ? QStringLiteral("/") : path;
    m_walk = w;
    advance();
}

void HierarchyReveal::fail(const QString &message)
{
    if (!m_walk)
        return;
    const QString path = m_walk->fullPath;
    m_walk.reset();
    Q_EMIT m_model.revealFailed(path, message);
}

void HierarchyReveal::dropFile(const QModelIndex &idx)
{
    if (m_walk && m_model.rootOf(m_model.nodeOf(m_walk->file)) == m_model.rootOf(m_model.nodeOf(idx)))
        m_walk.reset();
}

void HierarchyReveal::advance()
{
    using ListState = HierarchyModel::ListState;
    if (!m_walk)
        return;
    HierarchyModel::Node *node = m_model.nodeOf(m_walk->current);
    if (!node)
        return fail(QStringLiteral("The file was closed."));
    while (!m_walk->remaining.isEmpty()) {
        const QString name = m_walk->remaining.constFirst();
        HierarchyModel::Node *next = node->childNamed(name);
        if (!next) {
            switch (node->state) {
            case ListState::NotListed:
                if (node->parent && node->link.kind != ObjectKind::Group && node->link.kind != ObjectKind::Unknown)
                    return fail(QStringLiteral("\u201c%1\u201d is not a group.").arg(m_model.pathOf(node)));
                m_model.startListing(node);
                return;
            case ListState::Listing:
            case ListState::Partial: return; // wait for more rows
            case ListState::Listed:
                return fail(QStringLiteral("There is no \u201c%1\u201d in %2.").arg(name, m_model.pathOf(node)));
            case ListState::Failed:
                return fail(node->link.problem().isEmpty() ? QStringLiteral("The group could not be listed.")
                                                           : node->link.problem());
            }
        }
        node = next;
        m_walk->remaining.removeFirst();
        m_walk->current = m_model.indexOf(node);
    }
    const QModelIndex found = m_model.indexOf(node);
    m_walk.reset();
    Q_EMIT m_model.pathRevealed(found);
}

} // namespace hs::core
