#pragma once

#include "model/selection.h"
#include "plot/decimator.h"
#include "plot/plotvalues.h"
#include "services/h5file.h"

#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPItemRect;
class QLabel;
class QStackedWidget;
class QTimer;

namespace hs::core {
class JobTicket;
struct SliceSummary;
} // namespace hs::core

namespace hs::ui {

class PlotInteraction;
struct LineSeriesSetup;

// Lines of a 1-D slice (a 1-D dataset, a row, a column, any line through an
// N-D dataset) or of a 2-D slice (each column a series, with a legend), and
// compound numeric fields as series by name. Every series is a min/max
// decimation (core::Decimator) read in the background at the plot's pixel
// width, whatever its length; zooming in reads the visible range again at the
// new resolution. X comes from the dimension scale attached to the plotted
// dimension (its name and units label the axis) or is the dataset index.
// NaN, Inf and missing values are gaps. Statistics of the whole slice are
// computed in the background and shown under the plot with the cursor read-out.
// Threading: everything here runs on the GUI thread; reads are jobs whose
// results carry the generation they were asked under (stale ones are dropped).
class LinePlotView : public QWidget
{
    Q_OBJECT
public:
    enum class Style { Line, Step, Points };
    // More series than this are not drawn (a legend of hundreds helps nobody).
    static constexpr int MaxSeries = 16;

    explicit LinePlotView(QWidget *parent = nullptr);
    ~LinePlotView() override;

    void setSource(const core::H5FilePtr &file, const QString &path, const core::Selection &slice);
    QCustomPlot *plot() const { return m_plot; }
    bool waitUntilComplete(int msecs = 30000);
    QString message() const { return m_message; }
    // The full-resolution picture of the current source is drawn.
    bool isComplete() const { return m_wasComplete; }

    void setStyle(Style style);
    Style style() const { return m_style; }
    void setComplexPart(core::ComplexPart part);
    core::ComplexPart complexPart() const { return m_part; }
    // Whether the dataset's values are complex (the host offers the part choice).
    bool isComplex() const { return m_isComplex; }
    void setCrosshairVisible(bool visible);
    // Back to the whole slice on both axes.
    void resetZoom();
    // Reads everything again (the values changed), keeping the zoom.
    void reload();

    void markCells(const core::Selection &selected);

    // For tests and the host: the slice shown, the x-axis label, the
    // statistics line, the read-out line, the decimations drawn (base:
    // the whole range; refined: the zoomed range, null when not zoomed in).
    const core::Selection &slice() const { return m_slice; }
    QString xLabel() const;
    QString statisticsText() const;
    QString readoutText() const;
    int seriesCount() const { return int(m_series.size()); }
    std::shared_ptr<const core::Decimation> baseDecimation(int series) const;
    std::shared_ptr<const core::Decimation> refinedDecimation(int series) const;
    // Points marked from the grid selection (scatter on the marks graph).
    int markedCount() const;
    quint64 generation() const { return m_generation; }
    // Readout/click helper: the dataset index of result index `i` of series `s`.
    std::vector<quint64> datasetIndexOf(int s, quint64 i) const;

Q_SIGNALS:
    void cellClicked(const std::vector<quint64> &datasetIndex);
    // The full-resolution picture of the current source is drawn.
    void completed();
    // A result was drawn (partial or complete), for the selection `slice`.
    void drawn(const hs::core::Selection &slice);

private:
    struct Series;
    void clear(const QString &message);
    void opened(quint64 generation, std::shared_ptr<LineSeriesSetup> setup);
    void startDecimations(bool refined, quint64 first, quint64 last);
    void startStatistics();
    void redraw();
    void rescale();
    void scheduleRefine();
    void refine();
    void updateReadout(double x, double y, bool inside);
    void onClicked(double x, double y);
    int plotWidth() const;
    // Result index nearest to x (by the drawn keys), or -1.
    qint64 indexAt(double x) const;
    double keyOf(quint64 index) const;
    void checkComplete();
    void cancelRefine();
    void fitY();
    void updateMarks();

    QStackedWidget *m_stack;
    QCustomPlot *m_plot;
    QLabel *m_messageLabel;
    QLabel *m_readout;
    QLabel *m_stats;
    PlotInteraction *m_interaction;
    QTimer *m_refineTimer;
    QCPGraph *m_marks = nullptr;
    QCPItemRect *m_markBand = nullptr;

    core::H5FilePtr m_file;
    QString m_path;
    core::Selection m_slice;
    core::Selection m_marked;
    bool m_hasMarks = false;
    QString m_message;
    Style m_style = Style::Line;
    core::ComplexPart m_part = core::ComplexPart::Magnitude;
    bool m_isComplex = false;
    quint64 m_generation = 0;
    quint64 m_refineGeneration = 0;
    bool m_opening = false;
    bool m_autoY = true;     // the y range follows the data in view (until the user sets it)
    bool m_autoRange = true; // fit the data as it arrives (until the user zooms or pans)
    int m_pending = 0;        // base decimations of the current generation still running
    int m_refinePending = 0;  // refining decimations still running
    bool m_statsPending = false;
    bool m_wasComplete = false;
    std::shared_ptr<LineSeriesSetup> m_setup;
    std::vector<std::unique_ptr<Series>> m_series; // the scale, when there is one, is not among them
    std::shared_ptr<const core::Decimation> m_scaleBase, m_scaleRefined;
    std::vector<core::JobTicket *> m_tickets;
    std::vector<core::JobTicket *> m_refineTickets;
    std::shared_ptr<const core::SliceSummary> m_summary;
    QString m_statsText;
};

} // namespace hs::ui
