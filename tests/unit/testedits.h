#pragma once

// Test edits for the session tests (core and GUI): a small file written by
// code, and EditOperations written the way core's own keep the rules (capture
// before change, every return checked, changes recorded). Include after Qt
// Test; links HDF5.

#include "hdf5/datasetaccess.h"
#include "hdf5/librarylock.h"
#include "services/h5file.h"
#include "services/h5file_p.h"
#include "session/editoperation.h"

#include <QCryptographicHash>
#include <QFile>

#include <QtEndian>

#include <hdf5.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <climits>
#include <vector>

namespace hs::test {

using namespace hs::core;

constexpr int Rows = 4, Cols = 5;

// /d: int32 [4][5] with d[r][c] = 10*r + c; /g: a group with /g/inner (empty).
inline bool writeFixture(const QString &path)
{
    LibraryLock lock;
    const hid_t f = H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (f < 0)
        return false;
    const hsize_t dims[2] = {Rows, Cols};
    const hid_t space = H5Screate_simple(2, dims, nullptr);
    const hid_t d = H5Dcreate2(f, "/d", H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    int values[Rows][Cols];
    for (int r = 0; r < Rows; ++r)
        for (int c = 0; c < Cols; ++c)
            values[r][c] = 10 * r + c;
    const bool ok = d >= 0 && H5Dwrite(d, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values) >= 0;
    // /big: int32 [100][100] in 32 x 32 chunks, big[r][c] = 1000*r + c (several tiles).
    const hsize_t bigDims[2] = {100, 100}, chunk[2] = {32, 32};
    const hid_t bigSpace = H5Screate_simple(2, bigDims, nullptr);
    const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(dcpl, 2, chunk);
    const hid_t big = H5Dcreate2(f, "/big", H5T_STD_I32LE, bigSpace, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    std::vector<int> bigValues(100 * 100);
    for (int r = 0; r < 100; ++r)
        for (int c = 0; c < 100; ++c)
            bigValues[size_t(r * 100 + c)] = 1000 * r + c;
    const bool bigOk = big >= 0 && H5Dwrite(big, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, bigValues.data()) >= 0;
    H5Dclose(big);
    H5Pclose(dcpl);
    H5Sclose(bigSpace);
    const hid_t g = H5Gcreate2(f, "/g", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const hid_t inner = H5Gcreate2(f, "/g/inner", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Gclose(inner);
    H5Gclose(g);
    H5Dclose(d);
    H5Sclose(space);
    return H5Fclose(f) >= 0 && ok && bigOk && g >= 0;
}

inline QByteArray bytesOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256) : QByteArray();
}

// d[r][c] as the file's bytes hold it: read with a descriptor of its own at
// the dataset's address (/d is contiguous), not through HDF5's caches, so it
// proves the value was flushed. (Not with a helper process: QProcess's pipes,
// made inside Qt where ThreadSanitizer does not look, confuse its model of
// descriptors the HDF5 library then reuses.)
inline int valueOnDisk(const QString &path, int r, int c)
{
    haddr_t offset = HADDR_UNDEF;
    {
        LibraryLock lock;
        const hid_t f = H5Fopen(QFile::encodeName(path).constData(), H5F_ACC_RDONLY, H5P_DEFAULT);
        const hid_t d = f >= 0 ? openDataset(f, "/d") : H5I_INVALID_HID;
        if (d >= 0)
            offset = H5Dget_offset(d);
        if (d >= 0)
            H5Dclose(d);
        if (f >= 0)
            H5Fclose(f);
    }
    if (offset == HADDR_UNDEF)
        return INT_MIN;
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd < 0)
        return INT_MIN;
    qint32 v = 0;
    const ssize_t n = ::pread(fd, &v, sizeof v, off_t(offset + haddr_t(r * Cols + c) * sizeof v));
    ::close(fd);
    return n == sizeof v ? qFromLittleEndian(v) : INT_MIN;
}

// Reads or writes d[r][c] through the session's file, under the lock.
inline Status cellIO(const H5File &file, int r, int c, int *value, bool write, const char *dataset = "/d")
{
    LibraryLock lock;
    // As every opener in core does: HDF5 refuses a second open of a dataset
    // with other access properties than the open one (a grid's reader).
    const hid_t d = openDataset(fileId(file), dataset);
    if (d < 0)
        return Error::make(ErrorCode::NotFound, QStringLiteral("no /d in %1").arg(file.displayName()));
    const hid_t space = H5Dget_space(d);
    const hsize_t start[2] = {hsize_t(r), hsize_t(c)}, count[2] = {1, 1};
    H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, count, nullptr);
    const hid_t mem = H5Screate_simple(2, count, nullptr);
    const herr_t rc = write ? H5Dwrite(d, H5T_NATIVE_INT, mem, space, H5P_DEFAULT, value)
                            : H5Dread(d, H5T_NATIVE_INT, mem, space, H5P_DEFAULT, value);
    H5Sclose(mem);
    H5Sclose(space);
    H5Dclose(d);
    if (rc < 0)
        return Error::make(ErrorCode::Internal, QStringLiteral("could not %1 /d").arg(write ? QStringLiteral("write") : QStringLiteral("read")));
    return Ok{};
}

// Sets d[r][c], keeping the previous value for revert.
class SetCell final : public EditOperation
{
public:
    SetCell(int r, int c, int value, std::vector<int> *log = nullptr, QByteArray dataset = "/d")
        : m_r(r), m_c(c), m_value(value), m_log(log), m_dataset(std::move(dataset))
    {
    }
    QString description() const override
    {
        return QStringLiteral("Set %1[%2, %3] to %4").arg(QString::fromUtf8(m_dataset)).arg(m_r).arg(m_c).arg(m_value);
    }
    Status apply(EditContext &ctx) override
    {
        ++applied;
        Status s = cellIO(*ctx.file(), m_r, m_c, &m_previous, false, m_dataset.constData()); // captured before the change
        if (!s)
            return s;
        int v = m_value;
        s = cellIO(*ctx.file(), m_r, m_c, &v, true, m_dataset.constData());
        if (s) {
            if (m_log)
                m_log->push_back(m_value);
            ctx.changes().valuesChanged.push_back({QString::fromUtf8(m_dataset), region()});
        }
        return s;
    }
    Status revert(EditContext &ctx) override
    {
        Status s = cellIO(*ctx.file(), m_r, m_c, &m_previous, true, m_dataset.constData());
        if (s)
            ctx.changes().valuesChanged.push_back({QString::fromUtf8(m_dataset), region()});
        return s;
    }
    ValueRegion region() const { return ValueRegion{{quint64(m_r), quint64(m_c)}, {1, 1}}; }
    std::atomic_int applied{0};

private:
    int m_r, m_c, m_value, m_previous = 0;
    std::vector<int> *m_log;
    QByteArray m_dataset;
};


inline QString parentOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

// Creates an empty group; revert unlinks it.
class CreateGroup final : public EditOperation
{
public:
    explicit CreateGroup(QString path) : m_path(std::move(path)) {}
    QString description() const override { return QStringLiteral("Create group %1").arg(m_path); }
    Status apply(EditContext &ctx) override
    {
        LibraryLock lock;
        const hid_t g = H5Gcreate2(fileId(*ctx.file()), m_path.toUtf8().constData(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        if (g < 0)
            return Error::make(ErrorCode::InvalidArgument, QStringLiteral("could not create %1").arg(m_path));
        H5Gclose(g);
        ctx.changes().membersChanged.push_back(parentOf(m_path));
        return Ok{};
    }
    Status revert(EditContext &ctx) override
    {
        LibraryLock lock;
        if (H5Ldelete(fileId(*ctx.file()), m_path.toUtf8().constData(), H5P_DEFAULT) < 0)
            return Error::make(ErrorCode::InvalidArgument, QStringLiteral("could not remove %1").arg(m_path));
        ctx.changes().removed.push_back(m_path);
        ctx.changes().membersChanged.push_back(parentOf(m_path));
        return Ok{};
    }

private:
    QString m_path;
};

// Moves a link (rename, or into another group); revert moves it back.
class MoveLink final : public EditOperation
{
public:
    MoveLink(QString from, QString to) : m_from(std::move(from)), m_to(std::move(to)) {}
    QString description() const override { return QStringLiteral("Rename %1 to %2").arg(m_from, m_to); }
    Status apply(EditContext &ctx) override { return move(ctx, m_from, m_to); }
    Status revert(EditContext &ctx) override { return move(ctx, m_to, m_from); }

private:
    static Status move(EditContext &ctx, const QString &from, const QString &to)
    {
        LibraryLock lock;
        const hid_t f = fileId(*ctx.file());
        if (H5Lmove(f, from.toUtf8().constData(), f, to.toUtf8().constData(), H5P_DEFAULT, H5P_DEFAULT) < 0)
            return Error::make(ErrorCode::InvalidArgument, QStringLiteral("could not move %1").arg(from));
        ctx.changes().moved.push_back({from, to});
        ctx.changes().membersChanged.push_back(parentOf(from));
        if (parentOf(to) != parentOf(from))
            ctx.changes().membersChanged.push_back(parentOf(to));
        return Ok{};
    }
    QString m_from, m_to;
};

// Unlinks a dataset, keeping it open; revert links the same object back (H5Olink).
class Unlink final : public EditOperation
{
public:
    explicit Unlink(QString path) : m_path(std::move(path)) {}
    ~Unlink() override
    {
        if (m_kept >= 0) {
            LibraryLock lock;
            H5Dclose(m_kept);
        }
    }
    QString description() const override { return QStringLiteral("Delete %1").arg(m_path); }
    Status apply(EditContext &ctx) override
    {
        LibraryLock lock;
        const hid_t f = fileId(*ctx.file());
        // A dataset through openDataset: H5Oopen would use other access
        // properties than a grid's open handle, which HDF5 refuses.
        if (m_kept < 0)
            m_kept = openDataset(f, m_path.toUtf8().constData());
        if (m_kept < 0 || H5Ldelete(f, m_path.toUtf8().constData(), H5P_DEFAULT) < 0)
            return Error::make(ErrorCode::InvalidArgument, QStringLiteral("could not delete %1").arg(m_path));
        ctx.changes().removed.push_back(m_path);
        ctx.changes().membersChanged.push_back(parentOf(m_path));
        return Ok{};
    }
    Status revert(EditContext &ctx) override
    {
        LibraryLock lock;
        if (H5Olink(m_kept, fileId(*ctx.file()), m_path.toUtf8().constData(), H5P_DEFAULT, H5P_DEFAULT) < 0)
            return Error::make(ErrorCode::InvalidArgument, QStringLiteral("could not restore %1").arg(m_path));
        ctx.changes().membersChanged.push_back(parentOf(m_path));
        return Ok{};
    }

private:
    QString m_path;
    hid_t m_kept = H5I_INVALID_HID;
};

// Changes the dataset's attributes (adds or removes attribute "note").
class ToggleAttribute final : public EditOperation
{
public:
    explicit ToggleAttribute(QString path) : m_path(std::move(path)) {}
    QString description() const override { return QStringLiteral("Add attribute note to %1").arg(m_path); }
    Status apply(EditContext &ctx) override
    {
        LibraryLock lock;
        const hid_t space = H5Screate(H5S_SCALAR);
        const int v = 42;
        const hid_t a = H5Acreate_by_name(fileId(*ctx.file()), m_path.toUtf8().constData(), "note", H5T_STD_I32LE, space,
                                          H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        const bool ok = a >= 0 && H5Awrite(a, H5T_NATIVE_INT, &v) >= 0;
        if (a >= 0)
            H5Aclose(a);
        H5Sclose(space);
        if (!ok)
            return Error::make(ErrorCode::InvalidArgument, QStringLiteral("could not add note"));
        ctx.changes().attributesChanged.push_back(m_path);
        return Ok{};
    }
    Status revert(EditContext &ctx) override
    {
        LibraryLock lock;
        if (H5Adelete_by_name(fileId(*ctx.file()), m_path.toUtf8().constData(), "note", H5P_DEFAULT) < 0)
            return Error::make(ErrorCode::InvalidArgument, QStringLiteral("could not remove note"));
        ctx.changes().attributesChanged.push_back(m_path);
        return Ok{};
    }

private:
    QString m_path;
};

// Makes `path` unwritable even for root (the immutable flag) or, as a user,
// read-only; with system calls of the test's own (see valueOnDisk).
class Unwritable
{
public:
    explicit Unwritable(const QString &path) : m_path(QFile::encodeName(path))
    {
        m_ok = ::geteuid() == 0 ? setImmutable(true) : ::chmod(m_path.constData(), 0444) == 0;
    }
    ~Unwritable()
    {
        if (::geteuid() == 0)
            setImmutable(false);
        else
            ::chmod(m_path.constData(), 0600);
    }
    bool ok() const { return m_ok; }

private:
    bool setImmutable(bool on)
    {
        const int fd = ::open(m_path.constData(), O_RDONLY);
        if (fd < 0)
            return false;
        int flags = 0;
        bool ok = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
        flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
        ok = ok && ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
        ::close(fd);
        return ok;
    }
    QByteArray m_path;
    bool m_ok = false;
};

} // namespace hs::test
