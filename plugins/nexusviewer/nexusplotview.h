#pragma once

#include "hyperslab/viewerinterface.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCustomPlot;
class QLabel;

// Resolves the object it is given to an NXdata group (following `default`
// attributes from the root or an NXentry), finds the signal (the `signal`
// attribute, or legacy `signal=1` on a dataset), its axes (`axes`: names, "."
// for none; legacy "x:y" on the signal) and errors (`<signal>_errors` or
// `errors`), reads them with strided selections (at most 4096 points of a
// line, 1024 x 1024 cells of an image) and plots them: 1-D as a line with
// error bars, 2-D and more as a colour map of the last two dimensions (the
// others at index 0, said above the plot). Every read is in the background.
class NexusPlotView : public QWidget
{
    Q_OBJECT
public:
    NexusPlotView(std::shared_ptr<hyperslab::ViewerData> data, QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    QString dataPath() const { return m_group.path; } // the NXdata group plotted
    QString status() const;                              // the line above the plot
    bool isDone() const { return m_done; }

    static constexpr quint64 MaxLinePoints = 4096;
    static constexpr quint64 MaxImageSide = 1024;

Q_SIGNALS:
    void done(); // plotted, or failed with the reason shown

private:
    void follow(const QString &path, int depth);
    void groupFound(const hyperslab::ObjectInfo &group, const QStringList &members, int depth);
    void findLegacySignal();
    void signalFound(const hyperslab::ObjectInfo &signal);
    void readAxis(int dim, const QString &name);
    void finishOne();
    void draw();
    void fail(const QString &message);
    QString label(const hyperslab::ObjectInfo &info, const QString &name) const;

    std::shared_ptr<hyperslab::ViewerData> m_data;
    QLabel *m_title;
    QLabel *m_status;
    QCustomPlot *m_plot;
    bool m_done = false;

    hyperslab::ObjectInfo m_group;
    QStringList m_members;
    hyperslab::ObjectInfo m_signal;
    QString m_signalName;
    QString m_errorsName;
    // The signal's selection: the last one (1-D) or two dimensions strided,
    // the others at index 0.
    std::vector<quint64> m_start, m_stride, m_count;
    std::vector<double> m_values, m_errors;
    struct Axis
    {
        QString name;
        hyperslab::ObjectInfo info;
        std::vector<double> values; // empty: plotted against the index
    };
    std::vector<Axis> m_axes; // one per signal dimension
    int m_pending = 0;
    QString m_note;
};
