// A viewer that claims an interface version this Hyperslab does not load.
#include <QObject>
#include <QtPlugin>

class OldViewer : public QObject
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "app.hyperslab.Hyperslab.ViewerInterface/0" FILE "wrongversion.json")
};

#include "wrongversion.moc"
