#pragma once

// The smallest useful plugin: an exporter of the element bytes, one block at
// a time, with progress and cancel. See README, "Writing a plugin".
#include "hyperslab/exporterinterface.h"

#include <QObject>

class RawExporter : public QObject, public hyperslab::ExporterInterface
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID HYPERSLAB_EXPORTER_IID FILE "rawexporter.json")
    Q_INTERFACES(hyperslab::ExporterInterface)
public:
    QString formatName() const override { return QStringLiteral("raw"); }
    QString fileSuffix() const override { return QStringLiteral("bin"); }
    QString formatTitle() const override { return QStringLiteral("Raw bytes (.bin)"); }
    QString unsupportedReason(const hyperslab::ExportSource &source) const override
    {
        using K = hyperslab::ElementLayout::Kind;
        const K k = source.element().kind;
        return k == K::VlenString || k == K::Other ? QStringLiteral("These values have no fixed size.") : QString();
    }
    bool write(hyperslab::ExportSource &source, QIODevice &out, QString *error) override;
};
