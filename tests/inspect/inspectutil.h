#pragma once

// Shared by the inspector service tests: a fixture file opened through
// H5File, and an object's details that must be readable.

#include "services/h5file.h"
#include "services/objectinspector.h"
#include "unit/testutil.h"

#include <QtTest>

namespace hs::test {

// The fixture file `name`, opened; null (with a warning) if it cannot be.
inline core::H5FilePtr openFixture(const char *name)
{
    auto opened = core::H5File::open(fixture(name));
    if (!opened.ok())
        qWarning("%s", qPrintable(opened.error().message));
    return opened.ok() ? *opened : core::H5FilePtr();
}

// ObjectInspector's details of `path`; empty (with a warning) on an error.
inline core::ObjectDetails inspectOk(const core::H5FilePtr &file, const char *path)
{
    auto d = core::ObjectInspector::inspect(file, QString::fromUtf8(path));
    if (!d.ok()) {
        qWarning("inspect(%s): %s", path, qPrintable(d.error().message));
        return {};
    }
    return *d;
}

} // namespace hs::test
