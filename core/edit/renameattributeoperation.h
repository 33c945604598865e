#pragma once

#include "hyperslabcore_export.h"
#include "session/editoperation.h"

namespace hs::core {

// Renames an attribute (H5Arename); a name the object already has is
// refused. Revert renames it back.
class HYPERSLABCORE_EXPORT RenameAttributeOperation final : public EditOperation
{
public:
    RenameAttributeOperation(QString objectPath, QString from, QString to);

    QString description() const override; // "Rename attribute a of /x to b"
    Status apply(EditContext &context) override;
    Status revert(EditContext &context) override;

private:
    Status rename(EditContext &context, const QString &from, const QString &to);

    QString m_path;
    QString m_from;
    QString m_to;
};

} // namespace hs::core
