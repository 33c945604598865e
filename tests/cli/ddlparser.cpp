#include "ddlparser.h"

#include "model/names.h"

#include <QRegularExpression>

#include <vector>

namespace hs::tests {

namespace {

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

// h5dump prints names as they are, quotes included. After the opening quote
// an object line reads `name" {`, `name" HARDLINK "/x"` or, for a committed
// datatype, `name" H5T_...`: the name ends at the last quote before that.
void splitObjectLine(const QString &afterQuote, const QString &keyword, QString &name, QString &rest)
{
    qsizetype end = -1;
    for (const char *tail : {"\" HARDLINK ", "\" {"}) {
        end = afterQuote.lastIndexOf(QLatin1String(tail));
        if (end >= 0)
            break;
    }
    if (end < 0 && keyword == QLatin1String("DATATYPE"))
        end = afterQuote.lastIndexOf(QLatin1String("\" H5T_"));
    if (end < 0 && keyword == QLatin1String("DATATYPE"))
        end = afterQuote.indexOf(QLatin1String("\" "));
    if (end < 0)
        end = afterQuote.lastIndexOf(QLatin1Char('"'));
    if (end < 0) {
        name = afterQuote;
        return;
    }
    name = afterQuote.left(end);
    rest = afterQuote.mid(end + 1).trimmed();
}

// The text between the first and the last double quote (names are not escaped).
QString firstQuoted(const QString &s)
{
    const qsizetype a = s.indexOf(QLatin1Char('"'));
    const qsizetype b = s.lastIndexOf(QLatin1Char('"'));
    return b > a ? s.mid(a + 1, b - a - 1) : QString();
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
    // Everywhere, quoted names included: h5dump pads enum names to a column
    // and prints a line break inside a name as it is.
    return text.simplified();
}

QString withoutBraceSpacing(const QString &text)
{
    QString out = normalizeDdl(text);
    static const QRegularExpression spaces(QStringLiteral(R"re(\s*([{}])\s*)re"));
    out.replace(spaces, QStringLiteral("\\1"));
    return out;
}

DdlFile parseDdl(const QByteArray &bytes)
{
    static const QRegularExpression objectLine(
        QStringLiteral(R"re(^\s*(GROUP|DATASET|DATATYPE|SOFTLINK|EXTERNAL_LINK|USERDEFINED_LINK) ")re"));
    static const QRegularExpression fileLine(QStringLiteral(R"re(^\s*HDF5 "(.*)" \{\s*$)re"));
    DdlFile ddl;
    std::vector<Block> stack;
    TypeCapture type;
    const QString text = hs::core::names::decode(bytes.constData(), bytes.size());
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
        } else if (const auto m = fileLine.match(line, 0, QRegularExpression::NormalMatch,
                                                 QRegularExpression::DontCheckSubjectStringMatchOption);
                   m.hasMatch() && stack.empty()) {
            ddl.fileName = m.captured(1);
            stack.push_back({QStringLiteral("HDF5"), {}});
            continue;
        } else if (const auto m = objectLine.match(line, 0, QRegularExpression::NormalMatch,
                                                   QRegularExpression::DontCheckSubjectStringMatchOption);
                   m.hasMatch() && (parent == QLatin1String("GROUP") || (parent == QLatin1String("HDF5") && m.captured(1) == QLatin1String("GROUP")))) {
            // (Not checked as UTF-16: names that are not UTF-8 hold lone surrogates.)
            const QString keyword = m.captured(1);
            QString name, rest;
            splitObjectLine(line.mid(m.capturedEnd()), keyword, name, rest);
            const QString path = parent == QLatin1String("HDF5") ? name : join(stack.back().path, name);
            const int delta = braceDelta(rest); // the name may hold quotes and braces
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
