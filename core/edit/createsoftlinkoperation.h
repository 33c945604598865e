#pragma once

#include "hyperslabcore_export.h"
#include "session/editoperation.h"

namespace hs::core {

// Creates a soft link at `path` that names `target` (a path in the same file;
// it may not exist yet, as HDF5 allows). Revert removes the link.
class HYPERSLABCORE_EXPORT CreateSoftLinkOperation : public EditOperation
{
public:
    CreateSoftLinkOperation(QString path, QString target);
    QString description() const override;
    Status apply(EditContext &context) override;
    Status revert(EditContext &context) override;

private:
    QString m_path;
    QString m_target;
};

} // namespace hs::core
