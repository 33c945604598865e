#pragma once

#include "model/error.h"
#include "model/formatoptions.h"
#include "model/selection.h"
#include "services/csvexporter.h"

#include <QDialog>

#include <optional>
#include <vector>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace hs::ui {

// Asks how to export a dataset to CSV: the output file, the delimiter, header
// and index columns, the float format, and what to export (the selected cells,
// the 2-D view the grid shows, or a typed selection). Does no I/O: it produces
// an ExportRequest the caller runs (see ExportController).
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Scope { SelectedCells, CurrentView, Typed };

    // What the grid knows when the user asks to export.
    struct Context
    {
        QString sourceFile;                             // the HDF5 file (never a valid output)
        QString datasetPath;                            // "/group/data"
        std::vector<quint64> shape;                     // the dataset's shape (empty: scalar)
        int fieldCount = 1;                             // columns per element (compound leaves)
        core::Selection view;                           // the 2-D view shown
        bool viewTransposed = false;                    // dimension 0 of the view runs across
        // In dataset terms (view.narrowed(...) of the selected rectangle); none when nothing is selected.
        std::optional<core::Selection> selectedCells;
        core::FormatOptions format;                     // the grid's, as a start
        QString directory;                              // where the file name is suggested
    };

    // What was last exported, remembered for the next dialog: the file per
    // dataset for this session (key: source file and dataset path), the
    // folder across sessions (QSettings "export/lastFolder").
    static QString rememberedPath(const QString &sourceFile, const QString &datasetPath);
    static QString rememberedFolder();
    static void remember(const QString &sourceFile, const QString &datasetPath, const QString &outputPath);

    explicit ExportDialog(Context context, QWidget *parent = nullptr);

    // The request for the current inputs, or why they cannot be exported yet.
    core::Result<core::ExportRequest> request() const;

    Scope scope() const;
    void setScope(Scope scope);
    void setOutputPath(const QString &path);
    void setSelectionText(const QString &text);

public Q_SLOTS:
    void accept() override;

private:
    void browse();
    void updateState();
    core::Result<core::Selection> chosenSelection() const;
    QString chosenDelimiter() const;
    void formatChanged();

    Context m_context;
    QComboBox *m_format; // "csv" first, then the exporter plugins
    QWidget *m_csvOptions; // the options only CSV has
    QLineEdit *m_output;
    QComboBox *m_delimiter;
    QLineEdit *m_customDelimiter;
    QCheckBox *m_header;
    QCheckBox *m_index;
    QComboBox *m_floatStyle;
    QSpinBox *m_precision;
    QComboBox *m_ndLayout;
    QComboBox *m_strings;
    QRadioButton *m_scopeSelected;
    QRadioButton *m_scopeView;
    QRadioButton *m_scopeTyped;
    QButtonGroup *m_scopeGroup;
    QLineEdit *m_selectionText;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
};

} // namespace hs::ui
