#include "rawexporter.h"

#include <QIODevice>

#include <algorithm>

bool RawExporter::write(hyperslab::ExportSource &source, QIODevice &out, QString *error)
{
    quint64 total = 1;
    for (quint64 d : source.shape())
        total *= d;
    QByteArray bytes;
    for (quint64 done = 0; done < total;) {
        if (source.isCancelled())
            return false;
        const quint64 n = std::min(source.preferredBlock(), total - done);
        if (!source.readRaw(done, n, &bytes, error))
            return false;
        if (out.write(bytes) != bytes.size()) {
            *error = out.errorString();
            return false;
        }
        done += n;
        source.setProgress(done, total);
    }
    return true;
}
