#pragma once

#include "hyperslabcore_export.h"
#include "session/editoperation.h"

#include <memory>
#include <vector>

namespace hs::core {

// Changes the extent of a chunked dataset within its max shape
// (H5Dset_extent). A shrink first keeps the values it cuts off, so revert
// brings back the old extent with those values: in memory up to
// Limits::memoryBytes, beyond that in a temporary file (fixed-size types; not
// when the disk lacks the room), read and written back piece by piece so
// memory stays bounded and Cancel works between pieces. What cannot be kept
// is refused with a message that says so.
class HYPERSLABCORE_EXPORT ResizeDatasetOperation : public EditOperation
{
public:
    struct Limits
    {
        quint64 memoryBytes = quint64(256) << 20; // kept in memory up to this
        quint64 pieceBytes = quint64(32) << 20;   // read/written per lock
        quint64 spillBytes = quint64(64) << 30;   // kept in a temporary file up to this
    };

    struct Extent
    {
        std::vector<quint64> shape;
        std::vector<quint64> maxShape; // DatasetSpec::Unlimited per unlimited dimension
        bool chunked = false;
        int elementBytes = 0; // in the file
        // What shrinking to `newShape` would cut off, in bytes.
        quint64 cutOffBytes(const std::vector<quint64> &newShape) const;
    };
    // The dataset's current extent (one header read; fine on the GUI thread).
    static Result<Extent> inspect(const H5FilePtr &file, const QString &path);

    // `expectedKeptBytes` (from Extent::cutOffBytes) only decides isLong().
    ResizeDatasetOperation(QString path, std::vector<quint64> newShape, quint64 expectedKeptBytes = 0);
    ~ResizeDatasetOperation() override;
    QString description() const override;
    Status apply(EditContext &context) override;
    Status revert(EditContext &context) override;
    bool isLong() const override { return m_expectedKeptBytes > m_limits.pieceBytes; }
    const std::vector<quint64> &oldShape() const { return m_oldShape; }
    // Bytes of values the last apply() kept for revert, and whether in a file.
    quint64 keptBytes() const;
    bool keptInFile() const;
    void setLimits(const Limits &limits) { m_limits = limits; }

private:
    struct Kept;
    QString m_path;
    std::vector<quint64> m_newShape;
    std::vector<quint64> m_oldShape;
    quint64 m_expectedKeptBytes = 0;
    Limits m_limits;
    std::unique_ptr<Kept> m_kept;
};

} // namespace hs::core
