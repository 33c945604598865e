#include "durabilityedit.h"

#include "edit/addattributeoperation.h"
#include "edit/creategroupoperation.h"
#include "edit/setvaluesoperation.h"
#include "hdf5/handle.h"
#include "services/h5file_p.h"

#include <QFile>

#include <cstring>

namespace hs::test {

using namespace hs::core;

std::shared_ptr<EditOperation> makeDurabilityEdit(int n)
{
    // The three kinds of edit the app makes most, through the real operations.
    switch (n % 3) {
    case 0:
        return std::make_shared<CreateGroupOperation>(QStringLiteral("/g%1").arg(n));
    case 1:
        return std::make_shared<AddAttributeOperation>(QStringLiteral("/"), QStringLiteral("a%1").arg(n),
                                                       AttributeType::integer(4, true), true, QString::number(n));
    default: {
        const double v = n * 1.5;
        std::vector<unsigned char> bytes(sizeof v);
        std::memcpy(bytes.data(), &v, sizeof v);
        ValueBox box{{quint64(n)}, {}, {1}};
        return std::make_shared<SetValuesOperation>(QStringLiteral("/values"), box, 1, std::move(bytes),
                                                    std::vector<char>{}, nullptr,
                                                    QStringLiteral("Set /values[%1] to %2").arg(n).arg(v));
    }
    }
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
    if (n % 3 == 0) {
        const QByteArray g = QStringLiteral("/g%1").arg(n).toUtf8();
        if (H5Lexists(f.get(), g.constData(), H5P_DEFAULT) <= 0) {
            *why = QStringLiteral("group %1 is missing").arg(QString::fromUtf8(g));
            return false;
        }
        return true;
    }
    if (n % 3 == 1) {
        const QByteArray a = QStringLiteral("a%1").arg(n).toUtf8();
        int stored = -1;
        AttributeHandle attr(H5Aopen_by_name(f.get(), "/", a.constData(), H5P_DEFAULT, H5P_DEFAULT));
        if (!attr || H5Aread(attr.get(), H5T_NATIVE_INT, &stored) < 0 || stored != n) {
            *why = QStringLiteral("attribute %1 of / is missing or %2").arg(QString::fromUtf8(a)).arg(stored);
            return false;
        }
        return true;
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
