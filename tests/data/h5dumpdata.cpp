#include "h5dumpdata.h"

#include <QStringList>

namespace h5dump {

namespace {

struct Token
{
    enum class Type { Word, String, Punct };
    Type type = Type::Word;
    QString text;
    char punct = 0;

    bool is(char c) const { return type == Type::Punct && punct == c; }
    bool word(const char *w) const { return type == Type::Word && text == QLatin1String(w); }
};

bool isPunct(char c)
{
    return c == '{' || c == '}' || c == '[' || c == ']' || c == '(' || c == ')' || c == ',' || c == ';' || c == ':';
}

std::vector<Token> tokenize(const QByteArray &in)
{
    std::vector<Token> out;
    const qsizetype n = in.size();
    qsizetype i = 0;
    while (i < n) {
        const char c = in[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
            continue;
        }
        if (c == '"') {
            QByteArray s;
            ++i;
            while (i < n && in[i] != '"') {
                if (in[i] == '\\' && i + 1 < n) {
                    s += in[i];
                    s += in[i + 1];
                    i += 2;
                    continue;
                }
                s += in[i++];
            }
            ++i;
            out.push_back({Token::Type::String, QString::fromUtf8(s), 0});
            continue;
        }
        if (isPunct(c)) {
            out.push_back({Token::Type::Punct, QString(QLatin1Char(c)), c});
            ++i;
            continue;
        }
        QByteArray w;
        while (i < n) {
            const char d = in[i];
            if (d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '"')
                break;
            // "ff:fe" (bitfields, opaque) is one word; "(0): 1" is not.
            if (d == ':' && !(i + 1 < n && std::isxdigit(static_cast<unsigned char>(in[i + 1]))))
                break;
            if (d != ':' && isPunct(d))
                break;
            w += d;
            ++i;
        }
        out.push_back({Token::Type::Word, QString::fromUtf8(w), 0});
    }
    return out;
}

struct Parser
{
    std::vector<Token> t;
    size_t pos = 0;

    bool at(size_t p, char c) const { return p < t.size() && t[p].is(c); }

    // Index just past the brace that closes the one at `open`.
    size_t skipBalanced(size_t open) const
    {
        int depth = 0;
        for (size_t i = open; i < t.size(); ++i) {
            if (t[i].is('{'))
                ++depth;
            else if (t[i].is('}') && --depth == 0)
                return i + 1;
        }
        return t.size();
    }

    bool isIndexPrefix(size_t p) const
    {
        if (!at(p, '('))
            return false;
        ++p;
        while (p < t.size() && (t[p].type == Token::Type::Word || t[p].is(',')))
            ++p;
        return at(p, ')') && at(p + 1, ':');
    }

    Node value(size_t end)
    {
        Node n;
        if (pos >= end)
            return n;
        const Token &k = t[pos];
        auto list = [&](Node::Kind kind, char close) {
            n.kind = kind;
            ++pos;
            while (pos < end && !t[pos].is(close)) {
                if (t[pos].is(',')) {
                    ++pos;
                    continue;
                }
                const size_t before = pos;
                n.children.push_back(value(end));
                if (pos == before)
                    ++pos;
            }
            ++pos;
        };
        if (k.is('{')) {
            list(Node::Kind::Compound, '}');
            return n;
        }
        if (k.is('[')) {
            list(Node::Kind::Array, ']');
            return n;
        }
        if (k.is('(')) {
            list(Node::Kind::Vlen, ')');
            return n;
        }
        if (k.type == Token::Type::String) {
            n.kind = Node::Kind::String;
            while (pos < end && t[pos].type == Token::Type::String)
                n.text += t[pos++].text;
            return n;
        }
        if (k.word("NULL")) {
            n.kind = Node::Kind::Null;
            ++pos;
            return n;
        }
        if ((k.word("DATASET") || k.word("GROUP") || k.word("DATATYPE") || k.word("ATTRIBUTE"))
            && pos + 1 < end
            && (t[pos + 1].type == Token::Type::String
                || (t[pos + 1].type == Token::Type::Word && pos + 2 < end
                    && t[pos + 2].type == Token::Type::String))) {
            n.kind = Node::Kind::Reference;
            ++pos;
            if (t[pos].type == Token::Type::Word)
                ++pos; // object address (older h5dump)
            n.text = t[pos++].text;
            if (at(pos, '{')) {
                const size_t close = skipBalanced(pos);
                size_t p = pos + 1;
                while (p < close && !t[p].word("REGION_TYPE"))
                    ++p;
                if (p + 1 < close) {
                    n.region = t[p + 1].text;
                    for (p += 2; p < close && !t[p].word("DATATYPE") && !t[p].is('}'); ++p)
                        n.region += t[p].text;
                }
                pos = close;
            }
            if (pos + 1 < end && t[pos].word("DATA") && at(pos + 1, '{'))
                pos = skipBalanced(pos + 1);
            return n;
        }
        n.kind = Node::Kind::Scalar;
        n.text = k.text;
        ++pos;
        return n;
    }

    void data(size_t end, Dataset &ds)
    {
        quint64 cur = 0;
        while (pos < end) {
            if (isIndexPrefix(pos)) {
                ++pos;
                std::vector<quint64> idx;
                while (!t[pos].is(')')) {
                    if (t[pos].type == Token::Type::Word)
                        idx.push_back(t[pos].text.toULongLong());
                    ++pos;
                }
                pos += 2;
                quint64 linear = 0;
                for (size_t i = 0; i < idx.size(); ++i)
                    linear = linear * (i < ds.dims.size() ? ds.dims[i] : 1) + idx[i];
                cur = linear;
                continue;
            }
            if (t[pos].is(',')) {
                ++pos;
                continue;
            }
            const size_t before = pos;
            Node v = value(end);
            if (pos == before) {
                ++pos;
                continue;
            }
            ds.values[cur++] = std::move(v);
        }
    }

    void dataset(size_t end, Dataset &ds)
    {
        while (pos < end) {
            if (t[pos].word("DATASPACE") && pos + 1 < end) {
                const Token &k = t[pos + 1];
                pos += 2;
                if (k.word("SCALAR")) {
                    ds.scalar = true;
                } else if (k.word("SIMPLE") && at(pos, '{')) {
                    size_t p = pos + 1;
                    if (at(p, '('))
                        for (++p; p < end && !t[p].is(')'); ++p)
                            if (t[p].type == Token::Type::Word)
                                ds.dims.push_back(t[p].text.toULongLong());
                    pos = skipBalanced(pos);
                }
                continue;
            }
            if (t[pos].word("DATA") && at(pos + 1, '{')) {
                const size_t close = skipBalanced(pos + 1);
                pos += 2;
                ds.hasData = true;
                data(close - 1, ds);
                pos = close;
                continue;
            }
            if (t[pos].is('{')) {
                pos = skipBalanced(pos);
                continue;
            }
            ++pos;
        }
    }

    void group(size_t end, const QString &prefix, std::vector<Dataset> &out)
    {
        auto join = [&](const QString &name) {
            if (name.startsWith(QLatin1Char('/')))
                return name;
            return prefix.endsWith(QLatin1Char('/')) ? prefix + name : prefix + QLatin1Char('/') + name;
        };
        while (pos < end) {
            const Token &k = t[pos];
            if ((k.word("GROUP") || k.word("DATASET")) && pos + 2 < end && t[pos + 1].type == Token::Type::String
                && at(pos + 2, '{')) {
                const QString path = join(t[pos + 1].text);
                const size_t close = skipBalanced(pos + 2);
                pos += 3;
                if (k.word("GROUP")) {
                    group(close - 1, path, out);
                } else {
                    Dataset ds;
                    ds.path = path;
                    dataset(close - 1, ds);
                    out.push_back(std::move(ds));
                }
                pos = close;
                continue;
            }
            if (t[pos].is('{')) {
                pos = skipBalanced(pos);
                continue;
            }
            ++pos;
        }
    }
};

} // namespace

std::vector<Dataset> parse(const QByteArray &ddl)
{
    Parser p;
    p.t = tokenize(ddl);
    std::vector<Dataset> out;
    // HDF5 "file" { GROUP "/" { ... } } or HDF5 "file" { DATASET "/x" { ... } }
    if (p.t.size() > 2 && p.t[0].word("HDF5") && p.at(2, '{')) {
        const size_t close = p.skipBalanced(2);
        p.pos = 3;
        p.group(close - 1, QStringLiteral("/"), out);
    }
    return out;
}

Node parseValue(const QByteArray &text)
{
    Parser p;
    p.t = tokenize(text);
    return p.value(p.t.size());
}

QByteArray unescape(const QString &s)
{
    const QByteArray in = s.toUtf8();
    QByteArray out;
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c != '\\' || i + 1 >= in.size()) {
            out += c;
            continue;
        }
        const char e = in[++i];
        switch (e) {
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'v': out += '\v'; break;
        case 'a': out += '\a'; break;
        case 'x': {
            const QByteArray hex = in.mid(i + 1, 2);
            out += char(hex.toInt(nullptr, 16));
            i += 2;
            break;
        }
        default:
            if (e >= '0' && e <= '7') {
                int v = 0, k = 0;
                while (k < 3 && i < in.size() && in[i] >= '0' && in[i] <= '7') {
                    v = v * 8 + (in[i] - '0');
                    ++i;
                    ++k;
                }
                --i;
                out += char(v);
            } else {
                out += e;
            }
        }
    }
    return out;
}

} // namespace h5dump
