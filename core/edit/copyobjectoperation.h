#pragma once

#include "edit/copyoptions.h"
#include "hyperslabcore_export.h"
#include "session/editoperation.h"

namespace hs::core {

// Copies a group (with its members, recursively), a dataset or a named
// datatype, with its attributes, to a new path of the session's file; the
// source is the same file or another open one. A chunked dataset is copied
// chunk by chunk as stored, so a large copy shows progress and stops between
// two chunks when cancelled; a cancelled or failed copy leaves nothing behind.
// Revert deletes the copy; apply again (redo) makes it again.
class HYPERSLABCORE_EXPORT CopyObjectOperation final : public EditOperation
{
public:
    CopyObjectOperation(H5FilePtr source, QString sourcePath, QString destinationPath, CopyLinks links = CopyLinks::Keep);

    QString description() const override;
    Status apply(EditContext &context) override;
    Status revert(EditContext &context) override;
    bool isLong() const override { return true; }

    const QString &destinationPath() const { return m_destinationPath; }

    // The parent group of `path` ("/" for "/x").
    static QString parentOf(const QString &path);
    // `path` itself if nothing in `file` is named so, else the first free of
    // path_2, path_3, ... (what the UI suggests when a name exists).
    static QString freePath(const H5FilePtr &file, const QString &path);
    static bool exists(const H5FilePtr &file, const QString &path);
    // For the headless command: a new empty HDF5 file (fails if `path`
    // exists), and the flush the session does after each edit.
    static Status createFile(const QString &path);
    static Status flush(const H5FilePtr &file);

private:
    H5FilePtr m_source;
    QString m_sourcePath;
    QString m_destinationPath;
    CopyLinks m_links;
    QString m_description;
};

} // namespace hs::core
