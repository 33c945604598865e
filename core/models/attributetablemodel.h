#pragma once

#include "hyperslabcore_export.h"
#include "model/attributeinfo.h"
#include "services/attributereader.h"
#include "services/h5file.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <vector>

namespace hs::core {

class JobTicket;

// The attributes of one object: name, type, shape, value. Reads them in a
// background job when the object changes (the previous read is dropped).
// Edits do not go through setData: the widgets apply edit operations on the
// file's session and call refresh() when it says the attributes changed.
class HYPERSLABCORE_EXPORT AttributeTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, ShapeColumn, ValueColumn, ColumnCount };
    enum Role {
        ConventionRole = Qt::UserRole + 1, // QString: convention tag, "" for ordinary attributes
        ExplanationRole,                   // QString: what the convention attribute means
        ElidedRole,                        // bool: the value column shows only the start
        ReferencesRole,                    // QStringList: resolved reference texts
        CreationOrderRole,                 // qint64, -1 when untracked
        ProblemRole,                       // QString
        TypeTextRole,                      // QString: full h5dump type text
    };

    explicit AttributeTableModel(QObject *parent = nullptr);
    ~AttributeTableModel() override;

    // Shows the attributes of `objectPath` in `file` (empty file: clears).
    void setObject(const H5FilePtr &file, const QString &objectPath);
    void setOrder(AttributeOrder order);
    AttributeOrder order() const { return m_order; }
    void setFormatOptions(const FormatOptions &options);
    // Reads the same object's attributes again (after an edit); the rows stay
    // until the new ones replace them in one reset.
    void refresh();

    H5FilePtr file() const { return m_file; }
    QString objectPath() const { return m_path; }
    const AttributeInfo *attributeAt(int row) const;
    bool isLoading() const { return m_loading; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();                                   // rows replaced with the new object's attributes
    void failed(const hs::core::Error &error);

private:
    void reload();

    H5FilePtr m_file;
    QString m_path;
    AttributeOrder m_order = AttributeOrder::Name;
    FormatOptions m_format;
    std::vector<AttributeInfo> m_rows;
    QPointer<JobTicket> m_ticket;
    quint64 m_generation = 0; // bumped by every reload; results of older ones are dropped
    bool m_loading = false;
};

} // namespace hs::core
