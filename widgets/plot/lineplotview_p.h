#pragma once

// Private to LinePlotView's two .cpp files.

#include "lineplotview.h"
#include "linesetup.h"

#include <QString>

#include <cmath>

class QCPGraph;

namespace hs::ui {

struct LinePlotView::Series
{
    LineSeriesSetup::Series setup;
    std::shared_ptr<const core::Decimation> base, refined;
    QCPGraph *graph = nullptr;
};

inline QString plotNumber(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 6) : QString::number(v);
}

} // namespace hs::ui
