#pragma once

// Why a path does not lead to an object, in words: which step of it fails, and
// whether the file itself is damaged there (a group that lists a member it
// cannot look up by name).

#include "hyperslabcore_export.h"
#include "model/error.h"
#include "services/h5file.h"

namespace hs::core::pathdiagnosis {

// `error` is how looking up `path` failed. Unless it says the object was not
// found (or a link dangles), it is returned unchanged. Otherwise the steps of
// the path are tried one by one and the message names the first that fails:
// a mistyped member, a link that does not resolve, something that is not a
// group, or a group that is damaged because it lists the member (listing it
// costs one pass over that group, on this error path only).
HYPERSLABCORE_EXPORT Error explainMissing(const H5FilePtr &file, const QString &path, const Error &error);

// The message for a hard link `name` that the group at `groupPath` lists but
// cannot look up by name: its index of names is damaged.
HYPERSLABCORE_EXPORT QString damagedIndexMessage(const QString &groupPath, const QString &name);

} // namespace hs::core::pathdiagnosis
