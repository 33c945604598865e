#pragma once

#include "hdf5/crashbreadcrumb.h"
#include "hyperslabcore_export.h"

class QString;

namespace hs::core {

// A crash breadcrumb around a view reading one object's contents for the user
// (an inspector panel, a grid tab): if the library crashes in there, the next
// start names that object and does not read it again on its own.
//
// Test hook: when the environment variable HYPERSLAB_TEST_CRASH_AT equals
// `objectPath`, the scope raises SIGSEGV once the breadcrumb is set, exactly as
// a fault inside the library would. Only reads of that object are affected.
class HYPERSLABCORE_EXPORT ObjectReadScope
{
    Q_DISABLE_COPY_MOVE(ObjectReadScope)
public:
    ObjectReadScope(const QString &filePath, const QString &objectPath);

private:
    CrashBreadcrumb::Scope m_crumb;
};

} // namespace hs::core
