#pragma once

#include "hyperslab/viewerinterface.h"

#include <QObject>

class TextViewerPlugin : public QObject, public hyperslab::ViewerInterface
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID HYPERSLAB_VIEWER_IID FILE "textviewer.json")
    Q_INTERFACES(hyperslab::ViewerInterface)
public:
    QString viewName() const override { return QStringLiteral("Document"); }
    int score(const hyperslab::ObjectInfo &object) const override;
    QWidget *createView(std::shared_ptr<hyperslab::ViewerData> data, QWidget *parent) override;
};
