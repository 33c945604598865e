#include "treedecorationproxy.h"

namespace hs::ui {

QVariant TreeDecorationProxy::data(const QModelIndex &index, int role) const
{
    return QIdentityProxyModel::data(index, role);
}

} // namespace hs::ui
