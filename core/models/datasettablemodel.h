#pragma once

#include "hyperslabcore_export.h"
#include "model/formatoptions.h"
#include "models/tilepager.h"

#include <QAbstractTableModel>

namespace hs::core {

// A window onto the 2-D view of a dataset, of any size (up to 2^63-1 rows and
// columns): the model's rows and columns are the cells currently on screen,
// starting at (topRow, leftColumn) in the view. Views cannot handle billions of
// rows (header lengths are ints), so the grid widget scrolls by moving the
// window, not the view. Never blocks: cells not loaded yet show a placeholder
// and fill in when their tile arrives.
//
// Grid columns: each element column is split into `fieldCount()` columns (the
// leaves of a compound type).
class HYPERSLABCORE_EXPORT DatasetTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        LoadedRole = Qt::UserRole + 1, // bool: the value is there
        FullTextRole,                  // the value without eliding long arrays
        AbsoluteRowRole,               // quint64 row in the view
        AbsoluteColumnRole,            // quint64 grid column in the view
        FailedRole,                    // bool: its tile could not be read
    };

    explicit DatasetTableModel(DatasetReaderPtr reader, QObject *parent = nullptr);

    const DatasetReaderPtr &reader() const { return m_reader; }
    TilePager *pager() const { return m_pager; }

    void setView(const Selection &selection, bool transposed);
    const Selection &selection() const { return m_pager->selection(); }
    bool isTransposed() const { return m_pager->isTransposed(); }

    // Dimension scales (one reader per dataset dimension, null where none):
    // headers then show the scale's values instead of indices.
    void setDimensionScales(std::vector<DatasetReaderPtr> scales);
    bool rowsHaveScale() const { return m_rowScale != nullptr; }
    bool columnsHaveScale() const { return m_colScale != nullptr; }

    void setFormatOptions(const FormatOptions &options);
    const FormatOptions &formatOptions() const { return m_options; }

    // Total extent of the view.
    quint64 totalRows() const { return m_pager->rowCount(); }
    quint64 totalColumns() const { return m_pager->colCount() * quint64(m_fields); } // grid columns
    int fieldCount() const { return m_fields; }

    // The window: top-left cell and how many rows/columns fit on screen.
    void setWindow(quint64 topRow, quint64 leftColumn, int rows, int columns);
    quint64 topRow() const { return m_top; }
    quint64 leftColumn() const { return m_left; }

    // Text of any cell of the view, if its tile is cached (else a placeholder).
    QString cellText(quint64 row, quint64 gridColumn, bool full = false) const;
    bool isLoaded(quint64 row, quint64 gridColumn) const;
    QString columnTitle(quint64 gridColumn) const;

    // Dataset indices behind view positions: a strided view ([::1000]) shows
    // rows 0, 1000, 2000... Without a row (column) dimension, the position.
    quint64 datasetRow(quint64 row) const;
    quint64 datasetColumn(quint64 gridColumn) const; // of the element, whatever the field
    // The view row (element column) showing dataset index `index`, or the one
    // before it when the view skips it (go to cell).
    quint64 rowOfIndex(quint64 index) const;
    quint64 columnOfIndex(quint64 index) const;
    // Where a cell is in the dataset: every coordinate, fixed ones included,
    // e.g. "[2, 1000, 4, 3000]", then the field of a compound ("[3] name").
    QString positionText(quint64 row, quint64 gridColumn) const;
    // The dataset dimension behind the rows (columns) of the view, or null;
    // valid until the next setView().
    const DimSlice *rowSlice() const;
    const DimSlice *columnSlice() const;

    // Editing: which fields (grid column % fieldCount) may be edited; empty
    // (the default, and on read-only files) makes every cell read-only.
    void setEditableFields(std::vector<char> fields);
    bool isEditable(quint64 gridColumn) const;
    // The text an editor starts with: exact (shortest round-trip floats,
    // decimal integers, strings unescaped, arrays whole), whatever the
    // display options; what ValueParser reads back to the same bytes.
    QString editText(quint64 row, quint64 gridColumn) const;
    // The dataset's values in `region` (dataset coordinates) changed: the
    // tiles showing them are read again.
    void invalidateRegion(const std::vector<quint64> &start, const std::vector<quint64> &count);

    Qt::ItemFlags flags(const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString placeholder() { return QStringLiteral("\u2026"); }

Q_SIGNALS:
    void windowChanged();
    void readFailed(const hs::core::Error &error);

private:
    void onBlockArrived(quint64 row0, quint64 rows, quint64 col0, quint64 cols);
    void rebuildScalePagers();
    void requestScales();
    QString scaleLabel(TilePager *pager, quint64 index) const;
    int windowRows() const;
    int windowColumns() const;

    DatasetReaderPtr m_reader;
    TilePager *m_pager;
    FormatOptions m_options;
    int m_fields = 1;
    quint64 m_top = 0, m_left = 0;
    int m_rowsWanted = 40, m_colsWanted = 12;
    std::vector<char> m_editableFields;
    std::vector<DatasetReaderPtr> m_scales;
    TilePager *m_rowScale = nullptr;
    TilePager *m_colScale = nullptr;
};

} // namespace hs::core
