#pragma once

#include "model/nodetypes.h"
#include "model/objectdetails.h"
#include "services/h5file.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace hs::core {
class JobTicket;
}

namespace hs::ui {

class InfoSection;

// What HDF5 knows about how the selected item is reached and who it is: the
// link (kind, target, resolved or why not, creation order, charset), the
// object (kind, identity, hard links, attributes, times, committed type),
// every path that leads to it (a cancellable background search) and its
// dimension scales, in both directions. Paths are links: clicking one emits
// pathActivated; the target of an external link that resolves emits
// externalTargetActivated with the target file's path.
class LinksPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Section { Link, Object, Paths, Scales };

    explicit LinksPanel(QWidget *parent = nullptr);
    ~LinksPanel() override;

    // Inspects `path` of `file` in the background. The same object again is a no-op.
    void setObject(const core::H5FilePtr &file, const QString &path, core::ObjectKind kind);
    void clear();

    // For tests and tools: a section as plain "Label: value" lines ("" when hidden).
    QString sectionText(Section section) const;
    // The label that links to `path` in a section (click it to navigate), or
    // null. An external link's target is "FILE:/path" as stored in the link.
    QLabel *linkLabel(Section section, const QString &path) const;
    QStringList foundPaths() const { return m_paths; }
    bool isInspecting() const;
    bool isSearching() const;
    void cancelSearch();
    void startSearch();

Q_SIGNALS:
    void pathActivated(const QString &path);
    // `filePath` is the external link's file resolved against the folder of
    // the file holding the link.
    void externalTargetActivated(const QString &filePath, const QString &objectPath);

private:
    void showDetails(const core::ObjectDetails &details);
    void showInspectError(const QString &message);
    void fillLink(const core::ObjectDetails &d);
    static QString externalLinkText(const core::ObjectDetails &d);
    QString externalFilePath(const core::ObjectDetails &d) const;
    void fillObject(const core::ObjectDetails &d);
    void fillScales(const core::ObjectDetails &d);
    enum class PathState { Running, Done, Trivial, Cancelled, Failed };
    void showPaths(PathState state, const QString &note = {});
    void setSearchState(const QString &text, bool busy);
    InfoSection *section(Section s) const;

    core::H5FilePtr m_file;
    QString m_path;
    core::ObjectDetails m_details;
    bool m_haveDetails = false;

    QWidget *m_content;
    QLabel *m_placeholder;
    InfoSection *m_link;
    InfoSection *m_object;
    InfoSection *m_pathsSection;
    InfoSection *m_scales;
    QLabel *m_searchStatus;
    QProgressBar *m_searchBusy;
    QPushButton *m_searchButton;
    QWidget *m_pathList;
    QVBoxLayout *m_pathListLayout;

    QPointer<core::JobTicket> m_inspectTicket;
    QPointer<core::JobTicket> m_searchTicket;
    QStringList m_paths; // found so far (or all, once the search finished)
    quint64 m_looked = 0;
};

} // namespace hs::ui
