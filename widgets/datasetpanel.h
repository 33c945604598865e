#pragma once

#include "model/error.h"
#include "services/datasetreader.h"

#include <QWidget>

class QLabel;
class QSplitter;
class QStackedWidget;

namespace hs::core {
class DatasetTableModel;
class JobTicket;
struct ReferenceTarget;
} // namespace hs::core

namespace hs::ui {

class DataGridView;
class ErrorPresenter;
class ExportController;
class FormatOptionsBar;
class PlotPanel;
class SliceState;
class SliceControls;
class ValueEditController;

// One open dataset: its 2-D view controls, display options and the grid.
class DatasetPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DatasetPanel(core::DatasetReaderPtr reader, const QString &fileName, QWidget *parent = nullptr);
    ~DatasetPanel() override;

    const core::DatasetReaderPtr &reader() const { return m_reader; }
    QString fileName() const { return m_fileName; }
    DataGridView *grid() const { return m_grid; }
    SliceControls *sliceControls() const { return m_slice; }
    core::DatasetTableModel *model() const { return m_model; }

    // Ctrl+C; with indices, a first row of column indices and a first column
    // of row indices, as the headers show them (dataset indices).
    void copySelection(bool withIndices = false);
    void goToCellDialog();  // Ctrl+G
    void goToCell(quint64 row, quint64 column); // view position (grid column)
    // "row, column" in dataset indices, as the dialog takes them; false (and
    // errorOccurred) when it is not two numbers.
    bool goToCellText(const QString &text);
    // "[dataset coordinates] = value" of the cell under the cursor; "" when
    // there is no cell (null dataspace, zero-length dimension).
    QString currentValueText() const;
    // False for a null dataspace and for a dimension of length 0: nothing to
    // show, copy or export.
    bool hasElements() const;
    void exportDialog();    // Ctrl+E
    // The selected cells as a selection over the dataset (for export).
    core::Selection selectedCellsSelection() const;
    void setErrorPresenter(ErrorPresenter *errors);
    void setSourceFile(const QString &path) { m_sourceFile = path; }
    ExportController *exportController() const { return m_export; }
    // Editing the values (its cells are editable while the file is).
    ValueEditController *valueEdits() const { return m_edits; }

    // The resolved reference in a cell ("/path", "/path {(0,0)-(1,2)}"), or
    // "" when the cell is not a reference or not loaded yet.
    QString referenceAt(quint64 row, quint64 column) const;
    // Selects exactly the cells of a region reference: 1-D rows, 2-D blocks or
    // points; for rank > 2 the slice through the first block (the other
    // dimensions fixed at its start). "All" selects everything.
    void selectRegion(const core::ReferenceTarget &target);

    // The Plot view beside the grid (Ctrl+P), made on first show. It follows
    // the grid through the shared slice state, and the grid follows it.
    void setPlotVisible(bool visible);
    bool isPlotVisible() const;
    void togglePlot() { setPlotVisible(!isPlotVisible()); }
    PlotPanel *plotPanel() const { return m_plot; }
    SliceState *sliceState() const { return m_state; }
    // False when there is nothing to plot (null dataspace, no elements, scalar).
    bool canPlot() const;
    // Makes the cell at a dataset index current (a point clicked in the plot).
    void selectDatasetIndex(const std::vector<quint64> &datasetIndex);

    static constexpr quint64 CopyAskThreshold = 1'000'000; // cells

Q_SIGNALS:
    // The value under the cursor, in full, for the status bar.
    void currentValueChanged(const QString &text);
    void copied(int cells);
    // A line for the status bar (an export finished or was cancelled).
    void statusMessage(const QString &text);
    void errorOccurred(const QString &title, const hs::core::Error &error);
    // The user followed the reference in a cell (double-click, Enter, menu).
    void referenceActivated(const QString &text);
    void plotVisibilityChanged(bool visible);

private:
    void updateCurrentValue();
    void showCellMenu(quint64 row, quint64 column, const QPoint &globalPos);

    core::DatasetReaderPtr m_reader;
    QString m_fileName;
    core::DatasetTableModel *m_model;
    SliceControls *m_slice;
    FormatOptionsBar *m_options;
    DataGridView *m_grid;
    QStackedWidget *m_stack;
    QSplitter *m_split;
    SliceState *m_state;
    PlotPanel *m_plot = nullptr;
    QLabel *m_banner;
    QLabel *m_message;
    ExportController *m_export = nullptr;
    ValueEditController *m_edits = nullptr;
    ErrorPresenter *m_errors = nullptr;
    QString m_sourceFile;
};

} // namespace hs::ui
