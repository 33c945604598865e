#pragma once

#include "hyperslabcore_export.h"
#include "model/attributeinfo.h"
#include "model/error.h"
#include "model/formatoptions.h"
#include "model/nodetypes.h"
#include "services/h5file.h"

#include <vector>

namespace hs::core {

enum class AttributeOrder { Name, Creation };

// Reads the attributes of one object. Takes the library lock per call.
// Values are read with the same plan and formatter as the grid, so an
// attribute shows exactly like a dataset cell of its type; references are
// resolved to the target's path.
class HYPERSLABCORE_EXPORT AttributeReader
{
public:
    struct Options
    {
        AttributeOrder order = AttributeOrder::Name; // Creation falls back to name order when untracked
        int maxElements = 32;      // elements shown in AttributeInfo::value before eliding
        int maxChars = 400;        // characters of AttributeInfo::value before eliding
        bool json = false;         // also fill AttributeInfo::json (whole value, at most jsonMaxElements)
        qint64 jsonMaxElements = 100000;
        FormatOptions format;
    };

    // All attributes of the object at `objectPath` ("/" for the root group).
    // An attribute that cannot be read still appears, with `problem` set.
    static Result<std::vector<AttributeInfo>> list(const H5FilePtr &file, const QString &objectPath,
                                                   const Options &options);
    static Result<std::vector<AttributeInfo>> list(const H5FilePtr &file, const QString &objectPath)
    {
        return list(file, objectPath, Options{});
    }

    // The whole value of one attribute as text, elements separated by ", "
    // (rank >= 2: one line per row), for the detail view.
    static Result<QString> fullValue(const H5FilePtr &file, const QString &objectPath, const QString &attributeName,
                                     const FormatOptions &format = {});

    // Whether the object tracks attribute creation order.
    static bool tracksCreationOrder(const H5FilePtr &file, const QString &objectPath);
};

} // namespace hs::core
