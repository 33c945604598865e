#pragma once

#include <QIdentityProxyModel>

namespace hs::ui {

// Maps the hierarchy model's roles to looks: icons per kind and link type,
// italics for links, grey for dangling ones. Keeps looks out of core.
class TreeDecorationProxy : public QIdentityProxyModel
{
    Q_OBJECT
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
};

} // namespace hs::ui
