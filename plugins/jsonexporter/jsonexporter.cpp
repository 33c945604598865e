#include "jsonexporter.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace {

// One value as compact JSON text (QJsonDocument only takes arrays and objects).
QByteArray valueText(const QJsonValue &v)
{
    const QByteArray a = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2);
}

} // namespace

bool JsonExporter::write(hyperslab::ExportSource &source, QIODevice &out, QString *error)
{
    const std::vector<quint64> shape = source.shape();
    const size_t rank = shape.size();
    quint64 total = 1;
    for (quint64 d : shape)
        total *= d;
    if (total == 0) {
        // Nothing to nest: as many empty levels as NumPy's tolist() gives.
        QByteArray text;
        for (size_t k = 0; k < rank && (k == 0 || shape[k - 1] != 0); ++k)
            text += '[';
        text.append(QByteArray(text.size(), ']'));
        return out.write(text + '\n') >= 0;
    }
    // suffix[k]: elements below one index of dimension k.
    std::vector<quint64> suffix(rank, 1);
    for (size_t k = rank; k-- > 0;)
        suffix[k] = shape[k] * (k + 1 < rank ? suffix[k + 1] : 1);
    const quint64 block = std::max<quint64>(1, source.preferredBlock() / 4);
    QJsonArray values;
    QByteArray text;
    for (quint64 done = 0; done < total;) {
        if (source.isCancelled())
            return false;
        const quint64 n = std::min(block, total - done);
        values = QJsonArray();
        if (!source.readJson(done, n, &values, error))
            return false;
        text.clear();
        for (quint64 j = 0; j < n; ++j) {
            const quint64 i = done + j;
            if (i > 0) {
                text += ',';
                // A line per innermost row keeps big files readable and greppable.
                if (rank >= 2 && i % suffix[rank - 1] == 0)
                    text += '\n';
            }
            for (size_t k = 0; k < rank; ++k)
                if (i % suffix[k] == 0)
                    text += '[';
            text += valueText(values.at(qsizetype(j)));
            for (size_t k = rank; k-- > 0;)
                if ((i + 1) % suffix[k] == 0)
                    text += ']';
        }
        if (out.write(text) != text.size()) {
            *error = out.errorString();
            return false;
        }
        done += n;
        source.setProgress(done, total);
    }
    return out.write("\n") == 1;
}
