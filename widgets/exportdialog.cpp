#include "exportdialog.h"

#include "plugins/pluginregistry.h"

#include "hyperslab/exporterinterface.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHash>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace hs::ui {

namespace {

using FloatStyle = core::FormatOptions::FloatStyle;

core::Error invalid(const QString &message)
{
    return core::Error::make(core::ErrorCode::InvalidArgument, message);
}

} // namespace

ExportDialog::ExportDialog(Context context, QWidget *parent) : QDialog(parent), m_context(std::move(context))
{
    setWindowTitle(tr("Export"));
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("format"));
    m_format->addItem(tr("CSV (.csv)"), QStringLiteral("csv"));
    for (hyperslab::ExporterInterface *e : core::PluginRegistry::instance().exporters())
        m_format->addItem(e->formatTitle(), e->formatName());
    m_format->setItemData(0, QStringLiteral("csv"), Qt::UserRole + 1);
    for (int i = 1; i < m_format->count(); ++i)
        m_format->setItemData(i, core::PluginRegistry::instance().exporter(m_format->itemData(i).toString())->fileSuffix(),
                              Qt::UserRole + 1);
    const QString name = m_context.datasetPath.section(QLatin1Char('/'), -1);

    m_output = new QLineEdit(this);
    m_output->setObjectName(QStringLiteral("output"));
    const QString dir = m_context.directory.isEmpty() ? QDir::homePath() : m_context.directory;
    QString remembered = rememberedPath(m_context.sourceFile, m_context.datasetPath);
    if (!remembered.isEmpty() && !QFileInfo(QFileInfo(remembered).absolutePath()).isDir())
        remembered.clear(); // its folder has gone since
    m_output->setText(!remembered.isEmpty() ? remembered
                                            : QDir(dir).filePath((name.isEmpty() ? QStringLiteral("export") : name) + QStringLiteral(".csv")));
    auto *browseButton = new QPushButton(tr("Browse\u2026"), this);
    browseButton->setObjectName(QStringLiteral("browse"));
    auto *outputRow = new QHBoxLayout;
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(browseButton);

    // What to export.
    m_scopeSelected = new QRadioButton(this);
    m_scopeSelected->setObjectName(QStringLiteral("scopeSelected"));
    m_scopeView = new QRadioButton(this);
    m_scopeView->setObjectName(QStringLiteral("scopeView"));
    m_scopeTyped = new QRadioButton(tr("Selection:"), this);
    m_scopeTyped->setObjectName(QStringLiteral("scopeTyped"));
    m_scopeGroup = new QButtonGroup(this);
    m_scopeGroup->addButton(m_scopeSelected, int(Scope::SelectedCells));
    m_scopeGroup->addButton(m_scopeView, int(Scope::CurrentView));
    m_scopeGroup->addButton(m_scopeTyped, int(Scope::Typed));
    if (m_context.selectedCells)
        m_scopeSelected->setText(tr("Selected cells %1").arg(m_context.selectedCells->toText()));
    else
        m_scopeSelected->setText(tr("Selected cells (none selected)"));
    m_scopeSelected->setEnabled(m_context.selectedCells.has_value());
    m_scopeView->setText(tr("Current view %1").arg(m_context.view.toText()));
    m_selectionText = new QLineEdit(this);
    m_selectionText->setObjectName(QStringLiteral("selectionText"));
    m_selectionText->setText(m_context.view.toText());
    m_selectionText->setPlaceholderText(tr("e.g. [5, :, 0:100:2]"));
    m_selectionText->setToolTip(tr("NumPy-style: an index or start:stop:step per dimension; negative numbers count from "
                                   "the end; ... stands for the remaining dimensions."));
    auto *typedRow = new QHBoxLayout;
    typedRow->addWidget(m_scopeTyped);
    typedRow->addWidget(m_selectionText, 1);
    auto *scopeBox = new QVBoxLayout;
    scopeBox->addWidget(m_scopeSelected);
    scopeBox->addWidget(m_scopeView);
    scopeBox->addLayout(typedRow);
    (m_context.selectedCells ? m_scopeSelected : m_scopeView)->setChecked(true);

    m_delimiter = new QComboBox(this);
    m_delimiter->setObjectName(QStringLiteral("delimiter"));
    m_delimiter->addItem(tr("Comma"), QStringLiteral(","));
    m_delimiter->addItem(tr("Tab"), QStringLiteral("\t"));
    m_delimiter->addItem(tr("Semicolon"), QStringLiteral(";"));
    m_delimiter->addItem(tr("Custom:"), QString());
    m_customDelimiter = new QLineEdit(this);
    m_customDelimiter->setObjectName(QStringLiteral("customDelimiter"));
    m_customDelimiter->setMaximumWidth(80);
    m_customDelimiter->setText(QStringLiteral("|"));
    auto *delimiterRow = new QHBoxLayout;
    delimiterRow->addWidget(m_delimiter);
    delimiterRow->addWidget(m_customDelimiter);
    delimiterRow->addStretch(1);

    m_header = new QCheckBox(tr("Header row"), this);
    m_header->setObjectName(QStringLiteral("header"));
    m_header->setChecked(true);
    m_index = new QCheckBox(tr("Index column"), this);
    m_index->setObjectName(QStringLiteral("indexColumns"));
    m_index->setToolTip(tr("Start each line with the dataset index of its row."));
    auto *columnsRow = new QHBoxLayout;
    columnsRow->addWidget(m_header);
    columnsRow->addWidget(m_index);
    columnsRow->addStretch(1);

    m_floatStyle = new QComboBox(this);
    m_floatStyle->setObjectName(QStringLiteral("floatStyle"));
    m_floatStyle->addItem(tr("Shortest round-trip"), int(FloatStyle::Shortest));
    m_floatStyle->addItem(tr("Fixed"), int(FloatStyle::Fixed));
    m_floatStyle->addItem(tr("Scientific"), int(FloatStyle::Scientific));
    m_floatStyle->setToolTip(tr("Shortest round-trip writes the fewest digits that read back to exactly the same value."));
    const int styleIndex = m_floatStyle->findData(int(m_context.format.floatStyle));
    m_floatStyle->setCurrentIndex(styleIndex < 0 ? 0 : styleIndex);
    m_precision = new QSpinBox(this);
    m_precision->setObjectName(QStringLiteral("precision"));
    m_precision->setRange(0, 30);
    m_precision->setValue(qBound(0, m_context.format.floatPrecision, 30));
    m_precision->setPrefix(tr("precision "));
    auto *floatRow = new QHBoxLayout;
    floatRow->addWidget(m_floatStyle);
    floatRow->addWidget(m_precision);
    floatRow->addStretch(1);

    // Selections of more than two dimensions.
    m_ndLayout = new QComboBox(this);
    m_ndLayout->setObjectName(QStringLiteral("ndLayout"));
    m_ndLayout->addItem(tr("One line per leading index (indices as columns)"), int(core::CsvOptions::NdLayout::Lines));
    m_ndLayout->addItem(tr("2-D slices one after another"), int(core::CsvOptions::NdLayout::Slices));
    m_ndLayout->setToolTip(tr("One line per leading index: every index but the last in the first columns, then the values "
                              "along the last dimension (as NumPy's reshape(-1, n)). Slices: each 2-D slice over the last "
                              "two dimensions under a line naming it, separated by a blank line."));
    // Strings that are not UTF-8.
    m_strings = new QComboBox(this);
    m_strings->setObjectName(QStringLiteral("strings"));
    m_strings->addItem(tr("Decode as Latin-1"), int(core::FormatOptions::NonUtf8::Latin1));
    m_strings->addItem(tr("Raw bytes"), int(core::FormatOptions::NonUtf8::Raw));
    m_strings->setToolTip(tr("Strings whose bytes are not UTF-8 (such as \u201c\u00b5\u201d written as Latin-1 by many "
                             "instruments): decoded as Latin-1 and written as UTF-8, or written byte for byte."));

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));

    auto *form = new QFormLayout;
    form->addRow(tr("Dataset:"), new QLabel(m_context.datasetPath, this));
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("File:"), outputRow);
    form->addRow(tr("Export:"), scopeBox);
    // The CSV options, in a box of their own so other formats can hide them.
    m_csvOptions = new QWidget(this);
    m_csvOptions->setObjectName(QStringLiteral("csvOptions"));
    auto *csvForm = new QFormLayout(m_csvOptions);
    csvForm->setContentsMargins(0, 0, 0, 0);
    csvForm->addRow(tr("Delimiter:"), delimiterRow);
    csvForm->addRow(tr("Columns:"), columnsRow);
    csvForm->addRow(tr("Floats:"), floatRow);
    csvForm->addRow(tr("Beyond 2-D:"), m_ndLayout);
    csvForm->addRow(tr("Non-UTF-8 text:"), m_strings);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_csvOptions);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    connect(m_selectionText, &QLineEdit::textEdited, this, [this] { m_scopeTyped->setChecked(true); });
    for (QLineEdit *edit : {m_output, m_customDelimiter, m_selectionText})
        connect(edit, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    for (QComboBox *combo : {m_delimiter, m_floatStyle, m_ndLayout, m_strings})
        connect(combo, &QComboBox::currentIndexChanged, this, &ExportDialog::updateState);
    connect(m_scopeGroup, &QButtonGroup::idToggled, this, &ExportDialog::updateState);
    connect(m_index, &QCheckBox::toggled, this, &ExportDialog::updateState);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    updateState();
}

ExportDialog::Scope ExportDialog::scope() const
{
    return Scope(m_scopeGroup->checkedId());
}

void ExportDialog::setScope(Scope scope)
{
    if (auto *b = m_scopeGroup->button(int(scope)); b && b->isEnabled())
        b->setChecked(true);
}

void ExportDialog::setOutputPath(const QString &path)
{
    m_output->setText(path);
}

void ExportDialog::setSelectionText(const QString &text)
{
    m_selectionText->setText(text);
    m_scopeTyped->setChecked(true);
}

QString ExportDialog::chosenDelimiter() const
{
    const QString d = m_delimiter->currentData().toString();
    return d.isEmpty() ? m_customDelimiter->text() : d;
}

core::Result<core::Selection> ExportDialog::chosenSelection() const
{
    switch (scope()) {
    case Scope::SelectedCells:
        if (m_context.selectedCells)
            return *m_context.selectedCells;
        return invalid(tr("No cells are selected."));
    case Scope::CurrentView:
        return m_context.view;
    case Scope::Typed:
        break;
    }
    return core::Selection::parse(m_selectionText->text(), m_context.shape);
}

core::Result<core::ExportRequest> ExportDialog::request() const
{
    core::ExportRequest r;
    r.datasetPath = m_context.datasetPath;

    QString out = m_output->text().trimmed();
    if (out.isEmpty())
        return invalid(tr("Choose the file to export to."));
    if (QFileInfo(out).isRelative())
        out = QDir(m_context.directory.isEmpty() ? QDir::homePath() : m_context.directory).absoluteFilePath(out);
    out = QDir::cleanPath(out);
    // Checked here, so the dialog stays open with the reason instead of the
    // export failing after it closed.
    const QFileInfo info(out);
    const QString native = QDir::toNativeSeparators(out);
    if (info.isDir())
        return invalid(tr("%1 is a folder; choose a file name.").arg(native));
    if (!m_context.sourceFile.isEmpty() && info == QFileInfo(m_context.sourceFile))
        return invalid(tr("%1 is the HDF5 file being read; choose another file.").arg(native));
    const QFileInfo folder(info.absolutePath());
    const QString folderName = QDir::toNativeSeparators(folder.absoluteFilePath());
    if (!folder.exists())
        return invalid(tr("The folder %1 does not exist; choose an existing folder.").arg(folderName));
    if (!folder.isDir())
        return invalid(tr("%1 is a file, not a folder; choose another place.").arg(folderName));
    if (!folder.isWritable())
        return invalid(tr("You cannot write to the folder %1; choose another folder.").arg(folderName));
    if (info.exists() && !info.isWritable())
        return invalid(tr("%1 exists and cannot be replaced (it is read-only); choose another name.").arg(native));
    r.outputPath = out;
    r.format = m_format->currentData().toString();

    auto sel = chosenSelection();
    if (!sel)
        return sel.error();
    r.selection = sel.value();

    r.options.delimiter = chosenDelimiter();
    r.options.header = m_header->isChecked();
    r.options.indexColumns = m_index->isChecked();
    // A typed selection is in dataset order; the others follow the grid's orientation.
    r.options.transposed = scope() != Scope::Typed && m_context.viewTransposed && r.selection.resultRank() == 2;
    r.options.format.hexIntegers = m_context.format.hexIntegers;
    r.options.format.floatStyle = FloatStyle(m_floatStyle->currentData().toInt());
    r.options.format.floatPrecision = m_precision->value();
    r.options.ndLayout = core::CsvOptions::NdLayout(m_ndLayout->currentData().toInt());
    r.options.nonUtf8Strings = core::FormatOptions::NonUtf8(m_strings->currentData().toInt());
    if (core::Status st = core::CsvExporter::validateOptions(r.options); !st)
        return st.error();
    return r;
}

void ExportDialog::updateState()
{
    m_customDelimiter->setEnabled(m_delimiter->currentData().toString().isEmpty());
    m_precision->setEnabled(FloatStyle(m_floatStyle->currentData().toInt()) != FloatStyle::Shortest);
    const auto r = request();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(r.ok());
    if (!r) {
        m_status->setText(r.error().message);
        return;
    }
    if (r->format != QLatin1String("csv")) {
        m_status->setText(tr("Writes %1 values of %2 as %3.")
                              .arg(QLocale().toString(r->selection.elementCount()), r->selection.toText(), m_format->currentText()));
        return;
    }
    // rows x columns as the CSV will have them
    const auto shape = r->selection.resultShape();
    const quint64 fields = quint64(std::max(1, m_context.fieldCount));
    const QLocale locale;
    m_ndLayout->setEnabled(shape.size() > 2);
    if (shape.size() > 2) {
        quint64 slices = 1;
        for (size_t k = 0; k + 2 < shape.size(); ++k)
            slices *= shape[k];
        const quint64 rows = shape[shape.size() - 2], cols = shape.back() * fields;
        if (r->options.ndLayout == core::CsvOptions::NdLayout::Slices)
            m_status->setText(tr("Writes %1 slices of %2 rows \u00d7 %3 columns of %4.")
                                  .arg(locale.toString(slices), locale.toString(rows),
                                       locale.toString(cols + (r->options.indexColumns ? 1 : 0)), r->selection.toText()));
        else
            m_status->setText(tr("Writes %1 rows \u00d7 %2 columns (%3 index columns) of %4.")
                                  .arg(locale.toString(slices * rows), locale.toString(cols + shape.size() - 1),
                                       locale.toString(shape.size() - 1), r->selection.toText()));
        return;
    }
    quint64 rows = 1, cols = 1;
    if (shape.size() == 1)
        rows = shape[0];
    else if (shape.size() == 2) {
        rows = shape[r->options.transposed ? 1 : 0];
        cols = shape[r->options.transposed ? 0 : 1];
    }
    cols *= fields;
    if (r->options.indexColumns && !shape.empty())
        ++cols;
    m_status->setText(tr("Writes %1 rows \u00d7 %2 columns of %3.")
                          .arg(locale.toString(rows), locale.toString(cols), r->selection.toText()));
}

void ExportDialog::formatChanged()
{
    const bool csv = m_format->currentData().toString() == QLatin1String("csv");
    m_csvOptions->setVisible(csv);
    // The file name follows the format's suffix.
    const QString suffix = m_format->currentData(Qt::UserRole + 1).toString();
    const QFileInfo info(m_output->text());
    if (!m_output->text().isEmpty() && !suffix.isEmpty())
        m_output->setText(QDir(info.path()).filePath(info.completeBaseName() + QLatin1Char('.') + suffix));
    adjustSize();
    updateState();
}

void ExportDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export to CSV"), m_output->text(),
                                                      tr("CSV files (*.csv);;Text files (*.txt *.tsv);;All files (*)"));
    if (!path.isEmpty())
        m_output->setText(path);
}

void ExportDialog::accept()
{
    const auto r = request();
    if (!r) {
        updateState();
        return;
    }
    remember(m_context.sourceFile, m_context.datasetPath, r->outputPath);
    QDialog::accept();
}

namespace {

QHash<QString, QString> &rememberedPaths()
{
    static QHash<QString, QString> paths; // GUI thread only
    return paths;
}

QString rememberKey(const QString &sourceFile, const QString &datasetPath)
{
    return sourceFile + QLatin1Char('\n') + datasetPath;
}

const QString kFolderKey = QStringLiteral("export/lastFolder");

} // namespace

QString ExportDialog::rememberedPath(const QString &sourceFile, const QString &datasetPath)
{
    return rememberedPaths().value(rememberKey(sourceFile, datasetPath));
}

QString ExportDialog::rememberedFolder()
{
    const QString folder = QSettings().value(kFolderKey).toString();
    return !folder.isEmpty() && QFileInfo(folder).isDir() ? folder : QString();
}

void ExportDialog::remember(const QString &sourceFile, const QString &datasetPath, const QString &outputPath)
{
    rememberedPaths().insert(rememberKey(sourceFile, datasetPath), outputPath);
    QSettings().setValue(kFolderKey, QFileInfo(outputPath).absolutePath());
}

} // namespace hs::ui
