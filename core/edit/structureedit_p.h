#pragma once

// Internal to the structure edits (core/edit): the checks every one of them
// makes before it touches the file, so a refused edit writes nothing. Lock held
// for every function here.

#include "edit/structurepaths.h"
#include "hdf5/compat.h"
#include "hdf5/errorstack.h"
#include "hdf5/handle.h"
#include "model/names.h"
#include "model/error.h"
#include "services/h5file.h"
#include "services/h5file_p.h"

#include <QCoreApplication>

namespace hs::core::edit {

inline QString trEdit(const char *text)
{
    return QCoreApplication::translate("hs::core::edit", text);
}

inline QByteArray nativePath(const QString &path)
{
    return names::encode(path);
}

// Whether `path` names a link. Every component is looked at, so a path through
// a missing group or a dangling link is "no" and not an HDF5 error.
inline bool linkExists(hid_t loc, const QString &path)
{
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return true; // the root
    QString prefix;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        prefix += QLatin1Char('/') + parts[i];
        const QByteArray p = nativePath(prefix);
        if (H5Lexists(loc, p.constData(), H5P_DEFAULT) <= 0) {
            errorstack::clear();
            return false;
        }
        if (i + 1 < parts.size() && H5Oexists_by_name(loc, p.constData(), H5P_DEFAULT) <= 0) {
            errorstack::clear();
            return false;
        }
    }
    return true;
}

// The first group on the way to `path` that is reached through a soft or
// external link (empty when every step is a hard link). Edits refuse such
// paths: through an external link they would change another file, and the
// views know the object by its own path, not the link's.
inline QString linkedStep(hid_t loc, const QString &path)
{
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString prefix;
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        prefix += QLatin1Char('/') + parts[i];
        const QByteArray p = nativePath(prefix);
        compat::LinkInfo info{};
        if (compat::linkInfoByName(loc, p.constData(), &info) < 0) {
            errorstack::clear();
            return {};
        }
        if (info.type != H5L_TYPE_HARD)
            return prefix;
    }
    return {};
}

// The kind of object `path` resolves to (Missing when nothing does).
inline H5O_type_t objectTypeAt(hid_t loc, const QString &path)
{
    if (!linkExists(loc, path))
        return H5O_TYPE_UNKNOWN;
    const QByteArray p = nativePath(path);
    if (H5Oexists_by_name(loc, p.constData(), H5P_DEFAULT) <= 0) {
        errorstack::clear();
        return H5O_TYPE_UNKNOWN;
    }
    compat::ObjectInfo info{};
    if (compat::objectInfoByName(loc, p.constData(), &info) < 0) {
        errorstack::clear();
        return H5O_TYPE_UNKNOWN;
    }
    return info.type;
}

inline Error refused(ErrorCode code, const QString &message)
{
    return Error::make(code, message + QLatin1Char(' ') + trEdit("Nothing was changed."));
}

// Refuses a file that is open read-only (the session refuses too; direct
// callers such as tests and the command line meet this one).
inline Status requireWritable(const H5File &file)
{
    if (file.isReadOnly())
        return refused(ErrorCode::PermissionDenied,
                       trEdit("\u201c%1\u201d is open read-only.").arg(file.displayName()));
    return Ok{};
}

inline Status requireOwnPath(const H5File &file, const QString &path)
{
    const QString step = linkedStep(fileId(file), path);
    if (step.isEmpty())
        return Ok{};
    return refused(ErrorCode::Unsupported,
                   trEdit("\u201c%1\u201d is reached through the link \u201c%2\u201d of \u201c%3\u201d; edit it at its "
                          "own path (for a link to another file, in that file).")
                       .arg(shownPath(path), shownPath(step), file.displayName()));
}

// `path` can take a new link: a valid path whose parent is a group and whose
// name is free.
inline Status requireFreePath(const H5File &file, const QString &path)
{
    if (Status s = requireWritable(file); !s)
        return s;
    if (const QString why = newPathProblem(path); !why.isEmpty())
        return refused(ErrorCode::InvalidArgument,
                       trEdit("\u201c%1\u201d cannot be created in \u201c%2\u201d: %3")
                           .arg(shownPath(path), file.displayName(), why));
    const hid_t fid = fileId(file);
    if (Status s = requireOwnPath(file, path); !s)
        return s;
    const QString parent = parentPath(path);
    if (objectTypeAt(fid, parent) != H5O_TYPE_GROUP)
        return refused(ErrorCode::NotFound, trEdit("There is no group \u201c%1\u201d in \u201c%2\u201d to hold \u201c%3\u201d.")
                                                 .arg(shownPath(parent), file.displayName(), baseName(path)));
    if (linkExists(fid, path))
        return refused(ErrorCode::InvalidArgument,
                       trEdit("\u201c%1\u201d already exists in \u201c%2\u201d.").arg(shownPath(path), file.displayName()));
    return Ok{};
}

inline Status requireLink(const H5File &file, const QString &path)
{
    if (Status s = requireWritable(file); !s)
        return s;
    if (!path.startsWith(QLatin1Char('/')) || baseName(path).isEmpty())
        return refused(ErrorCode::InvalidArgument,
                       trEdit("\u201c%1\u201d is not the path of a member of a group.").arg(shownPath(path)));
    // Before anything follows the path (an external link would open another file).
    if (Status s = requireOwnPath(file, path); !s)
        return s;
    if (!linkExists(fileId(file), path))
        return refused(ErrorCode::NotFound,
                       trEdit("There is no \u201c%1\u201d in \u201c%2\u201d.").arg(shownPath(path), file.displayName()));
    return Ok{};
}

// Links are created with UTF-8 names (HDF5's default is ASCII, which other
// tools then show as bytes).
inline PropListHandle linkCreationList()
{
    PropListHandle lcpl(H5Pcreate(H5P_LINK_CREATE));
    if (lcpl.valid())
        H5Pset_char_encoding(lcpl.get(), H5T_CSET_UTF8);
    return lcpl;
}

// The object identity a hard link at `path` points at (empty when not a hard link).
inline QByteArray hardLinkTokenAt(hid_t loc, const QString &path)
{
    compat::LinkInfo info{};
    const QByteArray p = nativePath(path);
    if (compat::linkInfoByName(loc, p.constData(), &info) < 0) {
        errorstack::clear();
        return {};
    }
    return info.type == H5L_TYPE_HARD ? compat::hardLinkToken(info) : QByteArray();
}

// The value of the soft link at `path` ("" when it is not a soft link), or
// for an external link "file\npath".
inline QByteArray linkValueAt(hid_t loc, const QString &path)
{
    compat::LinkInfo info{};
    const QByteArray p = nativePath(path);
    if (compat::linkInfoByName(loc, p.constData(), &info) < 0 || (info.type != H5L_TYPE_SOFT && info.type != H5L_TYPE_EXTERNAL)) {
        errorstack::clear();
        return {};
    }
    QByteArray value(qsizetype(info.u.val_size), '\0');
    if (H5Lget_val(loc, p.constData(), value.data(), value.size(), H5P_DEFAULT) < 0) {
        errorstack::clear();
        return {};
    }
    if (info.type == H5L_TYPE_SOFT)
        return QByteArray(value.constData());
    const char *file = nullptr, *object = nullptr;
    unsigned flags = 0;
    if (H5Lunpack_elink_val(value.constData(), value.size(), &flags, &file, &object) < 0) {
        errorstack::clear();
        return {};
    }
    return QByteArray(file) + '\n' + QByteArray(object);
}

// Adds `path` to `list` unless it is there already.
inline void addOnce(std::vector<QString> &list, const QString &path)
{
    if (std::find(list.begin(), list.end(), path) == list.end())
        list.push_back(path);
}

} // namespace hs::core::edit
