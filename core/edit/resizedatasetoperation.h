#pragma once

#include "hyperslabcore_export.h"
#include "session/editoperation.h"

#include <memory>
#include <vector>

namespace hs::core {

// Changes the extent of a chunked dataset within its max shape
// (H5Dset_extent). A shrink first keeps the values it cuts off, so revert
// brings back the old extent with those values; it is refused when they
// would take more than MaxKeptBytes (the message says so).
class HYPERSLABCORE_EXPORT ResizeDatasetOperation : public EditOperation
{
public:
    static constexpr quint64 MaxKeptBytes = quint64(256) << 20;

    struct Extent
    {
        std::vector<quint64> shape;
        std::vector<quint64> maxShape; // DatasetSpec::Unlimited per unlimited dimension
        bool chunked = false;
    };
    // The dataset's current extent (one header read; fine on the GUI thread).
    static Result<Extent> inspect(const H5FilePtr &file, const QString &path);

    ResizeDatasetOperation(QString path, std::vector<quint64> newShape);
    ~ResizeDatasetOperation() override;
    QString description() const override;
    Status apply(EditContext &context) override;
    Status revert(EditContext &context) override;
    const std::vector<quint64> &oldShape() const { return m_oldShape; }
    // Bytes of values the last apply() kept for revert.
    quint64 keptBytes() const;

private:
    struct Kept;
    QString m_path;
    std::vector<quint64> m_newShape;
    std::vector<quint64> m_oldShape;
    std::unique_ptr<Kept> m_kept;
};

} // namespace hs::core
