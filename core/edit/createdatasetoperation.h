#pragma once

#include "edit/datasetspec.h"
#include "hyperslabcore_export.h"
#include "session/editoperation.h"

namespace hs::core {

// Creates a dataset as `spec` describes it (type, shape, max shape, layout,
// chunk shape, filters, fill value). Its values are the fill value until
// written. Revert unlinks it again.
class HYPERSLABCORE_EXPORT CreateDatasetOperation : public EditOperation
{
public:
    explicit CreateDatasetOperation(DatasetSpec spec);
    QString description() const override;
    Status apply(EditContext &context) override;
    Status revert(EditContext &context) override;
    const DatasetSpec &spec() const { return m_spec; }

private:
    DatasetSpec m_spec;
    QByteArray m_created;
};

} // namespace hs::core
