#include "npyformat.h"

#include <QRegularExpression>

#include <algorithm>
#include <numeric>

namespace hyperslab::npy {

namespace {

using K = ElementLayout::Kind;

QString pyString(const QString &s)
{
    QString out = QStringLiteral("'");
    for (QChar c : s) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('\''))
            out += QLatin1Char('\\');
        out += c;
    }
    return out + QLatin1Char('\'');
}

QString shapeText(const std::vector<quint64> &dims)
{
    QString s = QStringLiteral("(");
    for (size_t i = 0; i < dims.size(); ++i)
        s += QString::number(dims[i]) + (dims.size() == 1 || i + 1 < dims.size() ? QStringLiteral(",") : QString())
             + (i + 1 < dims.size() ? QStringLiteral(" ") : QString());
    return s + QLatin1Char(')');
}

// A scalar dtype string without quotes ("<f8"), or "" with `why`.
QString simple(const ElementLayout &e, QString *why)
{
    const QString order = e.size == 1 ? QStringLiteral("|") : QStringLiteral("<");
    switch (e.kind) {
    case K::SignedInt: return order + QStringLiteral("i") + QString::number(e.size);
    case K::UnsignedInt: return order + QStringLiteral("u") + QString::number(e.size);
    case K::Float:
        if (e.size == 2 || e.size == 4 || e.size == 8 || e.size == 16)
            return QStringLiteral("<f") + QString::number(e.size);
        break;
    case K::Complex:
        if (e.members.size() == 2 && e.members[0].size == e.members[1].size && e.members[1].offset == e.members[0].size
            && (e.members[0].size == 4 || e.members[0].size == 8))
            return QStringLiteral("<c") + QString::number(e.size);
        break;
    case K::FixedString: return QStringLiteral("|S") + QString::number(e.size);
    case K::Opaque: return QStringLiteral("|V") + QString::number(e.size);
    case K::Enum: return e.members.empty() ? QString() : simple(e.members[0], why);
    case K::VlenString:
        *why = QStringLiteral("NumPy has no fixed-size dtype for variable-length strings; export them as CSV or JSON.");
        return {};
    default: break;
    }
    if (why->isEmpty())
        *why = QStringLiteral("NumPy has no dtype for this element type (references, variable-length sequences and "
                              "time values); export it as CSV or JSON.");
    return {};
}

// descr of a dtype that may be structured (a list) or simple (a quoted string).
QString anyDescr(const ElementLayout &e, QString *why);

QString fieldTuple(const QString &name, const ElementLayout &m, QString *why)
{
    if (m.kind == K::Array) {
        if (m.members.empty())
            return {};
        const QString base = anyDescr(m.members[0], why);
        return base.isEmpty() ? QString() : QStringLiteral("(%1, %2, %3)").arg(pyString(name), base, shapeText(m.dims));
    }
    const QString d = anyDescr(m, why);
    return d.isEmpty() ? QString() : QStringLiteral("(%1, %2)").arg(pyString(name), d);
}

QString anyDescr(const ElementLayout &e, QString *why)
{
    if (e.kind != K::Compound) {
        const QString s = simple(e, why);
        return s.isEmpty() ? QString() : pyString(s);
    }
    // Fields in offset order, with the gaps between them (and at the end) as
    // unnamed void fields, as numpy's own dtype.descr writes padding.
    std::vector<size_t> order(e.members.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return e.members[a].offset < e.members[b].offset; });
    QStringList parts;
    quint64 pos = 0;
    for (size_t i : order) {
        const ElementLayout &m = e.members[i];
        if (m.offset > pos)
            parts << QStringLiteral("('', '|V%1')").arg(m.offset - pos);
        const QString f = fieldTuple(i < e.names.size() ? e.names[i] : QStringLiteral("f%1").arg(i), m, why);
        if (f.isEmpty())
            return {};
        parts << f;
        pos = m.offset + m.size;
    }
    if (e.size > pos)
        parts << QStringLiteral("('', '|V%1')").arg(e.size - pos);
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

} // namespace

QString descr(const ElementLayout &element, std::vector<quint64> *extraDims, QString *why)
{
    extraDims->clear();
    const ElementLayout *e = &element;
    while (e->kind == K::Array && !e->members.empty()) {
        extraDims->insert(extraDims->end(), e->dims.begin(), e->dims.end());
        e = &e->members[0];
    }
    return anyDescr(*e, why);
}

QByteArray header(const QString &descr, const std::vector<quint64> &shape)
{
    const QString dict = QStringLiteral("{'descr': %1, 'fortran_order': False, 'shape': %2, }").arg(descr, shapeText(shape));
    bool ascii = std::all_of(dict.begin(), dict.end(), [](QChar c) { return c.unicode() < 128; });
    QByteArray text = ascii ? dict.toLatin1() : dict.toUtf8();
    int major = ascii ? 1 : 3;
    qsizetype prefix = 6 + 2 + 2;
    if (!ascii || text.size() + 1 + prefix + 64 > 65535) {
        if (ascii)
            major = 2;
        prefix = 6 + 2 + 4;
    }
    const qsizetype total = prefix + text.size() + 1;
    text.append(QByteArray((64 - total % 64) % 64, ' '));
    text.append('\n');
    QByteArray out("\x93NUMPY", 6);
    out.append(char(major));
    out.append(char(0));
    const quint32 len = quint32(text.size());
    out.append(char(len & 0xff));
    out.append(char((len >> 8) & 0xff));
    if (major != 1) {
        out.append(char((len >> 16) & 0xff));
        out.append(char((len >> 24) & 0xff));
    }
    return out + text;
}

bool parseHeader(const QByteArray &file, ParsedHeader *out)
{
    if (file.size() < 10 || !file.startsWith(QByteArray("\x93NUMPY", 6)))
        return false;
    out->major = quint8(file[6]);
    out->minor = quint8(file[7]);
    qsizetype len = quint8(file[8]) | (quint8(file[9]) << 8);
    qsizetype start = 10;
    if (out->major != 1) {
        if (file.size() < 12)
            return false;
        len |= qsizetype(quint8(file[10])) << 16 | qsizetype(quint8(file[11])) << 24;
        start = 12;
    }
    if (file.size() < start + len)
        return false;
    const QString dict = QString::fromUtf8(file.mid(start, len));
    out->dataOffset = start + len;
    static const QRegularExpression re(
        QStringLiteral("^\\{'descr': (.*), 'fortran_order': (True|False), 'shape': \\(([0-9, ]*)\\), \\} *\\n$"),
        QRegularExpression::DotMatchesEverythingOption);
    const auto m = re.match(dict);
    if (!m.hasMatch())
        return false;
    out->descr = m.captured(1);
    out->fortranOrder = m.captured(2) == QLatin1String("True");
    out->shape.clear();
    for (const QString &d : m.captured(3).split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!d.trimmed().isEmpty())
            out->shape.push_back(d.trimmed().toULongLong());
    return (out->dataOffset % 64) == 0;
}

} // namespace hyperslab::npy
