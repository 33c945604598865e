#include "edit/datasetspec.h"

#include "edit/compressioncatalog.h"
#include "edit/structurepaths.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QtEndian>

#include <cfloat>
#include <cmath>
#include <limits>

namespace hs::core {

namespace {
QString tr(const char *s)
{
    return QCoreApplication::translate("hs::core::DatasetSpec", s);
}

template<typename T>
QByteArray bytesOf(T v)
{
    QByteArray out(int(sizeof(T)), Qt::Uninitialized);
    qToLittleEndian(v, out.data());
    return out;
}

Result<QByteArray> encodeSigned(qint64 min, qint64 max, int size, const QString &text, const QString &typeName)
{
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok, 10);
    if (!ok || v < min || v > max)
        return Error::make(ErrorCode::InvalidArgument,
                           tr("\u201c%1\u201d is not a whole number from %2 to %3 (%4).").arg(text).arg(min).arg(max).arg(typeName));
    switch (size) {
    case 1: return bytesOf(qint8(v));
    case 2: return bytesOf(qint16(v));
    case 4: return bytesOf(qint32(v));
    default: return bytesOf(qint64(v));
    }
}

Result<QByteArray> encodeUnsigned(quint64 max, int size, const QString &text, const QString &typeName)
{
    bool ok = false;
    const QString t = text.trimmed();
    const quint64 v = t.startsWith(QLatin1Char('-')) ? 0 : t.toULongLong(&ok, 10);
    if (!ok || v > max)
        return Error::make(ErrorCode::InvalidArgument,
                           tr("\u201c%1\u201d is not a whole number from 0 to %2 (%3).").arg(text).arg(max).arg(typeName));
    switch (size) {
    case 1: return bytesOf(quint8(v));
    case 2: return bytesOf(quint16(v));
    case 4: return bytesOf(quint32(v));
    default: return bytesOf(quint64(v));
    }
}

Result<double> parseFloat(const QString &text, bool single, const QString &typeName)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("nan"))
        return std::numeric_limits<double>::quiet_NaN();
    if (t == QLatin1String("inf") || t == QLatin1String("+inf") || t == QLatin1String("infinity"))
        return std::numeric_limits<double>::infinity();
    if (t == QLatin1String("-inf") || t == QLatin1String("-infinity"))
        return -std::numeric_limits<double>::infinity();
    bool ok = false;
    const double v = QLocale::c().toDouble(t, &ok);
    if (!ok || !std::isfinite(v) || (single && std::fabs(v) > double(FLT_MAX)))
        return Error::make(ErrorCode::InvalidArgument,
                           tr("\u201c%1\u201d is not a number that fits %2 (also accepted: nan, inf, -inf).").arg(text, typeName));
    return v;
}
} // namespace

int elementSize(ElementType type, int stringLength)
{
    switch (type) {
    case ElementType::Int8: case ElementType::UInt8: return 1;
    case ElementType::Int16: case ElementType::UInt16: return 2;
    case ElementType::Int32: case ElementType::UInt32: case ElementType::Float32: return 4;
    case ElementType::Int64: case ElementType::UInt64: case ElementType::Float64: return 8;
    case ElementType::FixedString: return std::max(stringLength, 1);
    }
    return 1;
}

QString elementTypeName(ElementType type, int stringLength)
{
    switch (type) {
    case ElementType::Int8: return QStringLiteral("int8");
    case ElementType::Int16: return QStringLiteral("int16");
    case ElementType::Int32: return QStringLiteral("int32");
    case ElementType::Int64: return QStringLiteral("int64");
    case ElementType::UInt8: return QStringLiteral("uint8");
    case ElementType::UInt16: return QStringLiteral("uint16");
    case ElementType::UInt32: return QStringLiteral("uint32");
    case ElementType::UInt64: return QStringLiteral("uint64");
    case ElementType::Float32: return QStringLiteral("float32");
    case ElementType::Float64: return QStringLiteral("float64");
    case ElementType::FixedString: return tr("string (%1 bytes, UTF-8)").arg(stringLength);
    }
    return {};
}

bool isFloat(ElementType type)
{
    return type == ElementType::Float32 || type == ElementType::Float64;
}

bool isInteger(ElementType type)
{
    return !isFloat(type) && type != ElementType::FixedString;
}

Result<QByteArray> encodeElement(ElementType type, int stringLength, const QString &text)
{
    const QString name = elementTypeName(type, stringLength);
    switch (type) {
    case ElementType::Int8: return encodeSigned(INT8_MIN, INT8_MAX, 1, text, name);
    case ElementType::Int16: return encodeSigned(INT16_MIN, INT16_MAX, 2, text, name);
    case ElementType::Int32: return encodeSigned(INT32_MIN, INT32_MAX, 4, text, name);
    case ElementType::Int64: return encodeSigned(INT64_MIN, INT64_MAX, 8, text, name);
    case ElementType::UInt8: return encodeUnsigned(UINT8_MAX, 1, text, name);
    case ElementType::UInt16: return encodeUnsigned(UINT16_MAX, 2, text, name);
    case ElementType::UInt32: return encodeUnsigned(UINT32_MAX, 4, text, name);
    case ElementType::UInt64: return encodeUnsigned(UINT64_MAX, 8, text, name);
    case ElementType::Float32: {
        const Result<double> v = parseFloat(text, true, name);
        if (!v)
            return v.error();
        return bytesOf(float(*v));
    }
    case ElementType::Float64: {
        const Result<double> v = parseFloat(text, false, name);
        if (!v)
            return v.error();
        return bytesOf(*v);
    }
    case ElementType::FixedString: {
        QByteArray utf8 = text.toUtf8();
        if (utf8.size() > stringLength)
            return Error::make(ErrorCode::InvalidArgument,
                               tr("\u201c%1\u201d takes %2 bytes in UTF-8; the strings hold %3.")
                                   .arg(text)
                                   .arg(utf8.size())
                                   .arg(stringLength));
        utf8.append(QByteArray(stringLength - utf8.size(), '\0'));
        return utf8;
    }
    }
    return Error::make(ErrorCode::Internal, tr("Unknown element type."));
}

Result<std::vector<quint64>> parseShape(const QString &text, bool allowUnlimited)
{
    const QString t = text.trimmed();
    std::vector<quint64> out;
    if (t.isEmpty() || t.compare(QLatin1String("scalar"), Qt::CaseInsensitive) == 0)
        return out;
    static const QRegularExpression separators(QStringLiteral("[\\s,;\u00d7xX()\\[\\]]+"));
    const QStringList parts = t.split(separators, Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString p = part.toLower();
        if (p == QLatin1String("unlimited") || p == QLatin1String("inf") || p == QStringLiteral("\u221e")
            || p == QLatin1String("*") || p == QLatin1String("none")) {
            if (!allowUnlimited)
                return Error::make(ErrorCode::InvalidArgument, tr("Only the max shape can be unlimited."));
            out.push_back(DatasetSpec::Unlimited);
            continue;
        }
        bool ok = false;
        const quint64 v = part.toULongLong(&ok, 10);
        if (!ok || v == DatasetSpec::Unlimited)
            return Error::make(ErrorCode::InvalidArgument,
                               tr("\u201c%1\u201d is not a size (write sizes as \u201c100 \u00d7 20\u201d or \u201c100, 20\u201d).").arg(part));
        out.push_back(v);
    }
    if (out.size() > 32)
        return Error::make(ErrorCode::InvalidArgument, tr("HDF5 datasets have at most 32 dimensions."));
    return out;
}

QString shapeText(const std::vector<quint64> &shape)
{
    if (shape.empty())
        return tr("scalar");
    QStringList parts;
    for (quint64 d : shape)
        parts << (d == DatasetSpec::Unlimited ? QStringLiteral("\u221e") : QString::number(d));
    return parts.join(QStringLiteral(" \u00d7 "));
}

std::vector<quint64> DatasetSpec::effectiveMaxShape() const
{
    return maxShape.empty() ? shape : maxShape;
}

QString DatasetSpec::problem() const
{
    if (const QString why = edit::newPathProblem(path); !why.isEmpty())
        return why;
    if (type == ElementType::FixedString && (stringLength < 1 || stringLength > 65535))
        return tr("A string length must be from 1 to 65535 bytes.");
    const std::vector<quint64> max = effectiveMaxShape();
    const size_t rank = shape.size();
    if (rank > 32)
        return tr("HDF5 datasets have at most 32 dimensions.");
    if (max.size() != rank)
        return tr("The max shape has %1 dimensions and the shape %2.").arg(max.size()).arg(rank);
    bool grows = false;
    quint64 elements = 1;
    for (size_t i = 0; i < rank; ++i) {
        if (shape[i] == Unlimited)
            return tr("The shape cannot be unlimited; only the max shape can.");
        if (max[i] != Unlimited && max[i] < shape[i])
            return tr("The max shape (%1) is smaller than the shape (%2) in dimension %3.")
                .arg(shapeText(max), shapeText(shape))
                .arg(i + 1);
        grows = grows || max[i] != shape[i];
        elements = shape[i] == 0 ? 0 : (elements > std::numeric_limits<quint64>::max() / shape[i] ? std::numeric_limits<quint64>::max() : elements * shape[i]);
    }
    if (layout != DatasetLayout::Chunked) {
        const QString layoutName = layout == DatasetLayout::Compact ? tr("compact") : tr("contiguous");
        if (grows)
            return tr("A %1 dataset cannot grow: choose the chunked layout for a max shape larger than the shape.").arg(layoutName);
        if (hasFilters())
            return tr("Compression, shuffle and Fletcher32 need the chunked layout.");
    }
    if (layout == DatasetLayout::Compact) {
        const quint64 size = elements > MaxCompactBytes ? elements : elements * quint64(elementSize(type, stringLength));
        if (size > MaxCompactBytes)
            return tr("A compact dataset holds at most %1 bytes; this one needs more. Choose contiguous or chunked.")
                .arg(MaxCompactBytes);
    }
    if (layout == DatasetLayout::Chunked) {
        if (rank == 0)
            return tr("A scalar cannot be chunked.");
        if (chunk.size() != rank)
            return tr("The chunk shape needs %1 dimensions, one per dimension of the shape.").arg(rank);
        quint64 chunkBytes = quint64(elementSize(type, stringLength));
        for (size_t i = 0; i < rank; ++i) {
            if (chunk[i] == 0)
                return tr("Every chunk dimension must be at least 1.");
            if (max[i] != Unlimited && chunk[i] > max[i])
                return max[i] == 0 ? tr("Dimension %1 can never hold an element (max 0), so it cannot be chunked.").arg(i + 1)
                                   : tr("The chunk (%1) is larger than the max shape (%2) in dimension %3.")
                                         .arg(shapeText(chunk), shapeText(max))
                                         .arg(i + 1);
            chunkBytes = chunk[i] > (quint64(1) << 32) ? (quint64(1) << 33) : chunkBytes * chunk[i];
            if (chunkBytes >= (quint64(1) << 32))
                return tr("A chunk must be smaller than 4 GiB.");
        }
    }
    if (compression != 0) {
        const std::optional<CompressionChoice> c = compressioncatalog::find(compression);
        if (!c)
            return tr("Hyperslab cannot set up HDF5 filter %1 for a new dataset.").arg(compression);
        if (c->hasLevel && compressionLevel >= 0 && (compressionLevel < c->minLevel || compressionLevel > c->maxLevel))
            return tr("The %1 level must be from %2 to %3.").arg(c->name).arg(c->minLevel).arg(c->maxLevel);
        if (const QString why = compressioncatalog::typeProblem(compression, type, int(rank)); !why.isEmpty())
            return why;
    }
    if (!fillValue.isEmpty()) {
        const Result<QByteArray> fill = encodeElement(type, stringLength, fillValue);
        if (!fill)
            return tr("Fill value: %1").arg(fill.error().message);
    }
    return {};
}

} // namespace hs::core
