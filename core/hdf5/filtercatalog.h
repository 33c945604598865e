#pragma once

// What Hyperslab knows about HDF5 filters: short names of the built-in and
// registered filters (https://github.com/HDFGroup/hdf5_plugins
// docs/RegisteredFilterPlugins.md), their client-data parameters decoded into
// words, the Debian package that provides a plugin, and whether this
// installation can run a filter.

#include "hyperslabcore_export.h"
#include "model/storageinfo.h"

#include <hdf5.h>

#include <QString>

#include <vector>

namespace hs::core::filtercatalog {

// "deflate", "shuffle", "lzf", "blosc", "bitshuffle", ... ; the file's own name
// (up to the first ';') for ids it does not know; "filter N" without one.
HYPERSLABCORE_EXPORT QString shortName(int id, const QString &nameInFile = {});
// "Blosc", "LZF", "Bitshuffle": the name a scientist searches for.
HYPERSLABCORE_EXPORT QString displayName(int id, const QString &nameInFile = {});
// The Debian package whose plugin provides filter `id` ("bitshuffle",
// "hdf5-filter-plugin-blosc-serial", ...), empty when none does or it is built in.
HYPERSLABCORE_EXPORT QString debianPackage(int id);
// The client-data values decoded, e.g. {"level 6"}, {"element size 4 bytes"},
// {"compressor zstd", "level 5", "shuffle byte"}; raw "cd[i] = v" for what
// is not known. Never empty when `values` is not.
HYPERSLABCORE_EXPORT QStringList describeParameters(int id, const std::vector<unsigned> &values);
// Two sentences for a filter that cannot run: which plugin is missing and how
// to install it ("The LZF filter plugin (HDF5 filter 32000) is not installed
// or could not be loaded. On Debian or Ubuntu, install it with: sudo apt
// install bitshuffle").
HYPERSLABCORE_EXPORT QString missingPluginAdvice(int id, const QString &nameInFile = {});
// Only the second sentence: the Debian package, or where to get the plugin.
HYPERSLABCORE_EXPORT QString installHint(int id);
// The registered id of a filter known by the name a file or an HDF5 error
// gives it ("lzf", "HDF5 blosc filter; see ...", "H5Z-ZFP-1.1.1 (ZFP-1.0.1)");
// 0 when the name says nothing known.
HYPERSLABCORE_EXPORT int idForName(const QString &nameInFile);

// Lock held. Whether HDF5 can run filter `id` (built in, or its plugin loads).
// Remembered per id: probing a missing plugin opens every library in the
// plugin folder.
HYPERSLABCORE_EXPORT bool isAvailable(H5Z_filter_t id);
// Lock held. The pipeline of a dataset creation property list, in order.
HYPERSLABCORE_EXPORT std::vector<FilterInfo> pipeline(hid_t dcpl);

} // namespace hs::core::filtercatalog
