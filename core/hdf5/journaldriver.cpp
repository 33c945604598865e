#include "hdf5/journaldriver.h"

#include <QFile>
#include <QFileInfo>

#include <H5FDpublic.h>

#include <algorithm>
#include <limits>
#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hs::core::journaldriver {

namespace {

constexpr char kMagic[8] = {'H', 'S', 'J', 'R', 'N', 'L', '1', '\n'};
constexpr char kEnd[8] = {'H', 'S', 'J', 'E', 'N', 'D', '1', '\n'};

quint64 fnv1a(const unsigned char *p, size_t n)
{
    quint64 h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; ++i) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

void put64(std::vector<unsigned char> &out, quint64 v)
{
    for (int i = 0; i < 8; ++i)
        out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}

quint64 get64(const unsigned char *p)
{
    quint64 v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

bool writeAll(int fd, const unsigned char *p, size_t n, off_t at)
{
    while (n > 0) {
        const ssize_t w = at >= 0 ? ::pwrite(fd, p, n, at) : ::write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += w;
        n -= size_t(w);
        if (at >= 0)
            at += w;
    }
    return true;
}

std::string journalFor(const std::string &path)
{
    const size_t slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    return dir + "." + name + ".hyperslab-journal";
}

// The driver's file: sec2's state plus the metadata written since the last
// flush, as non-overlapping byte ranges by address.
struct JournalFile
{
    H5FD_t pub; // first: HDF5 hands this struct around as an H5FD_t
    int fd = -1;
    haddr_t eoa = 0;
    haddr_t eof = 0;      // logical end: the disk's, or further when pending writes reach past it
    haddr_t diskEof = 0;  // what is really on disk
    dev_t device = 0;
    ino_t inode = 0;
    std::string path;
    bool writable = false;
    std::map<haddr_t, std::vector<unsigned char>> pending;

    // Puts [addr, addr+n) into `pending`, trimming what it overlaps.
    void keep(haddr_t addr, const unsigned char *p, size_t n)
    {
        drop(addr, n);
        pending.emplace(addr, std::vector<unsigned char>(p, p + n));
    }
    // Removes [addr, addr+n) from `pending`, keeping the parts around it.
    void drop(haddr_t addr, size_t n)
    {
        const haddr_t end = addr + n;
        auto it = pending.upper_bound(addr);
        if (it != pending.begin())
            --it;
        while (it != pending.end() && it->first < end) {
            const haddr_t a = it->first, e = a + it->second.size();
            if (e <= addr) {
                ++it;
                continue;
            }
            std::vector<unsigned char> bytes = std::move(it->second);
            it = pending.erase(it);
            if (a < addr)
                pending.emplace(a, std::vector<unsigned char>(bytes.begin(), bytes.begin() + (addr - a)));
            if (e > end)
                it = pending.emplace(end, std::vector<unsigned char>(bytes.begin() + (end - a), bytes.end())).first;
        }
    }
    // Copies pending bytes over a buffer read from [addr, addr+n).
    void overlay(haddr_t addr, unsigned char *out, size_t n) const
    {
        const haddr_t end = addr + n;
        auto it = pending.upper_bound(addr);
        if (it != pending.begin())
            --it;
        for (; it != pending.end() && it->first < end; ++it) {
            const haddr_t a = it->first, e = a + it->second.size();
            const haddr_t from = std::max(a, addr), to = std::min(e, end);
            if (from < to)
                std::memcpy(out + (from - addr), it->second.data() + (from - a), size_t(to - from));
        }
    }
    // Journal, then file, then no journal: see the header.
    bool commit()
    {
        if (pending.empty())
            return true;
        std::vector<unsigned char> j(kMagic, kMagic + 8);
        put64(j, pending.size());
        put64(j, eoa);
        for (const auto &[addr, bytes] : pending) {
            put64(j, addr);
            put64(j, bytes.size());
            j.insert(j.end(), bytes.begin(), bytes.end());
        }
        put64(j, fnv1a(j.data(), j.size()));
        j.insert(j.end(), kEnd, kEnd + 8);
        const std::string jp = journalFor(path);
        // Without a journal (the folder became read-only, or vanished), the
        // save is still made, as HDF5's own driver makes it: better than none.
        const int jfd = ::open(jp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (jfd >= 0) {
            const bool journaled = writeAll(jfd, j.data(), j.size(), -1) && ::fdatasync(jfd) == 0;
            ::close(jfd);
            if (!journaled)
                ::unlink(jp.c_str());
        }
        for (const auto &[addr, bytes] : pending)
            if (!writeAll(fd, bytes.data(), bytes.size(), off_t(addr)))
                return false; // the journal stays: the next open completes this save
        if (::fdatasync(fd) != 0)
            return false;
        ::unlink(jp.c_str());
        for (const auto &[addr, bytes] : pending)
            diskEof = std::max<haddr_t>(diskEof, addr + bytes.size());
        pending.clear();
        return true;
    }
};

JournalFile *cast(H5FD_t *f) { return reinterpret_cast<JournalFile *>(f); }
const JournalFile *cast(const H5FD_t *f) { return reinterpret_cast<const JournalFile *>(f); }

H5FD_t *jOpen(const char *name, unsigned flags, hid_t, haddr_t maxaddr)
{
    if (!name || !*name || maxaddr == 0 || maxaddr == HADDR_UNDEF)
        return nullptr;
    if (!recover(QFile::decodeName(name)).ok())
        return nullptr;
    int o = O_CLOEXEC | ((flags & H5F_ACC_RDWR) ? O_RDWR : O_RDONLY);
    if (flags & H5F_ACC_TRUNC)
        o |= O_TRUNC;
    if (flags & H5F_ACC_CREAT)
        o |= O_CREAT;
    if (flags & H5F_ACC_EXCL)
        o |= O_EXCL;
    const int fd = ::open(name, o, 0666);
    if (fd < 0)
        return nullptr;
    struct stat st = {};
    if (::fstat(fd, &st) != 0) {
        ::close(fd);
        return nullptr;
    }
    auto *f = new JournalFile;
    std::memset(&f->pub, 0, sizeof f->pub);
    f->fd = fd;
    f->eof = f->diskEof = haddr_t(st.st_size);
    f->device = st.st_dev;
    f->inode = st.st_ino;
    f->path = name;
    f->writable = (flags & H5F_ACC_RDWR) != 0;
    return &f->pub;
}

herr_t jClose(H5FD_t *file)
{
    JournalFile *f = cast(file);
    // Normally nothing is pending: HDF5 flushes (and reports a failure) before
    // it closes. A failing close would leave HDF5's own file object half torn
    // down, so the close itself always succeeds.
    f->commit();
    ::close(f->fd);
    delete f;
    return 0;
}

int jCmp(const H5FD_t *a, const H5FD_t *b)
{
    const JournalFile *x = cast(a), *y = cast(b);
    if (x->device != y->device)
        return x->device < y->device ? -1 : 1;
    if (x->inode != y->inode)
        return x->inode < y->inode ? -1 : 1;
    return 0;
}

herr_t jQuery(const H5FD_t *, unsigned long *flags)
{
    if (flags)
        *flags = H5FD_FEAT_AGGREGATE_METADATA | H5FD_FEAT_ACCUMULATE_METADATA | H5FD_FEAT_DATA_SIEVE
            | H5FD_FEAT_AGGREGATE_SMALLDATA | H5FD_FEAT_POSIX_COMPAT_HANDLE | H5FD_FEAT_DEFAULT_VFD_COMPATIBLE;
    return 0;
}

haddr_t jGetEoa(const H5FD_t *file, H5FD_mem_t) { return cast(file)->eoa; }

herr_t jSetEoa(H5FD_t *file, H5FD_mem_t, haddr_t addr)
{
    cast(file)->eoa = addr;
    return 0;
}

haddr_t jGetEof(const H5FD_t *file, H5FD_mem_t) { return cast(file)->eof; }

herr_t jGetHandle(H5FD_t *file, hid_t, void **handle)
{
    if (!handle)
        return -1;
    *handle = &cast(file)->fd;
    return 0;
}

herr_t jRead(H5FD_t *file, H5FD_mem_t, hid_t, haddr_t addr, size_t size, void *buf)
{
    JournalFile *f = cast(file);
    auto *out = static_cast<unsigned char *>(buf);
    size_t done = 0;
    while (done < size) {
        const ssize_t r = ::pread(f->fd, out + done, size - done, off_t(addr + done));
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (r == 0) { // past the end of what is on disk
            std::memset(out + done, 0, size - done);
            break;
        }
        done += size_t(r);
    }
    f->overlay(addr, out, size);
    return 0;
}

herr_t jWrite(H5FD_t *file, H5FD_mem_t type, hid_t, haddr_t addr, size_t size, const void *buf)
{
    JournalFile *f = cast(file);
    const auto *p = static_cast<const unsigned char *>(buf);
    if (type == H5FD_MEM_DRAW) {
        // Values go straight to the file; a metadata block the same range held
        // (it never should) would be stale.
        f->drop(addr, size);
        if (!writeAll(f->fd, p, size, off_t(addr)))
            return -1;
        f->diskEof = std::max<haddr_t>(f->diskEof, addr + size);
    } else {
        f->keep(addr, p, size);
    }
    f->eof = std::max<haddr_t>(f->eof, addr + size);
    return 0;
}

herr_t jFlush(H5FD_t *file, hid_t, hbool_t) { return cast(file)->commit() ? 0 : -1; }

herr_t jTruncate(H5FD_t *file, hid_t, hbool_t)
{
    JournalFile *f = cast(file);
    if (f->eoa > f->diskEof) {
        // Growing is always safe: the structures on disk end before.
        if (::ftruncate(f->fd, off_t(f->eoa)) != 0)
            return -1;
        f->diskEof = f->eoa;
    } else if (f->eoa < f->diskEof && f->pending.empty()) {
        // Shrinking only once the structures that no longer reach so far are
        // on disk; before that the file on disk still needs its old end.
        if (::ftruncate(f->fd, off_t(f->eoa)) != 0)
            return -1;
        f->diskEof = f->eoa;
    }
    f->eof = std::max(f->eoa, f->diskEof);
    return 0;
}

herr_t jLock(H5FD_t *file, hbool_t)
{
    // A shared lock even for writing. HDF5 takes an exclusive one, which also
    // shuts out readers; but HDF5 recognises a file it has open only through
    // the same driver, so a reader in this process (sec2) would be refused by
    // our own lock. Another writer (HDF5's exclusive lock) is still refused,
    // and the journal keeps what readers see whole except while a save is
    // being copied into the file.
    if (::flock(cast(file)->fd, LOCK_SH | LOCK_NB) == 0)
        return 0;
    return errno == ENOSYS ? 0 : -1; // no locks on this file system: as HDF5's own drivers do when allowed
}

herr_t jUnlock(H5FD_t *file)
{
    if (::flock(cast(file)->fd, LOCK_UN) == 0 || errno == ENOSYS)
        return 0;
    return -1;
}

H5FD_class_t makeClass()
{
    H5FD_class_t c;
    std::memset(&c, 0, sizeof c);
    c.name = "hyperslab-journal";
    c.maxaddr = haddr_t(std::numeric_limits<off_t>::max());
    c.fc_degree = H5F_CLOSE_WEAK;
    c.open = jOpen;
    c.close = jClose;
    c.cmp = jCmp;
    c.query = jQuery;
    c.get_eoa = jGetEoa;
    c.set_eoa = jSetEoa;
    c.get_eof = jGetEof;
    c.get_handle = jGetHandle;
    c.read = jRead;
    c.write = jWrite;
    c.flush = jFlush;
    c.truncate = jTruncate;
    c.lock = jLock;
    c.unlock = jUnlock;
    // Freed metadata is never reused for values (and the other way round): a
    // value written straight to the file must not land on a block the
    // structures on disk still use until the next flush.
    const H5FD_mem_t map[H5FD_MEM_NTYPES] = H5FD_FLMAP_DICHOTOMY;
    std::copy(std::begin(map), std::end(map), std::begin(c.fl_map));
    return c;
}

} // namespace

hid_t id()
{
    static const H5FD_class_t cls = makeClass();
    static hid_t driver = H5I_INVALID_HID;
    static std::once_flag once;
    std::call_once(once, [] { driver = H5FDregister(&cls); });
    return driver;
}

bool use(hid_t fapl)
{
    const hid_t d = id();
    return d >= 0 && H5Pset_driver(fapl, d, nullptr) >= 0;
}

QString journalPath(const QString &path)
{
    return QFile::decodeName(QByteArray::fromStdString(journalFor(QFile::encodeName(path).toStdString())));
}

Status recover(const QString &path, bool *replayed)
{
    if (replayed)
        *replayed = false;
    const std::string jp = journalFor(QFile::encodeName(path).toStdString());
    const int jfd = ::open(jp.c_str(), O_RDONLY | O_CLOEXEC);
    if (jfd < 0)
        return Ok{};
    std::vector<unsigned char> j;
    unsigned char buf[65536];
    for (;;) {
        const ssize_t r = ::read(jfd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        j.insert(j.end(), buf, buf + r);
    }
    ::close(jfd);
    const QString name = QFileInfo(path).fileName();
    const bool whole = j.size() >= 40 && std::memcmp(j.data(), kMagic, 8) == 0
        && std::memcmp(j.data() + j.size() - 8, kEnd, 8) == 0
        && get64(j.data() + j.size() - 16) == fnv1a(j.data(), j.size() - 16);
    if (!whole) {
        // Torn while it was written: the file itself was not touched yet.
        ::unlink(jp.c_str());
        return Ok{};
    }
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return Error::make(ErrorCode::PermissionDenied,
                           QStringLiteral("The last save to \u201c%1\u201d was interrupted and could not be completed: "
                                          "the file cannot be written (%2). Make it writable and open it again.")
                               .arg(name, QString::fromLocal8Bit(std::strerror(errno))));
    const quint64 count = get64(j.data() + 8), eoa = get64(j.data() + 16);
    size_t at = 24;
    bool ok = true;
    for (quint64 i = 0; ok && i < count; ++i) {
        if (at + 16 > j.size() - 16) {
            ok = false;
            break;
        }
        const quint64 addr = get64(j.data() + at), size = get64(j.data() + at + 8);
        at += 16;
        if (size > j.size() - 16 - at) {
            ok = false;
            break;
        }
        ok = writeAll(fd, j.data() + at, size_t(size), off_t(addr));
        at += size_t(size);
    }
    struct stat st = {};
    if (ok && ::fstat(fd, &st) == 0 && quint64(st.st_size) < eoa)
        ok = ::ftruncate(fd, off_t(eoa)) == 0;
    ok = ok && ::fdatasync(fd) == 0;
    ::close(fd);
    if (!ok)
        return Error::make(ErrorCode::Internal,
                           QStringLiteral("The last save to \u201c%1\u201d was interrupted and could not be completed "
                                          "(%2).")
                               .arg(name, QString::fromLocal8Bit(std::strerror(errno))));
    ::unlink(jp.c_str());
    if (replayed)
        *replayed = true;
    return Ok{};
}

} // namespace hs::core::journaldriver
