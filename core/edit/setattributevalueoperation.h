#pragma once

#include "edit/attributetype.h"
#include "hyperslabcore_export.h"
#include "session/editoperation.h"

#include <memory>

namespace hs::core {

class AttributeSnapshot;

// Gives an existing attribute a new value, parsed from text for its type
// (`type` and `scalar` as EditableAttribute::read found them; an attribute
// whose type or rank changed since is refused). Same number of values: the
// value is written in place. A 1-D attribute may get a different number of
// values: it is then made again with the same type and the new length.
// Revert puts the exact previous attribute back.
class HYPERSLABCORE_EXPORT SetAttributeValueOperation final : public EditOperation
{
public:
    SetAttributeValueOperation(QString objectPath, QString name, AttributeType type, bool scalar, QString valueText);
    ~SetAttributeValueOperation() override;

    QString description() const override; // "Set attribute units of /data/t to \"m/s\""
    Status apply(EditContext &context) override;
    Status revert(EditContext &context) override;

private:
    QString m_path;
    QString m_name;
    AttributeType m_type;
    bool m_scalar;
    QString m_text;
    std::unique_ptr<AttributeSnapshot> m_before;
    bool m_remade = false; // apply made the attribute again (new length)
};

} // namespace hs::core
