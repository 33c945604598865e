#include "services/attributereader.h"

#include "hdf5/headercheck.h"
#include "hdf5/crashbreadcrumb.h"
#include "hdf5/dataspaceshape.h"
#include "hdf5/compat.h"
#include "hdf5/datasetaccess.h"
#include "hdf5/errorstack.h"
#include "hdf5/handle.h"
#include "hdf5/librarylock.h"
#include "model/names.h"
#include "hdf5/referenceresolver.h"
#include "hdf5/typedescriber.h"
#include "hdf5/typevalidator.h"
#include "hdf5/valueformatter.h"
#include "hdf5/valuejson.h"
#include "services/attributeconventions.h"
#include "services/h5file_p.h"

#include <QJsonArray>
#include <QLocale>

#include <algorithm>
#include <memory>

// How an attribute's value reads as text (the Value column and fullValue):
// - every element formats exactly like a grid cell of its type (same plan,
//   same ValueFormatter, same FormatOptions), references as the target path;
// - strings are quoted and escaped as h5dump prints them ("m/s", "a\"b"), so
//   an empty string, spaces and separators stay visible;
// - rank 1: elements separated by ", "; rank >= 2: each row (last dimension)
//   in brackets, nested by dimension: "[1, 2, 3], [4, 5, 6]";
// - past Options::maxElements elements or maxChars characters the text ends
//   in "…" and AttributeInfo::elided is set;
// - a null dataspace or zero elements: empty text.
// fullValue() writes every element, one line per row for rank >= 2.

namespace hs::core {

namespace {

// Attributes live in the object header and H5Aread has no partial read, so
// values are read whole; above this many elements (or bytes) they are not
// read at all and the row says why.
constexpr quint64 kMaxReadElements = 1'000'000;
constexpr quint64 kMaxReadBytes = quint64(256) << 20;
// Values of convention attributes are decoded (JSON) for their explanation
// only when they are this small.
constexpr quint64 kMaxConventionElements = 4096;

const QString kEllipsis = QStringLiteral("\u2026");

// A value read into memory, self-contained (vlen data and references owned).
struct Value
{
    std::shared_ptr<const ValueFormatter> formatter;
    std::vector<unsigned char> data;
    OwnedHeap heap;
    quint64 count = 0;
};

// Lock held. Reads the whole value of `attr`; on failure returns the problem text.
QString readValue(hid_t file, hid_t attr, hid_t fileType, hid_t space, quint64 count, Value &out)
{
    QString planError;
    ReadPlan plan = buildReadPlan(fileType, &planError);
    if (!plan.damagedType.isEmpty())
        return typevalidator::damagedTypeMessage(plan.damagedType);
    if (const QString bad = typevalidator::spaceProblem(space); !bad.isEmpty())
        return QStringLiteral("The file is damaged: %1, so its value is not read.").arg(bad);
    if (!plan.memType) {
        errorstack::clear();
        return QStringLiteral("This value cannot be shown: %1.").arg(planError);
    }
    const size_t size = plan.formatter->elementSize();
    if (count > kMaxReadElements || count * size > kMaxReadBytes)
        return QStringLiteral("Too large to show here (%1 elements).").arg(QLocale::c().toString(count));
    std::vector<unsigned char> buf(std::max<size_t>(size_t(count) * size, 1));
    if (H5Aread(attr, plan.memType.get(), buf.data()) < 0) {
        const Error e = errorstack::captureCause();
        return e.message.isEmpty() ? QStringLiteral("The value could not be read.") : e.message;
    }
    out.formatter = plan.formatter;
    out.count = count;
    if (plan.formatter->root().outOfLine) {
        out.data.resize(buf.size());
        plan.formatter->makeOwned(buf.data(), out.data.data(), size_t(count), out.heap,
                                  [file](const ValueType &t, const unsigned char *ref) {
                                      return references::resolveText(file, t, ref);
                                  });
        if (plan.hasVlen) // the vlen payloads HDF5 allocated are copied into out.heap now
            compat::reclaimVlen(plan.memType.get(), space, buf.data());
    } else {
        out.data = std::move(buf);
    }
    errorstack::clear();
    return {};
}

bool isString(const ValueType &t) { return t.kind == ValueType::Kind::FixedString || t.kind == ValueType::Kind::VlenString; }

// One element as the Value column shows it (strings quoted and escaped).
QString elementText(const Value &v, quint64 i, const FormatOptions &format)
{
    std::string out;
    const unsigned char *p = v.data.data() + i * v.formatter->elementSize();
    if (isString(v.formatter->root())) {
        FormatOptions escaped = format;
        escaped.escapeStrings = true;
        std::string inner;
        v.formatter->appendElement(p, escaped, inner, &v.heap);
        out += '"';
        for (char c : inner) {
            if (c == '"')
                out += '\\';
            out += c;
        }
        out += '"';
    } else {
        v.formatter->appendElement(p, format, out, &v.heap);
    }
    return QString::fromStdString(out);
}

// The Value column text: nested brackets for rank >= 2, at most `maxElements`
// elements and about `maxChars` characters.
struct TextBuilder
{
    const Value &v;
    const std::vector<quint64> &dims;
    const FormatOptions &format;
    quint64 maxElements;
    qsizetype maxChars;
    QString out;
    quint64 written = 0;
    bool elided = false;

    bool full() const { return written >= maxElements || out.size() >= maxChars; }

    void dim(size_t d, quint64 offset)
    {
        quint64 inner = 1;
        for (size_t k = d + 1; k < dims.size(); ++k)
            inner *= dims[k];
        for (quint64 i = 0; i < dims[d]; ++i) {
            if (i)
                out += QStringLiteral(", ");
            if (full()) {
                elided = true;
                out += kEllipsis;
                return;
            }
            if (d + 1 == dims.size()) {
                out += elementText(v, offset + i, format);
                ++written;
            } else {
                out += u'[';
                dim(d + 1, offset + i * inner);
                out += u']';
                if (elided)
                    return;
            }
        }
    }
};

QString valueText(const Value &v, const ShapeInfo &shape, const AttributeReader::Options &o, bool &elided)
{
    elided = false;
    if (v.count == 0)
        return {};
    if (shape.kind == ShapeInfo::Kind::Scalar) {
        QString s = elementText(v, 0, o.format);
        if (s.size() > o.maxChars) {
            s = s.left(std::max(o.maxChars, 1));
            if (s.back().isHighSurrogate())
                s.chop(1);
            s += kEllipsis;
            elided = true;
        }
        return s;
    }
    TextBuilder b{v, shape.dims, o.format, quint64(std::max(o.maxElements, 1)), qsizetype(std::max(o.maxChars, 1)), {}};
    b.dim(0, 0);
    if (!b.elided && b.out.size() > o.maxChars) {
        b.out = b.out.left(o.maxChars);
        if (b.out.back().isHighSurrogate())
            b.out.chop(1);
        b.out += kEllipsis;
        b.elided = true;
    }
    elided = b.elided;
    return b.out;
}

QJsonValue jsonOf(const Value &v, const ShapeInfo &shape)
{
    if (!v.formatter)
        return QJsonValue(QJsonValue::Null);
    return valuejson::elements(v.formatter->root(), v.data.data(), shape.dims, &v.heap);
}

ObjectHandle openObject(hid_t file, const QString &path)
{
    const QByteArray p = names::encode(path.isEmpty() ? QStringLiteral("/") : path);
    // A dataset the grid holds open must be opened with the same access
    // properties (datasetaccess.h); H5Oopen would use the default ones.
    compat::ObjectInfo info;
    if (compat::objectInfoByName(file, p.constData(), &info) >= 0 && info.type == H5O_TYPE_DATASET)
        return ObjectHandle(openDataset(file, p.constData()));
    return ObjectHandle(H5Oopen(file, p.constData(), H5P_DEFAULT));
}

// Lock held. Whether the object records attribute creation order.
bool tracksOrder(hid_t obj)
{
    PropListHandle plist;
    switch (H5Iget_type(obj)) {
    case H5I_GROUP: // not when the group's index is damaged: HDF5 may crash reading it
        if (headercheck::groupProblem(obj).isEmpty())
            plist.reset(H5Gget_create_plist(obj));
        break;
    case H5I_DATASET: plist.reset(H5Dget_create_plist(obj)); break;
    case H5I_DATATYPE: plist.reset(H5Tget_create_plist(obj)); break;
    default: break;
    }
    unsigned flags = 0;
    const bool tracked = plist && H5Pget_attr_creation_order(plist.get(), &flags) >= 0 && (flags & H5P_CRT_ORDER_TRACKED);
    errorstack::clear();
    return tracked;
}

struct Listed
{
    QByteArray name; // as stored, for H5Aopen
    qint64 order = -1;
};

herr_t collect(hid_t, const char *name, const H5A_info_t *info, void *data)
{
    static_cast<std::vector<Listed> *>(data)->push_back(
        {QByteArray(name), info && info->corder_valid ? qint64(info->corder) : -1});
    return 0;
}

// Lock held.
AttributeInfo describe(hid_t file, hid_t obj, const Listed &l, const AttributeReader::Options &o, QJsonValue *internal)
{
    AttributeInfo a;
    a.name = names::decode(l.name.constData(), l.name.size());
    a.creationOrder = l.order;
    AttributeHandle attr(H5Aopen(obj, l.name.constData(), H5P_DEFAULT));
    if (!attr) {
        a.problem = errorstack::captureCause().message;
        return a;
    }
    DatatypeHandle type(H5Aget_type(attr.get()));
    DataspaceHandle space(H5Aget_space(attr.get()));
    if (!type || !space) {
        a.problem = errorstack::captureCause().message;
        return a;
    }
    a.type = typedescriber::describe(type.get());
    a.shape = dataspaceShape(space.get());
    const hssize_t n = a.shape.kind == ShapeInfo::Kind::Null ? 0 : H5Sget_simple_extent_npoints(space.get());
    errorstack::clear();
    if (n <= 0) {
        // Nothing to read: a null dataspace has no value, an empty one an empty list.
        if (o.json || internal) {
            const QJsonValue empty = a.shape.kind == ShapeInfo::Kind::Null ? QJsonValue(QJsonValue::Null)
                                                                            : QJsonValue(QJsonArray());
            if (o.json)
                a.json = empty;
            if (internal)
                *internal = empty;
        }
        return a;
    }
    Value v;
    a.problem = readValue(file, attr.get(), type.get(), space.get(), quint64(n), v);
    if (!a.problem.isEmpty())
        return a;
    a.value = valueText(v, a.shape, o, a.elided);
    const qsizetype maxRefs = std::max(o.maxElements, 1);
    for (const std::string &ref : v.heap.strings) {
        if (a.references.size() >= maxRefs)
            break;
        a.references << QString::fromStdString(ref);
    }
    if (o.json && quint64(n) <= quint64(std::max<qint64>(o.jsonMaxElements, 0)))
        a.json = jsonOf(v, a.shape);
    if (internal && quint64(n) <= kMaxConventionElements)
        *internal = o.json && !a.json.isUndefined() ? a.json : jsonOf(v, a.shape);
    return a;
}

Error objectError(const QString &path)
{
    return errorstack::capture(QStringLiteral("read the attributes of"), path);
}

} // namespace

Result<std::vector<AttributeInfo>> AttributeReader::list(const H5FilePtr &file, const QString &objectPath,
                                                         const Options &options)
{
    if (!file)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("No file is open."));
    LibraryLock lock;
    const CrashBreadcrumb::Scope crumb(file->path(), objectPath); // named if the library crashes on it

    const hid_t fid = fileId(*file);
    ObjectHandle obj = openObject(fid, objectPath);
    if (!obj)
        return objectError(objectPath);
    // Iterating attributes of which one cannot be decoded may crash HDF5 1.10.
    if (!typevalidator::attributeMessagesDecode(obj.get(), "."))
        return objectError(objectPath);
    std::vector<Listed> listed;
    hsize_t idx = 0;
    const bool tracked = tracksOrder(obj.get());
    bool byCreation = options.order == AttributeOrder::Creation && tracked;
    if (byCreation && H5Aiterate2(obj.get(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, collect, &listed) < 0) {
        // Tracked but not indexed in dense storage: name order is what there is.
        errorstack::clear();
        listed.clear();
        byCreation = false;
    }
    idx = 0;
    if (!byCreation && H5Aiterate2(obj.get(), H5_INDEX_NAME, H5_ITER_INC, &idx, collect, &listed) < 0)
        return objectError(objectPath);

    std::vector<AttributeInfo> out;
    std::vector<QJsonValue> values;
    out.reserve(listed.size());
    values.reserve(listed.size());
    for (Listed &l : listed) {
        // HDF5 numbers attributes in the order they sit in the object header
        // also when the object does not track creation order; that is no order.
        if (!tracked)
            l.order = -1;
        QJsonValue v(QJsonValue::Undefined);
        const bool convention = attributeconventions::isCandidate(names::decode(l.name.constData(), l.name.size()));
        out.push_back(describe(fid, obj.get(), l, options, convention ? &v : nullptr));
        values.push_back(v);
    }
    const H5I_type_t kind = H5Iget_type(obj.get());
    errorstack::clear();
    attributeconventions::annotate(out, values,
                                   kind == H5I_DATASET    ? attributeconventions::ObjectKind::Dataset
                                   : kind == H5I_DATATYPE ? attributeconventions::ObjectKind::Datatype
                                                          : attributeconventions::ObjectKind::Group);
    return out;
}

Result<QString> AttributeReader::fullValue(const H5FilePtr &file, const QString &objectPath,
                                           const QString &attributeName, const FormatOptions &format)
{
    if (!file)
        return Error::make(ErrorCode::InvalidArgument, QStringLiteral("No file is open."));
    LibraryLock lock;
    const CrashBreadcrumb::Scope crumb(file->path(), objectPath); // named if the library crashes on it

    const hid_t fid = fileId(*file);
    ObjectHandle obj = openObject(fid, objectPath);
    if (!obj)
        return objectError(objectPath);
    const QByteArray name = names::encode(attributeName);
    AttributeHandle attr(H5Aopen(obj.get(), name.constData(), H5P_DEFAULT));
    DatatypeHandle type(attr ? H5Aget_type(attr.get()) : H5I_INVALID_HID);
    DataspaceHandle space(attr ? H5Aget_space(attr.get()) : H5I_INVALID_HID);
    if (!attr || !type || !space)
        return errorstack::capture(QStringLiteral("read the attribute"), attributeName);
    const ShapeInfo shape = dataspaceShape(space.get());
    const hssize_t n = shape.kind == ShapeInfo::Kind::Null ? 0 : H5Sget_simple_extent_npoints(space.get());
    errorstack::clear();
    if (n <= 0)
        return QString();
    Value v;
    FormatOptions unlimited = format;
    unlimited.maxArrayElements = 0;
    const QString problem = readValue(fid, attr.get(), type.get(), space.get(), quint64(n), v);
    if (!problem.isEmpty())
        return Error::make(ErrorCode::Unsupported, problem);
    // One line per row of the last dimension (rank >= 2), elements separated by ", ".
    const quint64 rowLength = shape.dims.size() >= 2 ? shape.dims.back() : v.count;
    QString out;
    for (quint64 i = 0; i < v.count; ++i) {
        if (i) {
            if (rowLength && i % rowLength == 0)
                out += u'\n';
            else
                out += QStringLiteral(", ");
        }
        out += elementText(v, i, unlimited);
    }
    return out;
}

bool AttributeReader::tracksCreationOrder(const H5FilePtr &file, const QString &objectPath)
{
    if (!file)
        return false;
    LibraryLock lock;
    ObjectHandle obj = openObject(fileId(*file), objectPath);
    if (!obj) {
        errorstack::clear();
        return false;
    }
    return tracksOrder(obj.get());
}

} // namespace hs::core
