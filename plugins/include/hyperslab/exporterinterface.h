#pragma once

// Hyperslab plugin SDK: exporters. An exporter writes a selection of a dataset
// to a device. The host runs it on a worker thread of its job runner, shows
// progress and Cancel, and writes through a QSaveFile, so a failed or
// cancelled export never leaves a file behind.

#include "hyperslab/objectinfo.h"

#include <QJsonArray>
#include <QString>
#include <QtPlugin>

class QIODevice;

namespace hyperslab {

// The values to export: the selection's result in C (row-major) order.
// Provided by the host; used from the exporter's worker thread only.
class ExportSource
{
public:
    virtual ~ExportSource() = default;
    virtual const ObjectInfo &object() const = 0;
    // Shape of the selection (its dropped dimensions left out; empty: one value).
    virtual std::vector<quint64> shape() const = 0;
    virtual const ElementLayout &element() const = 0;
    // A good number of elements to read at once (a multiple of the last
    // dimension where that is small enough).
    virtual quint64 preferredBlock() const = 0;
    // Elements [first, first + count) of the result as raw bytes laid out as
    // element() says. False with a message in `error` on failure.
    virtual bool readRaw(quint64 first, quint64 count, QByteArray *out, QString *error) = 0;
    // The same elements as JSON values, as `hyperslab info --json` writes them.
    virtual bool readJson(quint64 first, quint64 count, QJsonArray *out, QString *error) = 0;
    // Poll between blocks; stop (and return false from write) when set.
    virtual bool isCancelled() const = 0;
    virtual void setProgress(quint64 done, quint64 total) = 0;
};

class ExporterInterface
{
public:
    virtual ~ExporterInterface() = default;
    // Short name for `hyperslab export --format NAME` ("npy").
    virtual QString formatName() const = 0;
    virtual QString fileSuffix() const = 0;  // without the dot
    virtual QString formatTitle() const = 0; // "NumPy array (.npy)", for the export dialog
    // Why this exporter cannot write `source` ("" when it can); asked before writing.
    virtual QString unsupportedReason(const ExportSource &source) const = 0;
    // Writes everything; false with a message in `error` on failure or cancel.
    virtual bool write(ExportSource &source, QIODevice &out, QString *error) = 0;
};

} // namespace hyperslab

#define HYPERSLAB_EXPORTER_IID_PREFIX "app.hyperslab.Hyperslab.ExporterInterface/"
#define HYPERSLAB_EXPORTER_IID "app.hyperslab.Hyperslab.ExporterInterface/1"
Q_DECLARE_INTERFACE(hyperslab::ExporterInterface, HYPERSLAB_EXPORTER_IID)
