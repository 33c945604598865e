#pragma once

#include "model/selection.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QGridLayout;

namespace hs::ui {

class SliceState;

// Chooses the 2-D view of an N-D dataset: which dimensions run down the rows
// and across the columns (or a single column), and the index of every other
// dimension. The selection text field shows the same thing in NumPy syntax
// and accepts any selection (strides, ranges) that reduces to two dimensions.
class SliceControls : public QWidget
{
    Q_OBJECT
public:
    explicit SliceControls(QWidget *parent = nullptr);

    void setShape(const std::vector<quint64> &shape);
    core::Selection selection() const { return m_selection; }
    bool isTransposed() const { return m_transposed; }
    // Applies a selection text as if typed (used by the CLI-like field and tests).
    bool applyText(const QString &text);
    QString errorText() const;
    // Shows dataset dimension `rowDim` down the rows and `colDim` across (-1: one column).
    void setDisplayedDimensions(int rowDim, int colDim);
    // Fixes dimension `dim` (not displayed) at `index`.
    void setFixedIndex(int dim, quint64 index);
    // Shares the view with other views of the dataset: every change here is
    // written to `state`, and a fixed index another view sets there moves the
    // controls (and so the grid).
    void setSliceState(SliceState *state);

Q_SIGNALS:
    void viewChanged(const hs::core::Selection &selection, bool transposed);

private:
    void rebuildFromControls();
    void showSelection();

    std::vector<quint64> m_shape;
    core::Selection m_selection;
    bool m_transposed = false;
    bool m_updating = false;
    QComboBox *m_rowDim;
    QComboBox *m_colDim;
    QWidget *m_fixedBox;
    QGridLayout *m_fixedLayout;
    std::vector<QSpinBox *> m_indexSpins; // per dataset dimension (null for shown ones)
    QLineEdit *m_text;
    QLabel *m_error;
};

} // namespace hs::ui
