#pragma once

#include "hyperslab/exporterinterface.h"

#include <QObject>

// `hyperslab export --format npy`: the selection as a .npy file that
// numpy.load reads (format spec 1.0, or 2.0/3.0 when the header needs it).
class NpyExporter : public QObject, public hyperslab::ExporterInterface
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID HYPERSLAB_EXPORTER_IID FILE "npyexporter.json")
    Q_INTERFACES(hyperslab::ExporterInterface)
public:
    QString formatName() const override { return QStringLiteral("npy"); }
    QString fileSuffix() const override { return QStringLiteral("npy"); }
    QString formatTitle() const override { return QStringLiteral("NumPy array (.npy)"); }
    QString unsupportedReason(const hyperslab::ExportSource &source) const override;
    bool write(hyperslab::ExportSource &source, QIODevice &out, QString *error) override;
};
