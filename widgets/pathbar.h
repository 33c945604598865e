#pragma once

#include <QLineEdit>
#include <QPersistentModelIndex>

class QCompleter;
class QStringListModel;

namespace hs::core {
class HierarchyModel;
}

namespace hs::ui {

// "Go to path": type or paste /a/b/c (or FILE:/a/b/c) and press Enter. Completes
// member names of the group being typed in, listing it on demand.
class PathBar : public QLineEdit
{
    Q_OBJECT
public:
    explicit PathBar(core::HierarchyModel *model, QWidget *parent = nullptr);

    // The file that relative lookups and completion refer to.
    void setCurrentFile(const QModelIndex &fileIndex);
    void showPath(const QString &path);

    // The file lookups refer to, named in the placeholder when several are open.
    QString currentFileName() const;

Q_SIGNALS:
    void pathRequested(const QModelIndex &fileIndex, const QString &path);
    // The path typed was a dataset and the tree has reached it: open it.
    void datasetRequested(const QModelIndex &sourceIndex);

private:
    void updateCompletions();
    void updatePlaceholder();

    core::HierarchyModel *m_model;
    QPersistentModelIndex m_file;
    QCompleter *m_completer;
    QStringListModel *m_completions;
    QString m_completedParent;
    QString m_pendingOpen; // path typed with Enter, opened once revealed if it is a dataset
};

} // namespace hs::ui
