#include "durabilityedit.h"

#include "hdf5/handle.h"
#include "services/h5file_p.h"

#include <QFile>

namespace hs::test {

using namespace hs::core;

namespace {

class DurabilityEdit final : public EditOperation
{
public:
    explicit DurabilityEdit(int n) : m_n(n), m_group(QStringLiteral("/g%1").arg(n).toUtf8()) {}
    QString description() const override { return QStringLiteral("Edit %1").arg(m_n); }

    Status apply(EditContext &ctx) override
    {
        LibraryLock lock;
        const hid_t fid = fileId(*ctx.file());
        DatasetHandle values(H5Dopen2(fid, "/values", H5P_DEFAULT));
        if (!values || !readValue(values.get(), &m_previous))
            return Error::make(ErrorCode::Internal, QStringLiteral("cannot read /values"));
        GroupHandle g(H5Gcreate2(fid, m_group.constData(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        if (!g)
            return Error::make(ErrorCode::Internal, QStringLiteral("cannot create %1").arg(QString::fromUtf8(m_group)));
        DataspaceHandle scalar(H5Screate(H5S_SCALAR));
        AttributeHandle a(H5Acreate2(g.get(), "n", H5T_NATIVE_INT, scalar.get(), H5P_DEFAULT, H5P_DEFAULT));
        const double v = m_n * 1.5;
        if (!a || H5Awrite(a.get(), H5T_NATIVE_INT, &m_n) < 0 || !writeValue(values.get(), v)) {
            a.reset();
            g.reset();
            H5Ldelete(fid, m_group.constData(), H5P_DEFAULT);
            writeValue(values.get(), m_previous);
            return Error::make(ErrorCode::Internal, QStringLiteral("cannot write edit %1").arg(m_n));
        }
        ctx.changes().membersChanged.push_back(QStringLiteral("/"));
        return Ok{};
    }

    Status revert(EditContext &ctx) override
    {
        LibraryLock lock;
        const hid_t fid = fileId(*ctx.file());
        DatasetHandle values(H5Dopen2(fid, "/values", H5P_DEFAULT));
        if (!values || !writeValue(values.get(), m_previous) || H5Ldelete(fid, m_group.constData(), H5P_DEFAULT) < 0)
            return Error::make(ErrorCode::Internal, QStringLiteral("cannot revert edit %1").arg(m_n));
        return Ok{};
    }

private:
    bool select(hid_t ds, DataspaceHandle *space) const
    {
        space->reset(H5Dget_space(ds));
        const hsize_t start = hsize_t(m_n), count = 1;
        return space->valid() && H5Sselect_hyperslab(space->get(), H5S_SELECT_SET, &start, nullptr, &count, nullptr) >= 0;
    }
    bool readValue(hid_t ds, double *v) const
    {
        DataspaceHandle fs;
        const hsize_t one = 1;
        DataspaceHandle ms(H5Screate_simple(1, &one, nullptr));
        return select(ds, &fs) && H5Dread(ds, H5T_NATIVE_DOUBLE, ms.get(), fs.get(), H5P_DEFAULT, v) >= 0;
    }
    bool writeValue(hid_t ds, double v) const
    {
        DataspaceHandle fs;
        const hsize_t one = 1;
        DataspaceHandle ms(H5Screate_simple(1, &one, nullptr));
        return select(ds, &fs) && H5Dwrite(ds, H5T_NATIVE_DOUBLE, ms.get(), fs.get(), H5P_DEFAULT, &v) >= 0;
    }

    int m_n;
    QByteArray m_group;
    double m_previous = 0;
};

} // namespace

std::shared_ptr<EditOperation> makeDurabilityEdit(int n)
{
    return std::make_shared<DurabilityEdit>(n);
}

bool writeDurabilityFile(const QString &path, int count)
{
    LibraryLock lock;
    QFile::remove(path);
    FileHandle f(H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
    const hsize_t n = hsize_t(count);
    DataspaceHandle s(H5Screate_simple(1, &n, nullptr));
    PropListHandle dcpl(H5Pcreate(H5P_DATASET_CREATE));
    const hsize_t chunk = 16;
    H5Pset_chunk(dcpl.get(), 1, &chunk); // chunked: a value write is a chunk rewrite, the hard case
    DatasetHandle d(H5Dcreate2(f.get(), "/values", H5T_IEEE_F64LE, s.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT));
    return f.valid() && d.valid();
}

bool hasDurabilityEdit(const QString &path, int n, QString *why)
{
    LibraryLock lock;
    FileHandle f(H5Fopen(QFile::encodeName(path).constData(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!f) {
        *why = QStringLiteral("the file does not open");
        return false;
    }
    const QByteArray g = QStringLiteral("/g%1").arg(n).toUtf8();
    if (H5Lexists(f.get(), g.constData(), H5P_DEFAULT) <= 0) {
        *why = QStringLiteral("group %1 is missing").arg(QString::fromUtf8(g));
        return false;
    }
    int stored = -1;
    AttributeHandle a(H5Aopen_by_name(f.get(), g.constData(), "n", H5P_DEFAULT, H5P_DEFAULT));
    if (!a || H5Aread(a.get(), H5T_NATIVE_INT, &stored) < 0 || stored != n) {
        *why = QStringLiteral("attribute n of %1 is %2").arg(QString::fromUtf8(g)).arg(stored);
        return false;
    }
    DatasetHandle d(H5Dopen2(f.get(), "/values", H5P_DEFAULT));
    DataspaceHandle fs(H5Dget_space(d.get()));
    const hsize_t start = hsize_t(n), count = 1;
    H5Sselect_hyperslab(fs.get(), H5S_SELECT_SET, &start, nullptr, &count, nullptr);
    DataspaceHandle ms(H5Screate_simple(1, &count, nullptr));
    double v = -1;
    if (H5Dread(d.get(), H5T_NATIVE_DOUBLE, ms.get(), fs.get(), H5P_DEFAULT, &v) < 0 || v != n * 1.5) {
        *why = QStringLiteral("/values[%1] is %2").arg(n).arg(v);
        return false;
    }
    return true;
}

} // namespace hs::test
