#include "corpusmanifest.h"

#include <QFile>
#include <QStringList>

namespace hs::tests {

QString corpusRoot()
{
    return QStringLiteral(HYPERSLAB_CORPUS_DIR);
}

QMap<QString, ManifestRow> corpusDdlFiles()
{
    QMap<QString, ManifestRow> out;
    QFile f(corpusRoot() + QStringLiteral("/MANIFEST.tsv"));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) { // line 0 is the header
        const QStringList cols = QString::fromUtf8(lines[i]).split(QLatin1Char('\t'));
        if (cols.size() < 7)
            continue;
        // expected_output may list several files, comma-separated.
        for (const QString &expected : cols[6].split(QLatin1Char(',')))
            if (expected.trimmed().endsWith(QLatin1String(".ddl")))
                out.insert(expected.trimmed(), {cols[0], cols.value(7)});
    }
    return out;
}

} // namespace hs::tests
