#pragma once

#include "hyperslab/exporterinterface.h"

#include <QObject>

// A well-formed exporter whose library cannot be loaded (see the .cpp files).
class BrokenExporter : public QObject, public hyperslab::ExporterInterface
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID HYPERSLAB_EXPORTER_IID FILE "broken.json")
    Q_INTERFACES(hyperslab::ExporterInterface)
public:
    QString formatName() const override;
    QString fileSuffix() const override { return QStringLiteral("x"); }
    QString formatTitle() const override { return QStringLiteral("Broken"); }
    QString unsupportedReason(const hyperslab::ExportSource &) const override { return {}; }
    bool write(hyperslab::ExportSource &, QIODevice &, QString *) override { return false; }
};
