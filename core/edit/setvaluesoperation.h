#pragma once

#include "edit/valuebox.h"
#include "hdf5/valueparser.h"
#include "hyperslabcore_export.h"
#include "session/editoperation.h"

#include <memory>
#include <vector>

namespace hs::core {

// Writes a box of values: one cell, a pasted block, or one field of compound
// cells. The new values come as whole elements in the memory layout of the
// dataset's read plan (what ValueParser writes) with a mask saying which
// fields of which elements to write; the other fields keep their value (read
// back and written unchanged). apply() first captures the box's exact
// previous bytes (read with the file's own type, no conversion; through the
// memory type when the type holds variable-length data); revert() writes them
// back. Meant for boxes that fit in memory (a screenful, a pasted block);
// FillOperation covers selections of any size.
class HYPERSLABCORE_EXPORT SetValuesOperation : public EditOperation
{
public:
    // `elements`: box.elementCount() elements, row-major over the box;
    // `mask`: elementCount() x fieldCount entries, 1 where that field is
    // written (empty: all of them). `strings` owns the bytes of the
    // variable-length strings `elements` points to.
    SetValuesOperation(QString datasetPath, ValueBox box, int fieldCount, std::vector<unsigned char> elements,
                       std::vector<char> mask, ParsedStringsPtr strings, QString description);
    ~SetValuesOperation() override;

    QString description() const override { return m_description; }
    Status apply(EditContext &context) override;
    Status revert(EditContext &context) override;

    const QString &datasetPath() const { return m_path; }
    const ValueBox &box() const { return m_box; }

private:
    struct Saved;
    QString m_path;
    ValueBox m_box;
    int m_fields;
    std::vector<unsigned char> m_elements;
    std::vector<char> m_mask;
    ParsedStringsPtr m_strings;
    QString m_description;
    std::unique_ptr<Saved> m_saved; // the previous bytes, once captured
};

} // namespace hs::core
