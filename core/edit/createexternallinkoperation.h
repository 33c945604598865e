#pragma once

#include "hyperslabcore_export.h"
#include "session/editoperation.h"

namespace hs::core {

// Creates an external link at `path` to `objectPath` in the file `fileName`
// (stored as given: relative names are found next to this file or through
// HDF5_EXT_PREFIX when the link is followed). Revert removes the link.
class HYPERSLABCORE_EXPORT CreateExternalLinkOperation : public EditOperation
{
public:
    CreateExternalLinkOperation(QString path, QString fileName, QString objectPath);
    QString description() const override;
    Status apply(EditContext &context) override;
    Status revert(EditContext &context) override;

private:
    QString m_path;
    QString m_fileName;
    QString m_objectPath;
};

} // namespace hs::core
