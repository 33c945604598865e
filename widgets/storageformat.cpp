#include "storageformat.h"

#include <QLocale>
#include <QStringList>

namespace hs::ui::storageformat {

QString size(quint64 bytes)
{
    // QLocale spells bytes below 1 KiB as "N bytes"; IEC units above, as du -h does.
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeIecFormat);
}

QString exactBytes(quint64 bytes)
{
    return bytes == 1 ? QStringLiteral("1 byte") : QStringLiteral("%L1 bytes").arg(bytes);
}

QString sizeWithExact(quint64 bytes)
{
    if (bytes < 1024)
        return exactBytes(bytes);
    return QStringLiteral("%1 (%2)").arg(size(bytes), exactBytes(bytes));
}

QString ratio(double r)
{
    if (!(r > 0))
        return QStringLiteral("\u2014");
    // One decimal below 10, so "1.0 : 1" reads as "not compressed", not as rounding.
    return QStringLiteral("%1 : 1").arg(QLocale().toString(r, 'f', r < 10 ? 1 : 0));
}

QString dims(const std::vector<quint64> &d)
{
    QStringList parts;
    for (quint64 v : d)
        parts << QStringLiteral("%L1").arg(v);
    return parts.join(QStringLiteral(" \u00d7 "));
}

QString box(const std::vector<quint64> &start, const std::vector<quint64> &end)
{
    QStringList parts;
    for (size_t i = 0; i < start.size() && i < end.size(); ++i)
        parts << (end[i] == start[i] + 1 ? QString::number(start[i])
                                         : QStringLiteral("%1:%2").arg(start[i]).arg(end[i]));
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

} // namespace hs::ui::storageformat
