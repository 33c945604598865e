#include "ddlattributes.h"

#include "ddlparser.h"

#include <QRegularExpression>

#include <cmath>
#include <cstdlib>

namespace hs::tests {

namespace {

int indentOf(const QByteArray &line)
{
    int n = 0;
    while (n < line.size() && line[n] == ' ')
        ++n;
    return n;
}

// The text between the first pair of quotes, h5dump escapes (\" \\) undone.
QString quoted(const QByteArray &line, int from = 0)
{
    const int a = line.indexOf('"', from);
    if (a < 0)
        return {};
    QByteArray out;
    for (int i = a + 1; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size()) {
            out += line[++i];
            continue;
        }
        if (line[i] == '"')
            break;
        out += line[i];
    }
    return QString::fromUtf8(out);
}

QString childPath(const QString &parent, const QString &name)
{
    if (parent.isEmpty())
        return name;
    return parent == QLatin1String("/") ? QLatin1Char('/') + name : parent + QLatin1Char('/') + name;
}

// "file.h5/g/d" (h5dump -R and 1.12+ dialects) or "/g/d" -> "/g/d".
QByteArray targetPath(const QByteArray &text)
{
    const int slash = text.indexOf('/');
    if (slash < 0)
        return "/";
    return text.mid(slash);
}

// Region coordinates with h5dump's and our spacing made alike.
QByteArray normalizedRegion(QByteArray text)
{
    text = text.simplified().replace(' ', "");
    return text.replace("),(", "), (");
}

// "h5dump DATA lines" of a top-level reference attribute -> one leaf each.
QList<DdlLeaf> referenceLeaves(const QList<QByteArray> &lines)
{
    static const QRegularExpression element(
        QStringLiteral("^(DATASET|GROUP|DATATYPE|ATTRIBUTE)( \\d+)? \"(.*)\""));
    QList<DdlLeaf> out;
    int base = -1;
    QByteArray region;
    bool inRegion = false;
    auto flushRegion = [&] {
        if (!region.isEmpty() && !out.isEmpty())
            out.back().text += " {" + normalizedRegion(region) + '}';
        region.clear();
        inRegion = false;
    };
    for (const QByteArray &line : lines) {
        const int indent = indentOf(line);
        const QByteArray t = line.trimmed();
        if (t.isEmpty())
            continue;
        if (base < 0)
            base = indent;
        if (indent == base) {
            flushRegion();
            if (t == "NULL") {
                out.append({DdlLeaf::Kind::Reference, "NULL"});
                continue;
            }
            const QRegularExpressionMatch m = element.match(QString::fromUtf8(t));
            if (!m.hasMatch())
                continue; // closing braces
            QByteArray path = targetPath(m.captured(3).toUtf8());
            if (m.captured(1) == QLatin1String("ATTRIBUTE")) {
                const int cut = path.lastIndexOf('/');
                path = (cut <= 0 ? QByteArray("/") : path.left(cut)) + " @" + path.mid(cut + 1);
            }
            out.append({DdlLeaf::Kind::Reference, path});
            continue;
        }
        if (t.startsWith("REGION_TYPE")) {
            inRegion = true;
            region = t.mid(t.indexOf(' ', 12)).trimmed(); // after "REGION_TYPE BLOCK"/"POINT"
        } else if (inRegion && t.startsWith('(')) {
            region += ' ' + t;
        } else {
            inRegion = false;
        }
    }
    flushRegion();
    return out;
}

// Decodes a quoted string starting at s[i] == '"'; advances i past the closing quote.
QByteArray decodeString(const QByteArray &s, int &i)
{
    QByteArray out;
    ++i;
    while (i < s.size() && s[i] != '"') {
        if (s[i] != '\\' || i + 1 >= s.size()) {
            out += s[i++];
            continue;
        }
        const char e = s[++i];
        if (e == 'x' && i + 2 < s.size() + 0) { // ours: \xNN
            out += char(s.mid(i + 1, 2).toInt(nullptr, 16));
            i += 3;
        } else if (e >= '0' && e <= '7') { // h5dump: octal, sign-extended bytes (\37777777703)
            int j = i;
            quint64 v = 0;
            while (j < s.size() && s[j] >= '0' && s[j] <= '7' && j - i < 11)
                v = v * 8 + quint64(s[j++] - '0');
            out += char(v & 0xff);
            i = j;
        } else {
            switch (e) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': out += '\r'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'a': out += '\a'; break;
            case 'v': out += '\v'; break;
            default: out += e; break;
            }
            ++i;
        }
    }
    ++i;
    while (out.endsWith('\0'))
        out.chop(1);
    return out;
}

bool isHexBytes(const QByteArray &w)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2})+$"));
    return re.match(QString::fromLatin1(w)).hasMatch();
}

struct Integer
{
    bool negative = false;
    quint64 magnitude = 0;
    bool operator==(const Integer &) const = default;
};

bool parseInteger(const QByteArray &w, Integer &out)
{
    bool ok = false;
    QByteArray s = w;
    out.negative = s.startsWith('-');
    if (out.negative)
        s = s.mid(1);
    if (s.startsWith("0x") || s.startsWith("0X"))
        out.magnitude = s.mid(2).toULongLong(&ok, 16);
    else
        out.magnitude = s.toULongLong(&ok, 10);
    if (out.magnitude == 0)
        out.negative = false;
    return ok;
}

bool parseDouble(const QByteArray &w, double &out)
{
    const QByteArray l = w.toLower();
    if (l == "nan" || l == "-nan") {
        out = std::nan("");
        return true;
    }
    if (l == "inf" || l == "infinity") {
        out = INFINITY;
        return true;
    }
    if (l == "-inf" || l == "-infinity") {
        out = -INFINITY;
        return true;
    }
    bool ok = false;
    out = w.toDouble(&ok);
    return ok;
}

int significantDigits(const QByteArray &w)
{
    QByteArray m = w;
    const int e = m.indexOf('e') >= 0 ? m.indexOf('e') : m.indexOf('E');
    if (e >= 0)
        m = m.left(e);
    m.replace('-', "").replace('+', "").replace('.', "");
    int i = 0;
    while (i < m.size() && m[i] == '0')
        ++i;
    return std::max<int>(int(m.size()) - i, 1);
}

} // namespace

QList<DdlLeaf> valueLeaves(const QByteArray &s)
{
    QList<DdlLeaf> out;
    int i = 0;
    auto isBreak = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ','; };
    auto isStructure = [](char c) { return c == '{' || c == '}' || c == '[' || c == ']' || c == '(' || c == ')'; };
    while (i < s.size()) {
        const char c = s[i];
        if (isBreak(c) || isStructure(c)) {
            ++i;
            continue;
        }
        if (c == '"') {
            out.append({DdlLeaf::Kind::String, decodeString(s, i)});
            continue;
        }
        int j = i;
        while (j < s.size() && !isBreak(s[j]) && !isStructure(s[j]) && s[j] != '"')
            ++j;
        const QByteArray w = s.mid(i, j - i);
        i = j;
        if (w == "DATASET" || w == "GROUP" || w == "DATATYPE") {
            // An object reference as h5dump prints it: KEYWORD [address] "path".
            int k = i;
            while (k < s.size() && (s[k] == ' ' || (s[k] >= '0' && s[k] <= '9')))
                ++k;
            if (k < s.size() && s[k] == '"') {
                const QByteArray path = decodeString(s, k);
                out.append({DdlLeaf::Kind::Reference, targetPath(path)});
                i = k;
                continue;
            }
        }
        if (isHexBytes(w)) {
            out.append({DdlLeaf::Kind::Word, "0x" + QByteArray(w).replace(':', "")});
            continue;
        }
        // Our complex numbers: "1.5-2i", "0+1e-05i".
        if (w.endsWith('i') && w.size() > 2) {
            const QByteArray body = w.left(w.size() - 1);
            char *end = nullptr;
            const double re = std::strtod(body.constData(), &end);
            const char *second = end;
            const double im = std::strtod(second, &end);
            Q_UNUSED(re)
            Q_UNUSED(im)
            if (second != body.constData() && end == body.constData() + body.size() && end != second
                && (*second == '+' || *second == '-')) {
                QByteArray imag(second, int(end - second));
                if (imag.startsWith('+'))
                    imag = imag.mid(1);
                out.append({DdlLeaf::Kind::Word, body.left(int(second - body.constData()))});
                out.append({DdlLeaf::Kind::Word, imag});
                continue;
            }
        }
        out.append({DdlLeaf::Kind::Word, w});
    }
    return out;
}

bool leafMatches(const DdlLeaf &ours, const DdlLeaf &h5dump)
{
    if (ours.kind == DdlLeaf::Kind::Reference || h5dump.kind == DdlLeaf::Kind::Reference) {
        auto norm = [](const QByteArray &t) {
            const int brace = t.lastIndexOf(" {");
            return brace < 0 ? t : t.left(brace) + " {" + normalizedRegion(t.mid(brace + 2, t.size() - brace - 3)) + '}';
        };
        return norm(ours.text) == norm(h5dump.text);
    }
    if ((ours.kind == DdlLeaf::Kind::String) != (h5dump.kind == DdlLeaf::Kind::String))
        return false;
    if (ours.kind == DdlLeaf::Kind::String)
        return ours.text == h5dump.text;
    Integer a, b;
    if (parseInteger(ours.text, a) && parseInteger(h5dump.text, b))
        return a == b;
    double x, y;
    if (parseDouble(ours.text, x) && parseDouble(h5dump.text, y)) {
        if (std::isnan(x) || std::isnan(y))
            return std::isnan(x) && std::isnan(y);
        if (std::isinf(x) || std::isinf(y))
            return x == y;
        const int digits = significantDigits(h5dump.text);
        return QByteArray::number(x, 'g', digits).toDouble() == QByteArray::number(y, 'g', digits).toDouble();
    }
    return ours.text == h5dump.text;
}

DdlAttributes parseDdlAttributes(const QByteArray &text)
{
    static const QRegularExpression header(QStringLiteral("^(GROUP|DATASET|DATATYPE) \""));
    static const QRegularExpression indexPrefix(QStringLiteral("^\\s*\\(\\d+(,\\d+)*\\):"));
    DdlAttributes out;
    const QList<QByteArray> lines = text.split('\n');
    QMap<int, QString> owners; // indentation of an object header -> its path
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        const int indent = indentOf(line);
        const QByteArray t = line.trimmed();
        if (t == "DATA {") { // a dataset's values: skip to the closing brace at this indentation
            while (i + 1 < lines.size() && !(indentOf(lines[i + 1]) == indent && lines[i + 1].trimmed() == "}"))
                ++i;
            ++i;
            continue;
        }
        if (header.match(QString::fromUtf8(t)).hasMatch()) {
            const QString name = quoted(t);
            const QString path = indent == 0 ? name : childPath(owners.value(indent - 3), name);
            owners.insert(indent, path);
            for (auto it = owners.upperBound(indent); it != owners.end();)
                it = owners.erase(it);
            continue;
        }
        if (!t.startsWith("ATTRIBUTE \""))
            continue;
        if (!owners.contains(indent - 3)) {
            out.problems << QStringLiteral("line %1: attribute outside an object").arg(i + 1);
            continue;
        }
        DdlAttribute a;
        a.name = quoted(t);
        QList<QByteArray> data;
        // The block ends at the closing brace at the ATTRIBUTE's indentation.
        for (++i; i < lines.size() && !(indentOf(lines[i]) == indent && lines[i].trimmed() == "}"); ++i) {
            const QByteArray b = lines[i].trimmed();
            const int bi = indentOf(lines[i]);
            auto collect = [&](const QByteArray &first) {
                QByteArray all = first;
                int depth = int(first.count('{')) - int(first.count('}'));
                while (depth > 0 && i + 1 < lines.size()) {
                    const QByteArray next = lines[++i].trimmed();
                    depth += int(next.count('{')) - int(next.count('}'));
                    all += ' ' + next;
                }
                return normalizeDdl(QString::fromUtf8(all));
            };
            if (bi == indent + 3 && b.startsWith("DATATYPE ")) {
                a.typeText = collect(b.mid(9));
            } else if (bi == indent + 3 && b.startsWith("DATASPACE ")) {
                a.spaceText = collect(b.mid(10));
            } else if (bi == indent + 3 && b == "DATA {") {
                a.hasData = true;
                for (++i; i < lines.size() && !(indentOf(lines[i]) == indent + 3 && lines[i].trimmed() == "}"); ++i)
                    data << lines[i];
            } else if (!b.isEmpty()) {
                out.problems << QStringLiteral("line %1: %2").arg(i + 1).arg(QString::fromUtf8(b));
            }
        }
        if (a.typeText.startsWith(QLatin1String("H5T_REFERENCE"))) {
            a.leaves = referenceLeaves(data);
        } else {
            QByteArray joined;
            for (const QByteArray &d : data)
                joined += QString::fromUtf8(d).remove(indexPrefix).toUtf8() + '\n';
            a.leaves = valueLeaves(joined);
        }
        out.byObject[owners.value(indent - 3)].append(a);
    }
    return out;
}

} // namespace hs::tests
