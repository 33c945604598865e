#include "npyexporter.h"

#include "npyformat.h"

#include <QIODevice>

#include <algorithm>

QString NpyExporter::unsupportedReason(const hyperslab::ExportSource &source) const
{
    std::vector<quint64> extra;
    QString why;
    hyperslab::npy::descr(source.element(), &extra, &why);
    return why;
}

bool NpyExporter::write(hyperslab::ExportSource &source, QIODevice &out, QString *error)
{
    std::vector<quint64> extra;
    QString why;
    const QString descr = hyperslab::npy::descr(source.element(), &extra, &why);
    if (descr.isEmpty()) {
        *error = why;
        return false;
    }
    std::vector<quint64> shape = source.shape();
    shape.insert(shape.end(), extra.begin(), extra.end());
    if (out.write(hyperslab::npy::header(descr, shape)) < 0) {
        *error = out.errorString();
        return false;
    }
    // The element bytes as read are NumPy's C-order data already (host order
    // is little-endian on every platform Hyperslab builds for).
    quint64 total = 1;
    for (quint64 d : source.shape())
        total *= d;
    const quint64 block = std::max<quint64>(1, source.preferredBlock());
    QByteArray raw;
    for (quint64 done = 0; done < total;) {
        if (source.isCancelled())
            return false;
        const quint64 n = std::min(block, total - done);
        if (!source.readRaw(done, n, &raw, error))
            return false;
        if (out.write(raw) != raw.size()) {
            *error = out.errorString();
            return false;
        }
        done += n;
        source.setProgress(done, total);
    }
    return true;
}
