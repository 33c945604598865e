#include "model/nodetypes.h"

namespace hs::core {

QString kindName(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Group: return QStringLiteral("group");
    case ObjectKind::Dataset: return QStringLiteral("dataset");
    case ObjectKind::Datatype: return QStringLiteral("datatype");
    case ObjectKind::Missing: return QStringLiteral("link");
    case ObjectKind::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QString linkTypeName(LinkType type)
{
    switch (type) {
    case LinkType::Hard: return QStringLiteral("hard");
    case LinkType::Soft: return QStringLiteral("soft");
    case LinkType::External: return QStringLiteral("external");
    case LinkType::User: return QStringLiteral("user");
    }
    return {};
}

} // namespace hs::core
