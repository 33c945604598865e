#pragma once

#include "hyperslabcore_export.h"
#include "session/editoperation.h"

namespace hs::core {

// Creates an empty group at `path` (its parent must exist). The new group
// tracks creation order when its parent does. Revert unlinks it again.
class HYPERSLABCORE_EXPORT CreateGroupOperation : public EditOperation
{
public:
    explicit CreateGroupOperation(QString path);
    QString description() const override;
    Status apply(EditContext &context) override;
    Status revert(EditContext &context) override;
    const QString &path() const { return m_path; }

private:
    QString m_path;
    QByteArray m_created; // the identity of the group apply() made
};

} // namespace hs::core
