#pragma once

#include "services/datasetreader.h"
#include "services/h5file.h"

#include "hyperslab/viewerinterface.h"

namespace hs::ui {

// The host's side of a viewer plugin's view: reads on the job runner and
// answers on the GUI thread through the job's ticket, which the receiver owns
// (a receiver gone: no answer). `reader` is the dataset shown (null for a
// group: requestBytes and requestStrings then answer with an error).
class FileViewerData final : public hyperslab::ViewerData
{
public:
    FileViewerData(core::H5FilePtr file, core::DatasetReaderPtr reader, hyperslab::ObjectInfo object);

    const hyperslab::ObjectInfo &object() const override { return m_object; }
    void requestBytes(quint64 maxBytes, QObject *receiver,
                      std::function<void(const QByteArray &, const QString &)> done) override;
    void requestStrings(quint64 maxCount, QObject *receiver,
                        std::function<void(const QStringList &, const QString &)> done) override;
    void requestObject(const QString &path, QObject *receiver,
                       std::function<void(const hyperslab::ObjectInfo &, const QStringList &, const QString &)> done) override;
    void requestNumbers(const QString &path, const std::vector<quint64> &start, const std::vector<quint64> &stride,
                        const std::vector<quint64> &count, QObject *receiver,
                        std::function<void(const std::vector<double> &, const QString &)> done) override;

private:
    core::H5FilePtr m_file;
    core::DatasetReaderPtr m_reader;
    hyperslab::ObjectInfo m_object;
};

} // namespace hs::ui
