#pragma once

// Shared by the structure-edit tests: a fresh copy of the structure fixture per
// test, opened read-write with its own FileSession, and a listing of the
// file's links that the tests compare before and after each edit.

#include "fixtures/fixtures.h"
#include "hdf5/compat.h"
#include "hdf5/datasetaccess.h"
#include "hdf5/handle.h"
#include "services/h5file_p.h"
#include "session/filesession.h"

#include <QCryptographicHash>
#include <QTest>
#include <QFile>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace hs::test {

inline QByteArray fileDigest(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Every link in the file, depth first in name order: "path hard dataset 4×5 @addr",
// "path soft -> target", "path external -> file:/path".
inline QStringList listing(const core::H5File &file)
{
    using namespace core;
    LibraryLock lock;
    QStringList out;
    const hid_t fid = fileId(file);
    auto visit = [](hid_t group, const char *name, const H5L_info_t *info, void *data) -> herr_t {
        auto *lines = static_cast<QStringList *>(data);
        QString line = QStringLiteral("/") + QString::fromUtf8(name);
        if (info->type == H5L_TYPE_HARD) {
            compat::ObjectInfo o{};
            compat::objectInfoByName(group, name, &o);
            line += QStringLiteral(" hard %1 @%2").arg(int(o.type)).arg(quint64(info->u.address));
            if (o.type == H5O_TYPE_DATASET) {
                DatasetHandle d(openDataset(group, name));
                DataspaceHandle s(H5Dget_space(d.get()));
                hsize_t dims[8] = {};
                const int rank = H5Sget_simple_extent_dims(s.get(), dims, nullptr);
                for (int i = 0; i < rank; ++i)
                    line += QStringLiteral(" %1").arg(quint64(dims[i]));
            }
        } else {
            QByteArray v(qsizetype(info->u.val_size), '\0');
            H5Lget_val(group, name, v.data(), v.size(), H5P_DEFAULT);
            if (info->type == H5L_TYPE_SOFT) {
                line += QStringLiteral(" soft -> ") + QString::fromUtf8(v.constData());
            } else {
                const char *f = nullptr, *p = nullptr;
                unsigned flags = 0;
                H5Lunpack_elink_val(v.constData(), v.size(), &flags, &f, &p);
                line += QStringLiteral(" external -> %1:%2").arg(QString::fromUtf8(f), QString::fromUtf8(p));
            }
        }
        lines->append(line);
        return 0;
    };
    H5Lvisit(fid, H5_INDEX_NAME, H5_ITER_INC, visit, &out);
    return out;
}

struct StructureFile
{
    QTemporaryDir dir;
    QString path;
    core::H5FilePtr file;
    std::unique_ptr<core::FileSession> session;

    explicit StructureFile(core::H5File::Mode mode = core::H5File::Mode::ReadWrite, bool latest = false)
    {
        path = dir.filePath(QStringLiteral("structure.h5"));
        if (!fixtures::writeStructureFile(path, latest))
            return;
        open(mode);
    }
    bool open(core::H5File::Mode mode)
    {
        auto f = core::H5File::open(path, mode);
        if (!f)
            return false;
        file = *f;
        session = std::make_unique<core::FileSession>(file);
        return true;
    }
    void close()
    {
        session.reset();
        file.reset();
    }
    bool ok() const { return file != nullptr; }

    // Applies or reverts through the session (write queue, flush, signals).
    core::Status run(const std::shared_ptr<core::EditOperation> &op,
                     core::FileSession::Direction direction = core::FileSession::Direction::Apply)
    {
        std::optional<core::Status> result;
        session->submit(op, direction, [&](const core::Status &s) { result = s; });
        if (!session->waitForWrites() || !result)
            return core::Error::make(core::ErrorCode::Internal, QStringLiteral("the write did not finish"));
        return *result;
    }
    core::Status revert(const std::shared_ptr<core::EditOperation> &op)
    {
        return run(op, core::FileSession::Direction::Revert);
    }
    QStringList links() const { return listing(*file); }
};

} // namespace hs::test

// Checks shared by the structure-edit tests (values, attributes, addresses,
// apply/revert/apply, byte-for-byte refusals).
namespace hs::test {
using namespace hs::core;
inline std::vector<double> readDoubles(const H5File &file, const char *path)
{
    LibraryLock lock;
    DatasetHandle d(openDataset(fileId(file), path));
    DataspaceHandle s(H5Dget_space(d.get()));
    std::vector<double> out(size_t(std::max<hssize_t>(H5Sget_simple_extent_npoints(s.get()), 0)));
    if (!out.empty())
        H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data());
    return out;
}

inline QStringList readStrings(const H5File &file, const char *path)
{
    LibraryLock lock;
    DatasetHandle d(openDataset(fileId(file), path));
    DataspaceHandle s(H5Dget_space(d.get()));
    DatatypeHandle t(H5Dget_type(d.get()));
    std::vector<char *> raw(size_t(H5Sget_simple_extent_npoints(s.get())));
    H5Dread(d.get(), t.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data());
    QStringList out;
    for (char *p : raw)
        out << QString::fromUtf8(p);
    H5Dvlen_reclaim(t.get(), s.get(), H5P_DEFAULT, raw.data());
    return out;
}

inline QString readStringAttribute(const H5File &file, const char *object, const char *name)
{
    LibraryLock lock;
    AttributeHandle a(H5Aopen_by_name(fileId(file), object, name, H5P_DEFAULT, H5P_DEFAULT));
    DatatypeHandle t(H5Aget_type(a.get()));
    char *value = nullptr;
    if (H5Aread(a.get(), t.get(), &value) < 0)
        return {};
    const QString s = QString::fromUtf8(value);
    H5free_memory(value);
    return s;
}

inline haddr_t addressOf(const H5File &file, const char *path)
{
    LibraryLock lock;
    compat::ObjectInfo info{};
    if (compat::objectInfoByName(fileId(file), path, &info) < 0)
        return HADDR_UNDEF;
    return info.addr;
}

inline std::vector<double> table(int rows)
{
    std::vector<double> v;
    for (int i = 0; i < rows * 5; ++i)
        v.push_back(10.0 * (i / 5) + (i % 5));
    return v;
}

// Applies, reverts and applies `op` again, checking that the links after
// apply are the same both times and after revert are the original ones.
inline QStringList roundTrip(StructureFile &f, const std::shared_ptr<EditOperation> &op)
{
    const QStringList before = f.links();
    Status s = f.run(op);
    if (!s) {
        qWarning("%s", qPrintable(s.error().message));
        return {};
    }
    const QStringList applied = f.links();
    s = f.revert(op);
    if (!s) {
        qWarning("%s", qPrintable(s.error().message));
        return {};
    }
    if (f.links() != before) {
        qWarning("revert left: %s\nexpected: %s", qPrintable(f.links().join(u'\n')), qPrintable(before.join(u'\n')));
        return {};
    }
    s = f.run(op);
    if (!s || f.links() != applied) {
        qWarning("redo differs");
        return {};
    }
    return applied;
}

// `op` is refused and the file on disk is byte-for-byte what it was.
inline void expectRefusedUnchanged(StructureFile &f, const std::shared_ptr<EditOperation> &op, const char *messagePart)
{
    f.close();
    const QByteArray before = hs::test::fileDigest(f.path);
    QVERIFY(f.open(H5File::Mode::ReadWrite));
    const Status s = f.run(op);
    QVERIFY(!s);
    QVERIFY2(s.error().message.contains(QLatin1String(messagePart)), qPrintable(s.error().message));
    QVERIFY2(s.error().message.contains(QLatin1String("Nothing was changed")), qPrintable(s.error().message));
    f.close();
    QCOMPARE(hs::test::fileDigest(f.path), before);
    QVERIFY(f.open(H5File::Mode::ReadWrite));
}

} // namespace hs::test
