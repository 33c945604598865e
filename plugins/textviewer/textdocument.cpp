#include "textdocument.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace hyperslab::textdocument {

namespace {

// JSON is read here rather than through QJsonObject, which keeps its keys
// sorted: the view must show a document in the order it was written (a
// "name" first, then what it describes), and numbers as they were written.
// Both functions below run on text QJsonDocument has accepted already, and
// stop safely at the end of the text should it not be valid.

// The text re-indented by 2, strings and numbers kept byte for byte.
QString indentJson(QStringView t)
{
    QString out;
    out.reserve(t.size() * 2);
    int depth = 0;
    const auto newline = [&] { out += QLatin1Char('\n') + QString(2 * depth, QLatin1Char(' ')); };
    const auto nextSignificant = [&](qsizetype i) {
        while (i < t.size() && t[i].isSpace())
            ++i;
        return i < t.size() ? t[i] : QChar();
    };
    for (qsizetype i = 0; i < t.size(); ++i) {
        const QChar c = t[i];
        if (c == QLatin1Char('"')) {
            const qsizetype begin = i++;
            while (i < t.size() && t[i] != QLatin1Char('"'))
                i += t[i] == QLatin1Char('\\') ? 2 : 1;
            out += t.mid(begin, qMin(i, t.size() - 1) - begin + 1);
        } else if (c == QLatin1Char('{') || c == QLatin1Char('[')) {
            out += c;
            const QChar close = c == QLatin1Char('{') ? QLatin1Char('}') : QLatin1Char(']');
            if (nextSignificant(i + 1) == close) {
                out += close;
                while (t[i] != close)
                    ++i;
                continue;
            }
            ++depth;
            newline();
        } else if (c == QLatin1Char('}') || c == QLatin1Char(']')) {
            --depth;
            newline();
            out += c;
        } else if (c == QLatin1Char(',')) {
            out += c;
            newline();
        } else if (c == QLatin1Char(':')) {
            out += QStringLiteral(": ");
        } else if (!c.isSpace()) {
            out += c;
        }
    }
    return out;
}

// A recursive-descent reader of (valid) JSON into the folding tree.
class JsonTreeReader
{
public:
    explicit JsonTreeReader(QStringView text) : m_t(text) {}

    Node value(const QString &label)
    {
        Node n;
        QString summary;
        skipSpace();
        const QChar c = peek();
        if (c == QLatin1Char('{') || c == QLatin1Char('[')) {
            const bool object = c == QLatin1Char('{');
            const QChar close = object ? QLatin1Char('}') : QLatin1Char(']');
            ++m_i;
            skipSpace();
            while (m_i < m_t.size() && peek() != close) {
                QString childLabel = QStringLiteral("[%1]").arg(n.children.size());
                if (object) {
                    childLabel = string();
                    skipSpace();
                    ++m_i; // ':'
                }
                n.children.push_back(value(childLabel));
                skipSpace();
                if (peek() == QLatin1Char(','))
                    ++m_i;
                skipSpace();
            }
            ++m_i;
            const auto count = n.children.size();
            summary = object ? (count == 1 ? QStringLiteral("{1 key}") : QStringLiteral("{%1 keys}").arg(count))
                             : (count == 1 ? QStringLiteral("[1 item]") : QStringLiteral("[%1 items]").arg(count));
        } else if (c == QLatin1Char('"')) {
            summary = QLatin1Char('"') + string() + QLatin1Char('"');
        } else {
            const qsizetype begin = m_i;
            while (m_i < m_t.size() && !m_t[m_i].isSpace() && m_t[m_i] != QLatin1Char(',') && m_t[m_i] != QLatin1Char(']')
                   && m_t[m_i] != QLatin1Char('}'))
                ++m_i;
            summary = m_t.mid(begin, m_i - begin).toString();
        }
        n.text = label.isEmpty() ? summary : label + QStringLiteral(": ") + summary;
        return n;
    }

private:
    QChar peek() const { return m_i < m_t.size() ? m_t[m_i] : QChar(); }
    void skipSpace()
    {
        while (m_i < m_t.size() && m_t[m_i].isSpace())
            ++m_i;
    }
    // A string token, its escapes decoded (\uXXXX as UTF-16 code units).
    QString string()
    {
        QString s;
        ++m_i; // '"'
        while (m_i < m_t.size() && m_t[m_i] != QLatin1Char('"')) {
            QChar c = m_t[m_i++];
            if (c == QLatin1Char('\\') && m_i < m_t.size()) {
                const QChar e = m_t[m_i++];
                switch (e.unicode()) {
                case 'b': c = QLatin1Char('\b'); break;
                case 'f': c = QLatin1Char('\f'); break;
                case 'n': c = QLatin1Char('\n'); break;
                case 'r': c = QLatin1Char('\r'); break;
                case 't': c = QLatin1Char('\t'); break;
                case 'u':
                    c = QChar(char16_t(m_t.mid(m_i, 4).toString().toUShort(nullptr, 16)));
                    m_i += 4;
                    break;
                default: c = e; // " \ /
                }
            }
            s += c;
        }
        ++m_i;
        return s;
    }

    QStringView m_t;
    qsizetype m_i = 0;
};

} // namespace

Kind sniff(const QString &text, bool complete)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return Kind::None;
    if (t.startsWith(QLatin1Char('{')) || t.startsWith(QLatin1Char('['))) {
        if (!complete) {
            // "{" then a key or "}", "[" then a value: enough to offer the view.
            static const QRegularExpression start(QStringLiteral("^(\\{\\s*[\"}]|\\[\\s*([\\[\\]{\"0-9-]|true|false|null))"));
            if (start.match(t).hasMatch())
                return Kind::Json;
        }
        QJsonParseError e;
        QJsonDocument::fromJson(t.toUtf8(), &e);
        if (e.error == QJsonParseError::NoError)
            return Kind::Json;
    }
    if (t.startsWith(QLatin1Char('<')) && t.endsWith(QLatin1Char('>')))
        return Kind::Xml;
    if (t.startsWith(QLatin1String("---")) || t.startsWith(QLatin1String("%YAML")))
        return Kind::Yaml;
    // Two or more "key: value" (or "key:" opening a block) lines.
    static const QRegularExpression keyLine(QStringLiteral("^\\s*(- )?[A-Za-z_][\\w .-]*:(\\s|$)"));
    int keys = 0, lines = 0;
    for (const QString &line : t.split(QLatin1Char('\n'))) {
        if (line.trimmed().isEmpty() || line.trimmed().startsWith(QLatin1Char('#')))
            continue;
        ++lines;
        if (keyLine.match(line).hasMatch())
            ++keys;
    }
    return keys >= 2 && keys * 2 >= lines ? Kind::Yaml : Kind::None;
}

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::Json: return QStringLiteral("JSON");
    case Kind::Xml: return QStringLiteral("XML");
    case Kind::Yaml: return QStringLiteral("YAML");
    default: return QStringLiteral("text");
    }
}

QString pretty(Kind kind, const QString &text, QString *error)
{
    if (kind == Kind::Json) {
        QJsonParseError e;
        QJsonDocument::fromJson(text.toUtf8(), &e);
        if (e.error != QJsonParseError::NoError) {
            if (error)
                *error = e.errorString();
            return text;
        }
        return indentJson(text) + QLatin1Char('\n');
    }
    if (kind == Kind::Xml) {
        QXmlStreamReader reader(text);
        QString out;
        QXmlStreamWriter writer(&out);
        writer.setAutoFormatting(true);
        writer.setAutoFormattingIndent(2);
        while (!reader.atEnd()) {
            reader.readNext();
            if (reader.isWhitespace())
                continue;
            writer.writeCurrentToken(reader);
        }
        if (reader.hasError()) {
            if (error)
                *error = reader.errorString();
            return text;
        }
        return out;
    }
    return text;
}

Node tree(Kind kind, const QString &text)
{
    Node root;
    if (kind == Kind::Json) {
        return JsonTreeReader(text).value(QString());
    }
    if (kind == Kind::Xml) {
        QXmlStreamReader reader(text);
        std::vector<Node *> stack{&root};
        while (!reader.atEnd()) {
            reader.readNext();
            if (reader.isStartElement()) {
                QString label = QLatin1Char('<') + reader.name().toString();
                for (const QXmlStreamAttribute &a : reader.attributes())
                    label += QStringLiteral(" %1=\"%2\"").arg(a.name().toString(), a.value().toString());
                stack.back()->children.push_back(Node{label + QLatin1Char('>'), {}});
                stack.push_back(&stack.back()->children.back());
            } else if (reader.isEndElement()) {
                if (stack.size() > 1)
                    stack.pop_back();
            } else if (reader.isCharacters() && !reader.isWhitespace()) {
                stack.back()->children.push_back(Node{reader.text().toString().trimmed(), {}});
            }
        }
        root.text = QStringLiteral("XML");
        return root.children.size() == 1 ? root.children.front() : root;
    }
    if (kind == Kind::Yaml) {
        // Folding by indentation: a line owns the more indented lines below it.
        root.text = QStringLiteral("YAML");
        std::vector<std::pair<int, Node *>> stack{{-1, &root}};
        for (const QString &line : text.split(QLatin1Char('\n'))) {
            if (line.trimmed().isEmpty())
                continue;
            int indent = 0;
            while (indent < line.size() && line[indent] == QLatin1Char(' '))
                ++indent;
            while (stack.size() > 1 && stack.back().first >= indent)
                stack.pop_back();
            stack.back().second->children.push_back(Node{line.trimmed(), {}});
            stack.push_back({indent, &stack.back().second->children.back()});
        }
    }
    return root;
}

} // namespace hyperslab::textdocument
