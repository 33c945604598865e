#pragma once

#include <QStringList>

namespace hs::app {

// `hyperslab plot FILE:/dataset [--select SEL] [--image|--line] [--colormap NAME]
// [--log] [--range LO:HI] [--size WxH] [--dpi N] -o OUT.png|OUT.pdf|OUT.svg`:
// renders the plot the window shows (the same view classes) without a display.
// Needs a QApplication (main starts one on the offscreen platform). Returns
// the exit code: 0, or 1 with one line on standard error.
int runPlotCommand(const QStringList &args);

} // namespace hs::app
