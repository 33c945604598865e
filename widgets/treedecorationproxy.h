#pragma once

#include <QHash>
#include <QIcon>
#include <QIdentityProxyModel>

namespace hs::ui {

// Maps the hierarchy model's roles to looks: an icon per kind with an overlay
// per link type, italics for links, grey for what does not resolve or is not
// known yet. Keeps looks out of core.
class TreeDecorationProxy : public QIdentityProxyModel
{
    Q_OBJECT
public:
    explicit TreeDecorationProxy(QObject *parent = nullptr);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    static QIcon iconFor(int kind, int linkType, bool isFile);

private:
    QIcon icon(int kind, int linkType, bool isFile) const;
    mutable QHash<int, QIcon> m_icons;
};

} // namespace hs::ui
