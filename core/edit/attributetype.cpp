#include "edit/attributetype.h"

#include <algorithm>
#include <limits>

namespace hs::core {

AttributeType AttributeType::integer(int bytes, bool isSigned)
{
    AttributeType t;
    t.kind = Kind::Integer;
    t.bytes = bytes;
    t.isSigned = isSigned;
    return t;
}

AttributeType AttributeType::floating(int bytes)
{
    AttributeType t;
    t.kind = Kind::Float;
    t.bytes = bytes;
    return t;
}

AttributeType AttributeType::string(bool utf8, int fixedLength)
{
    AttributeType t;
    t.kind = Kind::String;
    t.utf8 = utf8;
    t.variableLength = fixedLength <= 0;
    t.bytes = fixedLength > 0 ? fixedLength : 0;
    return t;
}

AttributeType AttributeType::enumeration(std::vector<std::pair<QString, qint64>> members, int bytes, bool isSigned)
{
    AttributeType t;
    t.kind = Kind::Enum;
    t.members = std::move(members);
    t.bytes = bytes;
    t.isSigned = isSigned;
    return t;
}

AttributeType AttributeType::boolean()
{
    AttributeType t;
    t.kind = Kind::Boolean;
    t.bytes = 1;
    t.isSigned = true;
    t.members = {{QStringLiteral("FALSE"), 0}, {QStringLiteral("TRUE"), 1}};
    return t;
}

QString AttributeType::text() const
{
    const QString sign = isSigned ? QStringLiteral("signed") : QStringLiteral("unsigned");
    switch (kind) {
    case Kind::Integer: return QStringLiteral("%1-bit %2 integer").arg(bytes * 8).arg(sign);
    case Kind::Float: return QStringLiteral("%1-bit float").arg(bytes * 8);
    case Kind::String: {
        const QString cset = utf8 ? QStringLiteral("UTF-8") : QStringLiteral("ASCII");
        if (variableLength)
            return QStringLiteral("variable-length %1 string").arg(cset);
        return QStringLiteral("fixed-length %1 string of %2 bytes").arg(cset).arg(bytes);
    }
    case Kind::Enum: {
        QStringList parts;
        for (const auto &[name, value] : members)
            parts << QStringLiteral("%1 = %2").arg(name).arg(value);
        return QStringLiteral("enum (%1-bit %2) %3").arg(bytes * 8).arg(sign, parts.join(QStringLiteral(", ")));
    }
    case Kind::Boolean: return QStringLiteral("boolean");
    }
    return {};
}

QStringList AttributeType::memberNames() const
{
    QStringList names;
    for (const auto &m : members)
        names << m.first;
    return names;
}

std::pair<qint64, quint64> AttributeType::range() const
{
    const int bits = std::clamp(bytes, 1, 8) * 8;
    if (isSigned) {
        if (bits == 64)
            return {std::numeric_limits<qint64>::min(), quint64(std::numeric_limits<qint64>::max())};
        return {-(qint64(1) << (bits - 1)), (quint64(1) << (bits - 1)) - 1};
    }
    if (bits == 64)
        return {0, std::numeric_limits<quint64>::max()};
    return {0, (quint64(1) << bits) - 1};
}

} // namespace hs::core
