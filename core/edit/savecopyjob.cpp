#include "edit/savecopyjob.h"

#include "edit/objectcopier.h"
#include "hdf5/errorstack.h"
#include "model/names.h"
#include "jobs/jobcontext.h"
#include "services/h5file_p.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

namespace hs::core {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("hs::core::SaveCopyJob", text); }
} // namespace

SaveCopyJob::SaveCopyJob(H5FilePtr source, QString groupPath, QString outputPath, Done done)
    : m_source(std::move(source)), m_groupPath(std::move(groupPath)), m_outputPath(std::move(outputPath)),
      m_done(std::move(done))
{
}

QString SaveCopyJob::title() const { return tr("Saving a copy as %1").arg(QFileInfo(m_outputPath).fileName()); }

bool SaveCopyJob::runStep(JobContext &context)
{
    const Status s = save(m_source, m_groupPath, m_outputPath, context.cancelFlag(),
                          [&context](qint64 d, qint64 t) { context.setProgress(d, t); });
    if (m_done)
        context.post([done = m_done, s] { done(s); });
    return false;
}

Status SaveCopyJob::save(const H5FilePtr &source, const QString &groupPath, const QString &outputPath,
                         const std::atomic_bool *cancel, const std::function<void(qint64, qint64)> &progress)
{
    const QFileInfo out(outputPath);
    if (out.exists() && out.canonicalFilePath() == QFileInfo(source->path()).canonicalFilePath())
        return Error::make(ErrorCode::InvalidArgument,
                           tr("%1 is the file being copied; choose another name.").arg(out.fileName()));
    if (!QFileInfo(out.absolutePath()).isDir())
        return Error::make(ErrorCode::NotFound, tr("There is no folder %1.").arg(out.absolutePath()));
    // A name no one else uses, beside the target (same file system: the rename is atomic).
    QString temp;
    for (int n = 0;; ++n) {
        temp = out.absolutePath() + QStringLiteral("/.%1.part%2").arg(out.fileName()).arg(n);
        if (!QFileInfo::exists(temp))
            break;
    }
    const QString sourcePath = groupPath.isEmpty() ? QStringLiteral("/") : groupPath;
    const QString sourceName = source->displayName() + QLatin1Char(':') + sourcePath;
    Status s = Ok{};
    // Chunk by chunk first (progress, Cancel); files whose attributes hold
    // references (dimension scales) again in one H5Ocopy, which maps them.
    for (int attempt = 0; attempt < 2; ++attempt) {
        bool again = false;
        s = Ok{};
        FileHandle file;
        GroupHandle from;
        GroupHandle to;
        {
            LibraryLock lock;
            // The source's creation properties (user block, root group's
            // creation-order tracking) and format bounds carry over.
            PropListHandle fcpl(H5Fget_create_plist(fileId(*source)));
            PropListHandle fapl(H5Pcreate(H5P_FILE_ACCESS));
            PropListHandle sourceAccess(H5Fget_access_plist(fileId(*source)));
            H5F_libver_t low = H5F_LIBVER_EARLIEST, high = H5F_LIBVER_LATEST;
            if (sourceAccess && H5Pget_libver_bounds(sourceAccess.get(), &low, &high) >= 0)
                H5Pset_libver_bounds(fapl.get(), low, high);
            errorstack::clear();
            file = FileHandle(H5Fcreate(QFile::encodeName(temp).constData(), H5F_ACC_EXCL, fcpl.get(), fapl.get()));
            if (!file)
                return errorstack::capture(tr("create"), out.fileName());
            from = GroupHandle(H5Gopen2(fileId(*source), names::encode(sourcePath).constData(), H5P_DEFAULT));
            to = GroupHandle(H5Gopen2(file.get(), "/", H5P_DEFAULT));
            if (!from)
                s = errorstack::capture(tr("open the group"), sourceName);
        }
        if (s.ok()) {
            ObjectCopier copier(CopyLinks::Keep, cancel, progress);
            s = attempt == 0 ? copier.copyContents(from.get(), to.get(), sourceName)
                             : copier.copyContentsAtOnce(from.get(), to.get(), sourceName);
            again = attempt == 0 && !s.ok() && copier.needsLibraryCopy();
        }
        to.reset();
        from.reset();
        if (s.ok()) {
            LibraryLock lock;
            if (H5Fflush(file.get(), H5F_SCOPE_LOCAL) < 0)
                s = errorstack::capture(tr("write"), out.fileName());
        }
        {
            LibraryLock lock;
            if (H5Fclose(file.release()) < 0 && s.ok())
                s = errorstack::capture(tr("write"), out.fileName());
        }
        if (!again)
            break;
        QFile::remove(temp);
    }
    if (s.ok() && std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(out.absoluteFilePath()).constData()) != 0)
        s = Error::make(ErrorCode::PermissionDenied, tr("Could not save %1 (the copy could not be renamed into place).").arg(out.fileName()));
    if (!s.ok())
        QFile::remove(temp);
    return s;
}

} // namespace hs::core
