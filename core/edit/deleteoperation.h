#pragma once

#include "hyperslabcore_export.h"
#include "model/nodetypes.h"
#include "session/editoperation.h"

#include <memory>

namespace hs::core {

// What deleting a link does, for the confirmation that comes first.
struct HYPERSLABCORE_EXPORT DeleteImpact
{
    LinkType linkType = LinkType::Hard;
    ObjectKind kind = ObjectKind::Missing; // of the object a hard link names
    int otherHardLinks = 0;                // names the object keeps (it stays in the file)
    // Two or three sentences for the confirmation: what goes, whether the
    // object lives on through its other names, and that the file does not
    // shrink until it is repacked.
    QString explanation(const QString &path) const;
};

// Removes the link at `path` (H5Ldelete). For a hard link the object is kept
// open first, so revert links the SAME object back (H5Olink: same address,
// attributes, values and members) rather than a copy; soft and external links
// are re-created from their targets. The kept object is let go when the
// operation is destroyed (the undo step dropped or the file closed) and is
// freed then if no link names it. A reopen of the file (mode switch) also
// lets it go; revert then says so and changes nothing.
class HYPERSLABCORE_EXPORT DeleteOperation : public EditOperation
{
public:
    explicit DeleteOperation(QString path);
    ~DeleteOperation() override;
    QString description() const override;
    Status apply(EditContext &context) override;
    Status revert(EditContext &context) override;

    // Looks at the link without changing anything (one header read; fine on the GUI thread).
    static Result<DeleteImpact> inspect(const H5FilePtr &file, const QString &path);
    // From the last apply(): the impact as it was deleted.
    const DeleteImpact &impact() const { return m_impact; }

private:
    struct Kept;
    QString m_path;
    DeleteImpact m_impact;
    std::unique_ptr<Kept> m_kept;
};

} // namespace hs::core
