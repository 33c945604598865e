#pragma once

#include "hyperslabcore_export.h"
#include "session/editoperation.h"

namespace hs::core {

// Points the soft link at `path` to `target` instead (HDF5 has no call for
// it: the link is removed and created again under the same name, and put
// back as it was if that fails). Revert restores the previous target.
class HYPERSLABCORE_EXPORT SetSoftLinkTargetOperation : public EditOperation
{
public:
    SetSoftLinkTargetOperation(QString path, QString target);
    QString description() const override;
    Status apply(EditContext &context) override;
    Status revert(EditContext &context) override;
    const QString &previousTarget() const { return m_previous; }

private:
    Status retarget(EditContext &context, const QString &target, QString *previous);
    QString m_path;
    QString m_target;
    QString m_previous;
};

} // namespace hs::core
