#pragma once

// The corpus's MANIFEST.tsv as the .ddl comparisons need it: which data file
// each expected h5dump output was made from, and how h5dump fared on it.

#include <QMap>
#include <QString>

namespace hs::tests {

struct ManifestRow
{
    QString data;         // data file, relative to the corpus
    QString h5dumpResult; // "ok" or "FAIL rc=...: why" (empty when the manifest has no such column)
};

// HYPERSLAB_CORPUS_DIR
QString corpusRoot();

// .ddl (relative path) -> the data file it was made from; empty when the
// corpus is not there.
QMap<QString, ManifestRow> corpusDdlFiles();

} // namespace hs::tests
