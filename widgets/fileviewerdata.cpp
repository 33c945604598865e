#include "fileviewerdata.h"

#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "plugins/datasetexportsource.h"
#include "plugins/objectdescription.h"

#include <QJsonArray>
#include <QTimer>

#include <algorithm>

namespace hs::ui {

using core::FunctionJob;
using core::JobContext;

FileViewerData::FileViewerData(core::H5FilePtr file, core::DatasetReaderPtr reader, hyperslab::ObjectInfo object)
    : m_file(std::move(file)), m_reader(std::move(reader)), m_object(std::move(object))
{
}

void FileViewerData::requestBytes(quint64 maxBytes, QObject *receiver,
                                  std::function<void(const QByteArray &, const QString &)> done)
{
    if (!m_reader) {
        QTimer::singleShot(0, receiver, [done] { done({}, QObject::tr("Only a dataset has values.")); });
        return;
    }
    const quint64 esize = std::max<size_t>(1, m_reader->elementSize());
    const quint64 n = std::min<quint64>(m_object.elementCount(), maxBytes / esize);
    auto job = std::make_unique<FunctionJob>(QObject::tr("Reading %1").arg(m_object.path),
                                             [reader = m_reader, n, done](JobContext &ctx) {
        core::DatasetExportSource source(reader, core::Selection::all(reader->shape().dims));
        QByteArray bytes;
        QString error;
        source.readRaw(0, n, &bytes, &error);
        ctx.post([done, bytes, error] { done(bytes, error); });
    });
    core::JobRunner::instance().start(std::move(job), receiver);
}

void FileViewerData::requestStrings(quint64 maxCount, QObject *receiver,
                                    std::function<void(const QStringList &, const QString &)> done)
{
    if (!m_reader) {
        QTimer::singleShot(0, receiver, [done] { done({}, QObject::tr("Only a dataset has values.")); });
        return;
    }
    const quint64 n = std::min<quint64>(m_object.elementCount(), maxCount);
    auto job = std::make_unique<FunctionJob>(QObject::tr("Reading %1").arg(m_object.path),
                                             [reader = m_reader, n, done](JobContext &ctx) {
        core::DatasetExportSource source(reader, core::Selection::all(reader->shape().dims));
        QJsonArray values;
        QString error;
        QStringList strings;
        if (source.readJson(0, n, &values, &error))
            for (const QJsonValue &v : std::as_const(values))
                strings << v.toString();
        ctx.post([done, strings, error] { done(strings, error); });
    });
    core::JobRunner::instance().start(std::move(job), receiver);
}

void FileViewerData::requestObject(
    const QString &path, QObject *receiver,
    std::function<void(const hyperslab::ObjectInfo &, const QStringList &, const QString &)> done)
{
    const QString full = core::resolveObjectPath(m_object.path, path);
    auto job = std::make_unique<FunctionJob>(QObject::tr("Describing %1").arg(full),
                                             [file = m_file, full, done](JobContext &ctx) {
        QStringList members;
        auto info = core::describeObject(file, full, &members);
        hyperslab::ObjectInfo object = info.ok() ? *info : hyperslab::ObjectInfo{};
        const QString error = info.ok() ? QString() : info.error().message;
        ctx.post([done, object, members, error] { done(object, members, error); });
    });
    core::JobRunner::instance().start(std::move(job), receiver);
}

void FileViewerData::requestNumbers(const QString &path, const std::vector<quint64> &start,
                                    const std::vector<quint64> &stride, const std::vector<quint64> &count,
                                    QObject *receiver,
                                    std::function<void(const std::vector<double> &, const QString &)> done)
{
    const QString full = core::resolveObjectPath(m_object.path, path);
    auto job = std::make_unique<FunctionJob>(QObject::tr("Reading %1").arg(full),
                                             [file = m_file, full, start, stride, count, done](JobContext &ctx) {
        auto values = core::readNumbers(file, full, start, stride, count);
        std::vector<double> v = values.ok() ? std::move(values).value() : std::vector<double>{};
        const QString error = values.ok() ? QString() : values.error().message;
        ctx.post([done, v = std::move(v), error] { done(v, error); });
    });
    core::JobRunner::instance().start(std::move(job), receiver);
}

} // namespace hs::ui
