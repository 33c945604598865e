#include "plot/plotsaver.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QSpinBox>

#ifdef HYPERSLAB_HAVE_QTSVG
#include <QSvgGenerator>
#endif

namespace hs::ui {

std::optional<PlotSaver::Format> PlotSaver::formatOf(const QString &fileName)
{
    const QString ext = QFileInfo(fileName).suffix().toLower();
    if (ext == QLatin1String("png"))
        return Format::Png;
    if (ext == QLatin1String("pdf"))
        return Format::Pdf;
    if (ext == QLatin1String("svg"))
        return Format::Svg;
    return std::nullopt;
}

bool PlotSaver::svgSupported()
{
#ifdef HYPERSLAB_HAVE_QTSVG
    return true;
#else
    return false;
#endif
}

QString PlotSaver::save(QCustomPlot *plot, const QString &fileName, QSize size, int dpi)
{
    const auto format = formatOf(fileName);
    if (!format)
        return QStringLiteral("Cannot tell the format of %1: name it .png, .pdf or .svg.").arg(fileName);
    if (!size.isValid() || size.isEmpty())
        size = plot->size();
    if (dpi <= 0)
        dpi = 96;
    bool ok = false;
    switch (*format) {
    case Format::Png:
        ok = plot->savePng(fileName, size.width(), size.height(), dpi / 96.0, -1, dpi);
        break;
    case Format::Pdf:
        ok = plot->savePdf(fileName, size.width(), size.height(), QCP::epNoCosmetic, QStringLiteral("Hyperslab"));
        break;
    case Format::Svg: {
#ifdef HYPERSLAB_HAVE_QTSVG
        QSvgGenerator svg;
        svg.setFileName(fileName);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setResolution(dpi);
        svg.setTitle(QStringLiteral("Hyperslab plot"));
        QCPPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            plot->toPainter(&painter, size.width(), size.height());
            ok = painter.end();
        }
#else
        return QStringLiteral("This build has no SVG support (Qt SVG); save as .png or .pdf.");
#endif
        break;
    }
    }
    if (!ok || !QFileInfo(fileName).isFile())
        return QStringLiteral("Cannot write %1.").arg(fileName);
    return {};
}

void PlotSaver::copyToClipboard(QCustomPlot *plot, QSize size, int dpi)
{
    if (!size.isValid() || size.isEmpty())
        size = plot->size();
    const QPixmap pix = plot->toPixmap(size.width(), size.height(), dpi / 96.0);
    QApplication::clipboard()->setPixmap(pix);
}

QString PlotSaver::saveWithDialog(QCustomPlot *plot, QWidget *parent)
{
    QString filter = QStringLiteral("PNG image (*.png);;PDF document (*.pdf)");
    if (svgSupported())
        filter += QStringLiteral(";;SVG drawing (*.svg)");
    QString selected;
    QString name = QFileDialog::getSaveFileName(parent, QObject::tr("Save Plot"), QString(), filter, &selected);
    if (name.isEmpty())
        return {};
    if (!formatOf(name))
        name += selected.contains(QLatin1String("pdf")) ? QStringLiteral(".pdf")
                : selected.contains(QLatin1String("svg")) ? QStringLiteral(".svg")
                                                          : QStringLiteral(".png");
    QDialog dialog(parent);
    dialog.setWindowTitle(QObject::tr("Picture Size"));
    auto *form = new QFormLayout(&dialog);
    auto *width = new QSpinBox(&dialog);
    auto *height = new QSpinBox(&dialog);
    auto *dpi = new QSpinBox(&dialog);
    width->setRange(50, 20000);
    height->setRange(50, 20000);
    dpi->setRange(24, 1200);
    width->setValue(plot->width());
    height->setValue(plot->height());
    dpi->setValue(96);
    width->setSuffix(QObject::tr(" px"));
    height->setSuffix(QObject::tr(" px"));
    form->addRow(QObject::tr("Width:"), width);
    form->addRow(QObject::tr("Height:"), height);
    form->addRow(QObject::tr("DPI (PNG):"), dpi);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    return save(plot, name, QSize(width->value(), height->value()), dpi->value());
}

} // namespace hs::ui
