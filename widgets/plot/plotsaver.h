#pragma once

#include <QSize>
#include <QString>

#include <optional>

class QCustomPlot;
class QWidget;

namespace hs::ui {

// Saves any QCustomPlot as a picture (both plot views and `hyperslab plot`
// use it). Size is in logical pixels (points for PDF/SVG); DPI scales a PNG's
// pixels (DPI/96 device pixels per logical pixel) and is recorded in it.
class PlotSaver
{
public:
    enum class Format { Png, Pdf, Svg };

    // From the file name's extension (.png, .pdf, .svg; case-insensitive).
    static std::optional<Format> formatOf(const QString &fileName);
    static bool svgSupported(); // built with Qt SVG

    // An empty size means the plot's current size. Returns an error message
    // (empty on success).
    static QString save(QCustomPlot *plot, const QString &fileName, QSize size = {}, int dpi = 96);
    // The picture (PNG-like, at `dpi`) onto the clipboard.
    static void copyToClipboard(QCustomPlot *plot, QSize size = {}, int dpi = 96);
    // Asks for a file name, size and DPI, then saves; the message on failure.
    static QString saveWithDialog(QCustomPlot *plot, QWidget *parent);
};

} // namespace hs::ui
