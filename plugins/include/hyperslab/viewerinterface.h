#pragma once

// Hyperslab plugin SDK: viewers. A viewer scores how well it can show an
// object and makes a widget for it; the app offers every viewer with a score
// above 0 for a dataset as a tab beside the grid, and the best viewer with a
// score of 50 or more for a group on the group's overview page.

#include "hyperslab/objectinfo.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QtPlugin>

#include <functional>
#include <memory>
#include <vector>

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

    // Other objects of the same file, for viewers of groups (a NeXus NXdata
    // group names its signal and axes). `path` is absolute or relative to
    // object().path. Appended after the calls above, so plugins built
    // before them keep working with the same interface version.

    // The object at `path` as score() would see it (no head), and for a
    // group the names of its members (at most 1000).
    virtual void requestObject(const QString &path, QObject *receiver,
                               std::function<void(const ObjectInfo &object, const QStringList &members,
                                                  const QString &error)> done) = 0;
    // Numeric values (integers, floats) of the dataset at `path` as doubles
    // in C order, read with a strided selection: along dimension d the
    // elements start[d], start[d] + stride[d], ... (count[d] of them). Keep
    // the count bounded (a few million at most): the host reads it all.
    virtual void requestNumbers(const QString &path, const std::vector<quint64> &start,
                                const std::vector<quint64> &stride, const std::vector<quint64> &count,
                                QObject *receiver,
                                std::function<void(const std::vector<double> &values, const QString &error)> done) = 0;
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
