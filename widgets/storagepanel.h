#pragma once

#include "model/nodetypes.h"
#include "jobs/jobticket.h"
#include "model/storageinfo.h"
#include "model/typeinfo.h"
#include "services/h5file.h"

#include <QPointer>
#include <QWidget>

class QFormLayout;
class QFrame;
class QLabel;
class QTableWidget;
class QTimer;

namespace hs::ui {

class ChunkMapWidget;

// The storage inspector: layout, chunks, sizes, fill value, external files,
// virtual mappings, the filter pipeline and a chunk map of the dataset.
// Reads in a background job; selecting another object drops what the old
// one still delivers. Values are selectable; sizes give exact bytes too.
// Widgets that tests read carry object names ("layout", "filters", ...).
class StoragePanel : public QWidget
{
    Q_OBJECT
public:
    explicit StoragePanel(QWidget *parent = nullptr);
    // Shows `path` of `file` (datasets; other kinds show a short note).
    // ObjectKind::Unknown is looked up first.
    void setObject(const core::H5FilePtr &file, const QString &path, core::ObjectKind kind);
    void clear();

    QString path() const { return m_path; }
    bool isLoading() const { return m_ticket != nullptr; }
    ChunkMapWidget *chunkMapWidget() const { return m_chunkMap; }
    // The one line shown instead of the form (note, error, "Reading…"); "" when the form shows.
    QString message() const;

Q_SIGNALS:
    // The current object's storage (or its note or error) is on screen.
    void loaded();

private:
    void showInfo(const core::StorageInfo &info, const core::ShapeInfo &shape);
    void showMessage(const QString &text, bool isError = false);
    void setFormVisible(bool visible);
    void setRow(QLabel *value, const QString &text, const QString &toolTip = {});
    QLabel *addValueRow(const QString &label, const char *name);
    QLabel *addSection(const QString &title);
    QTableWidget *addTable(const QStringList &headers, const char *name);
    void fillFilters(const core::StorageInfo &info);
    void fillExternal(const core::StorageInfo &info);
    void fillVirtual(const core::StorageInfo &info);

    core::H5FilePtr m_file;
    QString m_path;
    quint64 m_generation = 0;
    QPointer<core::JobTicket> m_ticket;
    QTimer *m_readingDelay;

    QLabel *m_title;
    QLabel *m_message;
    QFrame *m_warning;
    QLabel *m_warningText;
    QWidget *m_formHost;
    QFormLayout *m_form;
    QLabel *m_layoutHeader, *m_sizeHeader, *m_fillHeader, *m_filterHeader, *m_externalHeader, *m_virtualHeader,
        *m_chunkMapHeader;
    QLabel *m_layout, *m_chunkShape, *m_chunkSize, *m_allocated;
    QLabel *m_logical, *m_storage, *m_ratio;
    QLabel *m_fillValue, *m_allocTime, *m_fillTime;
    QLabel *m_noFilters;
    QTableWidget *m_filters, *m_external, *m_virtual;
    ChunkMapWidget *m_chunkMap;
};

} // namespace hs::ui
