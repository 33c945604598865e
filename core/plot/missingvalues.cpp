#include "plot/missingvalues.h"

#include "hdf5/datasetaccess.h"
#include "hdf5/errorstack.h"
#include "hdf5/handle.h"
#include "hdf5/librarylock.h"
#include "model/names.h"
#include "services/h5file_p.h"

#include <cmath>

namespace hs::core {

namespace {

bool numericClass(hid_t type)
{
    const H5T_class_t c = H5Tget_class(type);
    return c == H5T_INTEGER || c == H5T_FLOAT;
}

// Every value of a numeric attribute (missing_value may hold several).
void readAttribute(hid_t dataset, const char *name, MissingValues &out)
{
    if (H5Aexists(dataset, name) <= 0)
        return;
    AttributeHandle attr(H5Aopen(dataset, name, H5P_DEFAULT));
    if (!attr)
        return;
    DatatypeHandle type(H5Aget_type(attr.get()));
    DataspaceHandle space(H5Aget_space(attr.get()));
    if (!type || !space || !numericClass(type.get()))
        return;
    const hssize_t n = H5Sget_simple_extent_npoints(space.get());
    if (n <= 0 || n > 64) // a list of missing values, not data
        return;
    std::vector<double> v(static_cast<size_t>(n));
    if (H5Aread(attr.get(), H5T_NATIVE_DOUBLE, v.data()) < 0)
        return;
    for (double x : v)
        out.add(x, QString::fromLatin1(name));
}

} // namespace

void MissingValues::add(double v, const QString &source)
{
    if (std::isnan(v) || contains(v)) // NaN is a gap anyway, and never compares equal
        return;
    values.push_back(v);
    sources.push_back(source);
}

Result<MissingValues> MissingValues::read(const H5FilePtr &file, const QString &path)
{
    if (!file)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("No file is open."));
    LibraryLock lock;
    const QByteArray name = names::encode(path);
    DatasetHandle dataset(openDataset(fileId(*file), name.constData()));
    if (!dataset)
        return errorstack::capture(QStringLiteral("open the dataset"), path);
    MissingValues out;
    DatatypeHandle type(H5Dget_type(dataset.get()));
    if (type && numericClass(type.get())) {
        PropListHandle dcpl(H5Dget_create_plist(dataset.get()));
        H5D_fill_value_t state = H5D_FILL_VALUE_UNDEFINED;
        double fill = 0;
        if (dcpl && H5Pfill_value_defined(dcpl.get(), &state) >= 0 && state == H5D_FILL_VALUE_USER_DEFINED
            && H5Pget_fill_value(dcpl.get(), H5T_NATIVE_DOUBLE, &fill) >= 0)
            out.add(fill, QStringLiteral("fill value"));
        readAttribute(dataset.get(), "_FillValue", out);
        readAttribute(dataset.get(), "missing_value", out);
    }
    errorstack::clear();
    return out;
}

} // namespace hs::core
