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

    // Objects flagged with a warning icon and a tooltip (those held back since
    // a crash), by flagKey(file, path). Call flagChanged for a row on screen.
    void setFlags(const QHash<QString, QString> &toolTipByKey) { m_flags = toolTipByKey; }
    static QString flagKey(const QString &filePath, const QString &path) { return filePath + QLatin1Char('\n') + path; }
    void flagChanged(const QModelIndex &sourceIndex);

private:
    QString flagAt(const QModelIndex &index) const;
    // A file row whose file is open for editing: marked "✎" with a tooltip.
    bool isEditableFileRow(const QModelIndex &index) const;
    QIcon icon(int kind, int linkType, bool isFile) const;
    mutable QHash<int, QIcon> m_icons;
    QHash<QString, QString> m_flags;
};

} // namespace hs::ui
