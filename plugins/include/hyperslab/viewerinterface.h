#pragma once

// Hyperslab plugin SDK: viewers. A viewer scores how well it can show an
// object and makes a widget for it; the app offers every viewer with a score
// above 0 as a tab beside the grid.

#include "hyperslab/objectinfo.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QtPlugin>

#include <functional>
#include <memory>

class QObject;
class QWidget;

namespace hyperslab {

// The host's side of one view: reads values in the background. Every
// callback runs later on the GUI thread, and never after `receiver` is gone.
class ViewerData
{
public:
    virtual ~ViewerData() = default;
    virtual const ObjectInfo &object() const = 0;
    // The values' bytes (1-byte elements: the bytes themselves), at most
    // `maxBytes`; `error` is empty on success.
    virtual void requestBytes(quint64 maxBytes, QObject *receiver,
                              std::function<void(const QByteArray &bytes, const QString &error)> done) = 0;
    // The first `maxCount` strings of a string dataset, decoded (UTF-8, else Latin-1).
    virtual void requestStrings(quint64 maxCount, QObject *receiver,
                                std::function<void(const QStringList &strings, const QString &error)> done) = 0;
};

class ViewerInterface
{
public:
    virtual ~ViewerInterface() = default;
    virtual QString viewName() const = 0; // tab title: "Image"
    // 0: cannot show it; 1-100: how well (the best is picked by default).
    // Called on the GUI thread: decide from `object` alone, read nothing.
    virtual int score(const ObjectInfo &object) const = 0;
    virtual QWidget *createView(std::shared_ptr<ViewerData> data, QWidget *parent) = 0;
};

} // namespace hyperslab

#define HYPERSLAB_VIEWER_IID_PREFIX "app.hyperslab.Hyperslab.ViewerInterface/"
#define HYPERSLAB_VIEWER_IID "app.hyperslab.Hyperslab.ViewerInterface/1"
Q_DECLARE_INTERFACE(hyperslab::ViewerInterface, HYPERSLAB_VIEWER_IID)
