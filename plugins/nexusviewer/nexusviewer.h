#pragma once

#include "hyperslab/viewerinterface.h"

#include <QObject>

// NeXus plots: an NXdata group (or a group whose `default` attribute leads to
// one) shown as its signal against its axes, the way NeXus readers do.
class NexusViewerPlugin : public QObject, public hyperslab::ViewerInterface
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID HYPERSLAB_VIEWER_IID FILE "nexusviewer.json")
    Q_INTERFACES(hyperslab::ViewerInterface)
public:
    QString viewName() const override { return QStringLiteral("NeXus"); }
    int score(const hyperslab::ObjectInfo &object) const override;
    QWidget *createView(std::shared_ptr<hyperslab::ViewerData> data, QWidget *parent) override;
};
