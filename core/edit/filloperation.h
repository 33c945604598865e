#pragma once

#include "edit/valuebox.h"
#include "hdf5/valueparser.h"
#include "hyperslabcore_export.h"
#include "session/editoperation.h"

#include <memory>
#include <vector>

namespace hs::core {

// Writes one value into every element of a box of any size (Edit ▸ Fill
// Selection…), piece by piece along the dataset's chunks so that memory stays
// bounded (MaxPieceBytes of old and new values at a time) and Cancel is
// honoured between pieces. The previous bytes, needed by undo, are streamed
// to a temporary file (raw, in the file's own type: exact); for types with
// variable-length data they stay in memory, so such fills are limited to
// MaxVlenElements. A failed or cancelled fill writes back what it had
// already overwritten before it returns, leaving the file as it was.
class HYPERSLABCORE_EXPORT FillOperation : public EditOperation
{
public:
    static constexpr quint64 MaxPieceBytes = 8u << 20;
    static constexpr quint64 MaxVlenElements = 1'000'000;

    // `element`: one element in the read plan's memory layout (ValueParser);
    // `fieldMask`: fieldCount entries, 1 for each field written (empty: all).
    FillOperation(QString datasetPath, ValueBox box, std::vector<unsigned char> element, std::vector<char> fieldMask,
                  ParsedStringsPtr strings, QString description);
    ~FillOperation() override;

    QString description() const override { return m_description; }
    Status apply(EditContext &context) override;
    Status revert(EditContext &context) override;
    bool isLong() const override { return true; }

    // For tests and the benchmark: the largest piece written, in elements,
    // and where the old values went ("" when kept in memory).
    quint64 largestPiece() const { return m_largestPiece; }
    QString undoFilePath() const;

private:
    struct Store;
    QString m_path;
    ValueBox m_box;
    std::vector<unsigned char> m_element;
    std::vector<char> m_fieldMask;
    ParsedStringsPtr m_strings;
    QString m_description;
    std::unique_ptr<Store> m_store;
    quint64 m_largestPiece = 0;
};

} // namespace hs::core
