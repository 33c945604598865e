#include "plot/imageloader.h"

#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "plot/reduction.h"
#include "plot/rgbreduction.h"

namespace hs::ui {

ImageLoader::ImageLoader(QObject *parent) : QObject(parent) {}

ImageLoader::~ImageLoader()
{
    cancel();
}

void ImageLoader::cancel()
{
    ++m_generation;
    ++m_refineGeneration;
    delete m_loadTicket.data(); // deleting a ticket cancels its job and drops what it still posts
    delete m_refineTicket.data();
}

bool ImageLoader::isLoading() const
{
    return m_loadTicket && !m_loadTicket->isFinished();
}

QString ImageLoader::start(const core::H5FilePtr &file, const QString &path, const core::Selection &slice,
                           const ImageMeta &meta, core::ReducedImage::Mode mode, QSize pixels)
{
    cancel();
    m_mode = mode;
    m_rows = m_cols = 0;
    m_rgb = meta.kind == ImageMeta::Kind::TrueColor;
    if (m_rgb) {
        const std::vector<quint64> shape = slice.datasetShape();
        const int channelDim = meta.planeInterlace ? 0 : 2;
        if (shape.size() != 3 || shape[size_t(channelDim)] < 3)
            return tr("An RGB image needs three channels along dimension %1.").arg(channelDim);
        for (int c = 0; c < 3; ++c) {
            core::Selection sel = core::Selection::all(shape);
            sel.dims()[size_t(channelDim)] = core::DimSlice{quint64(c), 1, 1, 1, true};
            auto source = core::PlotSource::open(file, path, sel);
            if (!source)
                return source.error().message;
            m_channels[size_t(c)] = source.value();
        }
        m_rows = m_channels[0].shape()[0];
        m_cols = m_channels[0].shape()[1];
        return startRgb(pixels);
    }
    auto source = core::PlotSource::open(file, path, slice);
    if (!source)
        return source.error().message;
    const std::vector<quint64> shape = slice.resultShape();
    if (shape.size() != 2)
        return tr("An image needs a 2-D slice; this one has %n dimension(s).", nullptr, int(shape.size()));
    if (shape[0] == 0 || shape[1] == 0)
        return tr("The slice is empty.");
    m_source = source.value();
    auto reducer = core::ImageReducer::create(m_source, pixels.width(), pixels.height(), mode);
    if (!reducer)
        return reducer.error().message;
    m_rows = shape[0];
    m_cols = shape[1];
    const quint64 gen = m_generation;
    QPointer<ImageLoader> self(this);
    auto job = std::make_unique<core::ReductionJob<core::ImageReducer>>(
        std::move(reducer.value()),
        [self, gen](core::Result<std::shared_ptr<const core::ReducedImage>> r) {
            if (!self || gen != self->m_generation)
                return;
            if (!r)
                Q_EMIT self->failed(r.error().message);
            else
                Q_EMIT self->loaded(r.value());
        },
        [self, gen](std::shared_ptr<const core::ReducedImage> snap) {
            if (self && gen == self->m_generation)
                Q_EMIT self->partial(std::move(snap));
        });
    m_loadTicket = core::JobRunner::instance().start(std::move(job), this);
    return {};
}

QString ImageLoader::startRgb(QSize pixels)
{
    auto reduction = RgbReduction::create(m_channels, pixels.width(), pixels.height());
    if (!reduction)
        return reduction.error().message;
    const quint64 gen = m_generation;
    QPointer<ImageLoader> self(this);
    auto job = std::make_unique<core::ReductionJob<RgbReduction>>(
        std::move(reduction.value()), [self, gen](core::Result<std::shared_ptr<const RgbImage>> r) {
            if (!self || gen != self->m_generation)
                return;
            if (!r)
                Q_EMIT self->failed(r.error().message);
            else
                Q_EMIT self->rgbLoaded(r.value());
        });
    m_loadTicket = core::JobRunner::instance().start(std::move(job), this);
    return {};
}

bool ImageLoader::refine(quint64 row0, quint64 rows, quint64 col0, quint64 cols, QSize pixels)
{
    delete m_refineTicket.data();
    const quint64 gen = ++m_refineGeneration;
    QPointer<ImageLoader> self(this);
    std::unique_ptr<core::Job> job;
    if (m_rgb) {
        auto reduction = RgbReduction::create(m_channels, pixels.width(), pixels.height(), row0, rows, col0, cols);
        if (!reduction)
            return false;
        job = std::make_unique<core::ReductionJob<RgbReduction>>(
            std::move(reduction.value()), [self, gen](core::Result<std::shared_ptr<const RgbImage>> r) {
                if (!self || gen != self->m_refineGeneration)
                    return;
                if (r)
                    Q_EMIT self->rgbRefined(r.value());
                Q_EMIT self->refineFinished();
            });
    } else {
        auto reducer = core::ImageReducer::create(m_source, pixels.width(), pixels.height(), m_mode, row0, rows, col0, cols);
        if (!reducer)
            return false;
        job = std::make_unique<core::ReductionJob<core::ImageReducer>>(
            std::move(reducer.value()), [self, gen](core::Result<std::shared_ptr<const core::ReducedImage>> r) {
                if (!self || gen != self->m_refineGeneration)
                    return;
                if (r)
                    Q_EMIT self->refined(r.value());
                Q_EMIT self->refineFinished();
            });
    }
    m_refineTicket = core::JobRunner::instance().start(std::move(job), this);
    return true;
}

} // namespace hs::ui
