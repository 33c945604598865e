#include "edit/createdatasetoperation.h"

#include "edit/compressioncatalog.h"
#include "edit/structureedit_p.h"

namespace hs::core {

using namespace edit;

namespace {
hid_t fileTypeOf(ElementType type, int stringLength)
{
    switch (type) {
    case ElementType::Int8: return H5Tcopy(H5T_STD_I8LE);
    case ElementType::Int16: return H5Tcopy(H5T_STD_I16LE);
    case ElementType::Int32: return H5Tcopy(H5T_STD_I32LE);
    case ElementType::Int64: return H5Tcopy(H5T_STD_I64LE);
    case ElementType::UInt8: return H5Tcopy(H5T_STD_U8LE);
    case ElementType::UInt16: return H5Tcopy(H5T_STD_U16LE);
    case ElementType::UInt32: return H5Tcopy(H5T_STD_U32LE);
    case ElementType::UInt64: return H5Tcopy(H5T_STD_U64LE);
    case ElementType::Float32: return H5Tcopy(H5T_IEEE_F32LE);
    case ElementType::Float64: return H5Tcopy(H5T_IEEE_F64LE);
    case ElementType::FixedString: {
        const hid_t t = H5Tcopy(H5T_C_S1);
        if (t >= 0 && (H5Tset_size(t, size_t(stringLength)) < 0 || H5Tset_strpad(t, H5T_STR_NULLPAD) < 0
                       || H5Tset_cset(t, H5T_CSET_UTF8) < 0)) {
            H5Tclose(t);
            return H5I_INVALID_HID;
        }
        return t;
    }
    }
    return H5I_INVALID_HID;
}

// The creation property list, or the error (nothing in the file is touched yet).
Result<hid_t> creationList(const DatasetSpec &spec, hid_t fileType)
{
    PropListHandle dcpl(H5Pcreate(H5P_DATASET_CREATE));
    const auto fail = [&] { return Result<hid_t>(errorstack::capture(QStringLiteral("set up the dataset"), shownPath(spec.path))); };
    if (!dcpl.valid())
        return fail();
    switch (spec.layout) {
    case DatasetLayout::Contiguous:
        if (H5Pset_layout(dcpl.get(), H5D_CONTIGUOUS) < 0)
            return fail();
        break;
    case DatasetLayout::Compact:
        if (H5Pset_layout(dcpl.get(), H5D_COMPACT) < 0)
            return fail();
        break;
    case DatasetLayout::Chunked: {
        const std::vector<hsize_t> chunk(spec.chunk.begin(), spec.chunk.end());
        if (H5Pset_chunk(dcpl.get(), int(chunk.size()), chunk.data()) < 0)
            return fail();
        // Order as h5py writes it: shuffle before the compressor, the checksum last.
        if (spec.shuffle && H5Pset_shuffle(dcpl.get()) < 0)
            return fail();
        if (spec.compression != 0) {
            if (!compressioncatalog::isAvailable(spec.compression))
                return Result<hid_t>(refused(ErrorCode::MissingFilter,
                                             trEdit("The compression filter %1 is not available here.").arg(spec.compression)));
            const std::vector<unsigned> cd = compressioncatalog::clientData(spec.compression, spec.compressionLevel, spec.type);
            if (H5Pset_filter(dcpl.get(), H5Z_filter_t(spec.compression), H5Z_FLAG_MANDATORY, cd.size(), cd.data()) < 0)
                return fail();
        }
        if (spec.fletcher32 && H5Pset_fletcher32(dcpl.get()) < 0)
            return fail();
        break;
    }
    }
    if (!spec.fillValue.isEmpty()) {
        const Result<QByteArray> fill = encodeElement(spec.type, spec.stringLength, spec.fillValue);
        if (!fill)
            return Result<hid_t>(fill.error());
        if (H5Pset_fill_value(dcpl.get(), fileType, fill->constData()) < 0)
            return fail();
    }
    return dcpl.release();
}
} // namespace

CreateDatasetOperation::CreateDatasetOperation(DatasetSpec spec) : m_spec(std::move(spec)) {}

QString CreateDatasetOperation::description() const
{
    return trEdit("Create dataset %1").arg(shownPath(m_spec.path));
}

Status CreateDatasetOperation::apply(EditContext &context)
{
    const H5File &file = *context.file();
    if (const QString why = m_spec.problem(); !why.isEmpty())
        return refused(ErrorCode::InvalidArgument,
                       trEdit("\u201c%1\u201d cannot be created in \u201c%2\u201d: %3").arg(shownPath(m_spec.path), file.displayName(), why));
    LibraryLock lock;
    if (Status s = requireFreePath(file, m_spec.path); !s)
        return s;
    DatatypeHandle type(fileTypeOf(m_spec.type, m_spec.stringLength));
    if (!type.valid())
        return errorstack::capture(QStringLiteral("set up the type of"), shownPath(m_spec.path));
    DataspaceHandle space;
    if (m_spec.shape.empty()) {
        space.reset(H5Screate(H5S_SCALAR));
    } else {
        const std::vector<hsize_t> dims(m_spec.shape.begin(), m_spec.shape.end());
        std::vector<hsize_t> max;
        for (quint64 m : m_spec.effectiveMaxShape())
            max.push_back(m == DatasetSpec::Unlimited ? H5S_UNLIMITED : hsize_t(m));
        space.reset(H5Screate_simple(int(dims.size()), dims.data(), max.data()));
    }
    if (!space.valid())
        return errorstack::capture(QStringLiteral("set up the shape of"), shownPath(m_spec.path));
    Result<hid_t> dcplId = creationList(m_spec, type.get());
    if (!dcplId)
        return dcplId.error();
    PropListHandle dcpl(*dcplId);
    PropListHandle lcpl = linkCreationList();
    const QByteArray p = nativePath(m_spec.path);
    DatasetHandle d(H5Dcreate2(fileId(file), p.constData(), type.get(), space.get(), lcpl.get(), dcpl.get(), H5P_DEFAULT));
    if (!d.valid())
        return errorstack::capture(QStringLiteral("create the dataset"), shownPath(m_spec.path));
    compat::ObjectInfo info{};
    if (compat::objectInfo(d.get(), &info) >= 0)
        m_created = compat::objectId(info).token;
    errorstack::clear();
    addOnce(context.changes().membersChanged, parentPath(m_spec.path));
    return Ok{};
}

Status CreateDatasetOperation::revert(EditContext &context)
{
    const H5File &file = *context.file();
    LibraryLock lock;
    if (Status s = requireLink(file, m_spec.path); !s)
        return s;
    const hid_t fid = fileId(file);
    if (hardLinkTokenAt(fid, m_spec.path) != m_created)
        return refused(ErrorCode::Internal, trEdit("\u201c%1\u201d in \u201c%2\u201d is no longer the dataset this step created.")
                                                .arg(shownPath(m_spec.path), file.displayName()));
    const QByteArray p = nativePath(m_spec.path);
    if (H5Ldelete(fid, p.constData(), H5P_DEFAULT) < 0)
        return errorstack::capture(QStringLiteral("remove the dataset"), shownPath(m_spec.path));
    addOnce(context.changes().membersChanged, parentPath(m_spec.path));
    addOnce(context.changes().removed, m_spec.path);
    return Ok{};
}

} // namespace hs::core
