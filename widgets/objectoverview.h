#pragma once

#include "model/objectsummary.h"
#include "services/filesummary.h"
#include "services/h5file.h"

#include "hyperslab/objectinfo.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QLabel;
class QFormLayout;
class QVBoxLayout;

namespace hs::core {
class JobTicket;
}

namespace hs::ui {

// The central page for the selected object: what it is, where it lives, its
// shape and type, how to open it; for a group its members by kind; for a
// file's root group a summary of the file (format, free space, what is in it,
// its largest datasets), read by core in the background and kept per file.
class ObjectOverview : public QWidget
{
    Q_OBJECT
public:
    explicit ObjectOverview(QWidget *parent = nullptr);
    ~ObjectOverview() override;
    // Called again when more is known about the same object; background
    // reads start only when the object changes.
    void setSummary(const core::ObjectSummary &summary, const QString &fileName, const core::H5FilePtr &file = {});
    // Forgets what was read about a file (it was closed).
    void forgetFile(const QString &filePath);

    // Every row shown, "Label: value" per line (tests, copying).
    QString text() const;
    // The view of a viewer plugin sure it can show the selected group (a
    // NeXus NXdata group, a file whose `default` names one), below the rows;
    // null when none is.
    QWidget *groupView() const { return m_groupView; }
    bool isReading() const { return !m_ticket.isNull(); }

private:
    void setRow(QLabel *label, const QString &text);
    void startReading(const core::ObjectSummary &s);
    void showFileSummary(const core::FileSummary &f, bool running);
    void showMembers(const core::GroupCensus &c);
    void findGroupViewer(const QString &path, quint64 generation);
    void showGroupViewer(const hyperslab::ObjectInfo &object);

    QVBoxLayout *m_outer;
    QPointer<QWidget> m_groupView;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_subtitle;
    QFormLayout *m_form;
    QLabel *m_path;
    QLabel *m_kind;
    QLabel *m_link;
    QLabel *m_shape;
    QLabel *m_type;
    QLabel *m_members;
    QLabel *m_problem;
    QLabel *m_hint;
    QWidget *m_fileBox;
    QFormLayout *m_fileForm;
    QLabel *m_size;
    QLabel *m_format;
    QLabel *m_userBlock;
    QLabel *m_driver;
    QLabel *m_free;
    QLabel *m_contents;
    QLabel *m_largest;

    core::H5FilePtr m_file;
    QString m_objectPath;
    core::ObjectKind m_objectKind = core::ObjectKind::Unknown;
    quint64 m_memberCount = 0;
    QPointer<core::JobTicket> m_ticket;
    quint64 m_generation = 0;
    QHash<QString, core::FileSummary> m_files; // by file path, complete walks only
    // After an edit the file's summary is walked again, and the object shown
    // is read again at its next setSummary (the tree's row changed with it).
    void followSession(const core::H5FilePtr &file);
    QList<const QObject *> m_followed;
};

} // namespace hs::ui
