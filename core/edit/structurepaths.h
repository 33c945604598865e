#pragma once

// Paths of links as the structure edits use them: pure text functions (no
// HDF5), so the dialogs can check a name before anything is submitted.

#include "hyperslabcore_export.h"

#include <QString>

#include <memory>

namespace hs::core {
class H5File;
}

namespace hs::core::edit {

// "/a/b" -> "/a"; "/a" -> "/"; "/" -> "/".
HYPERSLABCORE_EXPORT QString parentPath(const QString &path);
// "/a/b" -> "b"; "/" -> "".
HYPERSLABCORE_EXPORT QString baseName(const QString &path);
// ("/a", "b") -> "/a/b"; ("/", "b") -> "/b".
HYPERSLABCORE_EXPORT QString joinPath(const QString &group, const QString &name);
// Why `name` cannot name a new member of a group (empty when it can): empty,
// contains '/', or is "." (HDF5 reads both as path syntax).
HYPERSLABCORE_EXPORT QString nameProblem(const QString &name);
// Why `path` cannot be the path of a new link (empty when it can): not
// absolute, the root, or a last component nameProblem() refuses.
HYPERSLABCORE_EXPORT QString newPathProblem(const QString &path);
// Whether a link named `path` exists in `file` (a path through a missing
// group is "no"). One lookup under the library lock, for dialogs that say
// "already exists" while the user types.
HYPERSLABCORE_EXPORT bool linkExists(const H5File &file, const QString &path);
// The path as shown to people (bytes that are not UTF-8 written "\xB0").
HYPERSLABCORE_EXPORT QString shownPath(const QString &path);

} // namespace hs::core::edit
