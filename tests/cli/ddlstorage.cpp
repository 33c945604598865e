#include "ddlstorage.h"

#include <QRegularExpression>

namespace hs::tests {

namespace {

struct Frame
{
    QString keyword; // first word of the line that opened the block
    QString rest;    // the words between the keyword and "{"
    QString path;    // GROUP / DATASET: absolute path
    int indent = 0;
};

int indentOf(const QString &line)
{
    int i = 0;
    while (i < line.size() && line[i] == QLatin1Char(' '))
        ++i;
    return i;
}

QString quoted(const QString &text)
{
    const qsizetype a = text.indexOf(QLatin1Char('"'));
    const qsizetype b = text.lastIndexOf(QLatin1Char('"'));
    return b > a ? text.mid(a + 1, b - a - 1) : QString();
}

QString childPath(const QString &parent, const QString &name)
{
    if (name.startsWith(QLatin1Char('/')))
        return name;
    if (parent.isEmpty() || parent == QLatin1String("/"))
        return QLatin1Char('/') + name;
    return parent + QLatin1Char('/') + name;
}

// "( 4, 8 )" or "(0,0,0)" -> {"4", "8"}
QStringList listIn(const QString &text)
{
    const qsizetype a = text.indexOf(QLatin1Char('(')), b = text.lastIndexOf(QLatin1Char(')'));
    if (a < 0 || b < a)
        return {};
    QStringList out;
    for (const QString &part : text.mid(a + 1, b - a - 1).split(QLatin1Char(',')))
        out << part.trimmed();
    return out;
}

int builtinId(const QString &kind)
{
    if (kind == QLatin1String("DEFLATE")) return 1;
    if (kind == QLatin1String("SHUFFLE")) return 2;
    if (kind == QLatin1String("FLETCHER32")) return 3;
    if (kind == QLatin1String("SZIP")) return 4;
    if (kind == QLatin1String("NBIT")) return 5;
    if (kind == QLatin1String("SCALEOFFSET")) return 6;
    return 0;
}

// "COMPRESSION DEFLATE { LEVEL 6 }", "PREPROCESSING SHUFFLE", "CHECKSUM
// FLETCHER32", "COMPRESSION SCALEOFFSET { MIN BITS 0 }"
bool builtinFilter(const QString &line, DdlFilter &f)
{
    static const QRegularExpression re(QStringLiteral(R"(^(COMPRESSION|PREPROCESSING|CHECKSUM) (\w+)(?: \{ (.*) \})?$)"));
    const auto m = re.match(line);
    if (!m.hasMatch())
        return false;
    f.kind = m.captured(2);
    f.id = builtinId(f.kind);
    const QString inside = m.captured(3);
    if (!inside.isEmpty()) {
        const qsizetype space = inside.lastIndexOf(QLatin1Char(' '));
        f.fields.insert(inside.left(space), inside.mid(space + 1));
    }
    return f.id != 0;
}

class Parser
{
public:
    QMap<QString, DdlStorage> out;

    void line(const QString &raw)
    {
        const QString t = raw.trimmed();
        const int indent = indentOf(raw);
        if (m_skipIndent >= 0) {
            // DATA and ATTRIBUTE blocks end at a "}" of their own indentation;
            // their contents (strings included) are never parsed.
            if (t == QLatin1String("}") && indent == m_skipIndent)
                m_skipIndent = -1;
            return;
        }
        if (t.isEmpty())
            return;
        if (t == QLatin1String("}") || t == QLatin1String("},")) {
            close();
            return;
        }
        if (t.endsWith(QLatin1Char('{'))) {
            open(t, indent);
            return;
        }
        leaf(t);
    }

private:
    QList<Frame> m_stack;
    int m_skipIndent = -1;
    QStringList m_valueLines; // a multi-line fill VALUE { ... }

    QString parentPath() const
    {
        for (qsizetype i = m_stack.size() - 1; i >= 0; --i)
            if (!m_stack[i].path.isEmpty())
                return m_stack[i].path;
        return {};
    }
    bool inside(const char *keyword) const
    {
        for (const Frame &f : m_stack)
            if (f.keyword == QLatin1String(keyword))
                return true;
        return false;
    }
    const Frame *top() const { return m_stack.isEmpty() ? nullptr : &m_stack.last(); }
    QString dataset() const
    {
        for (qsizetype i = m_stack.size() - 1; i >= 0; --i)
            if (m_stack[i].keyword == QLatin1String("DATASET") && !m_stack[i].path.isEmpty())
                return m_stack[i].path;
        return {};
    }
    DdlStorage &storage() { return out[dataset()]; }

    void open(const QString &t, int indent)
    {
        Frame f;
        f.indent = indent;
        const QString head = t.left(t.size() - 1).trimmed();
        f.keyword = head.section(QLatin1Char(' '), 0, 0);
        f.rest = head.section(QLatin1Char(' '), 1).trimmed();
        if (f.keyword == QLatin1String("DATA") || f.keyword == QLatin1String("ATTRIBUTE")
            || (f.keyword == QLatin1String("DATATYPE") && !inside("STORAGE_LAYOUT"))) {
            m_skipIndent = indent;
            return;
        }
        if ((f.keyword == QLatin1String("GROUP") || f.keyword == QLatin1String("DATASET")) && !inside("STORAGE_LAYOUT"))
            f.path = childPath(parentPath(), quoted(f.rest));
        if (f.keyword == QLatin1String("MAPPING")) {
            storage().layout = QStringLiteral("VIRTUAL");
            storage().mappings.append(DdlMapping{});
        }
        if (f.keyword == QLatin1String("USER_DEFINED_FILTER")) {
            DdlFilter filter;
            filter.kind = QStringLiteral("USER_DEFINED");
            storage().filters.append(filter);
        }
        if (f.keyword == QLatin1String("COMPRESSION") && inside("FILTERS")) {
            DdlFilter filter; // COMPRESSION SZIP {
            filter.kind = f.rest;
            filter.id = builtinId(f.rest);
            storage().filters.append(filter);
        }
        if (f.keyword == QLatin1String("SELECTION"))
            selection().kind = f.rest;
        if (f.keyword == QLatin1String("VALUE"))
            m_valueLines.clear();
        m_stack.append(f);
    }

    void close()
    {
        if (m_stack.isEmpty())
            return;
        const Frame f = m_stack.takeLast();
        if (f.keyword == QLatin1String("VALUE"))
            storage().fillValue = QStringLiteral("{ %1 }").arg(m_valueLines.join(QLatin1Char(' ')));
    }

    DdlSelection &selection()
    {
        DdlMapping &m = storage().mappings.last();
        return inside("SOURCE") ? m.sourceSelection : m.virtualSelection;
    }

    void leaf(const QString &t)
    {
        const Frame *f = top();
        if (!f || dataset().isEmpty())
            return;
        const QString key = t.section(QLatin1Char(' '), 0, 0);
        const QString value = t.section(QLatin1Char(' '), 1).trimmed();
        DdlStorage &s = storage();
        const QString &where = f->keyword;
        if (where == QLatin1String("VALUE")) {
            m_valueLines << t;
        } else if (where == QLatin1String("STORAGE_LAYOUT")) {
            if (key == QLatin1String("CONTIGUOUS") || key == QLatin1String("COMPACT")) {
                s.layout = key;
            } else if (key == QLatin1String("CHUNKED")) {
                s.layout = key;
                s.chunkDims = listIn(value);
            } else if (key == QLatin1String("SIZE")) {
                s.size = value.section(QLatin1Char(' '), 0, 0);
                const qsizetype colon = value.indexOf(QLatin1String(":1 COMPRESSION"));
                if (colon > 0)
                    s.ratio = value.mid(value.indexOf(QLatin1Char('(')) + 1, colon - value.indexOf(QLatin1Char('(')) - 1);
            } else if (key != QLatin1String("OFFSET")) {
                s.problems << t;
            }
        } else if (where == QLatin1String("FILTERS")) {
            s.filtersPrinted = true;
            DdlFilter filter;
            if (t == QLatin1String("NONE"))
                return;
            if (builtinFilter(t, filter))
                s.filters.append(filter);
            else
                s.problems << t;
        } else if (where == QLatin1String("USER_DEFINED_FILTER")) {
            DdlFilter &filter = s.filters.last();
            if (key == QLatin1String("FILTER_ID"))
                filter.id = value.toInt();
            else if (key == QLatin1String("COMMENT"))
                filter.comment = value;
            else if (key == QLatin1String("PARAMS"))
                filter.params = value.mid(1, value.size() - 2).simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
            else
                s.problems << t;
        } else if (where == QLatin1String("COMPRESSION")) {
            // SZIP { PIXELS_PER_BLOCK 8 / CODING NEAREST NEIGHBOUR / BYTE_ORDER LSB / HEADER RAW }
            s.filters.last().fields.insert(key, value);
        } else if (where == QLatin1String("FILLVALUE")) {
            if (key == QLatin1String("FILL_TIME"))
                s.fillTime = value;
            else if (key == QLatin1String("VALUE"))
                s.fillValue = value;
            else
                s.problems << t;
        } else if (where == QLatin1String("ALLOCATION_TIME")) {
            s.allocTime = t;
        } else if (where == QLatin1String("SOURCE") || where == QLatin1String("VIRTUAL")) {
            DdlMapping &m = s.mappings.last();
            if (key == QLatin1String("FILE"))
                m.sourceFile = quoted(value);
            else if (key == QLatin1String("DATASET"))
                m.sourceDataset = quoted(value);
            else if (key == QLatin1String("SELECTION"))
                selection().kind = value;
            else
                s.problems << t;
        } else if (where == QLatin1String("SELECTION")) {
            selection().parameters.insert(key, listIn(value));
        }
        s.filtersPrinted = s.filtersPrinted || inside("FILTERS");
    }
};

} // namespace

QMap<QString, DdlStorage> parseDdlStorage(const QByteArray &text)
{
    Parser p;
    for (const QByteArray &line : text.split('\n'))
        p.line(QString::fromUtf8(line));
    QMap<QString, DdlStorage> out;
    for (auto it = p.out.cbegin(); it != p.out.cend(); ++it)
        if (!it->layout.isEmpty())
            out.insert(it.key(), it.value());
    return out;
}

} // namespace hs::tests
