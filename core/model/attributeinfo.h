#pragma once

#include "model/typeinfo.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace hs::core {

// One attribute of an object, as the attributes panel and `info` show it.
struct AttributeInfo
{
    QString name;
    qint64 creationOrder = -1;  // -1 when the object does not track it
    TypeInfo type;              // h5dump DDL text in type.text
    ShapeInfo shape;
    QString value;              // h5dump-like text of the value, elided after the first elements/characters
    bool elided = false;        // `value` is not the whole value (ask AttributeReader::fullValue)
    QJsonValue json = QJsonValue(QJsonValue::Undefined); // the value for `info --json` (see AttributeReader); Undefined when not read
    // References in the value, resolved ("/path", "/path {(0,0)-(2,3)}",
    // "/path @attr"), in element order, at most the elements in `value`.
    QStringList references;
    // A convention that uses this attribute internally (dimension scales,
    // netCDF-4, ...): a short tag and one sentence saying what it means here.
    QString convention;         // e.g. "Dimension scales", "netCDF-4"; empty otherwise
    QString explanation;        // e.g. "Scales attached to each dimension: 0: /x, 1: /y"
    QString problem;            // why the value could not be read (missing type support, ...)
};

} // namespace hs::core
