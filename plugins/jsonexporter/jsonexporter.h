#pragma once

#include "hyperslab/exporterinterface.h"

#include <QObject>

// `hyperslab export --format json`: the selection as nested JSON arrays (one
// level per dimension; a scalar as its value), values as `info --json`
// writes them (non-finite floats as "nan", "inf", "-inf"; compounds as objects).
class JsonExporter : public QObject, public hyperslab::ExporterInterface
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID HYPERSLAB_EXPORTER_IID FILE "jsonexporter.json")
    Q_INTERFACES(hyperslab::ExporterInterface)
public:
    QString formatName() const override { return QStringLiteral("json"); }
    QString fileSuffix() const override { return QStringLiteral("json"); }
    QString formatTitle() const override { return QStringLiteral("JSON arrays (.json)"); }
    QString unsupportedReason(const hyperslab::ExportSource &) const override { return {}; }
    bool write(hyperslab::ExportSource &source, QIODevice &out, QString *error) override;
};
