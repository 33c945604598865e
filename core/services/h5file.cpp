#include "services/h5file.h"
#include "services/h5file_p.h"

#include "hdf5/crashbreadcrumb.h"
#include "hdf5/errorstack.h"
#include "hdf5/journaldriver.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <optional>
#include <vector>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hs::core {

namespace {

// A file name that is not valid UTF-8 (Latin-1 "caf\xe9.h5", common for
// instrument files) reaches us decoded, each bad byte as U+FFFD, and that text
// no longer names the file. The one entry of its folder that decodes to the
// same text is the file meant; its bytes are what HDF5 must be given.
std::optional<QByteArray> undecodableName(const QFileInfo &info)
{
    if (!info.fileName().contains(QChar(0xFFFD)))
        return std::nullopt;
    const QByteArray dir = QFile::encodeName(info.absolutePath());
    DIR *d = ::opendir(dir.constData());
    if (!d)
        return std::nullopt;
    std::optional<QByteArray> found;
    int matches = 0;
    while (const dirent *e = ::readdir(d)) {
        if (QFile::decodeName(e->d_name) == info.fileName()) {
            found = dir + '/' + e->d_name;
            ++matches;
        }
    }
    ::closedir(d);
    return matches == 1 ? found : std::nullopt; // two names alike: none is sure
}

// In SWMR-read mode HDF5 retries a metadata read whose checksum fails (a
// writer may be halfway through an update), sleeping 1 ns, 2 ns, 4 ns, ...
// between attempts: its default of 100 attempts sleeps 2^100 ns, so a damaged
// file opened this way hangs for ever on its first bad checksum. 20 attempts
// sleep about 1 ms in all, which still rides out a writer's update.
constexpr unsigned kSwmrReadAttempts = 20;

PropListHandle makeAccessList(bool fileLocking, bool swmrRead)
{
    PropListHandle fapl(H5Pcreate(H5P_FILE_ACCESS));
    if (swmrRead && H5Pset_metadata_read_attempts(fapl.get(), kSwmrReadAttempts) < 0)
        errorstack::clear();
    // The default (weak) close degree, not H5F_CLOSE_STRONG: HDF5 opens the
    // files external links lead to with the weak degree, and refuses to open a
    // file a second time with a different one, so an external link back into
    // this file (directly or through another file) would fail with "file close
    // degree doesn't match". ~H5File closes what is still open itself.
    // Start the metadata cache at 4 MB instead of HDF5's 2 MB. Listing a large
    // "dense" group visits its links in hash order, scattered over the fractal
    // heap; at 2 MB the cache evicts, re-reads and re-checksums the same heap
    // blocks again and again (200,000 names: ~0.8 s instead of ~0.2 s; see
    // bench/RESULTS.md). The cache only holds what was read and still resizes
    // itself, so small files cost nothing more; 8 MB was no faster and peaked
    // higher.
    H5AC_cache_config_t mdc;
    mdc.version = H5AC__CURR_CACHE_CONFIG_VERSION;
    if (H5Pget_mdc_config(fapl.get(), &mdc) >= 0) {
        mdc.set_initial_size = true;
        mdc.initial_size = std::max(mdc.initial_size, size_t(4) << 20);
        mdc.max_size = std::max(mdc.max_size, mdc.initial_size);
        if (H5Pset_mdc_config(fapl.get(), &mdc) < 0)
            errorstack::clear();
    }
#if H5_VERSION_GE(1, 10, 7)
    if (!fileLocking)
        H5Pset_file_locking(fapl.get(), false, true);
#else
    Q_UNUSED(fileLocking)
#endif
    return fapl;
}

// Whether the superblock of the file at `path` names the multi or family driver
// in its driver information block. A flipped bit in the superblock's base or
// end-of-file address looks to HDF5 like one member of a multi-file set; only
// the driver information can say that it really is one. Versions 0 and 1 of
// the superblock keep it there; later versions have checksums, so such a flip
// is reported as damage by HDF5 itself.
bool superblockNamesMultiFileDriver(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    static const QByteArray signature("\x89HDF\r\n\x1a\n", 8);
    auto le64 = [](const QByteArray &b, qsizetype at) {
        quint64 v = 0;
        for (int i = 7; i >= 0; --i)
            v = (v << 8) | quint8(b[at + i]);
        return v;
    };
    // The superblock is at 0, 512, 1024, 2048, ... (after a user block).
    for (qint64 at = 0; at < f.size() && at <= (qint64(1) << 32); at = at == 0 ? 512 : at * 2) {
        if (!f.seek(at))
            return false;
        const QByteArray sb = f.read(64);
        if (!sb.startsWith(signature))
            continue;
        const int version = sb.size() > 8 ? quint8(sb[8]) : -1;
        if ((version != 0 && version != 1) || sb.size() < 64 || quint8(sb[13]) != 8)
            return false; // only 8-byte addresses are written in practice
        const qsizetype driverField = version == 0 ? 48 : 52;
        const quint64 driverInfo = le64(sb, driverField);
        if (driverInfo == ~quint64(0))
            return false;
        // Relative to the base address, which is where the superblock is
        // unless the file is damaged (the case in question).
        if (!f.seek(at + qint64(driverInfo)))
            return false;
        const QByteArray block = f.read(16);
        return block.size() == 16 && (block.mid(8, 8) == "NCSAmult" || block.mid(8, 8) == "NCSAfami");
    }
    return false;
}

// Closes every object still open through the file (as a strong close would),
// so closing or reopening releases everything even if a job still held a
// handle. Objects of other files that external links opened belong to those
// files and close with their last object.
void closeObjectsOf(hid_t fid)
{
    const unsigned types = H5F_OBJ_DATASET | H5F_OBJ_GROUP | H5F_OBJ_DATATYPE | H5F_OBJ_ATTR | H5F_OBJ_LOCAL;
    const ssize_t count = fid >= 0 ? H5Fget_obj_count(fid, types) : 0;
    if (count > 0) {
        std::vector<hid_t> ids(size_t(count), H5I_INVALID_HID);
        const ssize_t n = H5Fget_obj_ids(fid, types, ids.size(), ids.data());
        for (ssize_t i = 0; i < n; ++i) {
            // An identifier may carry several references (H5Iinc_ref): drop them all.
            while (H5Iis_valid(ids[size_t(i)]) > 0 && H5Idec_ref(ids[size_t(i)]) > 0) {
            }
        }
    }
}

} // namespace

H5File::H5File(std::unique_ptr<Private> p) : d(std::move(p)) {}

H5File::~H5File()
{
    LibraryLock lock;
    const CrashBreadcrumb::Scope crumb(d->path, QString()); // named if the library crashes on it

    closeObjectsOf(d->file.get());
    errorstack::clear();
    d->file.reset();
}

bool H5File::isFile(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists())
        return info.isFile();
    struct stat st = {};
    const std::optional<QByteArray> raw = undecodableName(info);
    return raw && ::stat(raw->constData(), &st) == 0 && S_ISREG(st.st_mode);
}

bool H5File::exists(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() || undecodableName(info).has_value();
}

Result<std::shared_ptr<H5File>> H5File::open(const QString &path, Mode mode)
{
    const QFileInfo info(path);
    const QString abs = info.absoluteFilePath();
    const std::optional<QByteArray> raw = info.exists() ? std::nullopt : undecodableName(info);
    struct stat st = {};
    const bool rawIsDir = raw && ::stat(raw->constData(), &st) == 0 && S_ISDIR(st.st_mode);
    if (!info.exists() && !raw)
        return Error::make(ErrorCode::NotFound, QStringLiteral("Could not open \u201c%1\u201d. The file does not exist.").arg(path));
    if (raw ? rawIsDir : info.isDir())
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("Could not open \u201c%1\u201d. It is a folder, not a file.").arg(path));
    if (raw ? ::access(raw->constData(), R_OK) != 0 : !info.isReadable())
        return Error::make(ErrorCode::PermissionDenied,
                           QStringLiteral("Could not open \u201c%1\u201d. You do not have permission to read it.").arg(path));

    // A save that a killed process left half done is completed (or dropped, if
    // it never reached the file) before anything reads the file.
    if (!raw) {
        if (const Status s = journaldriver::recover(abs); !s.ok())
            return s.error();
    }
    LibraryLock lock;
    const CrashBreadcrumb::Scope crumb(abs, QString()); // named if the library crashes on it
    const QByteArray native = raw ? *raw : QFile::encodeName(abs);
    const unsigned flags = mode == Mode::ReadOnly ? H5F_ACC_RDONLY : H5F_ACC_RDWR;

    // Captures the error inside, before closing the property list: every HDF5
    // call starts by clearing the thread's error stack.
    Error lastError;
    auto attempt = [&](unsigned f, bool locking) {
        PropListHandle fapl = makeAccessList(locking, (f & H5F_ACC_SWMR_READ) != 0);
        if ((f & H5F_ACC_RDWR) && !journaldriver::use(fapl.get()))
            return hid_t(H5I_INVALID_HID);
        const hid_t id = H5Fopen(native.constData(), f, fapl.get());
        if (id < 0)
            lastError = errorstack::capture(QStringLiteral("open"), info.fileName());
        return id;
    };

    QString note;
    hid_t id = attempt(flags, true);
    if (id < 0) {
        // The first failure names the cause the user can act on; the fallbacks
        // only decide whether the file can be read anyway. (A failed SWMR
        // attempt says just "not open for SWMR writing"; and when a writer
        // holds a lock, "locked" is the truth, while the "still open" advice
        // to run h5clear would damage the file that writer is writing.)
        const Error first = lastError;
        bool stillOpen = first.code == ErrorCode::StillOpenForWrite;
        if (first.code == ErrorCode::Locked && mode == Mode::ReadOnly) {
            id = attempt(flags, false);
            if (id >= 0)
                note = QStringLiteral("Another program holds a lock on this file; it was opened read-only "
                                      "without locking, so data that program is writing may look incomplete.");
            else
                stillOpen = lastError.code == ErrorCode::StillOpenForWrite;
        }
        if (id < 0 && stillOpen && mode == Mode::ReadOnly) {
            id = attempt(H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, false);
            if (id >= 0)
                // The mark alone cannot tell a live SWMR writer from a writer
                // that crashed, so the note says both.
                note = QStringLiteral("The file is marked as still open for writing: another program may be "
                                      "writing it (SWMR), or a program that wrote it did not close it. It was "
                                      "opened read-only in SWMR mode; what you see may be incomplete or change.");
        }
        if (id < 0) {
            // errorstack says "multi-file set" for an impossible end-of-file or
            // base address; without the driver information to back it, the
            // file is damaged.
            if (first.code == ErrorCode::Unsupported && first.message.contains(QStringLiteral("\u201cmulti\u201d"))
                && !superblockNamesMultiFileDriver(abs))
                return Error::make(ErrorCode::Corrupt,
                                   QStringLiteral("Could not open \u201c%1\u201d. The file is damaged: its header "
                                                  "(superblock) gives an impossible size or base address.")
                                       .arg(info.fileName()),
                                   first.detail);
            return first;
        }
    }

    auto p = std::make_unique<Private>();
    p->file.reset(id);
    p->path = abs;
    p->readOnly = mode == Mode::ReadOnly;
    p->openNote = note;
    p->unlocked = !note.isEmpty();
    p->swmrRead = note.contains(QLatin1String("SWMR"));
    return std::shared_ptr<H5File>(new H5File(std::move(p)));
}

QString H5File::path() const { return d->path; }
QString H5File::displayName() const { return QFileInfo(d->path).fileName(); }
bool H5File::isReadOnly() const { return d->readOnly; }
QString H5File::openNote() const { return d->openNote; }

QString H5File::writeRefusal() const
{
    if (d->swmrRead)
        return QStringLiteral("\u201c%1\u201d is marked as still open for writing by another program (or by one "
                              "that did not close it); it stays read-only so that the two do not damage it.")
            .arg(displayName());
    if (d->unlocked)
        return QStringLiteral("Another program holds a lock on \u201c%1\u201d (it is probably writing it); it stays "
                              "read-only until that program closes it.")
            .arg(displayName());
    return {};
}

quint64 H5File::handleGeneration() const
{
    LibraryLock lock;
    return d->generation;
}

Status H5File::reopen(Mode mode)
{
    if ((mode == Mode::ReadOnly) == d->readOnly)
        return Ok{};
    if (mode == Mode::ReadWrite) {
        if (const QString why = writeRefusal(); !why.isEmpty())
            return Error::make(ErrorCode::Locked, QStringLiteral("Could not enable editing. %1").arg(why));
        if (!QFileInfo(d->path).isWritable() && QFileInfo(d->path).exists())
            return Error::make(ErrorCode::PermissionDenied,
                               QStringLiteral("Could not enable editing of \u201c%1\u201d: you do not have "
                                              "permission to write it.")
                                   .arg(displayName()));
        if (!QFileInfo(QFileInfo(d->path).absolutePath()).isWritable())
            return Error::make(ErrorCode::PermissionDenied,
                               QStringLiteral("Could not enable editing of \u201c%1\u201d: its folder is not writable, "
                                              "and Hyperslab keeps a small journal beside the file while it saves, so "
                                              "that an interrupted save never damages it.")
                                   .arg(displayName()));
    }
    LibraryLock lock;
    const CrashBreadcrumb::Scope crumb(d->path, QString());
    const QByteArray native = QFile::encodeName(d->path);
    const auto openWith = [&](Mode m) {
        PropListHandle fapl = makeAccessList(true, false);
        if (m == Mode::ReadWrite && !journaldriver::use(fapl.get()))
            return hid_t(H5I_INVALID_HID);
        return H5Fopen(native.constData(), m == Mode::ReadOnly ? H5F_ACC_RDONLY : H5F_ACC_RDWR, fapl.get());
    };
    closeObjectsOf(d->file.get());
    d->file.reset();
    ++d->generation;
    hid_t id = openWith(mode);
    if (id >= 0) {
        d->file.reset(id);
        d->readOnly = mode == Mode::ReadOnly;
        errorstack::clear();
        return Ok{};
    }
    Error e = errorstack::capture(QStringLiteral("open for writing"), displayName());
    // Back as it was; a read-only open of a file that was just open succeeds
    // unless the file vanished meanwhile.
    id = openWith(d->readOnly ? Mode::ReadOnly : Mode::ReadWrite);
    if (id < 0) {
        PropListHandle fapl = makeAccessList(false, false);
        id = H5Fopen(native.constData(), H5F_ACC_RDONLY, fapl.get());
        d->readOnly = true;
    }
    d->file.reset(id);
    errorstack::clear();
    if (mode == Mode::ReadWrite) {
        QString why = e.message;
        if (e.code == ErrorCode::Locked)
            why = QStringLiteral("Another program has \u201c%1\u201d open (HDF5 keeps a lock on files it writes); "
                                 "close it there first.")
                      .arg(displayName());
        else if (e.code == ErrorCode::PermissionDenied)
            why = QStringLiteral("You do not have permission to write \u201c%1\u201d, or it is on a read-only "
                                 "disk.")
                      .arg(displayName());
        return Error::make(e.code, QStringLiteral("Could not enable editing. %1 It stays read-only.").arg(why), e.detail);
    }
    return e;
}

qint64 openHdf5ObjectCount()
{
    LibraryLock lock;
    // H5F_OBJ_ALL with H5F_OBJ_ALL as "file" counts identifiers across all files.
    return H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL);
}

} // namespace hs::core
