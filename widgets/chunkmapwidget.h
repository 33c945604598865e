#pragma once

#include "jobs/jobticket.h"
#include "model/storageinfo.h"
#include "model/typeinfo.h"
#include "services/h5file.h"

#include <QPointer>
#include <QWidget>

#include <vector>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QProgressBar;
class QSpinBox;
class QTimer;
class QToolButton;

namespace hs::ui {

class ChunkMapCanvas;

// A small picture of which chunks of a dataset are allocated and how large
// each one is on disk: 1-D and 2-D datasets, and a 2-D slice of N-D ones
// (controls above the map pick the two dimensions and the other indices).
// The map is built in the background from the chunk index; a new slice
// cancels the build in progress, and results of an older slice are dropped.
// Layouts without chunks show one line saying why instead.
class ChunkMapWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ChunkMapWidget(QWidget *parent = nullptr);
    ~ChunkMapWidget() override;

    // Shows the chunk map of `path`, whose shape and storage the caller has
    // read. Starts with the last two dimensions, index 0 elsewhere.
    void setDataset(const core::H5FilePtr &file, const QString &path, const core::ShapeInfo &shape,
                    const core::StorageInfo &info);
    void clear();

    // The slice shown: dataset dimensions along rows (-1 for a 1-D map) and
    // columns, and the index of every dimension (those of rowDim/colDim are
    // ignored). Out-of-range values are clamped. Starts a new build.
    void setSlice(int rowDim, int colDim, const std::vector<quint64> &fixed);
    int rowDim() const { return m_rowDim; }
    int colDim() const { return m_colDim; }
    const std::vector<quint64> &fixedIndices() const { return m_fixed; }

    // What is on screen, for tests and tooltips.
    bool hasMap() const { return m_hasMap; }       // a map of the current slice is shown
    bool isBuilding() const { return m_ticket != nullptr; }
    const core::ChunkMap &chunkMap() const { return m_map; } // while building: the previous slice's
    QString caption() const;                        // "80 chunks, 6 allocated; cells show 1 chunk each"
    QString message() const;                        // why there is no map, or what went wrong; "" with a map
    QString cellToolTip(int row, int col) const;    // "" outside the map

Q_SIGNALS:
    // A map (possibly partial) or an error for the current slice is shown.
    void mapReady();

private:
    void rebuildControls(); // for a new dataset
    void syncControls();    // to m_rowDim, m_colDim, m_fixed
    void controlsChanged();
    void startBuild();
    void showMessage(const QString &text);
    void setBusy(bool busy);
    double cellAspect() const; // width : height of one cell in dataset elements

    core::H5FilePtr m_file;
    QString m_path;
    core::ShapeInfo m_shape;
    std::vector<quint64> m_chunkDims;
    int m_rowDim = -1, m_colDim = -1;
    std::vector<quint64> m_fixed;
    core::ChunkMap m_map;
    bool m_hasMap = false;
    bool m_stopped = false;
    quint64 m_generation = 0;
    QPointer<core::JobTicket> m_ticket;

    QWidget *m_controls;
    QHBoxLayout *m_controlsLayout;
    QComboBox *m_rowCombo = nullptr;
    QComboBox *m_colCombo = nullptr;
    std::vector<QWidget *> m_indexBoxes;  // one per dataset dimension: a label and a spin box
    std::vector<QSpinBox *> m_indexSpins;
    QLabel *m_caption;
    QLabel *m_message;
    QProgressBar *m_progress;
    QToolButton *m_stop;
    ChunkMapCanvas *m_canvas;
    QTimer *m_debounce;
};

} // namespace hs::ui
