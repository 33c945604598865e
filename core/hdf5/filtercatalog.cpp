#include "hdf5/filtercatalog.h"

namespace hs::core::filtercatalog {
// Placeholder: the issue-4 storage work replaces this file.
QString shortName(int id, const QString &nameInFile) { return nameInFile.isEmpty() ? QStringLiteral("filter %1").arg(id) : nameInFile; }
QString displayName(int id, const QString &nameInFile) { return shortName(id, nameInFile); }
QString debianPackage(int) { return {}; }
QStringList describeParameters(int, const std::vector<unsigned> &) { return {}; }
QString missingPluginAdvice(int, const QString &) { return {}; }
bool isAvailable(H5Z_filter_t id) { return H5Zfilter_avail(id) > 0; }
std::vector<FilterInfo> pipeline(hid_t) { return {}; }
} // namespace hs::core::filtercatalog
