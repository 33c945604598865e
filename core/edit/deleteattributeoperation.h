#pragma once

#include "hyperslabcore_export.h"
#include "session/editoperation.h"

#include <memory>

namespace hs::core {

class AttributeSnapshot;

// Deletes an attribute. It is captured first (type, shape, value bytes,
// name encoding), and revert makes it again exactly so.
class HYPERSLABCORE_EXPORT DeleteAttributeOperation final : public EditOperation
{
public:
    DeleteAttributeOperation(QString objectPath, QString name);
    ~DeleteAttributeOperation() override;

    QString description() const override; // "Delete attribute units of /data/t"
    Status apply(EditContext &context) override;
    Status revert(EditContext &context) override;

private:
    QString m_path;
    QString m_name;
    std::unique_ptr<AttributeSnapshot> m_before;
};

} // namespace hs::core
