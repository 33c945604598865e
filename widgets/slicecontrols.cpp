#include "slicecontrols.h"

#include "plot/slicestate.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QSpinBox>

namespace hs::ui {

using core::Selection;

SliceControls::SliceControls(QWidget *parent)
    : QWidget(parent),
      m_rowDim(new QComboBox(this)),
      m_colDim(new QComboBox(this)),
      m_fixedBox(new QWidget(this)),
      m_fixedLayout(new QGridLayout(m_fixedBox)),
      m_text(new QLineEdit(this)),
      m_error(new QLabel(this))
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    // The combos show "dim 0 (500000)" whole: they follow their items and
    // never shrink below them; the selection field gives way instead.
    for (QComboBox *c : {m_rowDim, m_colDim}) {
        c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        c->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Fixed);
    }
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Rows:"), this));
    row->addWidget(m_rowDim);
    row->addSpacing(8);
    row->addWidget(new QLabel(tr("Columns:"), this));
    row->addWidget(m_colDim);
    row->addSpacing(16);
    row->addWidget(new QLabel(tr("Selection:"), this));
    m_text->setPlaceholderText(QStringLiteral("[0, :, :]"));
    m_text->setToolTip(tr("NumPy-style selection, e.g. [5, :, 0:100:2], [..., -1] or [::10]. Press Enter to apply."));
    m_text->setMinimumWidth(140);
    row->addWidget(m_text, 1);
    outer->addLayout(row);
    m_fixedLayout->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_fixedBox);
    m_error->setStyleSheet(QStringLiteral("color: #b03a2e;"));
    m_error->setWordWrap(true);
    m_error->hide();
    outer->addWidget(m_error);

    connect(m_rowDim, &QComboBox::currentIndexChanged, this, &SliceControls::rebuildFromControls);
    connect(m_colDim, &QComboBox::currentIndexChanged, this, &SliceControls::rebuildFromControls);
    connect(m_text, &QLineEdit::returnPressed, this, [this] { applyText(m_text->text()); });
}

QString SliceControls::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void SliceControls::setShape(const std::vector<quint64> &shape)
{
    m_updating = true;
    m_shape = shape;
    const int rank = int(shape.size());
    m_rowDim->clear();
    m_colDim->clear();
    for (int d = 0; d < rank; ++d) {
        const QString label = tr("dim %1 (%2)").arg(d).arg(shape[size_t(d)]);
        m_rowDim->addItem(label, d);
        m_colDim->addItem(label, d);
    }
    m_colDim->addItem(tr("none (one column)"), -1);
    m_rowDim->setCurrentIndex(rank >= 2 ? rank - 2 : 0);
    m_colDim->setCurrentIndex(rank >= 2 ? rank - 1 : rank);
    const bool nd = rank >= 2;
    m_rowDim->setEnabled(nd);
    m_colDim->setEnabled(nd);

    // One index control per dimension; shown only for dimensions not displayed.
    qDeleteAll(m_fixedBox->findChildren<QWidget *>(Qt::FindDirectChildrenOnly));
    m_indexSpins.assign(size_t(rank), nullptr);
    for (int d = 0; d < rank; ++d) {
        auto *label = new QLabel(tr("dim %1 index:").arg(d), m_fixedBox);
        auto *spin = new QSpinBox(m_fixedBox);
        const quint64 max = shape[size_t(d)] ? shape[size_t(d)] - 1 : 0;
        spin->setRange(0, int(std::min<quint64>(max, quint64(std::numeric_limits<int>::max()))));
        spin->setAccelerated(true);
        auto *slider = new QSlider(Qt::Horizontal, m_fixedBox);
        slider->setRange(0, spin->maximum());
        slider->setMinimumWidth(240);
        connect(spin, &QSpinBox::valueChanged, slider, &QSlider::setValue);
        connect(slider, &QSlider::valueChanged, spin, &QSpinBox::setValue);
        connect(spin, &QSpinBox::valueChanged, this, &SliceControls::rebuildFromControls);
        m_fixedLayout->addWidget(label, d, 0);
        m_fixedLayout->addWidget(spin, d, 1);
        m_fixedLayout->addWidget(slider, d, 2);
        m_indexSpins[size_t(d)] = spin;
    }
    m_fixedLayout->setColumnStretch(2, 1);
    m_updating = false;
    rebuildFromControls();
}

void SliceControls::setDisplayedDimensions(int rowDim, int colDim)
{
    m_updating = true;
    m_rowDim->setCurrentIndex(m_rowDim->findData(rowDim));
    m_colDim->setCurrentIndex(m_colDim->findData(colDim));
    m_updating = false;
    rebuildFromControls();
}

void SliceControls::setFixedIndex(int dim, quint64 index)
{
    if (dim >= 0 && size_t(dim) < m_indexSpins.size() && m_indexSpins[size_t(dim)])
        m_indexSpins[size_t(dim)]->setValue(int(std::min<quint64>(index, quint64(std::numeric_limits<int>::max()))));
}

void SliceControls::setSliceState(SliceState *state)
{
    connect(this, &SliceControls::viewChanged, state, &SliceState::setView);
    connect(state, &SliceState::viewChanged, this, [this](const Selection &sel) {
        for (size_t d = 0; d < sel.dims().size() && d < m_selection.dims().size(); ++d)
            if (sel.dims()[d].dropped && m_selection.dims()[d].start != sel.dims()[d].start)
                setFixedIndex(int(d), sel.dims()[d].start);
    });
    state->setView(m_selection, m_transposed);
}

void SliceControls::rebuildFromControls()
{
    if (m_updating)
        return;
    const int rank = int(m_shape.size());
    int rowDim = m_rowDim->currentData().toInt();
    int colDim = m_colDim->currentData().toInt();
    if (rank >= 2 && rowDim == colDim) {
        // Picking the same dimension twice swaps them, as users expect.
        m_updating = true;
        const int other = sender() == m_rowDim ? m_colDim->findData(rowDim == 0 ? 1 : 0) : m_rowDim->findData(colDim == 0 ? 1 : 0);
        if (sender() == m_rowDim)
            m_colDim->setCurrentIndex(other);
        else
            m_rowDim->setCurrentIndex(other);
        m_updating = false;
        rowDim = m_rowDim->currentData().toInt();
        colDim = m_colDim->currentData().toInt();
    }
    Selection sel = Selection::all(m_shape);
    for (int d = 0; d < rank; ++d) {
        const bool shown = rank < 2 || d == rowDim || d == colDim;
        auto *spin = m_indexSpins[size_t(d)];
        const int row = d;
        for (int c = 0; c < 3; ++c)
            if (QLayoutItem *item = m_fixedLayout->itemAtPosition(row, c))
                item->widget()->setVisible(!shown);
        if (!shown) {
            core::DimSlice &s = sel.dims()[size_t(d)];
            s.start = quint64(spin->value());
            s.count = 1;
            s.stride = 1;
            s.dropped = true;
        }
    }
    m_selection = sel;
    m_transposed = rank >= 2 && colDim >= 0 && rowDim > colDim;
    m_error->hide();
    showSelection();
    Q_EMIT viewChanged(m_selection, m_transposed);
}

void SliceControls::showSelection()
{
    m_text->setText(m_selection.toText());
}

bool SliceControls::applyText(const QString &text)
{
    auto parsed = Selection::parse(text, m_shape);
    if (!parsed) {
        m_error->setText(parsed.error().message);
        m_error->show();
        return false;
    }
    if (parsed->resultRank() > 2) {
        m_error->setText(tr("That selection has %1 dimensions; the grid shows at most two. "
                            "Fix all but two dimensions with an index, e.g. [0, :, :].")
                             .arg(parsed->resultRank()));
        m_error->show();
        return false;
    }
    m_error->hide();
    m_selection = parsed.value();
    // Keep the orientation the user chose when it still applies: the two
    // dimensions left are the ones the combo boxes show, rows after columns.
    const int rowDim = m_rowDim->currentData().toInt(), colDim = m_colDim->currentData().toInt();
    m_transposed = m_selection.resultRank() == 2 && rowDim > colDim && colDim >= 0
                   && m_selection.datasetDimOf(0) == colDim && m_selection.datasetDimOf(1) == rowDim;
    m_updating = true;
    for (size_t d = 0; d < m_indexSpins.size(); ++d) {
        const auto &s = m_selection.dims()[d];
        if (s.dropped && m_indexSpins[d])
            m_indexSpins[d]->setValue(int(std::min<quint64>(s.start, quint64(std::numeric_limits<int>::max()))));
    }
    m_updating = false;
    showSelection();
    Q_EMIT viewChanged(m_selection, m_transposed);
    return true;
}

} // namespace hs::ui
