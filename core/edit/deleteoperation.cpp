#include "edit/deleteoperation.h"

#include "hdf5/datasetaccess.h"
#include "edit/structureedit_p.h"

namespace hs::core {

using namespace edit;

// The deleted link's target: the open object for a hard link (valid only
// while the file's handle generation is unchanged), the text of a soft or
// external link.
struct DeleteOperation::Kept
{
    std::weak_ptr<H5File> file;
    quint64 generation = 0;
    ObjectHandle object;
    QByteArray softTarget;
    QByteArray externalFile, externalPath;

    bool objectStillOpen() const
    {
        const H5FilePtr f = file.lock();
        return object.valid() && f && f->handleGeneration() == generation && H5Iis_valid(object.get()) > 0;
    }
    ~Kept()
    {
        if (!object.valid())
            return;
        LibraryLock lock;
        // After a reopen or close the file closed the identifier itself (and
        // HDF5 may reuse the number): only close what is still ours.
        if (!objectStillOpen())
            object.release();
        object.reset();
        errorstack::clear();
    }
};

QString DeleteImpact::explanation(const QString &path) const
{
    const QString shown = shownPath(path);
    if (linkType == LinkType::Soft || linkType == LinkType::External)
        return trEdit("Removes the link \u201c%1\u201d; what it points to is not changed.").arg(shown);
    QString what = kind == ObjectKind::Group ? trEdit("the group \u201c%1\u201d and the links in it").arg(shown)
        : kind == ObjectKind::Dataset       ? trEdit("the dataset \u201c%1\u201d").arg(shown)
                                            : trEdit("\u201c%1\u201d").arg(shown);
    QString text;
    if (otherHardLinks > 0)
        text = otherHardLinks == 1
            ? trEdit("Removes the name \u201c%1\u201d. The object lives on: another hard link still names it, so it "
                     "stays in the file under that name.")
                  .arg(shown)
            : trEdit("Removes the name \u201c%1\u201d. The object lives on: %2 other hard links still name it, so it "
                     "stays in the file under those names.")
                  .arg(shown, QString::number(otherHardLinks));
    else
        text = trEdit("Deletes %1.").arg(what);
    text += QLatin1Char(' ')
        + trEdit("The file does not get smaller until it is repacked (Save a Copy As\u2026 writes a compacted copy). "
                 "Edit \u25b8 Undo brings it back while the file stays open.");
    return text;
}

DeleteOperation::DeleteOperation(QString path) : m_path(std::move(path)) {}

DeleteOperation::~DeleteOperation() = default;

QString DeleteOperation::description() const
{
    return trEdit("Delete %1").arg(shownPath(m_path));
}

Result<DeleteImpact> DeleteOperation::inspect(const H5FilePtr &file, const QString &path)
{
    LibraryLock lock;
    if (!path.startsWith(QLatin1Char('/')) || baseName(path).isEmpty())
        return refused(ErrorCode::InvalidArgument, trEdit("The root group cannot be deleted."));
    const hid_t fid = fileId(*file);
    if (!linkExists(fid, path))
        return refused(ErrorCode::NotFound,
                       trEdit("There is no \u201c%1\u201d in \u201c%2\u201d.").arg(shownPath(path), file->displayName()));
    compat::LinkInfo link{};
    const QByteArray p = nativePath(path);
    if (compat::linkInfoByName(fid, p.constData(), &link) < 0)
        return errorstack::capture(QStringLiteral("read the link"), shownPath(path));
    DeleteImpact impact;
    impact.linkType = compat::linkType(link.type);
    if (link.type == H5L_TYPE_HARD) {
        compat::ObjectInfo info{};
        if (compat::objectInfoByName(fid, p.constData(), &info) < 0)
            return errorstack::capture(QStringLiteral("read the object"), shownPath(path));
        impact.kind = compat::kindOf(info.type);
        impact.otherHardLinks = int(info.rc) - 1;
    }
    errorstack::clear();
    return impact;
}

Status DeleteOperation::apply(EditContext &context)
{
    const H5FilePtr &filePtr = context.file();
    const H5File &file = *filePtr;
    LibraryLock lock;
    if (Status s = requireLink(file, m_path); !s)
        return s;
    Result<DeleteImpact> impact = inspect(filePtr, m_path);
    if (!impact)
        return impact.error();
    const hid_t fid = fileId(file);
    const QByteArray p = nativePath(m_path);
    auto kept = std::make_unique<Kept>();
    kept->file = filePtr;
    kept->generation = file.handleGeneration();
    compat::LinkInfo link{};
    if (compat::linkInfoByName(fid, p.constData(), &link) < 0)
        return errorstack::capture(QStringLiteral("read the link"), shownPath(m_path));
    if (link.type == H5L_TYPE_HARD) {
        kept->object.reset(openObject(fid, p.constData()));
        if (!kept->object.valid())
            return errorstack::capture(QStringLiteral("open"), shownPath(m_path));
    } else if (link.type == H5L_TYPE_SOFT || link.type == H5L_TYPE_EXTERNAL) {
        QByteArray value(qsizetype(link.u.val_size), '\0');
        if (H5Lget_val(fid, p.constData(), value.data(), value.size(), H5P_DEFAULT) < 0)
            return errorstack::capture(QStringLiteral("read the link"), shownPath(m_path));
        if (link.type == H5L_TYPE_SOFT) {
            kept->softTarget = QByteArray(value.constData()); // up to the terminating null
        } else {
            const char *fileName = nullptr, *objectPath = nullptr;
            unsigned flags = 0;
            if (H5Lunpack_elink_val(value.constData(), value.size(), &flags, &fileName, &objectPath) < 0)
                return errorstack::capture(QStringLiteral("read the link"), shownPath(m_path));
            kept->externalFile = QByteArray(fileName);
            kept->externalPath = QByteArray(objectPath);
        }
    } else {
        return refused(ErrorCode::Unsupported,
                       trEdit("\u201c%1\u201d is a user-defined link, which Hyperslab cannot bring back, so it is not "
                              "deleted.")
                           .arg(shownPath(m_path)));
    }
    if (H5Ldelete(fid, p.constData(), H5P_DEFAULT) < 0)
        return errorstack::capture(QStringLiteral("delete"), shownPath(m_path));
    m_impact = *impact;
    m_kept = std::move(kept);
    addOnce(context.changes().removed, m_path);
    addOnce(context.changes().membersChanged, parentPath(m_path));
    return Ok{};
}

Status DeleteOperation::revert(EditContext &context)
{
    const H5File &file = *context.file();
    LibraryLock lock;
    if (!m_kept)
        return refused(ErrorCode::Internal, trEdit("\u201c%1\u201d was not deleted by this step.").arg(shownPath(m_path)));
    if (Status s = requireFreePath(file, m_path); !s)
        return s;
    const hid_t fid = fileId(file);
    const QByteArray p = nativePath(m_path);
    PropListHandle lcpl = linkCreationList();
    herr_t linked = -1;
    if (m_impact.linkType == LinkType::Hard) {
        if (!m_kept->objectStillOpen())
            return refused(ErrorCode::Unsupported,
                           trEdit("\u201c%1\u201d cannot be brought back: \u201c%2\u201d was reopened since it was "
                                  "deleted, which let go of the deleted object.")
                               .arg(shownPath(m_path), file.displayName()));
        linked = H5Olink(m_kept->object.get(), fid, p.constData(), lcpl.get(), H5P_DEFAULT);
    } else if (m_impact.linkType == LinkType::Soft) {
        linked = H5Lcreate_soft(m_kept->softTarget.constData(), fid, p.constData(), lcpl.get(), H5P_DEFAULT);
    } else {
        linked = H5Lcreate_external(m_kept->externalFile.constData(), m_kept->externalPath.constData(), fid,
                                    p.constData(), lcpl.get(), H5P_DEFAULT);
    }
    if (linked < 0)
        return errorstack::capture(QStringLiteral("bring back"), shownPath(m_path));
    // Linked again: the file owns the object now; apply() opens it anew.
    m_kept.reset();
    addOnce(context.changes().membersChanged, parentPath(m_path));
    return Ok{};
}

} // namespace hs::core
