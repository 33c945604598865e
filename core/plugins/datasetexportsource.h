#pragma once

#include "hyperslab/exporterinterface.h"
#include "hyperslabcore_export.h"
#include "model/selection.h"
#include "services/datasetreader.h"

#include <atomic>
#include <functional>

namespace hs::core {

// What a plugin may know about a dataset: its type, shape, attributes (as
// `info --json` writes them) and its first bytes. Reads a little (the
// attributes, up to 4 KiB of values): call on a worker thread.
HYPERSLABCORE_EXPORT hyperslab::ObjectInfo describeDataset(const DatasetReaderPtr &reader);
// The plain layout of the reader's memory type (no HDF5 identifiers).
HYPERSLABCORE_EXPORT hyperslab::ElementLayout elementLayout(const DatasetReaderPtr &reader);

// The host's ExportSource over a selection of a dataset: flat element ranges
// of the result are read as 2-D blocks (rank > 2: one slice over the last two
// dimensions at a time), each read under the library lock.
// Threading: one thread at a time (the export job's).
class HYPERSLABCORE_EXPORT DatasetExportSource final : public hyperslab::ExportSource
{
public:
    DatasetExportSource(DatasetReaderPtr reader, Selection selection);

    void setCancelFlag(const std::atomic_bool *flag) { m_cancel = flag; }
    void setProgressCallback(std::function<void(quint64, quint64)> fn) { m_progress = std::move(fn); }

    const hyperslab::ObjectInfo &object() const override { return m_object; }
    std::vector<quint64> shape() const override { return m_selection.resultShape(); }
    const hyperslab::ElementLayout &element() const override { return m_layout; }
    quint64 preferredBlock() const override;
    bool readRaw(quint64 first, quint64 count, QByteArray *out, QString *error) override;
    bool readJson(quint64 first, quint64 count, QJsonArray *out, QString *error) override;
    bool isCancelled() const override { return m_cancel && m_cancel->load(); }
    void setProgress(quint64 done, quint64 total) override
    {
        if (m_progress)
            m_progress(done, total);
    }

private:
    // Reads the range into blocks kept in m_blocks (their heaps hold vlen data).
    bool readBlocks(quint64 first, quint64 count, QString *error);

    DatasetReaderPtr m_reader;
    Selection m_selection;
    hyperslab::ObjectInfo m_object;
    hyperslab::ElementLayout m_layout;
    std::vector<DataBlockPtr> m_blocks;
    const std::atomic_bool *m_cancel = nullptr;
    std::function<void(quint64, quint64)> m_progress;
};

// Runs `exporter` over the source into `outputPath` through a QSaveFile: the
// file appears only when the whole export succeeded.
HYPERSLABCORE_EXPORT Status runExporter(hyperslab::ExporterInterface &exporter, hyperslab::ExportSource &source,
                                        const QString &outputPath);

} // namespace hs::core
