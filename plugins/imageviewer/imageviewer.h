#pragma once

#include "hyperslab/viewerinterface.h"

#include <QObject>

class ImageViewerPlugin : public QObject, public hyperslab::ViewerInterface
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID HYPERSLAB_VIEWER_IID FILE "imageviewer.json")
    Q_INTERFACES(hyperslab::ViewerInterface)
public:
    QString viewName() const override { return QStringLiteral("Image"); }
    int score(const hyperslab::ObjectInfo &object) const override;
    QWidget *createView(std::shared_ptr<hyperslab::ViewerData> data, QWidget *parent) override;
};
