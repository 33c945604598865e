#include "newdatasetdialog.h"

#include "edit/chunkshape.h"
#include "edit/structurepaths.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace hs::ui {

using core::DatasetLayout;
using core::DatasetSpec;
using core::ElementType;

namespace {
const ElementType kTypes[] = {ElementType::Float64, ElementType::Float32, ElementType::Int8,   ElementType::Int16,
                              ElementType::Int32,   ElementType::Int64,   ElementType::UInt8,  ElementType::UInt16,
                              ElementType::UInt32,  ElementType::UInt64,  ElementType::FixedString};
}

NewDatasetDialog::NewDatasetDialog(const QString &groupPath, std::vector<core::CompressionChoice> compressors,
                                   QWidget *parent)
    : QDialog(parent), m_group(groupPath), m_compressors(std::move(compressors))
{
    setWindowTitle(tr("New Dataset"));
    auto *form = new QFormLayout;
    const QString where = groupPath == QLatin1String("/")
        ? tr("the root group")
        : QStringLiteral("<b>%1</b>").arg(core::edit::shownPath(groupPath).toHtmlEscaped());
    auto *intro = new QLabel(tr("A new dataset in %1. Its values are the fill value until you write them.").arg(where), this);
    intro->setWordWrap(true);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("name"));
    form->addRow(tr("&Name:"), m_name);

    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("type"));
    for (ElementType t : kTypes)
        m_type->addItem(t == ElementType::FixedString ? tr("string (fixed length, UTF-8)") : core::elementTypeName(t),
                        int(t));
    m_stringLength = new QSpinBox(this);
    m_stringLength->setObjectName(QStringLiteral("stringLength"));
    m_stringLength->setRange(1, 65535);
    m_stringLength->setValue(16);
    m_stringLength->setSuffix(tr(" bytes"));
    auto *typeRow = new QHBoxLayout;
    typeRow->addWidget(m_type, 1);
    typeRow->addWidget(m_stringLength);
    // Rows holding a layout get a label with a buddy, or the "&" shows.
    const auto addRow = [this, form](const QString &text, QLayout *row, QWidget *buddy) {
        auto *label = new QLabel(text, this);
        label->setBuddy(buddy);
        form->addRow(label, row);
    };
    addRow(tr("&Type:"), typeRow, m_type);

    m_shape = new QLineEdit(QStringLiteral("100"), this);
    m_shape->setObjectName(QStringLiteral("shape"));
    m_shape->setPlaceholderText(tr("e.g. 100 \u00d7 20; empty for a single value"));
    form->addRow(tr("&Shape:"), m_shape);
    m_maxShape = new QLineEdit(this);
    m_maxShape->setObjectName(QStringLiteral("maxShape"));
    m_maxShape->setPlaceholderText(tr("same as the shape; \u201cunlimited\u201d lets a dimension grow"));
    m_maxShape->setToolTip(tr("Largest shape the dataset may be resized to. Write \u201cunlimited\u201d (or \u221e) for a "
                              "dimension without limit, e.g. \u201cunlimited \u00d7 20\u201d."));
    form->addRow(tr("&Max shape:"), m_maxShape);

    m_layout = new QComboBox(this);
    m_layout->setObjectName(QStringLiteral("layout"));
    m_layout->addItem(tr("Contiguous"), int(DatasetLayout::Contiguous));
    m_layout->addItem(tr("Chunked"), int(DatasetLayout::Chunked));
    m_layout->addItem(tr("Compact (small data in the object header)"), int(DatasetLayout::Compact));
    form->addRow(tr("&Layout:"), m_layout);

    m_chunk = new QLineEdit(this);
    m_chunk->setObjectName(QStringLiteral("chunk"));
    auto *suggest = m_suggest = new QPushButton(tr("Su&ggest"), this);
    suggest->setObjectName(QStringLiteral("suggestChunk"));
    suggest->setToolTip(tr("About 1 MiB per chunk, shaped like the data; unlimited dimensions kept small."));
    m_chunkBytes = new QLabel(this);
    auto *chunkRow = new QHBoxLayout;
    chunkRow->addWidget(m_chunk, 1);
    chunkRow->addWidget(suggest);
    chunkRow->addWidget(m_chunkBytes);
    addRow(tr("&Chunk shape:"), chunkRow, m_chunk);

    m_compression = new QComboBox(this);
    m_compression->setObjectName(QStringLiteral("compression"));
    m_compression->addItem(tr("None"), 0);
    for (const core::CompressionChoice &c : m_compressors) {
        m_compression->addItem(c.name, c.id);
        m_compression->setItemData(m_compression->count() - 1, c.note, Qt::ToolTipRole);
    }
    m_compression->setToolTip(tr("Only the compressors whose HDF5 plugins are installed here are offered."));
    m_level = new QSpinBox(this);
    m_level->setObjectName(QStringLiteral("level"));
    m_level->setPrefix(tr("level "));
    auto *compressionRow = new QHBoxLayout;
    compressionRow->addWidget(m_compression, 1);
    compressionRow->addWidget(m_level);
    addRow(tr("C&ompression:"), compressionRow, m_compression);

    m_shuffle = new QCheckBox(tr("S&huffle bytes before compressing"), this);
    m_shuffle->setObjectName(QStringLiteral("shuffle"));
    m_fletcher = new QCheckBox(tr("&Fletcher32 checksum"), this);
    m_fletcher->setObjectName(QStringLiteral("fletcher32"));
    form->addRow(QString(), m_shuffle);
    form->addRow(QString(), m_fletcher);

    m_fill = new QLineEdit(this);
    m_fill->setObjectName(QStringLiteral("fill"));
    m_fill->setPlaceholderText(tr("0 (HDF5's default)"));
    form->addRow(tr("Fill &value:"), m_fill);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    setMinimumWidth(520);

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (problem().isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &NewDatasetDialog::recheck);
    connect(m_type, &QComboBox::currentIndexChanged, this, &NewDatasetDialog::onShapeChanged);
    connect(m_stringLength, &QSpinBox::valueChanged, this, &NewDatasetDialog::onShapeChanged);
    connect(m_shape, &QLineEdit::textChanged, this, &NewDatasetDialog::onShapeChanged);
    connect(m_maxShape, &QLineEdit::textChanged, this, [this] {
        // A max shape that grows needs chunks: switch, visibly, rather than
        // refuse what the user clearly meant (choosing another layout
        // afterwards is left alone).
        const auto max = core::parseShape(m_maxShape->text(), true);
        const auto shape = core::parseShape(m_shape->text(), false);
        if (max && shape && !max->empty() && *max != *shape)
            m_layout->setCurrentIndex(m_layout->findData(int(DatasetLayout::Chunked)));
        onShapeChanged();
    });
    connect(m_layout, &QComboBox::currentIndexChanged, this, &NewDatasetDialog::onShapeChanged);
    connect(m_chunk, &QLineEdit::textEdited, this, [this] { m_chunkEdited = true; });
    connect(m_chunk, &QLineEdit::textChanged, this, &NewDatasetDialog::recheck);
    connect(suggest, &QPushButton::clicked, this, [this] {
        m_chunkEdited = false;
        suggestChunk();
    });
    connect(m_compression, &QComboBox::currentIndexChanged, this, &NewDatasetDialog::onCompressionChanged);
    connect(m_level, &QSpinBox::valueChanged, this, &NewDatasetDialog::recheck);
    connect(m_shuffle, &QCheckBox::toggled, this, &NewDatasetDialog::recheck);
    connect(m_fletcher, &QCheckBox::toggled, this, &NewDatasetDialog::recheck);
    connect(m_fill, &QLineEdit::textChanged, this, &NewDatasetDialog::recheck);
    onCompressionChanged();
    onShapeChanged();
    m_name->setFocus();
}

ElementType NewDatasetDialog::type() const
{
    return ElementType(m_type->currentData().toInt());
}

void NewDatasetDialog::onShapeChanged()
{
    m_stringLength->setVisible(type() == ElementType::FixedString);
    const bool chunked = DatasetLayout(m_layout->currentData().toInt()) == DatasetLayout::Chunked;
    for (QWidget *w : std::initializer_list<QWidget *>{m_chunk, m_suggest, m_compression, m_level, m_shuffle, m_fletcher})
        w->setEnabled(chunked);
    if (!m_chunkEdited)
        suggestChunk();
    recheck();
}

void NewDatasetDialog::onCompressionChanged()
{
    const int id = m_compression->currentData().toInt();
    const auto c = core::compressioncatalog::find(id);
    const bool hasLevel = c && c->hasLevel;
    m_level->setVisible(hasLevel);
    if (hasLevel) {
        const QSignalBlocker block(m_level);
        m_level->setRange(c->minLevel, c->maxLevel);
        m_level->setValue(c->defaultLevel);
    }
    recheck();
}

void NewDatasetDialog::suggestChunk()
{
    const auto shape = core::parseShape(m_shape->text(), false);
    auto max = core::parseShape(m_maxShape->text(), true);
    if (!shape)
        return;
    std::vector<quint64> maxShape = max && !max->empty() ? *max : *shape;
    if (maxShape.size() != shape->size())
        maxShape = *shape;
    const std::vector<quint64> chunk =
        core::suggestChunkShape(*shape, maxShape, core::elementSize(type(), m_stringLength->value()));
    const QSignalBlocker block(m_chunk);
    m_chunk->setText(chunk.empty() ? QString() : core::shapeText(chunk));
    recheck();
}

void NewDatasetDialog::setTakenCheck(std::function<QString(const QString &)> check)
{
    m_taken = std::move(check);
    recheck();
}

core::DatasetSpec NewDatasetDialog::spec() const
{
    DatasetSpec s;
    s.path = core::edit::joinPath(m_group, m_name->text());
    s.type = type();
    s.stringLength = m_stringLength->value();
    if (auto shape = core::parseShape(m_shape->text(), false))
        s.shape = *shape;
    if (auto max = core::parseShape(m_maxShape->text(), true))
        s.maxShape = *max;
    s.layout = DatasetLayout(m_layout->currentData().toInt());
    if (s.layout == DatasetLayout::Chunked) {
        if (auto chunk = core::parseShape(m_chunk->text(), false))
            s.chunk = *chunk;
        s.compression = m_compression->currentData().toInt();
        const auto c = core::compressioncatalog::find(s.compression);
        s.compressionLevel = c && c->hasLevel ? m_level->value() : -1;
        s.shuffle = m_shuffle->isChecked();
        s.fletcher32 = m_fletcher->isChecked();
    }
    s.fillValue = m_fill->text();
    return s;
}

QString NewDatasetDialog::problem() const
{
    if (const QString why = core::edit::nameProblem(m_name->text()); !why.isEmpty())
        return why;
    if (m_taken)
        if (const QString why = m_taken(core::edit::joinPath(m_group, m_name->text())); !why.isEmpty())
            return why;
    for (const auto &[edit, unlimited, label] :
         {std::tuple{m_shape, false, tr("Shape")}, std::tuple{m_maxShape, true, tr("Max shape")}}) {
        const auto parsed = core::parseShape(edit->text(), unlimited);
        if (!parsed)
            return label + QStringLiteral(": ") + parsed.error().message;
    }
    if (DatasetLayout(m_layout->currentData().toInt()) == DatasetLayout::Chunked) {
        const auto chunk = core::parseShape(m_chunk->text(), false);
        if (!chunk)
            return tr("Chunk shape: %1").arg(chunk.error().message);
    }
    return spec().problem();
}

void NewDatasetDialog::recheck()
{
    const DatasetSpec s = spec();
    if (s.layout == DatasetLayout::Chunked && !s.chunk.empty()) {
        quint64 bytes = quint64(core::elementSize(s.type, s.stringLength));
        for (quint64 c : s.chunk)
            bytes = c > (quint64(1) << 40) ? bytes : bytes * c;
        m_chunkBytes->setText(QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat));
    } else {
        m_chunkBytes->clear();
    }
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

} // namespace hs::ui
