#pragma once

#include <QPersistentModelIndex>
#include <QStringList>

#include <optional>

namespace hs::core {

class HierarchyModel;

// Walks HierarchyModel down to a path, one name at a time, starting the
// listings it needs and resuming whenever rows arrive (advance()). Ends with
// the model's pathRevealed or revealFailed. At most one walk is pending: a new
// start() replaces it. Lives in the GUI thread, owned by the model.
class HierarchyReveal
{
public:
    explicit HierarchyReveal(HierarchyModel &model) : m_model(model) {}

    void start(const QModelIndex &fileIdx, const QString &path);
    // Rows, kinds or a listing's end arrived: go as far as they allow.
    void advance();
    // A listing failed: so does the pending walk (whichever group it waited for).
    void fail(const QString &message);
    // The file of `idx` (any index inside it) is about to close.
    void dropFile(const QModelIndex &idx);

private:
    struct Walk
    {
        QPersistentModelIndex file;
        QStringList remaining;
        QPersistentModelIndex current;
        QString fullPath;
    };

    HierarchyModel &m_model;
    std::optional<Walk> m_walk;
};

} // namespace hs::core
