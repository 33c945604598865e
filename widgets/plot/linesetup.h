#pragma once

#include "model/selection.h"
#include "plot/plotsource.h"
#include "services/h5file.h"

#include <QString>

#include <optional>
#include <vector>

namespace hs::ui {

// What a line plot of a slice draws, found in the background (metadata only:
// the dataset's type and fields, its missing values, the dimension scale of
// the plotted dimension and the attributes that label the axes). One series
// per column of a 2-D slice and per numeric field of a compound, at most
// `maxSeries`. Not plottable types leave `series` empty and say why in `message`.
struct LineSeriesSetup
{
    struct Series
    {
        QString name;          // legend text: "" for a lone series, "[:, 3]", a field's name
        core::PlotSource source; // a 1-D selection
        int resultColumn = -1; // the slice's column (2-D slices), else -1
        int field = 0;
    };
    std::vector<Series> series;
    std::optional<core::PlotSource> scale; // the dimension scale over the same 1-D range
    core::PlotSource statistics;           // the whole slice, first field
    QString xLabel, yLabel;
    QString message;                       // why nothing can be drawn, else ""
    bool isComplex = false;
    int omittedSeries = 0;

    // Takes the LibraryLock (briefly, several times); run it in a job.
    static LineSeriesSetup open(const core::H5FilePtr &file, const QString &path, const core::Selection &slice,
                                core::ComplexPart part, int maxSeries);
    // The same series over another slice with the same x range (a slider
    // step): no HDF5 call, so the GUI thread may do it. Nothing when the
    // series would not be the same ones (another column count).
    std::optional<LineSeriesSetup> moved(const core::Selection &slice) const;
    // The 1-D line of column `column` of a 2-D slice (the slice itself when 1-D).
    static core::Selection lineOf(const core::Selection &slice, quint64 column);
};

} // namespace hs::ui
