#include "nexusviewer.h"

#include "nexusattributes.h"
#include "nexusplotview.h"

int NexusViewerPlugin::score(const hyperslab::ObjectInfo &object) const
{
    if (object.kind != QLatin1String("group"))
        return 0;
    if (nexus::isNXdata(object.attributes))
        return object.attributes.contains(QStringLiteral("signal")) ? 90 : 80;
    // The root or an NXentry naming its default plot.
    if (!nexus::attrString(object.attributes, QStringLiteral("default")).isEmpty())
        return 70;
    return 0;
}

QWidget *NexusViewerPlugin::createView(std::shared_ptr<hyperslab::ViewerData> data, QWidget *parent)
{
    return new NexusPlotView(std::move(data), parent);
}
