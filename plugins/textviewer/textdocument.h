#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace hyperslab::textdocument {

enum class Kind { None, Json, Xml, Yaml };

// What document a string holds, from its first characters (JSON must also
// parse; YAML: a "---" start or "key: value" lines). With `complete` false the
// text is only the start of the value (ObjectInfo::head): JSON is recognised
// by how it starts.
Kind sniff(const QString &text, bool complete = true);
QString kindName(Kind kind);

// Indented text (JSON: 2 spaces; XML: re-indented elements; YAML as it is).
// On a parse error the text as it is, with `error` set.
QString pretty(Kind kind, const QString &text, QString *error = nullptr);

// The document as a tree for folding: each node one line ("key: value",
// "<element attr=…>", "[3 items]"), its children below.
struct Node
{
    QString text;
    std::vector<Node> children;
};
Node tree(Kind kind, const QString &text);

} // namespace hyperslab::textdocument
