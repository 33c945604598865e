#include "edit/copyobjectoperation.h"

#include "edit/objectcopier.h"
#include "hdf5/errorstack.h"
#include "model/names.h"
#include "services/h5file_p.h"

#include <QCoreApplication>
#include <QFile>

namespace hs::core {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("hs::core::CopyObjectOperation", text); }
} // namespace

CopyObjectOperation::CopyObjectOperation(H5FilePtr source, QString sourcePath, QString destinationPath, CopyLinks links)
    : m_source(std::move(source)), m_sourcePath(std::move(sourcePath)), m_destinationPath(std::move(destinationPath)),
      m_links(links)
{
}

QString CopyObjectOperation::description() const
{
    if (!m_description.isEmpty())
        return m_description;
    return tr("Copy %1 from %2 to %3").arg(names::toEscaped(m_sourcePath), m_source->displayName(), names::toEscaped(m_destinationPath));
}

QString CopyObjectOperation::parentOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

bool CopyObjectOperation::exists(const H5FilePtr &file, const QString &path)
{
    if (path == QLatin1String("/"))
        return true;
    LibraryLock lock;
    // Each step of the path, so that a missing group is an answer, not an error.
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString sofar;
    for (const QString &p : parts) {
        sofar += QLatin1Char('/') + p;
        const htri_t e = H5Lexists(fileId(*file), names::encode(sofar).constData(), H5P_DEFAULT);
        if (e <= 0) {
            errorstack::clear();
            return false;
        }
    }
    return true;
}

QString CopyObjectOperation::freePath(const H5FilePtr &file, const QString &path)
{
    if (!exists(file, path))
        return path;
    for (int n = 2;; ++n) {
        const QString candidate = path + QStringLiteral("_%1").arg(n);
        if (!exists(file, candidate))
            return candidate;
    }
}

Status CopyObjectOperation::createFile(const QString &path)
{
    LibraryLock lock;
    FileHandle file(H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_EXCL, H5P_DEFAULT, H5P_DEFAULT));
    if (!file)
        return errorstack::capture(tr("create"), path);
    if (H5Fclose(file.release()) < 0)
        return errorstack::capture(tr("create"), path);
    return Ok{};
}

Status CopyObjectOperation::flush(const H5FilePtr &file)
{
    LibraryLock lock;
    if (H5Fflush(fileId(*file), H5F_SCOPE_LOCAL) < 0)
        return errorstack::capture(tr("save the copy to"), file->displayName());
    return Ok{};
}

Status CopyObjectOperation::apply(EditContext &context)
{
    const H5File &destination = *context.file();
    if (m_description.isEmpty()) // said in the destination's terms from now on
        m_description = m_source.get() == context.file().get()
                            ? tr("Copy %1 to %2").arg(names::toEscaped(m_sourcePath), names::toEscaped(m_destinationPath))
                            : description();
    ObjectCopier copier(m_links, context.cancelFlag(), [&context](qint64 d, qint64 t) { context.setProgress(d, t); });
    const Status s = copier.copyObject(fileId(*m_source), m_sourcePath, fileId(destination), m_destinationPath,
                                       m_source->displayName(), destination.displayName());
    if (!s.ok())
        return s;
    context.changes().membersChanged.push_back(parentOf(m_destinationPath));
    return Ok{};
}

Status CopyObjectOperation::revert(EditContext &context)
{
    LibraryLock lock;
    // Unlinking frees the copy (nothing else links to it: it is new).
    if (H5Ldelete(fileId(*context.file()), names::encode(m_destinationPath).constData(), H5P_DEFAULT) < 0)
        return errorstack::capture(tr("remove the copy"), context.file()->displayName() + QLatin1Char(':') + m_destinationPath);
    context.changes().removed.push_back(m_destinationPath);
    context.changes().membersChanged.push_back(parentOf(m_destinationPath));
    return Ok{};
}

} // namespace hs::core
