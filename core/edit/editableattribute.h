#pragma once

#include "edit/attributetype.h"
#include "hyperslabcore_export.h"
#include "model/error.h"
#include "services/h5file.h"

#include <QString>

#include <vector>

namespace hs::core {

// One attribute as the value editors see it: whether they cover it (and why
// not), its type and shape, and its value as the text the editors start with
// (AttributeValueParser::format, which parses back to the same value).
struct HYPERSLABCORE_EXPORT EditableAttribute
{
    // More elements than this are not edited as text.
    static constexpr quint64 MaxElements = 10000;

    QString name;
    bool editable = false;
    QString refusal;            // why the value cannot be edited here
    AttributeType type;
    bool scalar = true;
    std::vector<quint64> dims;  // empty for a scalar
    quint64 count = 0;
    QString text;

    // Reads attribute `name` of the object at `objectPath` (takes the LibraryLock).
    static Result<EditableAttribute> read(const H5FilePtr &file, const QString &objectPath, const QString &name);
};

} // namespace hs::core
