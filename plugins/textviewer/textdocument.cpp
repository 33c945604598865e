#include "textdocument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace hyperslab::textdocument {

namespace {

QString scalarText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String: return QLatin1Char('"') + v.toString() + QLatin1Char('"');
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Array:
        return v.toArray().size() == 1 ? QStringLiteral("[1 item]") : QStringLiteral("[%1 items]").arg(v.toArray().size());
    case QJsonValue::Object:
        return v.toObject().size() == 1 ? QStringLiteral("{1 key}") : QStringLiteral("{%1 keys}").arg(v.toObject().size());
    default: return {};
    }
}

Node jsonNode(const QString &label, const QJsonValue &v)
{
    Node n;
    n.text = label.isEmpty() ? scalarText(v) : label + QStringLiteral(": ") + scalarText(v);
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            n.children.push_back(jsonNode(QStringLiteral("[%1]").arg(i), a.at(i)));
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            n.children.push_back(jsonNode(it.key(), it.value()));
    }
    return n;
}

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
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &e);
        if (e.error != QJsonParseError::NoError) {
            if (error)
                *error = e.errorString();
            return text;
        }
        // Qt indents by 4; 2 reads better for deep documents.
        QString out = QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
        QString result;
        for (const QString &line : out.split(QLatin1Char('\n'))) {
            qsizetype n = 0;
            while (n < line.size() && line[n] == QLatin1Char(' '))
                ++n;
            result += QString(n / 2, QLatin1Char(' ')) + line.mid(n) + QLatin1Char('\n');
        }
        return result.trimmed() + QLatin1Char('\n');
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
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        return jsonNode(QString(), doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
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
