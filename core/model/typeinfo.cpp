#include "model/typeinfo.h"

#include <QStringList>

namespace hs::core {

QString ShapeInfo::text() const
{
    switch (kind) {
    case Kind::Scalar: return QStringLiteral("scalar");
    case Kind::Null: return QStringLiteral("null");
    case Kind::Simple: break;
    }
    QStringList parts;
    for (quint64 d : dims)
        parts << QString::number(d);
    return parts.join(QStringLiteral(" \u00d7 "));
}

quint64 ShapeInfo::elementCount() const
{
    if (kind == Kind::Null)
        return 0;
    quint64 n = 1;
    for (quint64 d : dims)
        n *= d;
    return n;
}

} // namespace hs::core
