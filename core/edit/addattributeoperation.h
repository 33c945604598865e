#pragma once

#include "edit/attributetype.h"
#include "hyperslabcore_export.h"
#include "session/editoperation.h"

#include <optional>

namespace hs::core {

// Adds an attribute to an object: a name, one of the editors' types, scalar
// or 1-D, and its value as text (AttributeValueParser). A name the object
// already has is refused; revert deletes the attribute again.
class HYPERSLABCORE_EXPORT AddAttributeOperation final : public EditOperation
{
public:
    // `scalar` false: a 1-D attribute of `length` values, or, without a
    // length, of as many values as the text gives. One value given for a
    // longer 1-D attribute fills every element.
    AddAttributeOperation(QString objectPath, QString name, AttributeType type, bool scalar, QString valueText,
                          std::optional<quint64> length = {});

    QString description() const override; // "Add attribute units to /data/t"
    Status apply(EditContext &context) override;
    Status revert(EditContext &context) override;

private:
    QString m_path;
    QString m_name;
    AttributeType m_type;
    bool m_scalar;
    QString m_text;
    std::optional<quint64> m_length;
};

} // namespace hs::core
