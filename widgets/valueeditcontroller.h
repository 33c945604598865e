#pragma once

#include "datagridview.h"
#include "edit/valuebox.h"
#include "hdf5/valueparser.h"
#include "model/error.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace hs::core {
class DatasetTableModel;
class FileSession;
} // namespace hs::core

namespace hs::ui {

// Edits the values of one dataset shown in a grid: checks what the user typed
// against the dataset's type (ValueParser), turns grid cells into dataset
// elements (strided views, transposed views, compound fields), and hands the
// writes to EditHistory (one undo step each). Follows the file's session: the
// model's cells are editable only while the file is (modeChanged), and the
// grid reads the changed tiles again after every write, undo and redo
// (valuesChanged).
class ValueEditController : public QObject
{
    Q_OBJECT
public:
    explicit ValueEditController(core::DatasetTableModel *model, QObject *parent = nullptr);

    core::FileSession *session() const;
    bool isEditable() const; // the file is editable and some field is
    bool canEdit(quint64 row, quint64 gridColumn, QString *why = nullptr) const;
    const core::ValueParser &parser() const { return m_parser; }
    int fieldOf(quint64 gridColumn) const;
    // "an 8-bit unsigned integer (0 to 255)" for the cell's field.
    QString limits(quint64 gridColumn) const;

    // Checks `text` for the cell: "" when it fits, else why not.
    QString check(quint64 gridColumn, const QString &text) const;
    // Parses and writes one cell (one undo step "Set /t[3, 7] to 2.5").
    // Returns the parse error ("" when the write was started); a failed
    // write is reported by writeFailed.
    QString setCell(quint64 row, quint64 gridColumn, const QString &text);
    // Tab-separated rows (a spreadsheet's or Hyperslab's Copy) into the grid:
    // at the top-left of `selection`, which must be one cell or exactly the
    // block's size. Everything is parsed first; the first bad cell rejects it
    // all ("" when the write was started).
    QString paste(const CellRange &selection, const QString &text);
    // One value into every cell of `selection`, any size, in the background.
    QString fill(const CellRange &selection, const QString &text);

    // The dataset elements behind a rectangle of the view (null when the view
    // cannot be written as one box: HDF5 blocks > 1 in a view).
    std::optional<core::ValueBox> boxFor(const CellRange &range) const;
    // Index in the box (row-major over dataset dimensions) of a view cell.
    quint64 indexInBox(const core::ValueBox &box, quint64 row, quint64 gridColumn) const;

    // Parsed on the GUI thread before anything is written: kept to what takes
    // a few tens of milliseconds (Fill Selection has no limit).
    static constexpr quint64 MaxPasteCells = 50'000;

Q_SIGNALS:
    void editableChanged(bool editable);
    void writeFailed(const QString &title, const hs::core::Error &error);
    void written(const QString &description);

private:
    void updateEditable();
    QString datasetPath() const;
    QString describeValue(const QString &text) const;

    core::DatasetTableModel *m_model;
    core::ValueParser m_parser;
    QPointer<core::FileSession> m_session;
};

} // namespace hs::ui
