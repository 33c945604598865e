#include "ddlparser.h"

#include <QRegularExpression>

#include <vector>

namespace hs::tests {

namespace {

// h5dump escapes '"' and '\' in names (and a few control characters).
QString unescape(QStringView s)
{
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i] == QLatin1Char('\\') && i + 1 < s.size()) {
            const QChar c = s[++i];
            switch (c.unicode()) {
            case 'n': out += QLatin1Char('\n'); break;
            case 't': out += QLatin1Char('\t'); break;
            case 'r': out += QLatin1Char('\r'); break;
            default: out += c; break;
            }
            continue;
        }
        out += s[i];
    }
    return out;
}

// Net brace depth change of `line`, ignoring braces inside double quotes.
int braceDelta(QStringView line, int *opens = nullptr)
{
    int delta = 0, o = 0;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == QLatin1Char('\\'))
                ++i;
            else if (c == QLatin1Char('"'))
                quoted = false;
            continue;
        }
        if (c == QLatin1Char('"'))
            quoted = true;
        else if (c == QLatin1Char('{'))
            ++delta, ++o;
        else if (c == QLatin1Char('}'))
            --delta;
    }
    if (opens)
        *opens = o;
    return delta;
}

QString firstQuoted(const QString &s)
{
    static const QRegularExpression re(QStringLiteral(R"re("((?:[^"\\]++|\\.)*+)")re"));
    const auto m = re.match(s);
    return m.hasMatch() ? unescape(m.capturedView(1)) : QString();
}

QString join(const QString &parent, const QString &name)
{
    return parent.endsWith(QLatin1Char('/')) ? parent + name : parent + QLatin1Char('/') + name;
}

struct Block
{
    QString keyword; // HDF5, GROUP, DATASET, ... or "" for any other brace
    QString path;
};

struct TypeCapture
{
    QString path; // object whose type is being read
    QString text;
    int depth = 0; // open braces in `text`
    bool active = false;
};

} // namespace

QString normalizeDdl(const QString &text)
{
    QString out;
    out.reserve(text.size());
    bool quoted = false;
    bool pendingSpace = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            out += c;
            if (c == QLatin1Char('\\') && i + 1 < text.size())
                out += text[++i];
            else if (c == QLatin1Char('"'))
                quoted = false;
            continue;
        }
        if (c.isSpace()) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace && c != QLatin1Char(';'))
            out += QLatin1Char(' ');
        pendingSpace = false;
        out += c;
        if (c == QLatin1Char('"'))
            quoted = true;
    }
    return out;
}

DdlFile parseDdl(const QByteArray &bytes)
{
    static const QRegularExpression objectLine(
        QStringLiteral(R"re(^\s*(GROUP|DATASET|DATATYPE|SOFTLINK|EXTERNAL_LINK|USERDEFINED_LINK)\s+"((?:[^"\\]++|\\.)*+)"(.*)$)re"));
    // Possessive quantifiers: names can be 64 KiB long (tlonglinks.h5), too
    // long for a backtracking match.
    static const QRegularExpression fileLine(QStringLiteral(R"re(^\s*HDF5\s+"((?:[^"\\]++|\\.)*+)"\s*\{\s*$)re"));

    DdlFile ddl;
    std::vector<Block> stack;
    TypeCapture type;
    const QString text = QString::fromUtf8(bytes);
    const QStringList lines = text.split(QLatin1Char('\n'));

    auto feedType = [&](const QString &part) {
        type.text += QLatin1Char(' ') + part;
        type.depth += braceDelta(part);
        if (type.depth <= 0) {
            QString t = normalizeDdl(type.text);
            if (t.endsWith(QLatin1Char(';'))) // `DATATYPE "name" H5T_STD_I32LE;`
                t.chop(1);
            ddl.objects[type.path].typeText = t;
            type = {};
        }
    };

    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        const QString parent = stack.empty() ? QString() : stack.back().keyword;
        const int delta = braceDelta(line);

        if (type.active) {
            feedType(trimmed);
        } else if (const auto m = fileLine.match(line); m.hasMatch() && stack.empty()) {
            ddl.fileName = unescape(m.capturedView(1));
            stack.push_back({QStringLiteral("HDF5"), {}});
            continue;
        } else if (const auto m = objectLine.match(line);
                   m.hasMatch() && (parent == QLatin1String("GROUP") || (parent == QLatin1String("HDF5") && m.captured(1) == QLatin1String("GROUP")))) {
            const QString keyword = m.captured(1);
            const QString name = unescape(m.capturedView(2));
            const QString path = parent == QLatin1String("HDF5") ? name : join(stack.back().path, name);
            const QString rest = m.captured(3).trimmed();
            DdlObject &obj = ddl.objects[path];
            obj.keyword = keyword;
            if (rest.startsWith(QLatin1String("HARDLINK")))
                obj.hardLinkTo = firstQuoted(rest);
            else if (keyword == QLatin1String("DATATYPE") && !rest.isEmpty()) {
                type = TypeCapture{path, {}, 0, true};
                // The block the type opens is the DATATYPE object's block.
                if (delta > 0)
                    stack.push_back({keyword, path});
                for (int i = 1; i < delta; ++i)
                    stack.push_back({});
                feedType(rest);
                continue;
            }
            if (delta > 0)
                stack.push_back({keyword, path});
            for (int i = 1; i < delta; ++i)
                stack.push_back({});
            for (int i = 0; i > delta; --i)
                if (!stack.empty())
                    stack.pop_back();
            continue;
        } else if (parent == QLatin1String("DATASET") && trimmed.startsWith(QLatin1String("DATATYPE "))) {
            const QString rest = trimmed.mid(9).trimmed();
            if (rest.startsWith(QLatin1Char('"')))
                ddl.objects[stack.back().path].typeText = QLatin1String("=") + firstQuoted(rest); // named type
            else {
                type = TypeCapture{stack.back().path, {}, 0, true};
                feedType(rest);
            }
        } else if (trimmed.startsWith(QLatin1String("HARDLINK ")) && !stack.empty() && !stack.back().path.isEmpty()
                   && parent != QLatin1String("HDF5")) {
            ddl.objects[stack.back().path].hardLinkTo = firstQuoted(trimmed);
        } else if (parent == QLatin1String("SOFTLINK") && trimmed.startsWith(QLatin1String("LINKTARGET "))) {
            ddl.objects[stack.back().path].softTarget = firstQuoted(trimmed);
        } else if (parent == QLatin1String("EXTERNAL_LINK") && trimmed.startsWith(QLatin1String("TARGETFILE "))) {
            ddl.objects[stack.back().path].externalFile = firstQuoted(trimmed);
        } else if (parent == QLatin1String("EXTERNAL_LINK") && trimmed.startsWith(QLatin1String("TARGETPATH "))) {
            ddl.objects[stack.back().path].externalPath = firstQuoted(trimmed);
        }

        for (int i = 0; i < delta; ++i)
            stack.push_back({});
        for (int i = 0; i > delta; --i) {
            if (stack.empty()) {
                ddl.problems << QStringLiteral("unbalanced '}': %1").arg(trimmed);
                break;
            }
            stack.pop_back();
        }
    }
    if (type.active)
        ddl.problems << QStringLiteral("unterminated DATATYPE of %1").arg(type.path);
    if (!stack.empty() && !lines.isEmpty())
        ddl.problems << QStringLiteral("%1 blocks left open").arg(stack.size());
    return ddl;
}

QString resolvedTypeText(const DdlFile &ddl, const QString &path)
{
    QString p = path;
    for (int hops = 0; hops < 16; ++hops) {
        const auto it = ddl.objects.constFind(p);
        if (it == ddl.objects.constEnd())
            return {};
        if (!it->hardLinkTo.isEmpty()) {
            p = it->hardLinkTo;
            continue;
        }
        if (it->typeText.startsWith(QLatin1Char('='))) {
            p = it->typeText.mid(1);
            continue;
        }
        return it->typeText;
    }
    return {};
}

} // namespace hs::tests
