#include "edit/valuebox.h"

#include <QStringList>

namespace hs::core {

quint64 ValueBox::elementCount() const
{
    quint64 n = 1;
    for (quint64 c : count)
        n *= c;
    return n;
}

ValueRegion ValueBox::region() const
{
    ValueRegion r;
    r.start = start;
    for (size_t d = 0; d < count.size(); ++d)
        r.count.push_back(count[d] == 0 ? 0 : (count[d] - 1) * strideOf(d) + 1);
    return r;
}

QString ValueBox::text() const
{
    if (start.empty())
        return {}; // a scalar dataset: its name alone
    QStringList parts;
    for (size_t d = 0; d < start.size(); ++d) {
        if (count[d] == 1)
            parts << QString::number(start[d]);
        else if (strideOf(d) == 1)
            parts << QStringLiteral("%1:%2").arg(start[d]).arg(start[d] + count[d]);
        else
            parts << QStringLiteral("%1:%2:%3").arg(start[d]).arg(start[d] + (count[d] - 1) * strideOf(d) + 1).arg(strideOf(d));
    }
    return QStringLiteral("[%1]").arg(parts.join(QStringLiteral(", ")));
}

} // namespace hs::core
